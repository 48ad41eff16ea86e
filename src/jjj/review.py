"""A review page for a change: ``make review BASE=<ref>`` writes ``build/review/index.html``.

One self-contained page (images embedded, no script, no outside request) showing what the working
tree (or ``--head REF``) changes against ``BASE``:

1. **Values**: every row of every CSV in ``data/<slug>/processed/`` with an ``id`` column whose value,
   bounds, unit or qualifier changed (old against new), and the rows added or removed
   (``figures.csv``, ``derived.csv`` and any such table added later).
2. **Charts**: every changed ``figures/<slug>/*.png``, before and after side by side, with a pixel
   difference (changed pixels in red over a faded copy of the new chart) and their count.
3. **Notebooks**: every notebook whose cells changed, as nbdime's diff of the two notebooks
   (sources and outputs, cell by cell; cell ids and metadata ignored).
4. **Outputs**: files under ``figures/<slug>/`` and ``data/<slug>/processed/`` that are new or removed against
   BASE, and the stale ones: committed outputs that a fresh run of the notebooks writes
   differently, does not write, or writes without their being committed. The fresh run executes
   the notebooks into ``build/review/fresh`` (about as long as ``make report``); ``--no-execute``
   skips it, ``--fresh DIR`` reads an earlier run's output folder.

The BASE side is read with ``git show`` (so a clean clone of any two commits works: ``make review
BASE=HEAD~1``); nothing outside ``build/review`` is written.
"""

from __future__ import annotations

import argparse
import base64
import csv
import html
import io
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from jjj import config


def output_dirs() -> tuple[str, str]:
    """The article's folders that the notebooks write: its figures and its processed tables."""
    return tuple(p.relative_to(config.ROOT).as_posix() for p in (config.FIGURES, config.PROCESSED))


def notebook_dir() -> str:
    return config.NOTEBOOKS.relative_to(config.ROOT).as_posix()
VALUE_COLUMNS = ("value", "low", "high", "unit", "qualifier")


# ------------------------------------------------------------------ the two sides

def git(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=config.ROOT, check=True, capture_output=True).stdout


class GitSide:
    """Files of one commit, read through git (no checkout)."""

    def __init__(self, ref: str):
        self.commit = git("rev-parse", "--verify", f"{ref}^{{commit}}").decode().strip()
        self.label = f"{ref} ({self.commit[:7]})"
        self.subject = git("log", "-1", "--format=%s", self.commit).decode().strip()

    def files(self, folder: str) -> dict[str, bytes]:
        names = git("ls-tree", "-r", "-z", "--name-only", self.commit, "--", folder).decode()
        return {n: git("show", f"{self.commit}:{n}") for n in names.split("\0") if n}


class TreeSide:
    """Files of the working tree."""

    label = "working tree"
    subject = ""

    def __init__(self, root: Path = config.ROOT):
        self.root = root

    def files(self, folder: str) -> dict[str, bytes]:
        base = self.root / folder
        if not base.is_dir():
            return {}
        paths = [p for p in sorted(base.rglob("*"))
                 if p.is_file() and not p.name.startswith(".") and "__pycache__" not in p.parts]
        ignored = ignored_by_git(self.root, paths)
        return {p.relative_to(self.root).as_posix(): p.read_bytes() for p in paths
                if p not in ignored}


def ignored_by_git(root: Path, paths: list[Path]) -> set[Path]:
    """The ``paths`` that git ignores in ``root`` (a JupyterLab checkpoint, a cache: see
    .gitignore); none where ``root`` is not in a git work tree."""
    names = "\0".join(p.relative_to(root).as_posix() for p in paths)
    done = subprocess.run(["git", "check-ignore", "--stdin", "-z"], cwd=root, capture_output=True,
                          input=names.encode())
    return {root / name for name in done.stdout.decode().split("\0") if name}


# ------------------------------------------------------------------ comparisons

@dataclass
class TableChange:
    """Rows of one table: changed (id, [(column, old, new)], values or bounds changed?), added,
    removed."""
    path: str
    changed: list[tuple[str, list[tuple[str, str, str]], bool]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _rows(data: bytes) -> tuple[list[str], dict[str, dict[str, str]]] | None:
    reader = csv.DictReader(io.StringIO(data.decode("utf-8")))
    if not reader.fieldnames or "id" not in reader.fieldnames:
        return None
    return list(reader.fieldnames), {row["id"]: row for row in reader}


def compare_table(path: str, old: bytes | None, new: bytes | None) -> TableChange | None:
    """Rows of a CSV with an ``id`` column that changed (value, bounds, unit and qualifier
    first, then any other column); None when the table has no ``id`` column."""
    old_t = _rows(old) if old is not None else ([], {})
    new_t = _rows(new) if new is not None else ([], {})
    if old_t is None or new_t is None:
        return None
    (old_cols, old_rows), (new_cols, new_rows) = old_t, new_t
    cols = [c for c in dict.fromkeys(old_cols + new_cols) if c != "id"]
    cols = [c for c in VALUE_COLUMNS if c in cols] + [c for c in cols if c not in VALUE_COLUMNS]
    change = TableChange(path)
    change.added = [i for i in new_rows if i not in old_rows]
    change.removed = [i for i in old_rows if i not in new_rows]
    for key in (i for i in new_rows if i in old_rows):
        a, b = old_rows[key], new_rows[key]
        diffs = [(c, a.get(c, ""), b.get(c, "")) for c in cols if a.get(c, "") != b.get(c, "")]
        if diffs:
            change.changed.append((key, diffs, any(c in VALUE_COLUMNS for c, _, _ in diffs)))
    return change


def pixel_difference(old: bytes, new: bytes) -> tuple[bytes, int, int]:
    """A PNG showing the changed pixels in red over a faded copy of the new image, the number of
    changed pixels and the number of pixels (images of different sizes are compared on white)."""
    from PIL import Image, ImageChops

    a, b = (Image.open(io.BytesIO(x)).convert("RGB") for x in (old, new))
    size = (max(a.width, b.width), max(a.height, b.height))
    canvas = []
    for img in (a, b):
        c = Image.new("RGB", size, "white")
        c.paste(img, (0, 0))
        canvas.append(c)
    a, b = canvas
    mask = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v else 0)
    changed = mask.histogram()[255]
    faded = Image.blend(b.convert("L").convert("RGB"), Image.new("RGB", size, "white"), 0.75)
    faded.paste(Image.new("RGB", size, (220, 0, 0)), (0, 0), mask)
    buf = io.BytesIO()
    faded.save(buf, format="PNG", optimize=True)
    return buf.getvalue(), changed, size[0] * size[1]


def notebook_diff(old: bytes, new: bytes) -> str:
    """nbdime's diff of two notebooks (sources and outputs; ids and metadata ignored), as text with
    ANSI colours."""
    import nbformat
    from nbdime import diff_notebooks
    from nbdime.diffing.notebooks import set_notebook_diff_targets
    from nbdime.prettyprint import PrettyPrintConfig, pretty_print_diff

    set_notebook_diff_targets(sources=True, outputs=True, attachments=True, metadata=False,
                              identifier=False, details=False)
    a, b = (nbformat.reads(x.decode("utf-8"), as_version=4) for x in (old, new))
    diff = diff_notebooks(a, b)
    if not diff:
        return ""
    out = io.StringIO()
    pretty_print_diff(a, diff, "", PrettyPrintConfig(out=out, use_git=False, use_color=True))
    return out.getvalue()


ANSI = re.compile(r"\x1b\[([0-9;]*)m")
COLOURS = {"31": "del", "32": "ins", "34": "hdr", "36": "hunk"}


def ansi_to_html(text: str) -> str:
    """Colour escapes (red, green, blue, cyan, bold) to spans; everything else escaped."""
    parts, open_span = [], False
    pos = 0
    for m in ANSI.finditer(text):
        parts.append(html.escape(text[pos:m.start()]))
        pos = m.end()
        classes = [COLOURS[c] for c in m.group(1).split(";") if c in COLOURS]
        if open_span:
            parts.append("</span>")
            open_span = False
        if classes:
            parts.append(f'<span class="{" ".join(classes)}">')
            open_span = True
    parts.append(html.escape(text[pos:]))
    if open_span:
        parts.append("</span>")
    return "".join(parts)


def fresh_outputs(out: Path | None) -> dict[str, bytes] | None:
    if out is None:
        return None
    side = TreeSide(out)
    return {k: v for d in output_dirs() for k, v in side.files(d).items()}


def execute_fresh(dest: Path) -> Path:
    """Execute the working tree's notebooks with every write redirected to ``dest``."""
    import shutil

    from jjj import build

    shutil.rmtree(dest, ignore_errors=True)
    dest = dest.resolve()
    build.execute_all([build.Edition("zh", dest, dest / notebook_dir())])
    return dest


# ------------------------------------------------------------------ the page

@dataclass
class Review:
    base: str
    head: str
    tables: list[TableChange]
    charts: list[dict]
    notebooks: list[tuple[str, str]]
    new: list[str]
    removed: list[str]
    stale: list[str] | None
    unwritten: list[str] | None
    uncommitted: list[str] | None
    subjects: tuple[str, str] = ("", "")

    @property
    def empty(self) -> bool:
        return not (any(t.changed or t.added or t.removed for t in self.tables) or self.charts
                    or self.notebooks or self.new or self.removed or self.stale or self.unwritten
                    or self.uncommitted)


def review(base, head, fresh: dict[str, bytes] | None) -> Review:
    old = {k: v for d in output_dirs() for k, v in base.files(d).items()}
    new = {k: v for d in output_dirs() for k, v in head.files(d).items()}
    tables = []
    for path in sorted(set(old) | set(new)):
        table = path.startswith(f"{output_dirs()[1]}/") and path.endswith(".csv")
        if table and old.get(path) != new.get(path):
            change = compare_table(path, old.get(path), new.get(path))
            if change is not None:
                tables.append(change)
    charts = []
    for path in sorted(p for p in set(old) & set(new) if p.endswith(".png")):
        if old[path] != new[path]:
            diff, changed, total = pixel_difference(old[path], new[path])
            charts.append({"path": path, "old": old[path], "new": new[path], "diff": diff,
                           "changed": changed, "total": total})
    old_nb, new_nb = base.files(notebook_dir()), head.files(notebook_dir())
    notebooks = []
    for path in sorted(set(old_nb) | set(new_nb)):
        if not path.endswith(".ipynb"):
            continue
        if path not in old_nb:
            notebooks.append((path, "new notebook"))
        elif path not in new_nb:
            notebooks.append((path, "removed notebook"))
        elif old_nb[path] != new_nb[path]:
            text = notebook_diff(old_nb[path], new_nb[path])
            if text:
                notebooks.append((path, text))
    stale = unwritten = uncommitted = None
    if fresh is not None:
        stale = sorted(p for p in set(new) & set(fresh) if new[p] != fresh[p])
        unwritten = sorted(set(new) - set(fresh))
        uncommitted = sorted(set(fresh) - set(new))
    return Review(base.label, head.label, tables, charts, notebooks,
                  new=sorted(set(new) - set(old)), removed=sorted(set(old) - set(new)),
                  stale=stale, unwritten=unwritten, uncommitted=uncommitted,
                  subjects=(base.subject, head.subject))


CSS = """
body { max-width: 1400px; margin: 1.5em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; } h3 { font-size: 1.05em; }
table { border-collapse: collapse; margin: .5em 0 1em; } td, th { border: 1px solid #ddd; padding: 3px 8px;
  text-align: left; vertical-align: top; font-size: .9em; }
td.old { background: #fee; } td.new { background: #efe; }
.charts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
.charts figure { margin: 0; } .charts img { width: 100%; border: 1px solid #ddd; }
figcaption { font-size: .85em; color: #555; }
pre { background: #f8f8f8; padding: .6em; overflow-x: auto; font-size: .8em; white-space: pre-wrap; }
.del { color: #b00; } .ins { color: #070; } .hdr { color: #124; font-weight: bold; } .hunk { color: #088; }
.none { color: #777; }
"""


def _img(data: bytes, alt: str) -> str:
    return (f'<img alt="{html.escape(alt)}" src="data:image/png;base64,'
            f'{base64.b64encode(data).decode("ascii")}">')


def _list(items: list[str] | None, empty: str) -> str:
    if items is None:
        return f'<p class="none">{empty}</p>'
    if not items:
        return '<p class="none">none</p>'
    return "<ul>" + "".join(f"<li><code>{html.escape(i)}</code></li>" for i in items) + "</ul>"


def render(r: Review) -> str:
    e = html.escape
    out = [f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Review: {e(r.head)} "
           f"against {e(r.base)}</title><style>{CSS}</style></head><body>",
           f"<h1>Review: {e(r.head)} against {e(r.base)}</h1>"]
    for label, subject in zip((r.base, r.head), r.subjects, strict=True):
        if subject:
            out.append(f"<p><b>{e(label)}</b>: {e(subject)}</p>")
    n_values = sum(sum(v for _, _, v in t.changed) + len(t.added) + len(t.removed) for t in r.tables)
    out.append(f"<p>{n_values} rows whose value or bounds changed (or that were added or removed), "
               f"{len(r.charts)} charts and {len(r.notebooks)} notebooks "
               f"changed; {len(r.new)} new and {len(r.removed)} removed outputs; "
               + ("stale outputs not checked (--no-execute)." if r.stale is None else
                  f"{len(r.stale) + len(r.unwritten) + len(r.uncommitted)} stale outputs.") + "</p>")
    if r.empty:
        out.append('<p class="none">No change to the outputs or notebooks.</p>')

    out.append("<h2>Values</h2>")
    if not r.tables:
        out.append(f'<p class="none">No table in {output_dirs()[1]} changed.</p>')
    for t in r.tables:
        out.append(f"<h3><code>{e(t.path)}</code></h3>")
        if t.changed:
            out.append("<table><tr><th>id</th><th>column</th><th>old</th><th>new</th></tr>")
            for key, diffs, values in t.changed:
                for i, (col, a, b) in enumerate(diffs):
                    head = (f'<td rowspan="{len(diffs)}"><code>{e(key)}</code>'
                            + ("" if values else "<br><small>(labels only)</small>") + "</td>"
                            ) if i == 0 else ""
                    out.append(f'<tr>{head}<td>{e(col)}</td><td class="old">{e(a)}</td>'
                               f'<td class="new">{e(b)}</td></tr>')
            out.append("</table>")
        for label, ids in (("added rows", t.added), ("removed rows", t.removed)):
            if ids:
                out.append(f"<p>{label}: " + ", ".join(f"<code>{e(i)}</code>" for i in ids) + "</p>")
        if not (t.changed or t.added or t.removed):
            out.append('<p class="none">The file changed, but no row\'s values did.</p>')

    out.append("<h2>Charts</h2>")
    if not r.charts:
        out.append('<p class="none">No chart changed.</p>')
    for c in r.charts:
        share = c["changed"] / c["total"] if c["total"] else 0
        out.append(f"<h3><code>{e(c['path'])}</code>: {c['changed']:,} pixels differ ({share:.2%})</h3>"
                   '<div class="charts">'
                   f"<figure>{_img(c['old'], 'before')}<figcaption>before ({e(r.base)})</figcaption></figure>"
                   f"<figure>{_img(c['new'], 'after')}<figcaption>after ({e(r.head)})</figcaption></figure>"
                   f"<figure>{_img(c['diff'], 'difference')}<figcaption>difference: changed pixels in red"
                   "</figcaption></figure></div>")

    out.append("<h2>Notebooks</h2>")
    if not r.notebooks:
        out.append('<p class="none">No notebook\'s cells changed.</p>')
    for path, text in r.notebooks:
        out.append(f"<h3><code>{e(path)}</code></h3>")
        out.append(f"<p>{e(text)}</p>" if text in ("new notebook", "removed notebook")
                   else f"<pre>{ansi_to_html(text)}</pre>")

    out.append("<h2>Outputs</h2><h3>New against BASE</h3>" + _list(r.new, ""))
    out.append("<h3>Removed against BASE</h3>" + _list(r.removed, ""))
    unchecked = "not checked (run without --no-execute)"
    out.append("<h3>Stale: a fresh run writes them differently</h3>" + _list(r.stale, unchecked))
    out.append("<h3>Stale: committed, but no notebook writes them</h3>" + _list(r.unwritten, unchecked))
    out.append("<h3>Missing: a fresh run writes them, but they are not in the tree</h3>"
               + _list(r.uncommitted, unchecked))
    out.append("</body></html>\n")
    page = "\n".join(out)
    # Chinese labels and notebook text need a font on any machine: embed the glyphs used
    from jjj.site import font_face_css

    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", page)
    font = font_face_css(html.unescape(re.sub(r"<[^>]+>", "", text)))
    rule = "body, pre, code { font-family: 'JJJ Noto Sans SC', sans-serif; }"
    return page.replace("<style>", f"<style>{font}\n{rule}", 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jjj.review", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="HEAD", help="the commit to compare against (default HEAD)")
    parser.add_argument("--head", help="compare this commit instead of the working tree")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder of index.html (default: build/<slug>/review)")
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--no-execute", action="store_true", help="skip the fresh run (no stale check)")
    how.add_argument("--fresh", type=Path, help="a fresh run's output folder to check staleness against")
    args = parser.parse_args(argv)

    base = GitSide(args.base)
    args.out = args.out or config.BUILD / "review"
    head = GitSide(args.head) if args.head else TreeSide()
    fresh_dir = args.fresh
    if fresh_dir is None and not args.no_execute:
        if args.head:
            print("stale outputs are checked for the working tree only (no --head)", file=sys.stderr)
        else:
            fresh_dir = execute_fresh(args.out / "fresh")
    result = review(base, head, fresh_outputs(fresh_dir))
    args.out.mkdir(parents=True, exist_ok=True)
    page = args.out / "index.html"
    page.write_text(render(result), encoding="utf-8")
    print(f"{page}: {len(result.tables)} tables, {len(result.charts)} charts, "
          f"{len(result.notebooks)} notebooks changed against {result.base}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
