"""Every notebook has its text twin (MyST markdown, jupytext), and the two agree.

The pairing is declared in jupytext.toml, not in each notebook. `make report` syncs the pairs
(`jjj.pairs`: the side edited last wins, then the text follows the executed notebook).
"""

import os
import shutil

import nbformat
import pytest

from jjj import build, config, pairs

NOTEBOOKS = build.notebook_paths()


def test_jupytext_toml_pairs_the_notebooks_with_myst_markdown():
    assert pairs.CONFIG_FILE.exists()
    assert pairs.text_format() == "md:myst"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_and_its_text_twin_agree(path):
    text = pairs.text_path(path)
    assert text.exists(), f"{text.name} is missing: run `make report` (or `python -m jjj.pairs`)"
    nb = nbformat.read(path, as_version=4)
    assert text.read_text(encoding="utf-8") == pairs.to_text(nb), (
        f"{path.name} and {text.name} are out of sync: run `make report` and commit both")
    assert "jupytext" not in nb.metadata, "the pairing lives in jupytext.toml, not in the notebook"


def test_no_text_twin_without_its_notebook():
    orphans = {p.stem for p in config.NOTEBOOKS.glob("[0-9][0-9]_*.md")} - {p.stem for p in NOTEBOOKS}
    assert not orphans, f"text files without a notebook: {sorted(orphans)}"


@pytest.fixture
def pair(tmp_path):
    """A copy of the first notebook and its text twin, the text written first."""
    nb_path = tmp_path / NOTEBOOKS[0].name
    shutil.copy(NOTEBOOKS[0], nb_path)
    assert pairs.sync(nb_path) == "created"
    return nb_path, pairs.text_path(nb_path)


def _touch_later(path, than):
    t = than.stat().st_mtime + 5
    os.utime(path, (t, t))


def test_a_later_notebook_edit_updates_the_text(pair):
    nb_path, text = pair
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells[0].source += "\n\nAdded in the notebook."
    nbformat.write(nb, nb_path)
    _touch_later(nb_path, than=text)
    assert pairs.sync(nb_path) == "text updated from notebook"
    assert "Added in the notebook." in text.read_text(encoding="utf-8")
    assert pairs.sync(nb_path) == "in sync"


def test_a_later_text_edit_updates_the_notebook_and_keeps_outputs(pair):
    nb_path, text = pair
    before = nbformat.read(nb_path, as_version=4)
    text.write_text(text.read_text(encoding="utf-8") + "\nAdded in the text.\n", encoding="utf-8")
    _touch_later(text, than=nb_path)
    assert pairs.sync(nb_path) == "notebook updated from text"
    after = nbformat.read(nb_path, as_version=4)
    assert "Added in the text." in after.cells[-1].source
    kept = [(c.id, c.get("outputs")) for c in after.cells[: len(before.cells)]]
    assert kept == [(c.id, c.get("outputs")) for c in before.cells]
    assert "jupytext" not in after.metadata
    assert pairs.sync(nb_path) == "in sync"
