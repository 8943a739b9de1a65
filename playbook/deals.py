"""Shared concepts of the deal table, defined once for every trend.

The reporting window is the only one here so far; the other shared deal concepts (partner deal,
program revenue, open pipeline, attribution credit) live beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class ReportingWindow:
    """The reporting window: the ``months`` calendar months ending with the as-of date's month,
    cut at the as-of date itself. ``start`` is the first day of the first month (00:00) and
    ``end`` the as-of date; both days are inside the window."""

    start: pd.Timestamp
    end: pd.Timestamp
    months: int

    @classmethod
    def ending(cls, as_of, months: int) -> ReportingWindow:
        """The window of ``months`` calendar months ending with ``as_of`` (cut at ``as_of``)."""
        end = pd.Timestamp(as_of).normalize()
        start = (end.to_period("M") - (int(months) - 1)).start_time.normalize()
        return cls(start, end, int(months))

    def __iter__(self):
        """``start, end = window`` unpacks the two bounds."""
        return iter((self.start, self.end))

    def contains(self, dates: pd.Series) -> pd.Series:
        """True where a date falls inside the window (both ends included); blank dates False."""
        return dates.notna() & (dates >= self.start) & (dates <= self.end)

    @property
    def label(self) -> str:
        """``YYYY-MM-DD to YYYY-MM-DD``, the one way a window is written in reports."""
        return f"{self.start.date()} to {self.end.date()}"


def window(as_of, months: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``(start, end)`` of :meth:`ReportingWindow.ending` (``months`` calendar months ending with
    ``as_of``'s month, cut at ``as_of`` itself)."""
    return tuple(ReportingWindow.ending(as_of, months))
