"""The one chart style: CJK font, palette, sizes, deterministic PNG/SVG export.

Every notebook calls ``style.use()`` in its first cell and saves charts with ``style.save``.
The font is the Noto Sans SC subset shipped inside this package (SIL OFL 1.1), so Chinese renders
without any system font, root or download.
"""

from __future__ import annotations

import io
import re

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib import font_manager

from jjj import config
from jjj.io import atomic_write_bytes

FONT_NAME = "Noto Sans SC"

# Colour-blind-safe palette (seaborn "colorblind"); each area's colour is in the area registry
# (data/areas.csv), so an eighth area is one row there.
PALETTE = sns.color_palette("colorblind", 10)
AREA_COLORS = {row["area"]: row["color"] for row in config.AREA_ROWS}
# Kinds of organisation: Okabe–Ito colours, distinct under the common colour-vision deficiencies
# (blue, orange, bluish green, reddish purple, vermillion); businesses in grey, apart.
ORG_KIND_COLORS = {
    "social_orgs": "#0072B2", "tech_orgs": "#E69F00", "foundations": "#009E73",
    "trade_associations": "#CC79A7", "xiongan_registered": "#D55E00", "businesses": "#7f7f7f",
}
QUALIFIER_COLORS = {"exact": PALETTE[0], "多": PALETTE[1], "余": PALETTE[8], "约": PALETTE[2],
                    "近": PALETTE[4]}
EXACT_COLOR = PALETTE[0]

DPI = 120
PNG_METADATA = {"Software": None}  # no matplotlib version in the file: upgrades change no byte
SVG_METADATA = {"Date": None, "Creator": None}


def use() -> None:
    """Apply the project style (idempotent)."""
    if FONT_NAME not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(config.FONT_FILE))
    sns.set_theme(
        context="notebook",
        style="whitegrid",
        palette=PALETTE,
        font=FONT_NAME,
        rc={
            # Noto Sans SC first (it has Latin, digits and full-width quotes “”), DejaVu as the
            # per-glyph fallback for the few symbols the subset lacks.
            "font.family": [FONT_NAME, "DejaVu Sans"],
            "font.sans-serif": [FONT_NAME, "DejaVu Sans"],
            "axes.unicode_minus": True,
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "figure.figsize": (8.0, 4.5),
            "axes.titlesize": 13,
            "axes.titleweight": "normal",  # the bundled subset has one weight: no faux bold
            "axes.titlelocation": "left",
            "axes.labelsize": 11,
            "xtick.labelsize": 10,
            "ytick.labelsize": 10,
            "legend.fontsize": 9,
            "legend.frameon": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.fonttype": "path",  # outlines: the SVG looks the same without the font
            "svg.hashsalt": "jjj",  # stable element ids: byte-identical SVG on every run
            "savefig.bbox": "tight",
        },
    )
    _quiet_inline_backend()
    # tables: no scientific notation, all columns, wide enough for the labels
    pd.set_option("display.float_format", _float)
    pd.set_option("display.max_columns", 40)
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 60)


def _float(x: float) -> str:
    """Table numbers: whole numbers with thousands separators, small ones to 3 significant digits."""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"


def _quiet_inline_backend() -> None:
    """In a notebook, draw inline PNGs without the matplotlib version stamp."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is not None and "InlineBackend" in shell.config:
        shell.run_line_magic("config", "InlineBackend.print_figure_kwargs = "
                             "{'bbox_inches': 'tight', 'metadata': {'Software': None}}")


def png_bytes(fig: mpl.figure.Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata=PNG_METADATA)
    return buf.getvalue()


def svg_bytes(fig: mpl.figure.Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata=SVG_METADATA)
    return buf.getvalue()


LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
CJK_TOKEN = re.compile(r"\S*[\u3400-\u9fff]\S*")
STATED = re.compile(r"[0-9N〇零一二两三四五六七八九十百千万亿]")  # a figure as written: 6300多家, 千余家, N多


def chart_texts(fig: mpl.figure.Figure) -> list[str]:
    """Every piece of text on a chart: titles, axis labels, tick labels, legends, annotations."""
    return [t.get_text() for t in fig.findobj(mpl.text.Text) if t.get_text().strip()]


def check_language(fig: mpl.figure.Figure, lang: str) -> None:
    """A chart is wholly in its edition's language. Chinese charts hold no English word; English
    charts hold Chinese only in the stated form of a figure (6300多家, 千余家) or in a gloss in
    brackets (more than (多))."""
    for text in chart_texts(fig):
        if lang == "zh":
            bad = LATIN_WORD.findall(text)
        else:
            bad = [tok for tok in CJK_TOKEN.findall(re.sub(r"\([^()]*\)", "", text))
                   if not STATED.search(tok)]
        if bad:
            raise ValueError(f"chart text not in the {lang} edition's language: {text!r} ({bad})")


def save(fig: mpl.figure.Figure, name: str) -> None:
    """Write ``figures/<name>.png`` and ``.svg`` atomically, show the PNG once, close the figure.

    Returns None so that a cell ending in ``style.save(...)`` prints no ``<Figure …>`` repr. In the
    English edition (``JJJ_LANG=en``) the same call writes under ``$JJJ_OUT``, the PNG only: the
    SVG (vector, for print) is a file of the committed edition, and nothing shows or offers the
    English one; drawing it cost a third of a chart's time.
    """
    lang = config.lang()
    check_language(fig, lang)
    png = png_bytes(fig)
    atomic_write_bytes(config.FIGURES / f"{name}.png", png)
    if lang == "zh":
        atomic_write_bytes(config.FIGURES / f"{name}.svg", svg_bytes(fig))
    plt.close(fig)
    try:
        from IPython import get_ipython
        from IPython.display import Image, display
    except ImportError:  # pragma: no cover
        return
    if get_ipython() is not None:
        display(Image(data=png, format="png"))

