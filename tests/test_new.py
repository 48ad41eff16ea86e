"""Starting an article (python -m jjj.new): its folders, one in each top-level folder and named
alike, the text copied byte for byte, a SOURCE.md to complete, and a draft codebook of one row
per number, marked to be completed; nothing written over, nothing half-written."""

import subprocess
import sys

import pytest

from jjj import clean, config, new
from jjj.io import InputError

TEXT = ("社福團體十年回顧\n某某日報 2024/05/02 09:30\n"
        "一、扶貧：三年來共有6300多家團體參與，落實項目5000多個。\n"
        "二、科技：近三年約300家基金會支持600多個項目；另有300多家團體參與。\n")


@pytest.fixture
def started(tmp_path):
    text = tmp_path / "next.txt"
    text.write_bytes(TEXT.encode("utf-8"))
    return tmp_path / "root", new.new("demo-2024", text, tmp_path / "root"), text


def test_an_article_is_started_in_its_own_folders(started):
    root, made, text = started
    for top in ("data", "notebooks", "figures", "site"):
        assert (root / top / "demo-2024").is_dir()
    assert "@@FINDINGS@@" in made["index.md"].read_text("utf-8")  # the front page to write
    assert made["jupytext.toml"].read_bytes() == (config.PROJECT / "jupytext.toml").read_bytes()
    assert made["article.txt"].read_bytes() == text.read_bytes()
    source = made["SOURCE.md"].read_text("utf-8")
    assert "TODO" in source and new.hashlib.sha256(text.read_bytes()).hexdigest() in source
    clean.load_page(made["page.toml"])  # the page settings load
    assert made["areas.csv"].read_text("utf-8").startswith("area,order,")


def test_the_draft_codebook_has_a_row_per_number_each_matching_it_alone(started):
    _, made, _ = started
    article = clean.load_article(made["article.txt"], made["page.toml"])
    book = clean.read_csv(made["codebook.csv"], dtype=str).fillna("")
    found = clean.quantities(article, clean.split_article(article))
    assert len(book) == len(found) and (book["status"] == "todo").all()
    # coverage both ways, the cleaning's own check: every number one row, every row one number
    matched = clean.match_codebook(article, found, book, made["codebook.csv"])
    assert matched["id"].tolist() == book["id"].tolist()
    # the two 300多家 are told apart by the words before them
    twins = book[book["surface"] == "300多家"]
    assert len(twins) == 1 and book["surface"].tolist().count("約300家") == 1


def test_a_todo_row_is_refused_by_the_cleaning_with_its_row(started):
    _, made, _ = started
    with pytest.raises(InputError, match=r"codebook\.csv: row 2 \(todo_001\): status must be figure"):
        clean.load_codebook(made["codebook.csv"])


def test_nothing_is_written_over_and_a_bad_text_writes_nothing(started, tmp_path):
    root, _, text = started
    with pytest.raises(InputError, match="already there"):
        new.new("demo-2024", text, root)
    (tmp_path / "gbk.txt").write_bytes("社会组织".encode("gbk"))
    with pytest.raises(InputError, match=r"gbk\.txt"):
        new.new("other-2024", tmp_path / "gbk.txt", root)
    assert not (root / "data" / "other-2024").exists()
    with pytest.raises(InputError, match="an article's name is lowercase"):
        new.new("Other 2024", text, root)


def test_the_command_says_what_it_made_and_what_is_next(tmp_path):
    text = tmp_path / "next.txt"
    text.write_text(TEXT, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "jjj.new", "demo-2024", str(text), "--root",
                           str(tmp_path / "root")], capture_output=True, text=True)
    assert done.returncode == 0 and "numbers in a draft codebook" in done.stdout
    again = subprocess.run([sys.executable, "-m", "jjj.new", "demo-2024", str(text), "--root",
                            str(tmp_path / "root")], capture_output=True, text=True)
    assert again.returncode == 2 and again.stderr.startswith("error: ") and "Traceback" not in again.stderr
