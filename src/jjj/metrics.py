"""The derived metrics of each area, defined once: the area notebooks show them, the report
notebook gathers the key ones into the headline table.

Each function takes the figures table (``analysis.figures()``) and returns a list of
:class:`jjj.analysis.Derived`, each with its assumption in zh and en. Bounds come from interval
arithmetic (``jjj.intervals``); windows come from the text (``window_years``).
"""

from __future__ import annotations

import pandas as pd

from jjj.analysis import Derived, iv, per_year
from jjj.intervals import Interval

EVEN_DECADE = ("十年中均匀分布", "spread evenly over the ten years")
EVEN_3Y = ("近三年中均匀分布", "spread evenly over the three years")
EVEN_2Y = ("近两年中均匀分布", "spread evenly over the two years")
CAMPAIGN = ("十年平均（脱贫攻坚战2020年已结束，实际年数更短）",
            "ten-year average (the campaign ended in 2020, so the real span is shorter)")


def cooperation(fig: pd.DataFrame) -> list[Derived]:
    return [
        Derived("fields_per_year", ("每年新增专项合作领域", "Fields with special agreements per year"),
                per_year(fig, "cooperation_fields"), ("个/年", "fields per year"),
                ("协议在十年中均匀签署", "agreements spread evenly over the ten years")),
    ]


def poverty(fig: pd.DataFrame) -> list[Derived]:
    funds, projects, orgs, counties, visits = (
        iv(fig, f"poverty_{k}") for k in ("funds", "projects", "orgs", "counties", "beneficiaries"))
    return [
        Derived("funds_per_project", ("每个项目资金", "Funds per project"), funds / projects,
                ("元/个", "yuan per project"),
                ("资金平均分摊到全部项目", "funds spread evenly over all projects")),
        Derived("funds_per_visit", ("每受益人次资金", "Funds per beneficiary visit"), funds / visits,
                ("元/人次", "yuan per person-time"),
                ("人次是受益次数而非人数", "person-times are visits, not people")),
        Derived("funds_per_county", ("每个重点县资金", "Funds per key county"), funds / counties,
                ("元/县", "yuan per county"),
                ("全部资金都落在62个重点县", "all funds went to the key counties")),
        Derived("visits_per_project", ("每个项目受益人次", "Beneficiary visits per project"),
                visits / projects, ("人次/个", "person-times per project"),
                ("受益人次平均分到项目", "visits spread evenly over projects")),
        Derived("projects_per_org", ("每家组织的项目数", "Projects per organisation"), projects / orgs,
                ("个/家", "projects per organisation"),
                ("每个项目只算一家组织", "each project counted for one organisation")),
    ]


def poverty_per_year(fig: pd.DataFrame) -> list[Derived]:
    rows = []
    for k in ("funds", "projects", "beneficiaries"):
        f = fig.loc[f"poverty_{k}"]
        rows.append(Derived(f"{k}_per_year", (f"{f['label_zh']}/年", f"{f['label_en']} per year"),
                            per_year(fig, f"poverty_{k}"),
                            (f"{f['unit']}/年", f"{f['counts']} per year"), CAMPAIGN))
    return rows


def technology(fig: pd.DataFrame) -> list[Derived]:
    orgs, foundations, projects = (iv(fig, f"technology_{k}") for k in ("orgs", "foundations", "projects"))
    share = Interval(0.0, foundations.value / orgs.value, (foundations / orgs).high).clip(0, 1)
    return [
        Derived("projects_per_foundation", ("每家基金会支持的项目", "Projects per foundation"),
                projects / foundations, ("个/家", "projects per foundation"),
                ("每个项目只由一家基金会支持", "each project backed by one foundation")),
        Derived("projects_per_year", ("每年科研项目", "Research projects per year"),
                per_year(fig, "technology_projects"), ("个/年", "projects per year"), EVEN_3Y),
        Derived("foundation_share", ("基金会占科技类社会组织的比例（上限）",
                                     "Foundations as a share of tech organisations (bound)"),
                share * 100, ("%", "%"),
                ("下限0：基金会可能都不算科技类；上限：全部都算",
                 "0 if no foundation is a tech organisation; upper bound if all are")),
    ]


def industry(fig: pd.DataFrame) -> list[Derived]:
    return [
        Derived("dealers_per_year", ("每年转移的商户", "Dealers relocated per year"),
                per_year(fig, "industry_dealers"), ("家/年", "businesses per year"),
                ("转移分布在十年中（报道未给时间）",
                 "relocations spread over the ten years (no dates given)")),
    ]


def norms(fig: pd.DataFrame, named_fields: int) -> list[Derived]:
    associations, fields = iv(fig, "norms_associations"), iv(fig, "norms_fields")
    return [
        Derived("associations_per_field", ("每个领域的协会商会", "Associations per field"),
                associations / fields, ("家/个", "associations per field"),
                ("每家协会只算一个领域", "each association counted in one field")),
        Derived("associations_per_year", ("每年签约的协会商会", "Associations signing per year"),
                per_year(fig, "norms_associations"), ("家/年", "associations per year"), EVEN_2Y),
        Derived("fields_per_year", ("每年新增合作领域", "Fields per year"),
                per_year(fig, "norms_fields"), ("个/年", "fields per year"), EVEN_2Y),
        Derived("named_share", ("报道点名的领域占比", "Share of fields named"),
                Interval.exact(named_fields) / fields * 100, ("%", "%"),
                ("点名的都在50多个领域之内", "the named fields are among the 50-odd")),
    ]


def services(fig: pd.DataFrame) -> list[Derived]:
    a, b = iv(fig, "services_foundations"), iv(fig, "technology_foundations")
    union = Interval(max(a.low, b.low), a.value + b.value, a.high + b.high)
    overlap = Interval(0.0, 0.0, min(a.high, b.high))
    return [
        Derived("union", ("两组合计（不重复）", "Distinct foundations in both counts"), union,
                ("家", "foundations"), ("点值按互不重叠计", "point value assumes no overlap")),
        Derived("overlap", ("可能重叠的基金会", "Foundations possibly in both"), overlap,
                ("家", "foundations"), ("报道未给重叠信息", "the article says nothing on overlap")),
        Derived("charity_per_year", ("每年开展慈善活动的基金会（非流量）",
                                     "Charity foundations per year (not a flow)"),
                per_year(fig, "services_foundations"), ("家/年", "foundations per year"),
                ("仅作对照：近三年活跃的是同一批基金会，不能按年相加",
                 "for comparison only: the same foundations are active each year")),
    ]


def overview(fig: pd.DataFrame) -> list[Derived]:
    orgs, intents, signed = (iv(fig, f"overview_plan_{k}") for k in ("orgs", "intents", "signed"))
    return [
        Derived("intents_per_org", ("每家组织的项目意向", "Project intents per organisation"),
                intents / orgs, ("个/家", "intents per organisation"),
                ("意向平均分到计划参与的组织", "intents spread over the organisations")),
        Derived("signed_share", ("现场签约的意向占比", "Share of intents signed on site"),
                signed / intents * 100, ("%", "%"),
                ("签约项目都来自这184个意向", "the signed projects are among the intents")),
    ]


# The headline table: for each area, its key figure and its key derived metric.
HEADLINE = {
    "cooperation": ("cooperation_fields", "fields_per_year"),
    "poverty": ("poverty_funds", "funds_per_project"),
    "technology": ("technology_projects", "projects_per_foundation"),
    "industry": ("industry_dealers", "dealers_per_year"),
    "norms": ("norms_associations", "associations_per_field"),
    "xiongan": ("xiongan_orgs", None),
    "services": ("services_foundations", "union"),
}


def all_areas(fig: pd.DataFrame, named_fields: int) -> dict[str, list[Derived]]:
    return {
        "cooperation": cooperation(fig), "poverty": poverty(fig), "technology": technology(fig),
        "industry": industry(fig), "norms": norms(fig, named_fields), "xiongan": [],
        "services": services(fig),
    }


NOT_ANNUALISED = {  # why a per-year rate would mislead: key → (zh, en)
    "stock": ("存量：发布时的总数，没有时间段", "a stock at publication: no period to divide by"),
    "plan": ("当年的计划与意向（截至发布）：不是年度流量",
             "plans and intents for the year (to publication): not a yearly flow"),
    "none": ("报道未给时间窗口", "the article gives no window"),
}
# What a figure counts, when that is coverage rather than a flow: reaching 62 counties over ten
# years is not "6.2 counties a year".
COVERAGE = {"counties": ("覆盖范围（不同的县），不是逐年累加的流量",
                         "coverage (distinct counties reached), not a yearly flow")}


def _why_not(f: pd.Series) -> str:
    """The reason key for a figure that cannot be annualised ('' when it can)."""
    if f["counts"] in COVERAGE:
        return "coverage"
    if not pd.isna(f["window_years"]):
        return ""
    if f["window"] == "现有":
        return "stock"
    if f["window_start"]:  # a part-year window (YYYY年): plans of the year
        return "plan"
    return "none"


def annualise(fig: pd.DataFrame) -> pd.DataFrame:
    """Every count on a per-year basis where its window allows, else the reason it cannot be."""
    rows = []
    for fid, f in fig[fig["kind"] == "count"].iterrows():
        why = _why_not(f)
        row = {"figure": fid, "area": f["area"], "window": f["window"], "years": f["window_years"],
               "why": why}
        if why:
            zh, en = COVERAGE[f["counts"]] if why == "coverage" else NOT_ANNUALISED[why]
            row |= {"value": float("nan"), "low": float("nan"), "high": float("nan"),
                    "reason_zh": zh, "reason_en": en}
        else:
            rate = per_year(fig, fid)
            row |= rate.as_dict() | {"reason_zh": "", "reason_en": ""}
        rows.append(row)
    return pd.DataFrame(rows).set_index("figure")
