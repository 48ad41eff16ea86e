"""The chart types the notebooks share. Approximate figures are drawn as ranges, never as points.

Each function takes a tidy table (``label, value, low, high`` …), draws on the shared style and
returns the figure; the notebook saves it with ``style.save(fig, name)``.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from jjj import style, text
from jjj.i18n import t

RANGE_ALPHA = 0.35
# axis numbers as a reader writes them: 3,000万 / 30 million, never 1e7 offsets
NUMBER_FORMAT = FuncFormatter(lambda x, _pos: text.num(x) if x else "0")


def _legend_handles(color) -> list:
    return [
        Patch(facecolor=color, alpha=RANGE_ALPHA, label=t("可能范围")),
        Line2D([], [], color=color, marker="|", markersize=14, markeredgewidth=2.5, ls="none",
               label=t("按所写数字")),
        Line2D([], [], color=color, marker="o", ls="none", label=t("确数")),
    ]


def draw_ranges(ax, table: pd.DataFrame, *, colors=None, annotate: bool = True,
                log: bool = False, suffix: str = "") -> None:
    """One row per entry, top to bottom: a band from low to high and a tick at the stated value.

    Exact figures (low == high) are a dot. ``colors`` is one colour per row (default: one);
    ``suffix`` follows each annotated range (``%``).
    """
    n = len(table)
    colors = list(colors) if colors is not None else [style.EXACT_COLOR] * n
    for i, (row, color) in enumerate(zip(table.itertuples(), colors, strict=True)):
        y = n - 1 - i
        if row.low == row.high:
            ax.plot(row.value, y, "o", color=color, markersize=7, zorder=3)
        else:
            ax.barh(y, row.high - row.low, left=row.low, height=0.5, color=color,
                    alpha=RANGE_ALPHA, linewidth=0, zorder=2)
            if row.value == row.value:  # a bound-only metric has no point to mark
                ax.plot(row.value, y, "|", color=color, markersize=16, markeredgewidth=2.5,
                        zorder=3)
        if annotate:
            ax.annotate(text.interval(row.low, row.high) + suffix, (row.high, y), xytext=(6, 0),
                        textcoords="offset points", va="center", fontsize=9, color="#333333")
    ax.set_yticks(range(n), list(table["label"])[::-1])
    ax.set_ylim(-0.7, n - 0.3)
    if log:
        ax.set_xscale("log")
    ax.xaxis.set_major_formatter(NUMBER_FORMAT)
    ax.grid(axis="y", visible=False)


def ranges_chart(table: pd.DataFrame, *, title: str, xlabel: str, log: bool = False,
                 colors=None, legend_color=None, width: float = 8.0, groups: dict | None = None):
    """A single-axis chart of figures that share a unit, with their ranges.

    ``groups`` (label → colour) adds a legend of what the colours mean.
    """
    fig, ax = plt.subplots(figsize=(width, 0.55 * len(table) + 1.6))
    draw_ranges(ax, table, colors=colors, log=log)
    lo = table["low"].min()
    hi = table["high"].max()
    if log:
        ax.set_xlim(lo / 2, hi * 4)
    else:
        ax.set_xlim(0, hi * 1.3)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    _legend_below(fig, legend_color or style.EXACT_COLOR, groups)
    return fig


def _legend_below(fig, color, groups: dict | None = None) -> None:
    """The range legend (and the colour groups) in a strip of fixed height under the axes."""
    handles = _legend_handles(color)
    handles += [Patch(facecolor=c, label=g) for g, c in (groups or {}).items()]
    rows = -(-len(handles) // 3)
    height = fig.get_figheight()
    fig.legend(handles=handles, loc="lower center", ncol=3, bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, (0.2 + 0.25 * rows) / height, 1, 1))


def timeline_chart(events: pd.DataFrame, *, title: str):
    """Events on a time axis: ``date`` (Timestamp), ``when`` (the date as written, e.g. 2014-02),
    ``label``, ``group`` (colour key)."""
    events = events.sort_values("date").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9.0, 0.42 * len(events) + 1.8))
    groups = list(dict.fromkeys(events["group"]))
    palette = {g: style.PALETTE[i] for i, g in enumerate(groups)}
    n = len(events)
    first, last = events["date"].min(), events["date"].max()
    middle = first + (last - first) / 2
    for i, row in events.iterrows():
        y = n - 1 - i
        right = row["date"] < middle  # early events labelled to the right, late ones to the left
        ax.plot(row["date"], y, "o", color=palette[row["group"]], markersize=7, zorder=3)
        ax.annotate(f"{row['when']}  {row['label']}", (row["date"], y),
                    xytext=(8 if right else -8, 0), textcoords="offset points", va="center",
                    ha="left" if right else "right", fontsize=9)
    ax.set_yticks([])
    ax.set_ylim(-0.8, n - 0.2)
    span = last - first
    ax.set_xlim(first - span * 0.03, last + span * 0.03)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel(t("年份"))
    ax.grid(axis="y", visible=False)
    ax.set_title(title)
    ax.legend(handles=[Line2D([], [], color=palette[g], marker="o", ls="none", label=g)
                       for g in groups], loc="center left")
    return fig


def _wrap(name: str) -> str:
    """Break a long name to fit a cell: by characters in Chinese, by words in English."""
    if any("\u4e00" <= c <= "\u9fff" for c in name):
        lines = -(-len(name) // 16)  # at most 16 characters a line, lines of even length
        width = -(-len(name) // lines)
        return "\n".join(name[i:i + width] for i in range(0, len(name), width))
    return textwrap.fill(name, 30)


def _wrap_label(label: str) -> str:
    """Wrap each line of a row label (the first line is the name, later ones dates)."""
    name, *rest = label.split("\n")
    return "\n".join([_wrap(name), *rest])


def roles_chart(items: pd.DataFrame, *, title: str, roles: list[str], provinces: list[str]):
    """Who did what, by province: one row per role, one column per province, names in cells.

    ``items`` has role, province, name (display text).
    """
    fig, ax = plt.subplots(figsize=(9.5, 1.25 * len(roles) + 1.2))
    for i, role in enumerate(roles):
        y = len(roles) - 1 - i
        for j, prov in enumerate(provinces):
            names = items[(items["role"] == role) & (items["province"] == prov)]["name"].tolist()
            color = style.PALETTE[j]
            ax.add_patch(plt.Rectangle((j + 0.03, y + 0.06), 0.94, 0.88, color=color,
                                       alpha=0.15 if names else 0.04, linewidth=0))
            shown = ("\n".join(_wrap(n) for n in names) if len(names) == 1
                     else "\n".join("· " + _wrap(n).replace("\n", "\n  ") for n in names)) or "—"
            ax.text(j + 0.5, y + 0.5, shown, ha="center", va="center", fontsize=9,
                    linespacing=1.3)
    ax.set_xlim(0, len(provinces))
    ax.set_ylim(0, len(roles))
    ax.set_xticks([j + 0.5 for j in range(len(provinces))], provinces)
    ax.set_yticks([len(roles) - 1 - i + 0.5 for i in range(len(roles))], roles)
    ax.tick_params(length=0)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.xaxis.tick_top()
    ax.set_title(title, pad=28)
    return fig


def pipeline_chart(steps: pd.DataFrame, *, title: str, xlabel: str, color=None):
    """Successive stages (``label``, ``value``) as bars, each with its ratio to the previous one
    (``ratio``: text, empty for the first)."""
    color = color or style.EXACT_COLOR
    n = len(steps)
    fig, ax = plt.subplots(figsize=(8.0, 0.8 * n + 1.4))
    for i, row in enumerate(steps.itertuples()):
        y = n - 1 - i
        ax.barh(y, row.value, height=0.6, color=color, alpha=0.85)
        ax.annotate(text.num(row.value), (row.value, y), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=11)
        if row.ratio:
            ax.annotate(row.ratio, (0, y + 0.5), xytext=(6, 0), textcoords="offset points",
                        va="center", fontsize=9, color="#555555", style="italic")
    ax.set_yticks(range(n), list(steps["label"])[::-1])
    ax.set_xlim(0, steps["value"].max() * 1.2)
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_formatter(NUMBER_FORMAT)
    ax.grid(axis="y", visible=False)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def stacked_chart(counts: pd.DataFrame, *, title: str, xlabel: str, colors: dict):
    """Rows of ``counts`` as stacked horizontal bars, one segment per column."""
    fig, ax = plt.subplots(figsize=(8.0, 0.5 * len(counts) + 1.8))
    left = pd.Series(0.0, index=counts.index)
    labels = list(counts.index)[::-1]
    for col in counts.columns:
        values = counts[col].reindex(labels)
        ax.barh(labels, values, left=left.reindex(labels), color=colors[col], label=col, height=0.6)
        left = left.add(counts[col], fill_value=0)
    ax.set_xlabel(xlabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", visible=False)
    ax.set_title(title)
    fig.legend(loc="lower center", ncol=len(counts.columns), bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, 0.45 / fig.get_figheight(), 1, 1))
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
    sizes = [int((table["unit"] == u).sum()) for u in units]
    fig, axes = plt.subplots(len(units), 1, figsize=(8.5, 0.75 * sum(sizes) + 1.0 * len(units) + 1.0),
                             gridspec_kw={"height_ratios": [n + 0.8 for n in sizes]}, squeeze=False)
    for ax, unit in zip(axes[:, 0], units, strict=True):
        rows = table[table["unit"] == unit]
        draw_ranges(ax, rows, colors=rows["_color"])
        ax.set_xlim(0, rows["high"].max() * 1.45)
        ax.set_xlabel(unit, fontsize=10, labelpad=2)
    fig.suptitle(title, x=0.01, ha="left", fontsize=13)
    _legend_below(fig, colors[0] if len(set(map(str, colors))) == 1 else "#555555")
    return fig


def widths_chart(table: pd.DataFrame, *, title: str, xlabel: str, colors: dict, legend: dict):
    """Relative width of each range (``width_pct``), one bar per row, on a log axis.

    ``colors`` maps each row's ``qualifier`` to a colour, ``legend`` maps qualifier → label.
    """
    n = len(table)
    fig, ax = plt.subplots(figsize=(9.0, 0.42 * n + 1.9))
    for i, row in enumerate(table.itertuples()):
        y = n - 1 - i
        ax.barh(y, row.width_pct, height=0.6, color=colors[row.qualifier])
        ax.annotate(f"{text.pct(row.width_pct)}%", (row.width_pct, y), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.set_yticks(range(n), list(table["label"])[::-1])
    ax.set_xscale("log")
    ax.set_xlim(table["width_pct"].min() / 3, table["width_pct"].max() * 4)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{text.num(x)}%"))
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.set_title(title)
    handles = [Patch(facecolor=colors[q], label=lab) for q, lab in legend.items()
               if q in set(table["qualifier"])]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, 0.45 / fig.get_figheight(), 1, 1))
    return fig


def shares_chart(table: pd.DataFrame, *, title: str, xlabel: str, color=None):
    """Shares with two readings of 多: a light band for the project's wide reading
    (``low``–``high``), a dark band inside it for the tight one (``low_tight``–``high_tight``),
    the number as written as a tick; one row per share, on a linear axis from 0 to 100 % (a share
    is a part of a whole: its bars start at their lower bound, never at a baseline)."""
    color = color or style.EXACT_COLOR
    n = len(table)
    fig, ax = plt.subplots(figsize=(9.5, 0.62 * n + 2.0))
    draw_ranges(ax, table, colors=[color] * n, suffix="%")
    for i, row in enumerate(table.itertuples()):  # the tight reading inside the wide band
        if row.low < row.high:
            ax.barh(n - 1 - i, max(row.high_tight - row.low_tight, 1e-9), left=row.low_tight,
                    height=0.5, color=color, alpha=0.85, linewidth=0, zorder=2)
    ax.set_yticks(range(n), [_wrap_label(lab) for lab in table["label"]][::-1], fontsize=9)
    ax.set_xlim(0, 125)
    ax.set_xticks(range(0, 101, 25))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{text.num(x)}%"))
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.set_title(title)
    wide = t("本项目的读法：N多 = [N, N+u)，u 为末位非零数字的位值")
    tight = t("窄读法：N多 = [N, N+u/10)")
    handles = [Patch(facecolor=color, alpha=RANGE_ALPHA, label=wide),
               Patch(facecolor=color, alpha=0.85, label=tight)]
    fig.legend(handles=handles, loc="lower center", ncol=1, bbox_to_anchor=(0.5, 0.0))
    fig.tight_layout(rect=(0, 0.75 / fig.get_figheight(), 1, 1))
    return fig


def campaign_chart(points: pd.DataFrame, origin: pd.DataFrame, *, frame: tuple, campaign: tuple,
                   title: str, ylabel: str, origin_title: str, xlabel: str, color):
    """What the poverty figures are: the article's ten-year frame against the campaign's period,
    with every snapshot a source gives (``points``: ``start``, ``end`` Timestamps, ``value``,
    ``label``, ``cumulative``: a running total is a dot at its date, a single year's flow a bar
    over its year), and who did the projects at one snapshot (``origin``: ``label``, ``value``,
    ``color``). The years before the first snapshot are left empty: no source gives them."""
    fig, (ax, bx) = plt.subplots(2, 1, figsize=(7.2, 7.0), height_ratios=(3, 0.9))
    ax.axvspan(*frame, color="#dddddd", alpha=0.5, lw=0, label=t("报道的“十年来”"))
    ax.axvspan(*campaign, color=color, alpha=0.18, lw=0, label=t("行动的时期（来源）"))
    for row in points.itertuples():
        if row.cumulative:
            ax.plot(row.end, row.value, "o", color=color, markersize=8, zorder=3)
        else:
            ax.plot([row.start, row.end], [row.value, row.value], color=color, lw=5, alpha=0.6,
                    solid_capstyle="butt", zorder=3)
        ax.annotate(row.label, (row.end, row.value), xytext=(6, 6), textcoords="offset points",
                    fontsize=10, color="#333333", ha="left" if row.end < campaign[1] else "right")
    first = points["end"].min()
    ax.annotate(t("此前：没有来源"), (frame[0] + (first - frame[0]) / 2, points["value"].max() * 0.5),
                ha="center", fontsize=10, color="#666666")
    ax.set_xlim(frame[0] - pd.Timedelta(days=120), frame[1] + pd.Timedelta(days=120))
    ax.set_ylim(0, points["value"].max() * 1.25)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.yaxis.set_major_formatter(NUMBER_FORMAT)
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper left", ncol=1)
    ax.set_title(title)
    left, total = 0, origin["value"].sum()
    handles = []
    for row in origin.itertuples():
        bx.barh(0, row.value, left=left, color=row.color, height=0.6)
        if row.value / total > 0.12:  # the number inside the segment where it fits
            bx.annotate(text.num(row.value), (left + row.value / 2, 0), ha="center", va="center",
                        fontsize=10, color="white")
        handles.append(Patch(facecolor=row.color, label=f"{row.label} {text.num(row.value)}"))
        left += row.value
    bx.set_xlim(0, left)
    bx.set_yticks([])
    bx.xaxis.set_major_formatter(NUMBER_FORMAT)
    bx.set_xlabel(xlabel)
    bx.grid(axis="y", visible=False)
    bx.set_title(origin_title, fontsize=11)
    bx.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.55), ncol=2)
    fig.tight_layout()
    return fig
