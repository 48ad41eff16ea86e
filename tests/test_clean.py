"""The cleaning step: coverage both ways, reconciliation, bad input, nothing typed by hand."""

import pandas as pd
import pytest

from jjj import clean, config, data
from jjj.extract import extract
from jjj.extract import main as extract_main
from jjj.io import InputError


def run_on(tmp_path, text=None, raw_bytes=None, codebook=None):
    raw = tmp_path / "article.txt"
    if raw_bytes is not None:
        raw.write_bytes(raw_bytes)
    elif text is not None:
        raw.write_text(text, encoding="utf-8")
    book = tmp_path / "codebook.csv"
    book.write_text(codebook if codebook is not None else config.CODEBOOK.read_text("utf-8"),
                    encoding="utf-8")
    return clean.run(raw, book)


@pytest.fixture
def tables(out_dir, tmp_path, article_text):
    return run_on(tmp_path, article_text)


def test_every_figure_of_the_article(tables, out_dir):
    figures = tables["figures"].set_index("id")
    assert len(figures) == 21
    assert set(clean.AREAS) <= set(figures["area"])
    f = figures.loc["poverty_beneficiaries"]
    assert (f["value"], f["low"], f["high"], f["unit"]) == (2.8e6, 2.8e6, 2.9e6, "人次")
    assert figures.loc["cooperation_strategy_date", "date"] == "2014-02"
    assert figures.loc["overview_conference_date", "date"] == "2024-04-19"
    assert figures.loc["technology_foundations", "window_start"] == "2021-04-19"
    # the two 1000多家 are different figures, the 144家 stated twice is one
    assert figures.loc[["technology_orgs", "services_foundations"], "surface"].tolist() == [
        "1000多家", "1000多家"]
    assert figures.loc["overview_plan_orgs", "statements"] == 2
    written = pd.read_csv(config.output_path(config.FIGURES_CSV))
    assert written["id"].tolist() == tables["figures"]["id"].tolist()


def test_a_percentage_is_a_figure_too(tmp_path, out_dir, article_text):
    """A share the article states (约65%) is a figure like a count: its bounds by the
    convention, unit %, what it measures a share."""
    last = next(line for line in article_text.splitlines() if "共画协同发展“同心圆”" in line)
    text = article_text.replace(last, last + "其中约65%的基金会在河北开展项目。", 1)
    book = config.CODEBOOK.read_text("utf-8") + (
        "services_hebei_share,figure,services,body,percent,,其中,的基金会在河北,hebei_share,foundations,"
        "foundations active in Hebei,foundations,近三年,share,recent,在河北开展项目的基金会占比,"
        "Share of foundations active in Hebei,,\n")
    f = run_on(tmp_path, text, codebook=book)["figures"].set_index("id").loc["services_hebei_share"]
    assert (f["kind"], f["value"], f["low"], f["high"], f["unit"]) == ("percent", 65, 64.5, 65.5, "%")
    assert (f["measure"], f["window_start"]) == ("share", "2021-04-19")
    with pytest.raises(InputError, match="percentages, and only percentages, have measure share"):
        run_on(tmp_path, text, codebook=book.replace(",share,recent,", ",stock,recent,"))


def test_offsets_point_at_the_phrase(tables, article_text):
    for _, f in tables["figures"].iterrows():
        assert article_text[f["start"]:f["end"]] == f["surface"]


def test_committed_dataset_matches_the_raw_article(tmp_path, out_dir, article_text):
    # figures.csv as committed holds the resolved reading with the article's own beside it
    # (stated_*): that reading is what the cleaning alone makes of the raw text
    from jjj import data

    fresh = data.figures(run_on(tmp_path, article_text)["written"][0], reading="article")
    committed = data.figures(config.FIGURES_CSV, reading="article")
    assert list(committed.columns) == list(fresh.columns)
    assert committed.to_csv() == fresh.to_csv()


def test_a_changed_number_flows_through(tmp_path, out_dir, article_text):
    changed = article_text.replace("6300多家", "7200余家")
    f = run_on(tmp_path, changed)["figures"].set_index("id").loc["poverty_orgs"]
    assert (f["value"], f["low"], f["high"], f["qualifier"]) == (7200, 7200, 7300, "余")


def test_a_changed_number_flows_to_the_derived_metrics(tmp_path, out_dir, article_text):
    from jjj import data, metrics

    run_on(tmp_path, article_text.replace("6300多家", "7200余家").replace("约21.88亿元", "约30亿元"))
    fig = data.figures(config.output_path(config.FIGURES_CSV), reading="article")
    m = metrics.derive(fig).set_index("id")
    assert m.loc["poverty_projects_per_org", "value"] == pytest.approx(5000 / 7200)
    assert m.loc["poverty_projects_per_org", "high"] == pytest.approx(6000 / 7200)
    # 约30亿: the last non-zero digit is the tens of 亿, so ± 5亿
    assert m.loc["poverty_funds_per_project", "low"] == pytest.approx(25e8 / 6000)


def test_a_new_number_without_codebook_row_stops_with_the_sentence(tmp_path, out_dir, article_text):
    changed = article_text.replace("登记注册各类社会组织645家。", "登记注册各类社会组织645家,新增32个项目。")
    with pytest.raises(InputError, match=r"article.txt:\d+:\d+: '32个'.*«.*新增32个项目") as err:
        run_on(tmp_path, changed)
    assert "codebook" in str(err.value)
    assert not out_dir.exists()


def test_a_codebook_row_whose_phrase_has_gone_stops(tmp_path, out_dir, article_text):
    changed = article_text.replace("15家社会组织成为", "15家单位成为")
    with pytest.raises(InputError, match=r"industry_partners.*matches nothing|15家.*no row"):
        run_on(tmp_path, changed)
    assert not out_dir.exists()


def test_two_statements_that_disagree_stop(tmp_path, out_dir, article_text):
    first = article_text.index("144家")
    changed = article_text[:first] + "145家" + article_text[first + 4:]
    with pytest.raises(InputError, match=r"overview_plan_orgs.*stated twice.*'145家'.*'144家'"):
        run_on(tmp_path, changed)
    assert not out_dir.exists()


def test_a_phrase_that_no_longer_parses_stops(tmp_path, out_dir, article_text):
    changed = article_text.replace("100—200", "x").replace("6300多家", "300—200家")
    with pytest.raises(InputError, match=r"article.txt.*runs backwards"):
        run_on(tmp_path, changed)
    assert not out_dir.exists()


@pytest.mark.parametrize(
    ("raw", "message"),
    [(None, "file not found"), (b"", "file is empty"), ("社会组织6300多家".encode("gbk"), "not UTF-8")],
)
def test_bad_files_name_the_file_and_write_nothing(tmp_path, out_dir, raw, message):
    path = tmp_path / "article.txt"
    with pytest.raises(InputError, match=message) as err:
        run_on(tmp_path, raw_bytes=raw) if raw is not None else clean.run(path, config.CODEBOOK)
    assert str(path) in str(err.value)
    assert not out_dir.exists()


def test_codebook_errors_name_the_row(tmp_path, out_dir, article_text):
    book = config.CODEBOOK.read_text("utf-8").replace("poverty_orgs,figure,poverty",
                                                       "poverty_orgs,figure,povrty")
    with pytest.raises(InputError, match=r"codebook.csv: row \d+ \(poverty_orgs\): unknown area"):
        run_on(tmp_path, article_text, codebook=book)


def test_extract_works_on_any_text_without_codebook(tmp_path, capsys):
    path = tmp_path / "next.txt"
    path.write_text("今年以来，约1.5万人次参与，超过300家企业和十几个协会。", encoding="utf-8")
    table = extract(path)
    assert table["surface"].tolist() == ["约1.5万人次", "超过300家", "十几个"]
    assert extract_main([str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "surface,kind,value,low,high,unit,qualifier,window,start,end"
    assert "约1.5万人次,count,15000,14500,15500,人次,约,,5,12" in out


def test_extract_cli_reports_bad_input(tmp_path, capsys):
    path = tmp_path / "gbk.txt"
    path.write_bytes("社会组织".encode("gbk"))
    assert extract_main([str(path)]) == 2
    assert str(path) in capsys.readouterr().err


def _codebook_with(fid, column, value):
    book = clean.load_codebook()
    book.loc[book["id"] == fid, column] = value
    return book.to_csv(index=False, lineterminator="\n")


@pytest.mark.parametrize(("column", "value", "message"), [
    ("measure", "stocks", "measure must be one of"),
    ("span", "fortnight", "span 'fortnight' is not a row of"),
    ("org_kind", "ngos", r"row \d+ \(xiongan_orgs\): org_kind 'ngos' is not in the article's vocabulary"),
])
def test_codebook_measure_and_span_are_checked(tmp_path, out_dir, article_text, column, value,
                                               message):
    book = _codebook_with("xiongan_orgs", column, value)
    with pytest.raises(InputError, match=message):
        run_on(tmp_path, article_text, codebook=book)
    assert not (config.output_path(config.FIGURES_CSV)).exists()


def test_window_registry_rejects_reversed_years(tmp_path):
    path = tmp_path / "windows.csv"
    path.write_text("span,basis,years_low,years_high,reason_zh,reason_en\n"
                    "poverty_campaign,derived,10,3,理由,reason\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"windows.csv: row 2 \(poverty_campaign\): need 0 < "):
        data.windows(path)


def test_each_figure_says_what_it_measures(tables):
    figures = tables["figures"].set_index("id")
    assert figures.loc["poverty_projects", "measure"] == "flow"
    assert figures.loc["poverty_projects", "window_basis"] == "derived"
    assert (figures.loc["poverty_projects", "years_low"], figures.loc["poverty_projects", "years_high"]) \
        == (3, 10)
    assert figures.loc["industry_dealers", "window_basis"] == "unknown"
    assert pd.isna(figures.loc["industry_dealers", "years_low"])
    assert figures.loc["norms_shared_standards", "measure"] == "context"
    assert (figures["measure"] != "context").sum() == 20  # the article's own figures


# ------------------------------------------------------------------ the page settings (data/page.toml)

OTHER_PAGE = """dateline = '(?P<date>[0-9]{4}/[0-9]{2}/[0-9]{2})\\s+(?P<time>[0-9]{2}:[0-9]{2})'
heading = '^[一二三四五六七八九十]+、(?P<name>[^：]+)'
byline = '(責任編輯|記者)：'
related = '延伸閱讀'
footer = '網友留言'
related_item = '\\s*(?P<outlet>.+?)\\s+(?P<date>[0-9]{4}/[0-9]{2}/[0-9]{2})\\s*'
"""
OTHER_TEXT = ("社福團體十年回顧\n某某日報 2024/05/02 09:30\n一、扶貧：三年兩百個項目。\n"
              "責任編輯：王某\n延伸閱讀\n另一篇報道\n某某日報 2024/04/30\n網友留言\n")


def test_another_page_is_read_through_its_own_settings(tmp_path):
    """Nothing of the seed's page is in the code: a page with another dateline, headings and
    section words is read through its own data/page.toml."""
    (tmp_path / "page.toml").write_text(OTHER_PAGE, encoding="utf-8")
    (tmp_path / "article.txt").write_text(OTHER_TEXT, encoding="utf-8")
    article = clean.load_article(tmp_path / "article.txt", tmp_path / "page.toml")
    sections = clean.split_article(article).drop_duplicates("paragraph")["section"].tolist()
    assert sections == ["header", "header", "body", "byline", "related", "related", "related", "footer"]
    assert clean.published(article) == pd.Timestamp("2024-05-02 09:30")
    assert clean.headline(article)["outlet"] == "某某日報"
    assert article.page.heading.search("一、扶貧：三年兩百個項目。").group("name") == "扶貧"


@pytest.mark.parametrize(("change", "says"), [
    (("footer = '網友留言'\n", ""), r"missing keys \['footer'\]"),
    (("footer = '網友留言'", "footer = '網友(留言'"), "footer is not a regular expression"),
    (("(?P<outlet>.+?)", "(.+?)"), r"related_item needs the groups \['outlet'\]"),
    (("footer = '網友留言'", "footer = '網友留言"), "page.toml: "),
])
def test_a_faulty_page_setting_names_the_file_and_the_key(tmp_path, change, says):
    (tmp_path / "page.toml").write_text(OTHER_PAGE.replace(*change), encoding="utf-8")
    with pytest.raises(InputError, match=says):
        clean.load_page(tmp_path / "page.toml")


def test_a_page_without_a_dateline_is_dated_by_its_source_md(tmp_path):
    """A mirror of a report often prints no dateline: with dateline = '' the body starts after
    the title and SOURCE.md's published dates it (and says so when it cannot)."""
    (tmp_path / "page.toml").write_text(OTHER_PAGE.replace(
        OTHER_PAGE.splitlines()[0], "dateline = ''"), encoding="utf-8")
    (tmp_path / "article.txt").write_text("京津冀社會組織助力脫貧攻堅\n截至8月18日,參與項目403個。\n",
                                         encoding="utf-8")
    article = clean.load_article(tmp_path / "article.txt", tmp_path / "page.toml")
    assert clean.split_article(article)["section"].tolist() == ["header", "body"]
    with pytest.raises(InputError, match=r"SOURCE\.md: not found: a page with no dateline"):
        clean.published(article)
    (tmp_path / "SOURCE.md").write_text("| field | value |\n|---|---|\n| outlet | 某報 |\n"
                                        "| published | 2018-08-23 (as the address says) |\n",
                                        encoding="utf-8")
    assert clean.published(article) == pd.Timestamp("2018-08-23")
    assert clean.headline(article) == {"title": "京津冀社會組織助力脫貧攻堅", "outlet": "某報",
                                       "published": "2018-08-23"}
