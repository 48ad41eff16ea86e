"""Loading: every table a notebook reads, from ``data/processed/`` (and the hand-kept registries).

Notebooks read through these functions only, so no notebook depends on its working directory.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jjj import config
from jjj.intervals import Interval
from jjj.io import read_csv


def figures(path=None, reading: str = "resolved") -> pd.DataFrame:
    """``data/processed/figures.csv`` (or another figures table), indexed by figure id.

    ``reading="resolved"`` (the default, what every analysis uses): value, bounds and window as
    reconciled with independent sources (``reconciled.csv`` beside it, ``jjj.reconcile``), with
    the article's own in ``stated_*`` and the ``verdict``; ``reading="article"``: as the article
    words it.
    """
    path = path or config.FIGURES_CSV
    fig = read_csv(path, dtype={"qualifier": str, "unit": str}).fillna(
        {"qualifier": "", "org_kind": "", "window": "", "date": "", "window_start": "",
         "window_end": "", "measure": "", "span": "", "window_basis": ""}).set_index("id")
    if reading == "article":
        return fig
    if reading != "resolved":
        raise ValueError(f"reading is 'resolved' or 'article', not {reading!r}")
    from jjj import reconcile

    return reconcile.resolved(fig, reconciled(Path(path).parent / config.RECONCILED_CSV.name))


def reconciled(path=None) -> pd.DataFrame:
    """``data/processed/reconciled.csv``: each figure's verdict against independent sources, the
    article's statement and the resolved reading."""
    return read_csv(path or config.RECONCILED_CSV, dtype={"window_start": str, "window_end": str,
                                                          "stated_window_start": str,
                                                          "stated_window_end": str}).fillna(
        {"evidence": "", "window_basis": "", "window_start": "", "window_end": "",
         "stated_window_start": "", "stated_window_end": ""})


def findings() -> pd.DataFrame:
    """``data/processed/findings.csv``: what the analysis learns, ranked (``jjj.findings``)."""
    return read_csv(config.FINDINGS_CSV).set_index("id")


def derived(path=None, *, area: str | None = None, kinds: tuple[str, ...] | None = None,
            ids: list[str] | None = None) -> pd.DataFrame:
    """``data/processed/derived.csv``: every derived metric, indexed by id; or those of one area,
    of some kinds, or with the given ids."""
    d = read_csv(path or config.DERIVED_CSV).set_index("id")
    if area is not None:
        d = d[d["area"] == area]
    if kinds is not None:
        d = d[d["kind"].isin(kinds)]
    return d.loc[ids] if ids is not None else d


def metric(mid: str) -> Interval:
    """One derived metric as an interval (its value is the number as written, or NaN)."""
    return Interval.of(derived().loc[mid])


def iv(fig: pd.DataFrame, fid: str) -> Interval:
    """The interval [low, high] with the stated value of one figure."""
    return Interval.of(fig.loc[fid])


def areas() -> pd.DataFrame:
    return read_csv(config.PROCESSED / "areas.csv").set_index("area")


def lists() -> pd.DataFrame:
    return read_csv(config.PROCESSED / "lists.csv")


def related() -> pd.DataFrame:
    return read_csv(config.PROCESSED / "related.csv")


def excluded() -> pd.DataFrame:
    """Numbers of the text that are not figures, with the codebook's reason."""
    return read_csv(config.PROCESSED / "excluded.csv")


def windows() -> pd.DataFrame:
    """The window registry (``data/windows.csv``): each kind of window, basis, years, reason."""
    from jjj import clean

    return clean.load_windows()


def searched() -> pd.DataFrame:
    """What was searched for context and not found (``data/external/searched.csv``)."""
    return read_csv(config.SEARCHED_CSV)
