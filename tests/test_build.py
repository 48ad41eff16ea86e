"""``jjj.build``: the edition reaches each notebook's kernel, the cleaning notebook runs first, and
a failing notebook stops the run with a message a person can read, leaving no process behind."""

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
