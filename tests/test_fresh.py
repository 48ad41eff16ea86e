"""Committed outputs are not stale: a fresh run of every notebook (the ``editions`` fixture of the
root conftest.py, executed as ``make report`` executes them, each in a fresh kernel) writes the
same bytes: the notebooks with every output (what nbval compares, and the charts in them too),
``figures/`` and ``data/processed/``. This is also the determinism check, and it says that
``make report`` on an unchanged checkout changes no file (on the Python that ran the committed
notebooks: a notebook records the Python version of its kernel, and only that line is set aside
on another Python)."""

import platform

import nbformat

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


def _as_committed_python(committed: bytes, fresh: bytes) -> bytes:
    """The fresh notebook with the committed notebook's Python version, when this Python is
    another: the one line a run on another Python changes by design."""
    version = nbformat.reads(committed.decode("utf-8"), as_version=4).metadata.get(
        "language_info", {}).get("version")
    if version in (None, platform.python_version()):
        return fresh
    nb = nbformat.reads(fresh.decode("utf-8"), as_version=4)
    nb.metadata.language_info.version = version
    return build.notebook_bytes(nb)


def test_fresh_run_writes_the_committed_notebooks_figures_and_data(editions):
    zh = editions / "zh"
    for folder, pattern in ((config.FIGURES, "*"), (config.PROCESSED, "*"), (config.NOTEBOOKS, "*.ipynb")):
        rel = folder.relative_to(config.ROOT)
        # the edition's notebooks are in its notebooks/ (build.editions), what they write in place
        there = zh / ("notebooks" if folder == config.NOTEBOOKS else rel)
        committed, written = _files(folder, pattern), _files(there, pattern)
        if folder == config.NOTEBOOKS:
            committed = {p.relative_to(folder): p.read_bytes() for p in build.notebook_paths()}
            written = {name: _as_committed_python(committed[name], data) if name in committed else data
                       for name, data in written.items()}
        new, gone = sorted(set(written) - set(committed)), sorted(set(committed) - set(written))
        assert not new and not gone, (f"{rel}: written by a fresh run but not committed: {new}; "
                                      f"committed but not written: {gone}")
        stale = {str(rel / name): _first_difference(committed[name], written[name])
                 if name.suffix == ".ipynb" else "" for name in committed
                 if committed[name] != written[name]}
        assert not stale, f"stale (run `make report` and commit): {stale}"
