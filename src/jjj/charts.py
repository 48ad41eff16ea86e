"""The chart types the notebooks share. Approximate figures are drawn as ranges, never as points.

Each function takes a tidy table (``label, value, low, high`` …), draws on the shared style and
returns the figure; the notebook saves it with ``style.save(fig, name)``.

Every chart is laid out for the column it is read in (``style.WIDTH``, text of ``style.MIN_PT``
at least): a row's label stands on its own line above its mark, across the whole width, so a long
label (English) wraps instead of squeezing the plot; the axes are placed in inches and their data
height is counted in points, so rows, labels and marks keep their spacing whatever the number of
lines. ``style.save`` then checks that no two texts overlap.
"""

from __future__ import annotations

import re

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.font_manager import FontProperties
from matplotlib.legend_handler import HandlerTuple
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.textpath import TextToPath
from matplotlib.ticker import Formatter, MaxNLocator, NullFormatter

from jjj import style, text
from jjj.i18n import t
from jjj.intervals import stored_digits

RANGE_ALPHA = 0.5  # a range band: visible on white (0.35 was near to vanishing), its value tick still darker
LINE = 1.3  # line height, in font sizes
BAND = 9.0  # thickness of a range band, points
DOT = 7.0  # an exact figure's dot, points
GAP = 3.0  # between a row's label and its mark, points
ROW_GAP = 9.0  # between rows, points
MARGIN = 0.06  # left and right of the axes, inches
LABEL_COLOR = "#222222"
NOTE_COLOR = "#333333"
# text over the grid stands on a white ground, so gridlines never run through it
GROUND = {"facecolor": "white", "edgecolor": "none", "pad": 1.0}

_PATHS = TextToPath()


def text_width(s: str, size: float = style.MIN_PT) -> float:
    """The width of one line of text in points, as the chart's fonts draw it."""
    prop = FontProperties(family=mpl.rcParams["font.family"], size=size)
    return max((_PATHS.get_text_width_height_descent(line, prop, ismath=False)[0]
                for line in s.split("\n") if line), default=0.0)


# Where a Chinese line may break: after punctuation and the particles that end a phrase, before
# an opening bracket; never inside a run of Latin letters or digits (京/津冀 and 基金/会 stay whole
# where a phrase boundary is near).
_ZH_BREAK = re.compile(r"(?<=[，、：；。）)·的和与及占在对])|(?=[（(])|(?<=\s)")


def _pieces(s: str) -> list[str]:
    if any("\u4e00" <= c <= "\u9fff" for c in s):
        return [p for p in _ZH_BREAK.split(s) if p]
    return [p for p in re.split(r"(?<=[ –/])", s) if p]


def wrap(s: str, width: float, size: float = style.MIN_PT) -> str:
    """Break ``s`` into lines no wider than ``width`` points: at words in English, at phrase
    boundaries in Chinese (at characters only for a phrase longer than a line)."""
    out = []
    for para in s.split("\n"):
        line = ""
        for piece in _pieces(para):
            if text_width(line + piece, size) <= width or not line:
                line += piece
            else:
                out.append(line.rstrip())
                line = piece.lstrip()
            while text_width(line, size) > width and len(line) > 1:  # a piece longer than a line
                cut = max(i for i in range(1, len(line) + 1) if text_width(line[:i], size) <= width
                          or i == 1)
                if not any("\u4e00" <= c <= "\u9fff" for c in line[:cut]):
                    # English: break at the last space that fits, else the word overflows
                    space = line[:cut].rfind(" ")
                    if space <= 0:
                        break
                    cut = space + 1
                out.append(line[:cut].rstrip())
                line = line[cut:]
        out.append(line.rstrip())
    return "\n".join(out)


def lines(s: str) -> int:
    return s.count("\n") + 1


class OneScale(Formatter):
    """Axis numbers in one scale for the whole axis (0, 20万, 40万 / 0, 0.2 million, 0.4 million;
    never 1,000 beside 1万), with the same number of decimals on every tick; ``suffix`` follows
    each number (%). A log axis whose ticks span the scales is written out in plain digits."""

    def __init__(self, suffix: str = "", log: bool = False):
        self.suffix = suffix
        self.log = log  # on a log axis each tick keeps its own decimals (0.1%, 1%, 10%)

    def __call__(self, x, pos=None):
        return self.format_ticks([x])[0]

    def format_ticks(self, values):
        values = list(values)
        shown = values
        if self.axis is not None:  # the scale is chosen by the ticks in view
            lo, hi = sorted(self.axis.get_view_interval())
            shown = [v for v in values if lo - 1e-9 * abs(hi) <= v <= hi + 1e-9 * abs(hi)] or values
        nonzero = [abs(v) for v in shown if v]
        if not nonzero:
            return ["0" + self.suffix for _ in values]
        words = ((1e8, "亿"), (1e4, "万")) if text.lang() == "zh" else (
            (1e9, " billion"), (1e6, " million"))
        scale, word = 1.0, ""
        for s, w in words:
            if max(nonzero) >= s and min(nonzero) / s >= 0.1:
                scale, word = s, w
                break
        places = next((d for d in range(4) if all(
            abs(v / scale * 10**d - round(v / scale * 10**d)) < 1e-6 for v in shown)), 3)
        group = "," if not (text.lang() == "zh" and word) else ""
        def digits(v: float) -> int:
            return next((d for d in range(4) if abs(v / scale * 10**d - round(v / scale * 10**d))
                         < 1e-6), 3) if self.log else places

        return ["0" + self.suffix if v == 0 else
                f"{v / scale:{group}.{digits(v)}f}{word}{self.suffix}" for v in values]


def number_axis(axis, *, log: bool = False, suffix: str = "") -> None:
    axis.set_major_formatter(OneScale(suffix, log))
    if log:
        axis.set_minor_formatter(NullFormatter())
    else:
        axis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))


class Layout:
    """A figure of ``style.WIDTH`` inches: a wrapped title, then blocks (an optional heading and
    one axes, whose data height is in points, with room below for its tick labels and axis
    label), then a legend strip. Every height is known before drawing, so nothing is squeezed."""

    def __init__(self, title: str, width: float = style.WIDTH):
        self.width = width
        self.inner = (width - 2 * MARGIN) * 72  # points
        self.title = wrap(title, self.inner, style.TITLE_PT)
        self.blocks: list[dict] = []

    def block(self, height: float, *, heading: str = "", xlabel: str = "", ticks: bool = True,
              top_ticks: bool = False, indent: float = 0.0):
        heading = wrap(heading, self.inner, style.MIN_PT + 1) if heading else ""
        xlabel = wrap(xlabel, self.inner) if xlabel else ""
        self.blocks.append({"height": height, "heading": heading, "xlabel": xlabel,
                            "ticks": ticks, "top_ticks": top_ticks, "indent": indent})

    def draw(self, legend_rows: int = 0):
        pt = 1 / 72
        title_h = lines(self.title) * style.TITLE_PT * LINE * pt + 0.12
        parts = []
        for b in self.blocks:
            head = (lines(b["heading"]) * (style.MIN_PT + 1) * LINE * pt + 0.08
                    if b["heading"] else 0.0)
            top = (style.MIN_PT * LINE + 8) * pt if b["top_ticks"] else 0.0
            below = ((style.MIN_PT * LINE + 9) * pt if b["ticks"] else 0.0) + (
                lines(b["xlabel"]) * style.MIN_PT * LINE * pt + 0.04 if b["xlabel"] else 0.0)
            parts.append((head + top, b["height"] * pt, below + 0.16))
        legend_h = legend_rows * style.MIN_PT * 1.75 * pt + (0.08 if legend_rows else 0.0)
        height = title_h + sum(sum(p) for p in parts) + legend_h
        fig = plt.figure(figsize=(self.width, height))
        fig.text(MARGIN / self.width, 1 - 0.04 / height, self.title, ha="left", va="top",
                 fontsize=style.TITLE_PT, linespacing=LINE, gid="title")  # gid: style.alt_text
        y = height - title_h
        axes = []
        for b, (above, h, below) in zip(self.blocks, parts, strict=True):
            if b["heading"]:
                fig.text(MARGIN / self.width, y / height, b["heading"], ha="left", va="top",
                         fontsize=style.MIN_PT + 1, linespacing=LINE, color=NOTE_COLOR)
            y -= above + h
            ax = fig.add_axes(((MARGIN + b["indent"] * pt) / self.width, y / height,
                               (self.inner - b["indent"]) * pt / self.width, h / height))
            ax.set_ylim(0, b["height"])
            if b["xlabel"]:
                ax.set_xlabel(b["xlabel"], linespacing=LINE)
            if not b["ticks"]:
                ax.set_xticks([])
            y -= below
            axes.append(ax)
        self.legend_top = legend_h / height
        self.fig = fig
        return fig, axes

    def legend(self, handles: list, *, ncol: int | None = None) -> None:
        if not handles:
            return
        labels = [wrap((h[0] if isinstance(h, tuple) else h).get_label(),
                       self.inner - 4 * style.MIN_PT) for h in handles]
        self.fig.legend(handles, labels, loc="upper left", ncol=ncol or legend_columns(
            handles, self.inner), bbox_to_anchor=(MARGIN / self.width, self.legend_top),
            borderaxespad=0, handler_map={tuple: HandlerTuple(ndivide=None, pad=0)},
            columnspacing=1.2, handlelength=2.0)


def legend_columns(handles: list, width: float) -> int:
    """As many columns as fit in ``width`` points."""
    entries = [text_width(h[0].get_label() if isinstance(h, tuple) else h.get_label()) +
               (2.0 + 0.8 + 1.2) * style.MIN_PT + 6 for h in handles]
    for ncol in range(len(entries), 1, -1):
        # matplotlib fills the columns as numpy's array_split: the first ones get a row more
        size, extra = divmod(len(entries), ncol)
        cols, start = [], 0
        for c in range(ncol):
            stop = start + size + (c < extra)
            cols.append(max(entries[start:stop], default=0))
            start = stop
        if sum(cols) <= width:
            return ncol
    return 1


def legend_rows(handles: list, width: float) -> int:
    return -(-len(handles) // legend_columns(handles, width)) if handles else 0


def _plain_axes(ax, *, grid_x: bool = True) -> None:
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=grid_x)
    ax.spines["left"].set_visible(False)


def _row_heights(labels: list[str], width: float) -> tuple[list[str], list[float]]:
    """Wrapped labels and the height of each row in points: label lines, gap, mark, gap."""
    wrapped = [wrap(lab, width) for lab in labels]
    return wrapped, [lines(w) * style.MIN_PT * LINE + GAP + BAND + ROW_GAP for w in wrapped]


def _positions(heights: list[float]) -> tuple[list[float], float]:
    """The y of each row's mark (top to bottom) and the axes' height, in points."""
    total = sum(heights) + 4
    ys, top = [], total - 2
    for h in heights:
        ys.append(top - h + ROW_GAP + BAND / 2)
        top -= h
    return ys, total


def fits(ax, x: float, width: float, right: bool) -> bool:
    """Whether a note ``width`` points wide fits in the axes beside ``x`` (5 points off)."""
    px = ax.transData.transform((x, 0))[0]
    box = ax.get_window_extent()
    need = (width + 5) * ax.figure.dpi / 72
    return px + need <= box.x1 if right else px - need >= box.x0


def _note_side(ax, rows: list[tuple[float, float, str]], *, log: bool) -> list[bool]:
    """For each row (low, high, note): True to write the note right of the mark, False left of
    it; widens the x axis until every note fits on one side."""
    for _ in range(12):
        sides = []
        for low, high, note in rows:
            w = text_width(note) + (DOT if low == high else 0)
            if fits(ax, high, w, True):
                sides.append(True)
            elif fits(ax, low, w, False):
                sides.append(False)
            else:
                break
        else:
            return sides
        lo, hi = ax.get_xlim()
        ax.set_xlim(lo, hi * 1.6 if log else hi + (hi - lo) * 0.15)
    raise ValueError(f"a note does not fit beside its mark: {rows}")


def draw_rows(ax, table: pd.DataFrame, wrapped: list[str], ys: list[float], *, colors,
              annotate: bool = True, log: bool = False, suffix: str = "", notes=None) -> None:
    """One row per entry, top to bottom: its label above, a band from low to high and a tick at
    the stated value (an exact figure, low == high, is a dot), and the range written beside it.
    The x limits must be set before."""
    if log:
        ax.set_xscale("log")
    number_axis(ax.xaxis, log=log, suffix=suffix)
    _plain_axes(ax)
    notes = list(notes) if notes is not None else [
        text.interval(r.low, r.high, digits=stored_digits(getattr(r, "digits", None))) + suffix
        for r in table.itertuples()]
    sides = _note_side(ax, [(r.low, r.high, n) for r, n in zip(table.itertuples(), notes,
                                                                  strict=True)], log=log)
    for row, color, label, y, note, right in zip(table.itertuples(), colors, wrapped, ys, notes,
                                                sides, strict=True):
        ax.annotate(label, (0, y), xycoords=("axes fraction", "data"),
                    xytext=(0, BAND / 2 + GAP), textcoords="offset points", va="bottom",
                    ha="left", color=LABEL_COLOR, linespacing=LINE, bbox=GROUND)
        if row.low == row.high:
            ax.plot(row.value, y, "o", color=color, markersize=DOT, zorder=3, clip_on=False)
        else:
            ax.hlines(y, row.low, row.high, color=color, alpha=RANGE_ALPHA, linewidth=BAND,
                      capstyle="butt", zorder=2)
            if row.value == row.value:  # a bound-only metric has no point to mark
                ax.plot(row.value, y, "|", color=color, markersize=BAND + 6, markeredgewidth=2.5,
                        zorder=3, clip_on=False)
        if annotate:
            pad = 5 + (DOT / 2 if row.low == row.high else 0)
            ax.annotate(note, (row.high if right else row.low, y),
                        xytext=(pad if right else -pad, 0), textcoords="offset points",
                        va="center", ha="left" if right else "right", color=NOTE_COLOR,
                        bbox=GROUND)


def range_legend(table: pd.DataFrame, colors) -> list:
    """Legend entries for the marks the rows draw, each in the colours it is drawn in."""
    # each colour once: a name or #hex as it is, an RGB triple as a tuple (both hashable)
    rows = [(r, c if isinstance(c, str) else tuple(c)) for r, c in zip(table.itertuples(), colors,
                                                                      strict=True)]
    ranged = list(dict.fromkeys(c for r, c in rows if r.low != r.high))
    written = list(dict.fromkeys(c for r, c in rows if r.low != r.high and r.value == r.value))
    exact = list(dict.fromkeys(c for r, c in rows if r.low == r.high))
    handles = []
    if ranged:
        handles.append(tuple(Patch(facecolor=c, alpha=RANGE_ALPHA, label=t("可能范围"))
                             for c in ranged))
    if written:
        handles.append(tuple(Line2D([], [], color=c, marker="|", markersize=12,
                                    markeredgewidth=2.5, ls="none", label=t("按所写数字"))
                             for c in written))
    if exact:
        handles.append(tuple(Line2D([], [], color=c, marker="o", markersize=DOT, ls="none",
                                    label=t("确数")) for c in exact))
    return handles


def _xlim(table: pd.DataFrame, log: bool) -> tuple[float, float]:
    lo, hi = table["low"].min(), table["high"].max()
    return (lo / 2, hi * 2) if log else (0, hi * 1.1)


def ranges_chart(table: pd.DataFrame, *, title: str, xlabel: str, log: bool = False,
                 colors=None, groups: dict | None = None):
    """A single-axis chart of figures that share a unit, with their ranges.

    ``groups`` (label → colour) adds a legend of what the colours mean.
    """
    colors = list(colors) if colors is not None else [style.EXACT_COLOR] * len(table)
    layout = Layout(title)
    wrapped, heights = _row_heights(list(table["label"]), layout.inner)
    ys, total = _positions(heights)
    layout.block(total, xlabel=xlabel)
    handles = range_legend(table, colors)
    handles += [Patch(facecolor=c, label=g) for g, c in (groups or {}).items()]
    fig, (ax,) = layout.draw(legend_rows(handles, layout.inner))
    ax.set_xlim(*_xlim(table, log))
    draw_rows(ax, table, wrapped, ys, colors=colors, log=log)
    layout.legend(handles)
    return fig


def panels_chart(table: pd.DataFrame, *, title: str, colors=None):
    """Small multiples: one panel per unit (``unit`` column), each with its own linear axis, so
    yuan, projects and person-times never share a scale; rows of one unit share a panel.

    ``table`` has label, value, low, high, unit (as made by ``tables.derived_ranges``);
    ``colors`` is one colour per row (default: one).
    """
    colors = list(colors) if colors is not None else [style.EXACT_COLOR] * len(table)
    table = table.assign(_color=colors)
    units = list(dict.fromkeys(table["unit"]))
    layout = Layout(title)
    panels = []
    for unit in units:
        rows = table[table["unit"] == unit]
        wrapped, heights = _row_heights(list(rows["label"]), layout.inner)
        ys, total = _positions(heights)
        layout.block(total, xlabel=unit)
        panels.append((rows, wrapped, ys))
    handles = range_legend(table, colors)
    fig, axes = layout.draw(legend_rows(handles, layout.inner))
    for ax, (rows, wrapped, ys) in zip(axes, panels, strict=True):
        ax.set_xlim(0, rows["high"].max() * 1.1)
        draw_rows(ax, rows, wrapped, ys, colors=list(rows["_color"]))
    layout.legend(handles)
    return fig


def widths_chart(table: pd.DataFrame, *, title: str, xlabel: str, colors: dict, legend: dict):
    """Relative width of each range (``width_pct``), one dot per row, on a log axis (a dot, not
    a bar: a log axis has no baseline a bar could start from).

    ``colors`` maps each row's ``qualifier`` to a colour, ``legend`` maps qualifier → label.
    """
    rows = table.assign(value=table["width_pct"], low=table["width_pct"], high=table["width_pct"])
    layout = Layout(title)
    wrapped, heights = _row_heights(list(table["label"]), layout.inner)
    ys, total = _positions(heights)
    layout.block(total, xlabel=xlabel)
    present = set(table["qualifier"])
    handles = [Line2D([], [], color=colors[q], marker="o", markersize=DOT, ls="none", label=lab)
               for q, lab in legend.items() if q in present]
    fig, (ax,) = layout.draw(legend_rows(handles, layout.inner))
    ax.set_xlim(table["width_pct"].min() / 3, table["width_pct"].max() * 3)
    draw_rows(ax, rows, wrapped, ys, colors=[colors[q] for q in table["qualifier"]], log=True,
              suffix="%", notes=[f"{text.pct(w)}%" for w in table["width_pct"]])
    layout.legend(handles)
    return fig


def shares_chart(table: pd.DataFrame, *, title: str, xlabel: str, color=None):
    """Shares with two readings of 多: a light band for the project's wide reading
    (``low``–``high``), a dark band inside it for the tight one (``low_tight``–``high_tight``),
    the number as written as a tick; one row per share, on a linear axis from 0 to 100 % (a share
    is a part of a whole: its bands start at their lower bound, never at a baseline)."""
    color = color or style.EXACT_COLOR
    n = len(table)
    layout = Layout(title)
    wrapped, heights = _row_heights(list(table["label"]), layout.inner)
    ys, total = _positions(heights)
    layout.block(total, xlabel=xlabel)
    marks = range_legend(table, [color] * n)
    wide = t("本项目的读法：N多 = [N, N+u)，u 为末位非零数字的位值")
    tight = t("窄读法：N多 = [N, N+u/10)")
    handles = [Patch(facecolor=color, alpha=RANGE_ALPHA, label=wide),
               Patch(facecolor=color, alpha=0.85, label=tight)]
    handles += [h for h in marks if h[0].get_label() != t("可能范围")]
    fig, (ax,) = layout.draw(sum(lines(wrap(h.get_label(), layout.inner - 4 * style.MIN_PT))
                                 for h in handles[:2]) + len(handles) - 2)
    ax.set_xlim(0, 100)
    ax.set_xticks(range(0, 101, 25))
    draw_rows(ax, table, wrapped, ys, colors=[color] * n, suffix="%")
    ax.xaxis.set_major_formatter(OneScale("%"))
    for row, y in zip(table.itertuples(), ys, strict=True):  # the tight reading inside the band
        if row.low < row.high:
            ax.hlines(y, row.low_tight, max(row.high_tight, row.low_tight + 0.15), color=color,
                      alpha=0.85, linewidth=BAND, capstyle="butt", zorder=2)
    layout.legend(handles, ncol=1)
    return fig


def pipeline_chart(steps: pd.DataFrame, *, title: str, xlabel: str, color=None):
    """Successive stages (``label``, ``value``) as bars from zero, each with its value and its
    ratio to the previous one (``ratio``: text, empty for the first)."""
    color = color or style.EXACT_COLOR
    layout = Layout(title)
    wrapped, heights = _row_heights(list(steps["label"]), layout.inner)
    ys, total = _positions(heights)
    layout.block(total, xlabel=xlabel)
    fig, (ax,) = layout.draw()
    ax.set_xlim(0, steps["value"].max() * 1.1)
    number_axis(ax.xaxis)
    _plain_axes(ax)
    notes = [text.num(r.value) + (f"（{r.ratio}）" if text.lang() == "zh" and r.ratio else
                                  f" ({r.ratio})" if r.ratio else "") for r in steps.itertuples()]
    bars = steps.assign(low=0.0, high=steps["value"])
    sides = _note_side(ax, [(0.0, r.value, n) for r, n in zip(steps.itertuples(), notes,
                                                                 strict=True)], log=False)
    for row, label, y, note, right in zip(bars.itertuples(), wrapped, ys, notes, sides,
                                          strict=True):
        ax.annotate(label, (0, y), xycoords=("axes fraction", "data"),
                    xytext=(0, BAND / 2 + GAP), textcoords="offset points", va="bottom",
                    ha="left", color=LABEL_COLOR, linespacing=LINE, bbox=GROUND)
        ax.hlines(y, 0, row.value, color=color, alpha=0.85, linewidth=BAND, capstyle="butt")
        ax.annotate(note, (row.value, y), xytext=(5 if right else -5, 0),
                    textcoords="offset points", va="center", ha="left" if right else "right",
                    color=NOTE_COLOR if right else "white")
    return fig


def timeline_chart(events: pd.DataFrame, *, title: str):
    """Events on a time axis: ``date`` (Timestamp), ``when`` (the date as written, e.g. 2014-02),
    ``label``, ``group`` (colour key). Each event is a row: its date and label above, its dot at
    its date."""
    events = events.sort_values("date").reset_index(drop=True)
    groups = list(dict.fromkeys(events["group"]))
    palette = {g: style.PALETTE[i] for i, g in enumerate(groups)}
    layout = Layout(title)
    wrapped, heights = _row_heights([f"{r.when}  {r.label}" for r in events.itertuples()],
                                    layout.inner)
    ys, total = _positions(heights)
    layout.block(total, xlabel=t("年份"))
    handles = [Line2D([], [], color=palette[g], marker="o", markersize=DOT, ls="none", label=g)
               for g in groups]
    fig, (ax,) = layout.draw(legend_rows(handles, layout.inner))
    first, last = events["date"].min(), events["date"].max()
    span = last - first
    ax.set_xlim(first - span * 0.03, last + span * 0.03)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    _plain_axes(ax)
    for row, label, y in zip(events.itertuples(), wrapped, ys, strict=True):
        ax.annotate(label, (0, y), xycoords=("axes fraction", "data"),
                    xytext=(0, BAND / 2 + GAP), textcoords="offset points", va="bottom",
                    ha="left", color=LABEL_COLOR, linespacing=LINE, bbox=GROUND)
        ax.plot(row.date, y, "o", color=palette[row.group], markersize=DOT, zorder=3,
                clip_on=False)
    layout.legend(handles)
    return fig


def roles_chart(items: pd.DataFrame, *, title: str, roles: list[str], provinces: list[str]):
    """Who did what, by province: one row per role (its name above it), one column per province,
    names in cells.

    ``items`` has role, province, name (display text).
    """
    layout = Layout(title)
    col = layout.inner / len(provinces)
    line = style.MIN_PT * LINE
    cells, heights = [], []
    for role in roles:
        row = []
        for prov in provinces:
            names = items[(items["role"] == role) & (items["province"] == prov)]["name"].tolist()
            if len(names) == 1:
                shown = wrap(names[0], col - 12)
            else:
                shown = "\n".join("· " + wrap(n, col - 12 - text_width("· ")).replace("\n", "\n  ")
                                  for n in names)
            row.append((shown or "—", bool(names), len(names) > 1))
        cells.append(row)
        heights.append(line + GAP + max(lines(s) for s, _, _ in row) * line + 12 + ROW_GAP)
    total = sum(heights) + line + 6  # the provinces' heads on top
    layout.block(total, ticks=False)
    fig, (ax,) = layout.draw()
    ax.set_xlim(0, layout.inner)
    ax.axis("off")
    top = total
    for j, prov in enumerate(provinces):
        ax.text(j * col + col / 2, top, prov, ha="center", va="top", color=LABEL_COLOR)
    top -= line + 6
    for role, row, h in zip(roles, cells, heights, strict=True):
        ax.text(0, top, role, ha="left", va="top", color=LABEL_COLOR)
        box_top = top - line - GAP
        box_h = h - line - GAP - ROW_GAP
        for j, (shown, filled, listed) in enumerate(row):
            ax.add_patch(plt.Rectangle((j * col + 2, box_top - box_h), col - 4, box_h,
                                       color=style.PALETTE[j], alpha=0.15 if filled else 0.04,
                                       linewidth=0))
            ax.text(j * col + (8 if listed else col / 2), box_top - box_h / 2, shown,
                    ha="left" if listed else "center", va="center", linespacing=LINE,
                    color=LABEL_COLOR)
        top -= h
    return fig
