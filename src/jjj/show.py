"""Presenting: an area's figures, the derived metrics, source quotes and table headers, in the
edition's language (``JJJ_LANG``; sentences and headers written once in Chinese and translated in
the catalog, ``jjj.i18n``; names of figures from the codebook, areas from the area registry)."""

from __future__ import annotations

import html
import math
import numbers
import re
from dataclasses import dataclass

import pandas as pd
from IPython.display import Markdown, display

from jjj import config, data, text, vocab
from jjj.i18n import N_, gettext, t
from jjj.intervals import stored_digits
from jjj.io import read_csv

# Every column a notebook shows, with its header (a catalog message). A table with a column
# missing here fails: no English header slips into the Chinese edition.
HEADERS = {
    "id": N_("名称"), "figure": N_("数字"), "label": N_("名称"), "stated": N_("所写"),
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
    "basis": N_("来源"), "reason_zh": N_("理由"), "reason_en": N_("理由"),
    "uses": N_("所用数字"), "label_zh": N_("名称"), "unit_zh": N_("单位"), "files": N_("文件"),
    "characters": N_("字符数"), "non-empty lines": N_("非空行数"), "published": N_("发布时间"),
    "file": N_("文件"), "paragraphs": N_("段数"), "sentences": N_("句数"), "exact": N_("确数"),
    "total": N_("合计"), "kind_label": N_("组织类别"), "width_pct": N_("区间宽度（%）"),
    "verdict": N_("结论"), "means": N_("含义"), "origin": N_("谁站在数字后面"),
    "locator": N_("网页上的位置"),
    "whole": N_("整体"), "whole_stated": N_("整体所写"), "as_of": N_("截至"),
    "article": N_("报道"), "earlier": N_("更早公布"), "ranges_meet": N_("区间相交"),
    "wide": N_("宽读法"), "tight": N_("窄读法"), "width_ratio": N_("宽窄之比"), "region": N_("地区"),
    "quantity": N_("计量对象"), "publisher": N_("发布者"), "period": N_("时期"),
    "queries": N_("检索词"), "outcome": N_("结果"), "role": N_("角色"), "when": N_("时间"),
    "group": N_("类别"), "metric": N_("指标"), "range": N_("区间"), "where": N_("位置"),
    "found_by": N_("靠什么找到"), "as_written": N_("按所写数字"),
    "assumes": N_("假定"), "dates": N_("两边的日期"), "name_zh": N_("领域"), "figure_range": N_("区间"),
    "metric_range": N_("指标区间"), "metric_zh": N_("指标"), "metric_unit_zh": N_("指标单位"),
    "figure_zh": N_("关键数字"), "figure_en": N_("关键数字"), "metric_en": N_("指标"),
    "metric_unit_en": N_("指标单位"), "per_year": N_("可折算每年"), "why": N_("理由"),
    "written": N_("写出的文件"), "title_en": N_("英文标题"), "outlet_en": N_("媒体英文名"),
    "area_name": N_("领域"), "figure_label": N_("关键数字"),
    "metric_label": N_("关键指标"), "metric_unit": N_("指标单位"),
    "多": N_("多"), "余": N_("余"), "约": N_("约"), "近": N_("近"),
    "evidence": N_("依据"), "resolved": N_("采用的区间"), "stated_range": N_("报道的区间"),
    "rank": N_("排序"), "finding": N_("发现"), "shown_in": N_("见于"), "reading": N_("读数"),
    "capped": N_("截在 N+u 的读法"), "accessed": N_("查阅日期"),
}
# Which vocabulary (``jjj.vocab``) a table's coded column is in words by
CODED = {"measure": "measure", "measures": "measure", "kind": "kind", "region": "region",
         "verdict": "verdict", "status": "status", "section": "section", "basis": "basis",
         "window_basis": "basis", "qualifier": "qualifier", "org_kind": "org_kind", "span": "span",
         "origin": "origin"}


def table_words(column: str, code: str) -> str:
    """A code of a coded column in words, as ``table`` shows it (``status``: ``excluded`` →
    排除), for a cell that adds to it."""
    return _words(code, vocab.labels(CODED[column]))


def _list_names() -> dict[str, str]:
    lists = read_csv(config.LISTS).set_index("id")
    return dict(zip(lists.index, text.in_lang(lists, "label"), strict=True))


def _words(v, words: dict[str, str]):
    """A code value in words (``words``: a column's vocabulary, ``jjj.vocab.labels``): one code,
    or several (``a;b``)."""
    if not isinstance(v, str):
        return v
    if v in words:
        return words[v]
    codes = v.split(";")
    return t("、").join(words[x] for x in codes) if all(x in words for x in codes) else v


def _area_names() -> dict[str, str]:
    """Each area's name in the edition's language: an area's from its heading (zh) and the
    registry (en); the overview's (no heading) from the registry in both."""
    areas = data.areas()
    names = dict(zip(areas.index, text.in_lang(areas, "name"), strict=True))
    overview = next(r for r in config.AREA_ROWS if r["area"] == "overview")
    return names | {"overview": text.in_lang(overview, "name")}


LABEL = '<span class="jjj-label">{}</span>'  # a cell's header, as its card line's label on a phone


class Table:
    """A table for readers (what ``table`` returns): headers in the edition's language, code
    values (``stock``, ``tightened``) in words, ids as the names of what they stand
    for, yes/no for true/false, "–" where a value is missing (never NaN), numbers by the
    edition's one rule (``jjj.text.num``: 万/亿 in Chinese, million/billion in English), and no
    index column unless it names the rows. Notebooks show it as HTML; its text is the same table
    as plain text."""

    def __init__(self, df: pd.DataFrame):
        self.frame = df

    def cells(self) -> pd.DataFrame:
        """Every cell as the reader sees it, as text."""
        return self.frame.map(_cell)

    def __repr__(self) -> str:
        return self.cells().to_string(index=False)

    def _repr_html_(self) -> str:
        """A plain HTML table; each cell carries its column's header, as text in the page (a
        ``jjj-label`` span, shown only on a phone, where the site's style sheet makes each row a
        card of label–value lines) and in ``data-label``; the value is one span, whatever it
        holds."""
        heads = [html.escape(_cell(c)) for c in self.frame.columns]
        body = "".join(
            "<tr>" + "".join(f'<td data-label="{h}">{LABEL.format(h)}<span>{_html_cell(x)}</span></td>'
                             for h, x in zip(heads, row, strict=True)) + "</tr>\n"
            for row in self.frame.itertuples(index=False))
        head = "".join(f'<th scope="col">{_html_cell(c)}</th>' for c in self.frame.columns)
        return f'<table class="jjj-table">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>'

    def folded(self, what: str) -> Folded:
        """The table folded under a line that says what it holds and how many rows: long
        evidence (the codebook, the sources) below the result it supports."""
        return Folded(t("{what}（{n} 行，点击展开）", what=what, n=len(self.frame)), self)


@dataclass(frozen=True)
class Folded:
    """A table a reader unfolds (``Table.folded``): ``<details>`` with its summary line. The site
    opens it when printing (jjj-print.js) and in the PDF."""

    summary: str
    table: Table

    def __repr__(self) -> str:
        return f"{self.summary}\n{self.table!r}"

    def _repr_html_(self) -> str:
        return (f'<details class="jjj-evidence"><summary>{html.escape(self.summary)}</summary>\n'
                f"{self.table._repr_html_()}\n</details>")


@dataclass(frozen=True)
class Link:
    """A cell that is a link: its text, and the address a reader can follow."""

    text: str
    url: str

    def __str__(self) -> str:
        return f"{self.text} <{self.url}>"


DATE = re.compile(r"\b[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?\b")


def _html_cell(x) -> str:
    """A cell as HTML: escaped text, a link as a link, a date never broken at its hyphens (a
    ``jjj-nowrap`` span). (The site marks Chinese on English pages with its language:
    ``jjj.site.mark_chinese``.)"""
    if isinstance(x, Link):
        return f'<a href="{html.escape(x.url)}">{_html_cell(x.text)}</a>'
    return DATE.sub(lambda m: f'<span class="jjj-nowrap">{m.group(0)}</span>', html.escape(_cell(x)))


def _cell(x) -> str:
    if x is None or (isinstance(x, float) and x != x):
        return "–"
    if isinstance(x, bool):
        return t("是") if x else t("否")
    if isinstance(x, numbers.Integral):
        return f"{x:,}" if abs(x) >= 10000 else str(x)
    if isinstance(x, float):
        if x == float("inf"):
            return "∞"
        if abs(x) >= 1:
            # The tables keep six significant digits. A number that needs all six (or more) is a
            # quotient (33.3333) and shows four; one with five or fewer is exact, a bound
            # (21.875亿) or a count, and shows whole.
            digits = 4 if _significant_digits(x) >= 6 else 5
            return text.num(x, s=10.0 ** (math.floor(math.log10(abs(x))) - digits + 1))
        return f"{x:.3g}"
    return str(x) if str(x) != "" else "–"


def _significant_digits(x: float) -> int:
    """How many significant digits ``x`` has, up to 6 (7 for more)."""
    if float(f"{x:.6g}") != x:
        return 7
    return len(f"{abs(x):.6e}".split("e")[0].replace(".", "").rstrip("0"))


def _names() -> dict[str, str]:
    """What each id stands for, in the edition's language: figures, derived metrics, context rows."""
    out = {}
    for frame in (data.figures(reading="article"), data.derived()):
        out |= dict(zip(frame.index, text.in_lang(frame, "label"), strict=True))
    # the context rows' names only (the cleaning notebook checks the table: context.load)
    ctx = read_csv(config.CONTEXT_CSV, dtype=str, usecols=["id", "label_zh", "label_en"])
    out |= dict(zip(ctx["id"], text.in_lang(ctx, "label"), strict=True))
    return out


def name_of(ids: str, names: dict[str, str] | None = None) -> str:
    """One id or several (``a;b``) as the names of what they stand for (``names``: from
    ``_names()``, read once per table)."""
    names = names if names is not None else _names()
    return t("、").join(names.get(i, i) for i in str(ids).split(";") if i)


ID_COLUMNS = ("id", "figure", "uses", "evidence", "whole")  # columns (or indexes) of ids


def table(df: pd.DataFrame, columns: list[str] | None = None, keep: bool = False) -> Table:
    """A table as readers see it (:class:`Table`): the chosen columns, headers in the edition's
    language, code values in words.

    ``keep``: the column labels are data already in the edition's language (provinces, regions).
    An index of ids (named ``id`` or ``figure``) becomes a column of names; an unnamed index is
    dropped.
    """
    df = df[columns] if columns is not None else df
    names = [n for n in df.index.names if n is not None]
    missing = [c for c in [*([] if keep else df.columns), *names] if c not in HEADERS]
    if missing:
        raise KeyError(f"no header for {missing}: add it to jjj.show.HEADERS")
    named = any(c in df.columns for c in ("figure", "label", "metric", "label_zh", "finding"))
    if not names or (names in (["id"], ["figure"]) and named):  # row numbers, or rows named already
        df = df.reset_index(drop=True)
    else:  # the index says something: it becomes the first columns
        df = df.reset_index()
    renamed = [*names] if keep else list(df.columns)
    for c in df.columns:
        if c in CODED:  # one code, or several (a;b)
            words = vocab.labels(CODED[c])  # once a column, not a cell
            df[c] = df[c].map(lambda v, m=words: _words(v, m))
        elif c in ID_COLUMNS:
            names_ = _names()
            df[c] = df[c].map(lambda v, n=names_: name_of(v, n) if isinstance(v, str) else v)
        elif c == "window":
            df[c] = df[c].map(_window_words)
        elif c in ("area", "list"):
            names_ = _area_names() if c == "area" else _list_names()
            df[c] = df[c].map(lambda v, m=names_: m.get(v, v))
    out = df.rename(columns={c: t(HEADERS[c]) for c in renamed if c in HEADERS})
    return Table(out)


label = text.label  # the codebook label of a figure in the edition's language


def unit(row: pd.Series) -> str:
    """A figure's unit in the edition's language: 家 or organisations, % for a share."""
    return row["unit"] if text.lang() == "zh" or row["kind"] == "percent" else row["counts"]


def _window_words(value):
    """A window as the codebook writes it (十年来, 2024年, a sourced period) in the edition's
    language (``window_label``); anything else as it is (a window in words already, an empty one)."""
    if not isinstance(value, str) or not value:
        return value
    try:
        return window_label(value)
    except KeyError:  # not a window as the codebook writes it
        return value


def window_label(label_zh: str) -> str:
    """A window label in the edition's language; a year (2024年) is that year to publication; a
    sourced period (2017-12至2020-10-28) is its dates."""
    year = re.fullmatch(r"([0-9]{4})年", label_zh)
    if year:
        return t("{year}年", year=year.group(1))
    period = re.fullmatch(r"([0-9-]+)至([0-9-]+)", label_zh)
    if period:
        return t("{start}至{end}", start=period.group(1), end=period.group(2))
    return vocab.label("window", label_zh)


def verdict_words(row: pd.Series, lang_: str | None = None) -> str:
    """A figure's verdict as a reader needs it: which release of the organisers it repeats and
    when, and whether the evidence rules out its window (``row``: a figures or headline row)."""
    date, window = row.get("release_date", ""), row.get("window_verdict", "")
    if row["verdict"] == "repeats" and date:
        out = gettext(N_("复述主办方{date}的发布"), lang_).format(date=date)
    else:
        out = vocab.label("verdict", row["verdict"], lang_)
        if date:
            out += gettext(N_("；也复述主办方{date}的发布"), lang_).format(date=date)
    if window == "contradicted":
        out += gettext(N_("；时间段被来源否定"), lang_)
    return out



def citation(row: pd.Series, lang_: str | None = None) -> str:
    """A source as a reader can follow it, in Markdown: publisher and title linked to the page
    read, its date, whether that page is a copy (and the original's address where known), and
    who stands behind the number (``row``: a context row, joined with its source)."""
    title = f"{row['publisher']}《{row['title']}》" if (lang_ or text.lang()) == "zh" \
        else f"{row['publisher_en']}, 《{row['title']}》"
    out = f"[{title}]({row['url']})"
    if row.get("copy") == "yes":
        out += gettext(N_("（转载，原文{original}）"), lang_).format(original=f"<{row['copy_of']}>") \
            if row.get("copy_of") else gettext(N_("（转载）"), lang_)
    date = row.get("published") or row["as_of"]
    return out + gettext(N_("，{date}，{origin}"), lang_).format(date=date,
                                                          origin=vocab.label("origin", row["origin"], lang_))


def locator_words(code: str, lang_: str | None = None) -> str:
    """Where a number stands on its page, in words: p3 → 正文第3段, p1s2 → 正文第1段第2句,
    s5 → 全文第5句, t1r4 → 表1第4行."""
    m = re.fullmatch(r"p([0-9]+)(?:s([0-9]+))?|s([0-9]+)|t([0-9]+)r([0-9]+)", code)
    if m is None:
        raise ValueError(f"not a locator: {code!r}")
    para, sent, alone, tab, row = m.groups()
    if para:
        out = gettext(N_("正文第{n}段"), lang_).format(n=para)
        return out + (gettext(N_("第{n}句"), lang_).format(n=sent) if sent else "")
    if alone:
        return gettext(N_("全文第{n}句"), lang_).format(n=alone)
    return gettext(N_("表{t}第{r}行"), lang_).format(t=tab, r=row)


def sources_table(ctx: pd.DataFrame) -> Table:
    """Every context number with its source: the title linked to the page read, the publisher
    (and whether the page read is a copy), who stands behind the number and where on the page
    it stands."""
    return table(pd.DataFrame({
        "label": text.in_lang(ctx, "label"), "stated": ctx["stated"], "as_of": ctx["as_of"],
        "title": [Link(r["title"], r["url"]) for _, r in ctx.iterrows()],
        "publisher": [text.in_lang(r, "publisher")
                      + (gettext(N_("（转载）")) if r["copy"] == "yes" else "")
                      for _, r in ctx.iterrows()],
        "origin": ctx["origin"],  # in words by table()
        "locator": ctx["locator"].map(locator_words),
    }, index=ctx.index.rename("id")).reset_index(drop=True))


def citations(ids, ctx: pd.DataFrame, lang_: str | None = None) -> str:
    """The sources of the context rows among ``ids``, each once, separated by semicolons."""
    rows = ctx.loc[[i for i in ids if i in ctx.index]].drop_duplicates("source")
    return gettext(N_("；"), lang_).join(citation(r, lang_) for _, r in rows.iterrows())


def verdicts() -> Table:
    """Each verdict in one line: what a source must be and say for it."""
    from jjj.reconcile import VERDICT_DEFINITIONS, VERDICTS

    return table(pd.DataFrame({"verdict": list(VERDICTS),  # in words by table()
                               "means": [t(VERDICT_DEFINITIONS[v]) for v in VERDICTS]}))


def reconciled(fig: pd.DataFrame, evidence: bool = True) -> Table:
    """Each count of the article beside what independent sources make of it: the article's
    range, the verdict, the resolved range and window, and the context rows it rests on."""
    sub = fig[(fig["kind"] == "count") & (fig["measure"] != "context")]
    return table(pd.DataFrame({
        "figure": [label(r) for _, r in sub.iterrows()],
        "stated": sub["surface"],
        "stated_range": [text.interval(r["stated_low"], r["stated_high"]) for _, r in sub.iterrows()],
        "verdict": [verdict_words(r) for _, r in sub.iterrows()],
        "resolved": [text.interval(r["low"], r["high"]) for _, r in sub.iterrows()],
        "window": sub["window"].map(window_label),
        **({"evidence": sub["evidence"]} if evidence else {}),
    }, index=sub.index.rename("id")))


def answer(area: str) -> None:
    """The area's answer before its evidence, the front page's row for it in a sentence: its key
    figure as the article words it, the range that stands for, its window and what independent
    sources make of it; then its key derived metric, if the area has one."""
    fig, derived_ = data.figures(), data.derived()
    row = data.headline(fig, derived_).set_index("area").loc[area]
    f = fig.loc[row["figure"]]
    values = dict(figure=label(f), stated=row["stated"], range=text.interval(f["low"], f["high"]),
                  unit=unit(f), window=window_label(f["window"]), verdict=verdict_words(f))
    out = (t("**先说答案：** {figure}：报道写“{stated}”，即{range}{unit}（时间段：{window}；与来源核对："
             "{verdict}）。", **values) if f["low"] != f["high"] else  # an exact count is its range
           t("**先说答案：** {figure}：报道写“{stated}”（时间段：{window}；与来源核对：{verdict}）。",
             **values))
    if row["metric"]:
        m = derived_.loc[row["metric"]]
        out += t("由此得出的{metric}：{range}{unit}。", metric=text.in_lang(m, "label"),
                 range=metric_interval(m), unit=text.in_lang(m, "unit"))
    display(Markdown(out))


def finding(fid: str) -> None:
    """One finding of ``findings.csv`` (``jjj.findings``), in the edition's language, with the
    sources it rests on, linked."""
    from jjj import context

    f = data.findings().loc[fid]
    out = t("**发现 {rank}：** {text}", rank=f["rank"], text=f[f"text_{text.lang()}"])
    cited = citations(f["rests_on"].split(";"), context.load())
    display(Markdown(out + (t("（来源：{sources}）", sources=cited) if cited else "")))


def findings(found: pd.DataFrame) -> Table:
    """The findings, ranked, in the edition's language."""
    return table(pd.DataFrame({"finding": found[f"text_{text.lang()}"].to_numpy()},
                              index=pd.Index(found["rank"].to_numpy(), name="rank")))


def measure_label(measure: str) -> str:
    return vocab.label("measure", measure)


def province_name(zh: str) -> str:
    return vocab.label("province", zh)


def area_table(fig: pd.DataFrame, area: str) -> pd.DataFrame:
    """An area's figures: name, stated phrase, value, bounds, unit, window, qualifier, measure."""
    sub = fig[(fig["area"] == area) & fig["kind"].isin(["count", "percent"])]
    return pd.DataFrame({
        "label": [label(r) for _, r in sub.iterrows()],
        "stated": sub["surface"],
        "value": sub["value"], "low": sub["low"], "high": sub["high"],
        "unit": [unit(r) for _, r in sub.iterrows()],
        "window": sub["window"].map(window_label),
        "years": sub["window_years"],
        "qualifier": sub["qualifier"].map(lambda q: vocab.label("qualifier", q)),
        "measures": sub["measure"].map(measure_label),
        "verdict": [verdict_words(r) for _, r in sub.iterrows()],
    }, index=sub.index.rename("figure"))


def figures_table(rows: pd.DataFrame) -> Table:
    """An area's figures (:func:`area_table`) as readers see them: the name, the words as
    written, the range after the check, unit, window, what it measures and the verdict (seven
    columns: the value and bounds as one range)."""
    return table(rows.assign(range=ranges(rows)),
                 ["label", "stated", "range", "unit", "window", "measures", "verdict"])


def where(r: pd.Series) -> str:
    """Where a phrase stands in the text: its paragraph, sentence and character offsets."""
    return t("第{paragraph}段第{sentence}句 [{start}:{end}]", paragraph=r["paragraph"],
             sentence=r["sentence"], start=r["start"], end=r["end"])


def ranges(rows: pd.DataFrame) -> list[str]:
    """Each row's low and high as one range (the project's rounding rule)."""
    return [text.interval(lo, hi) if not (pd.isna(lo) or pd.isna(hi)) else "–"
            for lo, hi in zip(rows["low"], rows["high"], strict=True)]


def sources(fig: pd.DataFrame, area: str) -> None:
    """Quote the sentences an area's figures come from, as the raw file has them."""
    sub = fig[fig["area"] == area].drop_duplicates("sentence_text")
    lines = [f"> {r['sentence_text']}  \n> <small>" + where(r) + "</small>" for _, r in sub.iterrows()]
    display(Markdown("\n>\n".join(lines)))


def heading(area: str) -> None:
    """The area's heading sentence and metaphor as the text gives them."""
    a = data.areas().loc[area]
    display(Markdown(t("**{heading}**（第{paragraph}段 [{start}:{end}]）", heading=a["heading"],
                       paragraph=a["paragraph"], start=a["start"], end=a["end"], name=a["name_en"],
                       metaphor=a["metaphor_en"])))


def derived(area: str | None = None, kinds: tuple[str, ...] | None = None,
            ids: list[str] | None = None, metrics: pd.DataFrame | None = None) -> pd.DataFrame:
    """Derived metrics from ``derived.csv`` as a reader sees them: name, kind, range and the
    number as written (rounded by the precision rule), unit and assumption. ``metrics``: a
    table of them not yet written (the cleaning's ``jjj.metrics.derive``), instead of the file."""
    d = data.derived(area=area, kinds=kinds, ids=ids) if metrics is None else metrics.set_index("id")
    return table(pd.DataFrame({
        "metric": text.in_lang(d, "label"),
        "kind": d["kind"].map(lambda k: vocab.label("kind", k)),
        "range": [metric_interval(r) for _, r in d.iterrows()],
        "as_written": [text.point(r["low"], r["value"], r["high"], digits=_digits(r))
                       for _, r in d.iterrows()],
        "unit": text.in_lang(d, "unit"),
        "assumes": text.in_lang(d, "assumes"),
    }, index=d.index.rename("id")))


def _digits(r: pd.Series, column: str = "digits") -> int | None:
    """The significant digits a derived metric may show (derived.csv's ``digits``), or None."""
    return stored_digits(r.get(column))


def metric_interval(r: pd.Series) -> str:
    if pd.isna(r["value"]) and r["low"] == 0:  # a bound only
        s = text.step(r["high"], r["high"], _digits(r))  # an upper bound rounds up
        return t("至多 {x}", x=text.num(math.ceil(r["high"] / s - 1e-9) * s, s=s))
    return text.interval(r["low"], r["high"], digits=_digits(r))


def metric_range(r: pd.Series) -> str:
    """A headline row's key metric as a range, by the precision rule (:func:`jjj.text.step`)."""
    return text.interval(r["metric_low"], r["metric_high"], digits=_digits(r, "metric_digits"))


def chart_numbers(frame: pd.DataFrame, columns: list[str] | None = None) -> Table:
    """The numbers a chart draws, as the table ``jjj.style.save`` folds under it: a row a mark,
    with its range (``low``–``high``, by the precision rule and a derived metric's ``digits``; a
    bound alone as "至多"), else its value. ``columns``: which to show (``range`` among them);
    by default the name, the number as written, the range or value and the unit, where the frame
    has them."""
    frame = frame.reset_index(drop=True)
    if {"low", "high"} <= set(frame.columns):
        rows = frame.assign(value=frame["value"] if "value" in frame else (frame["low"] + frame["high"]) / 2)
        frame = frame.assign(range=[metric_interval(r) for _, r in rows.iterrows()])
        number = "range"
    else:
        number = "value"
    columns = columns or [c for c in ("label", "stated", number, "unit") if c in frame.columns]
    return table(frame[columns])


def annualisable(fig: pd.DataFrame, ids: list[str] | None = None) -> Table:
    """Every count (or those with ``ids``) with what it measures and its window: may it be put
    per year, and why (not)?"""
    from jjj import metrics

    spans = data.windows()
    sub = fig[fig["kind"] == "count"]
    sub = sub.loc[ids] if ids is not None else sub
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
    return text.in_lang(spans.loc[f["span"]], "reason")


def list_items(name: str) -> pd.DataFrame:
    """One enumeration of the text (``data/<slug>/processed/lists.csv``), in the edition's language."""
    items = data.lists()
    items = items[items["list"] == name].copy()
    items["name"] = text.in_lang(items, "item")
    return items
