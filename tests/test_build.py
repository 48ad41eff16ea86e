"""One kernel serves both editions (``jjj.build``): the English edition run in a kernel that has
just run the Chinese one is the same, byte for byte, as in a kernel of its own. ``make report``
and the tests (in nbval's kernels, the root conftest.py) build the English edition that way."""

from pathlib import Path

import nbformat

from jjj import build


def _pngs(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*.png"))}


def test_english_after_chinese_in_one_kernel_equals_english_alone(nbval_outputs, tmp_path):
    # the smallest notebook: the check is of the mechanism (a fresh namespace, the edition's
    # settings, execution counts), which every notebook shares
    path = min(build.notebook_paths(), key=lambda p: p.stat().st_size)
    if nbval_outputs is not None:  # nbval's kernel ran it after the Chinese (root conftest.py)
        after_out = nbval_outputs / "en"
        en_after = nbformat.read(after_out / "notebooks" / path.name, as_version=4)
    else:
        after_out = tmp_path / "en-after"
        en_after = build.execute_editions(path, [build.Edition("zh", tmp_path / "zh", tmp_path),
                                                 build.Edition("en", after_out, tmp_path)])[1]
    en_alone = build.execute(path, "en", tmp_path / "en-alone")
    assert nbformat.writes(en_after) == nbformat.writes(en_alone)
    assert nbformat.writes(en_after) != nbformat.writes(nbformat.read(path, as_version=4))
    counts = [c.execution_count for c in en_after.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))
    # its charts (the English run of the other notebooks also wrote into nbval's folder)
    alone = _pngs(tmp_path / "en-alone")
    assert alone and {k: v for k, v in _pngs(after_out).items() if k in alone} == alone
