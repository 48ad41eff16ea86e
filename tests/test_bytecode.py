"""jjj.bytecode: on a fresh set-up, one process per group imports the group's modules and so
writes their bytecode; nothing is done for a group whose bytecode is there or cannot be
written."""

import os
import sys
from pathlib import Path

import pytest

from jjj import bytecode


@pytest.fixture
def probe(tmp_path, monkeypatch) -> Path:
    """A package of two modules on the path, without bytecode, as the probe of one group
    ("one") that imports it and a module that is not installed."""
    pkg = tmp_path / "jjjprobe"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("from jjjprobe import part\n", encoding="utf-8")
    (pkg / "part.py").write_text("X = 1\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)  # for the child processes
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(bytecode, "PROBES", {"one": "jjjprobe"})
    monkeypatch.setattr(bytecode, "GROUPS", {"one": ("jjjprobe", "not_installed_anywhere")})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return pkg


def test_a_fresh_set_up_gets_the_bytecode_of_each_group(probe):
    assert bytecode.missing() == ("one",)
    assert bytecode.compile_now(("one",)) is not None
    assert {p.name.split(".")[0] for p in (probe / "__pycache__").glob("*.pyc")} == {"__init__", "part"}
    assert bytecode.missing() == ()
    assert bytecode.compile_now(("one",)) is None  # nothing left to do


def test_nothing_is_done_where_bytecode_is_off(probe, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert bytecode.missing() == () and bytecode.start(("one",)) == []
    assert not (probe / "__pycache__").exists()


def test_nothing_is_done_where_bytecode_cannot_be_written(probe, monkeypatch):
    """A read-only environment (an image's venv, a shared prefix): the probe's folder refuses
    writing. (Made by refusing it in os.access: as root, a folder's mode refuses nothing.)"""
    real = os.access
    monkeypatch.setattr(bytecode.os, "access", lambda path, mode: (
        False if Path(path) in (probe, probe / "__pycache__") and mode == os.W_OK
        else real(path, mode)))
    assert bytecode.missing() == () and bytecode.start(("one",)) == []
    monkeypatch.setattr(bytecode.os, "access", real)
    assert bytecode.missing() == ("one",)  # the same package, writable: to compile


def test_every_module_of_the_groups_is_importable_or_optional():
    """The groups and probes name real modules (a typo would compile nothing, silently); only
    the browser packages may be absent (without `make browser`). Each probe is a top-level
    module of its own group (finding it imports nothing)."""
    import importlib.util

    optional = {"playwright.sync_api", "axe_playwright_python.sync_playwright"}
    absent = [m for mods in bytecode.GROUPS.values() for m in mods
              if importlib.util.find_spec(m) is None and m not in optional]
    assert not absent
    assert bytecode.PROBES.keys() == bytecode.GROUPS.keys()
    for group, module in bytecode.PROBES.items():
        assert "." not in module and importlib.util.find_spec(module) is not None
        named = [m for m in bytecode.GROUPS[group] if m.split(".")[0] == module]
        assert named or any(module in _imports(m) for m in bytecode.GROUPS[group]), (
            f"{module} is not compiled by the group {group}")


def _imports(module: str) -> set[str]:
    """The top-level packages that importing ``module`` loads (in a fresh interpreter)."""
    import subprocess

    out = subprocess.run([sys.executable, "-c", f"import sys, {module}; "
                          "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())
