"""Execute the notebooks in order and render them to a self-contained HTML site.

``python -m jjj.build report [--lang zh|en]``
    zh: sync each notebook with its text twin (``jjj.pairs``: the side edited last wins),
    execute every notebook in place (the committed notebooks hold their outputs), rewrite the
    text twins from the executed notebooks, write ``data/processed`` and ``figures``, render
    ``build/html``.
    en: execute copies with ``JJJ_LANG=en`` and ``JJJ_OUT=build/en`` (nothing committed changes),
    render ``build/html/en``.
``python -m jjj.build execute --out DIR``
    execute copies with every write redirected to DIR (the freshness test uses this).

Execution uses nbclient with the project kernel. ``00_clean_figures`` runs first (it builds the
dataset), the area notebooks run two at a time, ``08_report`` last. Each executed notebook is
normalised (no timings, no interpreter version) so that a rerun on an unchanged checkout writes
the same bytes.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import html
import io
import os
import re
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
TEMPLATES = Path(__file__).resolve().parent / "templates"
INDEX_LABEL = {"zh": "目录", "en": "Contents"}


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


def execute_all(lang: str, out: Path | None, dest_dir: Path, jobs: int = 2) -> list[Path]:
    results: list[Path] = []
    for stage in stages(notebook_paths()):
        tasks = [(p, lang, out, dest_dir / p.name) for p in stage]
        if len(tasks) == 1 or jobs == 1:
            results += [_execute_to(t) for t in tasks]
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results += list(pool.map(_execute_to, tasks))
    return results


# ---------------------------------------------------------------- HTML

def font_face_css(text: str) -> str:
    """An @font-face rule embedding just the glyphs ``text`` uses (WOFF, data: URI)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from jjj.style import FONT_FILE

    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]
    options.name_legacy = True
    # recalcBBoxes=False: the full font's bounding box holds for the subset, and recomputing it
    # (every CFF glyph drawn) was half of the rendering time
    font = TTFont(str(FONT_FILE), recalcTimestamp=False, recalcBBoxes=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text))))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return ("@font-face { font-family: 'JJJ Noto Sans SC'; "
            f"src: url(data:font/woff;base64,{data}) format('woff'); }}")


def _exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATES)],
        embed_images=True,
    )


def _visible_text(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        parts.append(cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            parts += [str(data.get(k, "")) for k in ("text/html", "text/markdown", "text/plain")]
            parts.append(str(out.get("text", "")))
    return "".join(parts)


def notebook_summary(nb: nbformat.NotebookNode, lang: str = "zh") -> dict:
    """Title (the first ``#`` line, or the second for English), question and first chart."""
    first_md = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    titles = [ln[2:].strip() for ln in first_md.splitlines() if ln.startswith("# ")] or [""]
    title = titles[1] if lang == "en" and len(titles) > 1 else titles[0]
    question = ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        m = re.search(r"\*\*(?:问题|Question)[^*]*\*\*[:：]?\s*(.+)", cell.source)
        if m:
            question = m.group(1).strip()
            break
    image = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "image/png" in out.get("data", {}):
                image = out["data"]["image/png"]
                break
        if image:
            break
    return {"title": title, "question": question, "image": image}


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="{lang_code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>
{font_css}
body {{ font-family: "JJJ Noto Sans SC", sans-serif; max-width: 980px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.5; }}
h1 {{ font-size: 1.6em; margin-bottom: .2em; }}
.sub {{ color: #555; margin-top: 0; }}
.nb {{ display: flex; gap: 1.2em; align-items: center; border-top: 1px solid #ddd;
      padding: .9em 0; }}
.nb img {{ width: 260px; height: auto; border: 1px solid #eee; flex: none; }}
.nb .noimg {{ width: 260px; flex: none; color: #999; text-align: center; }}
.nb h2 {{ font-size: 1.1em; margin: 0 0 .3em; }}
.nb p {{ margin: 0; color: #444; }}
.lang {{ float: right; }}
</style>
</head>
<body>
<p class="lang">{lang_link}</p>
<h1>{title}</h1>
<p class="sub">{subtitle}</p>
{items}
</body>
</html>
"""

INDEX_TEXT = {
    "zh": {
        "title": "社会组织助力京津冀协同发展十年：数据笔记",
        "subtitle": "依据{outlet} {published} 报道《{title}》。所有数字均由原文抽取；约数以区间表示。",
        "lang_link": '<a href="en/index.html">English</a>',
        "noimg": "（无图表）",
    },
    "en": {
        "title": "Ten years of social organisations in Beijing–Tianjin–Hebei: data notebooks",
        "subtitle": "From the report 《{title}》, {outlet}, {published}. Every number is extracted "
                    "from the article's text; approximate figures are shown as ranges.",
        "lang_link": '<a href="../index.html">中文</a>',
        "noimg": "(no chart)",
    },
}


def render_site(notebooks: list[Path], dest: Path, lang: str) -> list[Path]:
    """Render each executed notebook and an index page into ``dest`` (build/html[/en])."""
    dest.mkdir(parents=True, exist_ok=True)
    exporter = _exporter()
    written = []
    books = {path: nbformat.read(path, as_version=4) for path in notebooks}
    # one subset for the edition: every page embeds the glyphs of all pages (about 100 KB),
    # subset once rather than once a page
    font_css = font_face_css("".join(_visible_text(nb) for nb in books.values())
                             + INDEX_LABEL[lang] + "←")
    for path, nb in books.items():
        resources = {
            "metadata": {"name": path.stem},
            "jjj_font_css": font_css,
            "jjj_index_label": INDEX_LABEL[lang],
        }
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        body = body.replace('<html lang="en">', f'<html lang="{_lang_code(lang)}">', 1)
        page = dest / f"{path.stem}.html"
        page.write_text(body, encoding="utf-8")
        written.append(page)
    return [render_index(notebooks, dest, lang), *written]


def render_index(notebooks: list[Path], dest: Path, lang: str) -> Path:
    """The index page: title, source, and per notebook its title, question and first chart.

    The link to the other edition appears only when that edition has been built.
    """
    from jjj import clean

    meta = {k: html.escape(v) for k, v in clean.headline(clean.load_article()).items()}
    text = INDEX_TEXT[lang] | {"subtitle": INDEX_TEXT[lang]["subtitle"].format(**meta)}
    other = dest / ("en/index.html" if lang == "zh" else "../index.html")
    if not other.exists():
        text["lang_link"] = ""
    items, all_text = [], ""
    for path in notebooks:
        info = notebook_summary(nbformat.read(path, as_version=4), lang)
        all_text += info["title"] + info["question"]
        img = (f'<img alt="{html.escape(info["title"])}" src="data:image/png;base64,'
               f'{info["image"].strip()}">' if info["image"]
               else f'<div class="noimg">{text["noimg"]}</div>')
        items.append(
            f'<div class="nb">{img}<div><h2><a href="{path.stem}.html">{html.escape(info["title"])}'
            f'</a></h2><p>{html.escape(info["question"])}</p></div></div>'
        )
    index = INDEX_TEMPLATE.format(
        lang_code=_lang_code(lang), font_css=font_face_css(all_text + "".join(text.values())),
        items="\n".join(items), **{k: v for k, v in text.items() if k != "noimg"},
    )
    (dest / "index.html").write_text(index, encoding="utf-8")
    return dest / "index.html"


def _lang_code(lang: str) -> str:
    return "zh-CN" if lang == "zh" else "en"


def report(lang: str, jobs: int = 2) -> None:
    t0 = time.perf_counter()
    if lang == "zh":
        pairs.sync_all()
        executed = execute_all("zh", None, config.NOTEBOOKS, jobs)
        site = config.BUILD / "html"
    else:
        out = config.BUILD / "en"
        executed = execute_all("en", out, out / "notebooks", jobs)
        site = config.BUILD / "html" / "en"
    pages = render_site(executed, site, lang)
    if lang == "en" and (config.BUILD / "html" / "index.html").exists():
        render_index(notebook_paths(), config.BUILD / "html", "zh")  # now links to English
    elif lang == "zh" and (site / "en" / "index.html").exists():
        render_index(sorted((config.BUILD / "en" / "notebooks").glob("*.ipynb")), site / "en", "en")
    print(f"rendered {len(pages)} pages to {site.relative_to(config.ROOT)} "
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
