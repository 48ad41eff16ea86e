"""Every notebook has its text pair (MyST markdown), and the two agree.

The pairing is declared in jupytext.toml, not in each notebook; ``make report`` runs
``jupytext --sync`` over every pair (the side edited last wins) before it executes.
"""

import copy

import jupytext
import nbformat
import pytest
from jupytext.config import load_jupytext_config

from jjj import build, config

NOTEBOOKS = build.notebook_paths()


def test_jupytext_toml_pairs_the_notebooks_with_myst_markdown():
    assert load_jupytext_config(str(NOTEBOOKS[0])).formats == ["ipynb,md:myst"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_and_its_text_pair_agree(path):
    text = path.with_suffix(".md")
    assert text.exists(), f"{text.name} is missing: run `make report` (or `jupytext --sync {path}`)"
    nb = nbformat.read(path, as_version=4)
    assert "jupytext" not in nb.metadata, "the pairing lives in jupytext.toml, not in the notebook"
    expected = jupytext.writes(copy.deepcopy(nb), fmt="md:myst", config=load_jupytext_config(str(path)))
    assert text.read_text(encoding="utf-8") == expected, (
        f"{path.name} and {text.name} are out of sync: run `make report` and commit both")


def test_no_text_pair_without_its_notebook():
    orphans = {p.stem for p in config.NOTEBOOKS.glob("[0-9][0-9]_*.md")} - {p.stem for p in NOTEBOOKS}
    assert not orphans, f"text files without a notebook: {sorted(orphans)}"
