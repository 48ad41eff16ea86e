"""What the analysis learns, as data: ``data/processed/findings.csv``.

Each finding is one sentence, written once in Chinese (its English from the catalog), with its
numbers filled from the data in each language, the ids it rests on (figures, derived metrics,
context rows) and the pages that show it. Each is computed here from the reconciled figures, the
derived metrics and the context, and each **asserts the claim its sentence makes**: a change in
the data that breaks a claim stops ``00_clean_figures``, which writes the table. The front page
opens with the first ones by ``rank``; a page shows its own with :func:`jjj.show.finding`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from jjj import config, text
from jjj.i18n import N_, gettext
from jjj.intervals import Interval
from jjj.io import write_csv

COLUMNS = ["id", "rank", "text_zh", "text_en", "rests_on", "shown_in"]
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Inputs:
    fig: pd.DataFrame  # the resolved figures (jjj.reconcile.resolved), indexed by id
    derived: pd.DataFrame  # jjj.metrics.derive, indexed by id
    ctx: pd.DataFrame  # jjj.context.load

    def metric(self, mid: str) -> Interval:
        return Interval.of(self.derived.loc[mid])


@dataclass(frozen=True)
class Finding:
    id: str
    message: str  # Chinese, with {placeholders}; a catalog message
    values: Callable[[str], dict]  # the placeholders' values in a language
    rests_on: tuple[str, ...]
    shown_in: tuple[str, ...]  # notebooks (their stem) that show it, the first is its home

    def sentence(self, lang: str) -> str:
        return gettext(self.message, lang).format(**self.values(lang))


def _campaign(x: Inputs) -> Finding:
    poverty = x.fig[x.fig["area"] == "poverty"]
    assert (poverty["verdict"].isin(["confirmed", "tightened"])).all(), (
        "every poverty figure is the campaign's total: confirmed or tightened by its release"
    )
    assert (poverty["window_basis"] == "sourced").all() and poverty["window_start"].nunique() == 1, (
        "all five share the campaign's one period"
    )
    f = poverty.iloc[0]
    release = x.ctx.loc[poverty["evidence"].str.split(";").str[0].iloc[0]]
    assert f["stated_window_start"] < f["window_start"], "the article's ten years start before the campaign"
    return Finding(
        "poverty_campaign",
        N_(
            "扶贫段落的{n}个数字不是十年的累计，而是一次行动的合计：{start}至{end}，约{years}年；"
            "同样的合计{date}已经公布（{publisher}《{title}》）。"
        ),
        lambda lang: {
            "n": len(poverty),
            "start": f["window_start"],
            "end": f["window_end"],
            "years": text.num(f["window_years"], lang, 0.1),
            "date": release["as_of"],
            "publisher": release["publisher"].split("(")[0],
            "title": release["title"],
        },
        (*poverty.index, *dict.fromkeys(e for ev in poverty["evidence"] for e in ev.split(";"))),
        ("02_poverty", "09_context"),
    )


def _per_year(x: Inputs) -> Finding:
    funds = x.metric("poverty_funds_per_year")
    projects = x.metric("poverty_projects_per_year")
    f = x.fig.loc["poverty_funds"]
    ten_years = Interval.of(f) / float(f["stated_years_high"])  # the article's frame: 十年来
    ratio = funds / ten_years
    assert ratio.low > 3, "the sentence says the campaign's years put far more in each year"
    return Finding(
        "poverty_per_year",
        N_("按行动的实际时间段，每年约{projects}个扶贫项目、{funds}元资金，是按报道的十年摊算的{ratio}倍。"),
        lambda lang: {
            "projects": text.interval(projects.low, projects.high, lang),
            "funds": text.interval(funds.low, funds.high, lang),
            "ratio": text.interval(ratio.low, ratio.high, lang),
        },
        ("poverty_projects_per_year", "poverty_funds_per_year", "poverty_funds"),
        ("02_poverty",),
    )


def _origin(x: Inputs) -> Finding:
    hebei, beijing, tianjin = (
        x.metric(f"poverty_origin_{o}_projects_2018") for o in ("hebeiorgs", "beijing", "tianjin")
    )
    assert hebei.low > beijing.high + tianjin.high, "the sentence says Hebei's own organisations did most"
    total = x.ctx.loc["campaign_projects_hebei_2018"]
    return Finding(
        "poverty_origin",
        N_(
            "谁做了扶贫？到{date}，{total}个项目中河北本省的组织占{hebei}%，北京的组织占{beijing}%，天津的占{tianjin}%："
            "至少在行动初期，三地“协同”的扶贫项目大多是河北自己的组织做的。"
        ),
        lambda lang: {
            "date": total["as_of"],
            "total": text.num(total["value"], lang),
            "hebei": text.pct(hebei.value),
            "beijing": text.pct(beijing.value),
            "tianjin": text.pct(tianjin.value),
        },
        (
            "poverty_origin_hebeiorgs_projects_2018",
            "poverty_origin_beijing_projects_2018",
            "poverty_origin_tianjin_projects_2018",
            "campaign_projects_hebei_2018",
        ),
        ("02_poverty", "09_context"),
    )


def _growth(x: Inputs) -> Finding:
    counties, projects = x.metric("poverty_counties_reached_2018"), x.metric("poverty_projects_reached_2018")
    assert counties.low > 50 and projects.high < 10, "the sentence: most counties early, few projects"
    date = x.ctx.loc["campaign_counties_hebei_2018", "as_of"]
    return Finding(
        "poverty_growth",
        N_(
            "行动开始后到{date}，已经覆盖{counties}%的重点县，但只有最终项目数的{projects}%：绝大多数项目是此后落地的。"
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
        ("02_poverty", "09_context"),
    )


def _checkable(x: Inputs) -> Finding:
    counts = x.fig[(x.fig["kind"] == "count") & (x.fig["measure"] != "context")]
    n = counts["verdict"].value_counts()
    checked = len(counts) - n.get("unchecked", 0)
    assert n.get("contradicted", 0) == 0, "the sentence says no source contradicts the article"
    assert checked <= len(counts) / 2, "the sentence says only: at most half can be checked"
    return Finding(
        "checkable",
        N_(
            "报道的{n}个计数中只有{checked}个能用独立来源核对（{confirmed}个证实，{tightened}个收紧，{consistent}个相容），"
            "没有一个被来源否定；其余{unchecked}个无从核对。"
        ),
        lambda lang: {
            "n": len(counts),
            "checked": checked,
            "confirmed": n.get("confirmed", 0),
            "tightened": n.get("tightened", 0),
            "consistent": n.get("consistent", 0),
            "unchecked": n.get("unchecked", 0),
        },
        tuple(counts.index),
        ("00_clean_figures", "09_context"),
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
        ("09_context",),
    )


def _scale(x: Inputs) -> Finding:
    nationwide, registered = (
        x.metric("poverty_orgs_share_nationwide"),
        x.metric("poverty_orgs_share_registered"),
    )
    assert nationwide.high < 20 and registered.high < 1, "the sentence: about a tenth, under 1 %"
    return Finding(
        "poverty_orgs_scale",
        N_(
            "参与河北行动的组织约占同期全国参与扶贫的社会组织的{nationwide}%，不到全国登记社会组织的{registered}%。"
        ),
        lambda lang: {
            "nationwide": text.interval(nationwide.low, nationwide.high, lang),
            "registered": text.pct(registered.high),
        },
        ("poverty_orgs_share_nationwide", "poverty_orgs_share_registered"),
        ("09_context",),
    )


# In order of weight: the first ones lead the front page.
FINDINGS: tuple[Callable[[Inputs], Finding], ...] = (
    _campaign,
    _per_year,
    _origin,
    _growth,
    _checkable,
    _counties,
    _scale,
)


def compute(fig: pd.DataFrame, derived: pd.DataFrame, ctx: pd.DataFrame) -> pd.DataFrame:
    """Every finding, ranked, in both languages; each asserts its own claim."""
    x = Inputs(fig, derived.set_index("id") if "id" in derived.columns else derived, ctx)
    rows = []
    for rank, make in enumerate(FINDINGS, start=1):
        f = make(x)
        rows.append(
            {
                "id": f.id,
                "rank": rank,
                "text_zh": f.sentence("zh"),
                "text_en": f.sentence("en"),
                "rests_on": ";".join(dict.fromkeys(f.rests_on)),
                "shown_in": ";".join(f.shown_in),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def write(table: pd.DataFrame):
    return write_csv(table, config.FINDINGS_CSV)
