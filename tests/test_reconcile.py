"""Reconciling the article's figures with independent sources (jjj.reconcile) and the findings
built on them (jjj.findings)."""

import pandas as pd
import pytest

from jjj import config, context, data, findings, metrics, reconcile
from jjj.intervals import Interval
from jjj.io import InputError

DUO = Interval(5000, 5000, 6000)  # 5000多


GOV, ORG, UNKNOWN = "government", "organiser", "unknown"


def ev(low, value, high, origin=GOV):
    return reconcile.Evidence(Interval(low, value, high), origin)


@pytest.mark.parametrize(
    ("same", "wholes", "verdict", "resolved"),
    [
        ([], [], "unchecked", (5000, 6000)),
        ([ev(5000, 5000, 6000)], [], "confirmed", (5000, 6000)),
        ([ev(5367, 5367, 5367)], [], "tightened", (5367, 5367)),
        ([], [ev(5500, 5500, 5500)], "tightened", (5000, 5500)),
        ([ev(4800, 4800, 4800)], [], "contradicted", (5000, 6000)),
        ([], [ev(4000, 4000, 4000)], "contradicted", (5000, 6000)),
        # a whole the figure could have exceeded (under twice its upper bound), and does not
        ([], [ev(9000, 9000, 9000)], "consistent", (5000, 6000)),
        # a whole far larger could not fail: a bound, not a check
        ([], [ev(90000, 90000, float("inf"))], "bounded", (5000, 6000)),
        # the organisers' own release: it gives the reading (5367), it does not check it
        ([ev(5367, 5367, 5367, ORG)], [], "repeats", (5367, 5367)),
        ([ev(5000, 5000, 6000, ORG)], [ev(90000, 90000, 90000)], "repeats", (5000, 6000)),
        ([ev(5000, 5000, 6000, ORG)], [ev(6000, 6000, 6000)], "consistent", (5000, 6000)),
        # a source whose origin is unknown checks nothing either
        ([], [ev(5500, 5500, 5500, UNKNOWN)], "bounded", (5000, 5500)),
        # whoever says it, a value outside the article's range contradicts it
        ([ev(4800, 4800, 4800, ORG)], [], "contradicted", (5000, 6000)),
    ],
)
def test_the_verdict_and_the_resolved_range(same, wholes, verdict, resolved):
    v, iv = reconcile.verdict(DUO, same, wholes)
    assert v == verdict and (iv.low, iv.high) == resolved
    assert v in reconcile.VERDICTS and v in reconcile.VERDICT_DEFINITIONS


@pytest.mark.parametrize(("stated", "sourced", "verdict"), [
    ((3, 10), (2.83, 2.91), "contradicted"),  # the campaign is shorter than any framing allows
    ((3, 10), (2.9, 3.1), "consistent"),
    ((3, 3), (3.2, 3.4), "contradicted"),
])
def test_a_window_the_evidence_rules_out_is_contradicted(stated, sourced, verdict):
    assert reconcile.window_verdict(stated, sourced) == verdict


def test_a_period_known_to_the_month_is_a_range_of_lengths():
    short, long_ = reconcile.period_years("2017-12", "2020-10-28")
    assert short == pytest.approx((pd.Timestamp("2020-10-28") - pd.Timestamp("2017-12-31")).days / 365.25)
    assert long_ == pytest.approx((pd.Timestamp("2020-10-28") - pd.Timestamp("2017-12-01")).days / 365.25)
    assert reconcile.period_years("2019-01-01", "2019-12-31") == pytest.approx((364 / 365.25,) * 2)


def test_the_poverty_figures_take_the_campaigns_reading_and_period():
    fig = data.figures()
    poverty = fig[fig["area"] == "poverty"]
    # the organisers' own 2020 release: it dates the figures; only the counties are checked by
    # another body (all of Hebei's poverty counties, the provincial poverty office)
    assert set(poverty["verdict"]) == {"repeats", "consistent"}
    assert poverty.loc["poverty_counties", "verdict"] == "consistent"
    assert set(poverty["release_date"]) == {"2020-10-28"}
    assert (poverty["window_verdict"] == "contradicted").all()
    assert (poverty["window_basis"] == "sourced").all()
    assert set(poverty["window_start"]) == {"2017-12"} and set(poverty["window_end"]) == {"2020-10"}
    # the article's own reading stays beside it
    projects = fig.loc["poverty_projects"]
    assert (projects["stated_low"], projects["stated_high"]) == (5000, 6000)
    assert (projects["low"], projects["value"], projects["high"]) == (5367, 5367, 5367)
    assert projects["stated_window_start"] == "2014-04-19"
    # a figure no source speaks of keeps the article's reading
    xiongan = fig.loc["xiongan_orgs"]
    assert xiongan["verdict"] == "unchecked" and xiongan["low"] == xiongan["stated_low"] == 645


def test_evidence_must_name_real_figures_and_rows(tmp_path):
    fig, ctx = data.figures(reading="article"), context.load()
    path = tmp_path / "evidence.csv"
    path.write_text(
        "figure,context,relation,reason_zh,reason_en\npoverty_orgs,no_such_row,same,x,x\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"evidence.csv: row 2: unknown context row 'no_such_row'"):
        reconcile.load_evidence(path, set(fig.index), set(ctx.index))
    path.write_text(
        "figure,context,relation,reason_zh,reason_en\npoverty_orgs,social_orgs_national_2020,near,x,x\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="relation 'near' is not one of"):
        reconcile.load_evidence(path, set(fig.index), set(ctx.index))


def test_a_finding_whose_claim_the_data_breaks_stops_the_run():
    fig, ctx = data.figures(), context.load()
    derived = metrics.derive(fig, ctx)
    table = findings.compute(fig, derived, ctx)
    assert list(table["rank"]) == list(range(1, len(table) + 1))
    assert table["id"].iloc[0] == "poverty_campaign"
    # Beijing's organisations with most of the 2018 projects: the origin finding no longer holds
    broken = derived.set_index("id")
    broken.loc["poverty_origin_beijing_projects_2018", ["low", "value", "high"]] = [80, 80, 80]
    with pytest.raises(AssertionError, match="Hebei's own organisations did most"):
        findings.compute(fig, broken.reset_index(), ctx)


def test_every_finding_rests_on_ids_that_exist():
    known = set(data.figures().index) | set(data.derived().index) | set(context.load().index)
    for _, f in data.findings().iterrows():
        missing = set(f["rests_on"].split(";")) - known
        assert not missing, f"{f.name} rests on unknown ids {missing}"


def test_one_reading_everywhere_a_window_the_analysis_does_not_use_has_no_dates():
    # the related headline's 7478 standards: another article's number, whose 十年 is not this
    # article's ten years; the article's words stay in stated_window
    rec = data.reconciled().set_index("id").loc["norms_shared_standards"]
    assert rec["window_basis"] == "none" and rec["window_start"] == rec["window_end"] == ""
    f = data.figures().loc["norms_shared_standards"]
    assert f["window"] == "" and f["stated_window"] == "十年来"
    # and the poverty figures carry the campaign's period, not the ten years, in figures.csv itself
    raw = pd.read_csv(config.FIGURES_CSV, dtype=str).set_index("id")
    assert raw.loc["poverty_funds", "window_start"] == "2017-12"
    assert raw.loc["poverty_funds", "stated_window_start"] == "2014-04-19"
