"""Each sentence written once: the catalog covers every message, and translation keeps structure."""

import re
import string

import nbformat
import pytest

from jjj import config, i18n


def test_the_catalog_translates_every_message_and_nothing_else():
    missing, unused = i18n.check("en")
    assert not missing, f"untranslated (run `make catalog` and translate): {missing[:5]}"
    assert not unused, f"translations no source uses (run `make catalog`): {unused[:5]}"


def test_translations_are_valid_format_strings():
    for msgid, msgstr in i18n.catalog("en").items():
        fields = {f for _, f, _, _ in string.Formatter().parse(msgstr) if f}
        assert all(re.fullmatch(r"\w+", f) for f in fields), (msgid, fields)


def test_a_markdown_cell_is_translated_block_by_block(monkeypatch):
    monkeypatch.setattr(i18n, "catalog", lambda lang: {
        "报道的数字": "The figures", "第一句，\n接着写。": "never used",
        "第一句， 接着写。": "One sentence, wrapped.", "一项": "an item", "| 甲 | 乙 |": "| a | b |"})
    source = ("## 报道的数字\n\n第一句，\n接着写。\n\n- 一项\n\n| 甲 | 乙 |\n|---|---|\n\n```\n代码\n```"
              "\n\n`figures.csv`")
    assert i18n.translate_markdown(source, "en") == (
        "## The figures\n\nOne sentence, wrapped.\n\n- an item\n\n| a | b |\n|---|---|\n\n```\n代码\n```"
        "\n\n`figures.csv`")  # a block without words is no message: kept as it is
    assert i18n.translate_markdown(source, "zh") == source


def test_a_missing_translation_is_an_error_not_chinese_text():
    with pytest.raises(i18n.MissingTranslation, match=r"no en translation .* for '从未写过的句子'"):
        i18n.gettext("从未写过的句子", "en")
    assert i18n.t("每年{n}个", n=3) == "每年3个"  # the Chinese edition is the source


def test_notebooks_hold_no_english_sentence_and_no_language_pairs():
    """The committed notebooks are the Chinese edition: prose in Chinese, no zh=/en= pairs."""
    for path in sorted(config.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                assert not re.search(r"\b(zh|en)=|text\.pick\(", cell.source), f"{path.name} cell {i}"
                continue
            for _, _, _, block in i18n.blocks(cell.source):
                prose = re.sub(r"`[^`]*`|\*[A-Za-z]\*|https?://\S+|\w+_\w+", "", block)
                words = re.findall(r"[A-Za-z]{3,}", prose)
                assert len(words) <= 2, f"{path.name} cell {i}: English prose {block[:60]!r}"
