"""Set-up of every pytest run in this repository (the unit tests and nbval's run of the notebooks).

One execution of the notebooks serves two checks. nbval executes every committed notebook and
compares its outputs; the kernels write their figures and data into one output folder per run,
``$JJJ_OUT``, shared by the xdist workers (never into the repository); when all notebooks have run,
``tests/test_fresh.py`` compares that folder with the committed ``figures/`` and
``data/processed/``, byte for byte.

- The controller (or a run without xdist) makes the folder; the workers inherit the variable.
- When nbval has finished a notebook (its last cell torn down, its kernel stopped), a marker is
  written: ``$JJJ_OUT/.nbval-done/NAME.ipynb``. test_fresh waits for the markers.
- test_fresh is moved to the end of the collection, so that it is the last unit xdist hands out
  (a worker then waits only for notebooks already running elsewhere), and test_site to the start
  (test_site: its English edition executes while nbval runs the Chinese one).
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

DONE = ".nbval-done"
_OWNED: Path | None = None
if "PYTEST_XDIST_WORKER" not in os.environ:
    _OWNED = Path(tempfile.mkdtemp(prefix="jjj-test-out-"))
    os.environ["JJJ_OUT"] = str(_OWNED)
# nbval compares the committed (Chinese) edition
os.environ["JJJ_LANG"] = "zh"


EARLY = ("test_site.py",)  # its English execution and two Sphinx builds run beside nbval


def pytest_collection_modifyitems(session, config, items):
    first = [i for i in items if i.path.name in EARLY]
    last = [i for i in items if i.path.name == "test_fresh.py"]
    middle = [i for i in items if i.path.name not in (*EARLY, "test_fresh.py")]
    items[:] = first + middle + last


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    path = item.path
    if path.suffix == ".ipynb" and (nextitem is None or nextitem.path != path):
        done = Path(os.environ["JJJ_OUT"]) / DONE
        done.mkdir(parents=True, exist_ok=True)
        (done / path.name).touch()


def pytest_unconfigure(config):
    if _OWNED is not None:
        shutil.rmtree(_OWNED, ignore_errors=True)
