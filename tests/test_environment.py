"""The project's declarations agree with each other and with the notebooks."""

import re
import tomllib

import nbformat
import pytest

from jjj import build, config

NOTEBOOKS = sorted(config.NOTEBOOKS.glob("*.ipynb"))


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_names(extras=None) -> set[str]:
    """Names of the dependencies and of the given extras (all extras by default)."""
    project = tomllib.loads((config.ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for name, extra in project["optional-dependencies"].items():
        if extras is None or name in extras:
            reqs += extra
    return {_name(r) for r in reqs}


def _pinned(lock: str) -> set[str]:
    text = (config.ROOT / lock).read_text()
    return {_name(m.group(1)) for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==", text, re.M)}


def _environment_names() -> set[str]:
    names = set()
    text = (config.ROOT / "environment.yml").read_text()
    for line in text.split("\ndependencies:\n", 1)[1].splitlines():
        m = re.match(r"^(\s*)- (.+?)\s*(#.*)?$", line)
        if not m:
            continue
        item = m.group(2)
        if item == "pip:" or item.startswith("-e"):
            continue
        names.add(_name(item))
    return names - {"python", "pip"}


def test_environment_yml_names_the_same_packages_as_pyproject():
    assert _environment_names() == _pyproject_names()


def test_lock_pins_every_declared_package_exactly():
    assert _pyproject_names(extras={"test"}) <= _pinned("requirements.lock")
    assert _pyproject_names(extras={"browser"}) <= _pinned("requirements-browser.lock")


def test_notebooks_exist_in_order():
    names = [p.name for p in NOTEBOOKS]
    assert names[0] == "00_clean_figures.ipynb"
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", n) for n in names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_uses_project_kernel_and_is_clean(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == config.KERNEL_NAME
    # the kernel's language_info whole (JupyterLab compares it on opening a notebook)
    assert set(nb.metadata.language_info) == set(build.LANGUAGE_INFO_KEYS)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count is not None for c in code), "commit executed notebooks"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    for cell in nb.cells:
        assert "execution" not in cell.metadata
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{cell.id} holds an error"
            text = out.get("text", "") + str(out.get("data", {}).get("text/plain", ""))
            # no warnings at all (a missing glyph, a FutureWarning), no memory addresses
            assert out.get("name") != "stderr", f"{cell.id} printed to stderr: {text[:200]}"
            assert "Warning" not in text and "missing from font" not in text, cell.id
            assert not re.search(r" at 0x[0-9a-f]+", text), cell.id


def _pins_with_hashes(lock: str) -> dict[tuple[str, str], tuple[str, frozenset[str]]]:
    """Each pin of a lock, by package and marker (a universal lock may pin a package once per
    platform): its version and hashes."""
    pins = {}
    text = (config.ROOT / lock).read_text()
    for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)\s*(?:;([^\\\n]*))?\\\n"
                         r"((?:\s+--hash=\S+[^\n]*\n)+)", text, re.M):
        key = (_name(m.group(1)), " ".join((m.group(3) or "").split()))
        assert key not in pins, f"{lock}: {key} pinned twice"
        pins[key] = (m.group(2), frozenset(re.findall(r"--hash=(\S+)", m.group(4))))
    return pins


def test_the_two_locks_pin_what_they_share_alike():
    """Once `make browser` has run, `make` syncs both locks together (the Makefile's LOCK): a
    package pinned differently in the two (the main lock bumped without `make lock`, which
    compiles the browser lock against it) would stop every later set-up with a conflict."""
    main, browser = _pins_with_hashes("requirements.lock"), _pins_with_hashes(
        "requirements-browser.lock")
    assert len(main) == len(_pin_lines("requirements.lock")) > 100
    assert len(browser) == len(_pin_lines("requirements-browser.lock")) > 100
    differ = sorted(key for key in main.keys() & browser.keys() if main[key] != browser[key])
    assert not differ, f"pinned differently (run `make lock`): {differ}"


def _pin_lines(lock: str) -> list[str]:
    return re.findall(r"^[A-Za-z0-9_.\-]+==", (config.ROOT / lock).read_text(), re.M)


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-browser.lock"])
def test_lock_is_hashed_and_leaves_out_rfc3987_syntax(lock):
    """Every pin carries its hashes (installs get the reviewed bytes); rfc3987-syntax is left out
    on purpose (see the Makefile's lock target: ~1-3 s in every process that imports nbformat)."""
    text = (config.ROOT / lock).read_text()
    pins = re.findall(r"^[A-Za-z0-9_.\-]+==", text, re.M)
    hashed = re.findall(r"^[A-Za-z0-9_.\-]+==[^\n]*\\\n\s+--hash=sha256:[0-9a-f]{64}", text, re.M)
    assert pins and len(hashed) == len(pins)
    assert "rfc3987-syntax" not in _pinned(lock)


def _imports(package) -> dict[str, set[str]]:
    """Which of the package's modules each module imports, anywhere in it (inside a function
    too: a lazy import still ties the two modules together)."""
    import ast

    modules = {p.stem: p for p in package.glob("*.py")}
    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("jjj"):
                found |= ({node.module.split(".")[1]} if "." in node.module
                          else {a.name for a in node.names})
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("jjj.")}
        graph[name] = found & set(modules) - {name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """A chain of imports that comes back to where it started, or [] (the standard library's
    graphlib finds it)."""
    import graphlib

    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        return error.args[1]
    return []


def test_the_package_has_no_import_cycle(tmp_path):
    cycle = _cycle(_imports(config.ROOT / "src" / "jjj"))
    assert not cycle, f"modules that import each other: {' -> '.join(cycle)}"
    (tmp_path / "a.py").write_text("from jjj import b\n")  # the check can fail: a planted cycle
    (tmp_path / "b.py").write_text("def f():\n    from jjj.a import x\n")
    assert sorted(set(_cycle(_imports(tmp_path)))) == ["a", "b"]
