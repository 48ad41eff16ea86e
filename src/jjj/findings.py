"""What the analysis learns, as data: ``data/processed/findings.csv``.

Each finding is one sentence, written once in Chinese (its English from the catalog), with its
numbers filled from the data in each language, the ids it rests on (figures, derived metrics,
context rows) and the pages that show it. Each is computed here from the reconciled figures, the
derived metrics and the context, and each **asserts the claim its sentence makes**: a change in
the data that breaks a claim stops ``00_clean_figures``, which writes the table. The front page
lists them all by ``rank``; a page shows its own with :func:`jjj.show.finding`.
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
            "publisher": release["publisher" if lang == "zh" else "publisher_en"],
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
            "publisher": weak["publisher" if lang == "zh" else "publisher_en"],
            "stated": weak["stated"] if lang == "zh" else
            f"{text.interval(weak['low'], weak['high'], lang)} ({weak['stated']})",
            "nationwide": text.interval(nationwide, lang_=lang),
        },
        ("poverty_orgs_share_nationwide", "poverty_orgs_share_registered", "social_orgs_national_2019",
         "poverty_orgs_nationwide_2020"),
        ("91_context",),
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
