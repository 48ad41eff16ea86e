"""What the area notebooks share: loading the processed tables, area tables, derived metrics.

Every notebook reads ``data/processed/`` only, through these functions, and shows the tables
they return. Labels follow the edition (``JJJ_LANG``): the codebook's zh or en labels.
"""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown, display

from jjj import config, text
from jjj.intervals import Interval
from jjj.io import read_csv

ORG_KINDS = {  # codebook org_kind → (zh, en)
    "social_orgs": ("社会组织·各类", "social organisations, all kinds"),
    "tech_orgs": ("科技类社会组织", "science & technology organisations"),
    "foundations": ("基金会", "foundations"),
    "trade_associations": ("行业协会商会", "trade associations & chambers"),
    "xiongan_registered": ("雄安新区登记", "registered in Xiong'an"),
    "businesses": ("企业，非社会组织", "businesses, not social organisations"),
}
QUALIFIER_EN = {"": "exact", "多": "more than (多)", "余": "more than (余)", "约": "about (约)",
                "近": "nearly (近)"}


# ------------------------------------------------------------------ loading

def figures(path=None) -> pd.DataFrame:
    """``data/processed/figures.csv`` (or another figures table), indexed by figure id."""
    return read_csv(path or config.FIGURES_CSV, dtype={"qualifier": str, "unit": str}).fillna(
        {"qualifier": "", "org_kind": "", "window": "", "date": "", "window_start": "",
         "window_end": "", "measure": "", "span": "", "window_basis": ""}).set_index("id")


def derived_table(path=None) -> pd.DataFrame:
    """``data/processed/derived.csv``: every derived metric, indexed by id."""
    return read_csv(path or config.DERIVED_CSV).set_index("id")


def metric(mid: str) -> Interval:
    """One derived metric as an interval (its value is the number as written, or NaN)."""
    return Interval.of(derived_table().loc[mid])


def areas() -> pd.DataFrame:
    return read_csv(config.PROCESSED / "areas.csv").set_index("area")


def lists() -> pd.DataFrame:
    return read_csv(config.PROCESSED / "lists.csv")


def related() -> pd.DataFrame:
    return read_csv(config.PROCESSED / "related.csv")


def iv(fig: pd.DataFrame, fid: str) -> Interval:
    """The interval [low, high] with the stated value of one figure."""
    return Interval.of(fig.loc[fid])


# ------------------------------------------------------------------ presenting an area

label = text.label  # the codebook label of a figure in the edition's language


def unit(row: pd.Series) -> str:
    return row["unit"] if text.lang() == "zh" else row["counts"]


def area_table(fig: pd.DataFrame, area: str) -> pd.DataFrame:
    """An area's figures: label, stated phrase, value, bounds, unit, window, qualifier."""
    sub = fig[(fig["area"] == area) & (fig["kind"] == "count")]
    zh = text.lang() == "zh"
    return pd.DataFrame({
        "figure": sub.index,
        "label": [label(r) for _, r in sub.iterrows()],
        "stated": sub["surface"],
        "value": sub["value"],
        "low": sub["low"],
        "high": sub["high"],
        "unit": [unit(r) for _, r in sub.iterrows()],
        "window": sub["window"].map(window_label),
        "years": sub["window_years"],
        "qualifier": sub["qualifier"] if zh else sub["qualifier"].map(QUALIFIER_EN),
        "measures": sub["measure"].map(measure_label),
    }).set_index("figure")


def window_label(label_zh: str) -> str:
    """A window label in the edition's language."""
    return label_zh if text.lang() == "zh" else window_en(label_zh)


def window_en(label_zh: str) -> str:
    """English for the codebook's window labels; a year (2024年) is that year to publication."""
    year = re.fullmatch(r"([0-9]{4})年", label_zh)
    if year:
        return f"{year.group(1)} (to publication)"
    return {"十年来": "the ten years", "近三年": "last 3 years", "近两年": "last 2 years",
            "现有": "stock at publication"}.get(label_zh, label_zh)


def sources(fig: pd.DataFrame, area: str) -> None:
    """Quote the sentences an area's figures come from, as the raw file has them."""
    sub = fig[fig["area"] == area].drop_duplicates("sentence_text")
    lines = [f"> {r['sentence_text']}  \n> <small>段 {r['paragraph']} · 句 {r['sentence']} · "
             f"[{r['start']}:{r['end']}]</small>" for _, r in sub.iterrows()]
    display(Markdown("\n>\n".join(lines)))


def heading(area: str) -> None:
    """The area's heading sentence and metaphor as the text gives them."""
    a = areas().loc[area]
    display(Markdown(
        f"**{a['heading']}** {a['name_en']} (“{a['metaphor_en']}”) — "
        f"第 {a['paragraph']} 段 / paragraph {a['paragraph']} [{a['start']}:{a['end']}]"))


# ------------------------------------------------------------------ derived metrics

MEASURE_LABELS = {  # the codebook's measure → (zh, en)
    "flow": ("流量", "flow"),
    "actors": ("时段内参与的组织", "organisations active"),
    "stock": ("存量", "stock"),
    "coverage": ("覆盖范围", "coverage"),
    "plan": ("计划", "plan"),
    "context": ("另一篇报道的数字", "another article's number"),
    "date": ("日期", "date"),
}
KIND_LABELS = {"ratio": ("比值", "ratio"), "rate": ("每年", "per year"), "share": ("占比", "share"),
               "union": ("合计", "union"), "overlap": ("重叠", "overlap"),
               "benchmark": ("对照", "benchmark")}


def measure_label(measure: str) -> str:
    return text.pick(*MEASURE_LABELS[measure])


def derived(area: str | None = None, kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Derived metrics from ``derived.csv`` as a reader sees them: label, range and the number as
    written, rounded to what the range supports (``text.interval``), unit and assumption."""
    table = derived_table()
    if area is not None:
        table = table[table["area"] == area]
    if kinds is not None:
        table = table[table["kind"].isin(kinds)]
    zh = text.lang() == "zh"
    return pd.DataFrame({
        text.pick("指标", "metric"): table["label_zh" if zh else "label_en"],
        text.pick("类型", "kind"): table["kind"].map(lambda k: text.pick(*KIND_LABELS[k])),
        text.pick("区间", "range"): [_range(r) for _, r in table.iterrows()],
        text.pick("按所写数字", "as written"): [text.point(r["low"], r["value"], r["high"])
                                              for _, r in table.iterrows()],
        text.pick("单位", "unit"): table["unit_zh" if zh else "unit_en"],
        text.pick("假定", "assumes"): table["assumes_zh" if zh else "assumes_en"],
    }, index=table.index.rename(text.pick("编号", "id")))


def _range(r: pd.Series) -> str:
    if pd.isna(r["value"]) and r["low"] == 0:  # a bound only
        return text.pick(f"至多 {text.num(r['high'])}", f"at most {text.num(r['high'])}")
    return text.interval(r["low"], r["high"])


def derived_ranges(area: str | None = None, kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Derived metrics for a chart: label, value, low, high, unit (edition's language), by key."""
    table = derived_table()
    if area is not None:
        table = table[table["area"] == area]
    if kinds is not None:
        table = table[table["kind"].isin(kinds)]
    zh = text.lang() == "zh"
    return pd.DataFrame({
        "label": table["label_zh" if zh else "label_en"], "value": table["value"],
        "low": table["low"], "high": table["high"], "unit": table["unit_zh" if zh else "unit_en"],
        "area": table["area"], "uses": table["uses"],
    }).set_index(table["key"] if area is not None else table.index)


def span_reasons() -> pd.DataFrame:
    """The window registry: each kind of window, its basis, years and reason."""
    from jjj import clean

    return clean.load_windows()


def annualisable(fig: pd.DataFrame) -> pd.DataFrame:
    """Every count with what it measures and its window: may it be put per year, and why (not)?"""
    from jjj import metrics

    spans = span_reasons()
    sub = fig[fig["kind"] == "count"]
    zh = text.lang() == "zh"
    return pd.DataFrame({
        text.pick("数字", "figure"): [label(r) for _, r in sub.iterrows()],
        text.pick("所写", "stated"): sub["surface"],
        text.pick("计量", "measures"): sub["measure"].map(measure_label),
        text.pick("时间段", "window"): sub["window"].map(window_label),
        text.pick("年数", "years"): [text.interval(r["years_low"], r["years_high"])
                                   if not pd.isna(r["years_low"]) else "–" for _, r in sub.iterrows()],
        text.pick("可折算每年", "per year"): [text.pick("是", "yes") if metrics.annualisable(r)
                                          else text.pick("否", "no") for _, r in sub.iterrows()],
        text.pick("理由", "why"): [_why(r, spans, zh) for _, r in sub.iterrows()],
    }, index=sub.index.rename(text.pick("编号", "id")))


def _why(f: pd.Series, spans: pd.DataFrame, zh: bool) -> str:
    if f["measure"] != "flow":
        return text.pick(f"{MEASURE_LABELS[f['measure']][0]}，不是流量",
                         f"{MEASURE_LABELS[f['measure']][1]}, not a flow")
    return spans.loc[f["span"], "reason_zh" if zh else "reason_en"]


def organisation_counts(fig: pd.DataFrame) -> pd.DataFrame:
    """Every count of social organisations (stocks and organisations active over a period),
    without the businesses and without another article's numbers."""
    sub = fig[(fig["org_kind"] != "") & (fig["org_kind"] != "businesses")
              & fig["measure"].isin(["stock", "actors"])]
    zh = text.lang() == "zh"
    return pd.DataFrame({
        "label": [label(r) for _, r in sub.iterrows()],
        "area": sub["area"],
        "org_kind": sub["org_kind"],
        "kind_label": sub["org_kind"].map(lambda k: ORG_KINDS[k][0 if zh else 1]),
        "measure": sub["measure"],
        "value": sub["value"], "low": sub["low"], "high": sub["high"],
        "window": sub["window"].map(window_label),
        "stated": sub["surface"],
    }).sort_values("value", ascending=False)


def excluded() -> pd.DataFrame:
    """Numbers of the text that are not figures, with the codebook's reason."""
    return read_csv(config.PROCESSED / "excluded.csv")


def list_items(name: str) -> pd.DataFrame:
    """One enumeration of the text (``data/processed/lists.csv``), in the edition's language."""
    items = lists()
    items = items[items["list"] == name].copy()
    items["name"] = items["item"] if text.lang() == "zh" else items["item_en"]
    return items


def province_name(zh: str) -> str:
    return zh if text.lang() == "zh" else {"北京": "Beijing", "天津": "Tianjin", "河北": "Hebei"}[zh]


def area_names() -> pd.Series:
    """Short display name of each area (and the overview) in the edition's language."""
    a = areas()
    names = a["name_zh"].str.replace("三地社会组织", "", regex=False) if text.lang() == "zh" \
        else a["name_en"]
    overview = text.pick("2024年计划（概况）", "2024 plans (overview)")
    return pd.concat([names, pd.Series({"overview": overview})])


def relative_widths(fig: pd.DataFrame) -> pd.DataFrame:
    """How wide each approximate count's range is, relative to the number as written:
    (high − low) / value, in %. 约21.88亿 is 0.05 % wide, 1000多 is 100 %."""
    counts = fig[(fig["kind"] == "count") & (fig["measure"] != "context")
                 & (fig["low"] < fig["high"])]
    return pd.DataFrame({
        "label": [f"{label(r)} · {r['surface']}" for _, r in counts.iterrows()],
        "surface": counts["surface"], "area": counts["area"], "qualifier": counts["qualifier"],
        "width_pct": (counts["high"] - counts["low"]) / counts["value"] * 100,
    }).sort_values("width_pct", ascending=False)


def headline(fig: pd.DataFrame, derived_: pd.DataFrame) -> pd.DataFrame:
    """One row per area: its key figure and key derived metric (keys in the area registry),
    a view of figures.csv and derived.csv."""
    a = areas()
    rows = []
    for area, r in a.iterrows():
        f = fig.loc[r["headline_figure"]]
        row = {"area": area, "name_zh": r["name_zh"], "name_en": r["name_en"],
               "metaphor": r["metaphor"], "figure": f.name, "figure_zh": f["label_zh"],
               "figure_en": f["label_en"], "stated": f["surface"], "figure_low": f["low"],
               "figure_high": f["high"], "figure_unit": f["unit"], "window": f["window"]}
        mid = f"{area}_{r['headline_metric']}" if isinstance(r["headline_metric"], str) else ""
        d = derived_.loc[mid] if mid else None
        row |= {"metric": mid,
                "metric_zh": d["label_zh"] if d is not None else "",
                "metric_en": d["label_en"] if d is not None else "",
                "metric_value": d["value"] if d is not None else float("nan"),
                "metric_low": d["low"] if d is not None else float("nan"),
                "metric_high": d["high"] if d is not None else float("nan"),
                "metric_unit_zh": d["unit_zh"] if d is not None else "",
                "metric_unit_en": d["unit_en"] if d is not None else ""}
        rows.append(row)
    return pd.DataFrame(rows)
