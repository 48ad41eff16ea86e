"""Derived metrics: the engine that computes them from an article's definitions, written to
``data/<slug>/processed/derived.csv``.

An article defines its metrics as data (``data/<slug>/metrics.csv``, checked by :func:`definitions`):
a row a metric, its area and key, its kind, the figures (or context rows) it uses, labels, unit
and assumption in both languages. ``derive(fig, ctx)`` computes them; ``00_clean_figures``
writes the result, and every other notebook reads it (``jjj.data.derived``, shown by
``jjj.show.derived``). The kinds:

``ratio``   one figure over another, times a scale (funds per project);
``benchmark``  the same of two context rows (a source's own funds per project);
``rate``    a flow over the years of its window: only a figure whose ``measure`` is ``flow`` and
            whose window is stated, derived or sourced (never ``unknown``) can be one
            (:func:`per_year`);
``share``   a part over a whole, in %, the two dated at most a year apart (:func:`share_of`);
``union``, ``overlap``  set bounds of two counts of the same kind.

Bounds come from interval arithmetic (``jjj.intervals``); an uncertain window (3 to 10 years)
widens a rate by the range of its years. ``value`` is the number as written: the metric computed
from the stated numbers and the article's own window, which can sit at the edge of the range; a
metric that is only a bound has no value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from jjj import config
from jjj.data import iv
from jjj.i18n import gettext
from jjj.intervals import Interval
from jjj.io import InputError, read_csv, write_csv

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
    point (十年来 → 10, with its years from the window registry)."""
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


def _spread(f: pd.Series, span: Interval) -> tuple[str, str]:
    """What a rate assumes: the flow spread evenly over its window, said with the window."""
    if f["window_basis"] == "sourced":
        return both(
            "平均分布在行动的{start}至{end}（{low:.2f}到{high:.2f}年，来源见 {path}）",
            start=f["window_start"], end=f["window_end"], low=span.low, high=span.high,
            path=str(config.RECONCILED_CSV.relative_to(config.ROOT)))
    return both("平均分布在{low:g}到{high:g}年中（窗口见 {path}）", low=span.low, high=span.high,
                path=str(config.WINDOW_REGISTRY.relative_to(config.ROOT)))


# ------------------------------------------------------------------ definitions: data/<slug>/metrics.csv

DEFINITION_COLUMNS = ["area", "key", "kind", "numerator", "denominator", "scale", "label_zh",
                      "label_en", "unit_zh", "unit_en", "assumes_zh", "assumes_en"]
# How many operands each kind takes: the numerator, and the denominator (the second count of a
# union or overlap)
OPERANDS = {"ratio": 2, "benchmark": 2, "share": 2, "union": 2, "overlap": 2, "rate": 1}
# What a label may say of its operands: {num_label} and {den_label} (their names), {num_as_of}
# and {den_as_of} (a context row's date), {den_period} (the denominator's period, 2019-01-01–
# 2019-12-31)
FIELDS = ("num_label", "den_label", "num_as_of", "den_as_of", "den_period")
FIELD = re.compile(r"\{([^{}:!]*)[^{}]*\}")


def definitions(path: Path | None = None, known: set[str] | None = None) -> pd.DataFrame:
    """An article's metric definitions (``data/<slug>/metrics.csv``), checked row by row: a kind of
    ``OPERANDS`` with its operands (figures of the codebook or rows of the context table:
    ``known``), a positive scale for a ratio or benchmark only, labels, units and assumptions in
    both languages (a rate without them says its window: ``_spread``), placeholders among
    ``FIELDS``. A fault is an error naming the file, the line and the metric."""
    path = Path(path or config.METRICS_CSV)
    table = read_csv(path, dtype=str).fillna("")
    missing = [c for c in DEFINITION_COLUMNS if c not in table.columns]
    if missing:
        raise InputError(f"{path}: missing columns {missing}")
    seen: set[str] = set()
    for i, r in table.iterrows():
        mid = f"{r['area']}_{r['key']}"
        where = f"{path}, line {i + 2} ({mid})"
        if r["area"] not in ("overview", *config.AREAS):
            registry = config.AREA_REGISTRY.relative_to(config.ROOT)
            raise InputError(f"{where}: area {r['area']!r} is not in {registry}")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", r["key"]) or mid in seen:
            raise InputError(f"{where}: the key must be a new lowercase name (a-z, 0-9, _)")
        seen.add(mid)
        if r["kind"] not in OPERANDS:
            raise InputError(f"{where}: kind {r['kind']!r} is not one of {sorted(OPERANDS)}")
        operands = [x for x in (r["numerator"], r["denominator"]) if x]
        if not r["numerator"] or len(operands) != OPERANDS[r["kind"]]:
            raise InputError(f"{where}: a {r['kind']} takes {OPERANDS[r['kind']]} operand(s) "
                             "(numerator, denominator)")
        unknown = [x for x in operands if known is not None and x not in known]
        if unknown:
            raise InputError(f"{where}: {unknown} not among the figures or the context rows")
        if r["scale"] and (r["kind"] not in ("ratio", "benchmark")
                           or not re.fullmatch(r"[0-9]+(\.[0-9]+)?", r["scale"]) or float(r["scale"]) <= 0):
            raise InputError(f"{where}: scale {r['scale']!r}: a positive number, for a ratio or "
                             "benchmark only (a share is in % already)")
        for c in ("label_zh", "label_en", "unit_zh", "unit_en"):
            if not r[c].strip():
                raise InputError(f"{where}: {c} is empty")
        if bool(r["assumes_zh"]) != bool(r["assumes_en"]) or (not r["assumes_zh"] and r["kind"] != "rate"):
            raise InputError(f"{where}: assumes_zh and assumes_en: both, or neither for a rate "
                             "(it then says its window)")
        for c in ("label_zh", "label_en", "assumes_zh", "assumes_en"):
            bad = [f for f in FIELD.findall(r[c]) if f not in FIELDS
                   or (f.startswith("den_") and not r["denominator"])]
            if bad:
                raise InputError(f"{where}: {c} has {bad}: a label may say {list(FIELDS)}")
    return table


def _fields(fig: pd.DataFrame, ctx: pd.DataFrame | None, num: str, den: str) -> dict[str, tuple[str, str]]:
    """The values of a label's placeholders (``FIELDS``), in both languages."""
    def row(ref):
        return fig.loc[ref] if ref in fig.index else ctx.loc[ref]

    out = {}
    for name, ref in (("num", num), ("den", den)):
        if not ref:
            continue
        r = row(ref)
        out[f"{name}_label"] = (r["label_zh"], r["label_en"])
        as_of = r.get("as_of", "")
        out[f"{name}_as_of"] = (as_of, as_of)
    if den:
        period = side(fig, ctx, den).dates.replace("至", "–")
        out["den_period"] = (period, period)
    return out


def _fill(template: str, lang: str, fields: dict[str, tuple[str, str]]) -> str:
    return template.format(**{k: v[0] if lang == "zh" else v[1] for k, v in fields.items()})


def _metric(fig: pd.DataFrame, ctx: pd.DataFrame | None, d: pd.Series) -> Derived:
    """One definition computed: a ratio or benchmark (numerator over denominator, times its
    scale), a share (``share_of``: in %, the two sides at most a year apart, dated when a
    context row is one of them), a rate (``per_year``), a union or overlap of two counts."""
    num, den = d["numerator"], d["denominator"]
    fields = _fields(fig, ctx, num, den)
    name = (_fill(d["label_zh"], "zh", fields), _fill(d["label_en"], "en", fields))
    unit = (d["unit_zh"], d["unit_en"])
    assumes = (_fill(d["assumes_zh"], "zh", fields), _fill(d["assumes_en"], "en", fields))
    uses = (num, den) if den else (num,)
    dates = ("", "")
    if d["kind"] in ("ratio", "benchmark"):
        value = side(fig, ctx, num).interval / side(fig, ctx, den).interval * float(d["scale"] or 1)
    elif d["kind"] == "share":
        part, whole = side(fig, ctx, num), side(fig, ctx, den)
        value = share_of(part, whole)
        if not (num in fig.index and den in fig.index):
            dates = _dates(part, whole, fig, ctx)
    elif d["kind"] == "rate":
        value = per_year(fig, num)
        if not d["assumes_zh"]:
            assumes = _spread(fig.loc[num], years(fig, num))
    else:
        a, b = iv(fig, num), iv(fig, den)
        if d["kind"] == "union":  # the point: one count inside the other (the larger as written)
            value = Interval(max(a.low, b.low), max(a.value, b.value), a.high + b.high)
        else:
            value = Interval(0.0, min(a.value, b.value), min(a.high, b.high))
    return Derived(d["key"], d["kind"], name, value, unit, uses, assumes, dates)


def derive(fig: pd.DataFrame, ctx: pd.DataFrame | None = None,
           defined: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every derived metric as one validated table (the rows of ``derived.csv``), in the order of
    the definitions (``defined``, else ``data/<slug>/metrics.csv``); with the context table
    (``jjj.context.load``) also those that use its rows, without it only those of the figures."""
    known = set(fig.index) | (set(ctx.index) if ctx is not None else set())
    if defined is None:
        defined = definitions(known=None if ctx is None else known)
    rows = []
    for _, d in defined.iterrows():
        operands = [x for x in (d["numerator"], d["denominator"]) if x]
        if ctx is None and not all(x in fig.index for x in operands):
            continue
        m = _metric(fig, ctx, d)
        rows.append(
            {
                "id": f"{d['area']}_{m.key}",
                "area": d["area"],
                "key": m.key,
                "kind": m.kind,
                "label_zh": m.name[0],
                "label_en": m.name[1],
                **m.interval.as_dict(),
                "digits": m.interval.digits,
                "unit_zh": m.unit[0],
                "unit_en": m.unit[1],
                "uses": ";".join(m.uses),
                "assumes_zh": m.assumes[0],
                "assumes_en": m.assumes[1],
                "dates_zh": m.dates[0],
                "dates_en": m.dates[1],
            }
        )
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


def _bounds(df: pd.DataFrame) -> pd.Series:
    tol = 1e-9 * df[["low", "high"]].abs().max(axis=1).clip(lower=1)
    inside = (df["low"] - tol <= df["value"]) & (df["value"] <= df["high"] + tol)
    return (df["low"] <= df["high"]) & (inside | df["value"].isna())


SCHEMA = pa.DataFrameSchema(
    {
        "id": pa.Column(str, unique=True, checks=pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
        "area": pa.Column(str, pa.Check.isin(["overview", *config.AREAS])),
        "kind": pa.Column(str, pa.Check.isin(list(OPERANDS))),
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
