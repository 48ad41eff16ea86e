"""CONTRIBUTING.md's checklist for adding an area, followed on a scratch copy of the repository
with a realistic area: a kind of organisation the vocabularies lack and a headline metric. The
cleaning reads the new area, its figures and its metric; jupytext makes its notebook from the
text; the catalog covers its prose; the area notebook, the report and the context run in both
editions, and the site shows the new page before the report's, with the area in the front page's
headline table."""

import os
import shutil
import subprocess
import sys

from jjj import config

PARAGRAPH = ("三地社会组织守护生态环境,共护协同发展“绿水青山”。三地现有环保类社会组织200多家,"
             "近三年开展环保项目500多个。")
REGISTRY = "ecology,8,Ecology,green hills,#999999,ecology_orgs,projects_per_org,\n"
CODEBOOK = (
    "ecology_orgs,figure,ecology,body,count,,环保类社会组织,,eco_orgs,organisations,"
    "environmental organisations of the three regions,env_orgs,现有,stock,at_publication,"
    "三地环保类社会组织,Environmental organisations,,\n"
    "ecology_projects,figure,ecology,body,count,,开展环保项目,,eco_projects,projects,"
    "environmental projects,,近三年,flow,recent,环保项目,Environmental projects,,\n")
VOCABULARY = "org_kind,env_orgs,环保类社会组织,environmental organisations,#56b4e9\n"
METRICS = ("ecology,projects_per_org,ratio,ecology_projects,ecology_orgs,,每家组织的环保项目,"
           "Environmental projects per organisation,个/家,per organisation,每个项目只算一家组织,"
           "each project counted for one organisation\n")
NOTEBOOK = """
# 08 · 生态

```{code-cell} ipython3
from jjj import data, show

assert "ecology_orgs" in data.figures().index
show.answer("ecology")
```
"""
# run in the copy (its own src on the path): what `make catalog` and `make report` do for the new
# area, in both editions: the cleaning, the area notebook, the report and the context; the site
IN_THE_COPY = """
from jupytext.cli import jupytext
from jjj import build, config, i18n, site

jupytext(["--sync", "--quiet", str(config.NOTEBOOKS / "08_ecology.md")])
i18n.update("en")
po = i18n.catalog_path("en")
po.write_text(po.read_text("utf-8").replace('msgid "08 · 生态"\\nmsgstr ""',
              'msgid "08 · 生态"\\nmsgstr "08 · Ecology"'), "utf-8")
i18n.read_catalog.cache_clear()
assert i18n.check("en") == ([], []), i18n.check("en")
run = [config.NOTEBOOKS / f"{n}.ipynb" for n in ("00_clean_figures", "08_ecology", "90_report", "91_context")]
build.execute_all(build.editions(), run)  # the Chinese in place, the English in build/<slug>/en
site.build_site(build.notebook_paths(), config.ROOT / "site-out", "zh", None)
"""


def test_an_area_added_by_the_checklist_goes_through_to_the_site(tmp_path):
    checklist = (config.ROOT / "CONTRIBUTING.md").read_text("utf-8").split("## Adding an area")[1]
    checklist = checklist.split("\n## ", 1)[0]
    for step in ("data/<slug>/raw/article.txt", "data/<slug>/areas.csv", "data/<slug>/codebook.csv",
                 "data/<slug>/vocabulary.csv", "data/<slug>/metrics.csv", "notebooks/<slug>/NN_area.md",
                 "make catalog", "locales/<slug>/en/LC_MESSAGES/jjj.po", "make report"):
        assert step in checklist, step
    repo = tmp_path / "repo"
    for folder in ("src", "data", "notebooks", "figures", "locales", "site"):
        shutil.copytree(config.ROOT / folder, repo / folder,
                        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    shutil.copy(config.ROOT / "jupytext.toml", repo)
    own = {top: repo / top / config.ARTICLE for top in ("data", "notebooks", "build")}
    article = own["data"] / "raw/article.txt"  # 1. the text: a paragraph after the last area's
    text = article.read_text("utf-8")
    last = next(line for line in text.splitlines() if "共画协同发展“同心圆”" in line)
    article.write_text(text.replace(last, f"{last}\n\n{PARAGRAPH}"), "utf-8")
    for name, rows in (("areas.csv", REGISTRY), ("codebook.csv", CODEBOOK),  # 2. 3. 4. 5.
                       ("vocabulary.csv", VOCABULARY), ("metrics.csv", METRICS)):
        with (own["data"] / name).open("a", encoding="utf-8") as f:
            f.write(rows)
    header = (config.NOTEBOOKS / "06_xiongan.md").read_text("utf-8").split("---\n")[1]
    (own["notebooks"] / "08_ecology.md").write_text(f"---\n{header}---\n{NOTEBOOK}", "utf-8")  # 6.
    env = {k: v for k, v in os.environ.items() if k != "JJJ_OUT"} | {"PYTHONPATH": str(repo / "src")}
    done = subprocess.run([sys.executable, "-c", IN_THE_COPY], cwd=repo, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    derived = (own["data"] / "processed/derived.csv").read_text("utf-8")
    assert "ecology_projects_per_org" in derived  # the headline metric, from its row alone
    assert "ecology" in (own["data"] / "processed/areas.csv").read_text("utf-8")
    for name in ("08_ecology", "90_report", "91_context"):  # the English edition ran too
        assert "Environmental" in (own["build"] / "en/notebooks" / f"{name}.ipynb").read_text("utf-8"), name
    site = repo / "site-out"
    page = (site / "08_ecology.html").read_text("utf-8")
    # the new page comes after the last area and before the report, in the page's navigation
    nav = (site / "07_services.html").read_text("utf-8")
    assert nav.index('href="08_ecology.html"') < nav.index('href="90_report.html"')
    assert "环保类社会组织" in page and "每家组织的环保项目" in page
    front = (site / "index.html").read_text("utf-8")
    assert "200多家" in front and "生态" in front  # the area's row of the headline table
    # the report draws the new kind of organisation with its vocabulary's label
    assert "环保类社会组织" in (site / "90_report.html").read_text("utf-8")
