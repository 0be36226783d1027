"""``callanalysis.present.provenance``: the numbers the reproducibility appendix shows."""

from __future__ import annotations

import ast
import hashlib
from datetime import datetime, timezone
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from callanalysis.present import provenance

ROOT = Path(__file__).resolve().parents[1]
SEED_SHA256 = "c24a3e3252badfbe7991da508f6d728de4b2eaa1dbc201e9d7441ed6f124d182"


def test_sha256_matches_hashlib(tmp_path):
    path = tmp_path / "f.bin"
    data = bytes(range(256)) * 1000
    path.write_bytes(data)
    assert provenance.sha256(path) == hashlib.sha256(data).hexdigest()


def test_input_files_lists_every_file_recursively_and_skips_hidden(tmp_path):
    root = tmp_path / "repo"
    (root / "data/raw/sub").mkdir(parents=True)
    (root / "data/raw/a.txt").write_text("a")
    (root / "data/raw/sub/b.csv").write_text("b")
    (root / "data/raw/.DS_Store").write_text("x")
    (root / "data/lexicons").mkdir()
    (root / "data/lexicons/h.csv").write_text("hedge")
    outside = tmp_path / "other.txt"
    outside.write_text("other")
    df = provenance.input_files(
        root, dirs=("data/raw", "data/lexicons", "data/missing"), extra=[outside, root / "data/raw/a.txt"]
    )
    assert list(df["file"]) == ["data/raw/a.txt", "data/raw/sub/b.csv", "data/lexicons/h.csv", str(outside.resolve())]
    assert list(df.columns) == ["file", "bytes", "sha256"]
    assert df.loc[0, "sha256"] == hashlib.sha256(b"a").hexdigest()
    assert df.loc[2, "bytes"] == 5


def test_input_files_of_the_repository_cover_every_input_folder():
    df = provenance.input_files()
    folders = {f.rsplit("/", 1)[0] for f in df["file"]}
    assert set(provenance.INPUT_DIRS) <= folders
    seed = df.set_index("file").loc["data/raw/tsla-2024-q1-earnings-call.txt"]
    assert seed["sha256"] == SEED_SHA256  # as documented in data/README.md
    assert SEED_SHA256 in (ROOT / "data" / "README.md").read_text(encoding="utf-8")


def test_read_pins_ignores_hashes_comments_and_options(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text(
        "#\n# header\n#\n--index-url https://example.invalid/simple\n"
        "Foo_Bar==1.2.3 \\\n    --hash=sha256:abc \\\n    --hash=sha256:def\n    # via x\n"
        "baz==0.1 ; python_version >= '3.8'\n"
        "-e .\n"
    )
    assert provenance.read_pins(req) == {"Foo_Bar": "1.2.3", "baz": "0.1"}


def test_pinned_requirements_compares_with_installed(tmp_path):
    import pytest as _pytest

    req = tmp_path / "requirements.txt"
    req.write_text(
        f"pytest=={_pytest.__version__}\n"
        "pandas==0.0.1\n"
        "surely-not-installed-callanalysis-xyz==1.0\n"
    )
    df = provenance.pinned_requirements(req).set_index("package")
    assert bool(df.loc["pytest", "matches"]) is True
    assert bool(df.loc["pandas", "matches"]) is False
    assert df.loc["surely-not-installed-callanalysis-xyz", "installed"] == "not installed"


def test_the_environment_matches_requirements_txt():
    """What the appendix reports: the build environment is the pinned one."""
    df = provenance.pinned_requirements()
    assert len(df) > 50
    drifted = df[~df["matches"]]
    assert drifted.empty, f"installed versions differ from requirements.txt:\n{drifted}"


def test_package_versions():
    df = provenance.package_versions(["pandas", "surely-not-installed-callanalysis-xyz"])
    assert df.loc[0, "version"] != "not installed"
    assert df.loc[1, "version"] == "not installed"
    key = provenance.package_versions()
    assert {"callanalysis", "jupyter-book", "altair", "pandas"} <= set(key["package"])
    assert (key["version"] != "not installed").all()


def test_build_date_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1713907800")
    assert provenance.build_date() == datetime(2024, 4, 23, 21, 30, tzinfo=timezone.utc)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    now = provenance.build_date()
    assert now.tzinfo is timezone.utc and abs((datetime.now(timezone.utc) - now).total_seconds()) < 60


def test_git_revision_falls_back_to_github_sha(monkeypatch, tmp_path):
    monkeypatch.setenv("GITHUB_SHA", "f" * 40)
    assert provenance.git_revision(tmp_path) == "f" * 40  # not a git work tree
    monkeypatch.delenv("GITHUB_SHA")
    assert provenance.git_revision(tmp_path) is None


def test_make_targets_lists_the_documented_commands():
    commands = set(provenance.make_targets()["command"])
    assert {"make book", "make test", "make run", "make lab", "make pdf"} <= commands


def test_make_targets_parses_help_comments(tmp_path):
    makefile = tmp_path / "Makefile"
    makefile.write_text("book: $(STAMP)  ## Build it\n\t@echo\n$(PY):\n\tx\nhidden:\n\ty\n")
    df = provenance.make_targets(makefile)
    assert df.to_dict("records") == [{"command": "make book", "what it does": "Build it"}]


@pytest.mark.parametrize("given", [ROOT / "data/raw/tsla-2024-q1-earnings-call.txt",
                                   "data/raw/tsla-2024-q1-earnings-call.txt"], ids=["absolute", "relative"])
def test_summary_names_the_transcript_and_its_hash(given, monkeypatch):
    monkeypatch.chdir(ROOT)
    facts = provenance.summary(given)
    assert facts["transcript"] == "data/raw/tsla-2024-q1-earnings-call.txt"
    assert facts["transcript_sha256"] == SEED_SHA256
    assert facts["built"].endswith("UTC")


def test_lab_requirements_agree_with_the_report_pins():
    """``make lab`` adds JupyterLab without moving any package the report uses."""
    report_pins = {canonicalize_name(k): v for k, v in provenance.read_pins(ROOT / "requirements.txt").items()}
    lab_pins = {canonicalize_name(k): v for k, v in provenance.read_pins(ROOT / "requirements-lab.txt").items()}
    assert {"jupyterlab", "jupytext"} <= set(lab_pins)
    differ = {k: (v, report_pins[k]) for k, v in lab_pins.items() if k in report_pins and report_pins[k] != v}
    assert not differ, f"requirements-lab.txt pins differ from requirements.txt: {differ}"
    text = (ROOT / "requirements-lab.txt").read_text(encoding="utf-8")
    # Every pin carries at least one hash (pip install --require-hashes).
    entries = [e for e in text.split("\n") if "==" in e and not e.startswith("#")]
    assert all(e.rstrip().endswith("\\") for e in entries), "a pin without --hash lines"


def test_no_present_module_imports_from_the_layers_above_it():
    """Imports flow one way (parse <- label <- measure <- present <- report/cli/corpus)."""
    above = {"report", "cli", "corpus"}
    for module in (ROOT / "src/callanalysis/present").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                assert not {(node.module or "").split(".")[0], *(a.name for a in node.names)} & above, module.name
