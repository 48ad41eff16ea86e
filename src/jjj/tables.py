"""Cross-area tables: the counts, ranges and metrics that are set side by side (for charts and
the report), built from ``data/<slug>/processed/``."""

from __future__ import annotations

import pandas as pd

from jjj import data, show, text, vocab
from jjj.i18n import t


def organisation_counts(fig: pd.DataFrame) -> pd.DataFrame:
    """Every count of organisations of a kind (``org_kind``): stocks and organisations active
    over a period (not flows, nor another article's numbers)."""
    sub = fig[(fig["org_kind"] != "") & fig["measure"].isin(["stock", "actors"])]
    return pd.DataFrame({
        "label": [show.label(r) for _, r in sub.iterrows()],
        "area": sub["area"],
        "org_kind": sub["org_kind"],
        "kind_label": sub["org_kind"].map(lambda k: vocab.label("org_kind", k)),
        "measure": sub["measure"],
        "value": sub["value"], "low": sub["low"], "high": sub["high"],
        "window": sub["window"].map(show.window_label),
        "stated": sub["surface"],
    }).sort_values("value", ascending=False)


def population(org_kind: str, measure: str | None = None) -> str:
    """The axis label of a panel that holds one population: its kind (and what it measures: a
    stock, or organisations active over a period), counted in 家."""
    if measure is None:
        return t("{kind}（家）", kind=vocab.label("org_kind", org_kind))
    return t("{kind}，{measure}（家）", kind=vocab.label("org_kind", org_kind),
             measure=show.measure_label(measure))


def derived_ranges(area: str | None = None, kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Derived metrics for a chart: label, value, low, high, unit (edition's language); indexed by
    key within an area, by id across areas."""
    d = data.derived(area=area, kinds=kinds)
    return pd.DataFrame({
        "label": text.in_lang(d, "label"), "value": d["value"],
        "low": d["low"], "high": d["high"], "digits": d["digits"], "unit": text.in_lang(d, "unit"),
        "area": d["area"], "uses": d["uses"],
    }).set_index(d["key"] if area is not None else d.index)


def relative_widths(fig: pd.DataFrame) -> pd.DataFrame:
    """How wide each approximate count's range is, relative to the number as written:
    (high − low) / value, in %. 约21.88亿 is 0.05 % wide, 1000多 is 100 %."""
    counts = fig[(fig["kind"] == "count") & (fig["measure"] != "context")
                 & (fig["low"] < fig["high"])]
    return pd.DataFrame({
        "label": [f"{show.label(r)} · {r['surface']}" for _, r in counts.iterrows()],
        "surface": counts["surface"], "area": counts["area"], "qualifier": counts["qualifier"],
        "width_pct": (counts["high"] - counts["low"]) / counts["value"] * 100,
    }).sort_values("width_pct", ascending=False, kind="stable")
