"""Loading: every table a notebook reads, from ``data/<slug>/processed/`` (and the hand-kept registries).

Notebooks read through these functions only, so no notebook depends on its working directory.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jjj import config
from jjj.intervals import Interval
from jjj.io import InputError, read_csv


def written(path: Path, root: Path | None = None) -> Path:
    """Where this run reads a file the pipeline writes: its own copy when it wrote one (under
    ``$JJJ_OUT``: the English edition, a test; or under ``root``, an edition's output folder),
    else the project's. So an edition reads what its own cleaning wrote, never a file the other
    edition is writing at the same moment."""
    own = root / Path(path).relative_to(config.ROOT) if root else config.output_path(path)
    return own if own.exists() else Path(path)


def figures(path=None, reading: str = "resolved") -> pd.DataFrame:
    """``data/<slug>/processed/figures.csv`` (or another figures table), indexed by figure id.

    ``reading="resolved"`` (the default, what every analysis uses): value, bounds and window as
    reconciled with independent sources (``reconciled.csv`` beside it, ``jjj.reconcile``), with
    the article's own in ``stated_*`` and the ``verdict``; ``reading="article"``: as the article
    words it.
    """
    from jjj import reconcile

    path = path or written(config.FIGURES_CSV)
    text_columns = ["qualifier", "org_kind", "window", "date", "window_start", "window_end", "measure",
                    "span", "window_basis", *(f"stated_{c}" for c in ("window", "window_basis",
                                                                       "window_start", "window_end")),
                    *reconcile.VERDICT_COLUMNS]
    fig = read_csv(path, dtype={c: str for c in text_columns} | {"unit": str})
    fig = fig.fillna({c: "" for c in text_columns if c in fig.columns}).set_index("id")
    if reading == "article":
        return reconcile.article_reading(fig)
    if reading != "resolved":
        raise ValueError(f"reading is 'resolved' or 'article', not {reading!r}")

    return reconcile.resolved(fig, reconciled(Path(path).parent / config.RECONCILED_CSV.name))


def reconciled(path=None) -> pd.DataFrame:
    """``data/<slug>/processed/reconciled.csv``: each figure's verdict against independent sources, the
    article's statement and the resolved reading."""
    return read_csv(path or written(config.RECONCILED_CSV), dtype={"window_start": str, "window_end": str,
                                                          "stated_window_start": str,
                                                          "stated_window_end": str,
                                                          "release_date": str}).fillna(
        {"evidence": "", "window_verdict": "", "repeats": "", "release_date": "", "window_basis": "",
         "window_start": "", "window_end": "",
         "stated_window_start": "", "stated_window_end": ""})


def findings() -> pd.DataFrame:
    """``data/<slug>/processed/findings.csv``: what the analysis learns, ranked (``jjj.findings``)."""
    return read_csv(written(config.FINDINGS_CSV)).set_index("id")


def derived(path=None, *, area: str | None = None, kinds: tuple[str, ...] | None = None,
            ids: list[str] | None = None) -> pd.DataFrame:
    """``data/<slug>/processed/derived.csv``: every derived metric, indexed by id; or those of one area,
    of some kinds, or with the given ids."""
    d = read_csv(path or written(config.DERIVED_CSV)).set_index("id")
    if area is not None:
        d = d[d["area"] == area]
    if kinds is not None:
        d = d[d["kind"].isin(kinds)]
    return d.loc[ids] if ids is not None else d


def metric(mid: str) -> Interval:
    """One derived metric as an interval (its value is the number as written, or NaN)."""
    return Interval.of(derived().loc[mid])


def iv(fig: pd.DataFrame, fid: str) -> Interval:
    """The interval [low, high] with the stated value of one figure, named after it (so that
    the figure over itself cancels) and, when the writer rounded it (约), with its digits."""
    f = fig.loc[fid]
    return Interval.of(f).named(fid).rounded_input(f["value"], f["qualifier"])


def areas() -> pd.DataFrame:
    return read_csv(written(config.PROCESSED / "areas.csv")).set_index("area")


def headline(fig: pd.DataFrame, derived: pd.DataFrame, areas_: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per area: its key figure and key derived metric (keys in the area registry),
    a view of figures.csv and derived.csv (and of areas.csv, or ``areas_`` indexed by area)."""
    rows = []
    for area, r in (areas() if areas_ is None else areas_).iterrows():
        f = fig.loc[r["headline_figure"]]
        row = {"area": area, "name_zh": r["name_zh"], "name_en": r["name_en"],
               "metaphor": r["metaphor"], "figure": f.name, "figure_zh": f["label_zh"],
               "figure_en": f["label_en"], "stated": f["surface"], "figure_low": f["low"],
               "figure_high": f["high"], "figure_unit": f["unit"], "window": f["window"],
               "verdict": f["verdict"], "release_date": f["release_date"],
               "window_verdict": f["window_verdict"]}
        mid = f"{area}_{r['headline_metric']}" if isinstance(r["headline_metric"], str) else ""
        d = derived.loc[mid] if mid else None
        row |= {"metric": mid,
                "metric_zh": d["label_zh"] if d is not None else "",
                "metric_en": d["label_en"] if d is not None else "",
                "metric_value": d["value"] if d is not None else float("nan"),
                "metric_low": d["low"] if d is not None else float("nan"),
                "metric_high": d["high"] if d is not None else float("nan"),
                "metric_digits": d["digits"] if d is not None else float("nan"),
                "metric_unit_zh": d["unit_zh"] if d is not None else "",
                "metric_unit_en": d["unit_en"] if d is not None else ""}
        rows.append(row)
    return pd.DataFrame(rows)


def lists() -> pd.DataFrame:
    return read_csv(written(config.PROCESSED / "lists.csv"))


def related() -> pd.DataFrame:
    return read_csv(written(config.PROCESSED / "related.csv"))


def excluded() -> pd.DataFrame:
    """Numbers of the text that are not figures, with the codebook's reason."""
    return read_csv(written(config.PROCESSED / "excluded.csv"))


WINDOW_BASES = ("stated", "derived", "unknown", "none")


def windows(path: Path | str = config.WINDOW_REGISTRY) -> pd.DataFrame:
    """The window registry (``data/<slug>/windows.csv``), checked: each kind of window (``span``),
    whether the article states it, derives it from its framing or leaves it unknown, and its
    plausible length in years.

    ``years_low``/``years_high`` left empty mean the length the text gives (近三年 → 3); a span
    whose length is uncertain gives its range and the reason, once.
    """
    spans = read_csv(path, dtype=str).fillna("")
    for i, row in spans.iterrows():
        place = f"{path}: row {i + 2} ({row['span'] or 'no span'})"
        if row["basis"] not in WINDOW_BASES:
            raise InputError(f"{place}: basis must be one of {WINDOW_BASES}, not {row['basis']!r}")
        if not (row["reason_zh"] and row["reason_en"]):
            raise InputError(f"{place}: give the reason in reason_zh and reason_en")
        try:
            years = [float(row[c]) for c in ("years_low", "years_high") if row[c]]
        except ValueError:
            raise InputError(f"{place}: years_low and years_high must be numbers") from None
        if any(y <= 0 for y in years) or years != sorted(years):
            raise InputError(f"{place}: need 0 < years_low <= years_high, not {years}")
    if spans["span"].duplicated().any():
        raise InputError(f"{path}: duplicate span {spans['span'][spans['span'].duplicated()].iloc[0]!r}")
    return spans.set_index("span")


def searched() -> pd.DataFrame:
    """What was searched for context and not found (``data/<slug>/external/searched.csv``)."""
    return read_csv(config.SEARCHED_CSV)
