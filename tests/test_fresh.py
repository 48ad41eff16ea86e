"""Committed outputs are not stale: a fresh run of every notebook writes the same bytes.

nbval compares the notebooks' outputs; this test compares what they write: every file under
``figures/`` and ``data/processed/``, byte for byte (which is also the determinism check).

It reads what nbval's run of the committed notebooks wrote into ``$JJJ_OUT`` (see the root
``conftest.py``), once every notebook has run: one execution serves both checks. When nbval is
not part of the run (``pytest tests``, or notebooks deselected), it executes the notebooks itself.
"""

from pathlib import Path

from jjj import build, config


def _files(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def fresh_outputs(nbval_outputs: Path | None, tmp_path) -> tuple[Path, str]:
    """The folder holding a fresh run's figures/ and data/processed/, and who made it."""
    if nbval_outputs is not None:
        return nbval_outputs, "nbval"
    out = tmp_path / "fresh"
    build.execute_all([build.Edition("zh", out, out / "notebooks")])
    return out, "this test"


def test_fresh_run_writes_the_committed_figures_and_data(nbval_outputs, tmp_path):
    out, by = fresh_outputs(nbval_outputs, tmp_path)
    for folder in (config.FIGURES, config.PROCESSED):
        rel = folder.relative_to(config.ROOT)
        committed = _files(folder)
        fresh = _files(out / rel)
        new, gone = sorted(set(fresh) - set(committed)), sorted(set(committed) - set(fresh))
        assert not new and not gone, (f"{rel}: written by the fresh run (by {by}) but not "
                                      f"committed: {new}; committed but not written: {gone}")
        stale = [str(rel / name) for name in committed if committed[name] != fresh[name]]
        assert not stale, f"stale (run `make report` and commit): {stale}"
