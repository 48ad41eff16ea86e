"""Print every quantity of UTF-8 Chinese texts as CSV or JSON lines, without a codebook.

    python -m jjj.extract FILE [FILE ...] [-o OUT] [--format csv|jsonl] [--strict]
    python -m jjj.extract -              (reads standard input)

Columns: surface, kind, value, low, high, unit, qualifier, window, start, end (character offsets,
so ``text[start:end] == surface``); with several inputs a first column ``file`` names each one.
A phrase that looks like a number but cannot be read (or a run of numerals too long to be one)
is a row of kind ``unparsed`` and a warning on stderr (FILE:LINE:COLUMN: …); the rest of the text
is still read. A missing, empty or non-UTF-8 input is an error; the other inputs are still read,
so that every error is reported at once. Output is written only when the run succeeds: after an
error, or a warning with ``--strict``, nothing goes to stdout or ``-o`` (an existing file stays
as it was) and the exit status is 2. ``-o`` is written atomically. In JSON lines an open bound
(``high`` of 超过300家) is null. Use it on the next report before writing its codebook.

Inputs are read and outputs written a block at a time (``blocks``): a block ends at a line break
that no phrase of the grammar spans, so the rows are those of the whole text, and memory stays
bounded however large the input (rows go to a temporary file, which becomes the output when the
run succeeds).
"""

from __future__ import annotations

import argparse
import codecs
import csv
import json
import math
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from jjj.io import InputError
from jjj.quantities import COLUMNS, Quantity, find_quantities

OUTPUT_COLUMNS = ["surface", "kind", "value", "low", "high", "unit", "qualifier", "window",
                  "start", "end"]
STDIN = "-"


def where(text: str, pos: int) -> tuple[int, int]:
    """Line and column (1-based, in characters) of an offset."""
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


BLOCK = 1 << 20  # characters in a block, about: the text is read a block at a time
READ = 1 << 20  # bytes read at a time
NEWLINE = b"\n"
# A line break no phrase of the grammar spans: no space, numeral, sign or separator on either
# side of it (a range, a date and its time, 177.1 亿 may run across a line's end)
_EDGE = (r"[^\s0-9０-９.．,，%％—–\-~～〜至到万亿萬億零〇一二两兩三四五六七八九十百千"
         r"壹贰貳叁肆伍陆陸柒捌玖拾佰仟廿卅]")
SAFE_BREAK = re.compile(f"(?<={_EDGE})\r?\n(?={_EDGE})")


def blocks(chunks: Iterable[str], size: int = BLOCK) -> Iterator[tuple[int, str]]:
    """The text of ``chunks`` in blocks of about ``size`` characters, each ending at a safe line
    break: (offset of the block in the text, block)."""
    pending, offset = "", 0
    for chunk in chunks:
        pending += chunk
        while len(pending) > size:
            m = SAFE_BREAK.search(pending, size)
            if not m:
                break  # no safe break yet: read on
            yield offset, pending[:m.end()]
            offset += m.end()
            pending = pending[m.end():]
    if pending:
        yield offset, pending


def read_chunks(name: str) -> Iterator[str]:
    """The text of a file (or of standard input for ``-``) a chunk at a time, with the errors of
    ``read_text``: missing, empty, not UTF-8 (its byte and line); a byte-order mark dropped."""
    shown = "<stdin>" if name == STDIN else name
    try:
        fh = sys.stdin.buffer if name == STDIN else open(name, "rb")
    except FileNotFoundError:
        raise InputError(f"{shown}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory, not a text file") from None
    decoder = codecs.getincrementaldecoder("utf-8")()
    seen, lines, blank, first = 0, 1, True, True
    try:
        while True:
            data = fh.read(READ)
            held = decoder.getstate()[0]  # the bytes of a character cut by the last read
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError as err:
                at = seen - len(held) + err.start
                line = lines + (held + data)[:err.start].count(NEWLINE)
                raise InputError(
                    f"{shown}: not UTF-8 (byte {at}, line {line}: {data[err.start:err.start + 4]!r}); "
                    "convert it first, e.g. `iconv -f GBK -t UTF-8`"
                ) from None
            seen, lines = seen + len(data), lines + data.count(NEWLINE)
            if first and text:
                text, first = text.removeprefix("\ufeff"), False
            blank = blank and not text.strip()
            if text:
                yield text
            if not data:
                break
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()
    if blank:
        raise InputError(f"{shown}: {'input' if name == STDIN else 'file'} is empty")


def stream(name: str, size: int = BLOCK) -> Iterator[tuple[Quantity, str | None]]:
    """Every quantity of an input, a block at a time, with offsets in the whole text and a
    warning for each phrase that could not be read (``FILE:LINE:COLUMN: …``)."""
    shown = "<stdin>" if name == STDIN else name
    line = 1
    for offset, block in blocks(read_chunks(name), size):
        for q in find_quantities(block):
            warning = None
            if q.kind == "unparsed":
                at_line, column = where(block, q.start)
                warning = f"{shown}:{line + at_line - 1}:{column}: cannot read {q.surface!r}: {q.note}"
            yield q._replace(start=q.start + offset, end=q.end + offset), warning
        line += block.count("\n")


def extract(path: Path | str) -> pd.DataFrame:
    """The quantities of one file as a table (unreadable phrases are ``unparsed`` rows)."""
    found = [q for q, _ in stream(str(path))]
    return pd.DataFrame([q.as_dict() for q in found], columns=COLUMNS)[OUTPUT_COLUMNS]


def _json_number(x):
    if x is None or (isinstance(x, float) and math.isinf(x)):
        return None  # JSON has no infinity: an open bound is null
    return x


def to_jsonl(rows: list[dict]) -> str:
    return "".join(
        json.dumps({k: _json_number(v) if k in ("value", "low", "high") else v
                    for k, v in row.items()}, ensure_ascii=False, allow_nan=False) + "\n"
        for row in rows)


def _cell(x) -> str:
    """A CSV cell as pandas writes it (``%.15g`` for a float, nothing for none)."""
    if x is None:
        return ""
    return f"{x:.15g}" if isinstance(x, float) else str(x)


def _row(q: dict) -> tuple:
    """A row as compared with a test case: numbers rounded (三分之二 is a float), none as None."""
    def number(x):
        return None if x in ("", None) else round(float(x), 9)
    return (q["surface"], q["kind"], number(q["value"]), number(q["low"]), number(q["high"]),
            q["unit"], q["qualifier"], q["window"])


def read_cases(path: Path | str) -> dict[str, tuple[str, str, list[tuple]]]:
    """Test cases of a CSV (case, script, text, then the columns of an expected row; a case with
    no row expected has an empty surface): case → (script, text, expected rows)."""
    cases: dict[str, tuple[str, str, list[tuple]]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for line in csv.DictReader(fh):
            case = cases.setdefault(line["case"], (line["script"], line["text"], []))
            if line["surface"]:
                case[2].append(_row(line))
    return cases


def found_rows(text: str) -> list[tuple]:
    return [_row(q.as_dict()) for q in find_quantities(text)]


def score(path: Path | str) -> dict[str, tuple[int, int, int]]:
    """Per script: rows found and right, rows found, rows expected (precision is the first over
    the second, recall the first over the third)."""
    totals: dict[str, list[int]] = {}
    for script, text, expected in read_cases(path).values():
        found = found_rows(text)
        right = sum(min(found.count(r), expected.count(r)) for r in set(found))
        total = totals.setdefault(script, [0, 0, 0])
        for i, n in enumerate((right, len(found), len(expected))):
            total[i] += n
    return {script: tuple(t) for script, t in totals.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jjj.extract", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files; - is stdin")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    parser.add_argument("--strict", action="store_true",
                        help="a phrase that cannot be read fails the run: status 2, nothing written")
    args = parser.parse_args(argv)

    several = len(args.files) > 1
    columns = (["file"] if several else []) + OUTPUT_COLUMNS
    failed = warned = False
    # rows go to a temporary file beside the output (or anywhere, for stdout), which becomes the
    # output only when the run succeeds: memory stays bounded, nothing is half-written
    folder = args.output.resolve().parent if args.output else None
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".jjj-extract.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            if args.format == "csv":
                writer.writerow(columns)
            for name in args.files:
                shown = "<stdin>" if name == STDIN else name
                try:
                    for q, warning in stream(name):
                        if warning:
                            print(f"warning: {warning}", file=sys.stderr)
                            warned = True
                        row = {k: v for k, v in q.as_dict().items() if k in OUTPUT_COLUMNS}
                        row = {"file": shown, **row} if several else row
                        if args.format == "csv":
                            writer.writerow([_cell(row[c]) for c in columns])
                        else:
                            out.write(to_jsonl([row]))
                except InputError as err:
                    print(f"error: {err}", file=sys.stderr)
                    failed = True
            out.flush()
            os.fsync(out.fileno())
        if failed or (warned and args.strict):
            why = "an input could not be read" if failed else "--strict and a phrase could not be read"
            print(f"nothing written ({why})", file=sys.stderr)
            return 2
        if args.output:
            os.chmod(tmp, 0o644)
            os.replace(tmp, args.output)
        else:
            with open(tmp, encoding="utf-8", newline="") as fh:
                shutil.copyfileobj(fh, sys.stdout)
        return 0
    finally:
        Path(tmp).unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
