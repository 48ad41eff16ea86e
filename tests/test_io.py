import os
from pathlib import Path

import pytest

from jjj import config
from jjj.io import InputError, atomic_write_bytes, read_text


def test_atomic_write_goes_to_out_and_leaves_no_temp(out_dir):
    target = atomic_write_bytes(config.FIGURES / "x.png", b"data")
    assert target == out_dir / config.FIGURES.relative_to(config.ROOT) / "x.png"
    assert target.read_bytes() == b"data"
    assert [p.name for p in target.parent.iterdir()] == ["x.png"]


def test_crash_mid_write_keeps_old_file_and_no_partial(out_dir, monkeypatch):
    target = atomic_write_bytes(config.PROCESSED / "t.csv", b"old")

    def boom(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(config.PROCESSED / "t.csv", b"new and longer")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["t.csv"]


def test_refuses_to_write_raw():
    with pytest.raises(PermissionError, match="raw"):
        atomic_write_bytes(config.RAW / "article.txt", b"x")


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "file not found"), (b"", "file is empty"), (b"  \n", "file is empty"),
     ("社会组织6300多家".encode("gbk"), "not UTF-8")],
)
def test_read_text_errors_name_the_file(tmp_path, content, message):
    path = tmp_path / "a.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as err:
        read_text(path)
    assert str(path) in str(err.value)


def test_read_text_drops_bom(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff6300多家".encode())
    assert read_text(path) == "6300多家"
