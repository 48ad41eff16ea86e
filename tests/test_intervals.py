import pytest
from hypothesis import given
from hypothesis import strategies as st

from jjj.intervals import Interval

positive = st.floats(min_value=0.5, max_value=1e9, allow_nan=False)


@st.composite
def intervals(draw):
    a, b, c = sorted(draw(st.lists(positive, min_size=3, max_size=3)))
    return Interval(a, b, c)


def test_division_of_the_poverty_figures():
    funds = Interval(2.1875e9, 2.188e9, 2.1885e9)
    projects = Interval(5000, 5000, 6000)
    per_project = funds / projects
    assert per_project.value == pytest.approx(437_600)
    assert per_project.low == pytest.approx(2.1875e9 / 6000)
    assert per_project.high == pytest.approx(2.1885e9 / 5000)


def test_subtraction_takes_opposite_bounds():
    assert Interval(10, 12, 20) - Interval(1, 2, 5) == Interval(5, 10, 19)


def test_rejects_bad_intervals_and_zero_divisors():
    with pytest.raises(ValueError):
        Interval(3, 1, 2)
    with pytest.raises(ZeroDivisionError):
        Interval(1, 1, 1) / Interval(0, 1, 2)


@given(intervals(), intervals(), st.sampled_from(["+", "-", "*", "/"]))
def test_every_combination_of_members_lies_in_the_result(x, y, op):
    ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b,
           "*": lambda a, b: a * b, "/": lambda a, b: a / b}
    result = ops[op](x, y)
    tol = 1e-9 * max(1.0, abs(result.low), abs(result.high))
    for a in (x.low, x.value, x.high):
        for b in (y.low, y.value, y.high):
            assert result.low - tol <= ops[op](a, b) <= result.high + tol
    assert result.value == pytest.approx(ops[op](x.value, y.value))


def test_one_figure_over_itself_under_two_readings_is_the_ratio_of_the_readings():
    # 约21.88亿元 per year over the campaign's 2.8-2.9 years, against the same funds over 3-10 years:
    # the funds cancel, so the ratio is exactly (3 to 10) / (2.8 to 2.9), not the wider quotient
    # of two independent intervals
    funds = Interval(2.1875e9, 2.188e9, 2.1885e9)
    campaign, framing = Interval(2.8, 2.85, 2.9), Interval(3, 10, 10)
    same = (funds.named("poverty_funds") / campaign) / (funds.named("poverty_funds") / framing)
    assert (same.low, same.high) == pytest.approx((3 / 2.9, 10 / 2.8))
    assert same.value == pytest.approx(10 / 2.85)
    independent = (funds / campaign) / (funds / framing)
    assert independent.low < same.low and independent.high > same.high


def test_two_different_figures_stay_independent():
    a = Interval(1, 1, 2).named("a")
    b = Interval(1, 1, 2).named("b")
    assert (a / b).low == 0.5 and (a / b).high == 2
    assert (a / a).low == (a / a).high == 1
