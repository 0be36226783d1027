"""Annotate a folder of transcripts into one sentence table and one per-speaker summary.

``run(folder, out)`` promises:

* every ``*.txt``, ``*.html`` and ``*.htm`` directly inside ``folder`` is parsed and annotated
  (:func:`callanalysis.label.annotate.annotate`) in worker processes, all cores by default;
* ``out`` receives ``sentences.parquet``, ``sentences.csv``, ``speakers.parquet`` and
  ``speakers.csv``; every row starts with a ``call`` column, the file's stem;
* rows are ordered by file name, then by the annotator's row order (``sentence_id``), whatever
  the worker timing: results are consumed in submission order;
* memory does not grow with the number of files: at most a fixed window of chunks is in flight,
  and each result is appended to the CSV and to a ``pyarrow.parquet.ParquetWriter`` (in row
  groups of up to ``ROW_GROUP_ROWS`` rows) as soon as it is its turn, then dropped;
* with the default annotator the workers also serialise their results (:class:`Encoded`: the
  CSV lines and an Arrow table of :data:`SENTENCE_SCHEMA` / :data:`SPEAKER_SCHEMA`), so the
  parent only writes bytes and row groups; the files are the same as with tables;
* a file that cannot be used (not a transcript, no call date in its header, annotation error) is
  skipped and reported as one line ``<file>: <problem>``; it never stops the run;
* the four files appear in ``out`` only if at least one transcript succeeded (they are written to
  a temporary folder next to ``out`` and moved in at the end); otherwise nothing is written.

With a custom annotator, column types are fixed by the first call with rows: later calls are
cast to them (integers with gaps become nullable integers); a column with no values in that
call is text; object columns whose values are not strings (lists, dicts) are stored as JSON
text in both outputs. The default annotator's columns and types are fixed by its contract
(:data:`callanalysis.label.columns.COLUMNS`): the same schema, known before the first call.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import shutil
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import IO, Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .label.columns import COLUMNS, INT_COLUMNS
from .errors import TranscriptError
from .parse.sentences import word_count
from .parse.transcript import load

SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm")
FLAGS: dict[str, str] = {"claim": "claims", "forecast": "forecasts", "hedged": "hedged", "boosted": "boosted"}
SPEAKER_COLUMNS: list[str] = [
    "call", "speaker", "role", "sentences", "words", *FLAGS.values(), *(f"{c}_per_100w" for c in FLAGS.values())
]
OUTPUTS: tuple[str, ...] = ("sentences.parquet", "sentences.csv", "speakers.parquet", "speakers.csv")
ROW_GROUP_ROWS = 16_384  # Parquet rows buffered before a row group is written

#: The default annotator's sentence table in the outputs: ``call``, then the annotator's columns
#: (:data:`callanalysis.label.columns.COLUMNS`), integers as int64, the rest text.
SENTENCE_SCHEMA: pa.Schema = pa.schema(
    [pa.field("call", pa.string())]
    + [pa.field(c, pa.int64() if c in INT_COLUMNS else pa.string()) for c in COLUMNS]
)
#: The speaker table in the outputs: names as text, rates per 100 words as floats, counts as int64.
SPEAKER_SCHEMA: pa.Schema = pa.schema([
    pa.field(c, pa.string() if c in ("call", "speaker", "role") else pa.float64() if c.endswith("_per_100w") else pa.int64())
    for c in SPEAKER_COLUMNS
])

Annotator = Callable[[Any], pd.DataFrame]
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Encoded:
    """One call's rows as a sink writes them: CSV lines (no header, ``\\n`` line ends, as
    ``DataFrame.to_csv`` writes them) and the same rows as an Arrow table of the sink's schema."""

    csv: str
    table: pa.Table

    def __len__(self) -> int:
        return self.table.num_rows

    def __reduce__(self) -> tuple[Callable[[str, bytes], Encoded], tuple[str, bytes]]:
        """Pickled with the table as an Arrow IPC stream: a worker sends each call's rows to the
        parent this way, several times faster than pickling the table itself."""
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, self.table.schema) as writer:
            writer.write_table(self.table)
        return _encoded_from_ipc, (self.csv, sink.getvalue().to_pybytes())


def _encoded_from_ipc(csv: str, stream: bytes) -> Encoded:
    """The :class:`Encoded` that ``Encoded.__reduce__`` wrote."""
    return Encoded(csv, pa.ipc.open_stream(pa.py_buffer(stream)).read_all())


@dataclass(frozen=True)
class Outcome:
    """What became of one file: its two tables (as frames or :class:`Encoded`), or the reason
    it was skipped."""

    path: str
    sentences: pd.DataFrame | Encoded | None = None
    speakers: pd.DataFrame | Encoded | None = None
    error: str | None = None


@dataclass
class Report:
    """The run's result: how many calls went in, and one line per skipped file."""

    succeeded: int = 0
    failed: list[str] = field(default_factory=list)
    rows: int = 0


def transcripts(folder: str | Path) -> list[Path]:
    """The transcript files directly inside ``folder``, by name (a one-line error if none)."""
    root = Path(folder)
    if not root.exists():
        raise TranscriptError("no such folder", str(folder))
    if not root.is_dir():
        raise TranscriptError("is a file, not a folder of transcripts", str(folder))
    found = sorted((p for p in root.iterdir() if p.suffix.lower() in SUFFIXES), key=lambda p: p.name)
    if not found:
        raise TranscriptError(f"no transcripts ({', '.join('*' + s for s in SUFFIXES)}) in the folder", str(folder))
    return found


def default_annotator() -> Annotator:
    """:func:`callanalysis.label.annotate.annotate`, imported only when a corpus is run."""
    from .label.annotate import annotate

    return annotate


def speaker_summary(sentences: pd.DataFrame, call: str) -> pd.DataFrame:
    """One row per speaker (in order of first sentence): counts and flags per 100 words."""
    fast = _speaker_summary_fast(sentences, call)
    return fast if fast is not None else _speaker_summary_pandas(sentences, call)


def _speaker_summary_fast(sentences: pd.DataFrame, call: str) -> pd.DataFrame | None:
    """:func:`speaker_summary` in one pass over plain Python lists, or None when it does not apply.

    Applies to the annotator's usual table: ``speaker`` and ``role`` without missing values and
    every flag column present as a (non-nullable) integer column. It gives exactly the frame of
    :func:`_speaker_summary_pandas` (same values, order and dtypes) at a fraction of the cost
    of a pandas group-by per call.
    """
    if sentences.empty or "speaker" not in sentences or "role" not in sentences or "text" not in sentences:
        return None
    if any(flag not in sentences or not pd.api.types.is_integer_dtype(sentences[flag].dtype)
           or pd.api.types.is_extension_array_dtype(sentences[flag].dtype) for flag in FLAGS):
        return None
    if sentences["speaker"].isna().any() or sentences["role"].isna().any():
        return None  # pandas drops missing group keys: leave that case to it
    totals = _speaker_totals(
        sentences["speaker"].tolist(), sentences["role"].tolist(), sentences["text"].tolist(),
        [sentences[flag].tolist() for flag in FLAGS],
    )
    groups = list(totals)
    counts = list(totals.values())
    data: dict[str, Any] = {
        "call": [call] * len(groups),
        "speaker": pd.array([k[0] for k in groups], dtype=sentences["speaker"].dtype),
        "role": pd.array([k[1] for k in groups], dtype=sentences["role"].dtype),
        "sentences": np.array([c[0] for c in counts], dtype=np.int64),
        "words": np.array([c[1] for c in counts], dtype=np.int64),
    }
    for j, col in enumerate(FLAGS.values(), start=2):
        data[col] = np.array([c[j] for c in counts], dtype=np.int64)
    for j, col in enumerate(FLAGS.values(), start=2):
        data[f"{col}_per_100w"] = np.array(
            [c[j] / c[1] * 100 if c[1] > 0 else np.nan for c in counts], dtype=np.float64
        )
    out = pd.DataFrame(data)
    return out[SPEAKER_COLUMNS]


@lru_cache(maxsize=8192)
def _sentence_words(text: str) -> int:
    """:func:`~callanalysis.parse.sentences.word_count` of a sentence, remembered: calls repeat
    sentences ("Thank you.") and a worker sees many calls."""
    return word_count(text)


def _speaker_totals(
    speakers: Sequence[Any], roles: Sequence[Any], texts: Sequence[str], flags: Sequence[Sequence[int]]
) -> dict[tuple[Any, Any], list[int]]:
    """``(speaker, role) -> [sentences, words, *flag sums]`` (flags in :data:`FLAGS` order), in
    order of each key's first sentence."""
    rows_of: dict[tuple[Any, Any], list[int]] = {}  # key -> its row numbers, first-seen order
    for i, key in enumerate(zip(speakers, roles)):
        rows = rows_of.get(key)
        if rows is None:
            rows_of[key] = [i]
        else:
            rows.append(i)
    return {
        key: [
            len(rows),
            sum([_sentence_words(texts[i]) for i in rows]),
            *(sum([column[i] for i in rows]) for column in flags),
        ]
        for key, rows in rows_of.items()
    }


def _speaker_summary_pandas(sentences: pd.DataFrame, call: str) -> pd.DataFrame:
    """:func:`speaker_summary` with a pandas group-by: the general case."""
    d = pd.DataFrame(
        {
            "speaker": sentences["speaker"],
            "role": sentences["role"],
            "words": sentences["text"].map(word_count).astype("int64"),
            **{
                col: pd.to_numeric(sentences[flag], errors="coerce").fillna(0).astype("int64")
                if flag in sentences
                else 0
                for flag, col in FLAGS.items()
            },
        }
    )
    g = d.groupby(["speaker", "role"], sort=False)
    out = g.agg(sentences=("words", "size"), words=("words", "sum"), **{c: (c, "sum") for c in FLAGS.values()})
    out = out.reset_index()
    for col in FLAGS.values():
        out[f"{col}_per_100w"] = (out[col] / out["words"].where(out["words"] > 0) * 100).astype("float64")
    out.insert(0, "call", call)
    return out[SPEAKER_COLUMNS].astype({"sentences": "int64", "words": "int64"})


def annotate_file(path: str, annotator: Annotator | None = None) -> Outcome:
    """Parse and annotate one file into two frames; any problem becomes ``Outcome.error`` (one line)."""

    def tables(call: Any, name: str) -> Outcome:
        table = (annotator or default_annotator())(call).reset_index(drop=True)
        table.insert(0, "call", name)
        return Outcome(path, table, speaker_summary(table, name))

    return _outcome(path, tables)


def encode_file(path: str) -> Outcome:
    """:func:`annotate_file` with the default annotator, its two tables already :class:`Encoded`
    (the same CSV text and Arrow rows as the frames give through a sink)."""

    def encoded(call: Any, name: str) -> Outcome:
        from .label.annotate import annotate

        return Outcome(path, *encode_rows(list(annotate(call).astype(object).itertuples(index=False, name=None)), name))

    return _outcome(path, encoded)


def _outcome(path: str, make: Callable[[Any, str], Outcome]) -> Outcome:
    """``make(call, name)`` for the parsed file, or the one-line reason why it cannot be used."""
    try:
        call = load(path)
        if call.metadata.date is None:
            return Outcome(path, error=f"{path}: call date missing from the header (needed to anchor time expressions)")
        return make(call, Path(path).stem)
    except TranscriptError as exc:
        return Outcome(path, error=f"{path}: {exc.problem}")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the corpus
        problem = " ".join(str(exc).split()) or type(exc).__name__
        return Outcome(path, error=f"{path}: annotation failed ({type(exc).__name__}: {problem})")


def _csv_lines(rows: Iterable[Sequence[object]]) -> str:
    """``rows`` as ``DataFrame.to_csv(header=False, index=False, lineterminator="\\n")`` writes
    them: the same ``csv`` writer, so the same quoting; values must already be text or numbers."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


#: What makes ``csv.writer`` (minimal quoting, ``"\\n"`` line ends) quote a text field.
_CSV_SPECIAL = re.compile('[,"\n]')


def _csv_columns(columns: Sequence[Sequence[object]], schema: pa.Schema) -> str:
    """:func:`_csv_lines` of the rows these columns make, built column by column.

    ``csv.writer`` writes an integer as ``str`` does and a text field as it is unless it holds
    a delimiter, a quote or a line end, which it quotes (doubling quotes); a column of text
    with none of those is written unchanged. Integer columns of ``schema`` must hold ``int``
    values; a text column holding anything but ``str`` falls back to the writer.
    """
    fields: list[Sequence[object]] = []
    for column, f in zip(columns, schema):
        if pa.types.is_integer(f.type):
            fields.append(list(map(str, column)))
            continue
        try:
            plain = not _CSV_SPECIAL.search("\0".join(column))  # type: ignore[arg-type]
        except TypeError:  # not all text
            return _csv_lines(zip(*columns))
        fields.append(column if plain else [_csv_quoted(v) for v in column])  # type: ignore[arg-type]
    if len(fields) < 2 or not fields[0]:  # the writer quotes a lone empty field; no rows: no text
        return _csv_lines(zip(*columns))
    return "\n".join(map(",".join, zip(*fields))) + "\n"  # type: ignore[arg-type]


def _csv_quoted(value: str) -> str:
    """One text field as ``csv.writer`` writes it (see :func:`_csv_columns`)."""
    return '"' + value.replace('"', '""') + '"' if _CSV_SPECIAL.search(value) else value


def _arrow_table(columns: Sequence[Sequence[object]], schema: pa.Schema) -> pa.Table:
    """Columns of Python values as a table of ``schema`` (NaN becomes null, as from pandas)."""
    return pa.Table.from_arrays(
        [pa.array(c, type=f.type, from_pandas=True) for c, f in zip(columns, schema)], schema=schema
    )


_SPEAKER, _ROLE, _TEXT = (SENTENCE_SCHEMA.names.index(c) for c in ("speaker", "role", "text"))
_FLAG_COLUMNS = tuple(SENTENCE_SCHEMA.names.index(f) for f in FLAGS)


def encode_rows(rows: Sequence[Sequence[object]], call: str) -> tuple[Encoded, Encoded]:
    """The sentence and speaker tables of one call, from the default annotator's rows
    (:func:`callanalysis.label.annotate.annotate` as tuples): what :func:`annotate_file` and a sink make
    of them, without building a frame."""
    n = len(rows)
    columns: list[Sequence[object]] = [[call] * n, *zip(*rows)] if n else [[] for _ in SENTENCE_SCHEMA]
    sentences = Encoded(_csv_columns(columns, SENTENCE_SCHEMA), _arrow_table(columns, SENTENCE_SCHEMA))
    totals = _speaker_totals(columns[_SPEAKER], columns[_ROLE], columns[_TEXT], [columns[i] for i in _FLAG_COLUMNS])  # type: ignore[arg-type]
    summary = [
        (call, speaker, role, *counts, *(c / counts[1] * 100 if counts[1] > 0 else math.nan for c in counts[2:]))
        for (speaker, role), counts in totals.items()
    ]
    speakers = Encoded(
        _csv_lines(tuple("" if v != v else v for v in r) for r in summary),  # NaN is an empty field
        _arrow_table(list(zip(*summary)) if summary else [[] for _ in SPEAKER_SCHEMA], SPEAKER_SCHEMA),
    )
    return sentences, speakers


def _annotate_chunk(paths: list[str], annotator: Annotator | None = None) -> list[Outcome]:
    if annotator is None:
        return [encode_file(p) for p in paths]
    return [annotate_file(p, annotator) for p in paths]


def ordered_imap(executor: Executor | None, fn: Callable[[T], R], items: Iterable[T], window: int) -> Iterator[R]:
    """``map(fn, items)`` in order, with at most ``window`` calls in flight (or in-process)."""
    if executor is None:
        yield from map(fn, items)
        return
    it = iter(items)
    pending = deque(executor.submit(fn, x) for _, x in zip(range(window), it))
    while pending:
        result = pending.popleft().result()
        for x in it:
            pending.append(executor.submit(fn, x))
            break
        yield result


def _json_cell(v: object) -> object:
    if v is None or isinstance(v, str) or (isinstance(v, float) and v != v):
        return v
    return json.dumps(v, ensure_ascii=False, default=str, sort_keys=True)


def _arrow_type(s: pd.Series) -> pa.DataType:
    if pd.api.types.is_bool_dtype(s):
        return pa.bool_()
    if pd.api.types.is_integer_dtype(s):
        return pa.int64()
    if pd.api.types.is_float_dtype(s):
        return pa.float64()
    kind = pd.api.types.infer_dtype(s, skipna=True)  # an object column: look at its values
    return {"integer": pa.int64(), "floating": pa.float64(), "mixed-integer-float": pa.float64(), "boolean": pa.bool_()}.get(
        kind, pa.string()
    )


def _learned_schema(df: pd.DataFrame) -> pa.Schema:
    """The schema a custom annotator's first call with rows fixes (see the module docstring)."""
    return pa.schema([pa.field(str(c), _arrow_type(df[c])) for c in df.columns])


def _already(s: pd.Series, kind: pa.DataType) -> bool:
    """Is ``s`` already of a dtype that :func:`_conform` would only re-wrap for ``kind``?

    A pandas string column (either string dtype), a NumPy ``int64``, ``float64`` or ``bool``
    column gives the same CSV text and the same Arrow column as its conversion to ``string``,
    ``Int64``, ``float64`` or ``boolean``: no missing values hide in NumPy integers and booleans,
    and missing strings are written as empty fields and nulls either way.
    """
    dtype = s.dtype
    if pa.types.is_string(kind):
        return isinstance(dtype, pd.StringDtype)
    if pa.types.is_integer(kind):
        return dtype == np.dtype("int64")
    if pa.types.is_floating(kind):
        return dtype == np.dtype("float64")
    if pa.types.is_boolean(kind):
        return dtype == np.dtype("bool")
    return False


def _conform(df: pd.DataFrame, schema: pa.Schema) -> pd.DataFrame:
    """``df`` with the schema's columns in its order and types (see the module docstring)."""
    out = {}
    for f in schema:
        s = df[f.name] if f.name in df else pd.Series([None] * len(df), index=df.index, dtype=object)
        if _already(s, f.type):
            pass  # written exactly as the converted column would be: skip the copy
        elif pa.types.is_string(f.type):
            if pd.api.types.infer_dtype(s, skipna=True) not in ("string", "empty"):
                s = s.astype(object).map(_json_cell)
            s = s.astype("string")
        elif pa.types.is_integer(f.type):
            s = pd.to_numeric(s, errors="coerce").astype("Int64")
        elif pa.types.is_floating(f.type):
            s = pd.to_numeric(s, errors="coerce").astype("float64")
        else:
            s = s.astype("boolean")
        out[f.name] = s
    return pd.DataFrame(out, index=df.index)


class _TableSink:
    """Appends calls to one CSV and one Parquet file: frames with the first frame's schema, or
    :class:`Encoded` rows of the schema given up front."""

    def __init__(self, folder: Path, stem: str, schema: pa.Schema | None = None) -> None:
        self.csv_path, self.parquet_path = folder / f"{stem}.csv", folder / f"{stem}.parquet"
        self.schema = schema
        self.writer: pq.ParquetWriter | None = None
        self.csv: IO[str] | None = None
        self.empty: pd.DataFrame | None = None  # a call with no rows, kept for its columns
        self.pending: list[pa.Table] = []  # the next row group
        self.pending_rows = 0

    def _open(self, schema: pa.Schema) -> None:
        self.schema = schema
        self.writer = pq.ParquetWriter(self.parquet_path, schema)
        self.csv = open(self.csv_path, "w", encoding="utf-8", newline="")  # noqa: SIM115

    def append(self, rows: pd.DataFrame | Encoded) -> None:
        if isinstance(rows, Encoded):
            self._append_encoded(rows)
            return
        df = rows
        if self.writer is None:
            if df.empty:  # no rows to learn types from: wait for a call that has some
                self.empty = df
                return
            self._open(_learned_schema(df))
        assert self.schema is not None and self.writer is not None and self.csv is not None
        conformed = _conform(df, self.schema)
        conformed.to_csv(self.csv, header=self.csv.tell() == 0, index=False, lineterminator="\n")
        self._add(pa.Table.from_pandas(conformed, schema=self.schema, preserve_index=False))

    def _append_encoded(self, rows: Encoded) -> None:
        if self.writer is None:
            assert self.schema is not None, "encoded rows need the schema up front"
            self._open(self.schema)
        assert self.csv is not None
        if self.csv.tell() == 0:
            self.csv.write(_csv_lines([self.schema.names]))
        self.csv.write(rows.csv)
        self._add(rows.table)

    def _add(self, table: pa.Table) -> None:
        """Queue ``table`` for the next row group, writing the group once it is full."""
        self.pending.append(table)
        self.pending_rows += table.num_rows
        if self.pending_rows >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.pending and self.writer is not None:
            self.writer.write_table(pa.concat_tables(self.pending), row_group_size=max(self.pending_rows, 1))
        self.pending, self.pending_rows = [], 0

    def close(self) -> None:
        if self.writer is None and self.empty is not None:  # every call was empty: header-only outputs
            self._open(_learned_schema(self.empty))
            self.append(self.empty)
        if self.writer is not None:
            self._flush()
            self.writer.close()
            self.writer = None
        if self.csv is not None:
            self.csv.close()
            self.csv = None


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\r{done}/{total} transcripts")
    sys.stderr.flush()


def run(
    folder: str | Path,
    out: str | Path,
    workers: int | None = None,
    chunksize: int | None = None,
    annotator: Annotator | None = None,
    progress: bool | None = None,
    report: Callable[[str], None] | None = None,
) -> Report:
    """Annotate every transcript in ``folder`` into ``out`` (see the module docstring).

    ``report`` receives each skipped file's one-line reason as it happens (default: stderr).
    ``annotator`` defaults to :func:`callanalysis.label.annotate.annotate`; it must be picklable
    (a module-level function) when ``workers > 1``.
    """
    files = transcripts(folder)
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise TranscriptError("output path is a file, not a folder", str(out))
    if not target.parent.exists():
        raise TranscriptError("the output folder's parent does not exist", str(out))
    say = report or (lambda line: print(line, file=sys.stderr))
    show = sys.stderr.isatty() if progress is None else progress
    workers = max(1, workers or len(os.sched_getaffinity(0)))
    # at least ~8 chunks per worker: the last chunks then leave little idle time at the end;
    # small chunks also keep little in flight (each holds its files' results until it is sent)
    chunksize = chunksize or max(1, min(2, len(files) // (workers * 8)))
    chunks = [[str(p) for p in files[i : i + chunksize]] for i in range(0, len(files), chunksize)]
    stems: dict[str, str] = {}
    for p in files:
        if p.stem in stems:
            say(f"{p}: warning: same call name '{p.stem}' as {stems[p.stem]}")
        stems.setdefault(p.stem, p.name)

    result = Report()
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.tmp-"))
    known = annotator is None  # the default annotator's schemas are known up front
    sentences = _TableSink(tmp, "sentences", SENTENCE_SCHEMA if known else None)
    speakers = _TableSink(tmp, "speakers", SPEAKER_SCHEMA if known else None)
    if annotator is None:
        try:  # load the annotator (and its lexicons) once, before the workers fork
            default_annotator()
        except ImportError:
            pass  # each file will then report the import error as its problem
    executor = ProcessPoolExecutor(workers) if workers > 1 and len(files) > 1 else None
    try:
        done = 0
        task = partial(_annotate_chunk, annotator=annotator)
        for outcomes in ordered_imap(executor, task, chunks, window=2 * workers):
            for o in outcomes:
                done += 1
                if o.error is not None:
                    if show:
                        sys.stderr.write("\r\033[K")
                    result.failed.append(o.error)
                    say(o.error)
                else:
                    assert o.sentences is not None and o.speakers is not None
                    sentences.append(o.sentences)
                    speakers.append(o.speakers)
                    result.succeeded += 1
                    result.rows += len(o.sentences)
                if show:
                    _progress(done, len(files))
        if show:
            sys.stderr.write("\n")
        sentences.close()
        speakers.close()
        if result.succeeded:
            target.mkdir(exist_ok=True)
            for name in OUTPUTS:
                os.replace(tmp / name, target / name)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
        sentences.close()
        speakers.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return result
