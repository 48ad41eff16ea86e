"""python -m jjj.extract: several inputs, stdin, CSV and JSON lines, unparsed rows, --strict."""

import io
import json
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from jjj.extract import main

CASES = Path(__file__).parent / "extract_cases"
INF = math.inf


def run(argv, capsys, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_news_text_is_read_whole(capsys):
    status, out, err = run([CASES / "news.txt"], capsys)
    assert status == 0 and err == ""
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    got = {row.surface: (row.low, row.high, row.unit) for row in table.itertuples()}
    expected = {  # what each phrase means, in base units
        "约3826.5亿元": (382_645_000_000, 382_655_000_000, "元"),  # ± half of 0.1亿
        "5.2%": (5.2, 5.2, "%"),
        "0.8个百分点": (0.8, 0.8, "百分点"),
        "一百二十到一百五十万元": (1_200_000, 1_500_000, "元"),
        "不超过30万元": (0, 300_000, "元"),
        "至少60万元": (600_000, INF, "元"),
        "成千上万名": (1000, 20_000, "名"),
        "几十家": (20, 100, "家"),
        "两个亿": (200_000_000, 200_000_000, ""),
        "从8500到3万港元": (8500, 30_000, "港元"),
        "八五折": (85, 85, "%"),
        "一件": (1, 1, "件"),
        "十块三毛": (10.3, 10.3, "元"),
        "三成": (30, 30, "%"),
        "超过九成": (90, INF, "%"),
        "1600万户": (16_000_000, 16_000_000, "户"),
        "百分之六十": (60, 60, "%"),
    }
    assert {k: got[k] for k in expected} == expected
    assert got["三分之一"][0] == pytest.approx(100 / 3)
    assert set(got) == set(expected) | {"三分之一"}
    assert (table["low"] <= table["value"]).all() and (table["value"] <= table["high"]).all()
    text = (CASES / "news.txt").read_text(encoding="utf-8")
    assert all(text[r.start:r.end] == r.surface for r in table.itertuples())


def test_an_unreadable_phrase_is_a_row_and_a_warning(tmp_path, capsys):
    path = tmp_path / "next.txt"
    path.write_text("第一行\n共有300—200家企业，约1.5万人次参与。", encoding="utf-8")
    status, out, err = run([path], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[1] == "300—200家,unparsed,,,,,,,6,14"
    assert lines[2].startswith("约1.5万人次,count,15000,14500,15500,人次,约")
    assert f"{path}:2:3: cannot read '300—200家'" in err and "runs backwards" in err


def test_strict_turns_warnings_into_a_failed_run_that_writes_nothing(tmp_path, capsys):
    path = tmp_path / "next.txt"
    path.write_text("共有300—200家企业，约1.5万人次参与。", encoding="utf-8")
    status, out, err = run(["--strict", path], capsys)
    assert status == 2 and out == ""  # no header, no rows
    assert "runs backwards" in err and "nothing written (--strict" in err
    target = tmp_path / "out.csv"
    target.write_text("earlier results\n", encoding="utf-8")
    status, out, _ = run(["--strict", path, "-o", target], capsys)
    assert status == 2 and target.read_text(encoding="utf-8") == "earlier results\n"
    status, _, _ = run(["--strict", CASES / "news.txt"], capsys)
    assert status == 0


def test_several_files_and_stdin(tmp_path, capsys, monkeypatch):
    a = tmp_path / "a.txt"
    a.write_text("约300家", encoding="utf-8")
    status, out, err = run([a, "-"], capsys, stdin="超过30%".encode(), monkeypatch=monkeypatch)
    assert status == 0 and err == ""
    assert out.splitlines() == [
        "file,surface,kind,value,low,high,unit,qualifier,window,start,end",
        f"{a},约300家,count,300,250,350,家,约,,0,5",
        "<stdin>,超过30%,percent,30,30,inf,%,超过,,0,5",
    ]


def test_json_lines(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("至少300人，2024年", encoding="utf-8")
    status, out, _ = run(["--format", "jsonl", path], capsys)
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0] == {"surface": "至少300人", "kind": "count", "value": 300, "low": 300,
                       "high": None, "unit": "人", "qualifier": "至少", "window": "",
                       "start": 0, "end": 6}
    assert (rows[1]["kind"], rows[1]["window"], rows[1]["value"]) == ("date", "2024", None)


def test_output_file(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("约300家", encoding="utf-8")
    target = tmp_path / "out" / "result.jsonl"
    assert run([path, "-o", target, "--format", "jsonl"], capsys)[1] == ""
    assert json.loads(target.read_text(encoding="utf-8"))["low"] == 250


@pytest.mark.parametrize(
    ("raw", "message"),
    [(None, "file not found"), (b"", "file is empty"), ("社会组织6300多家".encode("gbk"), "not UTF-8")],
)
def test_bad_input_is_a_clear_error_and_nothing_is_written(tmp_path, capsys, raw, message):
    bad = tmp_path / "bad.txt"
    if raw is not None:
        bad.write_bytes(raw)
    good = tmp_path / "good.txt"
    good.write_text("645家", encoding="utf-8")
    worse = tmp_path / "worse.txt"  # every bad input is reported, not only the first
    status, out, err = run([bad, good, worse], capsys)
    assert status == 2 and out == ""
    assert f"error: {bad}: {message}" in err and f"error: {worse}: file not found" in err
    assert "nothing written (an input could not be read)" in err
    # an output file named with -o keeps what it held: never a bare header, never truncated
    for fmt, name in (("csv", "out.csv"), ("jsonl", "out.jsonl")):
        target = tmp_path / name
        target.write_text("earlier results\n", encoding="utf-8")
        status, _, _ = run([bad, good, "-o", target, "--format", fmt], capsys)
        assert status == 2 and target.read_text(encoding="utf-8") == "earlier results\n"


def test_a_run_of_numerals_too_long_for_a_number_is_one_unparsed_row(tmp_path, capsys):
    # 100,000 一 used to take two minutes, and 100,000 digits gave no row at all
    path = tmp_path / "long.txt"
    path.write_text("约300家，" + "一" * 100_000 + "，" + "7" * 100_000 + "，6300多家", encoding="utf-8")
    status, out, err = run([path], capsys)
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert status == 0
    assert list(table["kind"]) == ["count", "unparsed", "unparsed", "count"]
    assert list(table["end"] - table["start"]) == [5, 100_000, 100_000, 6]
    assert err.count("too long to read as one number") == 2


@pytest.mark.parametrize(("raw", "message"), [(b" \n", "input is empty"),
                                              ("六千".encode("gbk"), "not UTF-8")])
def test_bad_stdin(capsys, monkeypatch, raw, message):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    status, out, err = run(["-"], capsys)
    assert status == 2 and f"<stdin>: {message}" in err and out == ""


def test_the_module_runs_as_a_command():
    result = subprocess.run([sys.executable, "-m", "jjj.extract", "-"], input="约300家".encode(),
                            capture_output=True, check=False)
    assert result.returncode == 0
    assert result.stdout.decode().splitlines()[1] == "约300家,count,300,250,350,家,约,,0,5"


# ---- a block at a time: the rows of the whole text, in bounded memory

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from jjj import extract as ex  # noqa: E402
from jjj.quantities import find_quantities  # noqa: E402

PIECES = st.sampled_from(["6300多家", "约21.88亿元", "2024-04-19", "14:15", "3至5个", "——", "至",
                          "增长2.1亿元至18.6亿元", "近三年", "社会组织", "，", "。", "1. ", "（3）",
                          "一、", "3、5、7家", " ", "\n", "\r\n", "177.1 ", "亿元", "“百家行”"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join), st.integers(1, 12))
def test_blocks_give_the_rows_of_the_whole_text(text, size):
    """However small the blocks, the rows and their offsets are those of the whole text: a
    block ends only at a line break no phrase spans."""
    rows = []
    for offset, block in ex.blocks(iter([text[i:i + 3] for i in range(0, len(text), 3)]), size):
        assert text[offset:offset + len(block)] == block
        rows += [q._replace(start=q.start + offset, end=q.end + offset) for q in find_quantities(block)]
    assert rows == find_quantities(text)


def test_a_large_input_is_read_a_block_at_a_time(tmp_path):
    """A text of many blocks: the same rows as the whole text, and a warning's line and column
    counted in the whole file."""
    line = "京津冀社会组织6300多家，落地项目5000多个，涉及资金约21.88亿元。\n"
    text = line * 3000 + "一些数字：300—200家。\n"
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    streamed = list(ex.stream(str(path), size=4096))
    assert [q for q, _ in streamed] == find_quantities(text)
    (warning,) = [w for _, w in streamed if w]
    assert warning.startswith(f"{path}:3001:6: cannot read '300—200家'")


def test_a_file_that_turns_out_not_utf8_midway_writes_nothing(tmp_path, capsys):
    path, out = tmp_path / "late.txt", tmp_path / "out.csv"
    path.write_bytes("6300多家。\n".encode() * 200_000 + "社会组织".encode("gbk"))
    out.write_text("kept\n", encoding="utf-8")
    assert main([str(path), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "kept\n"
    assert "not UTF-8 (byte 2800000, line 200001" in capsys.readouterr().err  # as read_text says
    assert not list(tmp_path.glob(".jjj-extract.*"))  # no temporary file left behind
