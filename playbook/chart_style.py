"""The look every chart shares: palette colours, clean axes, wrapped titles, labelled bars.

Used by :mod:`playbook.charts`. Colours come only from :mod:`playbook.palette` (never
matplotlib's defaults); axes have no top or right spine and a light grid behind the data; a
title longer than the figure is wide wraps onto a second line; bars carry their values,
written with :mod:`playbook.formatting` as the axis measures them (money, percentages, counts,
ratios); an axis that measures an amount starts at zero.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
from cycler import cycler
from matplotlib.ticker import FuncFormatter, MaxNLocator

from playbook.formatting import MINUS, Unit, fmt_int, fmt_money, fmt_percent, fmt_ratio
from playbook.palette import GRID, MUTED, SEQUENTIAL, SERIES, TEXT

#: How a chart's values are written: the kinds :func:`value_text` knows.
MONEY, PERCENT, COUNT, RATIO = "money", "percent", "count", "ratio"

THEME = {
    "text.parse_math": False,  # client names may contain "$": never read them as mathtext
    "axes.prop_cycle": cycler(color=list(SERIES)),
    "image.cmap": SEQUENTIAL,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": MUTED,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": GRID,
    "grid.linewidth": 0.8,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.titlecolor": TEXT,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "figure.titlesize": 13,
    "figure.titleweight": "bold",
    "legend.frameon": False,
}


def apply_theme() -> None:
    """Set the shared look as matplotlib's defaults (done when :mod:`playbook.charts` loads)."""
    plt.rcParams.update(THEME)


def clean_axes(ax, grid: str = "y") -> None:
    """No top/right spine, a light grid on ``grid`` ("x", "y" or "" for none) behind the data."""
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(False)
    if grid:
        ax.grid(True, axis=grid, color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)


def wrap(text: str, width_inches: float, fontsize: float = 13) -> str:
    """``text`` wrapped to fit ``width_inches`` at ``fontsize`` points (about 0.55 em a
    character), so a long finding-as-title never runs off the figure."""
    chars = max(20, int(width_inches * 72 / (fontsize * 0.55)))
    return textwrap.fill(str(text), chars, break_long_words=False)


def set_title(ax, title: str, fontsize: float = 12) -> None:
    """An axes title, wrapped to the axes' width."""
    width = ax.get_position().width * ax.figure.get_figwidth()
    ax.set_title(wrap(title, width, fontsize), fontsize=fontsize)


def set_suptitle(fig, title: str, fontsize: float = 13) -> None:
    """A figure title, wrapped to the figure's width."""
    fig.suptitle(wrap(title, fig.get_figwidth() * 0.95, fontsize), fontsize=fontsize)


def value_text(value: float, kind: str, currency: str = "") -> str:
    """A value as a bar label: money with its currency (or thousands separators when the
    currency is not known), a share 0–1 as a percentage, a count with separators, a ratio
    with two decimals (a whole number without them)."""
    if kind == MONEY:
        return fmt_money(value, currency) if currency else fmt_int(round(value))
    if kind == PERCENT:
        return fmt_percent(value)
    if kind == COUNT or float(value).is_integer():
        return fmt_int(round(value))
    return fmt_ratio(value)


def compact(value: float) -> str:
    """An axis tick for an amount: ``1.2M``, ``350k``, ``900``, ``−50k``."""
    size = abs(value)
    if size >= 1e6:
        text = f"{size / 1e6:,.1f}M"
    elif size >= 1e3:
        text = f"{size / 1e3:,.0f}k"
    else:
        text = f"{size:,.0f}"
    return f"{MINUS}{text}" if value < 0 and text.strip("0.,Mk") else text


def amount_axis(ax, kind: str, axis: str = "y", currency: str = "") -> None:
    """Tick labels of ``axis`` written for ``kind`` (money compact, with the currency as the
    axis label when the axis has none; percentages; counts), about five ticks."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    if kind == MONEY:
        fmt = FuncFormatter(lambda v, _: compact(v))
        if currency and not target.get_label_text():
            target.set_label_text(currency, fontsize=8, color=MUTED)
    elif kind == PERCENT:
        fmt = FuncFormatter(lambda v, _: fmt_percent(v, 0))
    else:
        fmt = FuncFormatter(lambda v, _: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}")
    target.set_major_formatter(fmt)
    target.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10], integer=kind == COUNT))


def from_zero(ax, axis: str = "y", values=()) -> None:
    """The amount axis starts at zero (or below it, for negative values), with room beyond
    the largest values for the bar labels."""
    low, high = ax.get_ylim() if axis == "y" else ax.get_xlim()
    data = [float(v) for v in values if v == v]  # NaN-free
    low = min([0.0, *data]) * 1.18 if data else min(0.0, low)
    top = max([0.0, *data]) if data else high
    high = max(high, top * 1.18) if top > 0 else max(high, 0)
    if axis == "y":
        ax.set_ylim(low, high if high > low else low + 1)
    else:
        ax.set_xlim(low, high if high > low else low + 1)


def label_bars(ax, container, values, kind: str, currency: str = "", fontsize: float = 8) -> None:
    """Write each bar's value at its end (a missing value is left unlabelled)."""
    texts = ["" if v != v else value_text(v, kind, currency) for v in values]
    ax.bar_label(container, labels=texts, padding=3, fontsize=fontsize, color=TEXT)


def readable_on(colour_rgba) -> str:
    """Black or white text, whichever reads on a fill colour (by its luminance)."""
    r, g, b = colour_rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "white"


def kind_of(unit: str) -> str:
    """The value kind of a metric's unit (money, percent, or a plain number)."""
    if unit == Unit.MONEY:
        return MONEY
    return PERCENT if str(unit) in ("percent", "share") else RATIO


def panels(n: int, height: float, title: str, empty: list[str]):
    """A figure of ``n`` panels, three a row, titled ``title``; the metrics in ``empty`` (no
    data) are named in a note under it."""
    cols = 3
    rows = max(1, -(-n // cols))
    fig, axes = plt.subplots(rows, cols, figsize=(13, height * rows), squeeze=False)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    set_suptitle(fig, title)
    if empty:
        fig.text(
            0.01,
            0.005,
            "Not computable from the tables supplied: " + ", ".join(empty),
            fontsize=8,
            color=MUTED,
            ha="left",
            va="bottom",
            wrap=True,
        )
    return fig, axes


def finish(fig, note: bool = False):
    """Lay the figure out, leaving room at the bottom for a note under the chart."""
    fig.tight_layout(rect=(0, 0.04 if note else 0, 1, 1))
    return fig


def quadrant_frame(ax, midpoint: float, labels: dict) -> None:
    """The dividing lines of a 1–5 interest/influence grid and its four quadrant names."""
    ax.axvline(midpoint - 0.5, color=MUTED, linewidth=1)
    ax.axhline(midpoint - 0.5, color=MUTED, linewidth=1)
    corners = {
        (True, True): (5.4, 5.4, "right", "top"),
        (True, False): (0.6, 5.4, "left", "top"),
        (False, True): (5.4, 0.6, "right", "bottom"),
        (False, False): (0.6, 0.6, "left", "bottom"),
    }
    for key, (x, y, ha, va) in corners.items():
        ax.text(x, y, labels[key], ha=ha, va=va, fontsize=10, color=MUTED, weight="bold")
