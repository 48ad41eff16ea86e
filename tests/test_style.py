import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from jjj import config, style


def _chart(text: str):
    style.use()
    fig, ax = plt.subplots()
    ax.bar(["坐标轴", "和谐曲"], [1, 2])
    ax.set_title("“京津冀”协同发展 −1 · 6300多家")
    for i, line in enumerate(text.splitlines()[:40]):
        ax.text(0, i / 40, line[:40], fontsize=6)
    return fig


def test_every_character_of_the_article_has_a_glyph(article_text):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = _chart(article_text)
        style.png_bytes(fig)
        plt.close(fig)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing[:3]


def test_font_is_the_bundled_noto_subset():
    style.use()
    from matplotlib import font_manager

    path = font_manager.findfont(font_manager.FontProperties(family=style.FONT_NAME))
    assert path == str(config.FONT_FILE)
    assert (config.FONT_DIR / "OFL.txt").read_text().count("SIL OPEN FONT LICENSE") >= 1


def test_png_and_svg_are_byte_identical_across_renders(article_text):
    first = _chart(article_text)
    a = (style.png_bytes(first), style.svg_bytes(first))
    plt.close(first)
    second = _chart(article_text)
    b = (style.png_bytes(second), style.svg_bytes(second))
    plt.close(second)
    assert a == b
    assert b"Matplotlib" not in a[0] and b"<dc:date>" not in a[1]


def test_save_writes_png_and_svg_atomically(out_dir):
    style.save(_titled("“京津冀”协同发展 · 6300多家"), "test_chart", numbers=_numbers())
    files = sorted(p.name for p in config.output_path(config.FIGURES).iterdir())
    assert files == ["test_chart.png", "test_chart.svg"]


def test_the_english_edition_saves_the_png_only(out_dir, monkeypatch):
    monkeypatch.setenv("JJJ_LANG", "en")
    style.use()
    fig, ax = plt.subplots()
    ax.bar(["coordinates", "harmony"], [1, 2])
    ax.set_title("Harmony is twice the coordinates")
    style.save(fig, "test_chart", numbers=_numbers())
    assert sorted(p.name for p in config.output_path(config.FIGURES).iterdir()) == ["test_chart.png"]


def _numbers():
    import pandas as pd

    from jjj import show

    return show.chart_numbers(pd.DataFrame({"label": ["和谐曲"], "value": [2]}))


def _titled(title: str, legend: str = ""):
    style.use()
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label=legend or None)
    ax.set_title(title)
    if legend:
        ax.legend()
    return fig


def test_a_chart_is_wholly_in_its_edition_language():
    import pytest

    style.check_language(_titled("近三年约300家基金会"), "zh")
    with pytest.raises(ValueError, match="not in the zh edition's language: 'Foundations"):
        style.check_language(_titled("Foundations per year"), "zh")
    # English charts may quote a figure as written and gloss a qualifier in brackets
    style.check_language(_titled("6300多家 organisations, 千余家 dealers", "more than (多)"), "en")
    with pytest.raises(ValueError, match="not in the en edition's language"):
        style.check_language(_titled("Organisations", "可能范围"), "en")
    plt.close("all")


def test_overlapping_labels_are_found_and_save_refuses_them(out_dir):
    import pytest

    style.use()
    fig, ax = plt.subplots(figsize=(style.WIDTH, 2))
    ax.set_xticks([0, 1])
    ax.text(0.5, 0.5, "可能范围")
    assert style.overlaps(fig) == []
    ax.text(0.52, 0.5, "按所写数字")  # planted: on top of the first
    fig.canvas.draw()
    assert style.overlaps(fig) == [("可能范围", "按所写数字")]
    with pytest.raises(ValueError, match="chart texts overlap"):
        style.save(fig, "test_chart", numbers=_numbers())
    written = config.output_path(config.FIGURES)
    assert not written.exists() or not list(written.iterdir())
    plt.close("all")


def test_tick_labels_out_of_view_are_not_counted():
    style.use()
    fig, ax = plt.subplots(figsize=(style.WIDTH, 2))
    ax.set_xticks([0, 0.001, 1])  # two tick labels on top of each other
    ax.set_xlim(0.5, 1)  # ... but out of view: not drawn
    fig.canvas.draw()
    assert style.overlaps(fig) == []
    ax.set_xlim(0, 1)
    fig.canvas.draw()
    assert len(style.overlaps(fig)) == 1
    plt.close(fig)


def test_small_text_or_a_wide_chart_is_refused():
    import pytest

    style.use()
    fig, ax = plt.subplots(figsize=(style.WIDTH, 2))
    ax.set_title("可能范围")
    png = style.png_bytes(fig)
    px = style.text_px(fig, style.png_width(png))
    assert px["desktop"] >= style.DESKTOP_MIN_PX and px["phone"] >= style.PHONE_MIN_PX
    ax.text(0.5, 0.5, "小字", fontsize=7)
    with pytest.raises(ValueError, match="too small"):
        style.check_layout(fig, style.png_width(style.png_bytes(fig)))
    plt.close(fig)
    wide, ax = plt.subplots(figsize=(12, 2))  # 1,440 CSS px: shrunk to half on a desktop
    ax.set_title("可能范围")
    with pytest.raises(ValueError, match="too small"):
        style.check_layout(wide, style.png_width(style.png_bytes(wide)))
    plt.close(wide)


def test_the_alt_text_is_the_charts_title_and_a_chart_needs_one():
    import pytest

    style.use()
    fig = plt.figure()
    fig.text(0, 1, "扶贫合计属于\n一次行动", gid="title")
    fig.add_subplot().set_title("不是这个")
    assert style.alt_text(fig) == "图：扶贫合计属于一次行动"
    with pytest.raises(ValueError, match="a chart needs a title"):
        style.alt_text(plt.subplots()[0])
    plt.close("all")


def _luminance(color) -> float:
    """WCAG's relative luminance of a colour."""
    from matplotlib.colors import to_rgb

    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(color)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_a_legends_colours_stand_out_from_the_white_ground():
    assert _luminance("white") == 1.0 and round(1.05 / (_luminance("#ece133") + 0.05), 1) == 1.4
    from jjj import vocab

    for q, color in vocab.colors("qualifier").items():
        assert 1.05 / (_luminance(color) + 0.05) >= 3.0, q
