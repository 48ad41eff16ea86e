"""A headless JupyterLab for the tests of `make lab` (tests/test_lab.py)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest

from jjj import config


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_lab(*extra_args: str, env: dict | None = None, wait_s: float = 60):
    """JupyterLab on a free port of 127.0.0.1 with a random token, serving the notebooks; yields
    (base URL, token) once it answers, and stops it afterwards."""
    port, token = free_port(), uuid.uuid4().hex
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={config.NOTEBOOKS}", "--ServerApp.port_retries=0", *extra_args,
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    status = urllib.request.Request(f"{base}/api/status", headers={"Authorization": f"token {token}"})
    try:
        for _ in range(int(wait_s / 0.25)):
            try:
                urllib.request.urlopen(status, timeout=30).close()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stderr.read().decode()[-2000:])
                time.sleep(0.25)
        else:
            pytest.fail(f"JupyterLab did not answer within {wait_s:.0f} s")
        yield base, token
    finally:
        proc.terminate()
        proc.wait(timeout=30)
