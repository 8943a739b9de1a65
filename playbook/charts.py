"""Matplotlib charts shared by the notebooks. Each function returns a ``Figure``."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter, NullFormatter

from playbook.formatting import Unit

# Client names may contain "$": never let matplotlib read them as mathtext.
plt.rcParams["text.parse_math"] = False


def _money_axis(ax, axis: str = "y") -> None:
    fmt = FuncFormatter(
        lambda v, _: (
            f"{v / 1e6:,.1f}M"
            if abs(v) >= 1e6
            else f"{v / 1e3:,.0f}k"
            if abs(v) >= 1e3
            else f"{v:,.0f}"
        )
    )
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def _split_by_data(frame: pd.DataFrame, metrics: list[tuple[str, str, str]]):
    """Metrics with at least one value, and labels of those with none (e.g. no staff table)."""
    shown = [m for m in metrics if pd.to_numeric(frame[m[0]], errors="coerce").notna().any()]
    empty = [m[1] for m in metrics if m not in shown]
    return shown, empty


def _panels(n: int, height: float, title: str, empty: list[str]):
    cols = 3
    rows = max(1, -(-n // cols))
    fig, axes = plt.subplots(rows, cols, figsize=(13, height * rows), squeeze=False)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    fig.suptitle(title)
    if empty:
        fig.text(
            0.01,
            0.005,
            "Not computable from the tables supplied: " + ", ".join(empty),
            fontsize=8,
            color="#555555",
            ha="left",
            va="bottom",
            wrap=True,
        )
    return fig, axes


def _finish(fig, empty: list[str]):
    fig.tight_layout(rect=(0, 0.04 if empty else 0, 1, 1))
    return fig


def metric_bars(
    frame: pd.DataFrame,
    metrics: list[tuple[str, str, str]],
    label_col: str,
    title: str,
    limit: int = 20,
):
    """Small-multiple horizontal bar charts: one panel per ``(key, label, unit)`` metric.

    Each panel shows at most ``limit`` bars, the highest values (its title then says "top N
    of M"); the tables beside the chart hold every row. Metrics with no value at all get no
    empty panel; they are named under the chart instead.
    """
    shown, empty = _split_by_data(frame, metrics)
    bars_per_panel = min(len(frame), limit)
    fig, axes = _panels(len(shown), max(3.2, 0.22 * bars_per_panel + 1), title, empty)
    for ax, (key, label, unit) in zip(axes.flat, shown, strict=False):
        data = frame[[label_col, key]].dropna()
        top = data.nlargest(limit, key).sort_values(key)
        ax.barh(top[label_col].astype(str), top[key], color="#3b6ea5")
        ax.set_title(
            label + (f" (top {len(top)} of {len(data)})" if len(top) < len(data) else ""),
            fontsize=10,
        )
        ax.tick_params(labelsize=8)
        if unit == Unit.MONEY:
            _money_axis(ax, "x")
    return _finish(fig, empty)


def trend_lines(
    frame: pd.DataFrame,
    metrics: list[tuple[str, str, str]],
    title: str,
    current_only: Iterable[str] = (),
):
    """One line panel per metric over the frame's index (periods); empty metrics are named.

    A metric in ``current_only`` (its data holds only today's value) is drawn as the one point
    it has, never as a line, and its panel is titled "(current value only)".
    """
    current_only = set(current_only)
    shown, empty = _split_by_data(frame, metrics)
    fig, axes = _panels(len(shown), 2.8, title, empty)
    x = [str(i) for i in frame.index]
    for ax, (key, label, unit) in zip(axes.flat, shown, strict=False):
        values = frame[key].astype(float)
        if key in current_only:
            ax.plot(x, values, marker="o", linestyle="none", color="#c0504d")
            label = f"{label} (current value only)"
        else:
            ax.plot(x, values, marker="o", color="#c0504d")
        ax.set_title(label, fontsize=10)
        ax.tick_params(axis="x", labelrotation=45, labelsize=7)
        if unit == Unit.MONEY:
            _money_axis(ax)
    return _finish(fig, empty)


def payback_curves(
    series: dict[str, pd.DataFrame], paybacks: dict[str, float], title: str, cols: int = 3
):
    """Cumulative investment vs cumulative attributed margin per partner, payback marked.

    ``series`` maps a partner label to its monthly series (``month``, ``cum_investment``,
    ``cum_margin``); ``paybacks`` maps the label to its payback month (missing = not reached).
    """
    n = max(len(series), 1)
    rows = -(-n // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(13, 3.0 * rows), squeeze=False)
    for ax, (label, s) in zip(axes.flat, series.items(), strict=False):
        ax.plot(s["month"], s["cum_investment"], label="cumulative investment", color="#c0504d")
        ax.plot(s["month"], s["cum_margin"], label="cumulative margin", color="#3b6ea5")
        month = paybacks.get(label)
        if month is not None and not pd.isna(month) and month <= s["month"].max():
            ax.axvline(month, color="#1e7b34", linestyle="--", linewidth=1)
            ax.annotate(
                f"payback m{int(month)}",
                (month, 0),
                xytext=(3, 5),
                textcoords="offset points",
                fontsize=8,
                color="#1e7b34",
            )
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("month since first investment", fontsize=8)
        ax.tick_params(labelsize=8)
        _money_axis(ax)
    for ax in list(axes.flat)[len(series) :]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize=8, loc="upper left")
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def bars(
    values: pd.Series, title: str, xlabel: str = "", color: str = "#3b6ea5", money: bool = False
):
    """One horizontal bar chart of a labelled series."""
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(values) + 1)))
    ax.barh([str(i) for i in values.index], values.to_numpy(dtype=float), color=color)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    if money:
        _money_axis(ax, "x")
    fig.tight_layout()
    return fig


def funnel(stages: pd.DataFrame, title: str):
    """Grouped bars of funnel stages (columns) per row (e.g. tier), log scale for counts."""
    fig, ax = plt.subplots(figsize=(9, 3.8))
    width = 0.8 / max(len(stages), 1)
    x = range(len(stages.columns))
    for k, (label, row) in enumerate(stages.iterrows()):
        ax.bar([i + k * width for i in x], row.to_numpy(dtype=float), width, label=str(label))
    ax.set_xticks([i + width * (len(stages) - 1) / 2 for i in x])
    ax.set_xticklabels([str(c).replace("_", " ") for c in stages.columns])
    ax.set_yscale("log")
    # Log ticks are mathtext by default ($10^{4}$), which parse_math=False would print raw.
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_ylabel("count (log scale)")
    ax.set_title(title)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def radar(scores: pd.Series, title: str):
    """Radar chart of scores 0–100 (index = axis labels); missing scores plotted at 0 and
    labelled 'n/a'."""
    import numpy as np

    labels = [
        str(i).replace("_", " ") + (" (n/a)" if pd.isna(v) else "") for i, v in scores.items()
    ]
    values = scores.fillna(0).to_numpy(dtype=float)
    angles = np.linspace(0, 2 * np.pi, len(values), endpoint=False)
    fig, ax = plt.subplots(figsize=(6, 6), subplot_kw={"polar": True})
    ax.plot(np.append(angles, angles[0]), np.append(values, values[0]), color="#3b6ea5")
    ax.fill(np.append(angles, angles[0]), np.append(values, values[0]), color="#3b6ea5", alpha=0.25)
    ax.set_xticks(angles)
    ax.set_xticklabels(labels, fontsize=9)
    ax.set_ylim(0, 100)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def share_bars(shares: pd.DataFrame, labels: list[str], title: str):
    """Side-by-side horizontal bars of shares (0–1) per row, e.g. partners % vs customers %."""
    import numpy as np

    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.5 * len(shares) + 1)))
    y = np.arange(len(shares))
    for k, (col, label) in enumerate(zip(shares.columns, labels, strict=True)):
        ax.barh(y + k * 0.4, shares[col].to_numpy(dtype=float) * 100, 0.4, label=label)
    ax.set_yticks(y + 0.2)
    ax.set_yticklabels([str(i) for i in shares.index])
    ax.set_xlabel("%")
    ax.set_title(title)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def _text_colour(value: float, vmin: float, vmax: float) -> str:
    """White on the dark ends of the red-yellow-green map, black on its light middle."""
    share = (value - vmin) / ((vmax - vmin) or 1)
    return "black" if 0.2 <= share <= 0.8 else "white"


def heatmap(frame: pd.DataFrame, title: str, vmin: float = 0, vmax: float = 5, limit: int = 40):
    """Annotated heatmap of a numeric frame (rows × columns).

    More than ``limit`` rows are cut to the ``limit`` rows with the lowest mean (the largest
    gaps), and the title says so.
    """
    import numpy as np

    numeric = frame.apply(pd.to_numeric, errors="coerce")
    if len(numeric) > limit:
        title += f" ({limit} of {len(numeric)} with the lowest average)"
        # by position: two people may share a name
        order = np.argsort(numeric.mean(axis=1).to_numpy(), kind="stable")[:limit]
        numeric = frame = numeric.iloc[order]
    data = numeric.to_numpy(dtype=float, na_value=np.nan)
    fig, ax = plt.subplots(figsize=(1.2 * data.shape[1] + 3, 0.45 * data.shape[0] + 1.5))
    im = ax.imshow(data, cmap="RdYlGn", vmin=vmin, vmax=vmax, aspect="auto")
    ax.set_xticks(range(data.shape[1]))
    ax.set_xticklabels([str(c) for c in frame.columns], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(data.shape[0]))
    ax.set_yticklabels([str(i) for i in frame.index], fontsize=8)
    for (i, j), v in np.ndenumerate(data):
        ax.text(
            j,
            i,
            "—" if np.isnan(v) else f"{v:g}",
            ha="center",
            va="center",
            fontsize=8,
            color="black" if np.isnan(v) else _text_colour(v, vmin, vmax),
        )
    fig.colorbar(im, ax=ax, fraction=0.03)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def stacked_bars(frame: pd.DataFrame, labels: list[str], title: str, money: bool = True):
    """Horizontal stacked bars: one bar per row, one segment per column."""
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.5 * len(frame) + 1)))
    left = None
    for col, label in zip(frame.columns, labels, strict=True):
        values = frame[col].to_numpy(dtype=float)
        ax.barh([str(i) for i in frame.index], values, left=left, label=label)
        left = values if left is None else left + values
    ax.set_title(title)
    ax.legend(fontsize=8)
    if money:
        _money_axis(ax, "x")
    fig.tight_layout()
    return fig


def quadrant_grid(
    frame: pd.DataFrame, midpoint: float, labels: dict, title: str, label_limit: int = 60
):
    """Interest (x) vs influence (y) scatter on 1–5 scales with labelled quadrants.

    ``labels`` maps ``(high influence, high interest)`` to a quadrant name. Overlapping
    points are spread slightly so each name stays readable. Above ``label_limit`` partners the
    names would be unreadable: each cell then shows one bubble with its number of partners.
    """
    import numpy as np

    fig, ax = plt.subplots(figsize=(9, 7))
    ax.axvline(midpoint - 0.5, color="#999", linewidth=1)
    ax.axhline(midpoint - 0.5, color="#999", linewidth=1)
    corners = {
        (True, True): (5.4, 5.4, "right", "top"),
        (True, False): (0.6, 5.4, "left", "top"),
        (False, True): (5.4, 0.6, "right", "bottom"),
        (False, False): (0.6, 0.6, "left", "bottom"),
    }
    for key, (x, y, ha, va) in corners.items():
        ax.text(x, y, labels[key], ha=ha, va=va, fontsize=10, color="#555", weight="bold")
    data = frame.dropna(subset=["interest", "influence"])
    if len(data) > label_limit:  # too many names to read: one bubble per cell with its count
        cells = data.groupby(["interest", "influence"]).size().reset_index(name="n")
        ax.scatter(
            cells["interest"],
            cells["influence"],
            s=80 + 1200 * cells["n"] / cells["n"].max(),
            color="#3b6ea5",
            alpha=0.35,
        )
        for c in cells.itertuples():
            ax.text(c.interest, c.influence, str(c.n), ha="center", va="center", fontsize=9)
        title += f"  ({len(data)} partners; number per cell, names in the table)"
        data = data.iloc[0:0]
    else:
        title += "  (blue: active, orange: candidate)"
    seen: dict = {}
    for r in data.itertuples():
        k = seen.get((r.interest, r.influence), 0)
        seen[(r.interest, r.influence)] = k + 1
        angle = k * 2.4
        dx, dy = 0.18 * np.sqrt(k) * np.cos(angle), 0.18 * np.sqrt(k) * np.sin(angle)
        colour = "#3b6ea5" if r.status == "active" else "#e69138"
        ax.scatter(r.interest + dx, r.influence + dy, color=colour, s=25)
        ax.annotate(
            str(r.name),
            (r.interest + dx, r.influence + dy),
            fontsize=6,
            xytext=(3, 2),
            textcoords="offset points",
        )
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xlabel("Interest in us (1–5)")
    ax.set_ylabel("Influence in our market (1–5)")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def funnel_stages(counts: pd.Series, title: str):
    """A classic funnel: one centred horizontal bar per stage, widest first, counts labelled."""
    fig, ax = plt.subplots(figsize=(8, 0.7 * len(counts) + 1.2))
    values = counts.to_numpy(dtype=float)
    top = values.max() if len(values) and values.max() > 0 else 1
    for i, (label, v) in enumerate(counts.items()):
        ax.barh(i, v, left=(top - v) / 2, color="#3b6ea5")
        ax.text(
            top / 2,
            i,
            f"{str(label).capitalize()}: {v:.0f}",
            ha="center",
            va="center",
            color="white" if v > top * 0.25 else "black",
            fontsize=9,
        )
    ax.invert_yaxis()
    ax.axis("off")
    ax.set_title(title)
    fig.tight_layout()
    return fig
