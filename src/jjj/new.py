"""Start an article: ``python -m jjj.new <slug> <text file> [--root DIR]``.

It makes the article's folders, one in each of the project's top-level folders and named alike
(``data/<slug>/``, ``notebooks/<slug>/``, ``figures/<slug>/``), copies the text byte for byte to
``data/<slug>/raw/article.txt`` with a ``SOURCE.md`` to complete, and drafts what the analyst
fills in:

- ``codebook.csv``: one row per number the extractor finds (``jjj.quantities``), with the words
  before it that tell it apart, its status ``todo`` (the cleaning refuses a ``todo`` row and names
  it: each becomes a ``figure`` with its area and what it counts, or ``excluded`` with a reason);
- ``page.toml``: the page settings (``jjj.clean.load_page``), the seed's as a start, its
  heading to be written for this page;
- ``areas.csv``, ``metrics.csv``, ``vocabulary.csv``, ``windows.csv``: the registries, their
  headers and the rows every article has.

It never writes over anything: an article folder that exists stops it, and so does a text that
is missing, empty or not UTF-8 (the error names the file). ``--root`` starts the article in
another copy of the project (a scratch folder).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
from pathlib import Path

from jjj import config
from jjj.io import InputError, read_text, replace_atomically
from jjj.quantities import find_quantities

SLUG = re.compile(r"[a-z][a-z0-9-]{1,40}")
CODEBOOK_COLUMNS = ["id", "status", "area", "section", "kind", "surface", "before", "after", "metric",
                    "counts", "who", "org_kind", "window", "measure", "span", "label_zh", "label_en",
                    "reason", "reason_zh"]
BEFORE = 6  # characters before a number that tell it apart, at the least
SOURCE_TEMPLATE = """# Source of `article.txt`

| field | value |
|---|---|
| outlet | TODO: the outlet, in Chinese (and in English) |
| title | TODO: the title as printed |
| published | TODO: YYYY-MM-DD HH:MM (as printed in the dateline) |
| address | TODO: the address of the page the text was taken from |
| reporter | TODO: the byline as printed |
| file | `article.txt`, UTF-8, {chars} characters, {size} bytes |
| SHA-256 | `{sha}` |
| obtained | TODO: how and when the text was captured |

**This folder is never written by the pipeline.**
"""
PAGE_TEMPLATE = """# How this article's page is laid out (jjj.clean.load_page): regular expressions, each
# matched against a line or a sentence of raw/article.txt. Started from the first article's
# settings: check each against this page, and write the heading that opens each area's paragraph.
# A page that prints no dateline: dateline = '' (raw/SOURCE.md's published then dates it).
{body}"""
REGISTRY_HEADERS = {
    "areas.csv": "area,order,name_en,metaphor_en,color,headline_figure,headline_metric,name_zh\n"
                 "overview,0,TODO: what the figures outside every area are,,#949494,,,TODO\n",
    "metrics.csv": "area,key,kind,numerator,denominator,scale,label_zh,label_en,unit_zh,unit_en,"
                   "assumes_zh,assumes_en\n",
    "vocabulary.csv": "column,code,label_zh,label_en,color\n",
}
GENERIC_SPANS = ("unknown", "at_publication", "event")  # windows every article can have


def _draft_rows(text: str) -> list[dict[str, str]]:
    """A codebook row per number found, told apart by the words before it (and after it, when
    two numbers read alike after the same words)."""
    found = find_quantities(text)
    rows = []
    for i, q in enumerate(found, start=1):
        start, before = q.start, BEFORE
        while True:
            context = text[max(0, start - before):start].split("\n")[-1]
            twins = [o for o in found if o is not q and o.surface == q.surface
                     and text[max(0, o.start - len(context)):o.start] == context]
            if not twins or len(context) < before or before > 40:
                break
            before += 4
        after = text[q.end:q.end + BEFORE].split("\n")[0] if twins else ""
        rows.append({"id": f"todo_{i:03d}", "status": "todo", "kind": q.kind, "surface": q.surface,
                     "before": context, "after": after, "label_zh": "", "label_en": "",
                     "reason": f"TODO ({q.kind}{', ' + str(q.value) if q.value is not None else ''})"})
    return rows


def _csv(rows: list[dict[str, str]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, columns, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def new(slug: str, text_file: Path | str, root: Path | None = None) -> dict[str, Path]:
    """Start the article ``slug`` from ``text_file`` under ``root`` (default: the project);
    return the paths made."""
    if not SLUG.fullmatch(slug):
        raise InputError(f"{slug!r}: an article's name is lowercase letters, digits and -, "
                         "starting with a letter (for example bjyouth-2024-04-19)")
    root = Path(root or config.ROOT)
    text_file = Path(text_file)
    text = read_text(text_file)  # missing, empty, not UTF-8: an error that names the file
    folders = {name: root / name / slug for name in ("data", "notebooks", "figures")}
    there = [str(p) for p in folders.values() if p.exists()]
    if there:
        raise InputError(f"{', '.join(there)}: already there: an article is started once "
                         "(choose another name, or remove the folders)")
    # everything is read and drafted before anything is written: a failure leaves no folder
    data = text_file.read_bytes()
    page = "\n".join(line for line in read_text(config.PAGE).splitlines() if not line.startswith("#"))
    windows = read_text(config.WINDOW_REGISTRY).splitlines()
    files = {
        "raw/SOURCE.md": SOURCE_TEMPLATE.format(chars=len(text), size=len(data),
                                                sha=hashlib.sha256(data).hexdigest()),
        "codebook.csv": _csv(_draft_rows(text), CODEBOOK_COLUMNS),
        "page.toml": PAGE_TEMPLATE.format(body=page.strip() + "\n"),
        **REGISTRY_HEADERS,
        "windows.csv": "\n".join([windows[0], *(line for line in windows[1:]
                                                if line.split(",")[0] in GENERIC_SPANS)]) + "\n",
    }
    for name in ("notebooks", "figures"):
        folders[name].mkdir(parents=True)
    (folders["data"] / "raw").mkdir(parents=True)
    made = {"article.txt": replace_atomically(folders["data"] / "raw" / "article.txt", data)}
    for name, content in files.items():
        made[Path(name).name] = replace_atomically(folders["data"] / name, content.encode("utf-8"))
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jjj.new", description=__doc__.split("\n\n")[0])
    parser.add_argument("slug", help="the article's name: lowercase letters, digits and -")
    parser.add_argument("text", help="the article's text, UTF-8")
    parser.add_argument("--root", help="the copy of the project to start it in (default: this one)")
    args = parser.parse_args(argv)
    try:
        made = new(args.slug, args.text, Path(args.root) if args.root else None)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    rows = read_text(made["codebook.csv"]).count("\n") - 1
    print(f"started {args.slug}: {rows} numbers in a draft codebook, {made['codebook.csv']}")
    print("next: complete raw/SOURCE.md, page.toml and the registries; make each codebook row a "
          "figure (its area, what it counts) or excluded (with a reason)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
