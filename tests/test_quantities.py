import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jjj.quantities import find_quantities, parse_number, place


def one(text):
    found = [q for q in find_quantities(text)]
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start:q.end] == q.surface
    return q


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "unit", "qualifier"),
    [
        ("6300多家", 6300, 6300, 6400, "家", "多"),
        ("1000多家", 1000, 1000, 2000, "家", "多"),
        ("280多万人次", 2_800_000, 2_800_000, 2_900_000, "人次", "多"),
        ("约21.88亿元", 2_188_000_000, 2_187_500_000, 2_188_500_000, "元", "约"),
        ("千余家", 1000, 1000, 2000, "家", "余"),
        ("近30个", 30, 25, 30, "个", "近"),
        ("约300家", 300, 250, 350, "家", "约"),
        ("645家", 645, 645, 645, "家", ""),
        ("10多万人", 100_000, 100_000, 200_000, "人", "多"),
        ("10万多人", 100_000, 100_000, 110_000, "人", "多"),
        ("超过300家", 300, 300, 400, "家", "超过"),
        ("逾千人", 1000, 1000, 2000, "人", "逾"),
        ("不足50家", 50, 40, 50, "家", "不足"),
        ("300家以上", 300, 300, 400, "家", "以上"),
        ("100—200公斤", 150, 100, 200, "公斤", "range"),
        ("三四个", 3.5, 3, 4, "个", "range"),
        ("七八百人", 750, 700, 800, "人", "range"),
        ("几十个", 60, 20, 100, "个", "vague"),
        ("十几个", 15.5, 11, 20, "个", "vague"),
        ("两百人", 200, 200, 200, "人", ""),
        ("１２３家", 123, 123, 123, "家", ""),
        ("1,000家", 1000, 1000, 1000, "家", ""),
        ("5.5万元", 55_000, 55_000, 55_000, "元", ""),
    ],
)
def test_counts_and_bounds(text, value, low, high, unit, qualifier):
    q = one(text)
    assert (q.kind, q.value, q.low, q.high, q.unit, q.qualifier) == (
        "count", value, low, high, unit, qualifier)


@pytest.mark.parametrize("text", ["百分之三十", "30%", "三成", "30％"])
def test_percentages(text):
    q = one(text)
    assert (q.kind, q.value, q.unit) == ("percent", 30, "%")


def test_shared_measure_word_in_a_list():
    found = find_quantities("3、5、7万元")
    assert [(q.surface, q.value, q.unit) for q in found] == [
        ("3", 30_000, "元"), ("5", 50_000, "元"), ("7万元", 70_000, "元")]


@pytest.mark.parametrize(
    ("text", "kind", "iso"),
    [("2014年2月", "date", "2014-02"), ("2024-04-19", "date", "2024-04-19"),
     ("2024-04-19 14:15", "time", "2024-04-19T14:15"), ("4月19日", "date", "--04-19"),
     ("二〇二四年三月", "date", "2024-03"), ("近三年", "window", "P3Y"), ("十年来", "window", "P10Y"),
     ("近两年", "window", "P2Y")],
)
def test_dates_and_windows_are_not_counts(text, kind, iso):
    q = one(text)
    assert (q.kind, q.window) == (kind, iso)
    assert q.qualifier == ""  # 近三年 is a window, not the qualifier 近


@pytest.mark.parametrize("text", ["这是一批项目", "进一步推动", "首批合作单位", "共绘“一张图”", "研发一线"])
def test_words_are_not_counts(text):
    assert find_quantities(text) == []


def test_traps_of_the_article():
    # 达 and 共 only emphasise
    assert one("受益人口达280多万人次").surface == "280多万人次"
    assert one("共落地河北省扶贫项目5000多个").qualifier == "多"
    # 签约 / 拉近 hold 约 and 近 without qualifying
    assert one("完成签约5个").qualifier == ""
    assert one("拉近3个").qualifier == ""
    # 三地 / 三省市 name the regions; 百家 inside a quoted campaign name is a name
    assert {q.kind for q in find_quantities("三地社会组织，三省市民政部门")} == {"name"}
    assert one("开展“百家社会组织雄安行”").kind == "name"
    # ASCII commas used as Chinese commas do not glue numbers together
    assert [q.surface for q in find_quantities("近三年,约300家基金会支持")] == ["近三年", "约300家"]


def test_place_of_last_nonzero_digit():
    from decimal import Decimal as D

    assert place(D(6300)) == 100 and place(D(280)) == 10 and place(D("21.88")) == D("0.01")
    assert parse_number("千") == 1000 and parse_number("２１.８８") == D("21.88")


# ---- property-based: render random numbers in Chinese forms and read them back

UNITS = st.sampled_from(["家", "个", "项", "人次", "元"])


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=1, max_value=99_999_999), unit=UNITS)
def test_chinese_numerals_round_trip(n, unit):
    text = cn2an.an2cn(n) + unit
    q = one("共" + text + "。")
    assert (q.value, q.low, q.high, q.unit) == (n, n, n, unit)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=1, max_value=9999), unit=UNITS,
       mag=st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8)]),
       more=st.sampled_from(["多", "余"]))
def test_more_is_one_step_of_the_last_digit(n, unit, mag, more):
    word, scale = mag
    q = one(f"{n}{more}{word}{unit}")
    step = 10 ** (len(str(n)) - len(str(n).rstrip("0"))) * scale
    assert (q.value, q.low, q.high) == (n * scale, n * scale, n * scale + step)
    assert q.low <= q.value < q.high


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(min_value=0, max_value=999), frac=st.integers(min_value=1, max_value=99),
       full_width=st.booleans())
def test_decimals_with_magnitude_and_full_width_digits(whole, frac, full_width):
    digits = f"{whole}.{frac:02d}"
    shown = digits.translate(str.maketrans("0123456789.", "０１２３４５６７８９．")) if full_width else digits
    q = one(f"约{shown}亿元")
    from decimal import Decimal as D

    assert q.value == int(D(digits) * 10**8)
    assert q.low < q.value < q.high and q.high - q.low == 10**6  # 0.01亿
    assert q.unit == "元"


@settings(max_examples=100, deadline=None)
@given(a=st.integers(min_value=1, max_value=500), b=st.integers(min_value=0, max_value=500),
       sep=st.sampled_from(["—", "-", "~", "至", "到"]))
def test_ranges(a, b, sep):
    q = one(f"{a}{sep}{a + b}公斤")
    assert (q.low, q.high, q.qualifier) == (a, a + b, "range")


def test_forms_of_other_reports():
    found = {q.surface: q for q in find_quantities(
        "约占1%；增长6.1个百分点；金额1.2万元至3万元不等；3%—5%；超过30%。")}
    assert (found["约占1%"].qualifier, found["约占1%"].low, found["约占1%"].high) == ("约", 0.5, 1.5)
    assert found["6.1个百分点"].unit == "百分点"
    r = found["1.2万元至3万元"]
    assert (r.kind, r.low, r.high, r.qualifier, r.unit) == ("count", 12_000, 30_000, "range", "元")
    assert (found["3%—5%"].low, found["3%—5%"].high) == (3, 5)
    assert (found["超过30%"].low, found["超过30%"].high) == (30, 40)
