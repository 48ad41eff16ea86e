"""Interval arithmetic for figures with bounds.

A figure such as 6300多家 is the interval [6300, 6400) with the stated point 6300. Derived metrics
(funds per project, projects per year …) propagate the bounds: each operation takes the extreme
combinations of the operands' bounds, so the result holds every value the inputs allow. The
point value is computed from the stated points. Operands are independent (the article gives no
joint information), which is the widest, honest reading, except for one case the arithmetic
knows: an interval that is **one figure times factors independent of it** (``named``: 约21.88亿元
over the campaign's years) divided by the same figure times other factors gives the quotient of
the factors exactly, since the figure cancels. Treating the two readings of one figure as
independent would widen the result for nothing (the funds per year over the campaign's years
against the same funds over ten years is exactly 10 / the campaign's years).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd


@dataclass(frozen=True)
class Interval:
    low: float
    value: float
    high: float
    # When set, this interval is the figure ``ref`` times ``factor`` (an interval independent of it)
    ref: str | None = field(default=None, compare=False)
    factor: Interval | None = field(default=None, compare=False, repr=False)
    # The significant digits its least precise rounded input had (约21.88亿: 4); None when every
    # input was exact or a bound (多, 余, 近 say where a range ends, not how it was rounded)
    digits: int | None = field(default=None, compare=False)

    def __post_init__(self):
        tol = 1e-9 * max(1.0, abs(self.low), abs(self.high))
        if self.low > self.high or (not math.isnan(self.value)
                                    and not (self.low - tol <= self.value <= self.high + tol)):
            raise ValueError(f"not an interval: low={self.low}, value={self.value}, high={self.high}")

    @classmethod
    def exact(cls, x: float) -> Interval:
        return cls(float(x), float(x), float(x))

    def named(self, ref: str) -> Interval:
        """This interval as the reading of the figure ``ref``: quotients of two intervals that
        are each ``ref`` times independent factors cancel it exactly."""
        return Interval(self.low, self.value, self.high, ref, Interval.exact(1.0), self.digits)

    def rounded_input(self, value: float, qualifier: str) -> Interval:
        """This interval with the precision of a number the writer rounded (约, 左右, or a round
        bound: 以上, 超过): the significant digits of its stated value. Any other reading keeps
        none."""
        if qualifier in ROUNDED and self.low != self.high:
            return Interval(self.low, self.value, self.high, self.ref, self.factor, significant(value))
        return self

    @property
    def is_bound(self) -> bool:
        """A range with no point value: only its bounds are known (a share "at most 35%")."""
        return math.isnan(self.value)

    @classmethod
    def of(cls, row: pd.Series | dict) -> Interval:
        """The interval of a row of figures.csv (or of any table with low, value, high, and
        optionally the ``digits`` of derived.csv)."""
        return cls(float(row["low"]), float(row["value"]), float(row["high"]),
                   digits=stored_digits(row.get("digits")))

    @property
    def is_exact(self) -> bool:
        return self.low == self.high

    @property
    def width(self) -> float:
        return self.high - self.low

    def _combine(self, other: Interval | float, op) -> Interval:
        other = other if isinstance(other, Interval) else Interval.exact(other)
        corners = [op(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(corners), op(self.value, other.value), max(corners),
                        digits=_fewest(self, other))

    def __add__(self, other):
        # a sum's precision is the place of its coarsest term, which its range already shows:
        # the rule on significant digits is for products and quotients
        out = self._combine(other, lambda a, b: a + b)
        return Interval(out.low, out.value, out.high)

    def __sub__(self, other):
        other = other if isinstance(other, Interval) else Interval.exact(other)
        return Interval(self.low - other.high, self.value - other.value, self.high - other.low)

    def __mul__(self, other):
        other = other if isinstance(other, Interval) else Interval.exact(other)
        out = self._combine(other, lambda a, b: a * b)
        if self.ref and not other.ref:
            return Interval(out.low, out.value, out.high, self.ref, self.factor * other, out.digits)
        if other.ref and not self.ref:
            return Interval(out.low, out.value, out.high, other.ref, self * other.factor, out.digits)
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Interval) else Interval.exact(other)
        if other.low <= 0 <= other.high:
            raise ZeroDivisionError(f"divisor interval {other} contains 0")
        if self.ref and self.ref == other.ref:  # (F × a) / (F × b) = a / b: F cancels
            exact = self.factor / other.factor
            return Interval(exact.low, self.value / other.value, exact.high, digits=exact.digits)
        out = self._combine(other, lambda a, b: a / b)
        if self.ref and not other.ref:
            return Interval(out.low, out.value, out.high, self.ref, self.factor / other, out.digits)
        return out

    def __rtruediv__(self, other):
        return Interval.exact(other) / self

    __radd__ = __add__
    __rmul__ = __mul__

    def clip(self, low: float = -math.inf, high: float = math.inf) -> Interval:
        """Bound the interval by what is logically possible (a share cannot exceed 1)."""
        lo, hi = max(self.low, low), min(self.high, high)
        return Interval(lo, self.value if self.is_bound else min(max(self.value, lo), hi), hi,
                        digits=self.digits)

    def as_dict(self) -> dict:
        return {"value": self.value, "low": self.low, "high": self.high}


# Qualifiers of a number the writer rounded (约, 左右) or gave as a round bound (4.46亿以上,
# 超过89万): its significant digits are all it says
ROUNDED = ("约", "左右", "以上", "超过", "超", "逾")


def significant(x: float) -> int:
    """The significant digits of a number as written: 2188000000 (21.88亿) → 4, 300 → 1,
    0.25 → 2 (trailing zeros of a whole number do not count)."""
    return len(Decimal(repr(float(x))).normalize().as_tuple().digits)


def stored_digits(x) -> int | None:
    """A ``digits`` value as a table stores it (derived.csv: a number, or empty for none) as
    the significant digits an interval may show, or None."""
    return None if x is None or x == "" or pd.isna(x) else int(x)


def _fewest(a: Interval, b: Interval) -> int | None:
    given = [d for d in (a.digits, b.digits) if d is not None]
    return min(given) if given else None
