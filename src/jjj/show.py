"""Presenting: an area's figures, the derived metrics, source quotes and table headers, in the
edition's language (``JJJ_LANG``; sentences and headers written once in Chinese and translated in
the catalog, ``jjj.i18n``; names of figures from the codebook, areas from the area registry)."""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown, display

from jjj import data, text
from jjj.i18n import N_, t
from jjj.vocab import KINDS, MEASURES

# Every column a notebook shows, with its header (a catalog message). A table with a column
# missing here fails: no English header slips into the Chinese edition.
HEADERS = {
    "id": N_("编号"), "figure": N_("数字"), "label": N_("名称"), "stated": N_("所写"),
    "surface": N_("所写"), "phrase": N_("原文片段"), "value": N_("数值"), "low": N_("下限"),
    "high": N_("上限"), "unit": N_("单位"), "window": N_("时间段"), "years": N_("年数"),
    "qualifier": N_("限定词"), "measures": N_("计量"), "measure": N_("计量"), "kind": N_("类型"),
    "iso": N_("标准写法"), "section": N_("部分"), "paragraph": N_("段"), "sentence": N_("句"),
    "start": N_("起"), "end": N_("止"), "area": N_("领域"), "metaphor": N_("比喻"),
    "heading": N_("领域标题"), "name_en": N_("英文名"), "title": N_("标题"), "outlet": N_("媒体"),
    "date": N_("日期"), "list": N_("列举"), "position": N_("序号"), "item": N_("条目"),
    "item_en": N_("英文名"), "name": N_("名称"), "province": N_("省市"), "reason": N_("理由"),
    "status": N_("状态"), "before": N_("前文"), "after": N_("后文"), "numbers": N_("数字个数"),
    "surfaces": N_("所写"), "times": N_("次数"), "statements": N_("陈述次数"),
    "window_start": N_("起始日"), "window_years": N_("年数"), "span": N_("窗口类别"),
    "window_basis": N_("窗口来源"), "years_low": N_("最少年数"), "years_high": N_("最多年数"),
    "basis": N_("来源"), "reason_zh": N_("理由"), "reason_en": N_("理由（英文）"),
    "uses": N_("所用数字"), "label_zh": N_("名称"), "unit_zh": N_("单位"), "files": N_("文件"),
    "characters": N_("字符数"), "non-empty lines": N_("非空行数"), "published": N_("发布时间"),
    "file": N_("文件"), "paragraphs": N_("段数"), "sentences": N_("句数"), "exact": N_("确数"),
    "total": N_("合计"), "kind_label": N_("组织类别"), "width_pct": N_("区间宽度（%）"),
    "verdict": N_("结论"), "whole": N_("整体"), "whole_stated": N_("整体所写"), "as_of": N_("截至"),
    "article": N_("报道"), "earlier": N_("更早公布"), "ranges_meet": N_("区间相交"),
    "wide": N_("宽读法"), "tight": N_("窄读法"), "width_ratio": N_("宽窄之比"), "region": N_("地区"),
    "quantity": N_("计量对象"), "publisher": N_("发布者"), "period": N_("时期"),
    "queries": N_("检索词"), "outcome": N_("结果"), "role": N_("角色"), "when": N_("时间"),
    "group": N_("类别"), "metric": N_("指标"), "range": N_("区间"), "as_written": N_("按所写数字"),
    "assumes": N_("假定"), "dates": N_("日期"), "name_zh": N_("领域"), "figure_range": N_("区间"),
    "metric_range": N_("指标区间"), "metric_zh": N_("指标"), "metric_unit_zh": N_("指标单位"),
    "figure_zh": N_("关键数字"), "figure_en": N_("关键数字"), "metric_en": N_("指标"),
    "metric_unit_en": N_("指标单位"), "per_year": N_("可折算每年"), "why": N_("理由"),
    "written": N_("写出的文件"), "title_en": N_("英文标题"), "outlet_en": N_("媒体英文名"),
    "area_name": N_("领域"), "figure_label": N_("关键数字"),
    "metric_label": N_("关键指标"), "metric_unit": N_("指标单位"),
    "多": N_("多"), "余": N_("余"), "约": N_("约"), "近": N_("近"),
}
QUALIFIERS = {"": N_("确数"), "多": N_("多"), "余": N_("余"), "约": N_("约"), "近": N_("近")}
WINDOWS = {"十年来": N_("十年来"), "近三年": N_("近三年"), "近两年": N_("近两年"), "现有": N_("现有"),
           "": N_("未给出")}
PROVINCES = {"北京": N_("北京"), "天津": N_("天津"), "河北": N_("河北")}
REGIONS = {"beijing": N_("北京"), "tianjin": N_("天津"), "hebei": N_("河北"), "xiongan": N_("雄安新区"),
           "national": N_("全国")}
ORG_KINDS = {
    "social_orgs": N_("社会组织·各类"), "tech_orgs": N_("科技类社会组织"), "foundations": N_("基金会"),
    "trade_associations": N_("行业协会商会"), "xiongan_registered": N_("雄安新区登记"),
    "businesses": N_("企业，非社会组织"),
}


def table(df: pd.DataFrame, columns: list[str] | None = None, keep: bool = False) -> pd.DataFrame:
    """A table as readers see it: the chosen columns, headers in the edition's language.

    ``keep``: the column labels are data already in the edition's language (provinces, regions).
    """
    df = df[columns] if columns is not None else df
    names = [n for n in df.index.names if n is not None]
    missing = [c for c in [*([] if keep else df.columns), *names] if c not in HEADERS]
    if missing:
        raise KeyError(f"no header for {missing}: add it to jjj.show.HEADERS")
    out = df if keep else df.rename(columns={c: t(HEADERS[c]) for c in df.columns})
    names = [t(HEADERS[n]) if n is not None else None for n in df.index.names]
    out.index = out.index.set_names(names if len(names) > 1 else names[0])
    return out


label = text.label  # the codebook label of a figure in the edition's language


def unit(row: pd.Series) -> str:
    return row["unit"] if text.lang() == "zh" else row["counts"]


def window_label(label_zh: str) -> str:
    """A window label in the edition's language; a year (2024年) is that year to publication."""
    year = re.fullmatch(r"([0-9]{4})年", label_zh)
    if year:
        return t("{year}年", year=year.group(1))
    return t(WINDOWS[label_zh])


def measure_label(measure: str) -> str:
    return t(MEASURES[measure])


def province_name(zh: str) -> str:
    return t(PROVINCES[zh])


def area_table(fig: pd.DataFrame, area: str) -> pd.DataFrame:
    """An area's figures: name, stated phrase, value, bounds, unit, window, qualifier, measure."""
    sub = fig[(fig["area"] == area) & (fig["kind"] == "count")]
    return pd.DataFrame({
        "label": [label(r) for _, r in sub.iterrows()],
        "stated": sub["surface"],
        "value": sub["value"], "low": sub["low"], "high": sub["high"],
        "unit": [unit(r) for _, r in sub.iterrows()],
        "window": sub["window"].map(window_label),
        "years": sub["window_years"],
        "qualifier": sub["qualifier"].map(lambda q: t(QUALIFIERS[q])),
        "measures": sub["measure"].map(measure_label),
    }, index=sub.index.rename("figure"))


def sources(fig: pd.DataFrame, area: str) -> None:
    """Quote the sentences an area's figures come from, as the raw file has them."""
    sub = fig[fig["area"] == area].drop_duplicates("sentence_text")
    lines = [f"> {r['sentence_text']}  \n> <small>"
             + t("第{paragraph}段第{sentence}句 [{start}:{end}]", paragraph=r["paragraph"],
                 sentence=r["sentence"], start=r["start"], end=r["end"]) + "</small>"
             for _, r in sub.iterrows()]
    display(Markdown("\n>\n".join(lines)))


def heading(area: str) -> None:
    """The area's heading sentence and metaphor as the text gives them."""
    a = data.areas().loc[area]
    display(Markdown(t("**{heading}**（第{paragraph}段 [{start}:{end}]）", heading=a["heading"],
                       paragraph=a["paragraph"], start=a["start"], end=a["end"], name=a["name_en"],
                       metaphor=a["metaphor_en"])))


def derived(area: str | None = None, kinds: tuple[str, ...] | None = None,
            ids: list[str] | None = None) -> pd.DataFrame:
    """Derived metrics from ``derived.csv`` as a reader sees them: name, kind, range and the
    number as written (rounded to what the range supports), unit and assumption."""
    d = data.derived(area=area, kinds=kinds, ids=ids)
    zh = text.lang() == "zh"
    return table(pd.DataFrame({
        "metric": d["label_zh" if zh else "label_en"],
        "kind": d["kind"].map(lambda k: t(KINDS[k])),
        "range": [_range(r) for _, r in d.iterrows()],
        "as_written": [text.point(r["low"], r["value"], r["high"]) for _, r in d.iterrows()],
        "unit": d["unit_zh" if zh else "unit_en"],
        "assumes": d["assumes_zh" if zh else "assumes_en"],
    }, index=d.index.rename("id")))


def _range(r: pd.Series) -> str:
    if pd.isna(r["value"]) and r["low"] == 0:  # a bound only
        return t("至多 {x}", x=text.num(r["high"]))
    return text.interval(r["low"], r["high"])


def annualisable(fig: pd.DataFrame) -> pd.DataFrame:
    """Every count with what it measures and its window: may it be put per year, and why (not)?"""
    from jjj import metrics

    spans = data.windows()
    sub = fig[fig["kind"] == "count"]
    return table(pd.DataFrame({
        "figure": [label(r) for _, r in sub.iterrows()],
        "stated": sub["surface"],
        "measures": sub["measure"].map(measure_label),
        "window": sub["window"].map(window_label),
        "years": [text.interval(r["years_low"], r["years_high"]) if not pd.isna(r["years_low"])
                  else "–" for _, r in sub.iterrows()],
        "per_year": [t("是") if metrics.annualisable(r) else t("否") for _, r in sub.iterrows()],
        "why": [_why(r, spans) for _, r in sub.iterrows()],
    }, index=sub.index.rename("id")))


def _why(f: pd.Series, spans: pd.DataFrame) -> str:
    if f["measure"] != "flow":
        return t("{measure}，不是流量", measure=measure_label(f["measure"]))
    return spans.loc[f["span"], "reason_zh" if text.lang() == "zh" else "reason_en"]


def list_items(name: str) -> pd.DataFrame:
    """One enumeration of the text (``data/processed/lists.csv``), in the edition's language."""
    items = data.lists()
    items = items[items["list"] == name].copy()
    items["name"] = items["item"] if text.lang() == "zh" else items["item_en"]
    return items
