"""Committed outputs are not stale: a fresh run of every notebook writes the same bytes.

nbval compares the notebooks' outputs; this test compares what they write: every file under
``figures/`` and ``data/processed/``, byte for byte (which is also the determinism check).
"""

from jjj import build, config


def _files(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_fresh_run_writes_the_committed_figures_and_data(tmp_path):
    out = tmp_path / "fresh"
    build.execute_all("zh", out, out / "notebooks", jobs=1)
    for folder in (config.FIGURES, config.PROCESSED):
        rel = folder.relative_to(config.ROOT)
        committed = _files(folder)
        fresh = _files(out / rel)
        assert sorted(fresh) == sorted(committed), f"{rel}: files differ"
        stale = [str(rel / name) for name in committed if committed[name] != fresh[name]]
        assert not stale, f"stale (run `make report` and commit): {stale}"
