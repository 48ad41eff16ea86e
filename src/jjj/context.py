"""Independent, sourced numbers that give the article's figures a scale (``data/<slug>/external/``).

``load()`` reads and checks ``data/<slug>/external/context.csv`` (hand-kept, one row per sourced number:
value and bounds by the project's convention, as-of date, the period a flow covers, the source it
comes from and where on that source's page it stands) with ``data/<slug>/external/sources.csv`` (one row
per source: publisher, title, address, dates, who stands behind its numbers, the original's
address where the address read is a copy). The bounds are not trusted as typed: each row's ``stated`` is read
again by the extractor (``jjj.quantities``, the one place the convention lives), and a row whose
bounds differ is refused;
``pick`` chooses the row of a quantity and region nearest a date; ``check_bound`` says what a
denominator does to an article's count of the same population (nothing, tightens its upper bound,
or rules the count out). The shares and benchmarks built on them are defined in
``data/<slug>/metrics.csv``, computed by ``jjj.metrics`` and written to ``derived.csv`` with the other
metrics.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from jjj import config, vocab
from jjj.intervals import Interval
from jjj.io import InputError, read_csv

AS_OF = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
# Who stands behind a source's numbers (the vocabulary's origin): the conference's organisers or
# their departments (the article's own origin), another official body or official statistics,
# research, press or a third party with data of its own, or a page that names no original source.
ORIGINS = tuple(vocab.codes("origin"))
# Where on the page a number stands: paragraph N of the body counted from the title (p3; captions,
# bylines and image placeholders not counted), sentence S of it (p1s2), sentence N of a page that
# is one block of text (s5), or table T, row R (t1r4)
LOCATOR = r"^(p[0-9]+(s[0-9]+)?|s[0-9]+|t[0-9]+r[0-9]+)$"
URL = r"^https?://\S+$"


def _bounds(df: pd.DataFrame) -> pd.Series:
    return (df["low"] <= df["value"]) & (df["value"] <= df["high"])  # high may be +inf: open above


SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
        "quantity": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
        "label_zh": pa.Column(str, pa.Check.str_length(min_value=1)),
        "label_en": pa.Column(str, pa.Check.str_length(min_value=1)),
        # a code of the article's vocabulary (looked up when there is a row: an article without
        # context rows needs no regions)
        "region": pa.Column(str, pa.Check(lambda s: s.empty or s.isin(vocab.codes("region")),
                                          error="region: a code of the vocabulary's column region")),
        "value": pa.Column(float, pa.Check.ge(0)),
        "low": pa.Column(float, pa.Check.ge(0)),
        "high": pa.Column(float),
        "unit": pa.Column(str, pa.Check.str_length(min_value=1)),
        "stated": pa.Column(str, pa.Check.str_length(min_value=1)),
        "as_of": pa.Column(str, pa.Check.str_matches(AS_OF)),
        "period_start": pa.Column(str, pa.Check.str_matches(f"({AS_OF})|^$")),
        "period_end": pa.Column(str, pa.Check.str_matches(f"({AS_OF})|^$")),
        "source": pa.Column(str, pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
        "locator": pa.Column(str, pa.Check.str_matches(LOCATOR)),
        # where the period's start is given, when not on the row's own page (empty: it is)
        "start_source": pa.Column(str, pa.Check.str_matches(r"^([a-z][a-z0-9_]*)?$")),
        "start_locator": pa.Column(str, pa.Check.str_matches(f"({LOCATOR[:-1]})?$")),
        "context_for": pa.Column(str),
    },
    checks=[pa.Check(_bounds, error="low <= value <= high")],
    strict=False,
    coerce=True,
)
SOURCES_SCHEMA = pa.DataFrameSchema(
    {
        "source": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
        "publisher": pa.Column(str, pa.Check.str_length(min_value=1)),
        "publisher_en": pa.Column(str, pa.Check.str_length(min_value=1)),  # for the English edition
        "title": pa.Column(str, pa.Check.str_length(min_value=1)),
        "url": pa.Column(str, pa.Check.str_matches(URL)),
        "published": pa.Column(str, pa.Check.str_matches(f"({AS_OF})|^$")),
        "accessed": pa.Column(str, pa.Check.str_matches(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")),
        "origin": pa.Column(str, pa.Check.isin(ORIGINS)),
        # the address read is a repost or mirror, not the publisher's own page
        "copy": pa.Column(str, pa.Check.isin(["yes", "no"])),
        "copy_of": pa.Column(str, pa.Check.str_matches(f"({URL[:-1]})?$")),
    },
    strict=False,
    coerce=True,
)
SOURCE_COLUMNS = ("publisher", "publisher_en", "title", "url", "published", "accessed", "origin", "copy",
                  "copy_of")


def _validate(table: pd.DataFrame, schema: pa.DataFrameSchema, path) -> pd.DataFrame:
    try:
        return schema.validate(table, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases[["column", "check", "index", "failure_case"]].head(10)
        rows = ", ".join(str(i + 2) for i in cases["index"].dropna().astype(int).unique())
        raise InputError(f"{path}: rows {rows} fail the schema:\n{cases.to_string(index=False)}") from None


def sources(path: Path | str = config.SOURCES_CSV) -> pd.DataFrame:
    """``sources.csv`` checked, indexed by source id: who published each source, where, when,
    who stands behind its numbers (:data:`ORIGINS`), and the original's address of a copy."""
    return _validate(read_csv(path, dtype=str).fillna(""), SOURCES_SCHEMA, path).set_index("source")


def load(path: Path | str = config.CONTEXT_CSV, figure_ids=None,
         sources_path: Path | str = config.SOURCES_CSV) -> pd.DataFrame:
    """``context.csv`` checked and joined with its sources: schema, bounds, an as-of date, a source
    that exists and a place on its page on every row, figures it gives context to that exist, and
    no two rows of one quantity, region and date that disagree. Each row gains its source's
    publisher, title, url, dates, origin and ``copy_of``. Errors name the file and the row."""
    table = _validate(read_csv(path, dtype=str).fillna(""), SCHEMA, path)
    src = sources(sources_path)
    for column in ("source", "start_source"):
        unknown = table[~table[column].isin(src.index) & (table[column] != "")]
        if not unknown.empty:
            i, row = next(unknown.iterrows())
            raise InputError(f"{path}: row {i + 2} ({row['id']}): {column} {row[column]!r} "
                             f"is not in {sources_path}")
    uncited = table[(table["start_source"] != "") != (table["start_locator"] != "")]
    if not uncited.empty:
        i, row = next(uncited.iterrows())
        raise InputError(f"{path}: row {i + 2} ({row['id']}): give start_source and start_locator together")
    table = table.join(src[list(SOURCE_COLUMNS)], on="source")
    for i, row in table.iterrows():
        read = reading(row)
        if (read.low, read.value, read.high) != (row["low"], row["value"], row["high"]):
            raise InputError(
                f"{path}: row {i + 2} ({row['id']}): {row['stated']!r} reads as "
                f"[{read.low:g}, {read.high:g}] (value {read.value:g}) under the bounds convention, "
                f"not [{row['low']:g}, {row['high']:g}] (value {row['value']:g})")
    found = conflicts(table)
    if found:
        raise InputError(f"{path}: " + "; ".join(found))
    if figure_ids is not None:
        for i, row in table.iterrows():
            unknown = [f for f in row["context_for"].split(";") if f and f not in figure_ids]
            if unknown:
                raise InputError(
                    f"{path}: row {i + 2} ({row['id']}): context_for names unknown figures {unknown}"
                )
    return table.set_index("id")


def reading(row: pd.Series) -> Interval:
    """A row's number as the extractor reads its ``stated`` (a rounded figure written without a
    qualifier, such as 89.13万个, is marked 约 in ``qualifier`` and read as 约89.13万个)."""
    from jjj.quantities import find_quantities

    stated = row["stated"]
    if row["qualifier"] == "约" and "约" not in stated:
        stated = "约" + stated
    counts = [q for q in find_quantities(stated) if q.kind == "count"]
    if len(counts) != 1:
        raise InputError(f"{config.CONTEXT_CSV}: {row.get('id', row.name)}: {row['stated']!r} "
                         f"holds {len(counts)} counts, not one")
    q = counts[0]
    return Interval(float(q.low), float(q.value), float(q.high))


def conflicts(table: pd.DataFrame) -> list[str]:
    """Rows that cannot all be true: two rows of one quantity, region and date whose ranges do
    not meet, and a cumulative total (a row with a ``period_start``) that falls below an earlier
    total of the same series."""
    out = []
    for key, group in table.groupby(["quantity", "region", "as_of"]):
        if len(group) > 1 and group["low"].max() > group["high"].min():
            rows = ", ".join(f"row {i + 2} ({r['id']}: {r['stated']})" for i, r in group.iterrows())
            out.append(f"{rows} give {key[0]} of {key[1]} at {key[2]} and disagree")
    series = table[table["period_start"] != ""]
    for key, group in series.groupby(["quantity", "region", "period_start"]):
        group = group.sort_values("period_end", kind="stable")
        for (_, early), (_, late) in zip(group.iloc[:-1].iterrows(), group.iloc[1:].iterrows(), strict=True):
            if late["high"] < early["low"]:
                out.append(f"{late['id']} ({late['stated']}, to {late['period_end']}) is below the earlier "
                           f"total {early['id']} ({early['stated']}, to {early['period_end']}) of {key[0]}")
    return out


def capped_reading(ctx: pd.DataFrame) -> pd.DataFrame:
    """The rows with one-sided forms (超过, 以上, 超 …) closed one step above, [N, N + u): the
    reading this project used before it kept them open. Only to show which conflicts the choice
    makes or removes."""
    from decimal import Decimal

    from jjj.quantities import place

    def decimal(v: float) -> Decimal:  # 890000.0 is 890000, whose last digit is the 万
        return Decimal(int(v)) if float(v).is_integer() else Decimal(str(v))

    out = ctx.copy()
    open_ = out["high"] == float("inf")
    out.loc[open_, "high"] = [float(decimal(v) + place(decimal(v))) for v in out.loc[open_, "value"]]
    return out


def pick(ctx: pd.DataFrame, quantity: str, region: str) -> pd.Series:
    """The latest row of a quantity and region (as-of dates compare as text: 2018 < 2018-01 <
    2018-02-07)."""
    rows = ctx[(ctx["quantity"] == quantity) & (ctx["region"] == region)]
    if rows.empty:
        raise KeyError(f"no row of {quantity} for {region} in {config.CONTEXT_CSV}")
    return rows.sort_values("as_of", kind="stable").iloc[-1]


def interval(row: pd.Series) -> Interval:
    """A row's reading, with its digits when the source rounded it (约, inferred or written)."""
    out = Interval(float(row["low"]), float(row["value"]), float(row["high"]))
    return out.rounded_input(row["value"], row["qualifier"])


@dataclass(frozen=True)
class BoundCheck:
    """What a denominator (a count of the same population) does to an article's count."""

    verdict: str  # "within", "tightens" or "impossible"
    high: float  # the article's upper bound after the check

    @property
    def tightens(self) -> bool:
        return self.verdict == "tightens"


def check_bound(article: Interval, whole: Interval) -> BoundCheck:
    """A part cannot exceed its whole: below the article's upper bound the whole tightens it;
    below its lower bound the article's count cannot be a part of that whole at all."""
    if whole.high < article.low:
        return BoundCheck("impossible", article.high)
    if whole.high < article.high:
        return BoundCheck("tightens", whole.high)
    return BoundCheck("within", article.high)


def tight_reading(fig: pd.DataFrame) -> pd.DataFrame:
    """The figures with 多 and 余 read as the next step of the last digit: 1000多 as
    [1000, 1100) rather than [1000, 2000), 6300多 as [6300, 6310). For the sensitivity of shares
    to the reading of 多; the project's own convention is the wide reading."""
    out = fig.copy()
    loose = out["qualifier"].isin(["多", "余"])
    out.loc[loose, "high"] = out.loc[loose, "low"] + (out.loc[loose, "high"] - out.loc[loose, "low"]) / 10
    return out
