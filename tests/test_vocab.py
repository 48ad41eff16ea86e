"""One vocabulary table (jjj.vocab): the engine's codes and the article's, each with both labels
and, where charts draw it, a colour; a fault names the file and the row."""

import pytest

from jjj import config, vocab
from jjj.io import InputError


def _article(tmp_path, extra: str):
    path = tmp_path / "vocabulary.csv"
    path.write_text(config.VOCABULARY.read_text("utf-8") + extra, encoding="utf-8")
    return path


def test_a_code_has_its_words_in_each_edition_and_its_colour():
    assert vocab.label("org_kind", "foundations", "zh") == "基金会"
    assert vocab.label("org_kind", "foundations", "en") == "foundations"
    assert vocab.label("qualifier", "", "zh") == "确数"  # an empty code is a code
    assert vocab.color("qualifier", "多").startswith("#")
    assert list(vocab.colors("qualifier")) == ["多", "余", "约", "近"]
    with pytest.raises(KeyError, match="'ngos' is not in the vocabulary of 'org_kind'"):
        vocab.label("org_kind", "ngos")
    with pytest.raises(KeyError, match="no vocabulary for the column 'sector'"):
        vocab.codes("sector")


def test_the_engine_holds_no_code_of_the_article():
    table = vocab.table()
    columns = table.index.get_level_values("column")
    engine, article = (set(columns[table["file"] == str(f)]) for f in (vocab.ENGINE, config.VOCABULARY))
    assert engine.isdisjoint(article) and "org_kind" in article and "verdict" in engine


@pytest.mark.parametrize(("extra", "says"), [
    ("org_kind,ngos,社会服务机构,,\n", r"line \d+ \(org_kind .ngos.\): label_zh and label_en are both"),
    ("org_kind,ngos,社会服务机构,NGOs,blue\n", r"line \d+ \(org_kind 'ngos'\): color 'blue' is not #rrggbb"),
    ("Org Kind,ngos,社会服务机构,NGOs,\n", r"line \d+ \(Org Kind 'ngos'\): a column name is lowercase"),
])
def test_a_faulty_row_is_refused_with_its_line(tmp_path, extra, says):
    with pytest.raises(InputError, match=r"vocabulary\.csv, " + says):
        vocab.table(_article(tmp_path, extra))


def test_a_code_defined_twice_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"defined twice: \[\('org_kind', 'foundations'\)\]"):
        vocab.table(_article(tmp_path, "org_kind,foundations,基金会,foundations,#009e73\n"))
    with pytest.raises(InputError, match=r"defined twice: \[\('verdict', 'confirmed'\)\]"):
        vocab.table(_article(tmp_path, "verdict,confirmed,证实,confirmed,\n"))


def test_every_qualifier_the_extractor_reports_has_words():
    """A figure's qualifier is shown in words in every table: each one the extractor can report
    (多, 余, 约, 近, 逾, 不足 …) is a row of the engine's vocabulary."""
    from jjj.quantities import QUALIFIER_WORDS

    reported = {shown for shown, _ in QUALIFIER_WORDS.values()} | {"多", "余", "range", "vague", ""}
    missing = sorted(reported - set(vocab.codes("qualifier")))
    assert not missing, f"qualifiers without words in src/jjj/vocabulary.csv: {missing}"
