"""Set-up of every pytest run in this repository (the unit tests and nbval's run of the notebooks).

One execution of the notebooks serves every check that needs one:

- nbval executes every committed notebook and compares its outputs; its kernels write their
  figures and data into one output folder per run, ``$JJJ_OUT``, shared by the xdist workers
  (never into the repository);
- when nbval has run a notebook's last cell, the same kernel runs the notebook's English edition
  (``jjj.build.execute`` with nbval's kernel), writing into ``$JJJ_OUT/en`` and the executed
  notebook to ``$JJJ_OUT/en/notebooks`` (only when ``tests/test_site.py``, which renders it, is
  part of the run and can run);
- ``tests/test_fresh.py`` compares ``$JJJ_OUT`` with the committed ``figures/`` and
  ``data/processed/``, byte for byte, ``tests/test_site.py`` renders both editions, and
  ``tests/test_build.py`` compares English notebooks with runs in a kernel of its own and in
  ``make report``'s lanes, once every notebook has run (fixtures ``nbval_outputs`` and
  ``nbval_english``).

The controller (or a run without xdist) makes the folder; the workers inherit the variable. When
nbval has finished a notebook (its English edition run, its kernel stopped), a marker is written:
``$JJJ_OUT/.nbval-done/NAME.ipynb``. The notebooks go first in the order of the tests, so that
their kernels start at once; the tests that wait for them go last.
"""

import importlib.util
import os
import shutil
import tempfile
import time
import traceback
from pathlib import Path

import pytest

DONE = ".nbval-done"
ENGLISH = "en"  # $JJJ_OUT/en: the English edition run in nbval's kernels
WAIT = 1200  # seconds; only a broken run waits this long
LAST = ("test_build.py", "test_site.py", "test_fresh.py")  # they wait for nbval
_OWNED: Path | None = None
if "PYTEST_XDIST_WORKER" not in os.environ:
    _OWNED = Path(tempfile.mkdtemp(prefix="jjj-test-out-"))
    os.environ["JJJ_OUT"] = str(_OWNED)
# nbval compares the committed (Chinese) edition
os.environ["JJJ_LANG"] = "zh"
_english = pytest.StashKey[bool]()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    """On a fresh set-up, compile the libraries' bytecode once (``jjj.bytecode``), before the
    workers and kernels start: each of them compiled it for itself before (a fresh run used a
    quarter more CPU than a warm one)."""
    if "PYTEST_XDIST_WORKER" in os.environ:
        return
    from jjj import bytecode

    seconds = bytecode.compile_now()
    if seconds is not None:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"fresh set-up: compiled the libraries' bytecode once in {seconds:.1f} s")


def pytest_collection_modifyitems(session, config, items):
    notebooks = [i for i in items if i.path.suffix == ".ipynb"]
    last = [i for name in LAST for i in items if i.path.name == name]
    middle = [i for i in items if i not in notebooks and i.path.name not in LAST]
    items[:] = notebooks + middle + last
    # the site test renders the English edition (it skips without the site's packages), from
    # this run only when nbval runs every notebook (else it executes the edition itself)
    config.stash[_english] = (any(i.path.name == "test_site.py" for i in items)
                              and importlib.util.find_spec("myst_nb") is not None
                              and _nbval_runs_every_notebook(items))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    path = item.path
    last_cell = path.suffix == ".ipynb" and (nextitem is None or nextitem.path != path)
    if last_cell and item.config.stash.get(_english, False):
        _run_english(item)  # in nbval's kernel, before nbval's teardown stops it
    yield
    if last_cell:
        done = Path(os.environ["JJJ_OUT"]) / DONE
        done.mkdir(parents=True, exist_ok=True)
        (done / path.name).touch()


def _run_english(item) -> None:
    """Run the notebook's English edition in the kernel that nbval has just used for Chinese
    (also when a Chinese output differed: the edition starts from an empty namespace); on
    failure, write the reason where the notebook would be (``NAME.error``)."""
    import nbformat

    from jjj import build

    out = Path(os.environ["JJJ_OUT"]) / ENGLISH
    dest = out / "notebooks" / item.path.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    kernel = getattr(item.parent, "kernel", None)
    if kernel is None or not kernel.is_alive():
        reason = "nbval's kernel is not running"
    else:
        try:
            nb = build.execute(item.path, ENGLISH, out, km=kernel.km)
            dest.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
            return
        except Exception:
            reason = traceback.format_exc()
    dest.with_suffix(".error").write_text(reason, encoding="utf-8")


def _nbval_runs_every_notebook(items) -> bool:
    from jjj import build

    return set(build.notebook_paths()) <= {i.path for i in items if i.path.suffix == ".ipynb"}


@pytest.fixture(scope="session")
def nbval_outputs(request) -> Path | None:
    """``$JJJ_OUT`` once nbval has run every notebook (waiting for the markers), or None when
    nbval does not run every notebook in this session (``pytest tests``, or a selection)."""
    from jjj import build

    if not _nbval_runs_every_notebook(request.session.items):
        return None
    out = Path(os.environ["JJJ_OUT"])
    notebooks = build.notebook_paths()
    deadline = time.monotonic() + WAIT
    missing = notebooks
    while missing and time.monotonic() < deadline:
        missing = [p for p in notebooks if not (out / DONE / p.name).exists()]
        if missing:
            time.sleep(0.2)
    assert not missing, f"nbval did not finish within {WAIT} s: {[p.name for p in missing]}"
    return out


@pytest.fixture(scope="session")
def nbval_english(request, nbval_outputs) -> Path | None:
    """``$JJJ_OUT/en`` once nbval's kernels have run every notebook's English edition too, or
    None when they do not in this session (without the site test, or without nbval over every
    notebook: a test then executes what it needs itself). An English edition that failed in
    nbval's kernel stops the test with its reason."""
    if nbval_outputs is None or not request.config.stash.get(_english, False):
        return None
    folder = nbval_outputs / ENGLISH / "notebooks"
    errors = {p.name: p.read_text("utf-8")[-2000:] for p in sorted(folder.glob("*.error"))}
    assert not errors, f"the English edition did not run in nbval's kernels: {errors}"
    return nbval_outputs / ENGLISH


def pytest_unconfigure(config):
    if _OWNED is not None:
        shutil.rmtree(_OWNED, ignore_errors=True)
