"""The proof that the engine knows no article: the team's test article (tests/articles/, shaped
unlike the first: traditional script, money and percentages, six numbered sections, a dateline
with a time, a list of related reading) builds through the site in both editions with the engine
as it is, in a scratch copy of its folder; and a project of several articles needs the article
named, with an error that lists them, never a traceback."""

import csv
import os
import shutil
import subprocess
import sys

import pytest

from jjj import config

SLUG = "hkcare-2025-03-14"
ARTICLES = config.PROJECT / "tests" / "articles"


def _env(root, **more) -> dict:
    """A process in the scratch project ``root``, with the engine's copy there when it has one."""
    keep = {k: v for k, v in os.environ.items() if k not in ("JJJ_OUT", "JJJ_ARTICLE", "JJJ_ROOT")}
    engine = {"PYTHONPATH": str(root / "src")} if (root / "src" / "jjj").is_dir() else {}
    return keep | {"JJJ_ROOT": str(root), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"} | engine | more


def _build(root, *args) -> list[str]:
    """``python -m jjj.build --article SLUG`` in ``root``: the runs it made (notebook, edition)."""
    done = subprocess.run([sys.executable, "-m", "jjj.build", "--article", SLUG, *args], cwd=root,
                          env=_env(root), capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return sorted(line.split(maxsplit=1)[1] for line in done.stdout.splitlines()
                  if line.strip().startswith(("executed", "rendered")))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The test article added as CONTRIBUTING's "Adding an article" says, in a scratch project
    root: started with ``python -m jjj.new`` from its text, the drafts completed (here: replaced
    by the completed files of tests/articles), then built by ``python -m jjj.build --article``."""
    checklist = (config.PROJECT / "CONTRIBUTING.md").read_text("utf-8").split("## Adding an article")[1]
    checklist = checklist.split("\n## ", 1)[0]
    for step in ("python -m jjj.new", "raw/SOURCE.md", "page.toml", "codebook.csv", "areas.csv",
                 "vocabulary.csv", "windows.csv", "metrics.csv", "glossary.csv", "external/",
                 "notebooks/<slug>/00_clean_figures.md", "article.py", "site/<slug>/index.md",
                 "make catalog", "locales/<slug>/en/LC_MESSAGES/jjj.po", "--update-catalog",
                 "make report ARTICLE=<slug>"):
        assert step in checklist, step
    root = tmp_path_factory.mktemp("articles") / "root"
    own = ARTICLES / "data" / SLUG
    started = subprocess.run([sys.executable, "-m", "jjj.new", SLUG, str(own / "raw" / "article.txt"),
                              "--root", str(root)], env=_env(root), capture_output=True, text=True)
    assert started.returncode == 0, started.stderr
    def surfaces(path):
        with path.open(encoding="utf-8", newline="") as f:
            return [row["surface"] for row in csv.DictReader(f)]

    # the draft has a row for each number the completed codebook accounts for, in the same order
    assert surfaces(root / "data" / SLUG / "codebook.csv") == surfaces(own / "codebook.csv")
    assert (root / "jupytext.toml").exists() and (root / "site" / SLUG / "index.md").exists()
    shutil.copytree(ARTICLES, root, dirs_exist_ok=True)  # every draft completed
    # and a copy of the engine beside it (its shell, its lock), which a test below edits
    shutil.copytree(config.ENGINE, root / "src" / "jjj", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("conf.py", "_static", "_templates", "locales"):
        (shutil.copytree if (config.PROJECT / "site" / name).is_dir() else shutil.copy)(
            config.PROJECT / "site" / name, root / "site" / name)
    shutil.copy(config.PROJECT / "requirements.lock", root)
    # every notebook in both editions, both sites; the cleaning twice: its first run read no
    # tables of a run before, and wrote some (jjj.build, "what changed")
    assert _build(root) == sorted([*[f"{n}.ipynb ({lang})" for n in ("00_clean_figures", "00_clean_figures",
                                    "01_elderly", "02_youth") for lang in ("zh", "en")],
                                   f"build/{SLUG}/html", f"build/{SLUG}/html/en"])
    return root


def test_the_test_article_goes_through_cleaning_notebooks_and_both_sites(built):
    processed = built / "data" / SLUG / "processed"
    figures = (processed / "figures.csv").read_text("utf-8")
    # money and percentages are figures, with their bounds: 約12.5億元 and 百分之六十二
    assert "overview_funds,overview,funds" in figures and "youth_newtown_share" in figures
    areas = (processed / "areas.csv").read_text("utf-8")
    assert "二、青少年發展" in areas  # the heading is a line of its own above its paragraph
    assert (processed / "related.csv").read_text("utf-8").count("虹港") == 2
    findings = (processed / "findings.csv").read_text("utf-8")
    assert "elderly_share_consistent" in findings and "youth_per_year" in findings
    for chart in ("01_elderly_share.png", "02_youth_per_year.png"):
        assert (built / "figures" / SLUG / chart).stat().st_size > 0
    html = built / "build" / SLUG / "html"
    for site, words in ((html, "长者照顾"), (html / "en", "Elderly care")):
        pages = {p.name for p in site.glob("*.html")}
        assert {"index.html", "00_clean_figures.html", "01_elderly.html", "02_youth.html"} <= pages
        front = (site / "index.html").read_text("utf-8")
        assert words in front and "01_elderly_share.png" in front
    english = (html / "en" / "01_elderly.html").read_text("utf-8")
    # the English edition's headings and prose come from the article's catalog; its title from
    # the article's front page, never the first article's
    assert "The share and the funds per project" in english and "Conclusions and caveats" in english
    assert "结论与注意" not in english and "报道的数字" not in english
    assert "<title>01 · Elderly care &#8212; A welfare fund" in english
    assert "Beijing" not in english and "京津冀" not in (html / "01_elderly.html").read_text("utf-8")


def test_the_test_articles_catalogs_are_complete(built):
    # (its messages are read from the executed notebooks, which the build made from the pairs)
    done = subprocess.run([sys.executable, "-m", "jjj.i18n", "check", "--article", SLUG],
                          env=_env(built), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    probe = "from jjj import site; print(sorted(set(site.messages()) - set(site.catalog('en'))))"
    front = subprocess.run([sys.executable, "-c", probe], env=_env(built, JJJ_ARTICLE=SLUG),
                           capture_output=True, text=True)
    assert front.stdout.strip() == "[]", front.stdout + front.stderr  # the front page, in English


def test_several_articles_need_one_named_and_the_error_lists_them(tmp_path):
    root = tmp_path / "root"
    shutil.copytree(ARTICLES, root)
    shutil.copytree(config.DATA, root / "data" / config.ARTICLE)  # a second article's data
    done = subprocess.run([sys.executable, "-m", "jjj.build", "--article", "no-such-article"],
                          cwd=root, env=_env(root), capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"there: {config.ARTICLE}, {SLUG}" in done.stderr
    probe = "from jjj import config; print(config.CODEBOOK)"
    chosen = subprocess.run([sys.executable, "-c", probe], cwd=root, env=_env(root),
                            capture_output=True, text=True)
    assert chosen.returncode != 0 and "2 articles" in chosen.stderr and "ARTICLE=<slug>" in chosen.stderr
    inside = root / "notebooks" / SLUG  # a notebook's folder chooses its article
    here = subprocess.run([sys.executable, "-c", probe], cwd=inside, env=_env(root),
                          capture_output=True, text=True)
    assert here.stdout.strip() == str(root / "data" / SLUG / "codebook.csv"), here.stderr


def test_a_report_runs_again_only_what_changed(built):
    """After a build: nothing changed, nothing runs; an area notebook edited, it runs in both
    editions and both sites are rendered again; the page settings edited, the cleaning runs and,
    its outputs being the same bytes, nothing after it; --force (make report FORCE=1) with
    nothing changed, everything, and the other edition's runs stay fresh; the engine edited,
    everything. (The last two in one edition each: an edition's runs are keyed alike, and the
    first three show that each edition is keyed on its own.)"""
    assert _build(built) == []
    sites = [f"build/{SLUG}/html", f"build/{SLUG}/html/en"]
    notebook = built / "notebooks" / SLUG / "02_youth.md"
    notebook.write_text(notebook.read_text("utf-8").replace(
        'per_year = rows.loc["youth_projects_per_year"]',
        'per_year = rows.loc["youth_projects_per_year"]  # the rate'), "utf-8")
    assert _build(built) == ["02_youth.ipynb (en)", "02_youth.ipynb (zh)", *sites]
    page = built / "data" / SLUG / "page.toml"
    page.write_text(page.read_text("utf-8") + "# a comment: the same settings\n", "utf-8")
    assert _build(built) == ["00_clean_figures.ipynb (en)", "00_clean_figures.ipynb (zh)"]

    def everything(lang, site):
        return [f"{n}.ipynb ({lang})" for n in ("00_clean_figures", "01_elderly", "02_youth")] + [site]

    assert _build(built, "--lang", "zh", "--force") == everything("zh", sites[0])
    assert _build(built, "--lang", "en") == []  # make report EDITIONS=zh FORCE=1 forgot no key
    module = built / "src" / "jjj" / "text.py"
    module.write_text(module.read_text("utf-8") + "\n# an edit of the engine\n", "utf-8")
    assert _build(built, "--lang", "en") == everything("en", sites[1])
