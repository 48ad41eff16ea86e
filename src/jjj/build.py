"""Execute the notebooks and render each edition's site (Sphinx, through ``jjj.site``).

``python -m jjj.build report [--lang zh] [--lang en]`` (default: both)
    Sync each notebook with its text pair (``jupytext --sync``, configured in ``jupytext.toml``),
    execute every notebook once per edition and render ``build/html`` (Chinese) and
    ``build/html/en`` (English). The Chinese edition executes the committed notebooks in place and
    writes ``data/processed`` and ``figures``; the English one executes copies into ``build/en``.
``python -m jjj.build execute --out DIR [--lang zh]``
    execute copies, each edition's notebooks and writes into ``DIR/<lang>``.

Each run is one notebook in one edition, in a fresh kernel of the project, as nbval runs it
(nbclient). The edition reaches the kernel through its environment: ``JJJ_LANG`` (the language)
and ``JJJ_OUT`` (where it writes; unset: the repository). ``00_clean_figures`` runs first, since
it writes the dataset that every other notebook reads; the others then run two at a time. Each
executed notebook is normalised (no timings, no interpreter version), so that a rerun on an
unchanged checkout writes the same bytes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import nbformat

from jjj import config
from jjj.io import replace_atomically

KERNELSPEC = {"display_name": "Python 3 (jjj)", "language": "python", "name": config.KERNEL_NAME}
# the kernel's own log (ipykernel's "running over TCP without encryption"); the notebook's
# warnings still reach its outputs
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
LANGUAGE_INFO_KEYS = ("name", "codemirror_mode", "file_extension", "mimetype",
                      "nbconvert_exporter", "pygments_lexer")
JOBS = 2


class NotebookFailed(Exception):
    """A notebook stopped with an error; the message says which notebook, which cell and what."""


@dataclass(frozen=True)
class Edition:
    """One edition's run: its language, where its kernels write (``out``; None: the
    repository) and the folder that receives its executed notebooks (``dest``)."""

    lang: str
    out: Path | None
    dest: Path


def editions(langs=config.LANGS, root: Path | None = None) -> list[Edition]:
    """The report's editions (``root`` None): Chinese in place, the others into ``build/<lang>``;
    with a ``root``, every edition into ``root/<lang>`` (nothing in the repository changes)."""
    def into(folder: Path) -> tuple[Path, Path]:
        return folder, folder / "notebooks"

    return [Edition("zh", None, config.NOTEBOOKS) if lang == "zh" and root is None
            else Edition(lang, *into((root or config.BUILD) / lang)) for lang in langs]


def notebook_paths() -> list[Path]:
    return sorted(config.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def stages(paths: list[Path]) -> list[list[Path]]:
    """The cleaning notebook, which writes the dataset, then all the others, which read it (no
    other notebook reads what another writes)."""
    first = [p for p in paths if p.name.startswith("00_")]
    return [s for s in (first, [p for p in paths if p not in first]) if s]


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


def _failure(path: Path, nb: nbformat.NotebookNode, error: Exception) -> str:
    """A few lines: the notebook, the cell (its number among code cells, its id), the cell's
    line that failed and the error's last line (an assertion's message)."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    for n, cell in enumerate(code, start=1):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                trace = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(out.traceback)).splitlines()
                arrows = [line.strip() for line in trace if re.match(r"\s*-+> ", line)]
                return "\n".join([f"{path.name}: code cell {n} (id {cell.get('id')}) failed",
                                   *[f"  {line}" for line in arrows[:1]],
                                   f"  {out.ename}: {out.evalue}".rstrip()])
    return f"{path.name}: {type(error).__name__}: {str(error).strip()[-300:]}"


def execute(path: Path, edition: Edition) -> nbformat.NotebookNode:
    """Execute one notebook in one edition in a fresh kernel; return it normalised. Raises
    :class:`NotebookFailed` with a short message when a cell fails."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    if edition.lang != "zh":  # markdown from the catalog; code cells translate themselves
        from jjj.i18n import translate_notebook

        translate_notebook(nb, edition.lang)
    env = {k: v for k, v in os.environ.items() if k != "JJJ_OUT"} | {"JJJ_LANG": edition.lang}
    if edition.out is not None:
        env["JJJ_OUT"] = str(edition.out)
    client = NotebookClient(nb, kernel_name=config.KERNEL_NAME, timeout=600, record_timing=False,
                            shutdown_kernel="immediate", extra_arguments=KERNEL_ARGUMENTS,
                            resources={"metadata": {"path": str(config.NOTEBOOKS)}})
    try:
        client.execute(env=env)
    except CellExecutionError as error:
        raise NotebookFailed(_failure(path, nb, error)) from None
    return normalize(nb)


def _run(path: Path, edition: Edition) -> Path:
    t0 = time.perf_counter()
    text = nbformat.writes(execute(path, edition)) + "\n"
    dest = edition.dest / path.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(dest, text.encode("utf-8"))  # an unchanged notebook keeps its timestamp
    print(f"  executed {path.name} ({edition.lang}) in {time.perf_counter() - t0:.1f} s", flush=True)
    return dest


def execute_all(to_run: list[Edition], paths: list[Path] | None = None,
                jobs: int = JOBS) -> list[list[Path]]:
    """Execute every notebook (or ``paths``) in every edition, stage after stage, ``jobs`` at a
    time; return each edition's executed notebooks. The first failure stops the run (what is
    running finishes; nothing new starts) and is raised."""
    done: dict[tuple[str, str], Path] = {}
    with ThreadPoolExecutor(jobs) as pool:
        for stage in stages(notebook_paths() if paths is None else paths):
            runs = {(p.name, e.lang): pool.submit(_run, p, e) for p in stage for e in to_run}
            try:
                for future in as_completed(runs.values()):
                    future.result()  # the first failure is raised here
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
            done |= {key: future.result() for key, future in runs.items()}
    return [sorted(p for (_, lang), p in done.items() if lang == e.lang) for e in to_run]


def render_sites(tasks: list[tuple[list[Path], Path, str, str | None]]) -> list[Path]:
    """Render editions side by side, each task the arguments of ``site.build_site``, each in a
    process of its own (Sphinx keeps state per process); return the front pages."""
    from jjj import site

    with ProcessPoolExecutor(len(tasks), mp_context=get_context("spawn")) as pool:
        return list(pool.map(site.build_site, *zip(*tasks, strict=True)))


def sync_pairs() -> None:
    """``jupytext --sync`` of every notebook with its text pair (the side edited last wins); a
    text without its notebook yet makes one."""
    from jupytext.cli import jupytext

    stems = {p.with_suffix("") for p in config.NOTEBOOKS.glob("[0-9][0-9]_*.*")
             if p.suffix in (".ipynb", ".md")}
    paths = [s.with_suffix(".ipynb") if s.with_suffix(".ipynb").exists() else s.with_suffix(".md")
             for s in sorted(stems)]
    jupytext(["--sync", "--quiet", *map(str, paths)])


def report(langs: tuple[str, ...] = config.LANGS) -> None:
    """Execute the notebooks in each of ``langs`` and render each edition's site: Chinese in
    ``build/html``, English in ``build/html/en``, each linking to the other where it is built."""
    t0 = time.perf_counter()
    if "zh" in langs:
        sync_pairs()
    to_run = editions(langs)
    for edition in to_run:
        if edition.out is not None:  # build/<lang> is made anew: nothing stale stays
            shutil.rmtree(edition.out, ignore_errors=True)
    executed = execute_all(to_run)
    html = config.BUILD / "html"
    dest = {"zh": html, "en": html / "en"}
    other = {"zh": "en/index.html", "en": "../index.html"}
    built = set(langs) | {lang for lang, d in dest.items() if (d / "index.html").exists()}
    tasks = [(nbs, dest[lang], lang, other[lang] if set(config.LANGS) <= built else None)
             for nbs, lang in zip(executed, langs, strict=True)]
    for index in render_sites(tasks):
        print(f"rendered {index.parent.relative_to(config.ROOT)}")
    print(f"report in {time.perf_counter() - t0:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jjj.build", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    rep = sub.add_parser("report", help="execute every notebook and render the HTML site")
    ex = sub.add_parser("execute", help="execute copies, redirecting every write to --out")
    ex.add_argument("--out", type=Path, required=True)
    for command in (rep, ex):
        command.add_argument("--lang", choices=config.LANGS, action="append",
                             help="an edition (repeat for several; default: all for report, zh "
                                  "for execute)")
    args = parser.parse_args(argv)
    try:
        if args.cmd == "report":
            report(tuple(dict.fromkeys(args.lang or config.LANGS)))
        else:
            execute_all(editions(args.lang or ["zh"], root=args.out.resolve()))
    except NotebookFailed as failure:
        print(f"\nnotebook failed: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
