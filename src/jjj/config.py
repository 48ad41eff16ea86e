"""Every path the project uses, found from this file's location (never from the working directory).

The project holds articles. An article is a folder named alike (its *slug*) in each top-level
folder: ``data/<slug>/`` (its text, codebook, registries, evidence and processed tables),
``notebooks/<slug>/``, ``figures/<slug>/``, ``site/<slug>/`` (its front page) and
``locales/<slug>/`` (its catalogs). ``src/jjj`` is the engine and names no article.

Which article a process works on, in this order:

1. ``$JJJ_ARTICLE`` (``make report ARTICLE=<slug>``, ``python -m jjj.build --article <slug>``,
   and the kernels that the build starts);
2. the article whose ``notebooks/<slug>/`` or ``data/<slug>/`` holds the working directory (a
   notebook opened in JupyterLab or run by nbval);
3. the project's only article, when it has one.

Otherwise the first use of an article's path (``config.CODEBOOK`` …) stops with an error that
lists the articles; what needs no article (starting one, the extractor) runs in a project of
many. Notebooks import these constants, so they run the same from JupyterLab, nbval or
``make report``.

Three more environment variables exist for the test suite and the English edition, never for
daily use:

``JJJ_ROOT``
    Another copy of the project's layout (``data/``, ``notebooks/`` …) to read articles from,
    instead of the one around this package: the tests build their own article this way.
``JJJ_OUT``
    A folder that receives everything a notebook *writes* (``data/<slug>/processed/…`` and
    ``figures/<slug>/…``) instead of the project. Reads come from the project, but a table the
    run wrote there is read from there (``jjj.data.written``). The tests use it so that nbval and
    the fresh-run comparison never touch committed files; the English edition writes there.
``JJJ_LANG``
    ``zh`` (default) or ``en``: the language of chart text and rendered prose.
"""

from __future__ import annotations

import csv
import functools
import os
import re
from pathlib import Path

ENGINE = Path(__file__).resolve().parent  # src/jjj
PROJECT = ENGINE.parents[1]  # the engine's checkout: the site's shell (site/), lab/, tools/, the locks
ROOT = Path(os.environ.get("JJJ_ROOT") or PROJECT).resolve()  # the articles' folders: data/, notebooks/ …
SLUG = re.compile(r"[a-z][a-z0-9-]{1,40}")  # an article's name


class NoArticle(LookupError):
    """No article could be chosen: the message says which exist and how to choose."""


def articles(root: Path = ROOT) -> list[str]:
    """The project's articles: each folder of ``data/`` that holds ``raw/article.txt``."""
    return sorted(p.parent.parent.name for p in (root / "data").glob("*/raw/article.txt")
                  if SLUG.fullmatch(p.parent.parent.name))


def _choose() -> str:
    found = articles()
    wanted = os.environ.get("JJJ_ARTICLE")
    if wanted:
        if wanted not in found:
            raise NoArticle(f"article {wanted!r} (JJJ_ARTICLE): not in {ROOT / 'data'} "
                            f"(there: {', '.join(found) or 'none'})")
        return wanted
    here = Path.cwd().resolve()
    for top in ("notebooks", "data"):
        if ROOT / top in here.parents and here.relative_to(ROOT / top).parts[0] in found:
            return here.relative_to(ROOT / top).parts[0]
    if len(found) == 1:
        return found[0]
    raise NoArticle(f"{ROOT / 'data'}: " + (
        f"{len(found)} articles ({', '.join(found)}): choose one with ARTICLE=<slug> (make) or "
        "JJJ_ARTICLE=<slug>" if found else "no article (data/<slug>/raw/article.txt): start one "
        "with python -m jjj.new <slug> <text file>"))


def article_paths(slug: str, root: Path = ROOT) -> dict[str, Path]:
    """Every path of the article ``slug``, by the name this module gives it."""
    data, processed = root / "data" / slug, root / "data" / slug / "processed"
    external = data / "external"  # hand-kept, sourced context numbers (external/README.md)
    return {
        "DATA": data,
        "RAW": data / "raw",
        "RAW_ARTICLE": data / "raw" / "article.txt",
        "PROCESSED": processed,
        "FIGURES": root / "figures" / slug,
        "NOTEBOOKS": root / "notebooks" / slug,
        "SITE": root / "site" / slug,  # the article's front page (index.md) and its catalog
        "LOCALES": root / "locales" / slug,  # its gettext catalogs of the editions but Chinese
        "BUILD": root / "build" / slug,  # its sites, English notebooks and PDFs (never committed)
        # hand-kept
        "CODEBOOK": data / "codebook.csv",
        "PAGE": data / "page.toml",  # how the page is laid out (dateline, headings, sections)
        "AREA_REGISTRY": data / "areas.csv",  # each area's names, colour, headline keys
        "WINDOW_REGISTRY": data / "windows.csv",  # what each kind of window is, and its years
        "METRICS_CSV": data / "metrics.csv",  # the derived metrics, defined as data
        "LISTS": data / "lists.csv",
        "VOCABULARY": data / "vocabulary.csv",  # the article's own codes, labels and colours
        "GLOSSARY": data / "glossary.csv",
        "EXTERNAL": external,
        "CONTEXT_CSV": external / "context.csv",
        "SOURCES_CSV": external / "sources.csv",  # who published each source, who stands behind it
        "SEARCHED_CSV": external / "searched.csv",
        "EVIDENCE_CSV": external / "evidence.csv",  # which context rows bear on which figure, how
        # written by the cleaning
        "FIGURES_CSV": processed / "figures.csv",
        "HEADLINE_CSV": processed / "headline.csv",
        "RECONCILED_CSV": processed / "reconciled.csv",
        "FINDINGS_CSV": processed / "findings.csv",
        "DERIVED_CSV": processed / "derived.csv",
    }


ENGINE_LOCALES = ENGINE / "locales"  # the engine's own messages (src/jjj), in the other languages
FONT_DIR = ENGINE / "fonts"
FONT_FILE = FONT_DIR / "NotoSansSC-Subset.otf"  # the bundled font (charts, site, lab)
KERNEL_NAME = "jjj"
LANGS = ("zh", "en")


@functools.cache
def _article() -> dict[str, object]:
    slug = _choose()
    paths = article_paths(slug)
    with paths["AREA_REGISTRY"].open(encoding="utf-8", newline="") as f:
        rows = tuple(sorted(csv.DictReader(f), key=lambda r: int(r["order"])))
    # AREA_ROWS: the area registry, read once, in the article's order (its figures outside every
    # area are "overview", first). AREAS: its areas; a new area is one row of areas.csv.
    return {"ARTICLE": slug, **paths, "AREA_ROWS": rows,
            "AREAS": tuple(r["area"] for r in rows if r["area"] != "overview")}


def __getattr__(name: str):
    """The chosen article's slug (``ARTICLE``), paths (``CODEBOOK`` …) and areas (``AREAS``,
    ``AREA_ROWS``), chosen on first use: the engine's commands that need no article (starting
    one, the extractor) run in a project of many."""
    if name.isupper() and not name.startswith("_"):
        article = _article()
        if name in article:
            return article[name]
    raise AttributeError(f"module 'jjj.config' has no attribute {name!r}")


def lang() -> str:
    """The edition being produced: ``zh`` unless ``JJJ_LANG=en``."""
    value = os.environ.get("JJJ_LANG", "zh")
    if value not in LANGS:
        raise ValueError(f"JJJ_LANG must be one of {LANGS}, not {value!r}")
    return value


def out_root() -> Path:
    """Where writes go: the repository, or ``$JJJ_OUT`` when set."""
    value = os.environ.get("JJJ_OUT")
    return Path(value).resolve() if value else ROOT


def output_path(path: Path) -> Path:
    """Map a repository path (under ``data/<slug>/processed`` or ``figures/<slug>``) to where it is written.

    Writing under any article's ``raw/`` is refused: the raw text is immutable.
    """
    path = Path(path).resolve()
    rel = path.relative_to(ROOT)
    if rel.parts[:1] == ("data",) and "raw" in rel.parts[2:3]:
        raise PermissionError(f"refusing to write under {rel.parent}: {path}")
    return out_root() / rel
