"""Derived metrics from the committed figures: bounds by interval arithmetic, windows from text."""

import math

import pytest

from jjj import analysis, metrics


@pytest.fixture(scope="module")
def fig():
    return analysis.figures()


def by_key(rows):
    return {d.key: d.interval for d in rows}


def test_poverty_unit_figures_use_the_extreme_bounds(fig):
    m = by_key(metrics.poverty(fig))
    funds = fig.loc["poverty_funds"]
    assert m["funds_per_project"].low == pytest.approx(funds["low"] / 6000)
    assert m["funds_per_project"].high == pytest.approx(funds["high"] / 5000)
    # fewer projects than organisations: under one project per organisation, whatever the bounds
    assert m["projects_per_org"].high < 1


def test_per_year_divides_by_the_window_from_the_text(fig):
    m = by_key(metrics.technology(fig))
    assert fig.loc["technology_projects", "window_years"] == 3
    assert (m["projects_per_year"].low, m["projects_per_year"].high) == pytest.approx((200, 700 / 3))
    assert m["foundation_share"].low == 0 and m["foundation_share"].high == pytest.approx(35)


def test_services_overlap_and_union_bounds(fig):
    m = by_key(metrics.services(fig))
    assert (m["overlap"].low, m["overlap"].high) == (0, 350)
    assert (m["union"].low, m["union"].high) == (1000, 2350)


def test_pipeline_ratios(fig):
    m = by_key(metrics.overview(fig))
    assert m["signed_share"].value == pytest.approx(9 / 184 * 100)
    assert m["intents_per_org"].value == pytest.approx(184 / 144)


def test_stocks_and_plans_are_not_annualised(fig):
    table = metrics.annualise(fig)
    assert math.isnan(table.loc["xiongan_orgs", "value"])
    assert "stock" in table.loc["xiongan_orgs", "reason_en"]
    assert table.loc["overview_plan_orgs", "why"] == "plan"
    assert "plans" in table.loc["overview_plan_orgs", "reason_en"]
    assert table.loc["poverty_projects", "low"] == 500
    assert "coverage" in table.loc["poverty_counties", "reason_en"]


def test_per_year_refuses_a_figure_without_window(fig):
    with pytest.raises(ValueError, match="cannot be annualised"):
        analysis.per_year(fig, "xiongan_orgs")


def test_headline_names_existing_figures_and_metrics(fig):
    derived = metrics.all_areas(fig, named_fields=5)
    for area, (fid, key) in metrics.HEADLINE.items():
        assert fig.loc[fid, "area"] == area
        assert key is None or key in {d.key for d in derived[area]}
