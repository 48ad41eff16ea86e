"""The report's site: executed notebooks rendered by Sphinx, myst-nb and sphinx-book-theme.

``build_site(notebooks, dest, lang, other_edition_href)`` renders notebooks that are already
executed (``make report`` executes them; the site executes nothing) into ``dest``:

- a page per notebook, with the theme's sidebar, previous/next links, a table of contents and
  Sphinx's search, which runs in the browser from files (``searchindex.js``), offline;
- every code cell folded: the copies that Sphinx reads carry myst-nb's ``hide-input`` tag, the
  committed notebooks are not touched;
- a front page: the three things a reader must know, the headline table, the main chart, a
  link to the other edition, and download links for each notebook and the data files.

The Sphinx project (``conf.py``, the front page ``index.md``, the style sheet, the English
catalog of the front page) is in ``site/`` at the top of the repository: hand-written files that a
reader of Sphinx's documentation recognises. The source folder Sphinx reads is a temporary copy.

Nothing leaves the page: the theme's assets and the search are local files, no MathJax is
loaded, and Chinese renders in a WOFF subset of the bundled Noto Sans SC (the glyphs the edition
uses), written to ``_static`` after the build and named first in the font stack.
"""

from __future__ import annotations

import argparse
import base64
import copy
import datetime
import html
import io
import logging
import math
import re
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import nbformat
import pandas as pd

from jjj import config, text
from jjj.data import written
from jjj.i18n import N_, gettext, read_catalog
from jjj.intervals import stored_digits
from jjj.io import InputError

SHELL = config.PROJECT / "site"  # every article's: conf.py, _static/, _templates/, the theme's catalog
# (locales/zh_CN); an article's own front page and its catalog: config.SITE (site/<slug>/)
FONT_FAMILY = "JJJ Noto Sans SC"
FONT_FILE_NAME = "jjj-noto-sans-sc.woff"
SPHINX_LANGUAGE = {"zh": "zh_CN", "en": "en"}
HTML_LANG = {"zh": "zh-CN", "en": "en"}
# The link to the other edition names that edition in its own language.
EDITION_NAME = {"zh": "中文版", "en": "English edition"}
# Units of the headline figures in English (Chinese counters need no word: the label names
# what is counted).
UNIT_EN = {"元": "yuan"}
CJK_RANGES = ("U+2E80-2FDF, U+3000-303F, U+3100-312F, U+31A0-31BF, U+3400-4DBF, U+4E00-9FFF, "
              "U+F900-FAFF, U+FE30-FE4F, U+FF00-FFEF")
HEADLINE_COLUMNS = 6
EVIDENCE_COLUMNS = 3
JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
CATALOG_HEADER = """\
# The site's front page (site/<slug>/index.md), written in Chinese, in English.
# Update after editing index.md: python -m jjj.site --update-catalog; then fill each empty msgstr."""
CATALOG_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)  # no churn on update
# a script, style sheet or font from another host (links to sources are fine: a reader follows them)
OUTSIDE = re.compile(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=[\"']?(?:https?:)?//", re.I)
ATTRIBUTE = re.compile(r'\b(aria-label|title|placeholder)="([^"]*)"')
EMPTY_TH = re.compile(r"<th(\s[^>]*)?>\s*(?:&nbsp;)?\s*</th>")


# ---------------------------------------------------------------- the copies Sphinx reads

def main_chart(front: str | None = None) -> str:
    """The chart the front page shows (``site/<slug>/index.md``: its figure, ``files/<name>.png``),
    the one that carries the strongest finding."""
    front = front if front is not None else (config.SITE / "index.md").read_text(encoding="utf-8")
    m = re.search(r"^```\{figure\} files/(\S+\.png)\s*$", front, re.M)
    if not m:
        raise ValueError(f"{config.SITE / 'index.md'}: no figure (```{{figure}} files/<chart>.png)")
    return m.group(1)


def project_title(front: str | None = None) -> str:
    """The project's title: the front page's first heading (``site/<slug>/index.md``)."""
    front = front if front is not None else (config.SITE / "index.md").read_text(encoding="utf-8")
    return front.lstrip().splitlines()[0].lstrip("# ").strip()


def folded_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` for the site: every code cell tagged ``hide-input`` (myst-nb folds its
    source, the outputs stay visible), a chart's alt text from its output's metadata, and no
    empty header cell in the HTML tables.

    pandas writes the corner of a table's header, and the row under the column names of a table
    whose index has a name, as empty ``<th>``: a header that names nothing. They become ``<td>``.
    """
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.setdefault("tags", [])
        fold = "remove-input" if display_only(cell.source) else "hide-input"
        if fold not in tags:
            tags.append(fold)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                data["text/html"] = _fill_empty_headers(data["text/html"])
            alt = out.get("metadata", {}).get("image/png", {}).get("alt")
            if alt:  # the chart's sentence (jjj.style.save) becomes its <img alt>
                cell.metadata.setdefault("mystnb", {}).setdefault("image", {})["alt"] = alt
    return nb


def display_only(source: str) -> bool:
    """Whether a code cell only shows something (``show.finding(…)``, ``show.derived(…)``,
    ``text.say(…)``): the site shows its output without a "show code" bar (the notebook keeps
    the code)."""
    import ast

    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return bool(body) and all(
        isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
        and isinstance(s.value.func, ast.Attribute) and isinstance(s.value.func.value, ast.Name)
        and (s.value.func.value.id == "show" or (s.value.func.value.id, s.value.func.attr) == ("text", "say"))
        for s in body)


INLINE_CODE = re.compile(r'<code class="docutils literal notranslate">'
                         r'((?:<span class="pre">[^<]*</span>\s*)+)</code>(\s*(?:第(\d+)节|section (\d+)))?')


def link_targets(out: Path, data: list[Path]) -> tuple[dict[str, str], dict[str, dict[int, str]]]:
    """What a code-formatted reference can link to in a built site: each file a reader can
    download (by its path in the repository and, where unique, by its name) → its address, and
    each page's numbered sections (``9 · …``) → their anchors."""
    front = (out / "index.html").read_text(encoding="utf-8")
    downloads = dict(reversed(m) for m in re.findall(
        r'<a class="reference download internal" download="" href="([^"]+/([^"/]+))"', front))
    files: dict[str, str] = {}
    names = [p.name for p in data]
    for path in data:
        if path.name not in downloads:
            continue
        rel = str((config.PROCESSED / path.name if path.parent.name == "processed" else path)
                  .relative_to(config.ROOT))
        files[rel] = downloads[path.name]
        if names.count(path.name) == 1:  # a bare name, where it names one file
            files[path.name] = downloads[path.name]
    for name, href in downloads.items():
        if name.endswith(".ipynb"):
            files[name] = href
    sections = {page.stem: {int(n): sid for sid, n in re.findall(
        r'<section id="([^"]+)">\s*<h2>(\d+) ·', page.read_text(encoding="utf-8"))}
        for page in out.glob("*.html")}
    return files, sections


def link_references(page: str, files: dict[str, str], sections: dict[str, dict[int, str]]) -> str:
    """Every code-formatted reference to a notebook (and a section of it: 第9节, section 9) or
    to a downloadable file becomes a link to its page, anchor or download."""
    def one(m: re.Match) -> str:
        ref = re.sub(r"<[^>]+>", "", m.group(1)).strip()
        stem = ref.removesuffix(".ipynb")
        number = m.group(3) or m.group(4)
        if stem in sections and ref not in files:
            anchor = sections[stem].get(int(number)) if number else None
            href = f"{stem}.html" + (f"#{anchor}" if anchor else "")
        elif ref in files:
            href, number = files[ref], None
        else:
            return m.group(0)
        if number:  # the section's words are part of the link
            return f'<a class="reference internal" href="{href}">{m.group(0)}</a>'
        tail = m.group(2) or ""
        return f'<a class="reference internal" href="{href}">{m.group(0).removesuffix(tail)}</a>{tail}'

    # not inside a link already (a download's own code)
    parts = re.split(r"(<a\b.*?</a>)", page, flags=re.S)
    return "".join(p if p.startswith("<a") else INLINE_CODE.sub(one, p) for p in parts)


def _fill_empty_headers(markup: str | list[str]) -> str:
    if isinstance(markup, list):
        markup = "".join(markup)
    return EMPTY_TH.sub(lambda m: f"<td{m.group(1) or ''}></td>", markup)


# ---------------------------------------------------------------- the front page

def catalog(lang: str) -> dict[str, str]:
    """The front page's catalog, as Sphinx uses it (none for Chinese, the source language)."""
    return read_catalog(config.SITE / "locales" / lang / "LC_MESSAGES" / "index.po")


def theme_catalog(lang: str) -> dict[str, str]:
    """The theme's words that the shell's site/locales translates (``sphinx.po``), for the
    attributes that its templates write in English without a catalog."""
    return read_catalog(SHELL / "locales" / SPHINX_LANGUAGE[lang] / "LC_MESSAGES" / "sphinx.po")


def translate_attributes(page: str, lang: str) -> str:
    """``aria-label``, ``title`` and ``placeholder`` values that the theme writes in English, in
    the edition's language."""
    words = theme_catalog(lang)
    if not words:
        return page
    return ATTRIBUTE.sub(lambda m: f'{m.group(1)}="{html.escape(words.get(m.group(2), m.group(2)))}"'
                         if m.group(2) in words else m.group(0), page)


_HAN = "\u3400-\u9fff"
_CJK_MARKS = "\u3000-\u303f\uff01-\uff5e“”‘’·—…"
# a run of Chinese: Han characters with the punctuation and digits between and around them
# (a number inside it whole: 约21.88亿元, 1,000多家)
_NUM = r"[0-9]+(?:[.,][0-9]+)*"
HAN_RUN = re.compile(f"(?:{_NUM}|[{_HAN}{_CJK_MARKS}])*[{_HAN}](?:{_NUM}%?|[{_HAN}{_CJK_MARKS}])*")
NO_MARKUP = ("script", "style", "title", "textarea", "option", "head")  # text that takes no tags


def mark_chinese(page: str) -> str:
    """In the English edition, each run of Chinese text in the page's body inside
    ``<span lang="zh-Hans">`` (a screen reader then reads it with a Chinese voice), except where
    an element takes no markup (title, script, style …) and where a span says so already."""
    parts = re.split(r"(<[^>]+>)", page)
    inside: list[str] = []
    for i, part in enumerate(parts):
        if part.startswith("<"):
            tag = re.match(r"</?([a-zA-Z0-9]+)", part)
            name = tag.group(1).lower() if tag else ""
            if name in NO_MARKUP:
                if part.startswith("</"):
                    inside = [t for t in inside if t != name]
                elif not part.endswith("/>"):
                    inside.append(name)
            continue
        if inside or not HAN_RUN.search(part) or 'lang="zh-Hans"' in (parts[i - 1] if i else ""):
            continue
        parts[i] = HAN_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', part)
    return "".join(parts)


def label_cells(page: str) -> str:
    """The front page's key-figure and source tables (``table.jjj-headline``,
    ``table.jjj-sources``: MyST list-tables) as tables for readers (the ``jjj-table`` style of
    :class:`jjj.show.Table`): each cell carries its column's header in ``data-label``, so that on
    a phone each row is a card."""
    from jjj import show

    def one(m: re.Match) -> str:
        table = m.group(0)
        heads = [html.escape(html.unescape(re.sub(r"<[^>]+>", "", h)).strip(), quote=True)
                 for h in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]

        def row(r: re.Match) -> str:
            cells = iter(heads)
            def label(_: re.Match) -> str:
                head = next(cells, "")
                return f'<td data-label="{head}">{show.LABEL.format(head)}'

            return re.sub(r"<td>", label, r.group(0))

        def rows(b: re.Match) -> str:
            return re.sub(r"<tr[^>]*>.*?</tr>", row, b.group(0), flags=re.S)

        body = re.sub(r"<tbody>.*</tbody>", rows, table, flags=re.S)
        return re.sub(r'class="(jjj-headline|jjj-sources)', r'class="jjj-table \1', body, count=1)

    return re.sub(r'<table class="(?:jjj-headline|jjj-sources)[^"]*">.*?</table>', one, page, flags=re.S)


TABLE = re.compile(r"<table\b.*?</table>", re.S)
TABLE_FOLDER = "tables"  # beside the pages: each table of a page as a CSV (table_downloads)


def table_rows(table: str) -> list[list[str]]:
    """A rendered table's rows as a reader sees them: the header row, then each body row, a
    cell's text without its phone label (``jjj-label``)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(table, "html.parser")
    for el in soup.select(".jjj-label"):
        el.decompose()
    for el in soup.find_all("br"):
        el.replace_with(" ")
    return [[" ".join(cell.get_text().split()) for cell in tr.find_all(["th", "td"])]
            for tr in soup.find_all("tr")]


def table_downloads(page: str, stem: str, folder: Path, lang: str) -> str:
    """Each table of ``page`` as a CSV a reader can open in Excel (UTF-8 with a byte-order
    mark), written to ``folder/<stem>-<n>.csv``, and linked under the table."""
    import csv

    n = 0

    def one(m: re.Match) -> str:
        nonlocal n
        if "<table" in m.group(0)[1:]:
            raise ValueError(f"{stem}.html: a table inside a table")
        n += 1
        buf = io.StringIO()
        csv.writer(buf).writerows(table_rows(m.group(0)))
        name = f"{stem}-{n}.csv"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
        link = html.escape(gettext(N_("下载此表（CSV）"), lang))
        return (f'{m.group(0)}\n<p class="jjj-csv"><a href="{folder.name}/{name}" download>'
                f"{link}</a></p>")

    return TABLE.sub(one, page)


def _(message: str, lang: str) -> str:
    """``message`` (Chinese, as written in site/<slug>/index.md) in the edition's language."""
    return catalog(lang).get(message, message) if lang != "zh" else message


def _caption(front: str) -> str:
    """The main chart's caption as written in index.md: its alt text too."""
    m = re.search(r"```\{figure\}.*?\n\n(.+?)\n```", front, re.S)
    return m.group(1).strip() if m else ""


def _chart_outputs(notebooks: list[Path], chart: str) -> list:
    """The outputs of the cell that saved ``chart`` (jjj.style.save), or none."""
    stem = Path(chart).stem
    for path in notebooks:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and f'"{stem}"' in cell.source:
                return cell.get("outputs", [])
    return []


def chart_alt(notebooks: list[Path], chart: str, outputs: list | None = None) -> str:
    """A chart's one-sentence alt text as its notebook saved it (jjj.style.save: its finding),
    so that the front page does not repeat the caption under it; "" if no notebook drew it.
    ``outputs``: its cell's outputs, when read already (``_chart_outputs``)."""
    for out in outputs if outputs is not None else _chart_outputs(notebooks, chart):
        if alt := out.get("metadata", {}).get("image/png", {}).get("alt"):
            return alt
    return ""


def chart_numbers(notebooks: list[Path], chart: str, outputs: list | None = None) -> str:
    """The table of a chart's numbers, folded, as its notebook showed it under the chart
    (jjj.style.save), for the front page; "" if no notebook drew it."""
    html_ = [out["data"]["text/html"]
             for out in (outputs if outputs is not None else _chart_outputs(notebooks, chart))
             if "jjj-evidence" in out.get("data", {}).get("text/html", "")]
    return "".join(html_[:1])


def _cell(value: str) -> str:
    # a list-table cell is a paragraph: keep it on one line, no Markdown
    return value.replace("\n", " ").replace("|", "\\|").replace("*", "\\*") or "–"


def _range(low: float, high: float, unit: str, lang: str, digits=None) -> str:
    if low is None or (isinstance(low, float) and math.isnan(low)):
        return "–"
    digits = stored_digits(digits)
    unit = unit if lang == "zh" else UNIT_EN.get(unit, unit)
    if lang == "en" and not re.search(r"[A-Za-z]", unit or ""):
        unit = ""  # a Chinese counter (个, 家): the label says what is counted
    sep = "" if lang == "zh" or not unit else " "
    return f"{text.interval(low, high, lang, digits)}{sep}{unit}"


def headline_rows(headline: pd.DataFrame, lang: str) -> str:
    """The body of the front page's list-table: per area, its key figure and key metric."""
    rows = []
    for _i, r in headline.iterrows():
        metric = text.in_lang(r, "metric", lang)
        has_metric = isinstance(metric, str) and metric != ""
        cells = [
            text.in_lang(r, "name", lang),
            text.in_lang(r, "figure", lang),
            r["stated"],
            _range(r["figure_low"], r["figure_high"], r["figure_unit"], lang),
            metric if has_metric else "–",
            _range(r["metric_low"], r["metric_high"], text.in_lang(r, "metric_unit", lang),
                   lang, r.get("metric_digits")) if has_metric else "–",
        ]
        rows.append("* - " + "\n  - ".join(_cell(str(c)) for c in cells))
    return "\n".join(rows)


def findings_list(findings: pd.DataFrame, lang: str, ctx: pd.DataFrame | None = None) -> str:
    """The front page's findings, all of them by rank, each linked to the page that shows it and
    to the sources it rests on."""
    from jjj import show

    top = findings.sort_values("rank")
    lines = []
    for _, r in top.iterrows():
        page = f"{{doc}}`{r['shown_in'].split(';')[0]}`"
        cited = show.citations(r["rests_on"].split(";"), ctx, lang) if ctx is not None else ""
        if cited:
            page += gettext(N_("；来源："), lang) + cited
        lines.append(f"{r['rank']}. {r['text_' + lang]}（{page}）" if lang == "zh" else
                     f"{r['rank']}. {r['text_' + lang]} ({page})")
    return "\n".join(lines)


def evidence_rows(fig: pd.DataFrame, ctx: pd.DataFrame, lang: str) -> str:
    """The body of the front page's source table: for each count of the article a source speaks
    of, what the article says, what the analysis found (the verdict, and the reading and period
    where the evidence changed them) and the sources, linked."""
    from jjj import show

    zh = lang == "zh"
    rows = []
    for _, f in fig[(fig["kind"] == "count") & (fig["evidence"] != "")].iterrows():
        found = show.verdict_words(f, lang)
        if (f["low"], f["high"]) != (f["stated_low"], f["stated_high"]) or f["window_basis"] == "sourced":
            reading = _range(f["low"], f["high"], f["unit"], lang)
            found += gettext(N_("；读作{range}"), lang).format(range=reading)
            if f["window_basis"] == "sourced":
                found += gettext(N_("，时期{start}至{end}"), lang).format(start=f["window_start"],
                                                                       end=f["window_end"])
        cells = [f"{text.in_lang(f, 'label', lang)}{'：' if zh else ': '}“{f['surface']}”",
                 found, show.citations(f["evidence"].split(";"), ctx, lang)]
        rows.append("* - " + "\n  - ".join(_cell(str(c)) for c in cells))
    if not rows:  # an article no source speaks of: a row that says so (a table needs a body)
        none = _cell(gettext(N_("没有来源谈到报道的任何计数。"), lang))
        rows.append("* - " + "\n  - ".join([none, "–", "–"]))
    return "\n".join(rows)


def verdict_list(lang: str) -> str:
    """Each verdict in one line, for the front page."""
    from jjj import vocab
    from jjj.reconcile import VERDICT_DEFINITIONS, VERDICTS

    return "\n".join(f"- **{vocab.label('verdict', v, lang)}**{'：' if lang == 'zh' else ': '}"
                     f"{gettext(VERDICT_DEFINITIONS[v], lang)}" for v in VERDICTS)


def article_source(path: Path | None = None) -> dict[str, str]:
    """The fields of the raw article's SOURCE.md (its table of field and value)."""
    from jjj.clean import source_fields

    return source_fields(path or config.RAW / "SOURCE.md")


def version() -> tuple[str, str, bool] | None:
    """The commit the site is built from: its short hash, its date, and whether tracked files
    differ from it; None outside a git checkout."""
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(config.ROOT), *args], capture_output=True, text=True,
                              check=True).stdout.strip()

    try:
        commit, date = git("log", "-1", "--format=%h %cs").split()
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None
    return commit, date, dirty


def built_from(lang: str, built: tuple[str, str, bool] | None) -> str:
    """The version line of every page's footer and of the citation."""
    if built is None:
        return gettext(N_("构建时不在 git 仓库中，没有版本号"), lang)
    commit, date, dirty = built
    out = gettext(N_("据提交 {commit}（{date}）构建"), lang).format(commit=commit, date=date)
    return out + (gettext(N_("，含未提交的修改"), lang) if dirty else "")


LICENCES = {"MIT": "https://opensource.org/license/mit",
            "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
            "SIL OFL 1.1": "https://openfontlicense.org/"}


def citation(lang: str, built: tuple[str, str, bool] | None) -> str:
    """The front page's "how to cite": the article with outlet, reporter, date and address (from
    data/<slug>/raw/SOURCE.md), the project with its year and version, and the licences, linked."""
    src = article_source()
    outlet = src["outlet"].split(" (")[0]
    reporter = src["reporter"].split()[-1]
    address = src["address"].split()[0]
    date = src["published"].split()[0]
    year = built[1][:4] if built else ""
    article = (N_("**报道原文：** {reporter}（{outlet}记者），《{title}》，{outlet}，{date}，"
                  "<{address}>（本项目保存的文本见上面的 `article.txt`，说明见 `SOURCE.md`）。")
               if re.match(r"https?://", address) else  # a text with no page of its own
               N_("**报道原文：** {reporter}（{outlet}记者），《{title}》，{outlet}，{date}"
                  "（本项目保存的文本见上面的 `article.txt`，说明见 `SOURCE.md`）。"))
    items = [
        gettext(article, lang).format(reporter=reporter, outlet=outlet, title=src["title"], date=date,
                                      address=address),
        gettext(N_("**引用本项目：** jjj 项目，《{title}》，"
                   "{year}，{version}。引用某个数字时，请同时注明它的核对结论和来源"
                   "（`reconciled.csv`、`sources.csv`，都在上面的下载中）。"),
                lang).format(year=year, version=built_from(lang, built),
                             title=_(project_title(), lang), title_zh=project_title()),
        gettext(N_("**许可：** 代码采用 [MIT 许可]({mit})；本项目自己的数据和图"
                   "（`{processed}`、`{figures}`）采用[知识共享署名 4.0 国际许可（CC BY 4.0）]({cc})；"
                   "报道原文的版权属于{outlet}，这里只作研究引用；背景数字的版权属于各自的发布者；"
                   "随附的思源黑体子集（Noto Sans SC）采用[SIL 开放字体许可 1.1]({ofl})。"),
                lang).format(mit=LICENCES["MIT"], cc=LICENCES["CC BY 4.0"], ofl=LICENCES["SIL OFL 1.1"],
                             outlet=outlet, processed=config.PROCESSED.relative_to(config.ROOT),
                             figures=config.FIGURES.relative_to(config.ROOT)),
    ]
    return "\n".join(f"- {item}" for item in items)


# What each download holds, in a line (a data file the site offers must be described here)
DOWNLOADS = {
    "figures.csv": N_("报道的每个数字一行：采用的读数、报道自己的读数（stated_*）、核对结论和在原文中的位置"),
    "reconciled.csv": N_("每个数字与来源的核对：结论、所复述的主办方发布、时间段的结论和所依据的来源行"),
    "derived.csv": N_("每个推算指标：区间、单位、所用的数字和假定"),
    "findings.csv": N_("分析的发现，中英文各一句，以及它们所依据的数字"),
    "headline.csv": N_("每个领域的关键数字和关键指标"),
    "areas.csv": N_("每个领域的标题句和比喻"),
    "lists.csv": N_("原文中的列举（主办方、领域、活动类别）的每一项"),
    "related.csv": N_("相关阅读列表：标题、媒体、日期"),
    "excluded.csv": N_("不算作数字的数，以及理由"),
    "context.csv": N_("来源中的每个背景数字：所写、区间、日期、来源和它在网页上的位置"),
    "sources.csv": N_("每个来源：发布者、标题、网址、日期、谁站在它的数字后面、是否转载"),
    "evidence.csv": N_("哪个来源数字与报道的哪个数字有关，以及怎样有关"),
    "searched.csv": N_("检索过而没有找到（或只找到一部分）的数字"),
    "codebook.csv": N_("码本：每个数字算什么，靠什么在原文中找到它"),
    "metrics.csv": N_("推算指标的定义：种类、分子、分母、名称、单位和假定"),
    "vocabulary.csv": N_("本报道的代码表：组织类别、地区、省市、时间词和时间段类别，各有中英文名称和颜色"),
    "windows.csv": N_("时间段登记表：每种时间段有多长，理由是什么"),
    "glossary.csv": N_("列举各项的英文名"),
    "article.py": N_("本报道自己的代码：各条发现（计算并断言），以及只有它画的表和图"),
    "article.txt": N_("报道原文，按抓取时的样子逐字节保存"),
    "SOURCE.md": N_("报道原文的来源说明：媒体、日期、记者、网址、校验和"),
    "jjj-zh.pdf": N_("中文版全文，可打印（A4）"),
    "jjj-en.pdf": N_("英文版全文，可打印（A4）"),
    "jjj-zh-summary.pdf": N_("中文版的两页摘要"),
    "jjj-en-summary.pdf": N_("英文版的两页摘要"),
}


def _downloads(paths: list[Path], folder: str, lang: str) -> str:
    """The download list: each file with what it holds (a notebook: its title)."""
    def what(p: Path) -> str:
        if p.suffix == ".ipynb":
            nb = nbformat.read(p, as_version=4)
            heading = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
            return heading.splitlines()[0].lstrip("# ").strip() if heading else ""
        if p.name not in DOWNLOADS:
            raise KeyError(f"{p.name} is offered for download: describe it in jjj.site.DOWNLOADS")
        return gettext(DOWNLOADS[p.name], lang)

    sep = "：" if lang == "zh" else ": "
    return "\n".join(f"- {{download}}`{p.name} <{folder}/{p.name}>`" + (f"{sep}{what(p)}" if what(p) else "")
                     for p in paths)


def front_page(lang: str, headline: pd.DataFrame, notebooks: list[Path], data_files: list[Path],
               other_edition_href: str | None, findings: pd.DataFrame | None = None,
               pdfs: list[Path] | None = None, fig: pd.DataFrame | None = None,
               ctx: pd.DataFrame | None = None, built: tuple[str, str, bool] | None = None) -> str:
    """index.md with its generated parts filled in (still in Chinese where it is prose: Sphinx
    translates it from the catalog for the English edition)."""
    front = (config.SITE / "index.md").read_text(encoding="utf-8")
    # the PDF paragraph only when there are PDFs to link (make pdf); a reader never meets a build note
    front = re.sub(r"@@PDF@@\n(.*?)@@END_PDF@@\n", lambda m: m.group(1) if pdfs else "", front, flags=re.S)
    other = ""
    if other_edition_href:
        o = "en" if lang == "zh" else "zh"
        other = (f'<p class="jjj-other-edition"><a href="{html.escape(other_edition_href)}" '
                 f'hreflang="{HTML_LANG[o]}" lang="{HTML_LANG[o]}">{EDITION_NAME[o]}</a></p>')
    chart = main_chart(front)
    outputs = _chart_outputs(notebooks, chart)  # its alt text and its numbers: one read
    parts = {
        "OTHER_EDITION": other,
        "HEADLINE_ROWS": headline_rows(headline, lang),
        "FINDINGS": findings_list(findings, lang, ctx) if findings is not None else "",
        "EVIDENCE_ROWS": evidence_rows(fig, ctx, lang) if fig is not None else "",
        "VERDICTS": verdict_list(lang),
        "CITATION": citation(lang, built),
        "CHART_ALT": chart_alt(notebooks, chart, outputs) or _(_caption(front), lang),
        "CHART_NUMBERS": chart_numbers(notebooks, chart, outputs),
        "NOTEBOOK_DOWNLOADS": _downloads(notebooks, "files/notebooks", lang),
        "DATA_DOWNLOADS": _downloads(data_files, "files/data", lang),
        "PDF_DOWNLOADS": _downloads(pdfs or [], "files", lang),
    }
    return re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], front)


# ---------------------------------------------------------------- the font

def woff_subset(chars: str) -> bytes:
    """A WOFF of the bundled Noto Sans SC holding just ``chars``' glyphs."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]
    options.name_legacy = True
    options.layout_features = ["*"]
    # recalcBBoxes=False: the full font's bounding box holds for the subset, and recomputing it
    # (every CFF glyph drawn) costs seconds
    font = TTFont(str(config.FONT_FILE), recalcTimestamp=False, recalcBBoxes=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(chars))))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    return buf.getvalue()


def font_subset(chars: str, path: Path) -> Path:
    """Write a WOFF of the bundled Noto Sans SC holding just ``chars``' glyphs to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(woff_subset(chars))
    return path


def font_face_css(chars: str, family: str = "JJJ Noto Sans SC") -> str:
    """An @font-face rule embedding the subset for ``chars`` (a data: URI: one self-contained
    page, such as the review page)."""
    data = base64.b64encode(woff_subset(chars)).decode("ascii")
    return (f"@font-face {{ font-family: '{family}'; "
            f"src: url(data:font/woff;base64,{data}) format('woff'); }}")


def font_face(lang: str) -> str:
    """The @font-face rule of the bundled font. In Chinese it serves every character (Latin
    letters too, and full-width quotation marks, as Chinese type sets them); in English only the
    Chinese characters and punctuation, so English text keeps its own quotation marks."""
    rule = (f'@font-face {{\n  font-family: "{FONT_FAMILY}";\n'
            f'  src: url("{FONT_FILE_NAME}") format("woff");\n  font-display: block;\n')
    if lang != "zh":
        rule += f"  unicode-range: {CJK_RANGES};\n"
    return rule + "}\n"


def _site_text(outdir: Path) -> str:
    """Every character a page of the edition can show: its pages, and the strings that the
    search script inserts (Sphinx's translations.js)."""
    parts = [p.read_text(encoding="utf-8") for p in outdir.glob("*.html")]
    for name in ("translations.js", "documentation_options.js"):
        js = outdir / "_static" / name
        if js.exists():  # its strings are JSON: 匹 is written \u5339
            parts.append(JS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)),
                                       js.read_text(encoding="utf-8")))
    return html.unescape("".join(parts))


BLOCK_TAGS = ["p", "li", "dt", "dd", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6",
              "figcaption", "pre"]


def search_pages(outdir: Path) -> str:
    """``_static/jjj-pages.js``: each page's article (its text, with the ids of its sections;
    no code, images, the theme's buttons or other attributes), for the excerpts under search
    results. Sphinx's search fetches each page it lists to quote it, which a browser refuses on
    a page opened from a file; ``site/_static/jjj-search.js`` answers those requests from here."""
    import json

    from bs4 import BeautifulSoup

    pages = {}
    for path in sorted(outdir.glob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("[role=main] article") or soup.find(role="main")
        if article is None or path.name == "search.html":
            continue
        for el in article.select("div.cell_input, img, script, style, svg, button, .headerlink, "
                                 "summary, .jjj-label, .jjj-csv"):
            el.decompose()
        for el in article.find_all(True):
            el.attrs = {k: v for k, v in el.attrs.items() if k == "id"}
        for el in article.find_all(BLOCK_TAGS):  # words of two cells or paragraphs stay apart
            el.append(" ")
        pages[path.name] = article.decode_contents()
    return f"window.JJJ_PAGES = {json.dumps(pages, ensure_ascii=False, sort_keys=True)};\n"


# ---------------------------------------------------------------- the build

def _data_root(notebooks: list[Path]) -> Path:
    """Where the edition's figures and tables are: the folder above the notebooks' folder when
    it holds the main chart (the English edition's ``$JJJ_OUT``), else the repository."""
    if notebooks:
        root = notebooks[0].resolve().parent.parent
        if (root / config.FIGURES.relative_to(config.ROOT) / main_chart()).exists():
            return root
    return config.ROOT


def data_files(root: Path) -> list[Path]:
    names = sorted({p.name for p in config.PROCESSED.glob("*.csv")}
                   | {p.name for p in (root / config.PROCESSED.relative_to(config.ROOT)).glob("*.csv")})
    named = [config.CONTEXT_CSV, config.SOURCES_CSV, config.EVIDENCE_CSV, config.SEARCHED_CSV,
             config.CODEBOOK, config.METRICS_CSV, config.VOCABULARY, config.WINDOW_REGISTRY,
             config.GLOSSARY, config.NOTEBOOKS / "article.py",
             config.RAW / "article.txt",
             config.RAW / "SOURCE.md"]
    return [written(config.PROCESSED / n, root) for n in names] + named  # every file the text names


def _locales(dest: Path) -> Path:
    """The site's catalogs in one folder, as Sphinx reads them: the theme's (the shell's) and the
    article's front page's."""
    shutil.copytree(SHELL / "locales", dest)
    if (config.SITE / "locales").exists():
        shutil.copytree(config.SITE / "locales", dest, dirs_exist_ok=True)
    return dest


def _quiet() -> None:
    """No progress talk from Sphinx's Chinese word splitter (jieba sets its own logger to DEBUG
    when imported) or from the font subsetter."""
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)


def _replace(dest: Path, built: Path) -> None:
    """Put the built site in ``dest``: what a previous build left there goes, except the folders
    that Sphinx did not write (the English edition inside the Chinese one)."""
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.iterdir():
        if old.is_dir() and not (built / old.name).exists():
            continue
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    for new in built.iterdir():
        (shutil.copytree if new.is_dir() else shutil.copy2)(new, dest / new.name)


def build_site(notebooks: list[Path], dest: Path, lang: str, other_edition_href: str | None,
               *, root: Path | None = None, quiet: bool = True, builder: str = "html") -> Path:
    """Render executed ``notebooks`` into the site ``dest`` in ``lang`` (zh or en); return the
    front page. ``root`` holds the edition's ``figures/`` and ``data/<slug>/processed`` (default: found
    from the notebooks' location, see :func:`_data_root`)."""
    from sphinx import locale
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    if lang not in SPHINX_LANGUAGE:
        raise ValueError(f"lang must be one of {tuple(SPHINX_LANGUAGE)}, not {lang!r}")
    root = root or _data_root(notebooks)
    dest = Path(dest).resolve()
    _quiet()
    with tempfile.TemporaryDirectory(prefix="jjj-site-") as tmp:
        src = Path(tmp) / "src"
        files = src / "files"
        (files / "notebooks").mkdir(parents=True)
        (files / "data").mkdir()
        for path in notebooks:
            nb = nbformat.read(path, as_version=4)
            nbformat.write(folded_copy(nb), src / path.name)
            shutil.copyfile(path, files / "notebooks" / path.name)
        data = data_files(root)
        for path in data:
            if path.suffix == ".csv":  # with a byte-order mark: Excel then reads it as UTF-8
                (files / "data" / path.name).write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
            else:
                shutil.copyfile(path, files / "data" / path.name)
        chart = main_chart()
        drawn = written(config.FIGURES / chart, root)
        if not drawn.exists():
            raise InputError(f"{config.SITE / 'index.md'}: its chart files/{chart} is not one the "
                             f"notebooks drew (none in {config.FIGURES}): name one of theirs")
        shutil.copyfile(drawn, files / chart)
        pdfs = ([shutil.copy(p, files / p.name) for p in sorted(pdf_dir().glob("*.pdf"))]
                if builder == "html" else [])
        headline = pd.read_csv(written(config.HEADLINE_CSV, root), encoding="utf-8")
        found = pd.read_csv(written(config.FINDINGS_CSV, root), encoding="utf-8")
        from jjj import context
        from jjj import data as data_

        fig = data_.figures(written(config.FIGURES_CSV, root))
        built = version()
        (src / "index.md").write_text(
            front_page(lang, headline, [files / "notebooks" / p.name for p in notebooks],
                       [files / "data" / p.name for p in data], other_edition_href, found,
                       [Path(p) for p in pdfs], fig, context.load(), built),
            encoding="utf-8")
        # Sphinx compiles the catalog (.po → .mo) next to it: a copy, so the repository stays clean
        _locales(Path(tmp) / "locales")
        # built in the temporary folder (myst-nb writes a jupyter_execute folder beside the output
        # folder), then moved into dest
        out = Path(tmp) / "out" / "html"
        # Sphinx keeps its message catalogs (the theme's words) for the process: forget those of
        # an edition built before in this process
        locale.translators.clear()
        # as sphinx-build does: docutils' registries are restored afterwards, so that a second
        # build in the same process (the other edition) starts clean
        with patch_docutils(SHELL), docutils_namespace():
            app = Sphinx(
                srcdir=str(src), confdir=str(SHELL), outdir=str(out),
                doctreedir=str(Path(tmp) / "doctrees"), buildername=builder,
                confoverrides={"language": SPHINX_LANGUAGE[lang],
                               "html_title": _(project_title(), lang),  # the article's title
                               "locale_dirs": [str(Path(tmp) / "locales")],
                               # each page's link to itself in the other edition (jjj-edition.html)
                               "html_context.jjj_other": (other_edition_href or "").removesuffix(
                                   "index.html"),
                               # every page's footer: the commit it is built from
                               "html_context.jjj_built": built_from(lang, built)},
                status=None if quiet else sys.stdout, warning=sys.stderr, freshenv=True,
                warningiserror=True, keep_going=True,
            )
            with warnings.catch_warnings():
                # the theme's use of an API that Sphinx 11 removes: theirs to change, not ours
                warnings.simplefilter("ignore", PendingDeprecationWarning)
                warnings.simplefilter("ignore", DeprecationWarning)
                app.build(force_all=True)
        if app.statuscode:
            raise RuntimeError(f"Sphinx failed to build the {lang} edition (warnings above)")
        outside = []
        targets = link_targets(out, data) if builder == "html" else None
        for page in out.glob("*.html"):
            text = label_cells(translate_attributes(page.read_text(encoding="utf-8"), lang))
            if targets:
                text = link_references(text, *targets)
                text = table_downloads(text, page.stem, out / TABLE_FOLDER, lang)
            if builder == "singlehtml":  # the PDF prints folded evidence open
                text = text.replace('<details class="jjj-evidence">', '<details class="jjj-evidence" open>')
            if lang == "en":
                text = mark_chinese(text)
            page.write_text(text, encoding="utf-8")
            if OUTSIDE.search(text):
                outside.append(page.name)
        if outside:
            raise RuntimeError(f"pages that load a file from another host: {outside}")
        font_subset(_site_text(out), out / "_static" / FONT_FILE_NAME)
        (out / "_static" / "jjj-pages.js").write_text(search_pages(out), encoding="utf-8")
        (out / "_static" / "jjj-font.css").write_text(font_face(lang), encoding="utf-8")
        _replace(dest, out)
    return dest / "index.html"


def pdf_dir() -> Path:
    """Where ``make pdf`` prints the article's editions (jjj-zh.pdf, jjj-en.pdf); its site links them."""
    return config.BUILD / "pdf"


def find_chromium() -> str | None:
    """The Chromium to use: ``$JJJ_CHROMIUM``, else Debian's on the PATH; None if there is none."""
    import os

    return (os.environ.get("JJJ_CHROMIUM") or shutil.which("chromium")
            or shutil.which("chromium-browser"))


def chromium_path() -> str:
    found = find_chromium()
    if not found:
        raise RuntimeError("no Chromium: run `make browser` or set JJJ_CHROMIUM=/path/to/chromium")
    return found


def pdf(notebooks: list[Path], lang: str, dest: Path, *, root: Path | None = None) -> Path:
    """One PDF of an edition: Sphinx's singlehtml builder renders the front page and every notebook
    into one page, and headless Chromium prints it (the print style drops buttons, toggles and
    code and keeps tables and charts whole). Written atomically to ``dest``; beside it
    ``…-summary.pdf``, the front page's findings, main chart and table of what the article says
    against what the analysis found, with the sources (:func:`summary_page`)."""
    from jjj.io import replace_atomically

    with tempfile.TemporaryDirectory(prefix="jjj-pdf-") as tmp:
        index = build_site(notebooks, Path(tmp) / "single", lang, None, root=root, builder="singlehtml")
        summary = index.with_name("summary.html")
        summary.write_text(summary_page(index.read_text(encoding="utf-8")), encoding="utf-8")
        replace_atomically(dest.with_name(f"{dest.stem}-summary.pdf"), _print(summary, lang))
        return replace_atomically(dest, _print(index, lang))


def summary_page(single: str) -> str:
    """The single page of an edition cut to its two-page summary: the front page's findings
    (each without its list of sources, which the table gives), the main chart, and the table of
    what the article says, what the analysis found and the sources, under the title."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(single, "html.parser")
    front = soup.select_one("article section")  # the front page: the title's section
    sections = front.find_all("section", recursive=False)
    for section in sections[2:]:
        section.decompose()
    for el in [*front.find_all("p", recursive=False), *sections[1].find_all("p", recursive=False)[:1]]:
        el.decompose()  # the introductions: the summary's readers have the site for them
    # the contents, the edition link, the chart's numbers (the site has them)
    for el in soup.select("#jb-print-toc, p.jjj-other-edition, details.jjj-evidence"):
        el.decompose()
    for item in sections[0].select("ol > li"):
        content = item.decode_contents()
        first_link = content.find("<a ")
        cut = max(content.rfind("（", 0, first_link), content.rfind(" (", 0, first_link))
        if first_link > 0 and cut > 0:
            item.clear()
            item.append(BeautifulSoup(content[:cut], "html.parser"))
    table = sections[1].find("table")
    holder = next(p for p in table.parents if p.parent is sections[1]) if table else None
    for el in holder.find_next_siblings(["p", "ul"]) if holder else []:  # the verdicts: on the site
        el.decompose()
    figure = sections[0].find("figure")
    if figure:  # the chart beside the findings, which wrap around it
        sections[0].find("ol").insert_before(figure.extract())
    article = soup.select_one("article")
    for el in list(article.children):
        if el is not front and getattr(el, "name", None):
            el.decompose()
    soup.body["class"] = [*soup.body.get("class", []), "jjj-summary"]
    return str(soup)


def _print(page: Path, lang: str) -> bytes:
    """A page printed to PDF by headless Chromium (A4, numbered pages and bookmarks: jjj.css)."""
    import subprocess

    out = page.with_suffix(".pdf")
    subprocess.run([chromium_path(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--no-pdf-header-footer", "--generate-pdf-document-outline",
                    f"--print-to-pdf={out}", page.as_uri()],
                   check=True, capture_output=True, timeout=600)
    data = out.read_bytes() if out.exists() else b""
    if not data.startswith(b"%PDF-"):
        raise RuntimeError(f"Chromium wrote no PDF of {page.name} ({lang})")
    return data


def screenshot(page: Path, png: Path, width: int = 1280, height: int = 1000) -> Path:
    """A PNG of the first screen of ``page`` (the README's picture of the front page), taken by
    headless Chromium (Debian's, or ``$JJJ_CHROMIUM``) with the network off."""
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                           "--disable-background-networking"])
        try:
            context = browser.new_context(offline=True, viewport={"width": width, "height": height})
            tab = context.new_page()
            tab.goto(Path(page).resolve().as_uri(), wait_until="load")
            tab.evaluate("document.fonts.ready.then(() => true)")
            png.parent.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(png))
        finally:
            browser.close()
    return png


def messages() -> list[str]:
    """The messages of the front page, as Sphinx's gettext builder extracts them from index.md
    (its generated parts left out: they are data, in the edition's language already)."""
    from babel.messages.pofile import read_po
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    # a placeholder row keeps the table valid; data rows are not messages
    front = (config.SITE / "index.md").read_text(encoding="utf-8").replace(
        "@@HEADLINE_ROWS@@", "* - " + "\n  - ".join(["–"] * HEADLINE_COLUMNS)).replace(
        "@@EVIDENCE_ROWS@@", "* - " + "\n  - ".join(["–"] * EVIDENCE_COLUMNS))
    front = re.sub(r"@@[A-Z_]+@@", "", front)
    front = re.sub(r"```\{toctree\}.*?```", "", front, flags=re.S)  # no notebooks here
    with tempfile.TemporaryDirectory(prefix="jjj-pot-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        (src / "index.md").write_text(front, encoding="utf-8")
        _locales(Path(tmp) / "locales")  # Sphinx writes .mo files
        with patch_docutils(SHELL), docutils_namespace():
            app = Sphinx(srcdir=str(src), confdir=str(SHELL), outdir=str(Path(tmp) / "pot"),
                         doctreedir=str(Path(tmp) / "doctrees"), buildername="gettext",
                         confoverrides={"suppress_warnings": ["image.not_readable"],
                                        "locale_dirs": [str(Path(tmp) / "locales")]},
                         status=None, warning=sys.stderr, freshenv=True)
            app.build(force_all=True)
        with (Path(tmp) / "pot" / "index.pot").open("rb") as f:
            return [m.id for m in read_po(f) if m.id and re.search(r"[^\W\d_]", m.id)]


def update_catalog(lang: str = "en") -> Path:
    """Bring ``site/<slug>/locales/LANG/LC_MESSAGES/index.po`` up to date with index.md: new messages
    are added untranslated, translations of gone messages are dropped."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    path = config.SITE / "locales" / lang / "LC_MESSAGES" / "index.po"
    old = {}
    if path.exists():
        with path.open("rb") as f:
            old = {m.id: m.string for m in read_po(f) if m.id}
    cat = Catalog(locale=lang, project="jjj site", fuzzy=False, creation_date=CATALOG_DATE,
                  revision_date=CATALOG_DATE, header_comment=CATALOG_HEADER)
    for msg in messages():
        cat.add(msg, old.get(msg, ""))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, cat, width=100, omit_header=False, no_location=True)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jjj.site", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="executed notebooks (default: the committed ones)")
    parser.add_argument("--dest", type=Path, help="the site's folder (default: build/<slug>/html)")
    parser.add_argument("--lang", choices=tuple(SPHINX_LANGUAGE), default="zh")
    parser.add_argument("--other", default=None, help="href of the other edition's front page")
    parser.add_argument("--screenshot", type=Path, metavar="PNG",
                        help="then save a screenshot of the front page (DEST/index.html) to PNG")
    parser.add_argument("--no-build", action="store_true",
                        help="with --screenshot: take it of the site already in DEST")
    parser.add_argument("--update-catalog", action="store_true",
                        help="update site/<slug>/locales/en/LC_MESSAGES/index.po from index.md and stop")
    args = parser.parse_args(argv)
    if args.update_catalog:
        print(f"updated {update_catalog()}")
        return 0
    args.dest = args.dest or config.BUILD / "html"
    notebooks = args.notebooks or sorted(config.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    index = args.dest / "index.html"
    if args.no_build and not index.exists():
        print(f"error: {index}: no site there yet: run make report first", file=sys.stderr)
        return 2
    if not args.no_build:
        index = build_site(notebooks, args.dest, args.lang, args.other, quiet=False)
        print(f"wrote {index}")
    if args.screenshot:
        print(f"wrote {screenshot(index, args.screenshot)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
