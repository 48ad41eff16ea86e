"""Test set-up: every write of a notebook or helper goes to a temporary folder, never the repo."""

import os
import tempfile
from pathlib import Path

import pytest

from jjj import config

# Set before any kernel starts (nbval kernels inherit the environment). One folder per process
# (each xdist worker has its own), removed by the OS's tmp cleaning.
os.environ.setdefault("JJJ_OUT", tempfile.mkdtemp(prefix="jjj-test-out-"))
os.environ.setdefault("JJJ_LANG", "zh")


@pytest.fixture
def out_dir(tmp_path, monkeypatch) -> Path:
    """A fresh output root for one test."""
    monkeypatch.setenv("JJJ_OUT", str(tmp_path / "out"))
    return tmp_path / "out"


@pytest.fixture(scope="session")
def article_text() -> str:
    return config.RAW_ARTICLE.read_text(encoding="utf-8")
