"""Execute the notebooks in order and render each edition's site (Sphinx, through ``jjj.site``).

``python -m jjj.build report [--lang zh|en]``
    zh: sync each notebook with its text twin (``jjj.pairs``: the side edited last wins),
    execute every notebook in place (the committed notebooks hold their outputs), rewrite the
    text twins from the executed notebooks, write ``data/processed`` and ``figures``, render
    ``build/html``.
    en: execute copies with ``JJJ_LANG=en`` and ``JJJ_OUT=build/en`` (markdown from the catalog,
    ``jjj.i18n``; nothing committed changes), render ``build/html/en``.
``python -m jjj.build execute --out DIR``
    execute copies with every write redirected to DIR (the freshness test uses this).

Execution uses nbclient with the project kernel. ``00_clean_figures`` runs first (it builds the
dataset), the area notebooks run two at a time, ``08_report`` last. Each executed notebook is
normalised (no timings, no interpreter version) so that a rerun on an unchanged checkout writes
the same bytes.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from jjj import config, pairs
from jjj.io import atomic_write_text

KERNELSPEC = {"display_name": "Python 3 (jjj)", "language": "python", "name": config.KERNEL_NAME}
LANGUAGE_INFO_KEYS = ("name", "codemirror_mode", "file_extension", "mimetype",
                      "nbconvert_exporter", "pygments_lexer")


def notebook_paths() -> list[Path]:
    return sorted(config.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def stages(paths: list[Path]) -> list[list[Path]]:
    """Dependency order: the cleaning notebook, then the area notebooks, then the report."""
    first = [p for p in paths if p.name.startswith("00_")]
    last = [p for p in paths if p.name.startswith("08_")]
    middle = [p for p in paths if p not in first and p not in last]
    return [s for s in (first, middle, last) if s]


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


@contextlib.contextmanager
def _environment(**values: str | None):
    """Set (or, with None, remove) environment variables for the kernels started inside."""
    def apply(settings: dict) -> None:
        for k, v in settings.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v

    saved = {k: os.environ.get(k) for k in values}
    apply(values)
    try:
        yield
    finally:
        apply(saved)


def execute(path: Path, lang: str = "zh", out: Path | None = None) -> nbformat.NotebookNode:
    """Execute one notebook with the project kernel and return it normalised.

    The kernel gets ``JJJ_LANG=lang`` and, with ``out``, ``JJJ_OUT=out`` (all writes go there);
    without ``out`` it writes to the repository.
    """
    nb = nbformat.read(path, as_version=4)
    if lang != "zh":  # the markdown from the catalog; code cells translate themselves (jjj.i18n)
        from jjj.i18n import translate_notebook

        translate_notebook(nb, lang)
    client = NotebookClient(
        nb,
        kernel_name=config.KERNEL_NAME,
        timeout=600,
        record_timing=False,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(config.NOTEBOOKS)}},
        # the kernel process's own log (ipykernel's "running over TCP without encryption" on
        # localhost); warnings of the notebook's code still reach the outputs
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    with _environment(JJJ_LANG=lang, JJJ_OUT=str(out) if out is not None else None):
        client.execute()
    return normalize(nb)


def _execute_to(args: tuple[Path, str, Path | None, Path]) -> Path:
    path, lang, out, dest = args
    t0 = time.perf_counter()
    nb = execute(path, lang, out)
    dest.parent.mkdir(parents=True, exist_ok=True)
    text = nbformat.writes(nb) + "\n"
    if dest.resolve().parent == config.NOTEBOOKS:
        atomic_write_text(dest, text)  # rewrites only when the bytes change
        pairs.write_text(dest, nb)  # the text twin follows the executed notebook
    else:  # copies under build/ or a test's folder, outside the $JJJ_OUT redirection
        dest.write_text(text, encoding="utf-8")
    print(f"  executed {path.name} in {time.perf_counter() - t0:.1f} s", flush=True)
    return dest


def _execute_stage(stage: list[Path], lang: str, out: Path | None, dest_dir: Path,
                   jobs: int) -> list[Path]:
    tasks = [(p, lang, out, dest_dir / p.name) for p in stage]
    if len(tasks) == 1 or jobs == 1:
        return [_execute_to(t) for t in tasks]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_execute_to, tasks))


def execute_all(lang: str, out: Path | None, dest_dir: Path, jobs: int = 2) -> list[Path]:
    results: list[Path] = []
    for stage in stages(notebook_paths()):
        results += _execute_stage(stage, lang, out, dest_dir, jobs)
    return results


# ---------------------------------------------------------------- the report

def report(lang: str, jobs: int = 2) -> None:
    """Execute the edition's notebooks and render its site with Sphinx (``jjj.site``)."""
    from jjj import site

    t0 = time.perf_counter()
    html = config.BUILD / "html"
    if lang == "zh":
        pairs.sync_all()
        executed = execute_all("zh", None, config.NOTEBOOKS, jobs)
        dest = html
        # link to the English edition only when it has been built
        other = "en/index.html" if (html / "en" / "index.html").exists() else None
    else:
        out = config.BUILD / "en"
        executed = execute_all("en", out, out / "notebooks", jobs)
        dest = html / "en"
        other = "../index.html" if (html / "index.html").exists() else None
    index = site.build_site(executed, dest, lang, other)
    if lang == "en" and other and "en/index.html" not in (html / "index.html").read_text("utf-8"):
        # the Chinese front page now links to English: rebuild the Chinese site (no execution)
        site.build_site(notebook_paths(), html, "zh", "en/index.html")
    print(f"rendered the {lang} site to {index.parent.relative_to(config.ROOT)} "
          f"in {time.perf_counter() - t0:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jjj.build", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    rep = sub.add_parser("report", help="execute every notebook and render the HTML site")
    rep.add_argument("--lang", choices=config.LANGS, default="zh")
    rep.add_argument("--jobs", type=int, default=2)
    ex = sub.add_parser("execute", help="execute copies, redirecting every write to --out")
    ex.add_argument("--out", type=Path, required=True)
    ex.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if args.cmd == "report":
        report(args.lang, args.jobs)
    else:
        out = args.out.resolve()
        execute_all("zh", out, out / "notebooks", args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
