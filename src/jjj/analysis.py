"""What the area notebooks share: loading the processed tables, area tables, derived metrics.

Every notebook reads ``data/processed/`` only, through these functions, and shows the tables
they return. Labels follow the edition (``JJJ_LANG``): the codebook's zh or en labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown, display

from jjj import config, style, text
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
         "window_end": ""}).set_index("id")


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

@dataclass(frozen=True)
class Derived:
    """A metric computed from figures: ``name``, ``unit`` and ``assumes`` are (zh, en) pairs."""

    key: str
    name: tuple[str, str]
    interval: Interval
    unit: tuple[str, str]
    assumes: tuple[str, str]


def derived_table(rows: list[Derived]) -> pd.DataFrame:
    """Derived metrics with their bounds and what each assumes, in the edition's language."""
    return pd.DataFrame([{
        "metric": d.key, "label": text.pick(*d.name), "value": d.interval.value,
        "low": d.interval.low, "high": d.interval.high, "unit": text.pick(*d.unit),
        "assumes": text.pick(*d.assumes),
    } for d in rows]).set_index("metric")


def per_year(fig: pd.DataFrame, fid: str) -> Interval:
    """A count over its window, per year (the window's length is read from the text)."""
    years = fig.loc[fid, "window_years"]
    if pd.isna(years):
        raise ValueError(f"{fid} has no time window ({fig.loc[fid, 'window'] or 'none'}): "
                         "it cannot be annualised")
    return iv(fig, fid) / float(years)


def organisation_counts(fig: pd.DataFrame) -> pd.DataFrame:
    """Every count of organisations (or businesses) in the article, with its kind and area."""
    sub = fig[(fig["org_kind"] != "") & (fig["kind"] == "count")]
    zh = text.lang() == "zh"
    return pd.DataFrame({
        "label": [label(r) for _, r in sub.iterrows()],
        "area": sub["area"],
        "org_kind": sub["org_kind"],
        "kind_label": sub["org_kind"].map(lambda k: ORG_KINDS[k][0 if zh else 1]),
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


def compare_organisations(fig: pd.DataFrame, highlight: str) -> tuple[pd.DataFrame, list]:
    """Organisation counts of all areas, and a colour per row that sets ``highlight`` apart."""
    table = organisation_counts(fig)
    table["label"] = [f"{lab} · {kind}" if kind not in lab else lab
                      for lab, kind in zip(table["label"], table["kind_label"], strict=True)]
    colors = [style.AREA_COLORS[a] if i == highlight else "#9a9a9a"
              for i, a in zip(table.index, table["area"], strict=True)]
    return table, colors


def rank_against(table: pd.DataFrame, fid: str) -> dict:
    """How one count compares with the others, ranges included: above, below, overlapping."""
    me = table.loc[fid]
    others = table.drop(index=fid)
    return {
        "above": int((others["high"] <= me["low"]).sum()),
        "below": int((others["low"] >= me["high"]).sum()),
        "overlap": int(((others["high"] > me["low"]) & (others["low"] < me["high"])).sum()),
        "others": len(others),
    }


def area_names() -> pd.Series:
    """Short display name of each area (and the overview) in the edition's language."""
    a = areas()
    names = a["name_zh"].str.replace("三地社会组织", "", regex=False) if text.lang() == "zh" \
        else a["name_en"]
    overview = text.pick("2024年计划（概况）", "2024 plans (overview)")
    return pd.concat([names, pd.Series({"overview": overview})])


def precision_profile(fig: pd.DataFrame) -> pd.DataFrame:
    """How many counts of each area are exact, and how many carry 多, 余, 约 or 近."""
    counts = fig[fig["kind"] == "count"]
    table = pd.crosstab(counts["area"], counts["qualifier"].replace("", "exact"))
    order = [c for c in ("exact", "多", "余", "约", "近") if c in table.columns]
    table = table[order + [c for c in table.columns if c not in order]]
    return table.reindex([a for a in ("overview", *config.AREAS) if a in table.index])


def headline(fig: pd.DataFrame, derived: dict, keys: dict) -> pd.DataFrame:
    """One row per area: its key figure and key derived metric, in zh and en."""
    a = areas()
    rows = []
    for area, (fid, key) in keys.items():
        f = fig.loc[fid]
        row = {"area": area, "name_zh": a.loc[area, "name_zh"], "name_en": a.loc[area, "name_en"],
               "metaphor": a.loc[area, "metaphor"], "figure": fid, "figure_zh": f["label_zh"],
               "figure_en": f["label_en"], "stated": f["surface"], "figure_low": f["low"],
               "figure_high": f["high"], "figure_unit": f["unit"], "window": f["window"]}
        d = next((d for d in derived[area] if d.key == key), None)
        row |= {"metric": key or "", "metric_zh": d.name[0] if d else "",
                "metric_en": d.name[1] if d else "",
                "metric_value": d.interval.value if d else float("nan"),
                "metric_low": d.interval.low if d else float("nan"),
                "metric_high": d.interval.high if d else float("nan"),
                "metric_unit_zh": d.unit[0] if d else "", "metric_unit_en": d.unit[1] if d else "",
                "assumes_en": d.assumes[1] if d else ""}
        rows.append(row)
    return pd.DataFrame(rows)
