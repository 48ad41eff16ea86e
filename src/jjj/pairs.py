"""Text twins of the notebooks: ``notebooks/NN_name.md`` (MyST markdown, through jupytext).

The pairing is declared once, in ``jupytext.toml`` at the repository root (no notebook carries it
in its metadata), so JupyterLab with jupytext saves both files, and so do the functions here.
The ``.md`` holds the cell sources only: it is what a reviewer reads in a diff. The ``.ipynb``
keeps the outputs (nbval compares them; the site shows them).

``sync(path)`` brings one pair into agreement, like ``jupytext --sync``: the side modified last
wins. When the text is newer, its cells replace the notebook's sources (outputs of unchanged cells
are kept; the notebook is executed afterwards by ``make report``); otherwise the text is rewritten
from the notebook. ``make report`` syncs every pair before it executes, and after execution
rewrites each text from the executed notebook, so the two always agree when it finishes.

``python -m jjj.pairs [--check]`` syncs every pair (or, with ``--check``, lists the pairs out of
sync and exits 1).
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import jupytext
import nbformat
from jupytext.combine import combine_inputs_with_outputs
from jupytext.config import load_jupytext_config

from jjj import config
from jjj.io import replace_atomically

CONFIG_FILE = config.ROOT / "jupytext.toml"
TEXT_SUFFIX = ".md"


def _write(path: Path, text: str) -> Path:
    """Atomic write in place (never redirected by $JJJ_OUT: these are sources); unchanged text
    is not rewritten, so its timestamp stays."""
    return replace_atomically(path, text.encode("utf-8"))


def _config():
    return load_jupytext_config(str(config.NOTEBOOKS / "x.ipynb"))


def text_format() -> str:
    """The text side of the pairing in jupytext.toml (``md:myst``)."""
    formats = _config().formats
    pairing = formats[0] if isinstance(formats, list) else formats
    text = [f for f in pairing.split(",") if not f.startswith("ipynb")]
    if len(text) != 1:
        raise ValueError(f"{CONFIG_FILE.name}: expected one text format paired with ipynb: {pairing}")
    return text[0]


def text_path(notebook: Path) -> Path:
    return Path(notebook).with_suffix(TEXT_SUFFIX)


def to_text(nb: nbformat.NotebookNode) -> str:
    """The text twin of a notebook, as jupytext writes it with the repository's configuration."""
    # jupytext.writes adds its own metadata to the notebook it is given: write from a copy
    return jupytext.writes(copy.deepcopy(nb), fmt=text_format(), config=_config())


def write_text(notebook: Path, nb: nbformat.NotebookNode | None = None) -> Path:
    """(Re)write the text twin of ``notebook`` from it; unchanged text is not rewritten."""
    nb = nb if nb is not None else nbformat.read(notebook, as_version=4)
    return _write(text_path(notebook), to_text(nb))


def in_sync(notebook: Path) -> bool:
    text = text_path(notebook)
    return text.exists() and text.read_text(encoding="utf-8") == to_text(
        nbformat.read(notebook, as_version=4))


def sync(notebook: Path) -> str:
    """Bring one pair into agreement; the side modified last wins. Returns what was done."""
    notebook = Path(notebook)
    text = text_path(notebook)
    nb = nbformat.read(notebook, as_version=4)
    if not text.exists():
        write_text(notebook, nb)
        return "created"
    current = text.read_text(encoding="utf-8")
    if current == to_text(nb):
        return "in sync"
    if text.stat().st_mtime > notebook.stat().st_mtime:
        from jjj.build import normalize  # the notebook is rewritten the way build writes it

        source = jupytext.reads(current, fmt=text_format(), config=_config())
        merged = nbformat.from_dict(combine_inputs_with_outputs(source, nb, fmt=text_format()))
        for cell in merged.cells:  # new cells get an id; edited code cells lose stale outputs
            cell.setdefault("id", nbformat.v4.new_code_cell().id)
        _write(notebook, nbformat.writes(normalize(merged)) + "\n")
        write_text(notebook, merged)  # the text in the canonical form jupytext writes
        return "notebook updated from text"
    write_text(notebook, nb)
    return "text updated from notebook"


def sync_all(paths: list[Path] | None = None, quiet: bool = False) -> dict[Path, str]:
    from jjj.build import notebook_paths

    done = {p: sync(p) for p in (paths if paths is not None else notebook_paths())}
    if not quiet:
        for p, what in done.items():
            if what != "in sync":
                print(f"  {p.name} ↔ {text_path(p).name}: {what}", flush=True)
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jjj.pairs", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="list the pairs out of sync, exit 1 if any")
    args = parser.parse_args(argv)
    from jjj.build import notebook_paths

    if args.check:
        stale = [p for p in notebook_paths() if not in_sync(p)]
        for p in stale:
            print(f"out of sync: {p.relative_to(config.ROOT)} ↔ {text_path(p).name}")
        return 1 if stale else 0
    sync_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
