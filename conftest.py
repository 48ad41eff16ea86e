"""Set-up of every pytest run here.

- The article under test is the seed (``$JJJ_ARTICLE``); the team's test article is built by
  tests/test_articles.py in a scratch copy.
- Fixtures: ``editions``, both editions executed once per run as ``make report`` executes them
  (``jjj.build.execute_all``) into a temporary folder shared by the xdist workers; ``out_dir``, a
  fresh output root for one test; ``article_text``, the raw article.
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
# test_fresh first (its worker executes both editions while the other runs the unit tests); the
# site's tests, which render the editions and load them in a browser, last
ORDER = {"test_fresh.py": 0, "test_site.py": 2}
_TREE = pytest.StashKey[set]()


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: ORDER.get(item.path.name, 1))  # stable: otherwise as collected


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
    """Both editions as ``make report`` executes them: ``zh/``, ``en/``, each with ``notebooks/``
    executed and what they wrote (``figures/``, ``data/``)."""
    return built_once("editions", lambda folder: build.execute_all(build.editions(root=folder)))


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
