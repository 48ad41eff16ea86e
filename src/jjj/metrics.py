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
    "digits",
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


# Where a window may come from for a rate: the article states it, derives it from its framing, or
# an independent source gives it (``jjj.reconcile``: the campaign's own period).
ANNUALISABLE = ("stated", "derived", "sourced")


def annualisable(f: pd.Series) -> bool:
    """Whether a figure may be put per year: a flow whose window is stated, derived or sourced."""
    return (
        f["measure"] == "flow" and f["window_basis"] in ANNUALISABLE and not pd.isna(f["years_low"])
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
            "flow with a stated, derived or sourced window can be annualised"
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


def _spread(f: pd.Series, span: Interval) -> tuple[str, str]:
    """What a rate assumes: the flow spread evenly over its window, said with the window."""
    if f["window_basis"] == "sourced":
        return both(
            "平均分布在行动的{start}至{end}（{low:.2f}到{high:.2f}年，来源见 data/processed/reconciled.csv）",
                    start=f["window_start"], end=f["window_end"], low=span.low, high=span.high)
    return both("平均分布在{low:g}到{high:g}年中（窗口见 data/windows.csv）", low=span.low, high=span.high)


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
                _spread(f, span),
            )
        )
    return rows


def technology(fig: pd.DataFrame) -> list[Derived]:
    # No share of foundations in the tech organisations: foundations are not a kind of 科技类社会
    # 组织 (the paragraph names them beside it), so the part is not inside the whole.
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
                    "digits": d.interval.digits,
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


# ------------------------------------------------------------------ context: shares


def gap_years(a: tuple[str, str], b: tuple[str, str]) -> float:
    """How far apart two periods are, in years: 0 when they overlap (a whole dated inside the
    part's window), else the distance from the end of one to the start of the other."""
    from jjj.reconcile import date_span

    (a0, _), (_, a1) = date_span(a[0]), date_span(a[1])
    (b0, _), (_, b1) = date_span(b[0]), date_span(b[1])
    return max((b0 - a1).days, (a0 - b1).days, 0) / 365.25


@dataclass(frozen=True)
class Side:
    """One side of a share: a figure of the article or a context row, its interval and dates."""

    ref: str
    interval: Interval
    start: str
    end: str

    @property
    def dates(self) -> str:
        return self.start if self.start == self.end else f"{self.start}至{self.end}"


def side(fig: pd.DataFrame, ctx: pd.DataFrame, ref: str) -> Side:
    """A figure (its resolved window, or the publication date for a stock) or a context row (the
    period it covers, or its as-of date)."""
    from jjj import context as c

    if ref in fig.index:
        f = fig.loc[ref]
        pub = fig["window_end"][fig["window_basis"] == "stated"].max()
        if f["window_start"]:
            return Side(ref, iv(fig, ref), f["window_start"], f["window_end"])
        return Side(ref, iv(fig, ref), pub, pub)
    r = ctx.loc[ref]
    return Side(ref, c.interval(r), r["period_start"] or r["as_of"], r["period_end"] or r["as_of"])


MAX_GAP_YEARS = 1.0  # a share whose two sides are further apart is no share of that whole


def share_of(part: Side, whole: Side) -> Interval:
    """A part over its whole, in %. Refuses a result outside [0, 100] (the part is not inside
    the whole: a definition or a number is wrong, and clipping would hide it) and two sides dated
    more than a year apart."""
    gap = gap_years((part.start, part.end), (whole.start, whole.end))
    if gap > MAX_GAP_YEARS:
        raise ValueError(f"{part.ref} ({part.dates}) and {whole.ref} ({whole.dates}) are {gap:.1f} years "
                         "apart: not a share of that whole")
    out = part.interval / whole.interval * 100
    if out.low < 0 or out.high > 100 * (1 + 1e-9):
        raise ValueError(f"{part.ref} / {whole.ref} is {out.low:.4g}% to {out.high:.4g}%: outside [0, 100], "
                         "so the part is not inside the whole")
    return out


def _dates(part: Side, whole: Side, fig: pd.DataFrame, ctx: pd.DataFrame) -> tuple[str, str]:
    """The dates of both sides, named as a reader knows them: the article's figure or the source's
    number, each with the period or date it holds for."""

    def named(s: Side, lang: str) -> str:
        table = fig if s.ref in fig.index else ctx
        dates = s.dates if lang == "zh" else s.dates.replace("至", " to ")
        return f"{table.loc[s.ref, 'label_' + lang]}（{dates}）" if lang == "zh" else \
            f"{table.loc[s.ref, 'label_' + lang]} ({dates})"

    zh, en = [named(s, "zh") for s in (part, whole)], [named(s, "en") for s in (part, whole)]
    if part.ref in fig.index:
        return f"报道：{zh[0]}；对照：{zh[1]}", f"article: {en[0]}; context: {en[1]}"
    return f"对照：{zh[0]}；{zh[1]}", f"context: {en[0]}; {en[1]}"


def context(fig: pd.DataFrame, ctx: pd.DataFrame) -> dict[str, list[Derived]]:
    """Shares of independent wholes, by area: each names its part and whole (a figure or a
    context row), the population both count, and the dates of both sides, which are at most a
    year apart. Comparisons that do not hold (a part not inside its whole, sides years apart,
    ratios of different definitions) are not made; ``09_context`` lists them and why."""

    def share(key, name, part, whole, assumes):
        p, w = side(fig, ctx, part), side(fig, ctx, whole)
        return Derived(key, "share", name, share_of(p, w), both("%"), (part, whole), assumes,
                       _dates(p, w, fig, ctx))

    out: dict[str, list[Derived]] = {}
    out["poverty"] = [
        share("orgs_share_nationwide", both("参与河北行动的组织占全国参与扶贫的社会组织的比例"),
              "poverty_orgs", "poverty_orgs_nationwide_2020",
              both("两边都是参与扶贫的社会组织，时期相同（2017年以来）；分母出自一个未注明原始来源的网页，是弱来源")),
        share("orgs_share_registered", both("参与河北行动的组织占全国登记社会组织的比例"),
              "poverty_orgs", "social_orgs_national_2019",
              both("分母是2019年底全国登记的社会组织（民政部统计公报的数字，行动期间之内）；"
                   "参与行动的组织在这三年里陆续参与，不是同一天的存量")),
        share("counties_share", both("覆盖的重点县占河北全部贫困县的比例"),
              "poverty_counties", "poverty_counties_all_hebei_2019",
              both("河北全部贫困县（国定和省定）")),
    ]
    for k in ("orgs", "projects", "funds"):
        row = f"campaign_{k}_hebei_2019"
        f = fig.loc[f"poverty_{k}"]
        out["poverty"].append(share(
            f"{k}_share_2019",
            both("{year}年一年占行动合计的比例：{label}", year=ctx.loc[row, "as_of"],
                 label=(f["label_zh"], f["label_en"])),
            row, f"poverty_{k}",
            both("河北公布的2019年数字与行动合计口径相同；组织每年都可以参与，只有项目和资金是流量"),
        ))
    for k, total in (("counties", "poverty_counties"), ("projects", "poverty_projects")):
        row = ctx.loc[f"campaign_{k}_hebei_2018"]
        out["poverty"].append(share(
            f"{k}_reached_2018",
            both("行动开始至{date}达到的比例：{label}", date=row["as_of"],
                 label=(fig.loc[total, "label_zh"], fig.loc[total, "label_en"])),
            row.name, total, both("累计数：较早的累计是行动合计的一部分"),
        ))
    for key, funds, projects, what in (
        ("funds_per_project_2018", "campaign_funds_hebei_2018", "campaign_projects_hebei_2018",
         both("至2018-08-18的已签约和意向项目：资金写作“以上”，所以只有下限；意向项目未必落地")),
        ("funds_per_project_2019", "campaign_funds_hebei_2019", "campaign_projects_hebei_2019",
         both("河北公布的2019年一年的落地项目和资金")),
    ):
        p, f = side(fig, ctx, projects), side(fig, ctx, funds)
        out["poverty"].append(Derived(
            key, "benchmark", both("每个项目涉及资金（{dates}）", dates=p.dates.replace("至", "–")),
            f.interval / p.interval, both("元/个"), (funds, projects), what))
    origins = {"hebeiorgs": both("河北本省的社会组织"), "beijing": both("北京的社会组织"),
               "tianjin": both("天津的社会组织")}
    for k, what in (("projects", both("项目")), ("funds", both("资金"))):
        for origin, who in origins.items():
            out["poverty"].append(share(
                f"origin_{origin}_{k}_2018",
                both("{who}占{what}的比例（至{date}）", who=who, what=what,
                     date=ctx.loc[f"campaign_{k}_hebei_2018", "as_of"]),
                f"campaign_{k}_{origin}_2018", f"campaign_{k}_hebei_2018",
                both("同一篇报道、同一日期的分项和合计；北京、河北的项目含意向项目；合计写作“以上”时比例只有上限"),
            ))
    out["technology"] = [
        share("orgs_share_national", both("三地科技类社会组织占全国的比例"),
              "technology_orgs", "tech_social_orgs_national_2023", both("全国科技类社会组织")),
    ]
    out["services"] = [
        share("foundations_share_national", both("三地开展慈善活动的基金会占全国基金会的比例"),
              "services_foundations", "foundations_national_2023", both("全国正常运作的基金会")),
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
