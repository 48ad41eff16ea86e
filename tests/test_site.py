"""The report's site (``jjj.site``: Sphinx, myst-nb, sphinx-book-theme), both editions, in a real
headless Chromium with the network off.

Every page of both editions: it loads; no broken link or image; no console error or warning and
no page error; no request to another host; Chinese text in the bundled font; axe-core
(``axe-playwright-python``) finds no serious or critical violation (a table's rows after its
third left out: made by the same template, they add time, not findings). axe's colour-contrast
rule runs once per component of the site and colour scheme, on the pages that hold every
component (``CONTRAST_PAGES`` at 1280 px, ``PHONE_CONTRAST_PAGES`` at 390 px), not on every page
of both editions. Also: code cells are
folded and a click unfolds them; the search finds a word offline; the front page holds the
headline table, the main chart, the downloads and the link to the other edition. Each edition's
checks are a class (``TestChineseEdition``, ``TestEnglishEdition``), a unit of xdist's each.

Needs the site's packages (sphinx, myst-nb, sphinx-book-theme, jieba), Playwright with
axe-playwright-python, and Debian's chromium (or JJJ_CHROMIUM=/path). Without them the tests
skip and say how to get them."""

from __future__ import annotations

import csv
import functools
import io
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pandas as pd
import pytest

from jjj import build, config, show
from jjj import context as jcontext
from jjj import site as jsite  # imports Sphinx only when it builds

pytest.importorskip("myst_nb", reason="the site needs sphinx, myst-nb, sphinx-book-theme and jieba: "
                    "`make venv` once they are in requirements.lock")

HOW = ("the site's browser test needs Playwright, axe-playwright-python and a Chromium: run "
       "`make browser` (apt-get needs root), or `pip install -r requirements-browser.lock` and set "
       "JJJ_CHROMIUM=/path/to/chromium")
CHROMIUM = jsite.find_chromium()
# Flags for a closed network: no background requests of the browser's own.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SEARCH_WORD = {"zh": "基金会", "en": "foundations"}
NOTEBOOK_PAGE = "02_poverty.html"  # a page with code cells, tables and a chart
TABLE_ROWS_AFTER_THIRD = "tbody tr:nth-child(n+4)"


# ---------------------------------------------------------------- without a browser

def test_folded_copy_tags_every_code_cell_and_fills_empty_headers():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# 标题"),
        nbformat.v4.new_code_cell("df", outputs=[nbformat.v4.new_output(
            "execute_result", data={"text/html": '<table><thead><tr><th></th><th>a</th></tr>'
                                                 '<tr><th>id</th><th> </th></tr></thead></table>',
                                    "text/plain": "df"}, execution_count=1)]),
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["hide-input"]}),
        # display only: no "show code" bar on the site
        nbformat.v4.new_code_cell('show.finding("a")\ntext.say("{x}", x=1)'),
        nbformat.v4.new_code_cell('table = show.table(df)\ntable'),
    ])
    copy = jsite.folded_copy(nb)
    assert [c.metadata.get("tags") for c in copy.cells] == [
        None, ["hide-input"], ["hide-input"], ["remove-input"], ["hide-input"]]
    table = copy.cells[1].outputs[0]["data"]["text/html"]
    assert "<th></th>" not in table and "<th> </th>" not in table
    assert table.count("<td></td>") == 2 and "<th>id</th>" in table
    assert "tags" not in nb.cells[1].metadata  # the notebook itself is untouched


def test_headline_rows_show_ranges_in_each_language():
    import pandas as pd

    headline = pd.read_csv(config.HEADLINE_CSV)
    zh, en = jsite.headline_rows(headline, "zh"), jsite.headline_rows(headline, "en")
    assert zh.count("* - ") == en.count("* - ") == len(headline) == len(config.AREAS)
    first = headline.iloc[0]
    assert first["name_zh"] in zh and first["name_en"] in en and first["stated"] in en
    assert "–" in zh and "yuan" in en


def test_front_page_catalog_translates_every_message():
    """Every sentence of site/index.md has its English in site/locales/en (update with
    ``python -m jjj.site --update-catalog``, then translate)."""
    missing = [m for m in jsite.messages() if m not in jsite.catalog("en")]
    assert not missing, f"untranslated in site/locales/en/LC_MESSAGES/index.po: {missing}"


# ---------------------------------------------------------------- both editions in a browser

@pytest.fixture(scope="session")
def site(built_once, editions) -> Path:
    """Both editions, rendered as `make report` renders them, once per test run (the English
    notebooks from the ``editions`` fixture, the Chinese ones committed; root conftest.py)."""
    english = sorted((editions / "en" / "notebooks").glob("*.ipynb"))

    def render(root: Path) -> None:
        jsite.build_site(build.notebook_paths(), root / "html", "zh", "en/index.html")
        jsite.build_site(english, root / "html" / "en", "en", "../index.html")

    return built_once("site", render) / "html"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason=HOW)
    pytest.importorskip("axe_playwright_python", reason=HOW)
    if not CHROMIUM:
        pytest.skip(HOW)
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _offline_context(browser):
    """A browser context with the network off: any request but file: and data: is refused and
    recorded in ``context.outside``."""
    ctx = browser.new_context(offline=True, viewport=DESKTOP)
    ctx.outside = []

    def only_local(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            ctx.outside.append(url)
            route.abort()

    ctx.route("**/*", only_local)
    return ctx


@pytest.fixture
def context(browser):
    ctx = _offline_context(browser)
    yield ctx
    ctx.close()


class Tab:
    """One browser tab. ``goto`` opens a page in it and collects that page's console errors and
    warnings, page errors and failed requests in ``problems``. Reusing the tab for every page
    saves starting a renderer per page."""

    def __init__(self, context):
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(
            f"failed request: {r.url[:100]}") if not r.url.startswith("data:") else None)

    def goto(self, url: str):
        self.problems = []
        self.page.goto(url, wait_until="load")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return self.page


# What a reader must never meet in a table: a code id (poverty_orgs, 02_poverty), NaN, True.
CODE_TOKEN = re.compile(r"\b[0-9a-z]+_[a-z0-9_]+\b|\bNaN\b|\bnan\b|\bTrue\b|\bFalse\b")
FILE_LIKE = re.compile(r"\.(png|svg|jpe?g)$|^[0-9a-f]{16,}", re.I)


def _reader_problems(page) -> list[str]:
    """Tables with code ids or NaN, images whose alt text is empty or a file name, and a page
    without the link to itself in the other edition."""
    problems = []
    for text in page.evaluate("Array.from(document.querySelectorAll('main table')).map(t => t.innerText)"):
        codes = sorted(set(CODE_TOKEN.findall(text)))
        if codes:
            problems.append(f"a table shows codes or NaN: {codes[:5]}")
    for src, alt in page.evaluate("Array.from(document.querySelectorAll('main img'))"
                                  ".map(i => [i.getAttribute('src'), i.getAttribute('alt') || ''])"):
        if not alt.strip() or FILE_LIKE.search(alt.strip()):
            problems.append(f"an image whose alt text is not a sentence: {src[-40:]}: {alt!r}")
    if not page.locator("a.jjj-edition-link").count():
        problems.append("no link to the same page in the other edition")
    if page.evaluate("document.documentElement.lang") == "en":
        unmarked = page.evaluate("""() => {
            const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                const el = n.parentElement;
                const zh = (el?.closest('[lang]')?.lang || '').startsWith('zh');
                if (/[\\u4e00-\\u9fff]/.test(n.textContent) && el && !el.closest('script, style')
                    && !zh) out.push(n.textContent.trim().slice(0, 30));
            }
            return out; }""")
        if unmarked:
            problems.append(f"Chinese without lang=zh on an English page: {unmarked[:5]}")
    return problems


# The only outside addresses a page may link to: the sources of data/external/context.csv, the
# article's address (data/raw/SOURCE.md) and the licences' texts.
SOURCE_URLS = set(jcontext.load()["url"]) | set(
    re.findall(r"https?://\S+", (config.RAW / "SOURCE.md").read_text(encoding="utf-8"))) | set(
    jsite.LICENCES.values())


def _check_page(page, site: Path) -> list[str]:
    problems = []
    broken_images = page.evaluate(
        "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
        ".map(i => i.src.slice(0, 60))")
    problems += [f"missing image: {src}" for src in broken_images]
    for href in set(page.evaluate(
            "Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")):
        parsed = urlparse(href)
        if parsed.scheme in ("http", "https") and href in SOURCE_URLS:
            continue  # a source a reader can follow (a link, never a request)
        if parsed.scheme != "file":
            problems.append(f"link to another host: {href}")
            continue
        target = Path(unquote(parsed.path))
        if not target.exists() or site.resolve() not in target.resolve().parents:
            problems.append(f"broken link: {href}")
    problems += _reader_problems(page)
    has_han = page.evaluate("/[\\u4e00-\\u9fff]/.test(document.body.innerText)")
    if has_han and not page.evaluate(
            "Array.from(document.fonts).some(f => f.family.replace(/[\"']/g, '') === "
            f"'{jsite.FONT_FAMILY}' && f.status === 'loaded')"):
        problems.append("Chinese text without the bundled font")
    empty = page.evaluate("Array.from(document.querySelectorAll('th'))"
                          ".filter(th => !th.textContent.trim()).length")
    if empty:
        problems.append(f"{empty} empty table headers")
    return problems


@functools.cache
def _glyphs(woff: Path) -> frozenset[str]:
    from fontTools.ttLib import TTFont

    return frozenset(chr(c) for c in TTFont(str(woff)).getBestCmap())


def _missing_glyphs(page, woff: Path) -> list[str]:
    """Chinese characters on the page that the edition's font subset cannot draw (a machine
    without a CJK font would show a box)."""
    han = set(re.findall(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]",
                         page.evaluate("document.body.innerText")))
    missing = "".join(sorted(han - _glyphs(woff)))
    return [f"characters missing from the font: {missing}"] if missing else []


def _axe(page) -> list[str]:
    """axe-core's serious and critical violations on a page, the colour-contrast rule aside
    (:func:`_contrast`, once per component)."""
    from axe_playwright_python.sync_playwright import Axe

    # preload off: axe would fetch each style sheet again (XHR), which file: pages refuse.
    # The rows of a table after its third are left out: the same template and style sheet make
    # every row, so they add no finding, only time.
    results = Axe().run(page, context={"exclude": [[TABLE_ROWS_AFTER_THIRD]]},
                        options={"resultTypes": ["violations"], "preload": False,
                                 "rules": {"color-contrast": {"enabled": False}}})
    return [f"axe {v['id']} ({v['impact']}): {len(v['nodes'])}× e.g. {v['nodes'][0]['target']}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def _contrast(page) -> list[str]:
    """axe-core's colour-contrast rule on a page: its violations, and the text it cannot judge
    (a gradient or a shadow behind it), one-glyph text aside, which axe cannot judge at all.
    A table's rows after its third are left out, as in :func:`_axe`."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, context={"exclude": [[TABLE_ROWS_AFTER_THIRD]]},
                      options={"runOnly": ["color-contrast"], "preload": False}).response
    problems = []
    for kind in ("violations", "incomplete"):
        for rule in found[kind]:
            problems += [f"{kind} {n['target']} "
                         f"{(n['any'][0]['data'] or {}).get('messageKey') if n['any'] else ''}"
                         for n in rule["nodes"]
                         if not (n["any"] and (n["any"][0]["data"] or {}).get("messageKey")
                                 == "shortTextContent")]
    return problems


def test_axe_reports_a_planted_violation_in_the_rows_it_reads(context, tmp_path):
    """The accessibility checks can fail: an image without a text alternative is found on every
    page (:func:`_axe`), pale text in a table's second row by the contrast check
    (:func:`_contrast`); the same pale cell in the sixth row is not read."""
    def page(pale_row: int) -> str:
        rows = "".join(f"<tr><td{PALE if i == pale_row else ''}>row {i}</td></tr>" for i in range(1, 7))
        return ('<!doctype html><html lang="en"><head><title>t</title></head><body><main>'
                f'<table><thead><tr><th>n</th></tr></thead><tbody>{rows}</tbody></table>'
                '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="9" height="9">'
                '</main></body></html>')

    PALE = ' style="color:#ddd;background:#fff"'
    tab = Tab(context)
    found, pale = {}, {}
    for row in (2, 6):
        (tmp_path / f"{row}.html").write_text(page(row), encoding="utf-8")
        opened = tab.goto((tmp_path / f"{row}.html").as_uri())
        found[row] = {v.split()[1] for v in _axe(opened)}
        pale[row] = _contrast(opened)
    assert found[2] == found[6] == {"image-alt"}
    assert len(pale[2]) == 1 and pale[2][0].startswith("violations") and pale[6] == []


def _check_edition(context, root: Path, site: Path) -> tuple[dict[str, list[str]], int]:
    """The problems of each page of the edition in ``root``, at 1280 px and then at 390 px (a
    phone: chart text and tables), and the number of charts measured on the phone."""
    report, charts = {}, 0
    tab = Tab(context)
    for path in sorted(root.glob("*.html")):
        page = tab.goto(path.as_uri())
        problems = _check_page(page, site)
        problems += _missing_glyphs(page, root / "_static" / jsite.FONT_FILE_NAME)
        problems += _axe(page)
        lang = "en" if root.name == "en" else "zh-CN"
        if page.evaluate("document.documentElement.lang") != lang:
            problems.append(f"<html lang> is not {lang}")
        # every table fits its column at 1280 px, folded evidence unfolded (no sideways scrolling)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        if wide := page.evaluate(WIDE_TABLES) + page.evaluate(SCROLLING_TABLES):
            problems.append(f"{wide} tables wider than the column at 1280 px (to scroll sideways)")
        page.set_viewport_size(PHONE)  # the same page on a phone
        sizes = chart_text_px(page, root)
        charts += len(sizes)
        problems += [f"chart text at 390 px: {px:.1f} CSS px in {name} (at least {PHONE_MIN_CSS_PX})"
                     for name, px in sizes.items() if px < PHONE_MIN_CSS_PX]
        if wide := page.evaluate(WIDE_TABLES):
            problems.append(f"{wide} tables wider than the page at 390 px (to scroll sideways)")
        page.set_viewport_size(DESKTOP)
        problems = tab.problems + problems  # with what the page logged while it was checked
        if problems:
            report[str(path.relative_to(site))] = problems
    return report, charts


class EditionChecks:
    """The checks of one edition in the browser. Each edition is a class of its own, so that
    xdist (a class is a group: root conftest.py) can check the two side by side."""

    edition = ""

    @property
    def root(self) -> Path:
        return self.site / ("" if self.edition == "zh" else self.edition)

    @pytest.fixture(autouse=True)
    def _site(self, site):
        self.site = site

    def test_every_page_offline_without_errors_accessible_and_fit_for_a_phone(self, context):
        # the front page, a page per notebook and the search page
        assert len(list(self.root.glob("*.html"))) == len(build.notebook_paths()) + 2
        report, charts = _check_edition(context, self.root, self.site)
        assert not context.outside, f"requests to other hosts: {context.outside[:5]}"
        assert charts >= 14, "every chart of the notebooks and the front page's is measured"
        assert not report, report

    def test_code_is_folded_and_unfolds(self, context):
        tab = Tab(context)
        page = tab.goto((self.root / NOTEBOOK_PAGE).as_uri())
        folds = page.locator("details.above-input")
        assert folds.count(), "code cells are folded"
        assert page.locator("div.cell .cell_input").count() == folds.count(), "no code unfolded"
        # a cell that only shows something (show.finding, text.say) has no "show code" bar
        assert page.locator("div.cell:not(:has(details.above-input))").count() >= 1
        assert page.evaluate("Array.from(document.querySelectorAll('details.above-input'))"
                             ".every(d => !d.open)")
        code = folds.first.locator(".cell_input")
        assert not code.is_visible()
        assert page.locator("div.cell_output img, div.cell_output table").first.is_visible()
        folds.first.locator("summary").click()
        assert folds.first.evaluate("d => d.open") and code.is_visible()
        folds.first.locator("summary").click()
        assert not code.is_visible()
        assert not tab.problems, tab.problems

    def test_search_works_offline(self, context):
        tab = Tab(context)
        page = tab.goto((self.root / "index.html").as_uri())
        # the search of the page, as a reader uses it: open the search box, type a word, press
        # Enter
        page.locator("button.search-button-field:visible").first.click()
        box = page.locator("input[name=q]:visible").first
        box.fill(SEARCH_WORD[self.edition])
        box.press("Enter")
        page.wait_for_url("**/search.html?q=*")
        page.wait_for_selector("ul.search li a", timeout=20_000)
        hits = page.locator("ul.search li a")
        assert hits.count() >= 1
        target = Path(unquote(urlparse(hits.first.evaluate("a => a.href")).path))
        assert target.exists() and target.parent == self.root
        # the words the search script writes when it has finished (搜索完成，匹配…, into the
        # summary, empty until then) are in the font too
        page.wait_for_function("document.querySelector('p.search-summary')?.innerText.trim()")
        # each result quotes its page around the word (excerpts answered from jjj-pages.js, as
        # the page is opened from a file)
        page.wait_for_function("n => document.querySelectorAll('ul.search li p.context').length == n",
                               arg=hits.count(), timeout=20_000)
        excerpts = page.locator("ul.search li p.context").all_inner_texts()
        assert all(_quotes(e, SEARCH_WORD[self.edition]) for e in excerpts), excerpts
        assert not _missing_glyphs(page, self.root / "_static" / jsite.FONT_FILE_NAME)
        assert not tab.problems, tab.problems
        assert not context.outside

    def test_front_page(self, context):
        tab = Tab(context)
        page = tab.goto((self.root / "index.html").as_uri())
        rows = page.locator("table.jjj-headline tbody tr")
        assert rows.count() == len(config.AREAS)
        assert page.locator(f"img[src$='{jsite.main_chart()}']").first.evaluate(
            "i => i.naturalWidth") > 0
        downloads = page.evaluate("Array.from(document.querySelectorAll('a.download'))"
                                  ".map(a => decodeURIComponent(a.href).split('/').pop())")
        assert {p.name for p in build.notebook_paths()} <= set(downloads)
        assert {"headline.csv", "figures.csv", "derived.csv", "context.csv", "sources.csv"} <= set(downloads)
        # a CSV download opens in Excel as UTF-8: it starts with a byte-order mark
        href = page.locator("a.download[href$='figures.csv']").first.evaluate("a => a.href")
        assert Path(unquote(urlparse(href).path)).read_bytes().startswith(b"\xef\xbb\xbf")
        footer = page.locator("p.jjj-built").inner_text()
        assert ("Built from commit" if self.edition == "en" else "据提交") in footer, footer
        other = page.locator("p.jjj-other-edition a")
        assert other.get_attribute("href") == ("en/index.html" if self.edition == "zh"
                                               else "../index.html")
        text = page.locator("main").inner_text()
        if self.edition == "zh":
            assert "读者须知的三件事" in text and "人次是次数，不是人数" in text
            assert "下一页" in page.locator("footer").first.inner_text() or "下一页" in text
        else:
            assert "Three things a reader must know" in text and "visits, not people" in text
            assert "读者须知" not in text
        sidebar = page.locator("nav.bd-docs-nav a")
        assert sidebar.count() >= len(build.notebook_paths())
        assert not tab.problems, tab.problems


# The pages that hold every component (the front page's tables and cards, a notebook's tables,
# folded evidence and code with every kind of token, findings, charts, the search page), in the
# edition whose long titles are the harder case: the colour-contrast rule once per component and
# scheme, not per page and edition (test_the_contrast_pages_hold_every_component_of_the_site
# checks they do). Measured once on every page of both editions, light and dark, 1280 and 390 px,
# folded parts open: 96 runs, no violation, nothing incomplete, 132 s against this test's 14.
CONTRAST_PAGES = ("index.html", "00_clean_figures.html", "01_cooperation.html", "search.html")
# On a phone what changes is the tables (cards, whose labels are text) and the header: the pages
# that hold every component but the tokens of code, which are coloured alike at any width (the
# cleaning notebook's page adds two kinds of token only; the test below checks it).
PHONE_CONTRAST_PAGES = ("index.html", "01_cooperation.html", "search.html")


def _components(page: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """What a page is built of, as its elements' tags and classes: all of them, and those
    outside its code (not the tokens inside it)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    code = {id(el) for block in soup.select(".highlight") for el in block.find_all(True)}
    every, outside = set(), set()
    for el in soup.find_all(True):
        kinds = {(el.name, c) for c in el.get("class") or []}
        every |= kinds
        outside |= kinds if id(el) not in code else set()
    return every, outside


def test_the_contrast_pages_hold_every_component_of_the_site(site):
    checked = set().union(*(_components(site / "en" / name)[0] for name in CONTRAST_PAGES))
    on_phone = set().union(*(_components(site / "en" / name)[1] for name in PHONE_CONTRAST_PAGES))
    for root in (site, site / "en"):
        for page in root.glob("*.html"):
            every, outside = _components(page)
            assert not every - checked, (page, every - checked)
            assert not outside - on_phone, ("on a phone", page, outside - on_phone)
# At 900 px the sidebar's last entry is partly scrolled out of its container, which axe cannot
# judge ("partially obscured"); its colours are those of the entries above it.
TALL_DESKTOP = {"width": 1280, "height": 1400}


# each scheme a group of its own, so that the two can go to different workers (root conftest.py)
@pytest.mark.parametrize("scheme", [pytest.param(scheme, marks=pytest.mark.xdist_group(f"contrast-{scheme}"))
                                    for scheme in ("light", "dark")])
def test_every_text_has_a_contrast_axe_can_judge_and_pass(browser, site, scheme):
    """axe-core's colour-contrast rule, light and dark, at 1280 and 390 px: no violation and no
    text it cannot judge (:func:`_contrast`). The card labels of the tables on a phone are text in
    the page, so the rule judges them too."""
    problems = []
    for viewport in (TALL_DESKTOP, PHONE):
        ctx = browser.new_context(offline=True, viewport=viewport, color_scheme=scheme)
        page = ctx.new_page()
        for name in CONTRAST_PAGES if viewport is TALL_DESKTOP else PHONE_CONTRAST_PAGES:
            page.goto((site / "en" / name).as_uri())
            page.wait_for_load_state("load")
            # the theme sets the scheme from a script and fades colours in: judge them settled
            page.wait_for_function("s => document.documentElement.dataset.theme === s", arg=scheme)
            page.add_style_tag(content="*, *::before, *::after { transition: none !important; "
                                       "animation: none !important; }")
            # what a reader unfolds is judged too: evidence, the charts' numbers, the code
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.wait_for_timeout(100)
            problems += [f"{scheme} {viewport['width']} px {name}: {p}" for p in _contrast(page)]
            if viewport is PHONE and name != "search.html":  # a page of tables
                labels = page.locator("table.jjj-table td > span.jjj-label")
                assert labels.count() and labels.first.is_visible(), f"{name}: card labels are text"
        ctx.close()
    assert not problems, problems[:10]


def test_text_over_a_gradient_is_what_the_contrast_check_calls_incomplete(browser, tmp_path):
    """The contrast check can fail on what axe cannot judge: text on a gradient (the tables'
    old scroll shadows) is an incomplete result."""
    (tmp_path / "g.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body><main><p style="background:'
        'linear-gradient(to right, #fff, #000); color:#777">some words</p></main></body></html>',
        encoding="utf-8")
    ctx = browser.new_context(offline=True)
    page = ctx.new_page()
    page.goto((tmp_path / "g.html").as_uri())
    problems = _contrast(page)
    ctx.close()
    assert len(problems) == 1 and problems[0].startswith("incomplete") and problems[0].endswith(
        "bgGradient"), problems


def _quotes(excerpt: str, word: str) -> bool:
    """An excerpt from a page's article (not its header: the buttons, the other edition's link)
    that holds the word searched for or its beginning (poverty, foundations: found, Xiong'an)."""
    header = ("中文版", "English edition", ".ipynb")
    return not any(h in excerpt for h in header) and word.lower()[:5] in excerpt.lower()


def test_search_in_english_quotes_the_word_over_http(browser, site):
    """Over http Sphinx fetches each page it lists: every excerpt is from the article and holds
    the word or its stem (the stems alone, poverti, found nothing, and every excerpt began with
    the page's header)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ctx = browser.new_context()
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        f"http://127.0.0.1:{server.server_address[1]}/") else route.abort())
    try:
        page = ctx.new_page()
        for word in ("poverty", "foundation", "Xiong'an"):
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/en/search.html?q={word}")
            page.wait_for_function("document.querySelector('p.search-summary')?.innerText.trim()",
                                   timeout=20_000)
            hits = page.locator("ul.search li").count()
            page.wait_for_function("n => document.querySelectorAll('ul.search li p.context').length == n",
                                   arg=hits, timeout=20_000)
            excerpts = page.locator("ul.search li p.context").all_inner_texts()
            assert hits and all(_quotes(e, word) for e in excerpts), (word, excerpts)
    finally:
        ctx.close()
        server.shutdown()


def chart_text_px(page, root: Path) -> dict[str, float]:
    """The smallest text of each chart of a page, in CSS px as the browser shows the image: the
    height its PNG records (jjj.style.png_bytes) times the shown width over the image's own."""
    from PIL import Image

    from jjj import style

    out = {}
    for src, natural, shown in page.evaluate(
            "Array.from(document.querySelectorAll('main img')).filter(i => i.src.endsWith('.png'))"
            ".map(i => [i.src, i.naturalWidth, i.getBoundingClientRect().width])"):
        with Image.open(Path(unquote(urlparse(src).path))) as png:
            smallest = float(png.text[style.SMALLEST_TEXT_KEY])
        out[src.rsplit("/", 1)[-1]] = smallest * shown / natural
    return out


PHONE_MIN_CSS_PX = 9
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
# the tables of a page's article that are wider than the article (a reader would scroll sideways)
# a table in an output or table container that scrolls sideways (the container is narrower than
# the article: a table can fit the article and still be cut at its container's edge)
SCROLLING_TABLES = """(() => Array.from(document.querySelectorAll(
    "main article div.output, main article .pst-scrollable-table-container"))
  .filter(o => o.querySelector("table") && o.scrollWidth > o.clientWidth + 1).length)()"""
WIDE_TABLES = """(() => {
  const article = document.querySelector("main article") || document.querySelector("main");
  const right = article.getBoundingClientRect().right + 1;
  return Array.from(article.querySelectorAll("table"))
    .filter(t => t.getBoundingClientRect().right > right || t.scrollWidth > t.clientWidth + 1).length;
})()"""


def test_chinese_on_an_english_page_is_marked_as_chinese():
    page = ('<head><title>数据</title></head><body><p>The 6300多家 figure, 《标题》.</p>'
            '<script>var a = "中文"</script><span lang="zh-Hans">已标</span></body>')
    assert jsite.mark_chinese(page) == (
        '<head><title>数据</title></head><body><p>The <span lang="zh-Hans">6300多家</span> figure, '
        '<span lang="zh-Hans">《标题》</span>.</p><script>var a = "中文"</script>'
        '<span lang="zh-Hans">已标</span></body>')


def test_a_number_in_chinese_is_marked_whole():
    assert jsite.mark_chinese("<p>The 约21.88亿元 and 1,000多家 figures. 6300多家.</p>") == (
        '<p>The <span lang="zh-Hans">约21.88亿元</span> and <span lang="zh-Hans">1,000多家</span> '
        'figures. <span lang="zh-Hans">6300多家</span>.</p>')


def test_the_key_figure_table_labels_each_cell_with_its_header():
    page = ('<p>x</p><table class="jjj-headline table"><thead><tr><th class="head"><p>Area</p></th>'
            '<th class="head"><p>Range &amp; unit</p></th></tr></thead><tbody>'
            '<tr class="row-even"><td><p>a</p></td><td><p>1</p></td></tr>'
            '<tr class="row-odd"><td><p>b</p></td><td><p>2</p></td></tr></tbody></table>')
    area, unit = (f'<td data-label="{h}">' + show.LABEL.format(h) for h in ("Area", "Range &amp; unit"))
    assert jsite.label_cells(page) == page.replace(
        'class="jjj-headline', 'class="jjj-table jjj-headline').replace(
        "<td><p>a", area + "<p>a").replace("<td><p>b", area + "<p>b").replace(
        "<td><p>1", unit + "<p>1").replace("<td><p>2", unit + "<p>2")


def test_a_reference_to_a_notebook_section_or_file_becomes_a_link():
    code = '<code class="docutils literal notranslate"><span class="pre">{}</span></code>'
    page = (f"<p>{code.format('00_clean_figures')} 第9节, {code.format('data/processed/x.csv')}, "
            f"{code.format('jjj.metrics')}, <a href=\"d/y.csv\">{code.format('y.csv')}</a></p>")
    linked = jsite.link_references(page, {"data/processed/x.csv": "d/x.csv", "y.csv": "d/y.csv"},
                                   {"00_clean_figures": {9: "id9"}})
    section = code.format("00_clean_figures") + " 第9节"
    assert f'<a class="reference internal" href="00_clean_figures.html#id9">{section}</a>' in linked
    assert f'<a class="reference internal" href="d/x.csv">{code.format("data/processed/x.csv")}</a>' in linked
    assert f", {code.format('jjj.metrics')}, " in linked  # a module is not a page or a download
    assert linked.count("<a ") == 3  # the download's own code is not linked again


def test_every_reference_to_a_notebook_or_a_download_on_the_site_is_a_link(site):
    for root in (site, site / "en"):
        files, sections = jsite.link_targets(root, jsite.data_files(config.ROOT))
        for page in root.glob("*.html"):
            text = page.read_text(encoding="utf-8")
            outside_links = "".join(p for p in re.split(r"(<a\b.*?</a>)", text, flags=re.S)
                                    if not p.startswith("<a"))
            for m in jsite.INLINE_CODE.finditer(outside_links):
                ref = re.sub(r"<[^>]+>", "", m.group(1)).strip()
                assert ref.removesuffix(".ipynb") not in sections and ref not in files, (page, ref)
            for stem, anchor in re.findall(r'href="([0-9]{2}_[a-z_]+)\.html#([^"]+)"', text):
                assert f'id="{anchor}"' in (root / f"{stem}.html").read_text(encoding="utf-8")


def test_each_table_becomes_a_csv_linked_under_it(tmp_path):
    page = ('<p>x</p><table class="jjj-table"><thead><tr><th>名称</th><th>区间</th></tr></thead>'
            '<tbody><tr><td data-label="名称"><span class="jjj-label">名称</span><span>扶贫, 项目</span></td>'
            '<td data-label="区间"><span class="jjj-label">区间</span><span><a href="#">5,000–6,000</a>'
            '</span></td></tr></tbody></table><table><tr><td>"引"</td></tr></table>')
    out = jsite.table_downloads(page, "02_poverty", tmp_path / "tables", "en")
    first, second = (tmp_path / "tables" / f"02_poverty-{n}.csv" for n in (1, 2))
    assert first.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    # the cells as a reader sees them, without the phone's labels; quoted where CSV needs it
    assert first.read_bytes().decode("utf-8-sig") == '名称,区间\r\n"扶贫, 项目","5,000–6,000"\r\n'
    assert second.read_bytes().decode("utf-8-sig") == '"""引"""\r\n'
    assert out.count('<p class="jjj-csv"><a href="tables/02_poverty-') == 2
    assert out.index("</table>") < out.index("02_poverty-1.csv") < out.rindex("<table")
    assert "Download this table (CSV)" in out
    with pytest.raises(ValueError, match=r"02_poverty\.html: a table inside a table"):
        jsite.table_downloads("<table><tr><td><table></table></td></tr></table>", "02_poverty",
                              tmp_path / "tables", "zh")


def test_every_table_on_the_site_is_a_csv_and_every_chart_shows_its_numbers(site):
    for root in (site, site / "en"):
        for page in root.glob("*.html"):
            text = page.read_text(encoding="utf-8")
            tables = jsite.TABLE.findall(text)
            links = re.findall(r'<p class="jjj-csv"><a href="(tables/[^"]+\.csv)" download>', text)
            assert len(links) == len(tables), page
            for table, link in zip(tables, links, strict=True):
                rows = list(csv.reader(io.StringIO((root / link).read_text(encoding="utf-8-sig"))))
                assert rows == jsite.table_rows(table) and len(rows) > 1, (page, link)
            # each chart in a notebook's output is followed by the table of its numbers, folded
            charts = re.findall(r'<img [^>]*src="_images/[^"]+\.png"', text)
            folded = re.findall(r'<details class="jjj-evidence"><summary>'
                                r'(?:图中的数字|The chart&#x27;s numbers|The chart\'s numbers)', text)
            if page.stem[:2].isdigit() or page.stem == "index":  # the front page's chart too
                assert len(folded) == len(charts), page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_download_is_described_in_a_line(lang, tmp_path):
    files = jsite.data_files(config.ROOT) + build.notebook_paths()[:1]
    lines = jsite._downloads(files, "files", lang).splitlines()
    assert len(lines) == len(files) and all(re.search(r"`(：|: )\S", line) for line in lines), lines
    with pytest.raises(KeyError, match=r"describe it in jjj\.site\.DOWNLOADS"):
        jsite._downloads([tmp_path / "new.csv"], "files", lang)


def test_the_front_pages_chart_is_described_by_its_finding_not_its_caption():
    alt = jsite.chart_alt(build.notebook_paths(), jsite.main_chart())
    caption = jsite._caption((config.SITE / "index.md").read_text(encoding="utf-8"))
    assert alt.startswith("图：") and alt != caption
    assert f"alt: {alt}" in jsite.front_page("zh", pd.read_csv(config.HEADLINE_CSV), build.notebook_paths(),
                                              [], None)


def test_the_front_page_links_the_pdfs_when_there_are_any():
    args = ("zh", pd.read_csv(config.HEADLINE_CSV), [], [], None, pd.read_csv(config.FINDINGS_CSV))
    assert "{download}`jjj-zh.pdf <files/jjj-zh.pdf>`" in jsite.front_page(*args, [Path("jjj-zh.pdf")])
    assert "PDF" not in jsite.front_page(*args, [])  # no PDF paragraph, and no build note for readers


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_how_to_cite_is_a_citation(lang):
    """The article with outlet, reporter, date and address as data/raw/SOURCE.md records them; the
    project with its year and the commit it is built from; the licences linked."""
    source = jsite.article_source()
    cite = jsite.citation(lang, ("abc1234", "2026-12-05", False))
    assert "蒋若静" in source["reporter"] and "蒋若静" in cite
    assert source["address"].split()[0] in cite and "2024-04-19" in cite and source["title"] in cite
    assert "abc1234" in cite and "2026" in cite
    assert all(f"]({url})" in cite for url in jsite.LICENCES.values())
    dirty = jsite.built_from(lang, ("abc1234", "2026-12-05", True))
    assert "abc1234" in dirty and dirty != jsite.built_from(lang, ("abc1234", "2026-12-05", False))
    assert jsite.built_from(lang, None)  # outside a checkout the line says so


def test_the_site_is_built_from_this_commit():
    built = jsite.version()
    if built is None:
        pytest.skip("not a git checkout: the site says it has no version")
    commit, date, _ = built
    head = subprocess.run(["git", "-C", str(config.ROOT), "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout
    assert head.startswith(commit) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date)


def test_an_edition_prints_to_one_pdf_on_a4_with_page_numbers_bookmarks_and_legible_text(tmp_path, editions):
    """The English edition (the wider tables; both share the print style): A4 pages, each
    numbered "n / N" at its foot, bookmarks from the headings, no text under 8 pt (the tables)
    and the body at 10 pt (nothing shrunk to fit the paper)."""
    if not CHROMIUM:
        pytest.skip(HOW)
    pypdf = pytest.importorskip("pypdf", reason=HOW)
    english = sorted((editions / "en" / "notebooks").glob("*.ipynb"))
    out = jsite.pdf(english, "en", tmp_path / "jjj-en.pdf", root=editions / "en")
    pdf = pypdf.PdfReader(out)
    pages = pdf.pages
    assert len(pages) >= len(english)
    assert all(round(float(p.mediabox.width)) == 595 and round(float(p.mediabox.height)) == 842
               for p in pages), "A4"
    assert f"2 / {len(pages)}" in pages[1].extract_text()
    titles = [o.title for o in pdf.outline if not isinstance(o, list)]
    assert titles and "Ten years" in titles[0] and isinstance(pdf.outline[1], list), "bookmarks"
    sizes = []

    def size(text, cm, tm, font, points):
        if text.strip():
            sizes.append(round(points * abs(tm[0] or 1) * abs(cm[0] or 1), 1))

    pages[0].extract_text(visitor_text=size)  # the front page: prose
    assert max(set(sizes), key=sizes.count) >= 10, "the body is at 10 pt or more"
    for page in pages[1::7]:  # and tables
        page.extract_text(visitor_text=size)
    assert min(sizes) >= 8, sorted(set(sizes))[:5]
    # beside it, the summary: the findings, the main chart and the table of sources, two pages
    summary = pypdf.PdfReader(out.with_name("jjj-en-summary.pdf"))
    text = "".join(p.extract_text() for p in summary.pages)
    assert len(summary.pages) <= 2 and "What we found" in text and "The analysis found" in text
    assert "How to cite" not in text and "Three things" not in text
    assert any(page.images for page in summary.pages), "the main chart"


class TestChineseEdition(EditionChecks):
    edition = "zh"


class TestEnglishEdition(EditionChecks):
    edition = "en"


# ---------------------------------------------------------------- each edition in its language

CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
# names of code and files, links, character offsets: neither language's prose
NOT_PROSE = re.compile(r"https?://\S+|\S*[_/\\.]\S*|\[[0-9:]+\]")
BLOCKS = ["p", "h1", "h2", "h3", "h4", "li", "th", "caption", "figcaption", "summary", "dt", "dd"]


def stray_blocks(page: str, lang: str) -> list[str]:
    """The paragraphs, headings, list items and table headers of a page's main content that are
    not in the edition's language: in Chinese, a block whose letters are mostly Latin; in
    English, a block whose Chinese outweighs its English, outside quotations of the source (a
    quoted Chinese term or a figure as written, 6300多家, beside English text is allowed). Code
    and the link to the other edition are not prose."""
    from bs4 import BeautifulSoup

    main = BeautifulSoup(page, "html.parser").find("main")
    for tag in main.find_all(["pre", "code", "kbd", "script", "style", "svg", "img"]):
        tag.decompose()
    for tag in main.select(".cell_input, .headerlink, .jjj-other-edition, td"):
        tag.decompose()
    bad = []
    for block in main.find_all(BLOCKS):
        if block.find(["p", "li"]) or (lang == "en" and block.find_parent("blockquote")):
            continue  # judged by its own paragraphs; a quotation of the source
        text = NOT_PROSE.sub(" ", block.get_text(" ", strip=True))
        cjk, latin = len(CJK.findall(text)), len(LATIN.findall(text))
        if (lang == "zh" and latin >= 12 and latin > cjk) or (lang == "en" and cjk >= 6 and cjk > latin):
            bad.append(text[:100])
    return bad


def test_stray_blocks_finds_a_paragraph_in_the_other_language():
    page = ("<main><h2>来源</h2><p>哪一句给出了这些数字？见 <code>figures.csv</code>。</p>"
            "<p>Which sentence states these figures?</p>"
            "<blockquote><p>三地1000多家基金会近三年在京津冀广泛开展慈善活动</p></blockquote>"
            "<p class='jjj-other-edition'><a>English edition</a></p></main>")
    assert stray_blocks(page, "zh") == ["Which sentence states these figures?"]
    english = page.replace("<h2>来源</h2>", "<h2>The source</h2>").replace(
        "<p>Which sentence states these figures?</p>", "<p>The 6300多家 organisations took part.</p>")
    assert stray_blocks(english, "en") == ["哪一句给出了这些数字？见 。"]


def test_each_edition_is_wholly_in_its_language(site):
    for lang, root in (("zh", site), ("en", site / "en")):
        pages = sorted(root.glob("*.html"))
        assert len(pages) > len(config.AREAS)
        stray = {p.name: b for p in pages for b in [stray_blocks(p.read_text("utf-8"), lang)] if b}
        assert not stray, f"{lang} edition: {stray}"
