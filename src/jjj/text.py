"""Numbers in prose, rendered from the data (never typed in a markdown cell), in zh or en."""

from __future__ import annotations

import math

import pandas as pd

from jjj import config


def lang() -> str:
    return config.lang()


def pick(zh: str, en: str) -> str:
    """The text of the edition being built."""
    return zh if lang() == "zh" else en


def num(x: float, lang_: str | None = None, digits: int = 4) -> str:
    """A readable number: 21.88亿 / 2.19 billion, 280万 / 2.8 million, 6,300, 3.5, 0.42.

    ``digits`` is the number of significant digits kept for 万/亿 and million/billion.
    """
    lang_ = lang_ or lang()
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    ax = abs(x)
    if lang_ == "zh":
        if ax >= 1e8:
            return f"{x / 1e8:.{digits}g}亿"
        if ax >= 1e5:
            return f"{x / 1e4:.{digits}g}万"
    else:
        if ax >= 1e9:
            return f"{x / 1e9:.{digits - 1}g} billion"
        if ax >= 1e6:
            return f"{x / 1e6:.{digits - 1}g} million"
    if ax >= 100:
        return f"{x:,.0f}"
    if ax >= 10:
        return f"{x:.3g}" if x != round(x) else f"{x:.0f}"
    return f"{x:.2g}" if x != round(x) else f"{x:.0f}"


def interval(low: float, high: float, lang_: str | None = None) -> str:
    """``low–high``, or one number when the bounds meet; enough digits to tell them apart."""
    if low == high:
        return num(low, lang_)
    for digits in range(4, 9):
        a, b = num(low, lang_, digits), num(high, lang_, digits)
        if a != b:
            return f"{a}–{b}"
    return f"{a}–{b}"


def label(row: pd.Series | dict) -> str:
    return row["label_zh"] if lang() == "zh" else row["label_en"]


def say(zh: str, en: str) -> None:
    """Display a finding as Markdown, in the edition's language."""
    from IPython.display import Markdown, display

    display(Markdown(pick(zh, en)))


def quote(text: str, start: int, end: int) -> str:
    """A source sentence as a Markdown quote with its offsets."""
    return f"> {text[start:end].strip()}  \n> <small>[{start}:{end}]</small>"
