"""Book tables: escaped cells, sentence links, external links, sortable markup, CSV downloads."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pandas as pd
import pytest

from callanalysis.present import tables


def test_cells_are_html_escaped():
    out = str(tables.html_table(pd.DataFrame({"text": ["<b>bold</b> & more"]})))
    assert "<b>bold" not in out and "&lt;b&gt;bold&lt;/b&gt; &amp; more" in out


def test_sentence_id_links_to_the_annotated_transcript():
    out = str(tables.html_table(pd.DataFrame({"sentence_id": [12], "text": ["x"]})))
    assert 'href="07_transcript.html#s-12"' in out


def test_links_column_makes_http_links_and_hides_the_url_column():
    df = pd.DataFrame({"source": ["Engadget", "local"], "url": ["https://example.org/a?b=1&c=2", "javascript:alert(1)"]})
    out = str(tables.html_table(df, links={"source": "url"}))
    assert 'href="https://example.org/a?b=1&amp;c=2"' in out
    assert "javascript:" not in out and ">url<" not in out


def test_table_is_marked_sortable_with_numeric_sort_keys():
    out = str(tables.html_table(pd.DataFrame({"words": [1200, 15]})))
    assert "data-sortable" in out and 'data-sort="1200.0"' not in out and 'data-sort="1200"' in out


def test_whole_numbers_have_thousands_separators_but_years_do_not():
    out = str(tables.html_table(pd.DataFrame({"words": [4488], "fiscal_year": [2024]})))
    assert ">4,488<" in out and ">2024<" in out


def test_max_rows_says_how_many_are_shown():
    out = str(tables.html_table(pd.DataFrame({"n": range(10)}), max_rows=3))
    assert out.count("<tr>") == 4 and "Showing 3 of 10 rows" in out


def test_download_link_carries_the_exact_csv_bytes():
    df = pd.DataFrame({"a": [1, 2], "b": ["x", "ü"]})
    out = str(tables.download_link(df, "t.csv"))
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", out).group(1)
    assert base64.b64decode(payload).decode("utf-8") == df.to_csv(index=False, lineterminator="\n")
    assert 'download="t.csv"' in out


def test_a_column_of_sentences_is_marked_as_prose():
    df = pd.DataFrame({"label": ["claim"], "text": ["So, you see that, OK, every failure is how you drive the intersection, they get the data back."]})
    markup = str(tables.html_table(df))
    assert '<td class="prose"' in markup and markup.count('class="prose"') == 1


def test_short_text_columns_are_not_prose():
    df = pd.DataFrame({"label": ["claim"], "speaker": ["Elon Musk"]})
    assert 'class="prose"' not in str(tables.html_table(df))


def test_only_the_longest_prose_column_keeps_a_width():
    long, longer = "word " * 20, "word " * 30
    markup = str(tables.html_table(pd.DataFrame({"evidence": [long], "why": [longer]})))
    assert markup.count('class="prose"') == 1 and 'class="prose" data-sort="' + longer in markup


def test_raw_html_has_a_plain_text_form_without_a_memory_address():
    shown = repr(tables.HTML("<p>hello</p>"))
    assert shown == "<HTML: 12 characters>"
    assert " at 0x" not in shown


def _csv(link: tables.HTML) -> str:
    return base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", str(link)).group(1)).decode("utf-8")


def test_a_sentence_that_is_a_formula_downloads_as_text():
    attack = '=HYPERLINK("http://evil.example/","click")'
    csv = _csv(tables.download_link(pd.DataFrame({"text": [attack]}), "t.csv"))
    assert csv.splitlines()[1] == "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\""


@pytest.mark.parametrize("cell", ["=1+1", "@SUM(A1:A2)", "+cmd|' /C calc'!A0", "-HYPERLINK(1)", "+1+1", "\t=1", "\r=1"])
def test_every_formula_start_owasp_names_is_prefixed_with_an_apostrophe(cell):
    safe, changed = tables.spreadsheet_safe(pd.DataFrame({"text": [cell]}))
    assert safe.loc[0, "text"] == "'" + cell and changed == 1


@pytest.mark.parametrize("cell", ["-0.3", "+1,200", "-12%", "-", "plain text", "Q&A", "e=mc2"])
def test_numbers_and_ordinary_text_download_unchanged(cell):
    safe, changed = tables.spreadsheet_safe(pd.DataFrame({"text": [cell]}))
    assert safe.loc[0, "text"] == cell and changed == 0


def test_numeric_columns_keep_their_negative_numbers():
    df = pd.DataFrame({"change": [-1.5, 2.0], "n": [-3, 4]})
    assert _csv(tables.download_link(df, "t.csv")) == df.to_csv(index=False, lineterminator="\n")


def test_the_download_says_how_many_cells_were_made_text():
    df = pd.DataFrame({"text": ["=1+1", "@x", "fine"]})
    out = str(tables.download_link(df, "t.csv"))
    assert "2 cells that a spreadsheet would run as formulas start with an apostrophe" in out
    assert "apostrophe" not in str(tables.download_link(pd.DataFrame({"text": ["fine"]}), "t.csv"))


def test_the_table_itself_is_not_changed_for_the_download():
    df = pd.DataFrame({"text": ["=1+1"]})
    tables.download_link(df, "t.csv")
    assert df.loc[0, "text"] == "=1+1"


def test_the_command_line_data_output_stays_exact(tmp_path):
    """Only the book's downloads are made spreadsheet-safe; `callanalysis annotate` writes cells as they are."""
    import subprocess
    import sys

    transcript = tmp_path / "call.txt"
    minimal = (Path(__file__).parent / "fixtures" / "minimal.txt").read_text(encoding="utf-8")
    transcript.write_text(minimal.replace("Thanks, Jane.", '=HYPERLINK("http://evil.example/","click")'), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "callanalysis", "annotate", str(transcript)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert '=HYPERLINK(""http://evil.example/""' in out.stdout and "'=HYPERLINK" not in out.stdout


def test_a_table_of_up_to_long_rows_shows_whole_and_a_longer_one_is_filterable():
    short = str(tables.html_table(pd.DataFrame({"n": range(tables.LONG_ROWS)})))
    long = str(tables.html_table(pd.DataFrame({"n": range(tables.LONG_ROWS + 1)})))
    assert "data-filterable" not in short and "ca-table-long" not in short
    assert "data-filterable" in long and 'class="ca-table-wrap ca-table-long"' in long


def test_cells_and_rows_are_apart_for_the_search_index():
    """Sphinx's search strips the tags of raw HTML: neighbouring cells must not run into one word."""
    out = str(tables.html_table(pd.DataFrame({"a": ["Canaccord", "x"], "b": ["Genuity", "y"]})))
    assert "Canaccord Genuity" in re.sub(r"<[^<]+?>", "", out).replace("\n", " ")


def test_a_column_of_hashes_may_break_anywhere():
    df = pd.DataFrame({"file": ["a.txt"], "sha256": ["c24a3e3252badfbe7991da508f6d728de4b2eaa1dbc201e9d7441ed6f124d182"]})
    markup = str(tables.html_table(df))
    assert '<td class="break" data-sort="c24a' in markup and '<td data-sort="a.txt"' in markup
