"""``jjj.build``: the edition reaches each notebook's kernel, the cleaning notebook runs first, and
a failing notebook stops the run with a message a person can read, leaving no process behind."""

import shutil
import time
import uuid
from pathlib import Path

import nbformat
import pytest

from jjj import build

MARK = "JJJ_TEST_RUN"  # set in the test's environment, which the kernels inherit


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
    nb.metadata = {"kernelspec": dict(build.KERNELSPEC), "language_info": {"name": "python"}}
    nbformat.write(nb, path)
    return path


def _printed(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells for o in c.outputs)


def test_each_edition_runs_in_its_kernel_with_its_settings_the_cleaning_notebook_first(tmp_path):
    first = _notebook(tmp_path / "00_first.ipynb", "import time; time.sleep(1)\n"
                      "open(__import__('os').environ['JJJ_OUT'] + '/first', 'w').close()")
    show = "import os; print(os.environ['JJJ_LANG'], os.environ['JJJ_OUT'])\n"
    # the kernel's sockets: Unix sockets of its own, no TCP port that another process's kernel
    # starting at the same moment could take (jjj.build.execute)
    transport = "from ipykernel.kernelapp import IPKernelApp; print(IPKernelApp.instance().transport)\n"
    then = _notebook(tmp_path / "01_then.ipynb",
                     show + "print(os.path.exists(os.environ['JJJ_OUT'] + '/first'))\n" + transport)
    to_run = build.editions(("zh", "en"), root=tmp_path / "out")
    for edition in to_run:
        edition.out.mkdir(parents=True)
    zh, en = build.execute_all(to_run, paths=[then, first])
    assert [p.name for p in zh] == [p.name for p in en] == ["00_first.ipynb", "01_then.ipynb"]
    assert _printed(zh[1]) == f"zh {tmp_path / 'out' / 'zh'}\nTrue\nipc\n"
    assert _printed(en[1]) == f"en {tmp_path / 'out' / 'en'}\nTrue\nipc\n"
    counts = [c.execution_count for c in nbformat.read(zh[0], as_version=4).cells]
    assert counts == [1]  # a fresh kernel counts from 1


def _left_behind(mark: str, within: float = 20) -> list[str]:
    """The processes started with ``MARK=mark`` (the kernels) still running after ``within`` s."""
    import psutil

    deadline = time.monotonic() + within
    while True:
        left = []
        for proc in psutil.process_iter():
            try:
                if proc.status() != psutil.STATUS_ZOMBIE and proc.environ().get(MARK) == mark:
                    left.append(" ".join(proc.cmdline())[:120])
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def test_a_failing_notebook_says_which_cell_and_what_in_a_few_lines(tmp_path, monkeypatch, capsys):
    """A planted failure: the message names the notebook, the cell, the failing line and the
    assertion's message; what runs beside it finishes, nothing after it starts, and no kernel is
    left behind."""
    mark = uuid.uuid4().hex
    monkeypatch.setenv(MARK, mark)
    failing = _notebook(tmp_path / "00_fails.ipynb", "x = 1",
                        "share = 0.62\nassert share < 0.5, f'the share is {share}, not below half'")
    beside = _notebook(tmp_path / "00_beside.ipynb", "import time; time.sleep(2)")
    after = _notebook(tmp_path / "01_after.ipynb", "1 + 1")
    edition = build.Edition("zh", tmp_path / "out", tmp_path / "done")
    with pytest.raises(build.NotebookFailed) as failed:
        build.execute_all([edition], paths=[failing, beside, after])
    message = str(failed.value)
    assert message.splitlines() == [
        "00_fails.ipynb: code cell 2 (id cell-1) failed",
        "  ----> 2 assert share < 0.5, f'the share is {share}, not below half'",
        "  AssertionError: the share is 0.62, not below half"], message
    assert (edition.dest / beside.name).exists() and not (edition.dest / after.name).exists()
    assert not _left_behind(mark)

    monkeypatch.setattr(build, "report",
                        lambda langs, pdf=False, force=False: build.execute_all([edition], [failing]))
    assert build.main([]) == 1
    assert capsys.readouterr().err.strip() == f"notebook failed: {message}"


def test_a_cleaning_that_wrote_other_tables_than_it_read_runs_once_more(tmp_path, monkeypatch):
    """The cleaning names what it shows from the tables it wrote last (a heading, a label): when a
    run of it writes other tables, it runs again in the same report, and the notebooks after it
    run once; when its tables come out the same, it runs once. (Kernels aside: each run here writes its
    notebook and, for the cleaning, the bytes of its tables; a key is what a run reads.)"""
    tables = {"zh": b"old"}  # what the cleaning of the edition wrote last
    writes = []  # what each run of the cleaning writes, in turn

    def run(path, edition):
        made = edition.dest / path.name
        made.write_text(f"{path.name} read {tables[edition.lang]!r}")
        if path.name.startswith("00_"):
            tables[edition.lang] = writes.pop(0)
        return made

    monkeypatch.setattr(build, "_run", run)
    source = {"text": "v1"}  # what else the runs read (the raw text, the page settings ...)
    monkeypatch.setattr(build, "run_key",
                        lambda path, edition: f"{path.name} {source['text']} {tables[edition.lang]!r}")
    edition = build.Edition("zh", None, tmp_path)
    runs = build.Runs()
    runs.path, runs.keys = tmp_path / "runs.json", {}
    paths = [tmp_path / "00_clean.ipynb", tmp_path / "01_area.ipynb"]

    writes[:] = [b"new", b"new"]  # a heading changed: the first run writes new tables
    (cleaning, area), = build.execute_all([edition], paths, runs)
    assert not writes and cleaning.read_text() == "00_clean.ipynb read b'new'"
    assert area.read_text() == "01_area.ipynb read b'new'"
    writes[:] = [b"new"]  # nothing changed since: nothing runs
    build.execute_all([edition], paths, runs)
    assert writes == [b"new"]
    source["text"] = "v2"  # a comment in the page settings: its tables come out the same, once
    writes[:] = [b"new", b"new"]
    build.execute_all([edition], paths, runs)
    assert writes == [b"new"] and area.read_text() == "01_area.ipynb read b'new'"


def test_each_run_is_keyed_on_the_tables_its_edition_reads(tmp_path):
    """A run's key holds the processed tables as its edition reads them: the English edition's
    own copy, once it has one (a copy of the same bytes is no change; other bytes are), a table
    only that copy has; never the headline table, which only the site reads."""
    from jjj import config

    english = build.Edition("en", tmp_path / "en", tmp_path / "en" / "notebooks")
    runs = build.notebook_paths()[:2]  # the cleaning and an area notebook

    def keys():
        return [build.run_key(p, english) for p in runs]

    before = keys()
    copy = english.out / config.PROCESSED.relative_to(config.ROOT)
    shutil.copytree(config.PROCESSED, copy)
    assert keys() == before
    (copy / config.HEADLINE_CSV.name).write_bytes(b"another headline")
    assert keys() == before
    (copy / config.FIGURES_CSV.name).write_bytes(config.FIGURES_CSV.read_bytes() + b"\n")
    changed = keys()
    assert all(a != b for a, b in zip(changed, before, strict=True))
    (copy / "more.csv").write_bytes(b"a\n")
    assert all(a != b for a, b in zip(keys(), changed, strict=True))
