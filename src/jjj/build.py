"""``make report``: ``python -m jjj.build [--article SLUG] [--lang zh] [--lang en]`` (default: every
article, each in a process of its own; both editions).

For one article: syncs each notebook with its text pair (``jupytext --sync``), executes every
notebook in each edition in a fresh kernel (nbclient, as nbval runs it; the article and the
edition reach the kernel as ``JJJ_ARTICLE`` and ``JJJ_LANG``, where it writes as ``JJJ_OUT``), and
renders each edition's site (``jjj.site``): Chinese in ``build/<slug>/html`` from the notebooks
executed in place (they write ``data/<slug>/processed`` and ``figures/<slug>``), English in
``build/<slug>/html/en`` from copies executed into ``build/<slug>/en``. Executed notebooks are
normalised (no timings, no stray metadata; the kernel's ``language_info`` whole, which
JupyterLab compares with its kernel's): a rerun changes no byte. Only what changed runs again
(see "what changed" below; ``--force`` runs all). A failure names the notebook, the cell and
the error (an article's bad row or sentence, in its words), never a traceback.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat

from jjj import config
from jjj.i18n import MissingTranslation
from jjj.io import InputError, replace_atomically

KERNELSPEC = {"display_name": "Python 3 (jjj)", "language": "python", "name": config.KERNEL_NAME}
LANGUAGE_INFO_KEYS = ("name", "version", "codemirror_mode", "file_extension", "mimetype",
                      "nbconvert_exporter", "pygments_lexer")


class NotebookFailed(Exception):
    """A notebook stopped with an error; the message says which notebook, which cell and what."""


@dataclass(frozen=True)
class Edition:
    lang: str  # where its kernels write (out; None: the repository), where its notebooks go (dest)
    out: Path | None
    dest: Path


def editions(langs=config.LANGS, root: Path | None = None) -> list[Edition]:
    """The report's editions: Chinese in place, the others in ``build/<lang>``; with a ``root``,
    each edition in ``root/<lang>`` (nothing in the repository changes)."""
    return [Edition("zh", None, config.NOTEBOOKS) if lang == "zh" and root is None else
            Edition(lang, (root or config.BUILD) / lang, (root or config.BUILD) / lang / "notebooks")
            for lang in langs]


def notebook_paths() -> list[Path]:
    return sorted(config.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def normalize(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes between identical runs (timings, stray metadata); keep the kernel's
    ``language_info`` as it reports it."""
    info = nb.metadata.get("language_info", {})
    nb.metadata = nbformat.from_dict({"kernelspec": dict(KERNELSPEC), "language_info": {
        k: info[k] for k in LANGUAGE_INFO_KEYS if k in info}})
    for cell in nb.cells:
        for key in ("execution", "collapsed", "scrolled", "jupyter", "ExecuteTime"):
            cell.metadata.pop(key, None)
    return nb


def _failure(path: Path, nb: nbformat.NotebookNode) -> str:
    """Three lines: the notebook and the cell (its number among code cells, its id), the cell's
    line that failed, and the error (an assertion's message, an exception's last line)."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    for n, cell in enumerate(code, start=1):
        for out in (o for o in cell.outputs if o.output_type == "error"):
            frames = [re.sub(r"\x1b\[[0-9;]*m", "", f) for f in out.traceback]
            own = [f for f in frames if f.startswith("Cell In[")][-1:]  # the frame of the cell
            arrows = [f"  {line.strip()}" for f in own for line in f.splitlines()
                      if re.match(r"\s*-+> ", line)]
            return "\n".join([f"{path.name}: code cell {n} (id {cell.id}) failed", *arrows[:1],
                              f"  {out.ename}: {out.evalue}".rstrip()])
    return f"{path.name}: failed without an error output"


def execute(path: Path, edition: Edition) -> nbformat.NotebookNode:
    """Execute one notebook in one edition in a fresh kernel; return it normalised, or raise
    :class:`NotebookFailed`."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from traitlets.config import Config

    nb = nbformat.read(path, as_version=4)
    if edition.lang != "zh":  # markdown from the catalog; code cells translate themselves
        from jjj.i18n import translate_notebook

        translate_notebook(nb, edition.lang)
    env = {k: v for k, v in os.environ.items() if k != "JJJ_OUT"}
    env |= {"JJJ_LANG": edition.lang, "JJJ_ARTICLE": config.ARTICLE}
    env |= {"JJJ_OUT": str(edition.out)} if edition.out else {}
    # The kernel's own log off (the notebook's warnings still reach its outputs). Once its last
    # cell has answered (its outputs all in) it is stopped at once, as nbval stops its kernels; a
    # graceful shutdown asks it to stop and polls until it has (measured: 2 s of a 29 s report,
    # and nothing of the notebooks' runs at exit). It talks over
    # Unix sockets in a folder of its own, not TCP ports, which kernels started at the same moment
    # by other processes (nbval's, in a test run) could take, killing it at start.
    with tempfile.TemporaryDirectory(prefix="jjj-kernel-") as sockets:
        ipc = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}})
        client = NotebookClient(nb, kernel_name=config.KERNEL_NAME, timeout=600, record_timing=False,
                                shutdown_kernel="immediate",
                                extra_arguments=["--IPKernelApp.log_level=ERROR"], config=ipc,
                                resources={"metadata": {"path": str(config.NOTEBOOKS)}})
        try:
            client.execute(env=env)
        except CellExecutionError:
            raise NotebookFailed(_failure(path, nb)) from None
    return normalize(nb)


def notebook_bytes(nb: nbformat.NotebookNode) -> bytes:
    """A notebook as ``make report`` writes it (nbformat's JSON and a final newline, as Jupyter
    saves it)."""
    return (nbformat.writes(nb) + "\n").encode()


def _run(path: Path, edition: Edition) -> Path:
    dest = edition.dest / path.name
    replace_atomically(dest, notebook_bytes(execute(path, edition)))
    print(f"  executed {path.name} ({edition.lang})", flush=True)
    return dest


# ------------------------------------------------------------------ what changed
# A run (a notebook in an edition) is keyed by a hash of what it reads: its text, the engine
# (src/jjj), the lock, the edition, the article's own code and catalogs, and the article's data.
# The cleaning (00_) reads every hand-kept file of data/<slug>/ (the raw text, the codebook, the
# page settings, the registries, the evidence), and the tables it wrote last, from which it names
# the areas and figures it shows while it builds the new ones; so when a run of it writes other
# bytes (a heading or a label changed), it runs once more, in the same report, to show them. The
# other notebooks read what the cleaning wrote and the registries, never the raw text, the
# codebook or the page settings. Every run reads the processed tables as its edition does (the
# English edition its own copy), not the headline table, which only the site reads. A run whose
# key is the one recorded in build/<slug>/runs.json, and whose notebook is there, is not run
# again; so the notebooks after the cleaning run again only when the cleaning wrote other bytes.
# ``--force`` (make report FORCE=1) runs everything.

def _files(folder: Path, skip: tuple[str, ...] = ()) -> list[Path]:
    """Every file under ``folder`` (none hidden, no Python cache), but those whose first part
    below ``folder`` is in ``skip``."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                  and not p.name.startswith(".") and p.relative_to(folder).parts[0] not in skip)


def digest(paths: list[Path], *words: str) -> str:
    """One SHA-256 of files (their paths and their bytes) and words."""
    h = hashlib.sha256("\0".join(words).encode())
    for path in paths:
        h.update(f"\0{path}\0".encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@functools.cache
def _engine() -> str:
    return digest([*_files(config.ENGINE), config.PROJECT / "requirements.lock"])


def _tables(edition: Edition) -> list[str]:
    """The processed tables as ``edition`` reads them (its own copy of each where it has one:
    ``data.written``), each as its name and its bytes' SHA-256, not where it is: a copy of the
    same bytes is no change. The headline table aside, which only the site reads."""
    from jjj.data import written

    own = edition.out / config.PROCESSED.relative_to(config.ROOT) if edition.out else None
    names = {p.name for p in _files(config.PROCESSED)} if config.PROCESSED.is_dir() else set()
    names |= {p.name for p in _files(own)} if own and own.is_dir() else set()
    read = {name: written(config.PROCESSED / name, edition.out) if own else config.PROCESSED / name
            for name in sorted(names - {config.HEADLINE_CSV.name})}
    return [f"{name} {_made(path)}" for name, path in read.items()]


def run_key(path: Path, edition: Edition) -> str:
    """What the run of notebook ``path`` in ``edition`` reads, as one hash."""
    text = path.with_suffix(".md")
    hand_kept = () if path.name.startswith("00_") else ("raw", "codebook.csv", "page.toml")
    data = _files(config.DATA, skip=("processed", *hand_kept))
    own = [p for p in (config.NOTEBOOKS / "article.py",) if p.exists()]
    own += _files(config.LOCALES) if edition.lang != "zh" else []  # the catalog makes the others
    return digest([text if text.exists() else path, *own, *data], _engine(), edition.lang,
                  *_tables(edition))


def _made(path: Path) -> str:
    """A notebook's SHA-256; a site's, its front page's."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Runs:
    """The keys of the runs made (build/<slug>/runs.json), kept as each run succeeds. With
    ``force`` no run is fresh; the keys of the runs not made (another edition's) are kept."""

    def __init__(self, force: bool = False):
        self.path, self.lock, self.force = config.BUILD / "runs.json", threading.Lock(), force
        self.keys = json.loads(self.path.read_text("utf-8")) if self.path.exists() else {}
        self.made = 0  # notebook runs made in this report

    def fresh(self, name: str, key: str, made: Path) -> bool:
        """Whether the run ``name`` would read what its last run read, and what it made is there
        as it made it (a notebook whose outputs were cleared in JupyterLab runs again)."""
        return not self.force and made.exists() and self.keys.get(name) == [key, _made(made)]

    def record(self, name: str, key: str, made: Path) -> None:
        with self.lock:
            self.keys[name] = [key, _made(made)]
            self.made += not name.startswith("site ")
            replace_atomically(self.path, json.dumps(self.keys, indent=1, sort_keys=True).encode())


def execute_all(to_run: list[Edition], paths: list[Path] | None = None,
                runs: Runs | None = None) -> list[list[Path]]:
    """Execute every notebook (or ``paths``) in every edition, two at a time: the cleaning
    notebook (``00_``) first, then the others. With ``runs``, a run whose inputs are those of its
    last run is not made again (its key is computed when its stage starts, after the cleaning),
    and a cleaning that wrote other tables than it read runs once more (see "what changed").
    Returns each edition's executed notebooks. The first failure stops the run (what runs
    finishes, nothing new starts) and is raised."""
    paths = notebook_paths() if paths is None else paths
    first = [p for p in paths if p.name.startswith("00_")]
    done: dict[tuple[str, str], Path] = {}

    def one(p: Path, e: Edition, key: str) -> Path:
        made = _run(p, e)
        if runs is not None:
            runs.record(f"{p.name} {e.lang}", key, made)
        return made

    def settled(name: str, key: str, made: Path) -> bool:  # what the cleaning read, it wrote
        return runs.keys.get(name, [None])[0] == key

    fresh_ = runs.fresh if runs is not None else None
    stages = [(first, fresh_), *([(first, settled)] if runs is not None else []),
              ([p for p in paths if p not in first], fresh_)]
    with ThreadPoolExecutor(2) as pool:
        for stage, fresh in stages:
            keys = {(p.name, e.lang): run_key(p, e) for p in stage for e in to_run} if runs else {}
            todo = {}
            for p in stage:
                for e in to_run:
                    if fresh and fresh(f"{p.name} {e.lang}", keys[p.name, e.lang], e.dest / p.name):
                        if fresh is not settled:
                            print(f"  unchanged {p.name} ({e.lang})", flush=True)
                        done[p.name, e.lang] = e.dest / p.name
                    else:
                        todo[p.name, e.lang] = pool.submit(one, p, e, keys.get((p.name, e.lang), ""))
            try:
                for future in as_completed(todo.values()):
                    future.result()
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
            done |= {key: future.result() for key, future in todo.items()}
    return [sorted(p for (_, lang), p in done.items() if lang == e.lang) for e in to_run]


def site_key(notebooks: list[Path], lang: str, other: str | None) -> str:
    """What an edition's site is made of, as one hash: its executed notebooks, the files it
    offers for download (``site.data_files``), the charts, the front page and its catalog, the
    site's shell, the engine and the PDFs to link."""
    from jjj import site

    made = [*notebooks, *site.data_files(config.ROOT), *_files(config.FIGURES), *_files(config.SITE),
            *_files(site.SHELL), *sorted(site.pdf_dir().glob("*.pdf"))]
    return digest(made, _engine(), lang, other or "")


def report(langs: tuple[str, ...] = config.LANGS, pdf: bool = False, force: bool = False) -> None:
    if "zh" in langs:  # each pair in step (the side edited last wins); a new text makes a notebook
        from jupytext.cli import jupytext

        texts = [p for p in sorted(config.NOTEBOOKS.glob("[0-9][0-9]_*.md"))
                 if not p.with_suffix(".ipynb").exists()]
        jupytext(["--sync", "--quiet", *map(str, notebook_paths() + texts)])
    to_run = editions(langs)
    if force:  # build/<slug>/<lang> anew: nothing stale
        for edition in (e for e in to_run if e.out is not None):
            shutil.rmtree(edition.out, ignore_errors=True)
    runs = Runs(force)
    executed = execute_all(to_run, runs=runs)
    html = config.BUILD / "html"
    dest, other = {"zh": html, "en": html / "en"}, {"zh": "en/index.html", "en": "../index.html"}
    both = all(lang in langs or (dest[lang] / "index.html").exists() for lang in config.LANGS)
    from jjj import site

    if pdf or force or runs.made:  # never a PDF of an older report
        shutil.rmtree(site.pdf_dir(), ignore_errors=True)
    if pdf:  # before the sites, which link the PDFs
        for nbs, lang in zip(executed, langs, strict=True):
            printed = site.pdf(nbs, lang, site.pdf_dir() / f"jjj-{lang}.pdf")
            print(f"printed {printed.relative_to(config.ROOT)} and its summary")
    for nbs, lang in zip(executed, langs, strict=True):
        href = other[lang] if both else None
        key = site_key(nbs, lang, href)
        if runs.fresh(f"site {lang}", key, dest[lang] / "index.html"):
            print(f"unchanged {dest[lang].relative_to(config.ROOT)}")
            continue
        index = site.build_site(nbs, dest[lang], lang, href)
        runs.record(f"site {lang}", key, index)
        print(f"rendered {index.parent.relative_to(config.ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jjj.build", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--article", metavar="SLUG",
                        help="the article to build (default: every article, one after the other)")
    parser.add_argument("--lang", choices=config.LANGS, action="append",
                        help="an edition to build (repeat for several; default: all)")
    parser.add_argument("--force", action="store_true",
                        help="run every notebook and render every site, changed or not (make report FORCE=1)")
    parser.add_argument("--pdf", action="store_true",
                        help="also print each edition to build/<slug>/pdf/jjj-<lang>.pdf (needs Chromium)")
    args = parser.parse_args(argv)
    found = config.articles()
    if args.article is None and len(found) > 1:  # each article in a process of its own
        for slug in found:
            print(f"{slug}:", flush=True)
            rest = argv if argv is not None else sys.argv[1:]
            done = subprocess.run([sys.executable, "-m", "jjj.build", "--article", slug, *rest])
            if done.returncode:
                return done.returncode
        return 0
    if args.article is not None:
        os.environ["JJJ_ARTICLE"] = args.article
    try:
        config.ARTICLE  # noqa: B018  (chosen here: an unknown name is an error, not a traceback)
        report(tuple(dict.fromkeys(args.lang or config.LANGS)), pdf=args.pdf, force=args.force)
    except (config.NoArticle, InputError, MissingTranslation) as err:  # what to fix, where
        print(f"error: {err.args[0]}", file=sys.stderr)
        return 2
    except NotebookFailed as failure:
        print(f"\nnotebook failed: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
