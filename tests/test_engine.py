"""The engine knows no article: nothing of the seed article (its figure and context ids, its
area keys, metaphors, the words of its headings, its provinces, its charts) is written in
``src/jjj`` (its catalog included) or in the site's shell that every article shares (site/conf.py,
its templates and static files); all of it is the article's own, in data/<slug>/,
notebooks/<slug>/, site/<slug>/ and locales/<slug>/."""

import re
from pathlib import Path

import pandas as pd

from jjj import config, site, vocab

# Words the engine may hold though the seed uses them too, each with its reason
ALLOWED = {
    "overview": "the engine's name for an article's figures outside every area",
    "一张图": "an idiom of policy prose (一张蓝图 …), in the extractor's list of words that are no number",
}


def _seed_words() -> set[str]:
    def column(path, name):
        return set(pd.read_csv(path, dtype=str, keep_default_na=False)[name]) - {""}

    words = column(config.CODEBOOK, "id") | column(config.CONTEXT_CSV, "id")
    words |= column(config.AREA_REGISTRY, "area") | column(config.AREA_REGISTRY, "metaphor_en")
    words |= column(config.PROCESSED / "areas.csv", "metaphor") | column(config.METRICS_CSV, "key")
    words |= {code for column_, code in pd.read_csv(config.VOCABULARY, dtype=str, keep_default_na=False)
              [["column", "code"]].itertuples(index=False) if column_ in ("province", "region", "org_kind")}
    words |= {re.sub(r"\(\?P<\w+>.*", "", config.PAGE.read_text("utf-8").split("heading = '")[1]),
              Path(site.main_chart()).stem, site.project_title()}
    engine = set(pd.read_csv(vocab.ENGINE, dtype=str, keep_default_na=False)["code"])  # its own words
    return {w for w in words if len(w) > 1} - set(ALLOWED) - engine


def test_no_word_of_the_seed_article_is_written_in_the_engine():
    words = _seed_words()
    assert {"poverty_orgs", "poverty", "和谐曲", "河北", "02_poverty_campaign"} <= words  # the check sees
    found = []
    shell = [config.PROJECT / "site" / "conf.py", *(config.PROJECT / "site" / "_templates").rglob("*"),
             *(config.PROJECT / "site" / "_static").rglob("*")]
    for path in sorted([*config.ENGINE.rglob("*"), *shell]):
        if path.suffix in (".py", ".csv", ".toml", ".md", ".txt", ".po", ".html", ".js", ".css"):
            text = path.read_text("utf-8")
            found += [f"{path.name}: {w}" for w in sorted(words) if re.search(
                rf"(?<![A-Za-z0-9_]){re.escape(w)}(?![A-Za-z0-9_])", text)]
    assert not found, found
