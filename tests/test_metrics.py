"""Derived metrics: what may be annualised, windows with their uncertainty, the derived table."""

import pandas as pd
import pytest

from jjj import config, data, metrics


@pytest.fixture(scope="module")
def fig():
    """The article's own reading: the interval arithmetic is checked on the numbers as worded."""
    return data.figures(reading="article")


@pytest.fixture(scope="module")
def derived(fig):
    return metrics.derive(fig).set_index("id")


def test_funds_per_project_takes_the_extreme_bounds(derived):
    # 约21.88亿元 is [21.875亿, 21.885亿]; 5000多个 is [5000, 6000)
    row = derived.loc["poverty_funds_per_project"]
    assert (row["low"], row["value"], row["high"]) == pytest.approx((2.1875e9 / 6000, 437_600, 437_700))
    # fewer projects than organisations, whatever the reading of 多
    assert derived.loc["poverty_projects_per_org", "high"] < 1


def test_the_poverty_window_spreads_each_rate_over_three_to_ten_years(derived):
    row = derived.loc["poverty_funds_per_year"]
    # the low end over the article's ten years, the high end over the campaign's three
    assert (row["low"], row["value"], row["high"]) == pytest.approx((2.1875e8, 2.188e8, 7.295e8))


def test_only_flows_with_a_known_window_are_annualised(fig, derived):
    rates = derived[derived["kind"] == "rate"]
    assert sorted(rates.index) == ["poverty_beneficiaries_per_year", "poverty_funds_per_year",
                                   "poverty_projects_per_year", "technology_projects_per_year"]
    for uses in rates["uses"]:
        for fid in uses.split(";"):
            assert fig.loc[fid, "measure"] == "flow"
            assert fig.loc[fid, "window_basis"] in ("stated", "derived", "sourced")


@pytest.mark.parametrize(("fid", "why"), [
    ("technology_foundations", "actors"), ("xiongan_orgs", "stock"),
    ("poverty_counties", "coverage"), ("overview_plan_intents", "plan"),
    ("norms_shared_standards", "context"), ("industry_dealers", "unknown"),
])
def test_per_year_refuses_what_is_not_a_flow_with_a_window(fig, fid, why):
    with pytest.raises(ValueError, match="only a flow with a stated, derived or sourced window"):
        metrics.per_year(fig, fid)
    assert why in (fig.loc[fid, "measure"], fig.loc[fid, "window_basis"])


def test_a_rate_of_a_stock_fails_validation(fig, derived):
    bad = derived.reset_index()
    bad.loc[len(bad)] = bad.iloc[0].to_dict() | {"id": "bogus_rate", "kind": "rate",
                                                   "uses": "xiongan_orgs"}
    with pytest.raises(ValueError, match="bogus_rate is a rate of a figure that is not a flow"):
        metrics.validate(bad, fig)


def test_a_metric_of_an_unknown_figure_fails_validation(fig, derived):
    bad = derived.reset_index()
    bad.loc[0, "uses"] = "no_such_figure"
    with pytest.raises(ValueError, match="unknown figures"):
        metrics.validate(bad, fig)


def test_union_point_is_full_overlap(derived):
    union, overlap = derived.loc["services_union"], derived.loc["services_overlap"]
    # 1000多 and 约300: from all 300 inside the 1000 to none of them
    assert (union["low"], union["value"], union["high"]) == (1000, 1000, 2350)
    assert (overlap["low"], overlap["high"]) == (0, 350)


def test_the_resolved_poverty_rates_use_the_campaigns_period():
    resolved = data.derived()
    # 5367 projects (the campaign's own count) over 2017-12 to 2020-10, months as the sources
    # give them: from the last day of the first to the first of the last, or the whole of both
    row = resolved.loc["poverty_projects_per_year"]
    longest = (pd.Timestamp("2020-10-31") - pd.Timestamp("2017-12-01")).days / 365.25
    shortest = (pd.Timestamp("2020-10-01") - pd.Timestamp("2017-12-31")).days / 365.25
    assert (row["low"], row["high"]) == pytest.approx((5367 / longest, 5367 / shortest), rel=1e-9)
    assert "2017-12" in row["assumes_en"]


def _side(ref, low, high, start, end):
    return metrics.Side(ref, metrics.Interval(low, low, high), start, end)


def test_a_share_outside_0_to_100_is_an_error_not_clipped():
    part, whole = _side("part", 120, 130, "2020", "2020"), _side("whole", 100, 100, "2020", "2020")
    with pytest.raises(ValueError, match="outside \\[0, 100\\], so the part is not inside the whole"):
        metrics.share_of(part, whole)


def test_a_share_of_sides_dated_more_than_a_year_apart_is_refused():
    part = _side("xiongan", 645, 645, "2024-04-19", "2024-04-19")
    near = _side("hebei", 40000, 40000, "2023-06", "2023-06")
    assert metrics.share_of(part, near).value == pytest.approx(1.6125)
    with pytest.raises(ValueError, match=r"are 6\.2 years apart"):
        metrics.share_of(part, _side("hebei", 32483, 32483, "2018-02-07", "2018-02-07"))
    # a whole dated inside the part's window is no gap at all
    assert metrics.gap_years(("2017-12", "2020-10-28"), ("2019-10-16", "2019-10-16")) == 0


def test_headline_keys_of_the_area_registry_exist(fig, derived):
    registry = pd.read_csv(config.AREA_REGISTRY, keep_default_na=False)
    for _, row in registry.iterrows():
        if row["headline_figure"]:
            assert fig.loc[row["headline_figure"], "area"] == row["area"]
        if row["headline_metric"]:
            assert f"{row['area']}_{row['headline_metric']}" in derived.index


# ------------------------------------------------------------------ definitions as data


def _definitions(tmp_path, **changes):
    """data/metrics.csv with its first row changed, written to a scratch file."""
    table = pd.read_csv(config.METRICS_CSV, dtype=str, keep_default_na=False)
    for column, value in changes.items():
        table.loc[0, column] = value
    path = tmp_path / "metrics.csv"
    table.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(("changes", "says"), [
    ({"kind": "average"}, "kind 'average' is not one of"),
    ({"denominator": ""}, "a ratio takes 2 operand"),
    ({"numerator": "no_such_figure"}, r"\['no_such_figure'\] not among the figures or the context rows"),
    ({"kind": "share", "scale": "100"}, "scale .100.: a positive number, for a ratio or benchmark only"),
    ({"scale": "-2"}, "scale '-2'"),
    ({"assumes_en": ""}, "assumes_zh and assumes_en: both"),
    ({"label_en": "Intents per {org}"}, r"label_en has \['org'\]"),
    ({"area": "tourism"}, "area 'tourism' is not in data/[^ ]*areas.csv"),
    ({"key": "Per Org"}, "the key must be a new lowercase name"),
])
def test_a_faulty_definition_is_refused_with_its_file_line_and_metric(tmp_path, fig, changes, says):
    known = set(fig.index) | set(data.derived().index)  # any ids: the operands of row 1 are figures
    with pytest.raises(ValueError, match=r"metrics\.csv, line 2 \([a-z]+_[^)]+\): " + says):
        metrics.definitions(_definitions(tmp_path, **changes), known=known)


def test_a_metric_added_as_a_row_is_derived_without_code(tmp_path, fig, derived):
    """An analyst's new metric is a row: funds per project per 10,000 yuan, with a label that
    names its operands."""
    table = pd.read_csv(config.METRICS_CSV, dtype=str, keep_default_na=False)
    table.loc[len(table)] = {
        "area": "poverty", "key": "projects_per_10k_yuan", "kind": "ratio",
        "numerator": "poverty_projects", "denominator": "poverty_funds", "scale": "10000",
        "label_zh": "{num_label}：每万元", "label_en": "{num_label} per 10,000 yuan",
        "unit_zh": "个/万元", "unit_en": "projects per 10,000 yuan", "assumes_zh": "资金平均分摊",
        "assumes_en": "funds spread evenly"}
    path = tmp_path / "metrics.csv"
    table.to_csv(path, index=False)
    new = metrics.derive(fig, defined=metrics.definitions(path)).set_index("id")
    row, per_project = new.loc["poverty_projects_per_10k_yuan"], derived.loc["poverty_funds_per_project"]
    assert row["value"] == pytest.approx(10000 / per_project["value"])
    assert (row["low"], row["high"]) == pytest.approx(
        (10000 / per_project["high"], 10000 / per_project["low"]))
    assert row["label_zh"] == fig.loc["poverty_projects", "label_zh"] + "：每万元"
    assert row["label_en"] == fig.loc["poverty_projects", "label_en"] + " per 10,000 yuan"


def test_a_label_names_its_operands_dates_from_the_context_table():
    from jjj import context

    resolved, ctx = data.derived(), context.load()
    share = resolved.loc["poverty_projects_share_2019"]
    year = ctx.loc[share["uses"].split(";")[0], "as_of"]
    assert share["label_zh"].startswith(f"{year}年一年占行动合计的比例：")
    bench = resolved.loc["poverty_funds_per_project_2019"]
    den = ctx.loc[bench["uses"].split(";")[1]]
    assert bench["label_en"] == f"Funds per project ({den['period_start']}–{den['period_end']})"
    # a rate without an assumption of its own says its window
    rate = resolved.loc["poverty_funds_per_year"]
    assert data.figures().loc[rate["uses"], "window_start"] in rate["assumes_en"]
