"""Every path the project uses, found from this file's location (never from the working directory).

Notebooks import these constants, so they run the same from JupyterLab, nbval or ``make report``.

Two environment variables exist for the test suite and the English edition, never for daily use:

``JJJ_OUT``
    A folder that receives everything a notebook *writes* (``data/processed/…`` and
    ``figures/…``) instead of the repository. Reads still come from the repository. The tests use
    it so that nbval and the fresh-run comparison never touch committed files.
``JJJ_LANG``
    ``zh`` (default) or ``en``: the language of chart text and rendered prose.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
FIGURES = ROOT / "figures"
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"

RAW_ARTICLE = RAW / "article.txt"
CODEBOOK = DATA / "codebook.csv"
PAGE = DATA / "page.toml"  # hand-kept: how the article's page is laid out (dateline, headings, sections)
AREA_REGISTRY = DATA / "areas.csv"  # hand-kept: each area's English names, colour, headline keys
WINDOW_REGISTRY = DATA / "windows.csv"  # hand-kept: what each kind of window is, and its years
DERIVED_CSV = PROCESSED / "derived.csv"
METRICS_CSV = DATA / "metrics.csv"  # hand-kept: the article's derived metrics, defined as data
EXTERNAL = DATA / "external"  # hand-kept, sourced context numbers (data/external/README.md)
CONTEXT_CSV = EXTERNAL / "context.csv"
SOURCES_CSV = EXTERNAL / "sources.csv"  # hand-kept: who published each source, and who stands behind it
SEARCHED_CSV = EXTERNAL / "searched.csv"
EVIDENCE_CSV = EXTERNAL / "evidence.csv"  # hand-kept: which context rows bear on which figure, and how
LISTS = DATA / "lists.csv"
VOCABULARY = DATA / "vocabulary.csv"  # hand-kept: the article's own codes (jjj.vocab), labels and colours
GLOSSARY = DATA / "glossary.csv"
FIGURES_CSV = PROCESSED / "figures.csv"
HEADLINE_CSV = PROCESSED / "headline.csv"
RECONCILED_CSV = PROCESSED / "reconciled.csv"
FINDINGS_CSV = PROCESSED / "findings.csv"

LOCALES = ROOT / "locales"  # gettext catalogs of the editions other than Chinese
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILE = FONT_DIR / "NotoSansSC-Subset.otf"  # the bundled font (charts, site, lab)
KERNEL_NAME = "jjj"


def _read_registry() -> tuple[dict[str, str], ...]:
    """The rows of the area registry, in the article's order (the overview first)."""
    with AREA_REGISTRY.open(encoding="utf-8", newline="") as f:
        return tuple(sorted(csv.DictReader(f), key=lambda r: int(r["order"])))


# The area registry, read once: each area's English names, colour and headline keys. Its areas
# in the article's order; figures of the 2024 plans and of the event
# itself are "overview". An eighth area is one row of data/areas.csv.
AREA_ROWS = _read_registry()
AREAS = tuple(r["area"] for r in AREA_ROWS if r["area"] != "overview")
LANGS = ("zh", "en")


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
    """Map a repository path (under ``data/processed`` or ``figures``) to where it is written.

    Writing under ``data/raw`` is refused: the raw article is immutable.
    """
    path = Path(path).resolve()
    if path == RAW or RAW in path.parents:
        raise PermissionError(f"refusing to write under data/raw: {path}")
    rel = path.relative_to(ROOT)
    return out_root() / rel
