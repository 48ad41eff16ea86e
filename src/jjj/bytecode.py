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

Each group has a probe, a module that only that group's imports compile early, whose bytecode
tells whether the group has been compiled. Nothing is done for a group whose probe has its
bytecode, or where bytecode cannot be written (``PYTHONDONTWRITEBYTECODE``, or a read-only
environment: the probe's ``__pycache__`` is not writable), so that such a set-up does not pay for
a compilation on every run that leaves nothing behind.
"""

from __future__ import annotations

import importlib.util
import os
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
# The probe of each group: a top-level module (finding it imports nothing) that is compiled by
# that group and not before it: seaborn by the notebooks' kernels (which `make report` starts),
# jupyterlab by the JupyterLab test (which no report and no test worker's start imports).
PROBES: dict[str, str] = {"kernel": "seaborn", "tools": "jupyterlab"}


def _compiled_or_unwritable(module: str) -> bool:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.has_location or spec.origin is None:
        return True  # not installed (or not from a file): nothing to compile
    pyc = Path(importlib.util.cache_from_source(spec.origin))
    if pyc.exists():
        return True
    folder = pyc.parent  # __pycache__, or a folder under PYTHONPYCACHEPREFIX: made when needed
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return not os.access(folder, os.W_OK)


def missing(groups: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The ``groups`` (default: all) whose bytecode is still to be written (a fresh set-up) and
    can be."""
    if sys.dont_write_bytecode:
        return ()
    return tuple(g for g in (tuple(GROUPS) if groups is None else groups)
                 if not _compiled_or_unwritable(PROBES[g]))


def _code(modules: tuple[str, ...]) -> str:
    return ("import importlib\n"
            f"for m in {modules!r}:\n"
            "    try:\n"
            "        importlib.import_module(m)\n"
            "    except ImportError:\n"
            "        pass\n")


def start(groups: tuple[str, ...] | None = None) -> list[subprocess.Popen]:
    """Start one process per group of ``groups`` (default: all) that is :func:`missing`; each
    imports its group's modules and so writes their bytecode."""
    return [subprocess.Popen([sys.executable, "-c", _code(GROUPS[g])],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for g in missing(groups)]


def compile_now(groups: tuple[str, ...] | None = None) -> float | None:
    """Compile the bytecode of ``groups`` (default: all) side by side and wait; the seconds it
    took, or None when there was nothing to do."""
    t0 = time.perf_counter()
    processes = start(groups)
    if not processes:
        return None
    for p in processes:
        p.wait()
    return time.perf_counter() - t0
