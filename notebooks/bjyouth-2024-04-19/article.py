"""This article's own code, beside its notebooks: what the engine (``src/jjj``) must not know.

- ``FINDINGS``: what the analysis learns, in order of weight, each a function that computes its
  sentence from the data and asserts its claim (``jjj.findings.compute`` runs them in
  ``00_clean_figures``);
- ``campaign`` and ``campaign_chart``: the poverty campaign as its sources give it, against the
  article's ten years (``02_poverty``).

The notebooks ``import article`` (they run in this folder).
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from jjj import charts, text
from jjj.findings import Finding, Inputs
from jjj.i18n import N_, t
from jjj.intervals import Interval

# ------------------------------------------------------------------ the poverty campaign (02)


def campaign(ctx: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The poverty campaign as its sources give it: every snapshot of its projects (running
    totals, and single years apart: quantity ``campaign_projects`` and ``campaign_projects_in_year``
    of Hebei), each with the counties reached where a source gives them; and who did the projects
    at the snapshot split by origin (``campaign_projects_by_origin``), with the rest of its total
    (national-level organisations, or not attributed)."""
    from jjj import context

    hebei = ctx[ctx["region"] == "hebei"]
    rows = hebei[hebei["quantity"].isin(["campaign_projects", "campaign_projects_in_year"])]
    counties = hebei[hebei["quantity"] == "campaign_counties"].set_index("as_of")["value"]
    points = pd.DataFrame({
        "start": [pd.Timestamp(r["period_start"]) for _, r in rows.iterrows()],
        "end": [pd.Timestamp(r["period_end"]) for _, r in rows.iterrows()],
        "value": rows["value"].astype(float),
        "cumulative": rows["quantity"] == "campaign_projects",
        "label": [
            (t("{date}：{n}个项目，{c}个县", date=r["period_end"], n=text.num(r["value"]),
               c=text.num(counties[r["as_of"]]))
             if r["as_of"] in counties.index else
             t("{date}：{n}个项目", date=r["period_end"], n=text.num(r["value"])))
            if r["quantity"] == "campaign_projects"
            else t("{year}年一年：{n}个项目", year=r["as_of"], n=text.num(r["value"]))
            for _, r in rows.iterrows()],
    }, index=rows.index.rename("id")).sort_values("end")
    split = ctx[ctx["quantity"] == "campaign_projects_by_origin"]
    dates = set(split["as_of"])
    if len(dates) != 1:
        raise ValueError(f"the origin split should be one snapshot, not {sorted(dates)}")
    total = rows[(rows["quantity"] == "campaign_projects") & (rows["as_of"] == dates.pop())].iloc[0]
    rest = context.interval(total) - sum((context.interval(r) for _, r in split.iterrows()), start=0.0)
    if rest.low < 0:
        raise ValueError(f"the origin rows add up to more than {total.name}")
    names = {"hebei": t("河北本省的组织"), "beijing": t("北京的组织"), "tianjin": t("天津的组织")}
    origin = pd.DataFrame({
        "label": [names[r["region"]] for _, r in split.iterrows()] + [t("未归属（来源没有分开）")],
        "value": [*split["value"].astype(float), rest.value],
        "region": [*split["region"], "other"],
    }, index=[*split.index, "rest"]).sort_values("value", ascending=False)
    return points, origin


def campaign_chart(points: pd.DataFrame, origin: pd.DataFrame, *, frame: tuple, campaign: tuple,
                   title: str, ylabel: str, year_label: str, origin_title: str, xlabel: str, color):
    """What the poverty figures are: the article's ten-year frame against the campaign's period,
    with every snapshot a source gives (``points``: ``start``, ``end`` Timestamps, ``value``,
    ``label``, ``cumulative``): running totals as dots at their dates on one axis, a single
    year's flow as a bar over its year on an axis of its own below (``year_label``), never on the
    axis of the totals; and who did the projects at one snapshot (``origin``: ``label``,
    ``value``, ``color``). The years before the first snapshot are left empty: no source gives
    them."""
    layout = charts.Layout(title)
    totals, years_ = points[points["cumulative"]], points[~points["cumulative"]]
    top = totals["value"].max() * 1.8  # headroom for the periods named at the top
    ticks = MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]).tick_values(0, top)
    ticks = [v for v in ticks if 0 <= v <= top]
    year_top = years_["value"].max() * 1.6 if len(years_) else 1.0
    year_ticks = [v for v in MaxNLocator(nbins=2, steps=[1, 2, 2.5, 5, 10]).tick_values(0, year_top)
                  if 0 <= v <= year_top]
    indent = max(charts.text_width(s) for s in charts.OneScale().format_ticks([*ticks, *year_ticks])) + 8
    layout.block(190, xlabel="", heading=ylabel, indent=indent)
    layout.block(60, xlabel="", heading=year_label, indent=indent)
    layout.block(26, heading=origin_title, xlabel=xlabel)
    handles = [Patch(facecolor=row.color, label=f"{row.label} {text.num(row.value)}")
               for row in origin.itertuples()]
    fig, (ax, yx, bx) = layout.draw(charts.legend_rows(handles, layout.inner))
    for a in (ax, yx):
        a.set_xlim(frame[0] - pd.Timedelta(days=120), frame[1] + pd.Timedelta(days=120))
        a.axvspan(*frame, color="#dddddd", alpha=0.5, lw=0)
        a.axvspan(*campaign, color=color, alpha=0.18, lw=0)
        a.xaxis.set_major_locator(mdates.YearLocator(2))
        a.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_ylim(0, top)
    yx.set_ylim(0, year_top)
    yx.set_yticks(year_ticks)
    yx.yaxis.set_major_formatter(charts.OneScale())
    # the two periods named where they are drawn, at the top (no legend to look up)
    def span_width(a, b) -> float:  # points between two dates
        return (ax.transData.transform((mdates.date2num(b), 0))[0]
                - ax.transData.transform((mdates.date2num(a), 0))[0]) * 72 / fig.dpi

    ax.annotate(charts.wrap(t("报道的“十年来”"), span_width(campaign[1], frame[1]) - 8), (frame[1], top),
                xytext=(-4, -4), textcoords="offset points", ha="right", va="top",
                color="#555555", linespacing=charts.LINE)
    ax.annotate(charts.wrap(t("行动的时期（来源）"), span_width(*campaign) - 8), (campaign[0], top),
                xytext=(4, -4), textcoords="offset points", ha="left", va="top", color=charts.NOTE_COLOR,
                linespacing=charts.LINE)
    for row in points.itertuples():
        a = ax if row.cumulative else yx
        if row.cumulative:
            a.plot(row.end, row.value, "o", color=color, markersize=8, zorder=3)
        else:
            a.barh(row.value / 2, mdates.date2num(row.end) - mdates.date2num(row.start), height=row.value,
                   left=mdates.date2num(row.start), color=color, alpha=0.6, zorder=3)
        x = mdates.date2num(row.end)
        label = row.label
        right = charts.fits(a, x, charts.text_width(label) + 6, True)
        if not right and not charts.fits(a, x, charts.text_width(label) + 6, False):
            label = charts.wrap(label, charts.text_width(label) / 2 + 20)  # on two lines, beside the mark
            right = charts.fits(a, x, charts.text_width(label) + 6, True)
        a.annotate(label, (row.end, row.value), xytext=(6 if right else -6, 6 if row.cumulative else -2),
                   textcoords="offset points", va="bottom" if row.cumulative else "top",
                   ha="left" if right else "right", color=charts.NOTE_COLOR, linespacing=charts.LINE)
    first = totals["end"].min()
    before = charts.wrap(t("此前：没有来源"), span_width(frame[0], first) - 8)
    ax.annotate(before, (frame[0] + (first - frame[0]) / 2, totals["value"].max() * 0.5),
                ha="center", color="#555555", linespacing=charts.LINE)
    ax.set_yticks(ticks)
    ax.yaxis.set_major_formatter(charts.OneScale())
    left, total = 0, origin["value"].sum()
    for row in origin.itertuples():
        bx.barh(0, row.value, left=left, color=row.color, height=1.0)
        if row.value / total > 0.12:  # the number inside the segment where it fits
            bx.annotate(text.num(row.value), (left + row.value / 2, 0), ha="center", va="center",
                        color="white")
        left += row.value
    bx.set_xlim(0, left)
    bx.set_ylim(-0.5, 0.5)
    bx.set_yticks([])
    charts.number_axis(bx.xaxis)
    bx.grid(axis="y", visible=False)
    layout.legend(handles)
    return fig


# ------------------------------------------------------------------ findings

def _campaign(x: Inputs) -> Finding:
    poverty = x.fig[x.fig["area"] == "poverty"]
    assert (poverty["repeats"] != "").all() and (poverty["release_date"].nunique() == 1), (
        "every poverty figure repeats one release of the organisers"
    )
    assert (poverty["window_basis"] == "sourced").all() and poverty["window_start"].nunique() == 1, (
        "all five share the campaign's one period"
    )
    assert (poverty["window_verdict"] == "contradicted").all(), (
        "the sentence says the campaign's period is shorter than any the article's framing allows"
    )
    f = poverty.iloc[0]
    release = x.ctx.loc[f["repeats"].split(";")[0]]
    return Finding(
        "poverty_campaign",
        N_(
            "扶贫段落的{n}个数字不是十年的累计，而是一次行动的合计：{start}至{end}，{short}到{long}年，"
            "短于报道“十年来”的框架所容许的最少{floor}年。这{n}个数字复述主办方自己{date}的发布"
            "（{publisher}{published}报道，《{title}》）：这说明数字出自何时，不说明数字对不对。"
        ),
        lambda lang: {
            "n": len(poverty),
            "start": f["window_start"],
            "end": f["window_end"],
            "short": text.num(f["years_low"], lang, 0.01),
            "long": text.num(f["years_high"], lang, 0.01),
            "floor": text.num(f["stated_years_low"], lang),
            "date": f["release_date"],
            "publisher": text.in_lang(release, "publisher", lang),
            "published": release["published"],
            "title": release["title"],
        },
        (*poverty.index, *dict.fromkeys(e for ev in poverty["evidence"] for e in ev.split(";"))),
        ("02_poverty", "91_context"),
    )


def _per_year(x: Inputs) -> Finding:
    from jjj.data import iv
    from jjj.metrics import years

    funds = x.metric("poverty_funds_per_year")
    projects = x.metric("poverty_projects_per_year")
    f = x.fig.loc["poverty_funds"]
    # the same funds over the campaign's years and over the years the article's framing allows
    # (十年来: 3 to 10): the funds cancel, so the ratio is exactly framing years / campaign years
    campaign = iv(x.fig, "poverty_funds") / years(x.fig, "poverty_funds")
    low, high = float(f["stated_years_low"]), float(f["stated_years_high"])
    framed = Interval(low, high, high)
    ratio = campaign / (iv(x.fig, "poverty_funds") / framed)
    at_ten = campaign / (iv(x.fig, "poverty_funds") / Interval.exact(f["stated_years_high"]))
    assert ratio.low >= 1, "the sentence says the campaign put in at least as much a year as any framing"
    assert at_ten.low > 3, "the sentence says more than three times at the article's ten years"
    return Finding(
        "poverty_per_year",
        N_("按行动的实际时间段，每年约{projects}个扶贫项目、{funds}元资金，是按报道框架（{ylow}到{yhigh}年）摊算的"
           "{ratio}倍；按十年算是{ten}倍。"),
        lambda lang: {
            "projects": text.interval(projects, lang_=lang),
            "funds": text.interval(funds, lang_=lang),
            "ylow": text.num(framed.low, lang),
            "yhigh": text.num(framed.high, lang),
            "ratio": text.interval(ratio, lang_=lang),
            "ten": text.interval(at_ten, lang_=lang),
        },
        # the campaign's period comes from its release: its source is linked with the finding
        ("poverty_projects_per_year", "poverty_funds_per_year", "poverty_funds", f["repeats"]),
        ("02_poverty",),
    )


def _origin(x: Inputs) -> Finding:
    hebei, beijing, tianjin = (
        x.metric(f"poverty_origin_{o}_projects_2018") for o in ("hebeiorgs", "beijing", "tianjin")
    )
    hebei_f, beijing_f = (x.metric(f"poverty_origin_{o}_funds_2018") for o in ("hebeiorgs", "beijing"))
    assert hebei.low > beijing.high + tianjin.high, "the sentence says Hebei's own organisations did most"
    assert hebei_f.high < hebei.low, "the sentence says the split by funds gives Hebei less"
    total = x.ctx.loc["campaign_projects_hebei_2018"]
    parts = sum(x.ctx.loc[f"campaign_projects_{o}_2018", "value"]
                for o in ("hebeiorgs", "beijing", "tianjin"))
    later = x.ctx.loc["campaign_projects_hebei_2019"]
    return Finding(
        "poverty_origin",
        N_(
            "谁做了扶贫？行动初期，到{date}已签约和意向的{total}个项目中，来源称为“我省”（河北）的社会组织占{hebei}%，"
            "北京的组织占{beijing}%，天津的占{tianjin}%，{unassigned}个未归属；按资金算，河北的至多{hebei_f}%，"
            "北京的至多{beijing_f}%。这是行动初期按项目数的划分；{year}年的来源说，那一年的项目大多不是省级社会组织做的。"
        ),
        lambda lang: {
            "date": total["as_of"],
            "total": text.num(total["value"], lang),
            "hebei": text.pct(hebei.value),
            "beijing": text.pct(beijing.value),
            "tianjin": text.pct(tianjin.value),
            "unassigned": text.num(total["value"] - parts, lang),
            "hebei_f": text.pct(hebei_f.high),
            "beijing_f": text.pct(beijing_f.high),
            "year": later["as_of"],
        },
        (
            "poverty_origin_hebeiorgs_projects_2018",
            "poverty_origin_beijing_projects_2018",
            "poverty_origin_tianjin_projects_2018",
            "poverty_origin_hebeiorgs_funds_2018",
            "poverty_origin_beijing_funds_2018",
            "campaign_projects_hebei_2018",
            "campaign_projects_hebei_2019",
        ),
        ("02_poverty", "91_context"),
    )


def _growth(x: Inputs) -> Finding:
    counties, projects = x.metric("poverty_counties_reached_2018"), x.metric("poverty_projects_reached_2018")
    assert counties.low > 50 and projects.high < 10, "the sentence: most counties early, few projects"
    date = x.ctx.loc["campaign_counties_hebei_2018", "as_of"]
    return Finding(
        "poverty_growth",
        N_(
            "行动开始后到{date}，已经覆盖{counties}%的重点县，但已签约和意向的项目只相当于最终落地项目数的{projects}%："
            "绝大多数项目是此后落地的。"
        ),
        lambda lang: {
            "date": date,
            "counties": text.pct(counties.value),
            "projects": text.pct(projects.value),
        },
        (
            "poverty_counties_reached_2018",
            "poverty_projects_reached_2018",
            "campaign_counties_hebei_2018",
            "campaign_projects_hebei_2018",
        ),
        ("02_poverty", "91_context"),
    )


def _checkable(x: Inputs) -> Finding:
    counts = x.fig[(x.fig["kind"] == "count") & (x.fig["measure"] != "context")]
    n = counts["verdict"].value_counts()
    checked = int(sum(n.get(v, 0) for v in ("contradicted", "tightened", "confirmed", "consistent")))
    windows = counts[counts["window_verdict"] == "contradicted"]
    assert n.get("contradicted", 0) == 0, "the sentence says no value is contradicted"
    assert checked < n.get("repeats", 0), "the sentence says fewer are checked than merely repeated"
    assert windows["area"].nunique() == 1, "the sentence names one paragraph's window"
    return Finding(
        "checkable",
        N_(
            "报道的{n}个计数中，只有{checked}个有主办方以外的来源核对；{repeats}个只是复述主办方{date}的发布，"
            "{bounded}个只有大得多、不可能被超过的全国整体，{unchecked}个找不到任何来源。没有一个数值被来源否定，"
            "但扶贫段落{windows}个数字的“十年来”被主办方自己的发布否定：那是约三年的行动。"
        ),
        lambda lang: {
            "n": len(counts),
            "checked": checked,
            "repeats": n.get("repeats", 0),
            "date": counts.loc[counts["verdict"] == "repeats", "release_date"].iloc[0],
            "bounded": n.get("bounded", 0),
            "unchecked": n.get("unchecked", 0),
            "windows": len(windows),
        },
        tuple(counts.index),
        ("00_clean_figures", "91_context"),
    )


def _counties(x: Inputs) -> Finding:
    share = x.metric("poverty_counties_share")
    assert share.low == 100, "the sentence says every poverty county"
    return Finding(
        "poverty_counties_all",
        N_("“覆盖{n}个重点县”就是河北全部的贫困县（{share}%）：覆盖是一个不落。"),
        lambda lang: {
            "n": text.num(x.fig.loc["poverty_counties", "value"], lang),
            "share": text.pct(share.value),
        },
        ("poverty_counties_share", "poverty_counties", "poverty_counties_all_hebei_2019"),
        ("91_context",),
    )


def _scale(x: Inputs) -> Finding:
    nationwide, registered = (
        x.metric("poverty_orgs_share_nationwide"),
        x.metric("poverty_orgs_share_registered"),
    )
    weak = x.ctx.loc["poverty_orgs_nationwide_2020"]
    whole = x.ctx.loc["social_orgs_national_2019"]
    assert weak["origin"] == "unknown", "the sentence calls the nationwide count a weak source"
    assert registered.high < 1 and nationwide.high < 20, "the sentence: under 1 %, about a tenth"
    return Finding(
        "poverty_orgs_scale",
        N_(
            "参与河北行动的组织约占全国登记社会组织的{registered}%（{date}全国{whole}个）。一个未注明原始来源的网页"
            "（{publisher}）说2017年以来全国参与扶贫的社会组织有{stated}；这个弱来源若可信，它们约占其中的{nationwide}%。"
        ),
        lambda lang: {
            "registered": text.interval(registered, lang_=lang),
            "date": whole["as_of"],
            "whole": text.num(whole["value"], lang),
            "publisher": text.in_lang(weak, "publisher", lang),
            "stated": weak["stated"] if lang == "zh" else
            f"{text.interval(weak['low'], weak['high'], lang)} ({weak['stated']})",
            "nationwide": text.interval(nationwide, lang_=lang),
        },
        ("poverty_orgs_share_nationwide", "poverty_orgs_share_registered", "social_orgs_national_2019",
         "poverty_orgs_nationwide_2020"),
        ("91_context",),
    )


# In order of weight: the first ones lead the front page.
FINDINGS = (
    _campaign,
    _per_year,
    _origin,
    _growth,
    _checkable,
    _counties,
    _scale,
)
