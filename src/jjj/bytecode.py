"""Bytecode on a fresh set-up: compile once what many processes are about to import.

uv installs packages without ``.pyc`` files, and Python writes each one when a module is first
imported. A run on a fresh set-up starts many processes at once (kernels, test workers, Sphinx),
and each of them compiled pandas, matplotlib, Sphinx … for itself: on this 2-core machine a fresh
``make test`` used 263 core-seconds against 209 for the same run with the bytecode in place.

The modules are imported once here instead, one process per group, side by side:

- ``kernel``: what the notebooks' kernels import (the kernel itself, and the modules of jjj that
  the notebooks use, which import pandas, matplotlib, seaborn and pandera);
- ``tools``: what the test workers, Sphinx and JupyterLab import (a module that is not
  installed, such as Playwright without ``make browser``, is skipped).

Nothing is done when the bytecode is there, or cannot be written (``PYTHONDONTWRITEBYTECODE``).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
from pathlib import Path

GROUPS: dict[str, tuple[str, ...]] = {
    # the libraries first, the kernel's own modules last: a kernel starting meanwhile compiles
    # its own modules first, and finds the libraries done when its notebook imports them
    "kernel": ("jjj.charts", "jjj.clean", "jjj.context", "jjj.data", "jjj.metrics", "jjj.show",
               "jjj.tables", "ipykernel.kernelapp"),
    "tools": ("jjj.site", "sphinx.application", "sphinx.builders.html", "myst_nb",
              "sphinx_book_theme", "fontTools.subset", "jieba", "jupytext", "nbclient", "nbval.plugin",
              "xdist", "hypothesis", "bs4", "jupyterlab", "jupyter_server.serverapp",
              "playwright.sync_api", "axe_playwright_python.sync_playwright"),
}
# a module of the kernel group whose bytecode tells whether the set-up has run before
PROBE = "seaborn"


def missing() -> bool:
    """True on a fresh set-up: the probe module has no bytecode yet, and bytecode can be
    written."""
    spec = importlib.util.find_spec(PROBE)
    if sys.dont_write_bytecode or spec is None or spec.origin is None:
        return False
    return not Path(importlib.util.cache_from_source(spec.origin)).exists()


def _code(modules: tuple[str, ...]) -> str:
    return ("import importlib\n"
            f"for m in {modules!r}:\n"
            "    try:\n"
            "        importlib.import_module(m)\n"
            "    except ImportError:\n"
            "        pass\n")


def start(groups: tuple[str, ...]) -> list[subprocess.Popen]:
    """Start one process per group (none when :func:`missing` is False); they import the
    group's modules and so write their bytecode."""
    if not missing():
        return []
    return [subprocess.Popen([sys.executable, "-c", _code(GROUPS[g])],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for g in groups]


def compile_now(groups: tuple[str, ...] = tuple(GROUPS)) -> float | None:
    """Compile the groups' bytecode side by side and wait; the seconds it took, or None when
    there was nothing to do."""
    t0 = time.perf_counter()
    processes = start(groups)
    if not processes:
        return None
    for p in processes:
        p.wait()
    return time.perf_counter() - t0
