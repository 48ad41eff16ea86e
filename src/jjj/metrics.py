"""Every derived metric of the collection, defined once and written to ``data/processed/derived.csv``.

``derive(fig)`` computes them from the figures table; ``00_clean_figures`` writes the result, and
every other notebook reads it (``jjj.data.derived``, shown by ``jjj.show.derived``). Each metric
names the figures it uses, says what it assumes, and has a kind:

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
from jjj.data import iv
from jjj.i18n import gettext
from jjj.intervals import Interval
from jjj.io import write_csv
from jjj.vocab import KINDS

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


def both(message: str, **values) -> tuple[str, str]:
    """A message in Chinese and in English (from the catalog), its placeholders filled per
    language: a value is one string or number, or a (zh, en) pair of the data's own labels."""

    def fill(lang: str) -> str:
        vals = {k: (v[0] if lang == "zh" else v[1]) if isinstance(v, tuple) else v for k, v in values.items()}
        return gettext(message, lang).format(**vals)

    return fill("zh"), fill("en")


def _ratio(
    fig: pd.DataFrame,
    key: str,
    num: str,
    den: str,
    name: tuple[str, str],
    unit: tuple[str, str],
    assumes: tuple[str, str],
    kind: str = "ratio",
    scale: float = 1.0,
) -> Derived:
    """One figure over another (times ``scale``: 100 for a share in %); the figures it uses are
    the operands themselves."""
    return Derived(key, kind, name, iv(fig, num) / iv(fig, den) * scale, unit, (num, den), assumes)


def poverty(fig: pd.DataFrame) -> list[Derived]:
    rows = [
        _ratio(
            fig,
            "funds_per_project",
            "poverty_funds",
            "poverty_projects",
            both("每个项目涉及资金"),
            both("元/个"),
            both("资金平均分摊到全部项目"),
        ),
        _ratio(
            fig,
            "funds_per_visit",
            "poverty_funds",
            "poverty_beneficiaries",
            both("每受益人次涉及资金"),
            both("元/人次"),
            both("人次是受益次数而非人数"),
        ),
        _ratio(
            fig,
            "funds_per_county",
            "poverty_funds",
            "poverty_counties",
            both("每个重点县涉及资金"),
            both("元/县"),
            both("全部资金都落在这些重点县"),
        ),
        _ratio(
            fig,
            "visits_per_project",
            "poverty_beneficiaries",
            "poverty_projects",
            both("每个项目受益人次"),
            both("人次/个"),
            both("受益人次平均分到项目"),
        ),
        _ratio(
            fig,
            "projects_per_org",
            "poverty_projects",
            "poverty_orgs",
            both("每家组织的项目数"),
            both("个/家"),
            both("每个项目只算一家组织"),
        ),
    ]
    for k, unit in (
        ("projects", both("个/年")),
        ("funds", both("元/年")),
        ("beneficiaries", both("人次/年")),
    ):
        fid = f"poverty_{k}"
        f, span = fig.loc[fid], years(fig, fid)
        rows.append(
            Derived(
                f"{k}_per_year",
                "rate",
                both("{label}（每年）", label=(f["label_zh"], f["label_en"])),
                per_year(fig, fid),
                unit,
                (fid,),
                both(
                    "平均分布在{low:g}到{high:g}年中（窗口见 data/windows.csv）", low=span.low, high=span.high
                ),
            )
        )
    return rows


def technology(fig: pd.DataFrame) -> list[Derived]:
    most = (iv(fig, "technology_foundations") / iv(fig, "technology_orgs")).high * 100
    return [
        _ratio(
            fig,
            "projects_per_foundation",
            "technology_projects",
            "technology_foundations",
            both("每家基金会支持的科研项目"),
            both("个/家"),
            both("每个项目只由一家基金会支持"),
        ),
        Derived(
            "projects_per_year",
            "rate",
            both("每年科研项目"),
            per_year(fig, "technology_projects"),
            both("个/年"),
            ("technology_projects",),
            both("平均分布在近三年"),
        ),
        Derived(
            "foundation_share",
            "share",
            both("支持科研的基金会占科技类社会组织的比例（至多）"),
            Interval(0.0, math.nan, min(most, 100.0)),
            both("%"),
            ("technology_foundations", "technology_orgs"),
            both("只是上限：假定这些基金会都算科技类社会组织；分子是近三年的活跃数，分母是现有存量"),
        ),
    ]


def services(fig: pd.DataFrame) -> list[Derived]:
    a, b = iv(fig, "services_foundations"), iv(fig, "technology_foundations")
    # Point: the research foundations are among the charity ones (支持科研 is a charitable
    # purpose under the Charity Law), so the union is the larger count as written.
    union = Interval(max(a.low, b.low), max(a.value, b.value), a.high + b.high)
    overlap = Interval(0.0, min(a.value, b.value), min(a.high, b.high))
    assumes = both(
        "点值假定支持科研的基金会都在开展慈善活动的基金会之中（完全重叠）；区间从完全重叠到互不重叠"
    )
    return [
        Derived(
            "union",
            "union",
            both("两组基金会合计（不重复）"),
            union,
            both("家"),
            ("services_foundations", "technology_foundations"),
            assumes,
        ),
        Derived(
            "overlap",
            "overlap",
            both("两组都计入的基金会"),
            overlap,
            both("家"),
            ("services_foundations", "technology_foundations"),
            assumes,
        ),
    ]


def overview(fig: pd.DataFrame) -> list[Derived]:
    return [
        _ratio(
            fig,
            "intents_per_org",
            "overview_plan_intents",
            "overview_plan_orgs",
            both("每家组织的项目意向"),
            both("个/家"),
            both("意向平均分到计划参与的组织"),
        ),
        _ratio(
            fig,
            "signed_share",
            "overview_plan_signed",
            "overview_plan_intents",
            both("现场签约的意向占比"),
            both("%"),
            both("签约项目都来自这些意向"),
            kind="share",
            scale=100,
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


def _article_date(fig: pd.DataFrame, fid: str, pub: str) -> tuple[str, str]:
    """When an article figure holds: its window, or the publication date for a stock."""
    f = fig.loc[fid]
    if f["window_start"]:
        return both("{fid}（{start}至{end}）", fid=fid, start=f["window_start"][:7], end=f["window_end"][:7])
    return both("{fid}（发布时 {date}）", fid=fid, date=pub)


def _dates(fig: pd.DataFrame, fids: tuple[str, ...], rows: list[pd.Series]) -> tuple[str, str]:
    """The date mismatch of a share: the article's figures and the context rows' as-of dates."""
    pub = fig["window_end"][fig["window_end"] != ""].max()
    figs = [_article_date(fig, f, pub) for f in fids]
    ctx = [both("{id}（{as_of}）", id=r.name, as_of=r["as_of"]) for r in rows]
    context_ = ("、".join(c[0] for c in ctx), "; ".join(c[1] for c in ctx))
    if not fids:
        return both("对照：{context}", context=context_)
    article = ("、".join(f[0] for f in figs), "; ".join(f[1] for f in figs))
    return both("报道：{article}；对照：{context}", article=article, context=context_)


def context(fig: pd.DataFrame, ctx: pd.DataFrame) -> dict[str, list[Derived]]:
    """Shares of independent totals and benchmarks from independent figures, by area.

    Each names the context rows it uses and states the dates of both sides. Regional totals are
    the latest row of each region; where a region has no row, no share is made.
    """
    from jjj import context as c

    def row(quantity, region):
        return c.pick(ctx, quantity, region)

    def total(rows):
        return sum((c.interval(r) for r in rows[1:]), c.interval(rows[0]))

    def share(key, name, fid, rows, assumes):
        return Derived(
            key,
            "share",
            name,
            (iv(fig, fid) / total(rows) * 100).clip(0, 100),
            both("%"),
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
            both("参与河北扶贫的组织占京津冀登记社会组织的比例"),
            "poverty_orgs",
            regions,
            both(
                "分子含全国性社会组织，所以是京津冀组织参与比例的上限；分母取三地各自最近的登记数，日期不一"
            ),
        ),
        share(
            "orgs_share_national",
            both("参与河北扶贫的组织占全国社会组织的比例"),
            "poverty_orgs",
            [national],
            both("全国登记社会组织总数"),
        ),
        share(
            "counties_share",
            both("覆盖的重点县占河北全部贫困县的比例"),
            "poverty_counties",
            [row("poverty_counties_all", "hebei")],
            both("河北全部贫困县（国定和省定）"),
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
            both("全国社会组织扶贫：每个项目投入资金"),
            national_fpp,
            both("元/个"),
            (n_funds.name, n_projects.name),
            both("全国“十三五”期间社会组织扶贫的合计"),
            _dates(fig, (), [n_funds, n_projects]),
        ),
        Derived(
            "funds_per_project_vs_national",
            "benchmark",
            both("河北每个项目资金是全国平均的几倍"),
            funds / projects / national_fpp,
            both("倍"),
            ("poverty_funds", "poverty_projects", n_funds.name, n_projects.name),
            both("两边都是“涉及/投入资金”除以项目数"),
            _dates(fig, ("poverty_funds",), [n_funds, n_projects]),
        ),
        Derived(
            "funds_per_project_campaign",
            "benchmark",
            both("按行动公布的确切项目数，每个项目资金"),
            funds / c.interval(campaign),
            both("元/个"),
            ("poverty_funds", campaign.name),
            both("报道的资金与2020年公布的同一行动的确切项目数"),
            _dates(fig, ("poverty_funds",), [campaign]),
        ),
        Derived(
            "natlevel_projects_per_org",
            "benchmark",
            both("全国性社会组织：每家组织的扶贫项目"),
            c.interval(nat_projects) / c.interval(nat_orgs),
            both("个/家"),
            (nat_projects.name, nat_orgs.name),
            both("2018年全国性社会组织"),
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
                both(
                    "{year}年一年占报道合计的比例：{label}",
                    year=one_year["as_of"],
                    label=(f["label_zh"], f["label_en"]),
                ),
                (c.interval(one_year) / iv(fig, f"poverty_{k}") * 100).clip(0, 100),
                both("%"),
                (one_year.name, f"poverty_{k}"),
                both("单一年份的河北数字与报道的合计口径相同"),
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
            both("三地科技类社会组织占全国的比例"),
            "technology_orgs",
            [tech],
            both("全国科技类社会组织"),
        )
    ]
    out["services"] = [
        share(
            "foundations_share_national",
            both("三地开展慈善活动的基金会占全国基金会的比例"),
            "services_foundations",
            [foundations],
            both("全国基金会总数"),
        ),
        Derived(
            "jjj_share_of_orgs",
            "benchmark",
            both("京津冀登记社会组织占全国的比例"),
            (total(regions) / c.interval(national) * 100).clip(0, 100),
            both("%"),
            (*(r.name for r in regions), national.name),
            both("作为基金会占比的参照：三地组织在全国的份额"),
            _dates(fig, (), [*regions, national]),
        ),
    ]
    out["norms"] = [
        share(
            "associations_share_national",
            both("签约的协会商会占全国已脱钩行业协会商会的比例"),
            "norms_associations",
            associations,
            both("全国已与行政机关脱钩的行业协会商会（地方与全国性）"),
        )
    ]
    out["xiongan"] = [
        share(
            "orgs_share_hebei",
            both("雄安新区登记社会组织占河北全省的比例"),
            "xiongan_orgs",
            [hebei],
            both("河北全省登记社会组织，日期较早，此后总数又有增长"),
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
        "kind": pa.Column(str, pa.Check.isin(list(KINDS))),
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
