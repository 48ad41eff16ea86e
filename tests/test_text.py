import math

import pytest

from jjj import text


@pytest.mark.parametrize(
    ("x", "zh", "en"),
    [(2.188e9, "21.88亿", "2.188 billion"), (2.8e6, "280万", "2.8 million"), (6300, "6,300", "6,300"),
     (3.5, "3.5", "3.5"), (62, "62", "62"), (0.78126, "0.7813", "0.7813"),
     (50000, "5万", "50,000"), (35290323, "3529万", "35.29 million")],
)
def test_num_keeps_four_significant_digits_and_writes_wan_from_ten_thousand(x, zh, en):
    assert text.num(x, "zh") == zh
    assert text.num(x, "en") == en


@pytest.mark.parametrize(
    ("low", "value", "high", "shown", "point"),
    [
        # funds per county: 约21.88亿元 over 62 counties; the range is 16,129 元 wide
        (2.1875e9 / 62, 2.188e9 / 62, 2.1885e9 / 62, "3528.2万–3529.9万", "3529万"),
        # funds per project: the point sits at the range's edge and stays inside it
        (2.1875e9 / 6000, 2.188e9 / 5000, 2.1885e9 / 5000, "36.4万–43.8万", "43.8万"),
        # projects per organisation: bounds round outward, never across 1
        (5000 / 6400, 5000 / 6300, 6000 / 6300, "0.78–0.96", "0.79"),
        # a narrow range keeps the digits that tell its ends apart
        (2.1875e8, 2.188e8, 2.1885e8, "2.1875亿–2.1885亿", "2.188亿"),
        (6300, 6300, 6400, "6,300–6,400", "6,300"),
        (645, 645, 645, "645", "645"),
        # bounds that are round one digit finer are not widened (2350, not 2400)
        (1000, 1000, 2350, "1,000–2,350", "1,000"),
    ],
)
def test_rounding_follows_the_bounds(low, value, high, shown, point):
    assert text.interval(low, high, "zh") == shown
    assert text.point(low, value, high, "zh") == point


@pytest.mark.parametrize(
    ("low", "high", "digits", "shown"),
    [
        # 约21.88亿 (four significant digits) over 5367 projects: the width alone would show
        # 40.758万–40.777万, digits the inputs never had
        (2.1875e9 / 5367, 2.1885e9 / 5367, 4, "40.75万–40.78万"),
        (2.1875e9 / 62, 2.1885e9 / 62, 4, "3528万–3530万"),
        # 5.73亿 (three) over 2393 projects: the end keeps its last digit
        (5.725e8 / 2393, 5.735e8 / 2393, 3, "23.9万–24.0万"),
        # a range wider than the inputs' precision is shown by its width, as without digits
        (2.1875e9 / 6000, 2.1885e9 / 5000, 4, "36.4万–43.8万"),
    ],
)
def test_a_derived_number_shows_no_more_digits_than_its_rounded_input(low, high, digits, shown):
    assert text.interval(low, high, "zh", digits) == shown


def test_rounded_bounds_contain_the_exact_bounds():
    for low, high in [(364583.3, 437700.0), (0.7875, 0.952), (21875000.0, 43770000.0), (25, 30)]:
        lo, v, hi = text.rounded(low, (low + high) / 2, high)
        assert lo <= low and hi >= high and lo <= v <= hi


def test_percentages_keep_two_significant_digits():
    assert [text.pct(x) for x in (4.891, 0.0457, 33.33, 100.0)] == ["4.9", "0.046", "33", "100"]


def test_open_ended_and_missing_values():
    assert text.interval(1000, math.inf, "zh") == "≥1,000"
    assert text.point(0, float("nan"), 35, "zh") == "–"


def test_lang_follows_the_edition(monkeypatch):
    monkeypatch.setenv("JJJ_LANG", "en")
    assert text.lang() == "en"
    monkeypatch.setenv("JJJ_LANG", "fr")
    with pytest.raises(ValueError, match="JJJ_LANG"):
        text.lang()
