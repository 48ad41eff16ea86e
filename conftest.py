"""Set-up of every pytest run here.

- The article under test is the seed (``$JJJ_ARTICLE``); the team's test article is built by
  tests/test_articles.py in a scratch copy.
- Each edition runs once per test run. The Chinese edition is nbval's run of the committed
  notebooks; the outputs nbval gets for each cell are kept (``nbval_outputs``), and what the
  kernels write goes to ``$JJJ_OUT``: tests/test_fresh.py compares both with the committed files.
  The English edition is the ``editions`` fixture: executed as ``make report`` executes it
  (``jjj.build.execute_all``) into a temporary folder shared by the xdist workers.
- Other fixtures: ``out_dir``, a fresh output root for one test; ``article_text``, the raw
  article.
- Work is shared out by xdist in groups (``make test``: ``--dist loadgroup``): a test module, a
  class, or a group a test names with ``xdist_group``; the Chinese edition (nbval's notebooks,
  then test_fresh's check of them) is one group, which one worker runs in order.
- What a notebook run in a test writes goes to a temporary folder (``$JJJ_OUT``, which kernels
  inherit), never into the repository, and so do Hypothesis's examples.
- A run that changes ``git status`` (ignored files included) fails: it leaves the tree as it was.
"""

import fcntl
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

SEED = "bjyouth-2024-04-19"  # the article the suite checks (its notebooks, outputs and site)
_OUT = Path(tempfile.mkdtemp(prefix="jjj-test-out-"))
os.environ["JJJ_OUT"] = str(_OUT)
os.environ["JJJ_LANG"] = "zh"
os.environ["JJJ_ARTICLE"] = SEED
os.environ.pop("JJJ_ROOT", None)  # the project's own articles

from jjj import build, config  # noqa: E402  (after the environment it reads)

# nbval's kernels over Unix sockets, as the build's: no TCP port race at start (jjj.nbval_kernels)
pytest_plugins = ["jjj.nbval_kernels"]

set_hypothesis_home_dir(_OUT / "hypothesis")  # its examples and caches, not ./.hypothesis
ZH_EDITION = "zh-edition"  # the xdist group of nbval's notebooks and the check of what they wrote
# The order in which the groups are handed out, each to the first free worker: the long ones
# first; the site's tests, which wait for the English edition and the sites, last.
ORDER = {ZH_EDITION: 0, "tests/test_articles.py": 0, "tests/test_fresh.py": 0, "tests/test_site.py": 2}
_TREE = pytest.StashKey[set]()
_OUTPUTS = pytest.StashKey[dict]()


def _group(item) -> str:
    """The item's xdist group: its own mark's, the Chinese edition for a notebook's cell, else
    its module or class (as ``--dist loadscope`` would)."""
    if mark := item.get_closest_marker("xdist_group"):
        return mark.args[0]
    if item.path.suffix == ".ipynb":
        return ZH_EDITION
    cls = getattr(item, "cls", None)
    return item.nodeid.split("::")[0] + (f"::{cls.__name__}" if cls else "")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the marks
def pytest_collection_modifyitems(items):
    for item in items:
        if not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(_group(item)))

    def rank(item):  # in a group, the notebooks before the tests that read what they wrote
        group = _group(item)  # a group a test names ranks with its module
        module = item.nodeid.split("::")[0]
        return ORDER.get(group, ORDER.get(module, 1)), item.path.suffix != ".ipynb"

    items.sort(key=rank)  # stable: otherwise as collected


def pytest_collection_finish(session):
    """Every notebook nbval will run (after ``-k`` and the like), its outputs to come."""
    session.config.stash[_OUTPUTS] = {item.path: (item.parent.nb, {}) for item in session.items
                                      if item.path.suffix == ".ipynb"}


def pytest_runtest_teardown(item):
    """Keep the outputs nbval got for a notebook's cell."""
    if item.path.suffix == ".ipynb" and getattr(item, "test_outputs", None) is not None:
        item.config.stash[_OUTPUTS][item.path][1][item.cell_num] = item.test_outputs


@pytest.fixture
def nbval_outputs(request) -> dict:
    """What nbval's run of the notebooks got in this process: ``{path: (the notebook as read,
    {code cell number: outputs})}`` for each notebook of the run (no outputs: run elsewhere, or
    not yet); empty without ``--nbval`` over them."""
    return request.config.stash.get(_OUTPUTS, {})


@pytest.fixture(scope="session")
def built_once(tmp_path_factory):
    """``built_once(name, make)``: the folder ``make(folder)`` fills, once per test run for all
    xdist workers (under a file lock); a failed ``make`` leaves nothing and fails who asks."""
    base = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        base = base.parent  # the run's folder, above each worker's own

    def once(name: str, make) -> Path:
        done, partial = base / name, base / f"{name}.partial"
        with open(base / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not done.exists():
                shutil.rmtree(partial, ignore_errors=True)
                make(partial)
                partial.rename(done)
        return done

    return once


@pytest.fixture(scope="session")
def editions(built_once) -> Path:
    """The English edition as ``make report`` executes it: ``en/notebooks/`` executed and what
    they wrote (``en/figures/``, ``en/data/``). (The Chinese edition is nbval's run.)"""
    return built_once("editions", lambda folder: build.execute_all(build.editions(("en",), root=folder)))


@pytest.fixture
def out_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("JJJ_OUT", str(tmp_path / "out"))
    return tmp_path / "out"


@pytest.fixture(scope="session")
def article_text() -> str:
    return config.RAW_ARTICLE.read_text(encoding="utf-8")


def _tree() -> set[str] | None:
    """``git status`` of the working tree, ignored files included (caches of Python aside)."""
    try:
        status = subprocess.run(["git", "status", "--porcelain", "--ignored"], capture_output=True,
                                text=True, check=True, cwd=Path(__file__).parent).stdout
    except (OSError, subprocess.CalledProcessError):
        return None  # not a git clone: nothing to compare
    return {line for line in status.splitlines() if "__pycache__" not in line}


def pytest_sessionstart(session):
    if "PYTEST_XDIST_WORKER" not in os.environ:
        session.config.stash[_TREE] = _tree()


def pytest_sessionfinish(session):
    before = session.config.stash.get(_TREE, None)
    after = _tree() if before is not None else None
    if after is not None and after != before:
        session.config.get_terminal_writer().line(
            f"the test run changed the working tree: {sorted(before ^ after)}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config):
    shutil.rmtree(_OUT, ignore_errors=True)
