"""Matplotlib charts shared by the notebooks. Each function returns a ``Figure``.

Every chart has the look of :mod:`playbook.chart_style`: palette colours only, no top/right
spine, a light grid, the caller's title (which states the finding) wrapped to the figure,
bars labelled with their values, and amount axes starting at zero. ``currency`` (optional
everywhere money is drawn) writes money labels as ``USD 1,234``; without it they get thousands
separators only.

**Every row of the data is one bar, drawn once.** Bars are placed by position, never by their
label, and the labels are made distinct by :func:`playbook.labels.told_apart`, the one rule:
a name that repeats (two partners called the same) gets the row's id the caller passes
(``ids``), else a number in order of occurrence, ``"Priya Nair (2)"``; a name that occurs once
is drawn as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, NullFormatter

from playbook import chart_style as style
from playbook.chart_style import COUNT, MONEY, PERCENT, RATIO
from playbook.formatting import fmt_int
from playbook.labels import label as plain
from playbook.labels import told_apart
from playbook.palette import GRID, MUTED, PRIMARY, RAG, SEQUENTIAL, SERIES, TEXT

style.apply_theme()


BAR_LIMIT = 30  # most bars one bar chart draws; the table beside it holds every row


def _largest(totals: np.ndarray, limit: int, lowest: bool = False, keep=()) -> np.ndarray:
    """Positions of the ``limit`` largest of ``totals`` (blanks count as 0), or with ``lowest``
    the ``limit`` smallest (blanks last), the positions in ``keep`` (rows a title names)
    always among them, in their original order, so a chart of a long table keeps the
    caller's order among the bars it draws; ties go to the earlier row."""
    if len(totals) <= limit:
        return np.arange(len(totals))
    key = np.where(np.isnan(totals), np.inf, totals) if lowest else -np.nan_to_num(totals, nan=0.0)
    key[list(keep)] = -np.inf
    return np.sort(np.argsort(key, kind="stable")[:limit])


def _top_title(title: str, shown: int, total: int, lowest: bool = False, counted: str = "") -> str:
    """``title``, saying "(top N of M)" ("(lowest N of M)") when the chart draws only the
    largest (smallest) N of its M rows, M followed by ``counted`` (what the rows are) if
    given: M is every row the chart could have drawn."""
    if shown == total:
        return title
    what = f" {counted}" if counted else ""
    return f"{title} ({'lowest' if lowest else 'top'} {shown} of {total:,}{what})"


def _split_by_data(frame: pd.DataFrame, metrics: list[tuple[str, str, str]]):
    """Metrics with at least one value, and labels of those with none (e.g. no staff table)."""
    shown = [m for m in metrics if pd.to_numeric(frame[m[0]], errors="coerce").notna().any()]
    empty = [m[1] for m in metrics if m not in shown]
    return shown, empty


def metric_bars(
    frame: pd.DataFrame,
    metrics: list[tuple[str, str, str]],
    label_col: str,
    title: str,
    limit: int = 20,
    currency: str = "",
    value_labels: bool = True,
):
    """Small-multiple horizontal bar charts: one panel per ``(key, label, unit)`` metric.

    Each panel shows at most ``limit`` bars, the highest values (its title then says "top N
    of M"); the tables beside the chart hold every row. Metrics with no value at all get no
    empty panel; they are named under the chart instead. Each bar carries its value; the value
    axis starts at zero.
    """
    shown, empty = _split_by_data(frame, metrics)
    bars_per_panel = min(len(frame), limit)
    fig, axes = style.panels(len(shown), max(3.2, 0.26 * bars_per_panel + 1.2), title, empty)
    frame = frame.reset_index(drop=True)  # rows by position: two may share an index label
    names = pd.Series(told_apart(frame[label_col]), index=frame.index)
    for ax, (key, label, unit) in zip(axes.flat, shown, strict=False):
        data = frame[[label_col, key]].dropna()
        top = data.nlargest(limit, key).sort_values(key)
        kind = style.kind_of(unit)
        container = ax.barh(np.arange(len(top)), top[key], color=PRIMARY)
        ax.set_yticks(np.arange(len(top)), names.loc[top.index].tolist())
        style.clean_axes(ax, "x")
        ax.set_title(
            label + (f" (top {len(top)} of {len(data)})" if len(top) < len(data) else ""),
            fontsize=10,
        )
        ax.tick_params(labelsize=8)
        style.amount_axis(ax, kind, "x", currency)
        if value_labels:
            style.label_bars(ax, container, top[key], kind, currency)
        style.from_zero(ax, "x", top[key])
    return style.finish(fig, bool(empty))


def trend_lines(
    frame: pd.DataFrame,
    metrics: list[tuple[str, str, str]],
    title: str,
    current_only: Iterable[str] = (),
    currency: str = "",
):
    """One line panel per metric over the frame's index (periods); empty metrics are named.

    A metric in ``current_only`` (its data holds only today's value) is drawn as the one point
    it has, never as a line, and its panel is titled "(current value only)". Every value axis
    starts at zero (or below it for negative values), so a small change never looks steep.
    """
    current_only = set(current_only)
    shown, empty = _split_by_data(frame, metrics)
    fig, axes = style.panels(len(shown), 2.8, title, empty)
    x = [str(i) for i in frame.index]
    for ax, (key, label, unit) in zip(axes.flat, shown, strict=False):
        values = frame[key].astype(float)
        if key in current_only:
            ax.plot(x, values, marker="o", linestyle="none", color=PRIMARY)
            label = f"{label} (current value only)"
        else:
            ax.plot(x, values, marker="o", color=PRIMARY)
        style.clean_axes(ax, "y")
        ax.set_title(label, fontsize=10)
        ax.tick_params(axis="x", labelrotation=45, labelsize=7)
        ax.tick_params(axis="y", labelsize=8)
        style.amount_axis(ax, style.kind_of(unit), "y", currency)
        style.from_zero(ax, "y", values)
    return style.finish(fig, bool(empty))


def payback_curves(
    series: dict[str, pd.DataFrame],
    paybacks: dict[str, float],
    title: str,
    cols: int = 3,
    currency: str = "",
):
    """Cumulative investment vs cumulative attributed margin per partner, payback marked.

    ``series`` maps a partner label to its monthly series (``month``, ``cum_investment``,
    ``cum_margin``); ``paybacks`` maps the label to its payback month (missing = not reached).
    The money axis starts at zero.
    """
    n = max(len(series), 1)
    rows = -(-n // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(13, 3.0 * rows + 0.6), squeeze=False)
    for ax, (label, s) in zip(axes.flat, series.items(), strict=False):
        ax.plot(s["month"], s["cum_investment"], label="Cumulative investment", color=SERIES[5])
        ax.plot(s["month"], s["cum_margin"], label="Cumulative margin", color=SERIES[0])
        month = paybacks.get(label)
        if month is not None and not pd.isna(month) and month <= s["month"].max():
            ax.axvline(month, color=SERIES[2], linestyle="--", linewidth=1)
            late = month > 0.6 * s["month"].max()  # write it left of the line, inside the axes
            ax.annotate(
                f"Paid back in month {int(month)}",
                (month, 0),
                xytext=(-3 if late else 3, 5),
                textcoords="offset points",
                ha="right" if late else "left",
                fontsize=8,
                color=TEXT,
            )
        style.clean_axes(ax, "y")
        ax.set_title(label, fontsize=10)
        ax.set_xlabel("Months since first investment", fontsize=8)
        ax.tick_params(labelsize=8)
        style.amount_axis(ax, MONEY, "y", currency)
        style.from_zero(ax, "y", [*s["cum_investment"], *s["cum_margin"]])
    for ax in list(axes.flat)[len(series) :]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize=8, loc="upper left")
    style.set_suptitle(fig, title)
    return style.finish(fig)


def bars(
    values: pd.Series,
    title: str,
    xlabel: str = "",
    color: str = PRIMARY,
    money: bool = False,
    currency: str = "",
    percent: bool = False,
    value_labels: bool = True,
    statuses: Sequence[str] | None = None,
    limit: int = BAR_LIMIT,
    ids: Sequence | None = None,
    lowest: bool = False,
    counted: str = "",
    keep: Sequence[int] = (),
):
    """One horizontal bar chart of a labelled series, each bar labelled with its value (money,
    a percentage of a 0–1 share with ``percent``, else a count or ratio); the axis starts at
    zero. ``statuses`` (Red / Amber / Green, one per bar) colour the bars in the palette's
    RAG colours, with a legend. A series of more than ``limit`` values draws the ``limit``
    largest (``lowest``: smallest, for a title about the cheapest), in the series' order, and
    the title says "(top N of M)" ("(lowest N of M ``counted``)"); the positions in ``keep``
    (the rows the title names) are drawn whatever their value. Labels that repeat are told
    apart with ``ids`` (one per value) or a number (module docstring)."""
    kind = MONEY if money else PERCENT if percent else COUNT
    keep = _largest(values.to_numpy(dtype=float), limit, lowest, keep)
    title = _top_title(title, len(keep), len(values), lowest, counted)
    names = np.asarray(told_apart(values.index, ids), dtype=object)[keep].tolist()
    values = values.iloc[keep]
    statuses = [statuses[k] for k in keep] if statuses else statuses
    numbers = values.to_numpy(dtype=float)
    if kind == COUNT and not all(v.is_integer() for v in numbers if v == v):
        kind = RATIO
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.4 * len(values) + 1.2)))
    colours = [RAG.get(str(s).lower(), MUTED) for s in statuses] if statuses else color
    container = ax.barh(np.arange(len(numbers)), numbers, color=colours)
    ax.set_yticks(np.arange(len(numbers)), names)
    if statuses:
        shown = [s for s in ("Red", "Amber", "Green") if s.lower() in map(str.lower, statuses)]
        ax.legend(handles=[Patch(color=RAG[s.lower()], label=s) for s in shown], fontsize=8)
    style.clean_axes(ax, "x")
    style.set_title(ax, title)
    ax.set_xlabel(xlabel)
    style.amount_axis(ax, kind, "x", currency)
    if value_labels:
        style.label_bars(ax, container, numbers, kind, currency)
    style.from_zero(ax, "x", numbers)
    ax.invert_yaxis()  # first row on top, as in the table
    return style.finish(fig)


def funnel(stages: pd.DataFrame, title: str, log: bool = False, value_labels: bool = True):
    """Grouped bars of funnel stages (columns) per row (e.g. tier), each bar labelled with its
    count. The count axis is linear from zero; ``log=True`` draws it on a log scale (then
    the axis says so)."""
    fig, ax = plt.subplots(figsize=(10, 4.2))
    width = 0.8 / max(len(stages), 1)
    x = np.arange(len(stages.columns))
    for k, (label, row) in enumerate(stages.iterrows()):
        numbers = row.to_numpy(dtype=float)
        container = ax.bar(
            x + k * width, numbers, width, label=str(label), color=SERIES[k % len(SERIES)]
        )
        if value_labels:
            style.label_bars(ax, container, numbers, COUNT, fontsize=7)
    ax.set_xticks(x + width * (len(stages) - 1) / 2)
    ax.set_xticklabels([plain(c) for c in stages.columns])
    style.clean_axes(ax, "y")
    if log:
        ax.set_yscale("log")
        # Log ticks are mathtext by default ($10^{4}$), which parse_math=False would print raw.
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_ylabel("Count (log scale)")
    else:
        style.amount_axis(ax, COUNT, "y")
        style.from_zero(ax, "y", stages.to_numpy(dtype=float).ravel())
        ax.set_ylabel("Count")
    style.set_title(ax, title)
    ax.legend(fontsize=8)
    return style.finish(fig)


def radar(scores: pd.Series, title: str):
    """Radar chart of scores 0–100 (index = axis labels), each point labelled with its score;
    missing scores plotted at 0 and labelled 'not assessed'."""
    labels = [plain(i) + ("\n(not assessed)" if pd.isna(v) else "") for i, v in scores.items()]
    values = scores.fillna(0).to_numpy(dtype=float)
    angles = np.linspace(0, 2 * np.pi, len(values), endpoint=False)
    fig, ax = plt.subplots(figsize=(6.5, 6.5), subplot_kw={"polar": True})
    ax.plot(np.append(angles, angles[0]), np.append(values, values[0]), color=PRIMARY)
    ax.fill(np.append(angles, angles[0]), np.append(values, values[0]), color=PRIMARY, alpha=0.2)
    for angle, value, raw in zip(angles, values, scores, strict=True):
        if not pd.isna(raw):
            ax.annotate(
                fmt_int(round(value)),
                (angle, value),
                xytext=(0, 6),
                textcoords="offset points",
                ha="center",
                fontsize=9,
                color=TEXT,
                weight="bold",
            )
    ax.set_xticks(angles)
    ax.set_xticklabels(labels, fontsize=9)
    ax.set_ylim(0, 100)
    ax.grid(True, color=GRID)
    ax.tick_params(axis="y", colors=MUTED, labelsize=8)
    style.set_title(ax, title)
    return style.finish(fig)


def share_bars(shares: pd.DataFrame, labels: list[str], title: str, value_labels: bool = True):
    """Side-by-side horizontal bars of shares (0–1) per row, e.g. partners % vs customers %,
    each labelled with its percentage; the axis starts at 0%."""
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.6 * len(shares) + 1.2)))
    y = np.arange(len(shares))
    for k, (col, label) in enumerate(zip(shares.columns, labels, strict=True)):
        numbers = shares[col].to_numpy(dtype=float)
        container = ax.barh(y + k * 0.4, numbers, 0.4, label=label, color=SERIES[k % len(SERIES)])
        if value_labels:
            style.label_bars(ax, container, numbers, PERCENT, fontsize=7)
    ax.set_yticks(y + 0.2)
    ax.set_yticklabels([str(i) for i in shares.index])
    ax.invert_yaxis()
    style.clean_axes(ax, "x")
    style.amount_axis(ax, PERCENT, "x")
    style.from_zero(ax, "x", shares.to_numpy(dtype=float).ravel())
    style.set_title(ax, title)
    ax.legend(fontsize=8, loc="best")
    return style.finish(fig)


def _lowest_rows(numeric: pd.DataFrame, limit: int, sort_by=None) -> tuple[np.ndarray, str]:
    """Positions of the ``limit`` rows with the lowest value in column ``sort_by`` (ties: the
    lowest mean, then the earlier row; blanks last), or without ``sort_by`` the lowest mean;
    and the words for the title, "with the lowest average" / "with the lowest <column>
    score". By position: two rows (people) may share a name."""
    mean = numeric.mean(axis=1).to_numpy()
    if sort_by is None:
        return np.argsort(mean, kind="stable")[:limit], "with the lowest average"
    first = np.nan_to_num(numeric[sort_by].to_numpy(dtype=float), nan=np.inf)
    order = np.lexsort((np.nan_to_num(mean, nan=np.inf), first))[:limit]
    return order, f"with the lowest {plain(sort_by).lower()} score"


def heatmap(
    frame: pd.DataFrame,
    title: str,
    vmin: float = 0,
    vmax: float = 5,
    limit: int = 40,
    sort_by=None,
):
    """Annotated heatmap of a numeric frame (rows × columns), light to dark blue
    (:data:`playbook.palette.SEQUENTIAL`, never red-green), each cell's text black or white,
    whichever reads on its colour.

    More than ``limit`` rows are cut to the ``limit`` rows with the lowest score in column
    ``sort_by`` (the column the title is about; ties by the lowest mean), or without it the
    lowest mean (the largest gaps), and the title says so: "(40 of 2,400 with the lowest
    enablement score)". Row labels are drawn as given (by position: names may repeat).
    """
    numeric = frame.apply(pd.to_numeric, errors="coerce")
    if len(numeric) > limit:
        order, which = _lowest_rows(numeric, limit, sort_by)
        title += f" ({limit} of {len(numeric):,} {which})"
        numeric = frame = numeric.iloc[order]
    data = numeric.to_numpy(dtype=float, na_value=np.nan)
    fig, ax = plt.subplots(figsize=(1.2 * data.shape[1] + 3.5, 0.45 * data.shape[0] + 1.8))
    cmap = plt.get_cmap(SEQUENTIAL)
    im = ax.imshow(data, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    ax.grid(False)
    ax.set_xticks(range(data.shape[1]))
    ax.set_xticklabels([plain(c) for c in frame.columns], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(data.shape[0]))
    ax.set_yticklabels([str(i) for i in frame.index], fontsize=8)
    for spine in ax.spines.values():
        spine.set_visible(False)
    for (i, j), v in np.ndenumerate(data):
        colour = TEXT if np.isnan(v) else style.readable_on(im.cmap(im.norm(v)))
        text = "—" if np.isnan(v) else f"{v:g}"
        ax.text(j, i, text, ha="center", va="center", fontsize=8, color=colour)
    fig.colorbar(im, ax=ax, fraction=0.03)
    style.set_title(ax, title)
    return style.finish(fig)


def stacked_bars(
    frame: pd.DataFrame,
    labels: list[str],
    title: str,
    money: bool = True,
    currency: str = "",
    value_labels: bool = True,
    limit: int = BAR_LIMIT,
    ids: Sequence | None = None,
):
    """Horizontal stacked bars: one bar per row, one segment per column; each bar carries its
    total at its end and each segment wide enough its own value; the axis starts at zero. A
    frame of more than ``limit`` rows draws the ``limit`` with the largest totals, in the
    frame's order, and the title says "(top N of M)". Row labels that repeat are told apart with
    ``ids`` (one per row) or a number (module docstring)."""
    kind = MONEY if money else COUNT
    keep = _largest(np.nansum(frame.to_numpy(dtype=float), axis=1), limit)
    title = _top_title(title, len(keep), len(frame))
    names = np.asarray(told_apart(frame.index, ids), dtype=object)[keep].tolist()
    frame = frame.iloc[keep]
    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.55 * len(frame) + 1.4)))
    rows = np.arange(len(frame))
    left = np.zeros(len(frame))
    largest = float(np.nansum(frame.to_numpy(dtype=float), axis=1).max()) if len(frame) else 0
    for k, (col, label) in enumerate(zip(frame.columns, labels, strict=True)):
        values = np.nan_to_num(frame[col].to_numpy(dtype=float))
        colour = SERIES[k % len(SERIES)]
        container = ax.barh(rows, values, left=left, label=label, color=colour)
        if value_labels:
            inside = [
                style.value_text(v, kind, currency) if v > 0.12 * largest else "" for v in values
            ]
            ax.bar_label(
                container,
                labels=inside,
                label_type="center",
                fontsize=7,
                color=style.readable_on(to_rgba(colour)),
            )
        left = left + values
    if value_labels and len(frame):
        ax.bar_label(
            container,
            labels=[style.value_text(v, kind, currency) for v in left],
            padding=3,
            fontsize=8,
            color=TEXT,
        )
    ax.set_yticks(rows, names)
    ax.invert_yaxis()
    style.clean_axes(ax, "x")
    style.amount_axis(ax, kind, "x", currency)
    style.from_zero(ax, "x", left)
    style.set_title(ax, title)
    ax.legend(fontsize=8, loc="best")
    return style.finish(fig)


def quadrant_grid(
    frame: pd.DataFrame, midpoint: float, labels: dict, title: str, label_limit: int = 60
):
    """Interest (x) vs influence (y) scatter on 1–5 scales with labelled quadrants.

    ``labels`` maps ``(high influence, high interest)`` to a quadrant name. Overlapping
    points are spread slightly so each name stays readable; a legend tells active partners
    from candidates. Above ``label_limit`` partners the names would be unreadable: each cell
    then shows one bubble with its number of partners (a note under the chart says so).
    """
    fig, ax = plt.subplots(figsize=(9, 7))
    style.quadrant_frame(ax, midpoint, labels)
    ax.grid(False)
    data = frame.dropna(subset=["interest", "influence"])
    if len(data) > label_limit:  # too many names to read: one bubble per cell with its count
        cells = data.groupby(["interest", "influence"]).size().reset_index(name="n")
        ax.scatter(
            cells["interest"],
            cells["influence"],
            s=80 + 1200 * cells["n"] / cells["n"].max(),
            color=PRIMARY,
            alpha=0.35,
        )
        for c in cells.itertuples():
            ax.text(c.interest, c.influence, fmt_int(c.n), ha="center", va="center", fontsize=9)
        note = f"{fmt_int(len(data))} partners: the number in each bubble; names in the table."
        fig.text(0.01, 0.005, note, fontsize=8, color=MUTED, ha="left", va="bottom")
        data = data.iloc[0:0]
    else:
        ax.legend(
            handles=[
                Line2D([], [], marker="o", linestyle="none", color=SERIES[0], label="Active"),
                Line2D([], [], marker="o", linestyle="none", color=SERIES[1], label="Candidate"),
            ],
            fontsize=8,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
        )
    seen: dict = {}
    for r in data.itertuples():
        k = seen.get((r.interest, r.influence), 0)
        seen[(r.interest, r.influence)] = k + 1
        angle = k * 2.4
        dx, dy = 0.18 * np.sqrt(k) * np.cos(angle), 0.18 * np.sqrt(k) * np.sin(angle)
        colour = SERIES[0] if r.status == "active" else SERIES[1]
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
    style.set_title(ax, title)
    return style.finish(fig, len(frame) > label_limit)


def funnel_stages(counts: pd.Series, title: str):
    """A classic funnel: one centred horizontal bar per stage, widest first, counts labelled."""
    fig, ax = plt.subplots(figsize=(8, 0.7 * len(counts) + 1.4))
    values = counts.to_numpy(dtype=float)
    top = values.max() if len(values) and values.max() > 0 else 1
    for i, (label, v) in enumerate(counts.items()):
        ax.barh(i, v, left=(top - v) / 2, color=PRIMARY)
        ax.text(
            top / 2,
            i,
            f"{plain(label)}: {fmt_int(v)}",
            ha="center",
            va="center",
            color="white" if v > top * 0.25 else TEXT,
            fontsize=9,
        )
    ax.invert_yaxis()
    ax.axis("off")
    style.set_title(ax, title)
    return style.finish(fig)
