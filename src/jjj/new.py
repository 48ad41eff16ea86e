"""Start an article: ``python -m jjj.new <slug> <text file> [--root DIR]``.

It makes the article's folders, one in each of the project's top-level folders and named alike
(``data/<slug>/``, ``notebooks/<slug>/``, ``figures/<slug>/``, ``site/<slug>/``), copies the text
byte for byte to ``data/<slug>/raw/article.txt`` with a ``SOURCE.md`` to complete, and drafts what
the analyst fills in (CONTRIBUTING.md, "Adding an article", says in which order):

- ``codebook.csv``: one row per number the extractor finds (``jjj.quantities``), with the words
  before it that tell it apart, its status ``todo`` (the cleaning refuses a ``todo`` row and names
  it: each becomes a ``figure`` with its area and what it counts, or ``excluded`` with a reason);
- ``page.toml``: the page settings (``jjj.clean.load_page``), each explained, the heading to be
  written for this page;
- ``areas.csv``, ``metrics.csv``, ``vocabulary.csv``, ``windows.csv``, ``glossary.csv``,
  ``lists.csv`` and ``external/``: the registries, their headers and the rows every article has;
- ``site/<slug>/index.md``: the front page, its prose to write, its generated parts in place.

It never writes over anything: an article folder that exists stops it, and so does a text that
is missing, empty or not UTF-8 (the error names the file). ``--root`` starts the article in
another copy of the project (a scratch folder).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
from pathlib import Path

from jjj import config
from jjj.io import InputError, read_text, replace_atomically
from jjj.quantities import find_quantities

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
PAGE_TEMPLATE = """# How this article's page is laid out (jjj.clean.load_page): regular expressions (Python's
# re), each matched against a line or a sentence of raw/article.txt. Check each against this page.

# The line after the title that dates the article (the anchor of 近三年 …); the text before it
# on that line is the outlet. A page that prints none: '' (raw/SOURCE.md's published dates it)
dateline = '(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\\s+(?P<time>[0-9]{1,2}:[0-9]{2})'
# The sentence that heads an area: in the paragraph of its first figure or a line above it. Its
# name is the text before the match (or the group `name`), its metaphor the group `metaphor`.
# TODO: write it for this page (for example '^[一二三四五六七八九十]+、(?P<name>.+)$')
heading = 'TODO: the heading of an area'
# A line that starts the byline, the related reading, the footer
byline = '(文|编辑|记者|图)/'
related = '相关阅读|相關閱讀'
footer = '最新评论|最新評論'
# One item of the related reading: a title line, then this line (outlet and date)
related_item = '\\s*(?P<outlet>.+?)\\s+(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\\s*'
"""
REGISTRY_HEADERS = {
    "areas.csv": "area,order,name_en,metaphor_en,color,headline_figure,headline_metric,name_zh\n"
                 "overview,0,TODO: what the figures outside every area are,,#949494,,,TODO\n",
    "metrics.csv": "area,key,kind,numerator,denominator,scale,label_zh,label_en,unit_zh,unit_en,"
                   "assumes_zh,assumes_en\n",
    "glossary.csv": "zh,en\n",
    "lists.csv": "id,area,sentence_has,start_after,end_before,label_zh,label_en\n",
    "external/context.csv": "id,quantity,label_zh,label_en,region,value,low,high,unit,stated,qualifier,"
                            "as_of,period_start,period_end,source,locator,start_source,start_locator,"
                            "context_for,note\n",
    "external/sources.csv": "source,publisher,publisher_en,title,url,published,accessed,origin,copy,"
                            "copy_of,note\n",
    "external/evidence.csv": "figure,context,relation,reason_zh,reason_en\n",
    "external/searched.csv": "quantity,region,period,queries,outcome\n",
    "vocabulary.csv": "column,code,label_zh,label_en,color\n"
                      "window,,未给出,not given,\n"
                      "span,unknown,不知道,unknown,\n"
                      "span,at_publication,发布时的存量,a stock at publication,\n"
                      "span,event,一个日期,a date,\n",
}
# The front page (site/<slug>/index.md): the prose is the article's, each @@PART@@ the engine
# fills (jjj.site.front_page); its English is site/<slug>/locales/en/LC_MESSAGES/index.po
FRONT_PAGE = """# TODO：这篇报道的数据笔记（标题）

@@OTHER_EDITION@@

TODO：依据哪篇报道（媒体、日期、标题），数字怎样读。

## 我们发现了什么

@@FINDINGS@@

```{figure} files/TODO_chart.png
:alt: @@CHART_ALT@@
:width: 100%

TODO：首页这张图说明什么（图由一个笔记本的 style.save 写出）。
```

@@CHART_NUMBERS@@

## 报道所说、分析所得和来源

```{list-table}
:header-rows: 1
:class: jjj-sources

* - 报道所说
  - 分析所得
  - 来源
@@EVIDENCE_ROWS@@
```

每种结论的含义：

@@VERDICTS@@

## 各领域的关键数字

```{list-table}
:header-rows: 1
:class: jjj-headline

* - 领域
  - 关键数字
  - 原文表述
  - 区间
  - 关键派生指标
  - 指标区间
@@HEADLINE_ROWS@@
```

## 下载

笔记本（已执行，含全部输出）：

@@NOTEBOOK_DOWNLOADS@@

数据文件（CSV，UTF-8），以及报道原文和它的来源说明：

@@DATA_DOWNLOADS@@

@@PDF@@
整份报告的PDF（可打印，每个版本一份）：

@@PDF_DOWNLOADS@@
@@END_PDF@@

## 引用与许可

@@CITATION@@

```{toctree}
:hidden:
:glob:

[0-9][0-9]_*
```
"""
# the windows every article can have
WINDOWS = """span,basis,years_low,years_high,reason_zh,reason_en
unknown,unknown,,,报道没有给出时间,the article gives no period
at_publication,none,,,发布时的存量：没有时间段,a stock at publication: no period
event,none,,,日期：一个时点,a date: one point in time
"""


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
    if not config.SLUG.fullmatch(slug):
        raise InputError(f"{slug!r}: an article's name is lowercase letters, digits and -, "
                         "starting with a letter (for example bjyouth-2024-04-19)")
    root = Path(root or config.ROOT)
    text_file = Path(text_file)
    text = read_text(text_file)  # missing, empty, not UTF-8: an error that names the file
    folders = {name: root / name / slug for name in ("data", "notebooks", "figures", "site")}
    there = [str(p) for p in folders.values() if p.exists()]
    if there:
        raise InputError(f"{', '.join(there)}: already there: an article is started once "
                         "(choose another name, or remove the folders)")
    # everything is read and drafted before anything is written: a failure leaves no folder
    data = text_file.read_bytes()
    files = {
        "raw/SOURCE.md": SOURCE_TEMPLATE.format(chars=len(text), size=len(data),
                                                sha=hashlib.sha256(data).hexdigest()),
        "codebook.csv": _csv(_draft_rows(text), CODEBOOK_COLUMNS),
        "page.toml": PAGE_TEMPLATE,
        **REGISTRY_HEADERS,
        "windows.csv": WINDOWS,
    }
    for name in ("notebooks", "figures"):
        folders[name].mkdir(parents=True)
    (folders["data"] / "raw").mkdir(parents=True)
    made = {"article.txt": replace_atomically(folders["data"] / "raw" / "article.txt", data)}
    for name, content in files.items():
        made[name.removeprefix("raw/")] = replace_atomically(folders["data"] / name, content.encode("utf-8"))
    made["index.md"] = replace_atomically(folders["site"] / "index.md", FRONT_PAGE.encode("utf-8"))
    if not (root / "jupytext.toml").exists():  # a project root pairs its notebooks with their text
        made["jupytext.toml"] = replace_atomically(root / "jupytext.toml",
                                                   (config.PROJECT / "jupytext.toml").read_bytes())
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
    print("next: follow CONTRIBUTING.md, \"Adding an article\": complete raw/SOURCE.md, page.toml and "
          "the registries; make each codebook row a figure (its area, what it counts) or excluded "
          "(with a reason); write the notebooks and the front page; then make report ARTICLE="
          f"{args.slug}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
