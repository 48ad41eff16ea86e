"""What the analysis learns, as data: ``data/<slug>/processed/findings.csv``.

Each finding is one sentence, written once in Chinese (its English from the catalog), with its
numbers filled from the data in each language, the ids it rests on (figures, derived metrics,
context rows) and the pages that show it. An article writes its findings in its own code
(``notebooks/<slug>/article.py``: ``FINDINGS``, each a function of :class:`Inputs` that returns a
:class:`Finding`); this module computes them from the reconciled figures, the derived metrics and
the context, and each **asserts the claim its sentence makes**: a change in the data that breaks
a claim stops ``00_clean_figures``, which writes the table. The front page
lists them all by ``rank``; a page shows its own with :func:`jjj.show.finding`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pandas as pd

from jjj import config
from jjj.i18n import gettext
from jjj.intervals import Interval
from jjj.io import InputError, write_csv

COLUMNS = ["id", "rank", "text_zh", "text_en", "rests_on", "shown_in"]
LANGS = ("zh", "en")


@dataclass(frozen=True)
class Inputs:
    fig: pd.DataFrame  # the resolved figures (jjj.reconcile.resolved), indexed by id
    derived: pd.DataFrame  # jjj.metrics.derive, indexed by id
    ctx: pd.DataFrame  # jjj.context.load

    def metric(self, mid: str) -> Interval:
        return Interval.of(self.derived.loc[mid])


@dataclass(frozen=True)
class Finding:
    id: str
    message: str  # Chinese, with {placeholders}; a catalog message
    values: Callable[[str], dict]  # the placeholders' values in a language
    rests_on: tuple[str, ...]
    shown_in: tuple[str, ...]  # notebooks (their stem) that show it, the first is its home

    def sentence(self, lang: str) -> str:
        return gettext(self.message, lang).format(**self.values(lang))


def article_code(path: Path | None = None) -> ModuleType:
    """The article's own code (``notebooks/<slug>/article.py``): its findings (``FINDINGS``, in order
    of weight) and whatever table or chart only it draws. A missing file or one without
    ``FINDINGS`` is an error that says what to write."""
    import importlib.util

    path = path or config.NOTEBOOKS / "article.py"  # the article's own code, beside its notebooks
    if not path.exists():
        raise InputError(f"{path}: not found: an article's findings are written there "
                         "(FINDINGS = (...), each a function of jjj.findings.Inputs)")
    spec = importlib.util.spec_from_file_location("article", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not hasattr(module, "FINDINGS"):
        raise InputError(f"{path}: no FINDINGS: list the article's findings there, in order of weight")
    return module


def compute(fig: pd.DataFrame, derived: pd.DataFrame, ctx: pd.DataFrame,
            made: Sequence[Callable[[Inputs], Finding]] | None = None) -> pd.DataFrame:
    """Every finding (``made``, else the article's ``FINDINGS``), ranked, in both languages;
    each asserts its own claim."""
    made = article_code().FINDINGS if made is None else made
    x = Inputs(fig, derived.set_index("id") if "id" in derived.columns else derived, ctx)
    rows = []
    for rank, make in enumerate(made, start=1):
        f = make(x)
        rows.append(
            {
                "id": f.id,
                "rank": rank,
                "text_zh": f.sentence("zh"),
                "text_en": f.sentence("en"),
                "rests_on": ";".join(dict.fromkeys(f.rests_on)),
                "shown_in": ";".join(f.shown_in),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def write(table: pd.DataFrame):
    return write_csv(table, config.FINDINGS_CSV)
