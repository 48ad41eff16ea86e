"""Reconciling each figure of the article with what independent sources say about it.

Right after the cleaning and before any analysis, every figure is joined with the context rows
that bear on it (``data/<slug>/external/evidence.csv``, hand-kept: the figure, the row, and the
relation):

``same``   the row counts the same quantity of the same population (the campaign's own release);
``whole``  the row counts a whole that the figure's population is part of (all of a kind in the
           country for those of a region): it can only cap the figure from above.

The **resolved reading** is the article's interval narrowed by that evidence: the intersection
with every ``same`` row, and no higher than any ``whole``. A ``same`` row that covers a period
(``period_start`` to ``period_end``) also gives the figure its window: totals that a source
dates to one campaign hold for its period, not for the years the article frames them in. The verdict says what
the evidence did, in a fixed vocabulary (:data:`VERDICTS`); the article's own statement stays
beside it in ``stated_*``. Every later table, metric and chart uses the resolved reading
(``jjj.data.figures``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from jjj import config, vocab
from jjj.i18n import N_
from jjj.intervals import Interval
from jjj.io import InputError, read_csv, write_csv

# Strongest first: a figure's verdict is the first that applies. Only a source whose origin
# differs from the article's checks it (CHECKERS): the article's figures come from the
# conference's organisers, and their own earlier release dates a figure without showing it right.
# contradicted: the evidence leaves no value the article's wording allows; tightened: a checking
# source narrows the range (an exact count, a smaller whole); confirmed: a checking source states
# the same figure; consistent: a checking source's whole that the figure could have exceeded, and
# does not; repeats: only the organisers' own earlier release states it; bounded: only a whole too
# large to fail (or from an unknown origin); unchecked: no source found (data/<slug>/external/searched.csv).
# Their words are the vocabulary's (src/jjj/vocabulary.csv), in this order.
VERDICTS = tuple(vocab.codes("verdict"))
# One line each, for the readers of the front page and 00 (the catalog has the English)
VERDICT_DEFINITIONS = {
    "contradicted": N_("来源排除了报道措辞允许的所有数值（或报道所说的时间段）"),
    "tightened": N_("主办方以外的来源把区间收窄（给出确切数或更小的整体）"),
    "confirmed": N_("主办方以外的来源给出同一个数"),
    "consistent": N_("主办方以外的来源给出一个整体，这个数本可以超过它，但没有超过"),
    "repeats": N_("只有主办方自己更早的发布给出同一个数：它说明数字出自何时，不说明数字对不对"),
    "bounded": N_(
        "只有一个大得多的整体（大于这个数上限的两倍）或来历不明的来源：这样的比较不可能失败，不算核对"),
    "unchecked": N_("没有找到任何来源"),
}
CHECKERS = ("government", "independent")  # origins that check the article,
# whose own origin is the organisers'
# A whole at least this many times the article's largest reading could not fail to contain it:
# the article would have to understate by that factor. It is a bound, not a check.
BOUND_FACTOR = 2
RELATIONS = ("same", "whole")
# The reading the check resolves: what replaces the article's in the figures table.
RESOLVED = ("value", "low", "high", "window_basis", "window_start", "window_end", "window_years",
            "years_low", "years_high")
STATED = ("value", "low", "high", "window_start", "window_end", "years_low", "years_high")
COLUMNS = ["id", "verdict", "window_verdict", "repeats", "release_date", "evidence", "stated",
           *(f"stated_{c}" for c in STATED), *RESOLVED]
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


@dataclass(frozen=True)
class Evidence:
    """One context row as evidence on a figure: its reading and who stands behind it."""

    interval: Interval
    origin: str  # a code of the vocabulary's origin

    @property
    def checks(self) -> bool:
        return self.origin in CHECKERS


def _narrowed(article: Interval, same: list[Interval], wholes: list[Interval]) -> tuple[float, float]:
    """The article's range narrowed by rows of the same quantity (both ends) and by wholes (the
    upper end): a low above the high when they leave it nothing."""
    low, high = article.low, article.high
    for s in same:
        low, high = max(low, s.low), min(high, s.high)
    for w in wholes:
        high = min(high, w.high)
    return low, high


def verdict(article: Interval, same: list[Evidence], wholes: list[Evidence]) -> tuple[str, Interval]:
    """What the evidence does to one figure, and the resolved interval.

    The resolved reading takes every row, whoever stands behind it (the organisers' release
    gives the exact 5367 behind 5000多). The verdict counts only rows that check: a source of
    another origin than the article's, and of a whole, only one that could have failed
    (under :data:`BOUND_FACTOR` times the article's upper bound). A ``same`` row that does not meet
    the article's range, or a whole below its lower bound, contradicts it whoever says it (the
    article's interval is kept, so that nothing downstream silently moves).
    """
    low, high = _narrowed(article, [s.interval for s in same], [w.interval for w in wholes])
    if low > high:
        return "contradicted", article
    resolved = article
    if (low, high) != (article.low, article.high):
        value = (
            article.value
            if low <= article.value <= high
            else next((s.interval.value for s in same if low <= s.interval.value <= high), low)
        )
        resolved = Interval(low, value, high)
    checking_same = [s.interval for s in same if s.checks]
    testing = [w.interval for w in wholes if w.checks and w.interval.low <= BOUND_FACTOR * article.high]
    if _narrowed(article, checking_same, testing) != (article.low, article.high):
        return "tightened", resolved
    if any((s.low, s.high) == (article.low, article.high) for s in checking_same):
        return "confirmed", resolved
    if checking_same or testing:
        return "consistent", resolved
    if any(s.origin == "organiser" for s in same):
        return "repeats", resolved
    return ("bounded" if same or wholes else "unchecked"), resolved


def window_verdict(stated: tuple[float, float], sourced: tuple[float, float]) -> str:
    """The article's window (its years, as stated or framed: 十年来 read as 3 to 10 years)
    against the period a source gives the same figures: ``contradicted`` when the two ranges of
    years do not meet, else ``consistent``."""
    (s_low, s_high), (e_low, e_high) = stated, sourced
    return "contradicted" if e_high < s_low or e_low > s_high else "consistent"


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
        if f["window_basis"] == "none":  # no window the analysis uses: no dates either
            row |= {"window_start": "", "window_end": "", "window_years": float("nan")}
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

        def ev(c):
            return Evidence(context.interval(ctx.loc[c]), ctx.loc[c, "origin"])

        v, resolved = verdict(Interval.of(f), [ev(c) for c in same_ids], [ev(c) for c in whole_ids])
        releases = [c for c in same_ids if ctx.loc[c, "origin"] == "organiser"]
        row |= {"verdict": v, "evidence": ";".join(same_ids + whole_ids), **resolved.as_dict(),
                "repeats": ";".join(releases),
                "release_date": min((ctx.loc[c, "as_of"] for c in releases), default="")}
        periods = {(ctx.loc[c, "period_start"], ctx.loc[c, "period_end"]) for c in same_ids} - {("", "")}
        if len(periods) > 1:
            raise InputError(
                f"{config.EVIDENCE_CSV}: {fid} rests on rows of different periods {sorted(periods)}"
            )
        if periods and v != "contradicted":
            start, end = periods.pop()
            short, long_ = period_years(start, end)
            if pd.notna(f["years_low"]):  # the article states or frames its window's years
                row["window_verdict"] = window_verdict((f["years_low"], f["years_high"]), (short, long_))
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


# What the published figures table (figures.csv) keeps of the article's own reading, each
# beside the resolved one as ``stated_<column>``
ARTICLE = ("value", "low", "high", "window", "window_basis", "window_start", "window_end",
           "window_years", "years_low", "years_high")
VERDICT_COLUMNS = ("verdict", "window_verdict", "repeats", "release_date", "evidence")


def resolved(fig: pd.DataFrame, reconciled: pd.DataFrame) -> pd.DataFrame:
    """The figures table (indexed by id) with the resolved reading in ``value``, ``low``,
    ``high`` and the window columns, the article's own in ``stated_*``, and the verdict.

    One reading everywhere: a window the analysis does not use (basis ``none``: a stock, a date,
    another article's number) has no label or dates in the resolved reading, whatever words the
    text put near it; the article's words stay in ``stated_window``.
    """
    rec = reconciled.set_index("id")
    out = fig.copy()
    if "stated_window" not in out.columns:  # the cleaning's table: the article's reading
        for col in ARTICLE:
            out[f"stated_{col}"] = out[col]
    for col in RESOLVED:
        out[col] = rec[col].reindex(out.index)
    for col in VERDICT_COLUMNS:
        out[col] = rec[col].reindex(out.index).fillna("")
    text_cols = ["window", "window_basis", "window_start", "window_end", "stated_window",
                 "stated_window_basis", "stated_window_start", "stated_window_end"]
    out[text_cols] = out[text_cols].fillna("")
    sourced = out["window_basis"] == "sourced"
    out.loc[sourced, "window"] = out.loc[sourced, "window_start"] + "至" + out.loc[sourced, "window_end"]
    out.loc[out["window_basis"] == "none", "window"] = ""  # its dates are gone in reconcile()
    return out


def article_reading(fig: pd.DataFrame) -> pd.DataFrame:
    """The figures as the article words them, from the published table's ``stated_*`` columns
    (a table without them, the cleaning's own, is that reading already)."""
    if "stated_window" not in fig.columns:
        return fig
    out = fig.copy()
    for col in ARTICLE:
        out[col] = out.pop(f"stated_{col}")
    return out.drop(columns=[c for c in VERDICT_COLUMNS if c in out.columns])


def published(fig: pd.DataFrame, reconciled: pd.DataFrame) -> pd.DataFrame:
    """figures.csv as written: the cleaning's columns holding the resolved reading, then the
    article's own reading (``stated_*``) and the verdict."""
    out = resolved(fig.set_index("id"), reconciled).reset_index()
    return out[[*fig.columns, *(f"stated_{c}" for c in ARTICLE), *VERDICT_COLUMNS]]


def write(table: pd.DataFrame):
    return write_csv(table, config.RECONCILED_CSV)
