"""Reconciling each figure of the article with what independent sources say about it.

Right after the cleaning and before any analysis, every figure is joined with the context rows
that bear on it (``data/external/evidence.csv``, hand-kept: the figure, the row, and the
relation):

``same``   the row counts the same quantity of the same population (the campaign's own release);
``whole``  the row counts a whole that the figure's population is part of (all foundations in
           China for the three regions' foundations): it can only cap the figure from above.

The **resolved reading** is the article's interval narrowed by that evidence: the intersection
with every ``same`` row, and no higher than any ``whole``. A ``same`` row that covers a period
(``period_start`` to ``period_end``) also gives the figure its window: the poverty paragraph's
totals hold for the campaign's period, not for the article's ten years. The verdict says what
the evidence did, in a fixed vocabulary (:data:`VERDICTS`); the article's own statement stays
beside it in ``stated_*``. Every later table, metric and chart uses the resolved reading
(``jjj.data.figures``).
"""

from __future__ import annotations

import pandas as pd

from jjj import config
from jjj.i18n import N_
from jjj.intervals import Interval
from jjj.io import InputError, read_csv, write_csv

# Strongest first: a figure's verdict is the first that applies.
VERDICTS = {
    "contradicted": N_("矛盾"),  # the evidence leaves no value the article's wording allows
    "tightened": N_("收紧"),  # the evidence narrows the range (an exact count, a smaller whole)
    "confirmed": N_("证实"),  # an independent source states the same figure
    "consistent": N_("相容"),  # the evidence agrees but narrows nothing
    "unchecked": N_("无从核对"),  # no independent source found (data/external/searched.csv)
}
RELATIONS = ("same", "whole")
# The reading the check resolves: what replaces the article's in the figures table.
RESOLVED = ("value", "low", "high", "window_basis", "window_start", "window_end", "window_years",
            "years_low", "years_high")
STATED = ("value", "low", "high", "window_start", "window_end", "years_low", "years_high")
COLUMNS = ["id", "verdict", "evidence", "stated", *(f"stated_{c}" for c in STATED), *RESOLVED]
DAYS_PER_YEAR = 365.25


def load_evidence(path=config.EVIDENCE_CSV, figure_ids=None, context_ids=None) -> pd.DataFrame:
    """``evidence.csv`` checked: known relations, figures and context rows that exist."""
    table = read_csv(path, dtype=str).fillna("")
    for i, row in table.iterrows():
        where = f"{path}: row {i + 2}"
        if row["relation"] not in RELATIONS:
            raise InputError(f"{where}: relation {row['relation']!r} is not one of {RELATIONS}")
        if figure_ids is not None and row["figure"] not in figure_ids:
            raise InputError(f"{where}: unknown figure {row['figure']!r}")
        if context_ids is not None and row["context"] not in context_ids:
            raise InputError(f"{where}: unknown context row {row['context']!r}")
    return table


def date_span(date: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day a date at any precision (2019, 2019-10, 2019-10-16) can mean."""
    first = pd.Timestamp(date)
    if len(date) == 4:
        return first, first + pd.offsets.YearEnd(0)
    if len(date) == 7:
        return first, first + pd.offsets.MonthEnd(0)
    return first, first


def period_years(start: str, end: str) -> tuple[float, float]:
    """The shortest and longest length in years of a period given at the precision of its
    sources: 2017-12 to 2020-10-28 runs from 2.82 years (from 31 December) to 2.91 (from the 1st)."""

    (s_early, s_late), (e_early, e_late) = date_span(start), date_span(end)
    return ((e_early - s_late).days / DAYS_PER_YEAR, (e_late - s_early).days / DAYS_PER_YEAR)


def verdict(article: Interval, same: list[Interval], wholes: list[Interval]) -> tuple[str, Interval]:
    """What the evidence does to one figure, and the resolved interval.

    A ``same`` row that does not meet the article's range, or a whole below its lower bound,
    contradicts it (the article's interval is kept, so that nothing downstream silently moves).
    """
    low, high = article.low, article.high
    for s in same:
        low, high = max(low, s.low), min(high, s.high)
    for w in wholes:
        high = min(high, w.high)
    if low > high:
        return "contradicted", article
    if (low, high) != (article.low, article.high):
        value = (
            article.value
            if low <= article.value <= high
            else next((s.value for s in same if low <= s.value <= high), low)
        )
        return "tightened", Interval(low, value, high)
    if any((s.low, s.high) == (article.low, article.high) for s in same):
        return "confirmed", article
    return ("consistent" if same or wholes else "unchecked"), article


def reconcile(fig: pd.DataFrame, ctx: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per figure (``fig`` indexed by id, the article's reading; ``ctx`` from
    ``jjj.context.load``): the article's statement, the verdict, the evidence, the resolved
    reading and window."""
    from jjj import context

    rows = []
    for fid, f in fig.iterrows():
        ev = evidence[evidence["figure"] == fid]
        same_ids = list(ev.loc[ev["relation"] == "same", "context"])
        whole_ids = list(ev.loc[ev["relation"] == "whole", "context"])
        row = {
            "id": fid,
            "stated": f["surface"],
            **{f"stated_{k}": f[k] for k in STATED},
            **{k: f[k] for k in RESOLVED},  # the article's reading until the evidence changes it
        }
        if f["kind"] != "count":
            rows.append(
                row
                | {
                    "verdict": "unchecked",
                    "evidence": "",
                    "value": f["value"],
                    "low": f["low"],
                    "high": f["high"],
                }
            )
            continue
        v, resolved = verdict(
            Interval.of(f),
            [context.interval(ctx.loc[c]) for c in same_ids],
            [context.interval(ctx.loc[c]) for c in whole_ids],
        )
        row |= {"verdict": v, "evidence": ";".join(same_ids + whole_ids), **resolved.as_dict()}
        periods = {(ctx.loc[c, "period_start"], ctx.loc[c, "period_end"]) for c in same_ids} - {("", "")}
        if len(periods) > 1:
            raise InputError(
                f"{config.EVIDENCE_CSV}: {fid} rests on rows of different periods {sorted(periods)}"
            )
        if periods and v != "contradicted":
            start, end = periods.pop()
            short, long_ = period_years(start, end)
            row |= {
                "window_basis": "sourced",
                "window_start": start,
                "window_end": end,
                "window_years": (short + long_) / 2,
                "years_low": short,
                "years_high": long_,
            }
        rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def resolved(fig: pd.DataFrame, reconciled: pd.DataFrame) -> pd.DataFrame:
    """The figures table (indexed by id) with the resolved reading in ``value``, ``low``,
    ``high`` and the window columns, the article's own in ``stated_*``, and the ``verdict``."""
    rec = reconciled.set_index("id")
    out = fig.copy()
    for col in RESOLVED:
        out[col] = rec[col].reindex(out.index)
    for col in (
        "verdict",
        "evidence",
        "stated_value",
        "stated_low",
        "stated_high",
        "stated_window_start",
        "stated_window_end",
        "stated_years_low",
        "stated_years_high",
    ):
        out[col] = rec[col].reindex(out.index)
    out["evidence"] = out["evidence"].fillna("")
    sourced = out["window_basis"] == "sourced"
    out.loc[sourced, "window"] = out.loc[sourced, "window_start"] + "至" + out.loc[sourced, "window_end"]
    out[["window_basis", "window_start", "window_end", "stated_window_start", "stated_window_end"]] = out[
        ["window_basis", "window_start", "window_end", "stated_window_start", "stated_window_end"]
    ].fillna("")
    return out


def write(table: pd.DataFrame):
    return write_csv(table, config.RECONCILED_CSV)
