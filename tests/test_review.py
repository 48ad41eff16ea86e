"""`make review`: a planted change to every kind of output shows on the page; nothing committed
is written."""

import io
import shutil
import subprocess

import pytest
from PIL import Image, ImageDraw

from jjj import build, config, review


def _snapshot():
    side = review.TreeSide()
    return {k: v for d in (*review.output_dirs(), review.notebook_dir()) for k, v in side.files(d).items()}


@pytest.fixture
def planted(tmp_path):
    """Two copies of the outputs and notebooks, the second with one change of each kind."""
    base, root = tmp_path / "base", tmp_path / "tree"
    for folder in (*review.output_dirs(), review.notebook_dir()):
        shutil.copytree(config.ROOT / folder, base / folder)
        shutil.copytree(config.ROOT / folder, root / folder)
    csv = root / review.output_dirs()[1] / "figures.csv"
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    row = next(ln for ln in lines[1:] if ln.split(",")[header.index("high")])  # a row with bounds
    key = row.split(",")[0]
    cells = row.rstrip("\n").split(",")
    cells[header.index("high")] = "123456789"
    csv.write_text("".join(ln if ln is not row else ",".join(cells) + "\n" for ln in lines),
                   encoding="utf-8")
    png = sorted((root / review.output_dirs()[0]).glob("*.png"))[0]
    img = Image.open(png).convert("RGB")
    ImageDraw.Draw(img).rectangle((10, 10, 29, 19), fill=(0, 0, 255))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    png.write_bytes(buf.getvalue())
    (root / review.output_dirs()[0] / "new_chart.svg").write_text("<svg/>", encoding="utf-8")
    removed = sorted((root / review.output_dirs()[0]).glob("*.svg"))[0]
    removed.unlink()
    import nbformat

    nb_path = min(build.notebook_paths(), key=lambda p: p.stat().st_size)
    nb = nbformat.read(root / review.notebook_dir() / nb_path.name, as_version=4)
    nb.cells[0].source += "\n\nA planted sentence."
    nbformat.write(nb, root / review.notebook_dir() / nb_path.name)
    return base, root, {"key": key, "png": png.name, "removed": removed.name, "notebook": nb_path.name}


def test_planted_changes_show_on_the_review_page(planted):
    base, root, what = planted
    charts, tables = review.output_dirs()
    fresh = review.TreeSide(root).files(charts) | review.TreeSide(base).files(tables)
    result = review.review(review.TreeSide(base), review.TreeSide(root), fresh)

    table = next(t for t in result.tables if t.path == f"{review.output_dirs()[1]}/figures.csv")
    diffs = next(diffs for key, diffs, _ in table.changed if key == what["key"])
    assert ("high", "123456789") in [(col, new) for col, _, new in diffs]
    chart = next(c for c in result.charts if c["path"] == f"{review.output_dirs()[0]}/{what['png']}")
    assert chart["changed"] == 20 * 10  # exactly the planted rectangle
    assert [p for p, _ in result.notebooks] == [f"{review.notebook_dir()}/{what['notebook']}"]
    assert "A planted sentence." in result.notebooks[0][1]
    assert result.new == [f"{review.output_dirs()[0]}/new_chart.svg"]
    assert result.removed == [f"{review.output_dirs()[0]}/{what['removed']}"]
    assert result.stale == [f"{review.output_dirs()[1]}/figures.csv"]
    assert result.unwritten == [] and result.uncommitted == []

    page = review.render(result)
    assert "123456789" in page and "A planted sentence." in page and what["png"] in page
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_make_review_against_head_writes_one_page_and_no_committed_file(tmp_path):
    before = _snapshot()
    assert review.main(["--base", "HEAD", "--no-execute", "--out", str(tmp_path)]) == 0
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "@font-face" in page
    assert list(tmp_path.iterdir()) == [tmp_path / "index.html"]
    assert _snapshot() == before


def test_the_working_tree_side_skips_what_git_ignores(tmp_path):
    """A JupyterLab checkpoint (ignored by .gitignore) is no new notebook on the review page."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    shutil.copy(config.ROOT / ".gitignore", tmp_path / ".gitignore")
    for name in ("notebooks/01_a.ipynb", "notebooks/.ipynb_checkpoints/01_a-checkpoint.ipynb"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert list(review.TreeSide(tmp_path).files("notebooks")) == ["notebooks/01_a.ipynb"]
