"""CONTRIBUTING.md's checklist for adding an area, followed on a scratch copy of the repository:
the cleaning reads the new area and its figure, jupytext makes its notebook from the text, the
catalog covers its prose, and the notebook runs in both editions."""

import os
import shutil
import subprocess
import sys

from jjj import config

PARAGRAPH = "三地社会组织守护生态环境,共护协同发展“绿水青山”。三地现有环保类社会组织200多家。"
REGISTRY = "ecology,8,Ecology,green hills,#999999,ecology_orgs,\n"
CODEBOOK = ("ecology_orgs,figure,ecology,body,count,,环保类社会组织,,eco_orgs,organisations,"
            "environmental organisations of the three regions,,现有,stock,at_publication,"
            "三地环保类社会组织,Environmental organisations,\n")
NOTEBOOK = """
# 10 · 生态

```{code-cell} ipython3
from jjj import data

assert "ecology_orgs" in data.figures().index
```
"""
# run in the copy (its own src on the path): steps 3 to 5, and what step 6's `make report` does
# for the new notebook
IN_THE_COPY = """
from jupytext.cli import jupytext
from jjj import build, clean, config, i18n

assert "ecology" in set(clean.run()["areas"]["area"])
jupytext(["--sync", "--quiet", "notebooks/10_ecology.md"])
i18n.update("en")
po = i18n.catalog_path("en")
po.write_text(po.read_text("utf-8").replace('msgid "10 · 生态"\\nmsgstr ""',
              'msgid "10 · 生态"\\nmsgstr "10 · Ecology"'), "utf-8")
i18n.read_catalog.cache_clear()
assert i18n.check("en") == ([], []), i18n.check("en")
build.execute_all(build.editions(root=config.ROOT / "out"), [config.NOTEBOOKS / "10_ecology.ipynb"])
"""


def test_an_area_added_by_the_checklist_goes_through(tmp_path):
    checklist = (config.ROOT / "CONTRIBUTING.md").read_text("utf-8").split("## Adding an area")[1]
    for step in ("data/raw/article.txt", "data/areas.csv", "data/codebook.csv", "notebooks/NN_area.md",
                 "make catalog", "locales/en/LC_MESSAGES/jjj.po", "make report"):
        assert step in checklist, step
    repo = tmp_path / "repo"
    for folder in ("src", "data", "notebooks", "locales"):
        shutil.copytree(config.ROOT / folder, repo / folder,
                        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    shutil.copy(config.ROOT / "jupytext.toml", repo)
    article = repo / "data/raw/article.txt"  # 1. the text: a paragraph after the last area's
    text = article.read_text("utf-8")
    last = next(line for line in text.splitlines() if "共画协同发展“同心圆”" in line)
    article.write_text(text.replace(last, f"{last}\n\n{PARAGRAPH}"), "utf-8")
    with (repo / "data/areas.csv").open("a", encoding="utf-8") as f:  # 2. the registry
        f.write(REGISTRY)
    with (repo / "data/codebook.csv").open("a", encoding="utf-8") as f:  # 3. the codebook
        f.write(CODEBOOK)
    header = (config.NOTEBOOKS / "06_xiongan.md").read_text("utf-8").split("---\n")[1]
    (repo / "notebooks/10_ecology.md").write_text(f"---\n{header}---\n{NOTEBOOK}", "utf-8")  # 4.
    env = {k: v for k, v in os.environ.items() if k != "JJJ_OUT"} | {"PYTHONPATH": str(repo / "src")}
    done = subprocess.run([sys.executable, "-c", IN_THE_COPY], cwd=repo, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    for lang in config.LANGS:
        assert (repo / "out" / lang / "notebooks" / "10_ecology.ipynb").exists()
