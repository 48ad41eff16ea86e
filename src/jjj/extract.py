"""Print every quantity in a UTF-8 Chinese text as CSV, without a codebook.

    python -m jjj.extract FILE [-o OUT.csv]

Columns: surface, kind, value, low, high, unit, qualifier, window, start, end (character offsets,
so ``text[start:end] == surface``). Use it on the next report before writing its codebook.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pandas as pd

from jjj.io import InputError, atomic_write_text, read_text
from jjj.quantities import COLUMNS, ParseError, find_quantities

OUTPUT_COLUMNS = ["surface", "kind", "value", "low", "high", "unit", "qualifier", "window",
                  "start", "end"]


def extract(path: Path | str) -> pd.DataFrame:
    """The quantities of one file as a table (errors name the file and the place)."""
    text = read_text(path)
    try:
        rows = [q.as_dict() for q in find_quantities(text)]
    except ParseError as err:
        raise InputError(f"{path}: {err}") from None
    return pd.DataFrame(rows, columns=COLUMNS)[OUTPUT_COLUMNS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jjj.extract", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="write the CSV here instead of stdout")
    args = parser.parse_args(argv)
    try:
        table = extract(args.file)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    buf = io.StringIO()
    table.to_csv(buf, index=False, lineterminator="\n", float_format="%.15g")
    if args.output:
        atomic_write_text(args.output, buf.getvalue())
    else:
        sys.stdout.write(buf.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
