"""Committed outputs are not stale: a fresh run of every notebook writes the same bytes: the
notebooks with every output (the charts in them too), ``figures/`` and ``data/processed/``. This
is also the determinism check, and it says that ``make report`` on an unchanged checkout changes
no file.

The fresh run is nbval's, which executes each committed notebook in a fresh kernel, as ``make
report`` does, to compare its outputs cell by cell (images aside): the root conftest.py keeps
what nbval got and the kernels write into ``$JJJ_OUT``. This test puts nbval's outputs into the
notebook (the execution counts of a run from the top), writes it as ``make report`` writes it and
compares every byte; it runs after the notebooks, on the same worker (the xdist group
``zh-edition``). What nbval does not record as ``make report`` does: it merges a cell's printed
output of one stream into one (``make report`` keeps each piece; no notebook here prints in
pieces, and one that did would fail here until it printed once), and it runs no cell marked to
skip (none is; one would fail here, its count missing).

The English edition (the ``editions`` fixture) is made by ``make report``'s own function: its
kernel's ``language_info``, which nbval's run does not give, is compared here with the committed
notebooks' (the Python version aside on another Python: a notebook records its kernel's, and on
another Python only that line changes)."""

import copy
import os
import platform
from pathlib import Path

import nbformat
import pytest

from jjj import build, config


def _files(root, pattern="*"):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob(pattern)) if p.is_file()}


def _first_difference(committed: bytes, fresh: bytes) -> str:
    old, new = (nbformat.reads(b.decode("utf-8"), as_version=4) for b in (committed, fresh))
    for i, (a, b) in enumerate(zip(old.cells, new.cells, strict=False)):
        if a != b:
            what = [k for k in ("source", "outputs", "execution_count") if a.get(k) != b.get(k)]
            return f"cell {i} (id {a.get('id')}): {', '.join(what) or 'metadata'}"
    return "the notebook's metadata or its number of cells"


def executed(notebook: nbformat.NotebookNode, outputs: dict[int, list]) -> bytes:
    """The notebook as ``make report`` would write it after a run that gave each code cell (by
    its number among code cells) these outputs: counts from 1, a result's count its cell's (nbval
    runs cells without a history, so its kernel counts none), a cell nbval did not run without
    outputs and count, normalised."""
    nb = copy.deepcopy(notebook)
    for n, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = n + 1 if n in outputs else None
        cell.outputs = [nbformat.from_dict(o) for o in outputs.get(n, [])]
        for output in cell.outputs:
            if output.output_type == "execute_result":
                output.execution_count = cell.execution_count
    return build.notebook_bytes(build.normalize(nb))


@pytest.mark.xdist_group("zh-edition")
def test_the_chinese_edition_nbval_ran_is_the_committed_one(nbval_outputs):
    """Every committed notebook, with what nbval's run gave it, is the committed file, byte for
    byte; ``figures/`` and ``data/processed/`` as that run wrote them are the committed ones."""
    notebooks = {p.relative_to(config.NOTEBOOKS): p for p in build.notebook_paths()}
    here = config.NOTEBOOKS.resolve()  # the article's (nbval may run another's too)
    ran = {p.resolve().relative_to(here): v for p, v in nbval_outputs.items() if p.resolve().parent == here}
    if not ran:
        pytest.skip("nbval runs no notebook in this test run: "
                    f"pytest --nbval {config.NOTEBOOKS.relative_to(config.ROOT)} tests/test_fresh.py")
    elsewhere = sorted(str(name) for name, (_, cells) in ran.items() if not cells)
    assert not elsewhere, f"nbval ran these in another process (the xdist group lost?): {elsewhere}"
    out = Path(os.environ["JJJ_OUT"])
    for folder, pattern in ((config.FIGURES, "*"), (config.PROCESSED, "*"), (config.NOTEBOOKS, "*.ipynb")):
        rel = folder.relative_to(config.ROOT)
        if folder == config.NOTEBOOKS:
            committed = {name: path.read_bytes() for name, path in notebooks.items()}
            written = {name: executed(*ran[name]) for name in ran}
        else:
            committed, written = _files(folder, pattern), _files(out / rel, pattern)
        new, gone = sorted(set(written) - set(committed)), sorted(set(committed) - set(written))
        assert not new and not gone, (f"{rel}: written by a fresh run but not committed: {new}; "
                                      f"committed but not written: {gone}")
        stale = {str(rel / name): _first_difference(committed[name], written[name])
                 if name.suffix == ".ipynb" else "" for name in committed
                 if committed[name] != written[name]}
        assert not stale, f"stale (run `make report` and commit): {stale}"


def test_the_english_edition_runs_every_notebook(editions):
    """``make report``'s function executed every notebook in English, in a kernel that reports
    the committed notebooks' ``language_info`` (the Python version aside on another Python), and
    the English edition wrote the same files as the Chinese one (its charts as PNG only)."""
    en = editions / "en"
    assert sorted(p.name for p in (en / "notebooks").glob("*.ipynb")) == [
        p.name for p in build.notebook_paths()]

    for path in build.notebook_paths():
        committed, fresh = (dict(nbformat.read(p, as_version=4).metadata.language_info)
                            for p in (path, en / "notebooks" / path.name))
        if committed.get("version") != platform.python_version():
            committed.pop("version", None), fresh.pop("version", None)
        assert fresh == committed, path.name
    for folder, pattern in ((config.FIGURES, "*.png"), (config.PROCESSED, "*")):
        rel = folder.relative_to(config.ROOT)
        assert set(_files(folder, pattern)) == set(_files(en / rel, pattern)), rel
