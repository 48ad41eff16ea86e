"""Execute the notebooks in order and render each edition's site (Sphinx, through ``jjj.site``).

``python -m jjj.build report [--lang zh] [--lang en]`` (default: both)
    Sync each notebook with its text twin (``jjj.pairs``: the side edited last wins), then
    execute each notebook in one kernel for every edition asked for:
    zh executes it in place (the committed notebooks hold their outputs), rewrites its text twin
    and writes ``data/processed`` and ``figures``; en executes it again in the same kernel with
    ``JJJ_LANG=en`` and ``JJJ_OUT=build/en`` (markdown from the catalog, ``jjj.i18n``; nothing
    committed changes). Then render ``build/html`` and ``build/html/en``, side by side.
``python -m jjj.build execute --out DIR``
    execute copies with every write redirected to DIR (the freshness test uses this).

Execution uses nbclient with the project kernel, in two lanes: processes that each keep one
kernel for every notebook they run (each notebook, like each edition, starts from an empty
namespace; the kernel's start and the imports are made once per lane). ``00_clean_figures`` runs
first (it builds the dataset), then the others, the longest first, each taken by the next free
lane. Meanwhile a process per edition loads Sphinx, so that rendering starts as soon as the last
notebook is done. Each executed notebook is normalised (no timings, no interpreter version,
execution counts from 1) so that a rerun on an unchanged checkout writes the same bytes. A
notebook run in a kernel that ran others gives the same bytes as in a kernel of its own: nbval
runs every committed notebook in a fresh kernel, and ``tests/test_build.py`` checks an English
edition run after the Chinese one, and notebooks run in lanes. When a notebook fails, the run
stops at once: the other lane is stopped with its kernel.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import signal
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from jjj import bytecode, config
from jjj.io import atomic_write_text

if TYPE_CHECKING:
    from nbclient import NotebookClient

KERNELSPEC = {"display_name": "Python 3 (jjj)", "language": "python", "name": config.KERNEL_NAME}
# the kernel process's own log (ipykernel's "running over TCP without encryption" on localhost);
# warnings of the notebook's code still reach the outputs
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
LANGUAGE_INFO_KEYS = ("name", "codemirror_mode", "file_extension", "mimetype",
                      "nbconvert_exporter", "pygments_lexer")


def notebook_paths() -> list[Path]:
    return sorted(config.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def stages(paths: list[Path]) -> list[list[Path]]:
    """Dependency order: the cleaning notebook, which writes the dataset, then every other
    notebook, which reads only that (none reads what another writes). In a stage the longest
    go first, so that no core idles at the end while one long notebook finishes; a notebook's
    size stands for its time (its charts are most of both)."""
    first = [p for p in paths if p.name.startswith("00_")]
    rest = sorted((p for p in paths if p not in first), key=lambda p: (-p.stat().st_size, p.name))
    return [s for s in (first, rest) if s]


def normalize(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes between identical runs: timings, interpreter version, stray metadata."""
    info = nb.metadata.get("language_info", {})
    nb.metadata = nbformat.from_dict({
        "kernelspec": dict(KERNELSPEC),
        "language_info": {k: info[k] for k in LANGUAGE_INFO_KEYS if k in info},
    })
    for cell in nb.cells:
        for key in ("execution", "collapsed", "scrolled", "jupyter", "ExecuteTime"):
            cell.metadata.pop(key, None)
    return nb


def _client(nb: nbformat.NotebookNode, km=None) -> NotebookClient:
    from nbclient import NotebookClient

    return NotebookClient(
        nb,
        km=km,
        kernel_name=config.KERNEL_NAME,
        timeout=600,
        record_timing=False,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(config.NOTEBOOKS)}},
        extra_arguments=KERNEL_ARGUMENTS,
    )


def _edition_cell(lang: str, out: Path | None) -> nbformat.NotebookNode:
    """A cell run before an edition in a kernel that has run another one: an empty namespace
    (the imported modules stay: that is what the reuse saves), no figure left open, and the
    edition's settings, which jjj reads from the environment at each use (``config.lang``,
    ``config.out_root``)."""
    settings = {"JJJ_LANG": lang, "JJJ_OUT": str(out) if out is not None else None}
    return nbformat.v4.new_code_cell(
        "get_ipython().run_line_magic('reset', '-f')\n"
        "import os as _os\n"
        "import matplotlib.pyplot as _plt\n"
        "_plt.close('all')\n"
        f"for _k, _v in {settings!r}.items():\n"
        "    _os.environ.pop(_k, None) if _v is None else _os.environ.__setitem__(_k, _v)\n"
        "del _os, _plt, _k, _v")


def _renumber(nb: nbformat.NotebookNode) -> None:
    """Execution counts 1, 2, ... as a fresh kernel gives them (a reused kernel counts on)."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    for n, cell in enumerate(code, start=1):
        cell.execution_count = n
        for output in cell.outputs:
            if "execution_count" in output:
                output.execution_count = n


@dataclass(frozen=True)
class Edition:
    """One edition's execution: its language, where its kernel writes (``out``; None: the
    repository) and the folder that receives its executed notebooks (``dest``)."""

    lang: str
    out: Path | None
    dest: Path


def execute(path: Path, lang: str = "zh", out: Path | None = None,
            km=None) -> nbformat.NotebookNode:
    """Execute one notebook with the project kernel and return it normalised.

    The kernel gets ``JJJ_LANG=lang`` and, with ``out``, ``JJJ_OUT=out`` (all writes go there);
    without ``out`` it writes to the repository.

    ``km`` is the manager of a running kernel, which may have run other notebooks, or another
    edition of this one (nbval's, in the tests): the edition runs in it after
    :func:`_edition_cell`, and the kernel is left running. One kernel then serves both
    editions: the imports, which cost as much as a notebook's own work, are made once. Without
    ``km``, a kernel is started for this notebook and stopped after it.
    """
    if km is None:
        return execute_editions(path, [Edition(lang, out, Path())])[0]
    nb = nbformat.read(path, as_version=4)
    if lang != "zh":  # the markdown from the catalog; code cells translate themselves (jjj.i18n)
        from jjj.i18n import translate_notebook

        translate_notebook(nb, lang)

    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_core.utils import run_sync

    nb.cells.insert(0, _edition_cell(lang, out))
    client = _client(nb, km)  # not its kernel: the client leaves it running

    async def run() -> None:
        # parent=km: whether the kernel lives is asked of its manager (is the process running?).
        # A client without one judges by heartbeats, and took a kernel that was slow to start
        # (a fresh set-up, no .pyc yet, both cores busy) for dead: "Kernel died before replying
        # to kernel_info".
        kc = AsyncKernelClient(parent=km)
        kc.load_connection_info(km.get_connection_info())  # ports and signing key
        kc.start_channels()
        try:
            # until the kernel's output channel reaches this client: outputs sent before
            # would be lost
            await kc.wait_for_ready(timeout=60)
            client.kc = kc
            await client.async_execute()
        finally:
            kc.stop_channels()

    run_sync(run)()
    del nb.cells[0]
    _renumber(nb)
    return normalize(nb)


def _new_kernel():
    """A manager of the project kernel, not started yet (:func:`_start_kernel`)."""
    from jupyter_client.manager import KernelManager

    return KernelManager(kernel_name=config.KERNEL_NAME)


def _start_kernel(km):
    km.start_kernel(cwd=str(config.NOTEBOOKS), extra_arguments=KERNEL_ARGUMENTS)
    return km


def execute_editions(path: Path, editions: list[Edition], km=None) -> list[nbformat.NotebookNode]:
    """Execute ``path`` once per edition, in order, in one kernel: ``km``'s, left running, or
    one started for it and stopped after it."""
    own = km is None
    km = _start_kernel(_new_kernel()) if own else km
    try:
        return [execute(path, e.lang, e.out, km=km) for e in editions]
    finally:
        if own:
            km.shutdown_kernel(now=True)


# A lane is a process that executes notebooks one after another in one kernel of its own, which
# it starts for its first notebook and keeps: each notebook, like each edition, starts from an
# empty namespace (_edition_cell), and the kernel's start and the libraries' imports are made
# once per lane, not once per notebook. Whether a kernel that ran other notebooks gives the
# same bytes as a fresh one is checked by nbval, which runs each committed notebook in a kernel
# of its own, and by tests/test_build.py (notebooks run in lanes against nbval's, byte for byte).
_LANE_KERNEL = None


def _lane_kernel():
    global _LANE_KERNEL
    if _LANE_KERNEL is None or not _LANE_KERNEL.is_alive():
        _LANE_KERNEL = _new_kernel()  # known before it starts: a lane stopped meanwhile finds it
        _start_kernel(_LANE_KERNEL)
    return _LANE_KERNEL


def _stop_lane_kernel() -> None:
    global _LANE_KERNEL
    if _LANE_KERNEL is not None:
        _LANE_KERNEL.shutdown_kernel(now=True)
        _LANE_KERNEL = None


def _execute_to(args: tuple[Path, list[Edition]]) -> list[Path]:
    path, editions = args
    t0 = time.perf_counter()
    written = []
    for edition, nb in zip(editions, execute_editions(path, editions, km=_lane_kernel()),
                           strict=True):
        dest = edition.dest / path.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        text = nbformat.writes(nb) + "\n"
        if dest.resolve().parent == config.NOTEBOOKS:
            from jjj import pairs

            atomic_write_text(dest, text)  # rewrites only when the bytes change
            pairs.write_text(dest, nb)  # the text twin follows the executed notebook
        else:  # copies under build/ or a test's folder, outside the $JJJ_OUT redirection
            dest.write_text(text, encoding="utf-8")
        written.append(dest)
    langs = "+".join(e.lang for e in editions)
    print(f"  executed {path.name} ({langs}) in {time.perf_counter() - t0:.1f} s", flush=True)
    return written


def _spawned(workers: int = 1) -> ProcessPoolExecutor:
    """A pool of processes started with ``spawn``: clean interpreters, not forks of this process,
    whose other pools' threads run meanwhile."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_pool_process)


def _pool_process() -> None:
    """The start of a pool's process.

    When the interpreter exits normally (the pool told it to stop), it leaves without tearing
    it down: a process that has built a site holds Sphinx's whole object graph, and freeing it
    took about 2 s at the end of every report. By then its results are sent; its output is
    flushed here. The exit handlers registered before this one (Python's own) are skipped, and
    the status is 0: the pool judges its processes by whether they are alive (a process that
    dies with work to do breaks the pool), never by their exit status.

    When it is stopped (SIGTERM: :func:`_abandon`), it kills its kernel first (:func:`_leave_now`).

    Pools start their processes with ``spawn``, which imports the main module again: a script
    that calls :func:`execute_all` or :func:`render_sites` needs the usual
    ``if __name__ == "__main__":`` guard."""
    import atexit

    def leave() -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)

    atexit.register(leave)
    signal.signal(signal.SIGTERM, _leave_now)


def _leave_now(signum, frame) -> None:
    """A lane told to stop (SIGTERM) kills its kernel's process group, removes its connection
    file and exits. (ipykernel would also exit once its parent has gone, but only if it had
    started to watch it: not when the lane is stopped while its kernel starts.)"""
    km = _LANE_KERNEL
    pid = getattr(getattr(km, "provisioner", None), "pid", None)
    if pid:
        try:
            os.killpg(pid, signal.SIGKILL)  # the kernel leads a session of its own
        except OSError:
            pass
        try:
            os.remove(km.connection_file)
        except OSError:
            pass
    os._exit(1)


def _abandon(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once, its running task too (after a failure elsewhere: its work is no
    longer wanted). Its processes get SIGTERM, and a lane kills its kernel (:func:`_leave_now`)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # 3.14: terminate_workers
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


def execute_all(editions: list[Edition], jobs: int = 2,
                paths: list[Path] | None = None) -> list[list[Path]]:
    """Execute every notebook (or ``paths``) for all ``editions``, stage after stage (see
    :func:`stages`), in ``jobs`` lanes (processes with a kernel each; one job: here); a free lane
    takes the next notebook of the stage. Returns each edition's notebooks.

    When a notebook fails, its error is raised at once: the other lanes are stopped with the
    notebook they were running, and no kernel is left behind."""
    results: list[list[Path]] = [[] for _ in editions]
    lanes = [_spawned() for _ in range(jobs)] if jobs > 1 else []
    used: set[ProcessPoolExecutor] = set()  # a pool starts its process for its first task
    done = False
    try:
        for stage in stages(notebook_paths() if paths is None else paths):
            for per_notebook in _run_stage(stage, editions, lanes, used):
                for i, dest in enumerate(per_notebook):
                    results[i].append(dest)
        done = True
    finally:
        _stop_lanes(lanes, used, done)
        _stop_lane_kernel()
    return [sorted(r, key=lambda p: p.name) for r in results]  # in the notebooks' order


def _stop_lanes(lanes: list[ProcessPoolExecutor], used: set, done: bool) -> None:
    """After a run, the lanes stop their kernels side by side (their processes exit meanwhile);
    after a failure, or when a lane cannot be asked (its process died), they are abandoned. A
    lane that ran nothing has no process: it is only shut."""
    stopping = []
    for lane in lanes:
        if lane not in used:
            lane.shutdown(wait=False)
            continue
        if done:
            try:
                stopping.append((lane, lane.submit(_stop_lane_kernel)))
                continue
            except RuntimeError:  # BrokenProcessPool (its process died), or shut down
                pass
        _abandon(lane)
    for lane, stopped in stopping:
        try:
            stopped.result()
            lane.shutdown(wait=False)
        except Exception:  # it died, or its kernel would not stop: the lane goes, and takes the
            _abandon(lane)  # kernel with it (_leave_now; if it died, ipykernel's parent watch)


def _run_stage(stage: list[Path], editions: list[Edition], lanes: list,
               used: set) -> list[list[Path]]:
    if not lanes:
        return [_execute_to((p, editions)) for p in stage]
    pending, free, running, done = list(stage), list(lanes), {}, []
    while pending or running:
        while pending and free:
            lane = free.pop(0)
            used.add(lane)
            running[lane.submit(_execute_to, (pending.pop(0), editions))] = lane
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            free.append(running.pop(future))
            done.append(future.result())
    return done


# ---------------------------------------------------------------- the report

def _render(task: tuple[list[Path], Path, str, str | None]) -> Path:
    from jjj import site

    return site.build_site(*task)


def _warm(lang: str) -> None:
    from jjj import site

    site.warm(lang)


class Renderers:
    """A process per edition, which renders it. In the report it starts before the notebooks
    execute and loads Sphinx (and for Chinese jieba's dictionary) while they run (``langs``), so
    that rendering starts as soon as they are done. With one job, editions render here, one
    after the other."""

    def __init__(self, langs: tuple[str, ...], jobs: int = 2, fresh: bool = False):
        self.jobs = jobs
        self.pools: dict[str, ProcessPoolExecutor] = {}
        # on a fresh set-up only the first edition loads Sphinx early: two processes would each
        # compile it (no .pyc yet), on the core that the first notebook leaves free
        early = langs[:1] if fresh else langs
        self.warming = [self._pool(lang).submit(_warm, lang) for lang in early] if jobs > 1 else []

    def _pool(self, lang: str) -> ProcessPoolExecutor:
        if lang not in self.pools:
            self.pools[lang] = _spawned()
        return self.pools[lang]

    def render(self, tasks: list[tuple[list[Path], Path, str, str | None]]) -> list[Path]:
        """Render each task (the arguments of ``site.build_site``) in its edition's process."""
        if self.jobs == 1:
            return [_render(t) for t in tasks]
        for warming in self.warming:
            warming.result()  # a failed import is reported here, not as a render's failure
        return [f.result() for f in [self._pool(t[2]).submit(_render, t) for t in tasks]]

    def __enter__(self) -> Renderers:
        return self

    def __exit__(self, error_type, *exc) -> None:
        for pool in self.pools.values():
            if error_type is None:
                pool.shutdown(cancel_futures=True)
            else:  # a render or the notebooks failed: what these processes do is not wanted
                _abandon(pool)


def render_sites(tasks: list[tuple[list[Path], Path, str, str | None]], jobs: int = 2) -> list[Path]:
    """Render several editions, each task the arguments of ``site.build_site``, side by side in
    processes of their own (Sphinx keeps state per process); return the front pages. An edition
    inside another (``html/en`` in ``html``) is kept when the outer one is built."""
    with Renderers((), jobs) as renderers:
        return renderers.render(tasks)


def editions(langs: tuple[str, ...]) -> list[Edition]:
    """The report's editions: Chinese executes the committed notebooks in place, the others
    execute copies into ``build/<lang>`` (nothing committed changes)."""
    return [Edition("zh", None, config.NOTEBOOKS) if lang == "zh" else
            Edition(lang, config.BUILD / lang, config.BUILD / lang / "notebooks")
            for lang in langs]


def report(langs: tuple[str, ...] = config.LANGS, jobs: int = 2) -> None:
    """Execute the notebooks once for all ``langs`` (in two lanes, see above) and render each
    edition's site with Sphinx (``jjj.site``): Chinese in ``build/html``, English in
    ``build/html/en``, each linking to the other when both are built."""
    t0 = time.perf_counter()
    compiling = bytecode.start(("kernel",))  # on a fresh set-up, on the core 00 leaves free
    done = False
    try:
        if "zh" in langs:
            from jjj import pairs

            pairs.sync_all()
        with Renderers(langs, jobs, fresh=bool(compiling)) as renderers:
            _report(langs, jobs, renderers)
        done = True
    finally:
        for process in compiling:
            if done:
                process.wait()
            else:  # a failed report does not wait for it (each .pyc is written whole or not)
                process.terminate()
    print(f"report in {time.perf_counter() - t0:.1f} s")


def _report(langs: tuple[str, ...], jobs: int, renderers: Renderers) -> None:
    to_run = editions(langs)
    for edition in to_run:
        if edition.out is not None:  # build/<lang>: made anew, nothing stale stays
            shutil.rmtree(edition.out, ignore_errors=True)
    executed = execute_all(to_run, jobs)
    html = config.BUILD / "html"
    both = set(config.LANGS) <= set(langs)
    other = {"zh": "en/index.html" if both or (html / "en" / "index.html").exists() else None,
             "en": "../index.html" if both or (html / "index.html").exists() else None}
    if "en" in langs and not both and other["en"] and "en/index.html" not in (
            html / "index.html").read_text("utf-8"):
        # the Chinese front page is to link to English: rebuild the Chinese site (no execution)
        langs, executed = (*langs, "zh"), [*executed, notebook_paths()]
    tasks = [(nbs, html / ("" if lang == "zh" else lang), lang, other[lang])
             for nbs, lang in zip(executed, langs, strict=True)]
    for index in renderers.render(tasks):
        print(f"rendered {index.parent.relative_to(config.ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jjj.build", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    rep = sub.add_parser("report", help="execute every notebook and render the HTML site")
    rep.add_argument("--lang", choices=config.LANGS, action="append",
                     help="an edition to build (repeat for several; default: all)")
    rep.add_argument("--jobs", type=int, default=2)
    ex = sub.add_parser("execute", help="execute copies, redirecting every write to --out")
    ex.add_argument("--out", type=Path, required=True)
    ex.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if args.cmd == "report":
        report(tuple(dict.fromkeys(args.lang or config.LANGS)), args.jobs)
    else:
        out = args.out.resolve()
        execute_all([Edition("zh", out, out / "notebooks")], args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
