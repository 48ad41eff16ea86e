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
    assert path == str(style.FONT_FILE)
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


def test_save_writes_png_and_svg_atomically(out_dir, article_text):
    style.save(_chart(article_text), "test_chart")
    files = sorted(p.name for p in (out_dir / "figures").iterdir())
    assert files == ["test_chart.png", "test_chart.svg"]
