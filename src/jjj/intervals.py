"""Interval arithmetic for figures with bounds.

A figure such as 6300多家 is the interval [6300, 6400) with the stated point 6300. Derived metrics
(funds per project, projects per year …) propagate the bounds: each operation takes the extreme
combinations of the operands' bounds, so the result holds every value the inputs allow. The
point value is computed from the stated points. The operands are assumed independent (the
article gives no joint information), which is the widest, honest reading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Interval:
    low: float
    value: float
    high: float

    def __post_init__(self):
        tol = 1e-9 * max(1.0, abs(self.low), abs(self.high))
        if self.low > self.high or (not math.isnan(self.value)
                                    and not (self.low - tol <= self.value <= self.high + tol)):
            raise ValueError(f"not an interval: low={self.low}, value={self.value}, high={self.high}")

    @classmethod
    def exact(cls, x: float) -> Interval:
        return cls(float(x), float(x), float(x))

    @property
    def is_bound(self) -> bool:
        """A range with no point value: only its bounds are known (a share "at most 35%")."""
        return math.isnan(self.value)

    @classmethod
    def of(cls, row: pd.Series | dict) -> Interval:
        """The interval of a row of figures.csv (or of any table with low, value, high)."""
        return cls(float(row["low"]), float(row["value"]), float(row["high"]))

    @property
    def is_exact(self) -> bool:
        return self.low == self.high

    @property
    def width(self) -> float:
        return self.high - self.low

    def _combine(self, other: Interval | float, op) -> Interval:
        other = other if isinstance(other, Interval) else Interval.exact(other)
        corners = [op(a, b) for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(corners), op(self.value, other.value), max(corners))

    def __add__(self, other):
        return self._combine(other, lambda a, b: a + b)

    def __sub__(self, other):
        other = other if isinstance(other, Interval) else Interval.exact(other)
        return Interval(self.low - other.high, self.value - other.value, self.high - other.low)

    def __mul__(self, other):
        return self._combine(other, lambda a, b: a * b)

    def __truediv__(self, other):
        other = other if isinstance(other, Interval) else Interval.exact(other)
        if other.low <= 0 <= other.high:
            raise ZeroDivisionError(f"divisor interval {other} contains 0")
        return self._combine(other, lambda a, b: a / b)

    def __rtruediv__(self, other):
        return Interval.exact(other) / self

    __radd__ = __add__
    __rmul__ = __mul__

    def clip(self, low: float = -math.inf, high: float = math.inf) -> Interval:
        """Bound the interval by what is logically possible (a share cannot exceed 1)."""
        lo, hi = max(self.low, low), min(self.high, high)
        return Interval(lo, self.value if self.is_bound else min(max(self.value, lo), hi), hi)

    def as_dict(self) -> dict:
        return {"value": self.value, "low": self.low, "high": self.high}
