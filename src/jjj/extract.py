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
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from pathlib import Path

import pandas as pd

from jjj.io import InputError, read_text, replace_atomically
from jjj.quantities import COLUMNS, Quantity, find_quantities

OUTPUT_COLUMNS = ["surface", "kind", "value", "low", "high", "unit", "qualifier", "window",
                  "start", "end"]
STDIN = "-"


def where(text: str, pos: int) -> tuple[int, int]:
    """Line and column (1-based, in characters) of an offset."""
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def read_input(name: str) -> str:
    """The text of a file, or of standard input for ``-``, with the errors of ``read_text``."""
    if name != STDIN:
        return read_text(name)
    data = sys.stdin.buffer.read()
    if not data.strip():
        raise InputError("<stdin>: input is empty")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        raise InputError(f"<stdin>: not UTF-8 (byte {err.start}); convert it first, e.g. "
                         "`iconv -f GBK -t UTF-8`") from None


def quantities(text: str, name: str = "<text>") -> tuple[list[Quantity], list[str]]:
    """The quantities of a text and one warning per phrase that could not be read."""
    found = find_quantities(text)
    warnings = []
    for q in found:
        if q.kind == "unparsed":
            line, column = where(text, q.start)
            warnings.append(f"{name}:{line}:{column}: cannot read {q.surface!r}: {q.note}")
    return found, warnings


def extract(path: Path | str) -> pd.DataFrame:
    """The quantities of one file as a table (unreadable phrases are ``unparsed`` rows)."""
    found, _ = quantities(read_text(path), str(path))
    return pd.DataFrame([q.as_dict() for q in found], columns=COLUMNS)[OUTPUT_COLUMNS]


def _json_number(x):
    if x is None or (isinstance(x, float) and math.isinf(x)):
        return None  # JSON has no infinity: an open bound is null
    return x


def to_csv(table: pd.DataFrame) -> str:
    buf = io.StringIO()
    table.to_csv(buf, index=False, lineterminator="\n", float_format="%.15g")
    return buf.getvalue()


def to_jsonl(rows: list[dict]) -> str:
    return "".join(
        json.dumps({k: _json_number(v) if k in ("value", "low", "high") else v
                    for k, v in row.items()}, ensure_ascii=False, allow_nan=False) + "\n"
        for row in rows)


def write(path: Path, text: str) -> None:
    """Write the output where the user said (not under $JJJ_OUT), atomically."""
    replace_atomically(path, text.encode("utf-8"))


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
    rows: list[dict] = []
    failed = warned = False
    for name in args.files:
        shown = "<stdin>" if name == STDIN else name
        try:
            text = read_input(name)
        except InputError as err:
            print(f"error: {err}", file=sys.stderr)
            failed = True
            continue
        found, warnings = quantities(text, shown)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        warned = warned or bool(warnings)
        for q in found:
            row = {k: v for k, v in q.as_dict().items() if k in OUTPUT_COLUMNS}
            rows.append({"file": shown, **row} if several else row)

    if failed or (warned and args.strict):
        why = "an input could not be read" if failed else "--strict and a phrase could not be read"
        print(f"nothing written ({why})", file=sys.stderr)
        return 2
    columns = (["file"] if several else []) + OUTPUT_COLUMNS
    if args.format == "jsonl":
        out = to_jsonl(rows)
    else:
        out = to_csv(pd.DataFrame(rows, columns=columns))
    if args.output:
        write(args.output, out)
    else:
        sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
