import pytest

from jjj import text


@pytest.mark.parametrize(
    ("x", "zh", "en"),
    [(2.188e9, "21.88亿", "2.19 billion"), (2.8e6, "280万", "2.8 million"), (6300, "6,300", "6,300"),
     (3.5, "3.5", "3.5"), (62, "62", "62"), (0.78125, "0.78", "0.78")],
)
def test_num(x, zh, en):
    assert text.num(x, "zh") == zh
    assert text.num(x, "en") == en


def test_interval_keeps_enough_digits_to_differ():
    assert text.interval(2.1875e8, 2.1885e8, "zh") == "2.1875亿–2.1885亿"
    assert text.interval(6300, 6400, "zh") == "6,300–6,400"
    assert text.interval(645, 645, "zh") == "645"


def test_pick_follows_the_edition(monkeypatch):
    monkeypatch.setenv("JJJ_LANG", "en")
    assert text.pick("中", "en") == "en"
    monkeypatch.setenv("JJJ_LANG", "fr")
    with pytest.raises(ValueError, match="JJJ_LANG"):
        text.pick("中", "en")
