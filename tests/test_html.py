"""The HTML site, both editions, in a real headless Chromium with the network off.

Fails on a broken link, a missing image, a console error, a page error, a request to any other
host, or Chinese text without its font. Needs Debian's chromium (or JJJ_CHROMIUM=/path) and
Playwright (`make browser` installs both; CI runs it). Without them the test skips and says so.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from jjj import build, config

HOW = ("the HTML test needs Playwright and a Chromium: run `make browser` (apt-get needs root), "
       "or `pip install -r requirements-browser.lock` and set JJJ_CHROMIUM=/path/to/chromium")
CHROMIUM = os.environ.get("JJJ_CHROMIUM") or shutil.which("chromium") or shutil.which(
    "chromium-browser")
# Flags for a closed network: no background requests of the browser's own.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Both editions rendered as `make report` and `make report LANG=en` render them."""
    root = tmp_path_factory.mktemp("site")
    html = root / "html"
    build.render_site(build.notebook_paths(), html, "zh")
    out = root / "en"
    executed = build.execute_all("en", out, out / "notebooks")
    build.render_site(executed, html / "en", "en")
    build.render_index(build.notebook_paths(), html, "zh")  # with its link to English
    return html


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason=HOW)
    if not CHROMIUM:
        pytest.skip(HOW)
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _check_page(context, url: str, site: Path) -> tuple[list[str], object]:
    problems: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url[:100]}")
            if not r.url.startswith("data:") else None)
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    broken_images = page.evaluate(
        "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
        ".map(i => i.src.slice(0, 60))")
    problems += [f"missing image: {src}" for src in broken_images]
    for href in page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"):
        parsed = urlparse(href)
        if parsed.scheme != "file":
            problems.append(f"link to another host: {href}")
            continue
        target = Path(unquote(parsed.path))
        if not target.exists() or site not in target.resolve().parents:
            problems.append(f"broken link: {href}")
    has_han = page.evaluate("/[\\u4e00-\\u9fff]/.test(document.body.innerText)")
    if has_han and not page.evaluate(
            "Array.from(document.fonts).some(f => f.family.replace(/[\"']/g, '') === "
            "'JJJ Noto Sans SC' && f.status === 'loaded')"):
        problems.append("Chinese text without its embedded font")
    return problems, page


def test_both_editions_render_offline_without_errors(browser, site):
    context = browser.new_context(offline=True)
    outside: list[str] = []

    def only_local(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", only_local)
    pages = sorted(site.glob("*.html")) + sorted((site / "en").glob("*.html"))
    assert len(pages) == 2 * (len(build.notebook_paths()) + 1)
    report = {}
    for path in pages:
        problems, page = _check_page(context, path.as_uri(), site)
        if path == site / "index.html":
            assert page.evaluate("document.images.length") >= len(build.notebook_paths()) - 1
            config.BUILD.mkdir(exist_ok=True)
            page.set_viewport_size({"width": 1200, "height": 1600})
            page.screenshot(path=str(config.BUILD / "index-screenshot.png"), full_page=False)
        page.close()
        if problems:
            report[str(path.relative_to(site))] = problems
    context.close()
    assert not outside, f"requests to other hosts: {outside[:5]}"
    assert not report, report


def test_english_edition_uses_english_labels(site):
    import csv

    import nbformat

    rows = {r["id"]: r for r in csv.DictReader(
        (config.PROCESSED / "derived.csv").open(encoding="utf-8"))}
    metric = rows["poverty_funds_per_project"]
    nb = nbformat.read(site.parent / "en" / "notebooks" / "02_poverty.ipynb", as_version=4)
    outputs = "".join(str(o.get("data", {}).get("text/plain", "")) + str(o.get("data", {}).get(
        "text/markdown", "")) for c in nb.cells for o in c.get("outputs", []))
    assert metric["label_en"] in outputs and metric["unit_en"] in outputs
    assert metric["label_zh"] not in outputs
    assert (site.parent / "en" / "figures" / "02_poverty_unit_figures.png").exists()
    index = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "Poverty alleviation" in index and 'href="../index.html"' in index
    assert 'href="en/index.html"' in (site / "index.html").read_text(encoding="utf-8")
