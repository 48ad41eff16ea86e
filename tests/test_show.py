"""Tables and sentences for readers (jjj.show): the number rule, the phone cards, the answer that
opens each area's page."""

import re

import pandas as pd
import pytest

from jjj import config, data, show, text


def test_a_quotient_shows_four_digits_and_a_bound_or_count_shows_whole(monkeypatch):
    monkeypatch.setenv("JJJ_LANG", "zh")
    assert show._cell(100 / 3) == "33.33"  # as computed
    assert show._cell(33.3333) == "33.33"  # as stored in derived.csv (six digits)
    assert show._cell(781.429) == "781.4"
    assert show._cell(2187500000.0) == "21.875亿"  # the lower bound of 约21.88亿, not 21.88亿
    assert show._cell(5367.0) == "5,367"
    assert show._cell(float("nan")) == "–" and show._cell(None) == "–"
    assert show._cell(True) == "是"


def test_on_a_phone_each_cell_is_a_label_and_one_value():
    html = show.Table(pd.DataFrame({"a": ["x", show.Link("y", "https://example.org")],
                                    "b": [1.5, float("nan")]}))._repr_html_()
    cells = re.findall(r"<td([^>]*)>(.*?)</td>", html)
    assert len(cells) == 4
    for attrs, inner in cells:
        assert re.fullmatch(r' data-label="([ab])"', attrs)
        # the label is text in the page (not CSS-generated content), then one span of value
        label = re.escape(show.LABEL.format(attrs[-2]))
        assert re.fullmatch(label + r"<span>[^<]*(<a [^>]+>[^<]*</a>)?[^<]*</span>", inner), inner


def test_a_date_in_a_cell_is_never_broken_at_its_hyphens():
    html = show.Table(pd.DataFrame({"period": ["2017-12 to 2020-10-28"]}))._repr_html_()
    assert ('<span class="jjj-nowrap">2017-12</span> to <span class="jjj-nowrap">2020-10-28</span>'
            in html)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("area", config.AREAS)
def test_each_area_opens_with_its_key_figure_range_window_and_verdict(area, lang, monkeypatch):
    monkeypatch.setenv("JJJ_LANG", lang)
    shown = []
    monkeypatch.setattr(show, "display", lambda md: shown.append(md.data))
    show.answer(area)
    (sentence,) = shown
    row = data.areas().loc[area]
    f = data.figures().loc[row["headline_figure"]]
    assert f["surface"] in sentence and show.verdict_words(f) in sentence
    if f["low"] != f["high"]:
        assert text.interval(f["low"], f["high"]) in sentence
    if isinstance(row["headline_metric"], str):
        m = data.derived().loc[f"{area}_{row['headline_metric']}"]
        assert m["label_zh" if lang == "zh" else "label_en"] in sentence
    assert not re.search(r"\bnan\b|\{|\}", sentence, re.I), sentence


def test_long_evidence_folds_under_a_line_that_says_what_and_how_many(monkeypatch):
    monkeypatch.setenv("JJJ_LANG", "en")
    folded = show.table(pd.DataFrame({"surface": ["6300多家", "5000多个", "约21.88亿元"]})).folded("Sources")
    assert folded.summary == "Sources (3 rows, click to unfold)"
    html = folded._repr_html_()
    assert html.startswith('<details class="jjj-evidence"><summary>'
                           'Sources (3 rows, click to unfold)</summary>')
    assert html.count("<tr>") == 4 and html.endswith("</details>")
    assert repr(folded).splitlines()[0] == folded.summary and "5000多个" in repr(folded)


def test_a_charts_numbers_are_a_range_a_row_by_the_precision_rule(monkeypatch):
    monkeypatch.setenv("JJJ_LANG", "zh")
    chart = pd.DataFrame({"label": ["每项目资金", "上限而已", "所写确数"],
                          "value": [43.75, float("nan"), 15.0], "low": [40.1234, 0.0, 15.0],
                          "high": [47.5678, 62.34, 15.0], "digits": [2, 2, float("nan")],
                          "unit": ["万元", "%", "家"]}, index=["a", "b", "c"])
    cells = show.chart_numbers(chart).cells()
    assert list(cells.columns) == ["名称", "区间", "单位"]
    # two significant digits for the derived rows; an upper bound alone rounds up; an exact count
    assert list(cells["区间"]) == ["40–48", "至多 63", "15"]
    assert list(cells["名称"]) == list(chart["label"]) and list(cells["单位"]) == list(chart["unit"])
    # no low and high: the value itself, and the columns asked for
    steps = show.chart_numbers(pd.DataFrame({"label": ["意向", "签约"], "value": [184, 9]})).cells()
    assert steps.to_dict("list") == {"名称": ["意向", "签约"], "数值": ["184", "9"]}
    picked = show.chart_numbers(chart, ["label", "range"]).cells()
    assert list(picked.columns) == ["名称", "区间"]


def test_a_window_as_the_codebook_writes_it_is_put_in_words_once(monkeypatch):
    monkeypatch.setenv("JJJ_LANG", "en")
    raw = pd.DataFrame({"window": ["十年来", "近三年", "2024年", "2017-12至2020-10-28", ""]})
    words = show.table(raw).frame.iloc[:, 0].tolist()
    assert not any(re.search(r"[\u4e00-\u9fff]", w) for w in words), words
    assert words[-1] == ""  # no window: shown as a dash, not as "not given"
    assert show.table(pd.DataFrame({"window": words})).frame.iloc[:, 0].tolist() == words  # in words already
    monkeypatch.setenv("JJJ_LANG", "zh")
    assert show.table(raw).frame.iloc[:, 0].tolist() == raw["window"].tolist()  # Chinese as written


@pytest.mark.parametrize(("code", "zh", "en"), [
    ("p3", "正文第3段", "paragraph 3"), ("p1s2", "正文第1段第2句", "paragraph 1, sentence 2"),
    ("s5", "全文第5句", "sentence 5"), ("t1r4", "表1第4行", "table 1, row 4"),
])
def test_a_locator_is_said_in_words_in_both_editions(code, zh, en):
    assert (show.locator_words(code, "zh"), show.locator_words(code, "en")) == (zh, en)
    with pytest.raises(ValueError, match="not a locator"):
        show.locator_words("第3段", "zh")
