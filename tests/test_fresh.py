"""Committed outputs are not stale: a fresh run of every notebook (the ``editions`` fixture of the
root conftest.py, executed as ``make report`` executes them) writes the same bytes: the notebooks,
``figures/`` and ``data/processed/``. This is also the determinism check, and it says that
``make report`` on an unchanged checkout changes no file."""

from jjj import build, config


def _files(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_fresh_run_writes_the_committed_notebooks_figures_and_data(editions):
    zh = editions / "zh"
    for folder, fresh in ((config.FIGURES, zh / "figures"), (config.PROCESSED, zh / "data/processed"),
                          (config.NOTEBOOKS, zh / "notebooks")):
        rel = folder.relative_to(config.ROOT)
        committed = _files(folder) if folder != config.NOTEBOOKS else {
            p.relative_to(folder): p.read_bytes() for p in build.notebook_paths()}
        written = _files(fresh)
        new, gone = sorted(set(written) - set(committed)), sorted(set(committed) - set(written))
        assert not new and not gone, (f"{rel}: written by a fresh run but not committed: {new}; "
                                      f"committed but not written: {gone}")
        stale = [str(rel / name) for name in committed if committed[name] != written[name]]
        assert not stale, f"stale (run `make report` and commit): {stale}"
