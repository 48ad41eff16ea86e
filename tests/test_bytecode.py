"""jjj.bytecode: on a fresh set-up, one process per group imports the group's modules and so
writes their bytecode; nothing is done when it is there or cannot be written."""

import sys
from pathlib import Path

from jjj import bytecode


def _fake_package(root: Path) -> Path:
    pkg = root / "jjjprobe"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("from jjjprobe import part\n", encoding="utf-8")
    (pkg / "part.py").write_text("X = 1\n", encoding="utf-8")
    return pkg


def test_a_fresh_set_up_gets_the_bytecode_of_each_group(tmp_path, monkeypatch):
    pkg = _fake_package(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)  # for the child processes
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(bytecode, "PROBE", "jjjprobe")
    monkeypatch.setattr(bytecode, "GROUPS", {"one": ("jjjprobe", "not_installed_anywhere")})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert bytecode.missing()
    assert bytecode.compile_now(("one",)) is not None
    assert {p.name.split(".")[0] for p in (pkg / "__pycache__").glob("*.pyc")} == {"__init__", "part"}
    assert not bytecode.missing()
    assert bytecode.compile_now(("one",)) is None  # nothing left to do


def test_nothing_is_done_where_bytecode_cannot_be_written(tmp_path, monkeypatch):
    _fake_package(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(bytecode, "PROBE", "jjjprobe")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert not bytecode.missing() and bytecode.start(("kernel",)) == []


def test_every_module_of_the_groups_is_importable_or_optional():
    """The groups name real modules (a typo would compile nothing, silently); only the browser
    packages may be absent (without `make browser`)."""
    import importlib.util

    optional = {"playwright.sync_api", "axe_playwright_python.sync_playwright"}
    absent = [m for mods in bytecode.GROUPS.values() for m in mods
              if importlib.util.find_spec(m) is None and m not in optional]
    assert not absent
