"""Each sentence is written once, in Chinese, and translated in a gettext catalog.

The notebooks are written in Chinese, the article's language. The English edition comes from two
gettext catalogs (edited by a translator, never code): the engine's, ``src/jjj/locales/en/
LC_MESSAGES/jjj.po``, for the messages of ``src/jjj``, and each article's,
``locales/<slug>/en/LC_MESSAGES/jjj.po``, for those of its notebooks and ``article.py``. The
article's translation of a message wins over the engine's.

- **markdown cells**: every block (heading, paragraph, list item, table row) is one message;
  ``translate_notebook`` replaces each block by its translation before the English edition is
  executed and rendered;
- **strings in code**: ``t("…{x}…", x=…)`` and ``text.say("…", …)`` look their message up at run
  time, so chart titles, findings and table headers follow the edition.

``extract_notebook`` is a Babel extractor for both (``babel.cfg``); ``make catalog`` runs
``pybabel extract`` and ``update``, and a test fails when a message has no translation. A missing
translation in the English edition is an error, never a silent Chinese sentence.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from pathlib import Path

from jjj import config

DOMAIN = "jjj"
KEYWORDS = {"t": None, "say": None, "N_": None, "both": None}  # t("msg", **values); say(…);
# N_("msg") marks a message that is translated later (a dict of labels)


def catalog_path(lang: str, article: str | None = None) -> Path:
    """The article's catalog (default: the chosen article's); ``article=""``: the engine's."""
    base = (config.ENGINE_LOCALES if article == "" else
            config.article_paths(article)["LOCALES"] if article else config.LOCALES)
    return base / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def read_catalog(path: Path) -> dict[str, str]:
    """msgid → msgstr of a .po file (translated, non-fuzzy messages only); empty when there is
    none. The site's front page reads its own catalog through here too."""
    from babel.messages.pofile import read_po

    if not path.exists():
        return {}
    with path.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


def catalog(lang: str) -> dict[str, str]:
    """msgid → msgstr of a language: the engine's catalog, then the chosen article's."""
    return read_catalog(catalog_path(lang, "")) | read_catalog(catalog_path(lang))


class MissingTranslation(KeyError):
    pass


def gettext(message: str, lang: str | None = None) -> str:
    """A message in the edition's language (``JJJ_LANG``); Chinese is the source."""
    lang = lang or config.lang()
    if lang == "zh":
        return message
    try:
        return catalog(lang)[message]
    except KeyError:
        raise MissingTranslation(
            f"no {lang} translation in {catalog_path(lang)} (or the engine's) for {message!r}: "
            "run `make catalog` and translate it") from None


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it yet (labels in a dict)."""
    return message


def t(message: str, **values) -> str:
    """Translate, then fill the named placeholders: ``t("每个项目{x}元", x=…)``."""
    return gettext(message).format(**values) if values else gettext(message)


# ------------------------------------------------------------------ markdown blocks

BLOCK = re.compile(r"^(?P<lead>\s*(?:#{1,6}\s+|[-*]\s+|\d+\.\s+|>\s*)?)(?P<body>.*?)\s*$")


def blocks(markdown: str) -> Iterator[tuple[int, int, str, str]]:
    """The translatable blocks of a markdown cell: (first line, line after it, lead, text).

    A heading, a list item or a table row is one line; a paragraph runs to the next blank line,
    heading, list item, table or fence. The lead (``## ``, ``- ``, ``1. ``) is kept out of the
    message. A table's separator row and a fenced code block are not translated.
    """
    lines = markdown.split("\n")
    para: list[str] = []
    start = 0
    fence = False

    def flush(end: int):
        if para:
            yield start, end, "", " ".join(s.strip() for s in para)
            para.clear()

    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("```"):
            yield from flush(i)
            fence = not fence
            continue
        if fence:
            continue
        if not stripped:
            yield from flush(i)
            continue
        m = BLOCK.match(line)
        if m["lead"].strip() or stripped.startswith("|"):
            yield from flush(i)
            if stripped.startswith("|") and set(stripped) <= set("|-: "):
                continue  # the separator row of a table
            yield i, i + 1, m["lead"], m["body"]
            continue
        if not para:
            start = i
        para.append(line)
    yield from flush(len(lines))


def translate_markdown(markdown: str, lang: str) -> str:
    """A markdown cell with each block replaced by its translation (structure kept). A block
    with no words (a code name, a number) is not a message and stays as it is."""
    if lang == "zh":
        return markdown
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    for start, end, lead, text in blocks(markdown):
        out += lines[i:start]
        if not _translatable(text):
            out += lines[start:end]
        elif lead:
            indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
            out.append(f"{indent}{lead.lstrip()}{gettext(text, lang)}")
        else:
            out.append(gettext(text, lang))
        i = end
    return "\n".join(out + lines[i:])


def translate_notebook(nb, lang: str):
    """The notebook with every markdown cell translated (code cells translate at run time)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = translate_markdown(cell.source, lang)
    return nb


# ------------------------------------------------------------------ Babel extractor

def extract_notebook(fileobj, keywords, comment_tags, options):
    """Babel extractor for ``.ipynb``: markdown blocks and the keyword calls of code cells.

    Line numbers are the cell's index (1-based) times 1000 plus the line in the cell, so a
    message can be found again in the notebook.
    """
    from babel.messages.extract import extract_python

    nb = json.load(fileobj)
    for index, cell in enumerate(nb["cells"], start=1):
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        base = index * 1000
        if cell["cell_type"] == "markdown":
            for lineno, _end, _lead, text in blocks(source):
                if _translatable(text):
                    yield base + lineno + 1, None, text, [f"cell {index}"]
        elif cell["cell_type"] == "code":
            import io

            code = io.BytesIO(source.encode("utf-8"))
            for lineno, func, message, comments in extract_python(
                    code, keywords, comment_tags, {"encoding": "utf-8"}):
                yield base + lineno, func, message, comments


def _translatable(text: str) -> bool:
    """A block that holds words (not only code, numbers or punctuation)."""
    return bool(re.search(r"[\u4e00-\u9fffA-Za-z]", re.sub(r"`[^`]*`", "", text)))


# ------------------------------------------------------------------ the catalog

ENGINE_METHODS = [("**.py", "python")]  # in src/jjj
ARTICLE_METHODS = [("**.ipynb", "jjj.i18n:extract_notebook"), ("*.py", "python")]  # in notebooks/<slug>


def template(article: str | None = None):
    """Every message of an article's notebooks and ``article.py`` (``article=""``: of the
    engine, ``src/jjj``), as a Babel catalog (the .pot)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    folder, methods = ((config.ENGINE, ENGINE_METHODS) if article == "" else
                       (config.article_paths(article)["NOTEBOOKS"] if article else config.NOTEBOOKS,
                        ARTICLE_METHODS))
    cat = Catalog(project=DOMAIN, charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(folder), method_map=methods, keywords=KEYWORDS, strip_comment_tags=True):
        if isinstance(message, tuple):  # a call with several arguments: the first is the message
            message = message[0]
        if message:
            where = (folder / filename).relative_to(config.ROOT if article != "" else config.PROJECT)
            cat.add(message, locations=[(where.as_posix(), lineno)], auto_comments=comments,
                    context=context)
    return cat


def update(lang: str = "en", article: str | None = None) -> tuple[list[str], list[str]]:
    """Bring one catalog (an article's, default the chosen one; ``""``: the engine's) up to date
    with its sources: new messages are added untranslated, messages gone from the sources are
    dropped. Returns (new, untranslated)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    path = catalog_path(lang, article)
    if path.exists():
        with path.open("rb") as f:
            cat = read_po(f, locale=lang)
    else:  # a new article's first catalog
        cat = Catalog(locale=lang, project=DOMAIN, fuzzy=False)
    known = {m.id for m in cat if m.id}
    tmpl = template(article)
    cat.update(tmpl, no_fuzzy_matching=True)
    cat.obsolete.clear()
    import io

    buf = io.BytesIO()
    write_po(buf, cat, width=100, omit_header=True, sort_output=True, include_lineno=False)
    from jjj.io import replace_atomically

    replace_atomically(path, buf.getvalue())  # a source, never redirected by $JJJ_OUT
    read_catalog.cache_clear()
    new = sorted(m.id for m in tmpl if m.id and m.id not in known)
    missing = sorted(m.id for m in cat if m.id and (not m.string or m.fuzzy))
    return new, missing


def check(lang: str = "en", article: str | None = None) -> tuple[list[str], list[str]]:
    """One catalog's messages (an article's, default the chosen one; ``""``: the engine's) that
    its sources use and it does not translate (an article may leave to the engine what the
    engine translates), and its translations that no source of its uses."""
    have = read_catalog(catalog_path(lang, article))
    used = {m.id for m in template(article) if m.id}
    engine = read_catalog(catalog_path(lang, "")) if article != "" else {}
    return sorted(used - set(have) - set(engine)), sorted(set(have) - used)


def main(argv=None) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m jjj.i18n", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["update", "check"])
    parser.add_argument("--lang", default="en")
    parser.add_argument("--article", metavar="SLUG", action="append",
                        help="an article's catalog (repeatable; default: the engine's and all articles')")
    args = parser.parse_args(argv)
    which = args.article or ["", *config.articles()]  # "": the engine
    failed = False
    for article in which:
        name = "the engine" if article == "" else article
        if args.command == "update":
            new, missing = update(args.lang, article)
            where = catalog_path(args.lang, article)
            print(f"{where.relative_to(config.PROJECT if article == '' else config.ROOT)}: "
                  f"{len(new)} new, {len(missing)} untranslated")
            for m in missing:
                print(f"  untranslated: {m}")
            continue
        missing, unused = check(args.lang, article)
        for m in missing:
            print(f"{name}: missing: {m}", file=sys.stderr)
        for m in unused:
            print(f"{name}: unused: {m}", file=sys.stderr)
        failed = failed or bool(missing or unused)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
