"""One kernel serves several runs (``jjj.build``): the English edition run in a kernel that has
just run the Chinese one, or other notebooks (``make report``'s lanes), is the same, byte for
byte, as in a kernel of its own. ``make report`` and the tests (in nbval's kernels, the root
conftest.py) build the English edition that way. A failing notebook stops a report at once and
leaves no process behind."""

import time
import uuid
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from jjj import build

# set in the environment of a test's lanes, which their kernels inherit: what a run started
MARK = "JJJ_TEST_RUN"


def _pngs(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*.png"))}


def test_english_after_chinese_in_one_kernel_equals_english_alone(nbval_english, tmp_path):
    # the smallest notebook: the check is of the mechanism (a fresh namespace, the edition's
    # settings, execution counts), which every notebook shares
    path = min(build.notebook_paths(), key=lambda p: p.stat().st_size)
    if nbval_english is not None:  # nbval's kernel ran it after the Chinese (root conftest.py)
        after_out = nbval_english
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


def _outputs(root: Path) -> dict[Path, bytes]:
    """What a run wrote besides its notebooks: charts and data."""
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "notebooks" not in p.relative_to(root).parts}


def _left_behind(mark: str, within: float = 20) -> list[str]:
    """The processes (a lane, a kernel) started with ``MARK=mark`` that are still running after
    ``within`` seconds (a stopped process takes a moment to go; an orphaned kernel, up to a
    second to notice).
    multiprocessing's resource tracker, which serves the test's process until it exits, is not
    the run's."""
    import psutil

    deadline = time.monotonic() + within
    while True:
        left = []
        for proc in psutil.process_iter():
            try:
                if (proc.status() != psutil.STATUS_ZOMBIE and proc.environ().get(MARK) == mark
                        and "multiprocessing.resource_tracker" not in " ".join(proc.cmdline())):
                    left.append(" ".join(proc.cmdline())[:120])
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def test_notebooks_in_lanes_equal_each_in_a_kernel_of_its_own(nbval_english, tmp_path,
                                                              monkeypatch):
    """As `make report` runs them: two lanes, each a process that keeps one kernel, a free lane
    taking the next notebook; of three notebooks, one runs in a kernel that has run another. The
    English edition of each, and its charts and data, are the same bytes as from a kernel of
    its own (nbval's, which ran only that notebook's two editions), and no kernel is left."""
    mark = uuid.uuid4().hex
    monkeypatch.setenv(MARK, mark)
    # the three smallest notebooks after the cleaning one (they read only its dataset)
    paths = sorted((p for p in build.notebook_paths() if not p.name.startswith("00_")),
                   key=lambda p: p.stat().st_size)[:3]
    lanes = tmp_path / "lanes"
    written = build.execute_all([build.Edition("en", lanes, lanes / "notebooks")], jobs=2,
                                paths=paths)[0]
    assert [p.name for p in written] == sorted(p.name for p in paths)
    if nbval_english is not None:
        own = nbval_english
    else:
        own = tmp_path / "own"
        for path in paths:
            (own / "notebooks").mkdir(parents=True, exist_ok=True)
            nbformat.write(build.execute(path, "en", own), own / "notebooks" / path.name)
    for path in written:
        in_lane = nbformat.read(path, as_version=4)
        alone = nbformat.read(own / "notebooks" / path.name, as_version=4)
        assert nbformat.writes(in_lane) == nbformat.writes(alone), path.name
    made = _outputs(lanes)
    assert any(p.suffix == ".png" for p in made)
    assert {k: v for k, v in _outputs(own).items() if k in made} == made
    assert not _left_behind(mark)


def _notebook(path: Path, code: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nb.cells[0].id = "only"
    nb.metadata = {"kernelspec": dict(build.KERNELSPEC), "language_info": {"name": "python"}}
    nbformat.write(nb, path)
    return path


def test_a_failing_notebook_stops_the_report_at_once_and_leaves_no_process(tmp_path,
                                                                         monkeypatch):
    """One lane's notebook fails while the other's runs for a minute: the error is raised
    without waiting for that minute (the other notebook is never written), and neither the
    lanes nor their kernels outlive the run."""
    mark = uuid.uuid4().hex
    monkeypatch.setenv(MARK, mark)
    slow = _notebook(tmp_path / "01_slow.ipynb", "import time\ntime.sleep(60)")
    failing = _notebook(tmp_path / "02_fails.ipynb", "raise ValueError('planted failure')")
    done = tmp_path / "done"
    with pytest.raises(CellExecutionError, match="planted failure"):
        build.execute_all([build.Edition("zh", tmp_path / "out", done)], jobs=2,
                          paths=[slow, failing])
    assert not (done / slow.name).exists()
    assert not _left_behind(mark)
