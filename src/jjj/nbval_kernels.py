"""A pytest plugin: nbval's kernels talk over Unix sockets, each in a folder of its own, as the
build's do (``jjj.build.execute``), not over TCP ports.

A TCP kernel's five ports are picked by binding port 0 and letting go; until the kernel binds
them, another process starting a kernel at that moment (the other xdist worker's nbval, a build,
JupyterLab) may take one, and the kernel dies before it answers ``kernel_info``
(``zmq.error.ZMQError: Address already in use``; jupyter/jupyter_client#154). Measured on this
project's 2-core machine with the nbval floor (10 import-only notebooks, ``-n 2``): 2 failed
starts in 50 runs over TCP, none in 30 over Unix sockets.

nbval makes its kernel manager in ``nbval.kernel.start_new_kernel`` from the name
``nbval.kernel.KernelManager``; this plugin gives that name a manager whose transport is ipc.
The root ``conftest.py`` loads it (``pytest_plugins``); elsewhere: ``pytest -p jjj.nbval_kernels``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import jupyter_client

_SOCKETS: list[Path] = []  # this process's folder of sockets, made when pytest starts


class IpcKernelManager(jupyter_client.KernelManager):
    def __init__(self, **kwargs):
        folder = tempfile.mkdtemp(dir=_SOCKETS[0])  # one per kernel: its five sockets
        super().__init__(transport="ipc", ip=str(Path(folder) / "kernel"), **kwargs)


def pytest_configure(config) -> None:
    import nbval.kernel

    if not _SOCKETS:
        _SOCKETS.append(Path(tempfile.mkdtemp(prefix="nbval-kernels-")))
    nbval.kernel.KernelManager = IpcKernelManager


def pytest_unconfigure(config) -> None:
    while _SOCKETS:
        shutil.rmtree(_SOCKETS.pop(), ignore_errors=True)
