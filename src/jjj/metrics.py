"""Every derived metric of the collection, defined once and written to ``data/processed/derived.csv``.

``derive(fig)`` computes them from the figures table; ``00_clean_figures`` writes the result, and
every other notebook reads it (``analysis.derived``). Each metric names the figures it uses, says
what it assumes, and has a kind:

``ratio``   one figure over another (funds per project);
``rate``    a flow over the years of its window: only a figure whose ``measure`` is ``flow`` and
            whose window is stated or derived (never ``unknown``) can be one (:func:`per_year`);
``share``   a part over a whole, in %;
``union``, ``overlap``  set bounds of two counts of the same kind.

Bounds come from interval arithmetic (``jjj.intervals``); an uncertain window (the poverty
campaign: 3 to 10 years) widens a rate by the range of its years. ``value`` is the number as
written: the metric computed from the stated numbers and the article's own window, which can sit
at the edge of the range; a metric that is only a bound has no value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from jjj import config
from jjj.intervals import Interval
from jjj.io import write_csv

KINDS = ("ratio", "rate", "share", "union", "overlap", "benchmark")
COLUMNS = [
    "id",
    "area",
    "key",
    "kind",
    "label_zh",
    "label_en",
    "value",
    "low",
    "high",
    "unit_zh",
    "unit_en",
    "uses",
    "assumes_zh",
    "assumes_en",
    "dates_zh",
    "dates_en",
]


@dataclass(frozen=True)
class Derived:
    """A metric computed from figures; ``name``, ``unit`` and ``assumes`` are (zh, en) pairs."""

    key: str
    kind: str
    name: tuple[str, str]
    interval: Interval
    unit: tuple[str, str]
    uses: tuple[str, ...]
    assumes: tuple[str, str]
    dates: tuple[str, str] = ("", "")  # for a share or benchmark: the article's date and the
    # dates of the independent numbers it uses, so that a reader sees the mismatch


def iv(fig: pd.DataFrame, fid: str) -> Interval:
    """The interval [low, high] with the stated value of one figure."""
    return Interval.of(fig.loc[fid])


def annualisable(f: pd.Series) -> bool:
    """Whether a figure may be put per year: a flow whose window is stated or derived."""
    return (
        f["measure"] == "flow" and f["window_basis"] in ("stated", "derived") and not pd.isna(f["years_low"])
    )


def years(fig: pd.DataFrame, fid: str) -> Interval:
    """The plausible length of a figure's window: the registry's range, the text's length as the
    point (十年来 → 10, with 3 to 10 for the poverty campaign)."""
    f = fig.loc[fid]
    point = f["window_years"] if not pd.isna(f["window_years"]) else f["years_high"]
    return Interval(float(f["years_low"]), float(point), float(f["years_high"]))


def per_year(fig: pd.DataFrame, fid: str) -> Interval:
    """A flow over the years of its window; refuses anything else (stocks, organisations, plans,
    coverage, another article's number, a flow with no known window)."""
    f = fig.loc[fid]
    if not annualisable(f):
        raise ValueError(
            f"{fid} is a {f['measure']} with a {f['window_basis']} window: only a "
            "flow with a stated or derived window can be annualised"
        )
    return iv(fig, fid) / years(fig, fid)


def _uses(*fids: str) -> tuple[str, ...]:
    return tuple(fids)


def poverty(fig: pd.DataFrame) -> list[Derived]:
    funds, projects, orgs, counties, visits = (
        iv(fig, f"poverty_{k}") for k in ("funds", "projects", "orgs", "counties", "beneficiaries")
    )
    rows = [
        Derived(
            "funds_per_project",
            "ratio",
            ("每个项目涉及资金", "Funds involved per project"),
            funds / projects,
            ("元/个", "yuan per project"),
            _uses("poverty_funds", "poverty_projects"),
            ("资金平均分摊到全部项目", "funds spread evenly over all projects"),
        ),
        Derived(
            "funds_per_visit",
            "ratio",
            ("每受益人次涉及资金", "Funds involved per beneficiary visit"),
            funds / visits,
            ("元/人次", "yuan per person-time"),
            _uses("poverty_funds", "poverty_beneficiaries"),
            ("人次是受益次数而非人数", "person-times are visits, not people"),
        ),
        Derived(
            "funds_per_county",
            "ratio",
            ("每个重点县涉及资金", "Funds involved per key county"),
            funds / counties,
            ("元/县", "yuan per county"),
            _uses("poverty_funds", "poverty_counties"),
            ("全部资金都落在这些重点县", "all funds went to the key counties"),
        ),
        Derived(
            "visits_per_project",
            "ratio",
            ("每个项目受益人次", "Beneficiary visits per project"),
            visits / projects,
            ("人次/个", "person-times per project"),
            _uses("poverty_beneficiaries", "poverty_projects"),
            ("受益人次平均分到项目", "visits spread evenly over projects"),
        ),
        Derived(
            "projects_per_org",
            "ratio",
            ("每家组织的项目数", "Projects per organisation"),
            projects / orgs,
            ("个/家", "projects per organisation"),
            _uses("poverty_projects", "poverty_orgs"),
            ("每个项目只算一家组织", "each project counted for one organisation"),
        ),
    ]
    for k, unit in (
        ("projects", ("个/年", "projects per year")),
        ("funds", ("元/年", "yuan per year")),
        ("beneficiaries", ("人次/年", "person-times per year")),
    ):
        fid = f"poverty_{k}"
        f, span = fig.loc[fid], years(fig, fid)
        rows.append(
            Derived(
                f"{k}_per_year",
                "rate",
                (f"{f['label_zh']}（每年）", f"{f['label_en']} per year"),
                per_year(fig, fid),
                unit,
                _uses(fid),
                (
                    f"平均分布在{span.low:g}到{span.high:g}年中（窗口见 data/windows.csv）",
                    f"spread evenly over {span.low:g} to {span.high:g} years (the window: data/windows.csv)",
                ),
            )
        )
    return rows


def technology(fig: pd.DataFrame) -> list[Derived]:
    orgs, foundations, projects = (iv(fig, f"technology_{k}") for k in ("orgs", "foundations", "projects"))
    most = (foundations / orgs).high * 100
    return [
        Derived(
            "projects_per_foundation",
            "ratio",
            ("每家基金会支持的科研项目", "Research projects per foundation"),
            projects / foundations,
            ("个/家", "projects per foundation"),
            _uses("technology_projects", "technology_foundations"),
            ("每个项目只由一家基金会支持", "each project backed by one foundation"),
        ),
        Derived(
            "projects_per_year",
            "rate",
            ("每年科研项目", "Research projects per year"),
            per_year(fig, "technology_projects"),
            ("个/年", "projects per year"),
            _uses("technology_projects"),
            ("平均分布在近三年", "spread evenly over the three years"),
        ),
        Derived(
            "foundation_share",
            "share",
            (
                "支持科研的基金会占科技类社会组织的比例（至多）",
                "Research foundations as a share of tech organisations (at most)",
            ),
            Interval(0.0, math.nan, min(most, 100.0)),
            ("%", "%"),
            _uses("technology_foundations", "technology_orgs"),
            (
                "只是上限：假定这些基金会都算科技类社会组织；分子是近三年的活跃数，分母是现有存量",
                "a bound only: as if every such foundation were a tech organisation; a three-year "
                "count over a stock at publication",
            ),
        ),
    ]


def services(fig: pd.DataFrame) -> list[Derived]:
    a, b = iv(fig, "services_foundations"), iv(fig, "technology_foundations")
    # Point: the research foundations are among the charity ones (支持科研 is a charitable
    # purpose under the Charity Law), so the union is the larger count as written.
    union = Interval(max(a.low, b.low), max(a.value, b.value), a.high + b.high)
    overlap = Interval(0.0, min(a.value, b.value), min(a.high, b.high))
    assumes = (
        "点值假定支持科研的基金会都在开展慈善活动的基金会之中（完全重叠）；区间从完全重叠到互不重叠",
        "the point assumes the research foundations are all among the charity ones (full "
        "overlap); the range runs from full overlap to none",
    )
    return [
        Derived(
            "union",
            "union",
            ("两组基金会合计（不重复）", "Distinct foundations in both counts"),
            union,
            ("家", "foundations"),
            _uses("services_foundations", "technology_foundations"),
            assumes,
        ),
        Derived(
            "overlap",
            "overlap",
            ("两组都计入的基金会", "Foundations in both counts"),
            overlap,
            ("家", "foundations"),
            _uses("services_foundations", "technology_foundations"),
            assumes,
        ),
    ]


def overview(fig: pd.DataFrame) -> list[Derived]:
    orgs, intents, signed = (iv(fig, f"overview_plan_{k}") for k in ("orgs", "intents", "signed"))
    return [
        Derived(
            "intents_per_org",
            "ratio",
            ("每家组织的项目意向", "Project intents per organisation"),
            intents / orgs,
            ("个/家", "intents per organisation"),
            _uses("overview_plan_intents", "overview_plan_orgs"),
            ("意向平均分到计划参与的组织", "intents spread over the organisations"),
        ),
        Derived(
            "signed_share",
            "share",
            ("现场签约的意向占比", "Share of intents signed on site"),
            signed / intents * 100,
            ("%", "%"),
            _uses("overview_plan_signed", "overview_plan_intents"),
            ("签约项目都来自这些意向", "the signed projects are among the intents"),
        ),
    ]


# Each area's metrics. Areas without a row here (cooperation, industry, norms, xiongan) state
# counts that support no honest ratio or rate on their own: fields are coverage, the dealers
# have no window, the associations are organisations, not a flow.
METRICS: dict[str, Callable[[pd.DataFrame], list[Derived]]] = {
    "overview": overview,
    "poverty": poverty,
    "technology": technology,
    "services": services,
}


def derive(fig: pd.DataFrame, ctx: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every derived metric as one validated table (the rows of ``derived.csv``); with the
    context table (``jjj.context.load``) also the shares and benchmarks built on it."""
    groups = [(area, fn(fig)) for area, fn in METRICS.items()]
    if ctx is not None:
        groups += list(context(fig, ctx).items())
    rows = []
    for area, metrics_ in groups:
        for d in metrics_:
            rows.append(
                {
                    "id": f"{area}_{d.key}",
                    "area": area,
                    "key": d.key,
                    "kind": d.kind,
                    "label_zh": d.name[0],
                    "label_en": d.name[1],
                    **d.interval.as_dict(),
                    "unit_zh": d.unit[0],
                    "unit_en": d.unit[1],
                    "uses": ";".join(d.uses),
                    "assumes_zh": d.assumes[0],
                    "assumes_en": d.assumes[1],
                    "dates_zh": d.dates[0],
                    "dates_en": d.dates[1],
                }
            )
    known = set(fig.index) | (set(ctx.index) if ctx is not None else set())
    return validate(pd.DataFrame(rows, columns=COLUMNS), fig, known)


# ------------------------------------------------------------------ context: shares, benchmarks


def _article_date(f: pd.Series) -> tuple[str, str]:
    """When an article figure holds: its window, or publication for a stock."""
    if f["window_start"]:
        return (
            f"{f['window_start'][:7]}–{f['window_end'][:7]}",
            f"{f['window_start'][:7]} to {f['window_end'][:7]}",
        )
    return f"{f['window_end'] or '发布时'}", f"{f['window_end'] or 'at publication'}"


def _dates(fig: pd.DataFrame, fids: tuple[str, ...], rows: list[pd.Series]) -> tuple[str, str]:
    """The date mismatch of a share: the article's figures and the context rows' as-of dates."""
    pub = fig["window_end"][fig["window_end"] != ""].max()
    zh_fig = "、".join(
        f"{f}（{_article_date(fig.loc[f])[0] if fig.loc[f, 'window_start'] else '发布时 ' + pub}）"
        for f in fids
    )
    en_fig = "; ".join(
        f"{f} ({_article_date(fig.loc[f])[1] if fig.loc[f, 'window_start'] else 'at publication, ' + pub})"
        for f in fids
    )
    zh_ctx = "、".join(f"{r.name}（{r['as_of']}）" for r in rows)
    en_ctx = "; ".join(f"{r.name} ({r['as_of']})" for r in rows)
    if not fids:
        return f"对照：{zh_ctx}", f"context: {en_ctx}"
    return f"报道：{zh_fig}；对照：{zh_ctx}", f"article: {en_fig}; context: {en_ctx}"


def context(fig: pd.DataFrame, ctx: pd.DataFrame) -> dict[str, list[Derived]]:
    """Shares of independent totals and benchmarks from independent figures, by area.

    Each names the context rows it uses and states the dates of both sides. Regional totals are
    the latest row of each region; where a region has no row, no share is made.
    """
    from jjj import context as c

    def row(quantity, region):
        return c.pick(ctx, quantity, region)

    def share(key, name, fid, rows, assumes):
        whole = sum((c.interval(r) for r in rows[1:]), c.interval(rows[0]))
        part = fig if isinstance(fid, str) else None
        part_iv = iv(part, fid) if part is not None else fid
        return Derived(
            key,
            "share",
            name,
            (part_iv / whole * 100).clip(0, 100),
            ("%", "%"),
            (fid, *(r.name for r in rows)),
            assumes,
            _dates(fig, (fid,), rows),
        )

    regions = [row("social_orgs", r) for r in ("beijing", "tianjin", "hebei")]
    national = row("social_orgs", "national")
    out: dict[str, list[Derived]] = {}

    out["poverty"] = [
        share(
            "orgs_share_jjj",
            (
                "参与河北扶贫的组织占京津冀登记社会组织的比例",
                "Poverty organisations as a share of the three regions' registered organisations",
            ),
            "poverty_orgs",
            regions,
            (
                "分子含全国性社会组织，所以是京津冀组织参与比例的上限；分母取三地各自最近的登记数，日期不一",
                "the numerator includes national organisations, so this bounds the three regions' share from "
                "above; each region's latest registered total, at different dates",
            ),
        ),
        share(
            "orgs_share_national",
            (
                "参与河北扶贫的组织占全国社会组织的比例",
                "Poverty organisations as a share of all social organisations in China",
            ),
            "poverty_orgs",
            [national],
            ("全国登记社会组织总数", "all registered social organisations"),
        ),
        share(
            "counties_share",
            ("覆盖的重点县占河北全部贫困县的比例", "Counties covered as a share of Hebei's poverty counties"),
            "poverty_counties",
            [row("poverty_counties_all", "hebei")],
            ("河北全部贫困县（国定和省定）", "all of Hebei's poverty counties (national and provincial)"),
        ),
    ]
    funds, projects = iv(fig, "poverty_funds"), iv(fig, "poverty_projects")
    n_funds, n_projects = row("campaign_funds", "national"), row("campaign_projects", "national")
    national_fpp = c.interval(n_funds) / c.interval(n_projects)
    campaign = ctx.loc["campaign_projects_hebei_2020"]  # the same campaign's exact count
    nat_orgs, nat_projects = (
        row("campaign_orgs_natlevel", "national"),
        row("campaign_projects_natlevel", "national"),
    )
    out["poverty"] += [
        Derived(
            "national_funds_per_project",
            "benchmark",
            (
                "全国社会组织扶贫：每个项目投入资金",
                "All social organisations in China: funds per poverty project",
            ),
            national_fpp,
            ("元/个", "yuan per project"),
            (n_funds.name, n_projects.name),
            ("全国“十三五”期间社会组织扶贫的合计", "national totals of the social organisations' campaign"),
            _dates(fig, (), [n_funds, n_projects]),
        ),
        Derived(
            "funds_per_project_vs_national",
            "benchmark",
            ("河北每个项目资金是全国平均的几倍", "Hebei's funds per project over the national average"),
            funds / projects / national_fpp,
            ("倍", "times"),
            ("poverty_funds", "poverty_projects", n_funds.name, n_projects.name),
            ("两边都是“涉及/投入资金”除以项目数", "both sides are funds over projects"),
            _dates(fig, ("poverty_funds",), [n_funds, n_projects]),
        ),
        Derived(
            "funds_per_project_campaign",
            "benchmark",
            (
                "按行动公布的确切项目数，每个项目资金",
                "Funds per project with the campaign's exact project count",
            ),
            funds / c.interval(campaign),
            ("元/个", "yuan per project"),
            ("poverty_funds", campaign.name),
            (
                "报道的资金与2020年公布的同一行动的确切项目数",
                "the article's funds over the exact project count published for the same campaign in 2020",
            ),
            _dates(fig, ("poverty_funds",), [campaign]),
        ),
        Derived(
            "natlevel_projects_per_org",
            "benchmark",
            (
                "全国性社会组织：每家组织的扶贫项目",
                "National-level organisations: poverty projects per organisation",
            ),
            c.interval(nat_projects) / c.interval(nat_orgs),
            ("个/家", "projects per organisation"),
            (nat_projects.name, nat_orgs.name),
            ("2018年全国性社会组织", "national-level organisations, 2018"),
            _dates(fig, (), [nat_projects, nat_orgs]),
        ),
    ]
    for k in ("orgs", "projects", "funds"):
        one_year = ctx.loc[f"campaign_{k}_hebei_2019"]
        f = fig.loc[f"poverty_{k}"]
        out["poverty"].append(
            Derived(
                f"{k}_share_2019",
                "share",
                (
                    f"{one_year['as_of']}年一年占报道合计的比例：{f['label_zh']}",
                    f"{one_year['as_of']} alone as a share of the article's total: {f['label_en']}",
                ),
                (c.interval(one_year) / iv(fig, f"poverty_{k}") * 100).clip(0, 100),
                ("%", "%"),
                (one_year.name, f"poverty_{k}"),
                (
                    "单一年份的河北数字与报道的合计口径相同",
                    "Hebei's single-year figure counts the same things as the article's total",
                ),
                _dates(fig, (f"poverty_{k}",), [one_year]),
            )
        )

    tech = row("tech_social_orgs", "national")
    foundations = row("foundations", "national")
    associations = [
        row("trade_associations_decoupled_local", "national"),
        row("trade_associations_decoupled_national_level", "national"),
    ]
    hebei = row("social_orgs", "hebei")
    out["technology"] = [
        share(
            "orgs_share_national",
            ("三地科技类社会组织占全国的比例", "The three regions' tech organisations as a share of China's"),
            "technology_orgs",
            [tech],
            ("全国科技类社会组织", "all tech organisations in China"),
        )
    ]
    jjj = sum((c.interval(r) for r in regions[1:]), c.interval(regions[0]))
    out["services"] = [
        share(
            "foundations_share_national",
            (
                "三地开展慈善活动的基金会占全国基金会的比例",
                "Charity foundations of the three regions as a share of China's foundations",
            ),
            "services_foundations",
            [foundations],
            ("全国基金会总数", "all foundations in China"),
        ),
        Derived(
            "jjj_share_of_orgs",
            "benchmark",
            (
                "京津冀登记社会组织占全国的比例",
                "The three regions' share of China's registered organisations",
            ),
            (jjj / c.interval(national) * 100).clip(0, 100),
            ("%", "%"),
            (*(r.name for r in regions), national.name),
            ("作为基金会占比的参照：三地组织在全国的份额", "a yardstick for the foundation share"),
            _dates(fig, (), [*regions, national]),
        ),
    ]
    out["norms"] = [
        share(
            "associations_share_national",
            (
                "签约的协会商会占全国已脱钩行业协会商会的比例",
                "Signing associations as a share of China's decoupled trade associations",
            ),
            "norms_associations",
            associations,
            (
                "全国已与行政机关脱钩的行业协会商会（地方与全国性）",
                "China's trade associations decoupled from government (local and national-level)",
            ),
        )
    ]
    out["xiongan"] = [
        share(
            "orgs_share_hebei",
            (
                "雄安新区登记社会组织占河北全省的比例",
                "Xiong'an's registered organisations as a share of Hebei's",
            ),
            "xiongan_orgs",
            [hebei],
            (
                "河北全省登记社会组织，日期较早，此后总数又有增长",
                "Hebei's registered total, at an earlier date; it has grown since",
            ),
        )
    ]
    return out


def _bounds(df: pd.DataFrame) -> pd.Series:
    tol = 1e-9 * df[["low", "high"]].abs().max(axis=1).clip(lower=1)
    inside = (df["low"] - tol <= df["value"]) & (df["value"] <= df["high"] + tol)
    return (df["low"] <= df["high"]) & (inside | df["value"].isna())


SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
        "area": pa.Column(str, pa.Check.isin(["overview", *config.AREAS])),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "label_zh": pa.Column(str, pa.Check.str_length(min_value=1)),
        "label_en": pa.Column(str, pa.Check.str_length(min_value=1)),
        "value": pa.Column(float, nullable=True),
        "low": pa.Column(float),
        "high": pa.Column(float),
        "uses": pa.Column(str, pa.Check.str_length(min_value=1)),
        "assumes_zh": pa.Column(str, pa.Check.str_length(min_value=1)),
        "assumes_en": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    checks=[pa.Check(_bounds, error="low <= value <= high")],
    strict=False,
    coerce=True,
)


def validate(table: pd.DataFrame, fig: pd.DataFrame, known: set | None = None) -> pd.DataFrame:
    """The schema, plus: every figure (or context row) a metric uses exists, and every rate is
    of a flow with a known window."""
    table = SCHEMA.validate(table, lazy=True)
    known = known if known is not None else set(fig.index)
    for _, row in table.iterrows():
        used = row["uses"].split(";")
        unknown = [u for u in used if u not in known]
        if unknown:
            raise ValueError(f"derived metric {row['id']} uses unknown figures {unknown}")
        if row["kind"] == "rate" and not all(annualisable(fig.loc[u]) for u in used):
            raise ValueError(
                f"derived metric {row['id']} is a rate of a figure that is not a flow with a known window"
            )
    return table


def write(table: pd.DataFrame):
    return write_csv(table, config.DERIVED_CSV)
