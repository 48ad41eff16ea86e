"""Fixtures. The session set-up (the shared ``$JJJ_OUT`` folder that nbval's kernels write to,
and the order of the tests) is in the repository's root ``conftest.py``."""

from pathlib import Path

import pytest

from jjj import config


@pytest.fixture
def out_dir(tmp_path, monkeypatch) -> Path:
    """A fresh output root for one test."""
    monkeypatch.setenv("JJJ_OUT", str(tmp_path / "out"))
    return tmp_path / "out"


@pytest.fixture(scope="session")
def article_text() -> str:
    return config.RAW_ARTICLE.read_text(encoding="utf-8")
