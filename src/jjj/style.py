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
# (data/<slug>/areas.csv), so an eighth area is one row there.
PALETTE = sns.color_palette("colorblind", 10)
AREA_COLORS = {row["area"]: row["color"] for row in config.AREA_ROWS}
# Kinds of organisation, regions and qualifiers have their colours in their vocabulary (jjj.vocab)
EXACT_COLOR = PALETTE[0]

# Charts are drawn for the column they are read in. The site's content column is 676 CSS px
# wide at a 1280 px window and 343 CSS px on a 390 px phone (sphinx-book-theme's padding,
# measured in headless Chromium). A chart is laid out at 120 px an inch (one CSS px a pixel),
# WIDTH inches wide (576 CSS px; about 600 with the tick labels that stand out), saved at SCALE
# times that density for sharp screens, and shown at its CSS width (``save`` gives the notebook
# output its width). Its smallest text, MIN_PT, is then 16.7 CSS px on a desktop (the body
# text's size; its small size is 14 px) and 10 * 120/72 * 343/600 = 9.5 CSS px on a phone,
# where the picture is scaled down to the column. ``check_layout`` measures both on every save.
DPI = 120
SCALE = 2  # pixels of the PNG per CSS pixel
WIDTH = 4.8  # inches at DPI: 576 CSS px
MIN_PT = 10
TITLE_PT = 12
COLUMN_PX = 676  # the content column at 1280 px (CSS px)
PHONE_COLUMN_PX = 343  # the content column at 390 px
DESKTOP_MIN_PX = 14  # the body text's small size (0.875 rem)
PHONE_MIN_PX = 9
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
            "savefig.dpi": DPI * SCALE,
            "figure.figsize": (WIDTH, 3.2),
            "axes.titlesize": TITLE_PT,
            "axes.titleweight": "normal",  # the bundled subset has one weight: no faux bold
            "axes.titlelocation": "left",
            "axes.labelsize": MIN_PT,
            "xtick.labelsize": MIN_PT,
            "ytick.labelsize": MIN_PT,
            "legend.fontsize": MIN_PT,
            "font.size": MIN_PT,
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


SMALLEST_TEXT_KEY = "jjj smallest text px"  # a PNG text chunk: the browser test reads it


def png_bytes(fig: mpl.figure.Figure) -> bytes:
    """The chart as PNG; a text chunk records its smallest text's height in the PNG's pixels, so
    that a test can tell how large it is where a browser shows the image."""
    smallest = min((t.get_fontsize() for t in drawn_texts(fig)), default=MIN_PT)
    buf = io.BytesIO()
    fig.savefig(buf, format="png",
                metadata={**PNG_METADATA, SMALLEST_TEXT_KEY: f"{smallest * DPI * SCALE / 72:.2f}"})
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


def drawn_texts(fig: mpl.figure.Figure) -> list[mpl.text.Text]:
    """The texts a render of ``fig`` draws: visible, not empty, tick labels only of ticks in view."""
    ticks = set()
    drawn = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks.update({id(tick.label1), id(tick.label2)})
            if not (ax.axison and axis.get_visible()):
                continue
            for tick in axis._update_ticks():  # the ticks inside the view, as drawn
                drawn += [lab for lab in (tick.label1, tick.label2)
                          if tick.get_visible() and lab.get_visible() and lab.get_text().strip()]
    for t in fig.findobj(mpl.text.Text):
        if id(t) in ticks or not t.get_visible() or not t.get_text().strip():
            continue
        drawn.append(t)
    return drawn


def overlaps(fig: mpl.figure.Figure, tolerance: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes (as the renderer lays them out) overlap by more than
    ``tolerance`` pixels both ways."""
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in drawn_texts(fig)]
    found = []
    for i, (a, box) in enumerate(boxes):
        for b, other in boxes[i + 1:]:
            dx = min(box.x1, other.x1) - max(box.x0, other.x0)
            dy = min(box.y1, other.y1) - max(box.y0, other.y0)
            if dx > tolerance and dy > tolerance:
                found.append((a, b))
    return found


def text_px(fig: mpl.figure.Figure, png_width: int) -> dict[str, float]:
    """The smallest text of a chart saved ``png_width`` pixels wide, in CSS px as shown in the
    content column on a desktop and on a phone."""
    smallest = min(t.get_fontsize() for t in drawn_texts(fig))
    css_width = png_width / SCALE
    base = smallest * DPI / 72
    return {"pt": smallest, "width": css_width,
            "desktop": base * min(1.0, COLUMN_PX / css_width),
            "phone": base * min(1.0, PHONE_COLUMN_PX / css_width)}


def check_layout(fig: mpl.figure.Figure, png_width: int | None = None) -> None:
    """No two texts overlap; the smallest text is legible on a desktop and on a phone."""
    fig.canvas.draw()
    found = overlaps(fig)
    if found:
        raise ValueError(f"chart texts overlap: {found[:5]}")
    if png_width is not None:
        px = text_px(fig, png_width)
        if px["desktop"] < DESKTOP_MIN_PX or px["phone"] < PHONE_MIN_PX:
            raise ValueError(f"chart text too small: {px}")


def png_width(png: bytes) -> int:
    return int.from_bytes(png[16:20], "big")  # the IHDR chunk


def alt_text(fig: mpl.figure.Figure) -> str:
    """One sentence, in the edition's language, of what a chart shows: its title, which states the
    finding (the text the chart marks with ``gid="title"``, else the figure's or the first axes'
    title)."""
    from jjj.i18n import t

    titles = [x.get_text() for x in fig.texts if x.get_gid() == "title"] + [fig.get_suptitle()]
    titles += [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center")]
    title = next((x for x in titles if x.strip()), "")
    if not title:
        raise ValueError("a chart needs a title that states its finding (it is the chart's alt text)")
    joined = title.replace("\n", "" if config.lang() == "zh" else " ")
    return t("图：{title}", title=" ".join(joined.split()) if config.lang() != "zh" else joined)


def save(fig: mpl.figure.Figure, name: str, *, numbers) -> None:
    """Write ``figures/<name>.png`` and ``.svg`` atomically, show the PNG once and, folded under
    it, ``numbers``: the table of what the chart draws (``jjj.show.chart_numbers``; the site offers
    every table as a CSV too); close the figure.

    Every chart of both editions is checked here: its language, no two texts overlapping, its
    smallest text legible in the column on a desktop and on a phone (``check_layout``).

    Returns None so that a cell ending in ``style.save(...)`` prints no ``<Figure …>`` repr. In the
    English edition (``JJJ_LANG=en``) the same call writes under ``$JJJ_OUT``, the PNG only: the
    SVG (vector, for print) is a file of the committed edition, and nothing shows or offers the
    English one; drawing it cost a third of a chart's time.
    """
    from jjj.i18n import t

    lang = config.lang()
    check_language(fig, lang)
    png = png_bytes(fig)
    check_layout(fig, png_width(png))
    alt = alt_text(fig)
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
        # shown at its CSS width: the PNG has SCALE pixels per CSS pixel
        # the alt text rides in the output's metadata; jjj.site gives it to the page's <img>
        display(Image(data=png, format="png", width=png_width(png) // SCALE, metadata={"alt": alt}))
        display(numbers.folded(t("图中的数字")))

