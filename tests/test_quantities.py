import csv
import math
import re
from decimal import Decimal as D
from pathlib import Path

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jjj.quantities import ParseError, find_quantities, parse_number, place

INF = math.inf
FORMS = Path(__file__).parent / "extract_cases" / "forms.csv"


def one(text):
    found = [q for q in find_quantities(text)]
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start:q.end] == q.surface
    return q


def bounds(q):
    return q.value, q.low, q.high


# ---- the table of forms (docs/extractor.md): one row per form, each example read back


def _forms():
    with FORMS.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("script", ["example", "traditional"])
@pytest.mark.parametrize("row", _forms(), ids=lambda r: r["example"])
def test_every_form_of_the_readme_table(row, script):
    example = row[script]
    text = (row["text"] or row["example"]).replace(row["example"], example)
    if not row["kind"]:  # not a quantity: no row at all
        assert find_quantities(text) == []
        return
    q = one(text)
    assert q.surface == example
    assert (q.kind, q.unit, q.qualifier, q.window) == (
        row["kind"], row["unit"], row["qualifier"], row["window"])
    if not row["value"]:  # a date, a time, a name: no number
        assert (q.value, q.low, q.high) == (None, None, None)
        return
    assert q.value == pytest.approx(float(row["value"]))
    assert (q.low, q.high) == pytest.approx((float(row["low"]), float(row["high"])))
    assert q.low <= q.value <= q.high


# ---- every example of issue 11, and the article's forms

@pytest.mark.parametrize(
    ("text", "value", "low", "high", "unit", "qualifier"),
    [
        # the article's forms
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
        ("十来个", 10, 10, 20, "个", "多"),
        ("100—200公斤", 150, 100, 200, "公斤", "range"),
        ("三四个", 3.5, 3, 4, "个", "range"),
        ("七八百人", 750, 700, 800, "人", "range"),
        ("几十个", 60, 20, 100, "个", "vague"),
        ("十几个", 15.5, 11, 20, "个", "vague"),
        ("两百人", 200, 200, 200, "人", ""),
        ("１２３家", 123, 123, 123, "家", ""),
        ("1,000家", 1000, 1000, 1000, "家", ""),
        ("5.5万元", 55_000, 55_000, 55_000, "元", ""),
        # ranges sharing the magnitude, unit or currency of their second end
        ("两到三万", 25_000, 20_000, 30_000, "", "range"),
        ("1万-5万元", 30_000, 10_000, 50_000, "元", "range"),
        ("1万元--5万元", 30_000, 10_000, 50_000, "元", "range"),
        ("十八至三十万日元", 240_000, 180_000, 300_000, "日元", "range"),
        ("一百二十到一百五十万元", 1_350_000, 1_200_000, 1_500_000, "元", "range"),
        ("从8500到3万港元", 19_250, 8500, 30_000, "港元", "range"),
        ("10~15k", 12_500, 10_000, 15_000, "", "range"),
        ("两~3百", 250, 200, 300, "", "range"),
        ("八百到九百亿", 85e9, 80e9, 90e9, "", "range"),
        ("七千到九千亿元", 8e11, 7e11, 9e11, "元", "range"),
        ("一千到两千万元", 15e6, 10e6, 20e6, "元", "range"),
        ("五到六千人", 5500, 5000, 6000, "人", "range"),
        ("1.2万元至3万元", 21_000, 12_000, 30_000, "元", "range"),
        # adjacent numerals
        ("三五百", 400, 300, 500, "", "range"),
        ("四五千", 4500, 4000, 5000, "", "range"),
        ("八九亿", 8.5e8, 8e8, 9e8, "", "range"),
        ("十五六个", 15.5, 15, 16, "个", "range"),
        ("一两个", 1.5, 1, 2, "个", "range"),
        # vague numbers
        ("几十万", 600_000, 200_000, 1_000_000, "", "vague"),
        ("数十亿", 6e9, 2e9, 10e9, "", "vague"),
        ("十几块", 15.5, 11, 20, "元", "vague"),
        ("二十几岁", 25.5, 21, 30, "岁", "vague"),
        ("十多", 10, 10, 20, "", "多"),
        ("大约十多", 10, 10, 20, "", "多"),
        ("几百", 600, 200, 1000, "", "vague"),
        ("上千", 1500, 1000, 2000, "", "vague"),
        ("上百万", 1_500_000, 1_000_000, 2_000_000, "", "vague"),
        ("成千上万", 10_500, 1000, 20_000, "", "vague"),
        ("数以万计", 60_000, 20_000, 100_000, "", "vague"),
        # numbers with a magnitude and no measure word
        ("三百万", 3e6, 3e6, 3e6, "", ""),
        ("两个亿", 2e8, 2e8, 2e8, "", ""),
        ("1600万", 16e6, 16e6, 16e6, "", ""),
        ("36.57亿", 3.657e9, 3.657e9, 3.657e9, "", ""),
        ("一亿五千万", 1.5e8, 1.5e8, 1.5e8, "", ""),
        ("3万5千元", 35_000, 35_000, 35_000, "元", ""),
        ("1亿2000万", 1.2e8, 1.2e8, 1.2e8, "", ""),
        ("2万5", 25_000, 25_000, 25_000, "", ""),
        # financial and traditional numerals
        ("壹万二千三百四十五", 12345, 12345, 12345, "", ""),
        ("肆佰叁拾萬", 4_300_000, 4_300_000, 4_300_000, "", ""),
        ("三萬元", 30_000, 30_000, 30_000, "元", ""),
        ("五億", 5e8, 5e8, 5e8, "", ""),
        # currencies before or after the number; 块, 毛, 角, 分
        ("人民币100元", 100, 100, 100, "元", ""),
        ("人民币3万", 30_000, 30_000, 30_000, "元", ""),
        ("100美元", 100, 100, 100, "美元", ""),
        ("3000欧元", 3000, 3000, 3000, "欧元", ""),
        ("50英镑", 50, 50, 50, "英镑", ""),
        ("1000日元", 1000, 1000, 1000, "日元", ""),
        ("200港币", 200, 200, 200, "港元", ""),
        ("1000新台币", 1000, 1000, 1000, "新台币", ""),
        ("100台币", 100, 100, 100, "新台币", ""),
        ("5000韩元", 5000, 5000, 5000, "韩元", ""),
        ("100泰铢", 100, 100, 100, "泰铢", ""),
        ("300卢布", 300, 300, 300, "卢布", ""),
        ("200澳元", 200, 200, 200, "澳元", ""),
        ("100加元", 100, 100, 100, "加元", ""),
        ("50瑞士法郎", 50, 50, 50, "瑞士法郎", ""),
        ("两块钱", 2, 2, 2, "元", ""),
        ("三块五", 3.5, 3.5, 3.5, "元", ""),
        ("五毛钱", 0.5, 0.5, 0.5, "元", ""),
        ("5角", 0.5, 0.5, 0.5, "元", ""),
        ("5亿美元", 5e8, 5e8, 5e8, "美元", ""),
        # halves
        ("三斤半", 3.5, 3.5, 3.5, "斤", ""),
        ("两米半", 2.5, 2.5, 2.5, "米", ""),
        # signs
        ("负3", -3, -3, -3, "", ""),
        ("-5", -5, -5, -5, "", ""),
        ("负三百万元", -3e6, -3e6, -3e6, "元", ""),
        ("负几百元", -600, -1000, -200, "元", "vague"),
        # qualifiers apart from the number
        ("合计约100万元", 1e6, 5e5, 1.5e6, "元", "约"),
        ("最多5个", 5, 0, 5, "个", "最多"),
        ("不少于100家", 100, 100, INF, "家", "不少于"),
        ("多达500人", 500, 500, 500, "人", ""),
        ("大于10个", 10, 10, INF, "个", "大于"),
        ("小于5个", 5, 0, 5, "个", "小于"),
        ("等于3个", 3, 3, 3, "个", ""),
        ("超过300家", 300, 300, INF, "家", "超过"),
        ("逾千人", 1000, 1000, INF, "人", "逾"),
        ("300家以上", 300, 300, INF, "家", "以上"),
        ("300家(含)以上", 300, 300, INF, "家", "以上"),
        ("不足50家", 50, 0, 50, "家", "不足"),
        ("不到30个", 30, 0, 30, "个", "不到"),
        ("100人以下", 100, 0, 100, "人", "以下"),
    ],
)
def test_counts_and_bounds(text, value, low, high, unit, qualifier):
    q = one(text)
    assert (q.kind, q.unit, q.qualifier) == ("count", unit, qualifier)
    assert q.value == pytest.approx(value) and (q.low, q.high) == pytest.approx((low, high))


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier"),
    [("百分之三十", 30, 30, 30, ""), ("30%", 30, 30, 30, ""), ("三成", 30, 30, 30, ""),
     ("30％", 30, 30, 30, ""), ("9.5成", 95, 95, 95, ""), ("七成六", 76, 76, 76, ""),
     ("9.9折", 99, 99, 99, ""), ("打对折", 50, 50, 50, ""), ("八折", 80, 80, 80, ""),
     ("三分之一", 100 / 3, 100 / 3, 100 / 3, ""), ("三分之二以上", 200 / 3, 200 / 3, INF, "以上"),
     ("百分之五十以上", 50, 50, INF, "以上"), ("−5%", -5, -5, -5, ""), ("不足1%", 1, 0, 1, "不足"),
     ("超过30%", 30, 30, INF, "超过"), ("约占1%", 1, 0.5, 1.5, "约"), ("3—5%", 4, 3, 5, "range")],
)
def test_percentages(text, value, low, high, qualifier):
    q = one(text)
    assert (q.kind, q.unit, q.qualifier) == ("percent", "%", qualifier)
    assert (q.value, q.low, q.high) == pytest.approx((value, low, high))


def test_a_duration_with_a_half_is_a_duration():
    q = one("7天半")
    assert (q.kind, q.value, q.unit) == ("duration", 7.5, "天")


def test_shared_measure_word_in_a_list():
    found = find_quantities("3、5、7万元")
    assert [(q.surface, q.value, q.unit) for q in found] == [
        ("3", 30_000, "元"), ("5", 50_000, "元"), ("7万元", 70_000, "元")]


def test_two_ends_with_different_units_are_two_quantities():
    assert [(q.surface, q.value, q.unit) for q in find_quantities("3个到5家")] == [
        ("3个", 3, "个"), ("5家", 5, "家")]


@pytest.mark.parametrize(
    ("text", "kind", "iso"),
    [("2014年2月", "date", "2014-02"), ("2024-04-19", "date", "2024-04-19"),
     ("2024-04-19 14:15", "time", "2024-04-19T14:15"), ("4月19日", "date", "--04-19"),
     ("二〇二四年三月", "date", "2024-03"), ("近三年", "window", "P3Y"), ("十年来", "window", "P10Y"),
     ("近两年", "window", "P2Y"), ("2019-2023年", "date", "2019/2023"), ("10:30", "time", "T10:30"),
     ("9：05", "time", "T09:05")],
)
def test_dates_and_windows_are_not_counts(text, kind, iso):
    q = one(text)
    assert (q.kind, q.window) == (kind, iso)
    assert q.qualifier == ""  # 近三年 is a window, not the qualifier 近


@pytest.mark.parametrize("text", ["这是一批项目", "进一步推动", "首批合作单位", "共绘“一张图”", "研发一线",
                                  "一成不变", "一波三折", "万万没想到", "三中全会", "两百"])
def test_words_and_bare_small_numerals_are_not_counts(text):
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
    assert place(D(6300)) == 100 and place(D(280)) == 10 and place(D("21.88")) == D("0.01")
    assert parse_number("千") == 1000 and parse_number("２１.８８") == D("21.88")


# ---- never give up on a whole text, never silently wrong

def test_two_numerals_before_cheng_that_are_not_neighbours_are_not_guessed():
    # 三四成 is 30–40 %, 八五折 85 %; 二五成 is neither: an unparsed row, not 25 % or 2.5 成
    found = find_quantities("约二五成的人")
    assert [(q.surface, q.kind) for q in found] == [("约二五成", "unparsed")]
    assert "not neighbours" in found[0].note


def test_an_unreadable_phrase_is_a_row_and_the_rest_is_read():
    found = find_quantities("共300—200家参与，另有5000多个项目。")
    assert [(q.surface, q.kind) for q in found] == [("300—200家", "unparsed"), ("5000多个", "count")]
    bad = found[0]
    assert (bad.start, bad.end, bad.value) == (1, 9, None)
    assert "runs backwards" in bad.note
    assert "note" not in bad.as_dict()  # the tables keep their ten columns


def test_a_date_that_cannot_be_read_is_a_row_too():
    found = find_quantities("三月两十二五百号，另有5000多个")
    assert [(q.surface, q.kind) for q in found] == [("三月两十二五百号", "unparsed"),
                                                    ("5000多个", "count")]


def test_strict_raises_with_the_place():
    with pytest.raises(ParseError, match="runs backwards") as err:
        find_quantities("共300—200家参与", strict=True)
    assert (err.value.start, err.value.end, err.value.surface) == (1, 9, "300—200家")


def test_a_plan_period_is_a_name_and_strict_reading_goes_on():
    found = find_quantities("“十二五”期间新增300家，十四五规划", strict=True)
    assert [(q.surface, q.kind) for q in found] == [
        ("十二五", "name"), ("300家", "count"), ("十四五", "name")]


def test_quotes_are_read_line_by_line():
    text = "开展“百家行”活动\n百家企业参与，《三百家》\n“约300家”"
    assert [q.kind for q in find_quantities(text)] == ["name", "count", "name", "name"]


# ---- property-based: for every form of the table in docs/extractor.md, render random numbers in that form
# and read them back. Each renderer draws numbers and returns the text and what it means:
# (text, kind, unit, low, high), in base units.

CN = cn2an.an2cn
DIGIT_CHARS = "零一二三四五六七八九"
ints = st.integers


def _step(n: int) -> int:
    """The place of the last non-zero digit of n (6300 → 100)."""
    return 10 ** (len(str(n)) - len(str(n).rstrip("0")))


def _exact(draw):
    n = draw(ints(1, 10**7))
    return f"{n}家", "count", "家", n, n


def _chinese(draw):
    n = draw(ints(1, 99_999_999))
    return CN(n) + "人", "count", "人", n, n


def _financial(draw):
    n = draw(ints(1, 99_999_999))
    return CN(n, "up") + "元", "count", "元", n, n


def _traditional(draw):
    n, (word, scale) = draw(ints(1, 9999)), draw(st.sampled_from([("萬", 10**4), ("億", 10**8)]))
    return CN(n, "up") + word, "count", "", n * scale, n * scale


def _magnitude(draw):
    whole, frac = draw(ints(1, 9999)), draw(ints(0, 99))
    word, scale = draw(st.sampled_from([("万", 10**4), ("亿", 10**8)]))
    n = D(f"{whole}.{frac:02d}") * scale
    return f"{whole}.{frac:02d}{word}", "count", "", n, n


def _ge_yi(draw):
    d = draw(ints(1, 9))
    return ("两" if d == 2 else DIGIT_CHARS[d]) + "个亿", "count", "", d * 10**8, d * 10**8


def _mixed(draw):
    a, b, word = draw(ints(1, 9999)), draw(ints(1, 9)), draw(st.sampled_from(["千", "百"]))
    n = a * 10**4 + b * (1000 if word == "千" else 100)
    return f"{a}万{b}{word}元", "count", "元", n, n


def _more(draw):
    n, more = draw(ints(1, 99_999)), draw(st.sampled_from(["多", "余"]))
    return f"{n}{more}家", "count", "家", n, n + _step(n)


def _more_after(draw):
    n = draw(ints(1, 9999))
    return f"{n}万多人", "count", "人", n * 10**4, (n + 1) * 10**4


def _about(draw):
    n, word = draw(ints(1, 10**6)), draw(st.sampled_from(["约", "大约", "合计约", "共约"]))
    return f"{word}{n}家", "count", "家", n - D(_step(n)) / 2, n + D(_step(n)) / 2


def _about_apart(draw):
    n = draw(ints(1, 9999))
    step = _step(n) * 10**4
    return f"约合人民币{n}万元", "count", "元", n * 10**4 - step / 2, n * 10**4 + step / 2


def _near(draw):
    n, word = draw(ints(1, 10**6)), draw(st.sampled_from(["近", "将近", "接近"]))
    return f"{word}{n}个", "count", "个", n - D(_step(n)) / 2, n


def _at_least(draw):
    n = draw(ints(1, 10**6))
    word = draw(st.sampled_from(["超过", "逾", "至少", "不少于", "大于", "不低于"]))
    return f"{word}{n}人", "count", "人", n, INF


def _and_above(draw):
    n, word = draw(ints(1, 10**6)), draw(st.sampled_from(["（含）以上", "(含)以上", "以上", "及以上"]))
    return f"{n}家{word}", "count", "家", n, INF


def _at_most(draw):
    n = draw(ints(1, 9999))
    word = draw(st.sampled_from(["不足", "不到", "最多", "不超过", "小于", "至多"]))
    return f"{word}{n}万元", "count", "元", 0, n * 10**4


def _emphasis(draw):
    n, word = draw(ints(1, 9999)), draw(st.sampled_from(["高达", "多达", "等于"]))
    return f"{word}{n}万元", "count", "元", n * 10**4, n * 10**4


def _both_units(draw):
    a, b = sorted(draw(st.lists(ints(1, 9999), min_size=2, max_size=2)))
    sep = draw(st.sampled_from(["—", "-", "--", "~", "至", "到", "～"]))
    return f"{a}万元{sep}{b}万元", "count", "元", a * 10**4, b * 10**4


def _shared(draw):
    a, b = sorted(draw(st.lists(ints(1, 9999), min_size=2, max_size=2)))
    word, scale = draw(st.sampled_from([("万", 10**4), ("亿", 10**8)]))
    show = draw(st.sampled_from([CN, str]))
    unit = draw(st.sampled_from(["元", "日元", "港元", ""]))
    return f"{show(a)}到{show(b)}{word}{unit}", "count", unit, a * scale, b * scale


def _larger_first(draw):
    b, a = draw(ints(1, 99)), draw(ints(100, 9999))
    return f"从{a}到{b}万港元", "count", "港元", a, b * 10**4


def _thousands(draw):
    a, b = sorted(draw(st.lists(ints(1, 999), min_size=2, max_size=2)))
    k = draw(st.sampled_from(["k", "K"]))
    return f"{a}~{b}{k}", "count", "", a * 1000, b * 1000


def _adjacent(draw):
    x = draw(ints(1, 8))
    word, scale = draw(st.sampled_from([("百", 100), ("千", 1000), ("万", 10**4), ("亿", 10**8),
                                        ("十万", 10**5)]))
    return f"{DIGIT_CHARS[x]}{DIGIT_CHARS[x + 1]}{word}", "count", "", x * scale, (x + 1) * scale


def _vague_digit(draw):
    word, scale = draw(st.sampled_from([("十", 10), ("百", 100), ("千", 1000), ("万", 10**4),
                                        ("十万", 10**5), ("百万", 10**6), ("十亿", 10**9)]))
    return f"{draw(st.sampled_from('几数'))}{word}", "count", "", 2 * scale, 10 * scale


def _teens(draw):
    tens = draw(ints(1, 9))
    shown = "十几" if tens == 1 else DIGIT_CHARS[tens] + "十几"
    return shown + "块", "count", "元", tens * 10 + 1, tens * 10 + 10


def _reaching(draw):
    word, scale = draw(st.sampled_from([("百", 100), ("千", 1000), ("万", 10**4), ("亿", 10**8),
                                        ("百万", 10**6)]))
    return f"上{word}", "count", "", scale, 2 * scale


def _thousands_upon(draw):
    unit = draw(st.sampled_from(["", "名", "人"]))
    return f"成千上万{unit}", "count", unit, 1000, 20_000


def _currency_before(draw):
    n, after = draw(ints(1, 10**6)), draw(st.sampled_from(["元", ""]))
    return f"人民币{n}{after}", "count", "元", n, n


def _currency_after(draw):
    n = draw(ints(1, 10**6))
    written, unit = draw(st.sampled_from([
        ("元", "元"), ("块钱", "元"), ("美元", "美元"), ("欧元", "欧元"), ("英镑", "英镑"),
        ("日元", "日元"), ("日币", "日元"), ("港元", "港元"), ("港币", "港元"), ("新台币", "新台币"),
        ("台币", "新台币"), ("韩元", "韩元"), ("泰铢", "泰铢"), ("卢布", "卢布"), ("澳元", "澳元"),
        ("加元", "加元"), ("瑞士法郎", "瑞士法郎")]))
    return f"{n}{written}", "count", unit, n, n


def _kuai_mao(draw):
    yuan, jiao = draw(ints(1, 99)), draw(ints(1, 9))
    n = yuan + D(jiao) / 10
    return f"{CN(yuan)}块{DIGIT_CHARS[jiao]}毛", "count", "元", n, n


def _yuan_jiao_fen(draw):
    yuan, jiao, fen = draw(ints(0, 9999)), draw(ints(1, 9)), draw(ints(1, 9))
    n = yuan + D(jiao) / 10 + D(fen) / 100
    return f"{yuan}元{jiao}角{fen}分", "count", "元", n, n


def _half(draw):
    n, unit = draw(ints(1, 99)), draw(st.sampled_from(["吨", "斤", "米", "公斤"]))
    return f"{CN(n)}{unit}半", "count", unit, n + D("0.5"), n + D("0.5")


def _sign(draw):
    n, sign = draw(ints(1, 10**6)), draw(st.sampled_from(["负", "-", "−"]))
    return f"增长{sign}{n}元", "count", "元", -n, -n


def _percent(draw):
    whole, frac = draw(ints(0, 999)), draw(ints(1, 9))
    n = D(f"{whole}.{frac}")
    return f"{n}%", "percent", "%", n, n


def _percent_range(draw):
    a, b = sorted(draw(st.lists(ints(0, 100), min_size=2, max_size=2)))
    sep = draw(st.sampled_from(["—", "-", "~", "至", "到"]))
    first = draw(st.sampled_from(["%", ""]))
    return f"{a}{first}{sep}{b}%", "percent", "%", a, b


def _per(word, worth):
    def render(draw):
        n = draw(ints(1, 999))
        return f"{word}{CN(n)}", "percent", "%", n * worth, n * worth
    return render


def _fraction(draw):
    den, num = draw(ints(2, 99)), draw(ints(1, 99))
    return f"{CN(den)}分之{CN(num)}", "percent", "%", 100 * D(num) / den, 100 * D(num) / den


def _cheng(draw):
    tens, tail = draw(ints(1, 9)), draw(st.sampled_from(["", "半", *DIGIT_CHARS[1:]]))
    n = tens * 10 + (0 if not tail else 5 if tail == "半" else DIGIT_CHARS.index(tail))
    return f"{DIGIT_CHARS[tens]}成{tail}", "percent", "%", n, n


def _zhe(draw):
    tens = draw(ints(2, 9))
    units = draw(ints(1, 9).filter(lambda u: u != tens + 1))  # neighbours are a range (_neighbours)
    return f"{DIGIT_CHARS[tens]}{DIGIT_CHARS[units]}折", "percent", "%", tens * 10 + units, tens * 10 + units


def _neighbours(word):
    def render(draw):
        a = draw(ints(1, 8))
        return f"{DIGIT_CHARS[a]}{DIGIT_CHARS[a + 1]}{word}", "percent", "%", a * 10, (a + 1) * 10
    return render


def _points(draw):
    whole, frac = draw(ints(0, 99)), draw(ints(1, 9))
    n = D(f"{whole}.{frac}")
    return f"{n}个百分点", "count", "百分点", n, n


def _decimal_more(draw):
    whole, tenth = draw(ints(1, 99)), draw(ints(1, 9))
    n = (whole * 10 + tenth) * 1000
    return f"{whole}.{tenth}万余人", "count", "人", n, n + 1000  # the last digit given is 0.1万


def _over_magnitude(draw):
    word = draw(st.sampled_from(["过", "逾", "超"]))
    mag, scale = draw(st.sampled_from([("百", 100), ("千", 1000), ("万", 10**4), ("亿", 10**8),
                                       ("百万", 10**6), ("千万", 10**7)]))
    return f"{word}{mag}人", "count", "人", scale, INF


def _inclusive_range(draw):
    a, b = sorted(draw(st.lists(ints(1, 999), min_size=2, max_size=2, unique=True)))
    inclusive = draw(st.sampled_from(["(含)", "（含）"]))
    return f"{a}万{inclusive}-{b}万元", "count", "元", a * 10**4, b * 10**4


def _financial_place(draw):
    a, b = sorted(draw(st.lists(ints(1, 9), min_size=2, max_size=2, unique=True)))
    word, scale = draw(st.sampled_from([("仟", 1000), ("佰", 100)]))
    return f"{DIGIT_CHARS[a]}到{DIGIT_CHARS[b]}{word}港元", "count", "港元", a * scale, b * scale


def _currency_both(draw):
    n = draw(ints(1, 10**6))
    before, unit = draw(st.sampled_from([("港币", "港元"), ("新台币", "新台币"), ("美元", "美元")]))
    return f"{before}{CN(n)}元", "count", unit, n, n


def _currency_after_yuan(draw):
    n = draw(ints(1, 9999))
    after, unit = draw(st.sampled_from([("欧元", "欧元"), ("日币", "日元"), ("美元", "美元"),
                                        ("人民币", "元")]))
    return f"{CN(n)}万元{after}", "count", unit, n * 10**4, n * 10**4


def _full_width(draw):
    whole, tenth = draw(ints(0, 999)), draw(ints(1, 9))
    wide = f"{whole}．{tenth}％".translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return wide, "percent", "%", whole + D(tenth) / 10, whole + D(tenth) / 10


def _major(word, unit):
    def render(draw):
        n = draw(ints(2, 9))
        return f"{DIGIT_CHARS[n]}{word}", "count", unit, n, n
    return render


def _liang(draw):
    word = draw(st.sampled_from(["折", "成"]))
    return f"两{word}", "percent", "%", 20, 20


def _ten_tenths(draw):
    return draw(st.just("十成")), "percent", "%", 100, 100


def _point_tenths(draw):
    a, b, word = draw(ints(1, 9)), draw(ints(1, 9)), draw(st.sampled_from(["折", "成"]))
    return f"{DIGIT_CHARS[a]}点{DIGIT_CHARS[b]}{word}", "percent", "%", a * 10 + b, a * 10 + b


def _half_price(draw):
    return draw(st.just("半折")), "percent", "%", 50, 50


def _per_decimal(draw):
    n, tenth = draw(ints(0, 99)), draw(ints(1, 9))
    return f"百分之{CN(n)}点{DIGIT_CHARS[tenth]}", "percent", "%", n + D(tenth) / 10, n + D(tenth) / 10


def _per_ring_zero(draw):
    """百分之○点八: ○ printed for 〇, in a share below one."""
    tenth = draw(ints(1, 9))
    return f"百分之○点{DIGIT_CHARS[tenth]}", "percent", "%", D(tenth) / 10, D(tenth) / 10


def _per_after_shu(draw):
    """预算数百分之二点一: 数 ends the noun before it, the share is read alone."""
    n, tenth = draw(ints(1, 99)), draw(ints(1, 9))
    shown = f"百分之{CN(n)}点{DIGIT_CHARS[tenth]}"
    return f"预算数{shown}", "percent", "%", n + D(tenth) / 10, n + D(tenth) / 10


def _cases(draw):
    n, word = draw(ints(1, 9999)), draw(st.sampled_from(["起", "宗"]))
    return f"{n}{word}", "count", word, n, n


def _nian_sa(draw):
    """廿 and 卅 for twenty and thirty: 三百廿五亿元."""
    hundreds, ones = draw(ints(0, 9)), draw(ints(1, 9))
    word, tens = draw(st.sampled_from([("廿", 20), ("卅", 30)]))
    head = f"{DIGIT_CHARS[hundreds]}百" if hundreds else ""
    n = hundreds * 100 + tens + ones
    return f"{head}{word}{DIGIT_CHARS[ones]}亿元", "count", "元", n * 10**8, n * 10**8


def _space_groups(draw):
    """2 415 300人: groups of three digits set apart by a space, as Hong Kong prints them."""
    n = draw(ints(1000, 10**9))
    return f"{n:,}".replace(",", draw(st.sampled_from([" ", "\u00a0", "\u2009"]))) + "人", "count", "人", n, n


def _grouped_after_magnitude(draw):
    """3亿4,500万元: digits grouped by commas after 亿 (or 万)."""
    yi, wan = draw(ints(1, 99)), draw(ints(1000, 9999))
    return f"{yi}亿{wan:,}万元", "count", "元", yi * 10**8 + wan * 10**4, yi * 10**8 + wan * 10**4


def _po(draw):
    """破千万, 破100万台: past a mark, open above."""
    n = draw(ints(1, 999))
    return f"破{n}万台", "count", "台", n * 10**4, INF


def _months(draw):
    n = draw(ints(1, 99))
    return f"{CN(n)}个月", "duration", "个月", n, n


def _days_after(draw):
    """连续15日, 为期3日: a number of days after a word that says so."""
    n, cue = draw(ints(1, 999)), draw(st.sampled_from(["连续", "为期", "历时", "长达", "用了"]))
    return f"{cue}{n}日", "duration", "天", n, n


def _days_before(draw):
    """20日内, 5日以内: a number of days before a word that says so."""
    n, cue = draw(ints(1, 999)), draw(st.sampled_from(["内", "以内", "之内"]))
    return f"{n}日{cue}", "duration", "天", n, n


def _about_share_away(draw):
    """约占总数的6成, 约占全国的30%: 约 a few words before the share it qualifies."""
    n, whole = draw(ints(1, 9)), draw(st.sampled_from(["总数", "全国", "全省总量"]))
    return f"约占{whole}的{n}成", "percent", "%", n * 10 - 5, n * 10 + 5


def _slash(draw):
    den = draw(ints(2, 20))
    num = draw(ints(1, den - 1).filter(lambda k: math.gcd(k, den) == 1))
    return f"{num}/{den}", "percent", "%", D(num) * 100 / den, D(num) * 100 / den


def _leading_point(draw):
    digits = draw(st.from_regex(r"[0-9]{0,2}[1-9]", fullmatch=True))
    return f".{digits}%", "percent", "%", D(f"0.{digits}"), D(f"0.{digits}")


def _anniversary(draw):
    n, show = draw(ints(1, 199)), draw(st.sampled_from([CN, str]))
    return f"{show(n)}周年", "ordinal", "周年", n, n


RENDER = {
    "645家": _exact, "两百人": _chinese, "壹万贰仟叁佰肆拾伍元": _financial, "肆佰叁拾萬": _traditional,
    "36.57亿": _magnitude, "两个亿": _ge_yi, "3万5千元": _mixed, "6300多家": _more, "10万多人": _more_after,
    "约21.88亿元": _about, "约合人民币1.5亿元": _about_apart, "近30个": _near, "至少300人": _at_least,
    "300家（含）以上": _and_above, "不超过200万元": _at_most, "高达3000万元": _emphasis,
    "1万元--5万元": _both_units, "一百二十到一百五十万元": _shared, "从8500到3万港元": _larger_first,
    "10~15k": _thousands, "三五百": _adjacent, "几十万": _vague_digit, "十几块": _teens, "上千": _reaching,
    "成千上万": _thousands_upon, "人民币100元": _currency_before, "5000日币": _currency_after,
    "十块三毛": _kuai_mao, "123元1角1分": _yuan_jiao_fen, "一吨半": _half, "负3.5亿元": _sign,
    "30%": _percent, "3%—5%": _percent_range, "百分之三十": _per("百分之", 1),
    "千分之五": _per("千分之", D("0.1")), "万分之三": _per("万分之", D("0.01")), "四分之一": _fraction,
    "三成半": _cheng, "三四成": _neighbours("成"), "八五折": _zhe, "七八折": _neighbours("折"),
    "6.1个百分点": _points, "2.3万余人": _decimal_more, "过万人": _over_magnitude,
    "1万(含)-5万元": _inclusive_range, "四到六仟港元": _financial_place, "港币两千九百六十元": _currency_both,
    "三万元欧元": _currency_after_yuan, "３．５％": _full_width, "五大": _major("大", "大"),
    "三方面": _major("方面", "方面"), "两折": _liang, "十成": _ten_tenths, "四点五折": _point_tenths,
    "半折": _half_price, "百分之三点五": _per_decimal, "千万分之五": _per("千万分之", D("0.00001")),
    "万万分之一": _per("万万分之", D("0.000001")), "1/4": _slash, ".3%": _leading_point,
    "十周年": _anniversary, "百分之○点八": _per_ring_zero, "百分之二点一": _per_after_shu, "12起": _cases,
    "三百廿五亿元": _nian_sa, "2 415 300人": _space_groups, "3亿4,500万元": _grouped_after_magnitude,
    "破千万": _po, "二十个月": _months, "15日": _days_after, "20日": _days_before,
    "约占总数的6成": _about_share_away,
}


def test_days_in_traditional_script():
    """連續15日, 15日內, 歷時20日: the words that make 日 days, in traditional script; 5日後 and
    本月5日後 (after the 5th, or after five days?) stay unparsed."""
    for text, n in (("連續15日下雨", 15), ("15日內完成", 15), ("歷時20日", 20)):
        q = one(text)
        assert (q.kind, q.value, q.unit) == ("duration", n, "天"), text
    assert one("5日後").kind == one("本月5日後").kind == "unparsed"


def test_every_form_of_the_table_has_a_renderer():
    # every form with a number; dates, times, names and what is no quantity are read back as
    # written in the table (test_every_form_of_the_readme_table)
    assert set(RENDER) == {row["example"] for row in _forms() if row["value"]}


@pytest.mark.parametrize("example", list(RENDER))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_every_form_round_trips(example, data):
    text, kind, unit, low, high = data.draw(st.composite(lambda draw: RENDER[example](draw))())
    q = one(f"据悉，{text}。")
    # the words around a phrase that tell how to read it but are not in it (增长, 连续 …, 内 …)
    surface = re.sub(r"^(?:增长|预算数|连续|为期|历时|长达|用了)|(?:以内|之内|内)$", "", text)
    assert (q.surface, q.kind, q.unit) == (surface, kind, unit)
    assert q == one(f"據悉，{text}。")  # the same reading after a traditional character
    assert q.low == pytest.approx(float(low))
    assert q.high == (INF if high == INF else pytest.approx(float(high)))
    assert q.low <= q.value <= q.high


@settings(max_examples=100, deadline=None)
@given(whole=st.integers(min_value=0, max_value=999), frac=st.integers(min_value=1, max_value=99),
       full_width=st.booleans())
def test_decimals_with_magnitude_and_full_width_digits(whole, frac, full_width):
    digits = f"{whole}.{frac:02d}"
    shown = digits.translate(str.maketrans("0123456789.", "０１２３４５６７８９．")) if full_width else digits
    q = one(f"约{shown}亿元")
    assert q.value == int(D(digits) * 10**8)
    assert q.low < q.value < q.high and q.high - q.low == 10**6  # 0.01亿
    assert q.unit == "元"


PIECES = st.sampled_from([
    *"3三十百千万亿两几数上多余来半个家元块毛角分之成折到至—-~%约近负第“”\n，年月日k.50",
    "超过", "不足", "以上", "以下", "人民币", "从", "2024", "萬", "壹", "（含）",
    # traditional and full-width forms, and the forms of issue 22
    *"億餘個點兩約過仟３．％/时大周代", "年代", "周年", "方面", "港币", "欧元", "13812345678", "010-",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_any_text_gives_rows_that_hold_their_bounds(text):
    for q in find_quantities(text):
        assert text[q.start:q.end] == q.surface
        if q.kind == "unparsed":
            assert q.note and q.value is None
        elif q.value is not None:
            assert q.low <= q.value <= q.high


PLAIN_PIECES = st.sampled_from([
    *"0123456789家项元人个年月日分之成折角毛半多余万亿千百kKw%.,，、—-~到至以上下左右及（）(含)“”",
    *"《》第约近超过不足\n 五吨:：/时点号大世",
    "2024", "1999", "12", "3.5", "20.2", "平方米", "人次", "块钱", "个百分点", "人民币", "％", "个亿",
    "万%", "亿元", "5万", "签约", "拉近", "大约", "不少于", "不超过", "至少", "最多", "超过", "以下",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(PLAIN_PIECES, max_size=25).map("".join))
def test_the_plain_branch_reads_as_the_general_one(text):
    from jjj import quantities

    quantities._CACHE.clear()
    fast = find_quantities(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quantities, "PATTERN", quantities.GENERAL_PATTERN)
        quantities._CACHE.clear()
        general = find_quantities(text)
    quantities._CACHE.clear()
    assert fast == general


def test_the_manuals_table_is_the_forms_table():
    section = (Path(__file__).parent.parent / "docs" / "extractor.md").read_text(encoding="utf-8")
    lines = [line for line in section.splitlines() if line.startswith("| ")][1:]  # no header
    shown = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]

    def number(cell):
        return "" if not cell else "inf" if cell == "+∞" else float(cell.replace(" ", ""))

    expected = []
    for row in _forms():
        context = row["text"] or row["example"]
        expected.append([row["form"], context, context.replace(row["example"], row["traditional"]),
                         row["kind"] or "no row", *(number(row[k]) if row[k] != "inf" else "inf"
                                                    for k in ("value", "low", "high")),
                         row["unit"], row["qualifier"], row["window"]])
    assert [[*r[:4], *(number(c) for c in r[4:7]), *r[7:]] for r in shown] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("增长2.1亿元至18.6亿元", [("2.1亿元", 210_000_000, "元"), ("18.6亿元", 1_860_000_000, "元")]),
    ("增長了2.1億元至18.6億元", [("2.1億元", 210_000_000, "元"), ("18.6億元", 1_860_000_000, "元")]),
    ("同比增3万人到12万人", [("3万人", 30_000, "人"), ("12万人", 120_000, "人")]),
    ("上升0.2个百分点至4.1%", [("0.2个百分点", 0.2, "百分点"), ("4.1%", 4.1, "%")]),
    ("上升0.2個百分點至4.1%", [("0.2個百分點", 0.2, "百分点"), ("4.1%", 4.1, "%")]),
])
def test_a_change_then_a_new_level_is_two_quantities(text, expected):
    """After a verb of change, A至B is the change and the level, not the range [A, B]."""
    found = find_quantities(text)
    assert [(q.surface, q.value, q.unit) for q in found] == expected
    assert all(q.qualifier == "" and q.low == q.high for q in found)


@pytest.mark.parametrize(("text", "surface", "low", "high"), [
    ("增长3至5个百分点", "3至5个百分点", 3, 5),  # A shares B's unit: a range of the change
    ("共有100至200人", "100至200人", 100, 200),  # no verb of change: a range
])
def test_a_range_stays_a_range_without_a_change_and_a_level(text, surface, low, high):
    (q,) = find_quantities(text)
    assert (q.surface, q.low, q.high, q.qualifier) == (surface, low, high, "range")


def test_a_falling_share_written_as_a_range_is_unparsed_not_guessed():
    (q,) = find_quantities("降低5%至3%")
    assert q.kind == "unparsed" and q.value is None


def test_a_lists_labels_are_no_quantities_but_a_list_of_numbers_is():
    text = "工作分三项：\n1. 扶贫，落地项目5000多个；\n（2）科技，项目600多个；\n3、服务。\n有3、5、7家参与。"
    assert [q.surface for q in find_quantities(text)] == ["三项", "5000多个", "600多个", "3", "5", "7家"]
    assert [q.unit for q in find_quantities(text)][-3:] == ["家", "家", "家"]


def test_the_part_of_the_day_sets_the_hour_not_the_phrase():
    found = find_quantities("下午3点开会，上午3点出发，晚上8点半结束")
    assert [(q.surface, q.window) for q in found] == [("3点", "T15"), ("3点", "T03"), ("8点半", "T20:30")]


@pytest.mark.parametrize(("text", "expected"), [
    ("百分之十二、三十四点五及六点七", [("百分之十二", 12), ("三十四点五", 34.5), ("六点七", 6.7)]),
    ("百分之十二、三十四點五及六點七", [("百分之十二", 12), ("三十四點五", 34.5), ("六點七", 6.7)]),
    ("分别占百分之十二和十五", [("百分之十二", 12), ("十五", 15)]),
    ("百分之五十五、百分之三十", [("百分之五十五", 55), ("百分之三十", 30)]),  # each its own 百分之
])
def test_shares_listed_after_one_baifenzhi_are_each_a_share(text, expected):
    found = find_quantities(text)
    assert [(q.surface, q.value) for q in found] == expected
    assert all(q.kind == "percent" and q.unit == "%" and text[q.start:q.end] == q.surface for q in found)


def test_a_list_after_baifenzhi_stops_at_what_is_counted():
    assert [(q.surface, q.kind) for q in find_quantities("百分之十二和三个月")] == [
        ("百分之十二", "percent"), ("三个月", "duration")]
