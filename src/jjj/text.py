"""Numbers in prose, rendered from the data (never typed in a markdown cell), and sentences in
the edition's language (written in Chinese, translated in the catalog: ``jjj.i18n``)."""

from __future__ import annotations

import math

import pandas as pd

from jjj import config
from jjj.i18n import t


def lang() -> str:
    return config.lang()


def in_lang(table, base: str, lang_: str | None = None):
    """``base`` in the edition's language (or ``lang_``): the column (of a table), or the value
    (of a row or dict), named ``base_zh`` or ``base_en``, or ``base`` itself where the table names
    one language's plainly (``publisher`` and ``publisher_en``, ``reason`` and ``reason_zh``).
    The one way to pick a column or a label by language."""
    name = f"{base}_{lang_ or lang()}"
    return table[name if name in table.keys() else base]


SIGNIFICANT = 4  # digits of an exact number (a bound that meets its other bound) at most


def step(low: float, high: float, digits: int | None = None) -> float:
    """The place value of the last digit a number with these bounds may show.

    The one rounding rule of the project, for prose, tables and charts alike: one decade below
    the width of the range, so a range shows about two significant digits of its own width; an
    exact value at most four significant digits; and a number derived from a rounded figure
    (``digits``: the significant digits of its least precise rounded input, 约21.88亿 has four)
    no more significant digits than that input had, so 21.88亿 over 5367 projects is
    40.75万–40.78万 per project, not 40.758万–40.777万.
    """
    if math.isinf(high):  # a one-sided range: its digits are those of the bound it has
        high = low
    width = abs(high - low)
    ref = width if width > 0 else max(abs(low), abs(high))
    if ref == 0 or not math.isfinite(ref):
        return 1.0
    s = 10.0 ** (math.floor(math.log10(ref)) - (1 if width > 0 else SIGNIFICANT - 1))
    return max(s, _cap(low, high, digits))


def _cap(low: float, high: float, digits: int | None) -> float:
    """The place of the last of ``digits`` significant digits of the range's larger end."""
    top = max(abs(low), abs(high) if math.isfinite(high) else 0)
    if not digits or top == 0:
        return 0.0
    return 10.0 ** (math.floor(math.log10(top)) - digits + 1)


def rounded(low: float, value: float, high: float, digits: int | None = None) -> tuple[float, float, float]:
    """``(low, value, high)`` rounded by :func:`step`: bounds outward, value to the nearest step
    and kept inside the rounded bounds."""
    s = step(low, high, digits)
    lo = math.floor(low / s + 1e-9) * s
    if math.isinf(high):  # a one-sided range: round the bound it has
        return lo, value if value is None or math.isnan(value) else max(value, lo), high
    hi = math.ceil(high / s - 1e-9) * s
    v = value if value is None or math.isnan(value) else min(max(round(value / s) * s, lo), hi)
    return lo, v, hi


def _decimals(x: float, s: float, group: str = ",", zeros: bool = False) -> str:
    """``x`` (a multiple of ``s``) with the decimals ``s`` implies; trailing zeros dropped,
    unless ``zeros`` (the end of a range keeps its last digit: 23.9万–24.0万)."""
    places = max(0, -math.floor(math.log10(s) + 1e-9)) if s < 1 else 0
    out = f"{x:{group}.{places}f}"
    return out.rstrip("0").rstrip(".") if "." in out and not zeros else out


def num(x: float, lang_: str | None = None, s: float | None = None, zeros: bool = False) -> str:
    """A number as a reader writes it: 21.88亿 / 2.188 billion, 28万 / 280,000, 6,300, 0.42.

    ``s`` is the place value of the last digit to show (default: four significant digits). In
    Chinese 万 and 亿 take over from 10,000 and 100,000,000, so an axis never mixes 10,000 and
    10万.
    """
    lang_ = lang_ or lang()
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if x == 0:
        return "0"
    if s is None:
        s = step(x, x)
    ax = abs(x)
    if lang_ == "zh":
        for scale, word in ((1e8, "亿"), (1e4, "万")):
            if ax >= scale:
                return _decimals(round(x / s) * s / scale, s / scale, "", zeros) + word
    else:
        for scale, word in ((1e9, " billion"), (1e6, " million")):
            if ax >= scale:
                return _decimals(round(x / s) * s / scale, s / scale, ",", zeros) + word
    return _decimals(round(x / s) * s, s, ",", zeros)


def interval(low, high: float | None = None, lang_: str | None = None, digits: int | None = None) -> str:
    """``low–high`` rounded by the project's rule (:func:`rounded`), or one number when the
    bounds meet. Every range in prose, tables and chart labels goes through here. ``low`` may
    be an :class:`~jjj.intervals.Interval`, which brings its bounds and its ``digits``."""
    if high is None:
        low, high, digits = low.low, low.high, low.digits
    if low == high:
        return num(low, lang_)
    lo, _, hi = rounded(low, low, high, digits)
    if math.isinf(high):
        return f"≥{num(lo, lang_)}"
    s = step(low, high, digits)
    exact = _is_multiple(low, s) and _is_multiple(high, s)
    finer = _is_multiple(low, s / 10) and _is_multiple(high, s / 10) and s / 10 >= _cap(low, high, digits)
    if finer and not exact:
        # bounds that are round one digit finer (1000 and 2350 on a step of 100) are shown as
        # they are, rather than widened to 2400
        lo, hi, s = low, high, s / 10
    # an end keeps its last zero only where the other end needs that digit (23.9万–24.0万, 25–30)
    zeros = not (_is_multiple(lo, s * 10) and _is_multiple(hi, s * 10))
    return f"{num(lo, lang_, s, zeros)}–{num(hi, lang_, s, zeros)}"


def _is_multiple(x: float, s: float) -> bool:
    return abs(x / s - round(x / s)) < 1e-9


def point(low: float, value: float, high: float, lang_: str | None = None,
          digits: int | None = None) -> str:
    """The point value of a range, with no more digits than the range and its inputs support."""
    if value is None or math.isnan(value):
        return "–"
    _, v, _ = rounded(low, value, high, digits)
    return num(v, lang_, step(low, high, digits))


def pct(x: float) -> str:
    """A percentage with two significant digits (4.9, 33, 0.046), the most a share needs."""
    if x is None or math.isnan(x) or x == 0:
        return "–" if x is None or math.isnan(x) else "0"
    return num(x, "en", 10.0 ** (math.floor(math.log10(abs(x))) - 1))


def label(row: pd.Series | dict) -> str:
    return row["label_zh"] if lang() == "zh" else row["label_en"]


def say(message: str, **values) -> None:
    """Display a finding as Markdown: the message (Chinese, the catalog's msgid) translated into
    the edition's language, its ``{placeholders}`` filled from ``values``."""
    from IPython.display import Markdown, display

    display(Markdown(t(message, **values)))


def quote(text: str, start: int, end: int) -> str:
    """A source sentence as a Markdown quote with its offsets."""
    return f"> {text[start:end].strip()}  \n> <small>[{start}:{end}]</small>"
