"""The sourced context numbers (data/external/context.csv) and what is built on them."""

import pandas as pd
import pytest

from jjj import config, context, data
from jjj.intervals import Interval
from jjj.io import InputError


@pytest.fixture(scope="module")
def fig():
    return data.figures()


@pytest.fixture(scope="module")
def ctx(fig):
    return context.load(figure_ids=set(fig.index))


def test_every_row_is_sourced_and_dated(ctx):
    assert len(ctx) >= 12
    assert {"beijing", "tianjin", "hebei", "national"} <= set(ctx["region"])
    assert ctx["url"].str.match(r"https?://").all()
    assert ctx["as_of"].str.match(r"^[0-9]{4}").all()
    assert (ctx["publisher"] != "").all() and (ctx["title"] != "").all()
    assert ctx["origin"].isin(context.ORIGINS).all() and ctx["locator"].str.match(context.LOCATOR).all()
    assert ((ctx["low"] <= ctx["value"]) & (ctx["value"] <= ctx["high"])).all()


def _write(tmp_path, table: pd.DataFrame):
    path = tmp_path / "context.csv"
    table.to_csv(path, index=False)
    return path


def test_two_rows_of_one_quantity_region_and_date_must_agree(tmp_path):
    table = pd.read_csv(config.CONTEXT_CSV, dtype=str, keep_default_na=False)
    twin = table.iloc[[0]].assign(id="twin", stated="60万个", qualifier="", value="600000", low="600000",
                                  high="600000")
    with pytest.raises(InputError, match=r"context.csv: row 2 .* row \d+ \(twin.*disagree"):
        context.load(_write(tmp_path, pd.concat([table, twin])))


@pytest.mark.parametrize(("column", "bad", "message"), [
    ("source", "", "source"), ("locator", "", "locator"), ("locator", "第3段", "locator"),
    ("as_of", "end of 2019", "as_of"), ("low", "999999999", "low <= value <= high"),
])
def test_a_row_without_source_date_or_honest_bounds_is_refused(tmp_path, column, bad, message):
    table = pd.read_csv(config.CONTEXT_CSV, dtype=str, keep_default_na=False)
    table.loc[3, column] = bad
    with pytest.raises(InputError, match=rf"context.csv: rows 5 fail the schema:(.|\n)*{message}"):
        context.load(_write(tmp_path, table))


def test_a_row_must_point_to_a_source_in_the_registry(tmp_path):
    table = pd.read_csv(config.CONTEXT_CSV, dtype=str, keep_default_na=False)
    table.loc[3, "source"] = "no_such_source"
    with pytest.raises(InputError, match=r"context.csv: row 5 \(\w+\): source 'no_such_source' is not in "
                                         r".*sources.csv"):
        context.load(_write(tmp_path, table))


def test_a_period_start_from_another_page_is_cited_with_its_place(tmp_path):
    table = pd.read_csv(config.CONTEXT_CSV, dtype=str, keep_default_na=False)
    row = table.index[table["id"] == "campaign_projects_hebei_2020"][0]
    assert table.loc[row, "start_source"] == "hebei_2018_jjj_campaign"
    table.loc[row, "start_locator"] = ""
    with pytest.raises(InputError, match=rf"row {row + 2} \(campaign_projects_hebei_2020\): "
                                         "give start_source and start_locator together"):
        context.load(_write(tmp_path, table))


@pytest.mark.parametrize(("column", "bad"), [
    ("origin", ""), ("origin", "official"), ("url", "www.example.org"), ("copy_of", "not an address"),
    ("published", "2020年"),
])
def test_a_source_without_origin_address_or_date_is_refused(tmp_path, column, bad):
    table = pd.read_csv(config.SOURCES_CSV, dtype=str, keep_default_na=False)
    table.loc[2, column] = bad
    path = tmp_path / "sources.csv"
    table.to_csv(path, index=False)
    with pytest.raises(InputError, match=rf"sources.csv: rows 4 fail the schema:(.|\n)*{column}"):
        context.load(sources_path=path)


def test_bounds_typed_by_hand_must_be_the_extractors_reading_of_stated(tmp_path):
    table = pd.read_csv(config.CONTEXT_CSV, dtype=str, keep_default_na=False)
    row = table.index[table["id"] == "social_orgs_national_2020"][0]
    table.loc[row, "high"] = "900000"  # 超过89万 capped at 90万: the convention keeps it open
    with pytest.raises(InputError, match=rf"row {row + 2} \(social_orgs_national_2020\): "
                                         r"'超过89万个' reads as "
                                         r"\[890000, inf\]"):
        context.load(_write(tmp_path, table))


def test_a_running_total_cannot_fall(tmp_path):
    table = pd.read_csv(config.CONTEXT_CSV, dtype=str, keep_default_na=False)
    row = table.index[table["id"] == "campaign_projects_hebei_2020"][0]
    table.loc[row, ["stated", "value", "low", "high"]] = ["300个", "300", "300", "300"]
    with pytest.raises(InputError, match=r"campaign_projects_hebei_2020 \(300个, to 2020-10\) "
                                         r"is below the "
                                         r"earlier total campaign_projects_hebei_2018"):
        context.load(_write(tmp_path, table))


def test_the_capped_reading_closes_one_sided_rows_one_step_above(ctx):
    capped = context.capped_reading(ctx)
    assert ctx.loc["social_orgs_national_2020", "high"] == float("inf")
    assert capped.loc["social_orgs_national_2020", "high"] == 900000  # 超过89万 → [89万, 90万)
    assert capped.loc["campaign_funds_hebei_2018", "high"] == 447000000  # 4.46亿元以上
    closed = ctx["high"] < float("inf")
    assert (capped.loc[closed, "high"] == ctx.loc[closed, "high"]).all()


def test_context_for_must_name_figures_of_the_article(tmp_path, fig):
    table = pd.read_csv(config.CONTEXT_CSV, dtype=str, keep_default_na=False)
    table.loc[0, "context_for"] = "poverty_orgs;no_such_figure"
    with pytest.raises(InputError, match=r"row 2 .* unknown figures \['no_such_figure'\]"):
        context.load(_write(tmp_path, table), figure_ids=set(fig.index))


def test_a_whole_tightens_or_rules_out_a_part():
    count = Interval(1000, 1000, 2000)  # 1000多
    assert context.check_bound(count, Interval(9711, 9711, 9711)).verdict == "within"
    tightened = context.check_bound(count, Interval(1500, 1500, 1500))
    assert tightened.tightens and tightened.high == 1500
    assert context.check_bound(count, Interval(800, 800, 800)).verdict == "impossible"


def test_the_tight_reading_of_duo_narrows_only_duo_and_yu(fig):
    tight = context.tight_reading(fig)
    foundations = tight.loc["services_foundations"]
    assert (foundations["low"], foundations["high"]) == (1000, 1100)
    assert tight.loc["industry_dealers", "high"] == 1100  # 千余家
    assert tight.loc["technology_foundations", "high"] == fig.loc["technology_foundations", "high"]  # 约
    assert tight.loc["cooperation_fields", "high"] == fig.loc["cooperation_fields", "high"]  # 近


def test_shares_state_their_dates_and_stay_within_100(fig, ctx):
    derived = data.derived()
    built = derived[(derived["kind"] == "share") & derived["dates_zh"].notna()]
    assert len(built) >= 10
    assert built["dates_en"].str.contains("context: ").all()
    shares = built[built["kind"] == "share"]
    assert (shares["high"] <= 100).all() and (shares["low"] >= 0).all()
    # the poverty figures were published before, as a campaign's totals: every one agrees
    assert derived.loc["poverty_counties_share", "low"] == 100
