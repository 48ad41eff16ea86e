"""Every coded column's vocabulary, in one table: a row per code, with its label in each language
and, where charts draw it, its colour.

The engine's vocabularies, which serve any article (what a figure measures, kinds of number and
of metric, qualifiers, statuses, sections, window bases, verdicts, origins), are in
``src/jjj/vocabulary.csv``; an article's own (its kinds of organisation, regions, provinces,
window words, kinds of window) in ``data/<slug>/vocabulary.csv``. A code is looked up by column:
``codes("measure")``, ``label("measure", "stock")`` (in the edition's language unless
``lang`` says), ``color("qualifier", "多")``. A loader that meets a code outside its column's
vocabulary names the file and the row (``jjj.clean``, ``jjj.context``, ``jjj.metrics``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

from jjj import config
from jjj.io import InputError, read_csv

ENGINE = Path(__file__).with_name("vocabulary.csv")
COLUMNS = ["column", "code", "label_zh", "label_en", "color"]
COLOR = re.compile(r"#[0-9a-f]{6}")


def _read(path: Path) -> pd.DataFrame:
    table = read_csv(path, dtype=str).fillna("")
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise InputError(f"{path}: missing columns {missing}")
    for i, r in table.iterrows():
        where = f"{path}, line {i + 2} ({r['column']} {r['code']!r})"
        if not re.fullmatch(r"[a-z_]+", r["column"]):
            raise InputError(f"{where}: a column name is lowercase (a-z, _)")
        if not r["label_zh"].strip() or not r["label_en"].strip():
            raise InputError(f"{where}: label_zh and label_en are both needed")
        if r["color"] and not COLOR.fullmatch(r["color"]):
            raise InputError(f"{where}: color {r['color']!r} is not #rrggbb (lowercase)")
    return table


@functools.cache
def table(article: Path | None = None) -> pd.DataFrame:
    """The engine's vocabularies and the article's, indexed by (column, code); a code defined in
    both, or twice in one, is an error that names the files."""
    article = article or config.VOCABULARY
    both = pd.concat([_read(ENGINE).assign(file=str(ENGINE)), _read(article).assign(file=str(article))],
                     ignore_index=True)
    twice = both[both.duplicated(["column", "code"], keep=False)]
    if len(twice):
        raise InputError(f"{sorted(set(twice['file']))}: defined twice: "
                         f"{sorted(set(zip(twice['column'], twice['code'], strict=True)))}")
    return both.set_index(["column", "code"])


def codes(column: str) -> list[str]:
    """The codes a column may hold, in the order the table gives them."""
    t = table()
    if column not in t.index.get_level_values("column"):
        raise KeyError(f"no vocabulary for the column {column!r}: add its codes to {config.VOCABULARY}")
    return list(t.loc[column].index)


def label(column: str, code: str, lang: str | None = None) -> str:
    """A code in words, in ``lang`` (default: the edition's)."""
    try:
        return table().loc[(column, code), f"label_{lang or config.lang()}"]
    except KeyError:
        raise KeyError(f"{code!r} is not in the vocabulary of {column!r} ({ENGINE}, "
                       f"{config.VOCABULARY})") from None


def labels(column: str, lang: str | None = None) -> dict[str, str]:
    """Every code of a column with its words."""
    return {c: label(column, c, lang) for c in codes(column)}


def color(column: str, code: str) -> str:
    """The colour a chart draws a code in."""
    out = table().loc[(column, code), "color"] if (column, code) in table().index else ""
    if not out:
        raise KeyError(f"{column} {code!r} has no colour in its vocabulary ({config.VOCABULARY})")
    return out


def colors(column: str) -> dict[str, str]:
    """Every code of a column that has a colour, with it."""
    return {c: color(column, c) for c in codes(column) if table().loc[(column, c), "color"]}
