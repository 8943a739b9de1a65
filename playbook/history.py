"""Run history of a client: its earlier runs, what changed since the previous one, a trend.

Definitions (one place; the summary page and every report word them the same way):

- A client's **runs** are the finished run folders of the same ``client_id`` in one reports
  folder (``--out``, or the folder given with ``run --history DIR``); a run still being written
  (``.NAME.partial``) or one that recorded no as-of date (every report failed) is not one.
  :func:`playbook.rundir.finished_runs` reads them.
- **Order**: by the as-of date of the run's data (the latest ``as_of`` any of its reports
  recorded, :func:`playbook.executive.run_as_of`), then by when the run started, then by folder
  name. Runs with different as-of dates are ordered by as-of, never by when they were run.
- The **previous run** of a run is the last run before it in that order: a re-run at the same
  as-of date is compared with the earlier run at that date (same data and assumptions: no
  change).
- A headline figure's **change** is :func:`playbook.headlines.change` (now − before), worded by
  :func:`~playbook.headlines.change_text` and judged by :func:`~playbook.headlines.verdict`.
  A figure one of the two runs does not have is shown as "—" with the reason; no change is
  computed from it.
- A **trend** has one point per as-of date, from the client's first run up to this run's as-of
  date (a run as of June does not show September): at each date, the value in the last run
  (by start) at that date, at this run's date this run's value. A missing value is a gap in
  the line, never a zero.

The "new since the previous run" lists (gap items, tiers, grades, milestones, payback) are in
:mod:`playbook.history_lists`; the trend line's drawing in :func:`sparkline`. Every text is
rendered through autoescaping templates (``templates/summary/history.html.j2`` and
``templates/fragments/history.html.j2``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from playbook import headlines as hl
from playbook.executive import run_as_of
from playbook.formatting import fmt_date
from playbook.fragments import render
from playbook.history_lists import Change, changes

#: Size of a trend line in CSS pixels (width, height) and its inner margin.
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 132, 30, 4

#: A verdict (:func:`playbook.headlines.verdict`) in words, for a client.
VERDICT_WORDS = {"better": "Better", "worse": "Worse", "same": "No change", "": ""}


@dataclass(frozen=True)
class Run:
    """One finished run of a client: its folder ``name`` and ``path`` (``None`` for a run not
    yet in place), the as-of date of its data (ISO), when it ``started`` (ISO) and its merged
    ``results`` (``results.json``)."""

    name: str
    path: Path | None
    as_of: str
    started: str
    results: dict

    @property
    def order(self) -> tuple[str, str, str]:
        """Its place in the client's history: as-of date, then start, then folder name."""
        return (self.as_of, self.started, self.name)


def make_run(name: str, path: Path | None, started: str, results: dict) -> Run:
    """A :class:`Run` from its folder name, path, start (ISO) and merged results."""
    return Run(name, path, run_as_of(results), started, results)


def previous_run(runs: list[Run], now: Run) -> Run | None:
    """The last of ``runs`` before ``now`` in history order (``None``: ``now`` is the first)."""
    earlier = [r for r in runs if r.as_of and r.order < now.order]
    return max(earlier, key=lambda r: r.order) if earlier else None


def trend_runs(runs: list[Run], now: Run) -> list[Run]:
    """One run per as-of date up to ``now``'s, oldest first: the last run at each date, and
    ``now`` itself at its own date."""
    by_date: dict[str, Run] = {}
    for r in sorted([r for r in runs if r.as_of and r.order < now.order], key=lambda r: r.order):
        by_date[r.as_of] = r
    by_date[now.as_of] = now
    return [by_date[d] for d in sorted(by_date)]


def sparkline(points: list[tuple[str, float | None]], headline: hl.Headline, currency: str):
    """The trend line of one figure: ``points`` are (as-of ISO date, value or ``None``), oldest
    first, placed left to right by date (a quarter skipped leaves a wider step), on a scale
    from zero (as every amount axis of the reports): the bottom is 0 or the lowest value when
    it is negative, the top the highest value or 0, so USD 5.3M → 5.5M stays nearly level
    while 0 → 3 overdue items climbs the whole height (a line, not bars: it shows the
    direction and the size of a change; the values are in its text).

    Returns ``None`` for fewer than two dates, else a dict for the template: ``width``,
    ``height``, ``lines`` (SVG polyline point lists; a missing value breaks the line), ``dots``
    (``x``, ``y``, ``title``: date and value, ``last``: this run's point), ``first`` and
    ``last`` (the end dates, short) and ``text``, the text alternative: every date with its
    value ("—" when missing)."""
    if len(points) < 2:
        return None
    known = [v for _, v in points if v is not None]
    low, high = (min(min(known), 0.0), max(max(known), 0.0)) if known else (0.0, 0.0)
    days = [(pd.Timestamp(d) - pd.Timestamp(points[0][0])).days for d, _ in points]
    span = max(days[-1], 1)
    inner = SPARK_HEIGHT - 2 * SPARK_PAD

    def y(value: float) -> float:
        if high == low:
            return SPARK_HEIGHT / 2
        return round(SPARK_PAD + (high - value) / (high - low) * inner, 1)

    lines, run, dots = [], [], []
    for i, (date, value) in enumerate(points):
        title = f"{fmt_date(date)}: {hl.shown(headline, value, currency)}"
        if value is None:
            lines.append(run)
            run = []
            continue
        x = round(SPARK_PAD + days[i] / span * (SPARK_WIDTH - 2 * SPARK_PAD), 1)
        run.append(f"{x},{y(value)}")
        dots.append({"x": x, "y": y(value), "title": title, "last": i == len(points) - 1})
    lines.append(run)
    text = "; ".join(f"{fmt_date(d)}: {hl.shown(headline, v, currency)}" for d, v in points)
    return {
        "width": SPARK_WIDTH,
        "height": SPARK_HEIGHT,
        "lines": [" ".join(r) for r in lines if len(r) > 1],
        "dots": dots,
        "first": fmt_date(points[0][0], short=True),
        "last": fmt_date(points[-1][0], short=True),
        "text": f"{headline.label} by as-of date: {text}",
    }


def _why(value_now, value_before, before: Run, notebook: str) -> str:
    """Why a change is not shown ("" when it is)."""
    if value_now is None:
        return "This run's data does not give this figure."
    if notebook not in before.results:
        return "The previous run had no such report."
    if value_before is None:
        return "The previous run's data did not give this figure."
    return ""


def headline_rows(
    runs: list[Run], now: Run, before: Run, currency: str, notebook: str | None = None
) -> list[dict]:
    """One row per headline figure of the reports in ``now`` (of ``notebook`` only, when
    given): label, report title, value now and before (shown in its unit, "—" when missing),
    the change worded, the verdict (``better`` / ``worse`` / ``same`` / ""), its words, why a
    change is missing, and the trend line (:func:`sparkline`, or ``None``)."""
    series = trend_runs(runs, now)
    values = {r.name: hl.values(r.results) for r in [*series, before, now]}
    rows = []
    for h in hl.HEADLINES:
        if h.notebook not in now.results or (notebook and h.notebook != notebook):
            continue
        value_now, value_before = values[now.name][h.key], values[before.name][h.key]
        delta = hl.change(h, value_before, value_now)
        verdict = hl.verdict(h, delta)
        rows.append(
            {
                "key": h.key,
                "label": h.label,
                "report": now.results[h.notebook].get("title") or h.notebook,
                "notebook": h.notebook,
                "now": hl.shown(h, value_now, currency),
                "before": hl.shown(h, value_before, currency),
                "change": hl.change_text(h, delta, currency),
                "verdict": verdict,
                "verdict_words": VERDICT_WORDS[verdict],
                "why": _why(value_now, value_before, before, h.notebook),
                "trend": sparkline([(r.as_of, values[r.name][h.key]) for r in series], h, currency),
            }
        )
    return rows


def _when(started: str) -> str:
    """When a run started, in words: ``2026-11-30T15:18:02`` → ``30 November 2026, 15:18``."""
    if not started:
        return "unknown time"
    return f"{fmt_date(started[:10])}, {started[11:16]}".rstrip(", ")


def _link(target: Run | None, here: Path | None) -> str:
    """A relative link from the folder ``here`` to ``target``'s summary page ("" if unknown)."""
    if target is None or target.path is None or here is None:
        return ""
    return Path(os.path.relpath(target.path / "index.html", here)).as_posix()


def view(runs: list[Run], now: Run, currency: str, notes: list[str] | None = None) -> dict:
    """Everything the summary page and the reports show of a client's history.

    ``runs`` are the client's other finished runs (any order), ``now`` this run (its ``path``
    the folder it will have once complete, for links), ``notes`` what could not be read.
    Keys: ``first`` (no earlier run), ``as_of`` / ``started`` / ``link`` of the previous run,
    ``same_date`` (it is at this run's as-of date), ``runs`` (how many earlier runs),
    ``dates`` (as-of dates on the trend lines), ``rows`` (:func:`headline_rows`), ``changes``
    (:func:`playbook.history_lists.changes`), ``titles`` (report titles by notebook),
    ``notes``."""
    before = previous_run(runs, now) if now.as_of else None
    earlier = [r for r in runs if r.as_of and r.order < now.order]
    out = {
        "first": before is None,
        "runs": len(earlier),
        "notes": list(notes or []),
        "no_date": not now.as_of,
    }
    if before is None:
        return out | {"previous": ""}
    series = trend_runs(runs, now)
    return out | {
        "previous": before.name,
        "as_of": fmt_date(before.as_of),
        "started": _when(before.started),
        "link": _link(before, now.path),
        "same_date": before.as_of == now.as_of,
        "dates": len(series),
        "rows": headline_rows(runs, now, before, currency),
        "changes": changes(before.results, now.results),
        "titles": {nb: r.get("title") or nb for nb, r in now.results.items()},
    }


#: The run history's sheets in the workbook (none for a first run), in order.
SHEET_TITLES = ("Since the previous run", "New since then")


def tables(history: dict) -> list[tuple[str, str, pd.DataFrame]]:
    """The history as the Excel workbook's sheets (sheet title, source label, table), written
    as the summary page writes them: every headline figure before, now, change and verdict,
    and every item new since the previous run. None for a first run."""
    if history.get("first"):
        return []
    source = f"Since the previous run (as of {history['as_of']})"
    figures = pd.DataFrame(
        [
            {
                "Report": r["report"],
                "Figure": r["label"],
                "Previous run": r["before"],
                "This run": r["now"],
                "Change": r["change"],
                "Verdict": r["verdict_words"] or r["why"],
            }
            for r in history["rows"]
        ],
        columns=["Report", "Figure", "Previous run", "This run", "Change", "Verdict"],
    )
    titles = history.get("titles", {})
    items = pd.DataFrame(
        [
            {
                "Report": titles.get(c.notebook, c.notebook),
                "List": c.heading,
                "Item": i["text"],
                "Verdict": VERDICT_WORDS[i["verdict"]],
            }
            for c in history["changes"]
            for i in c.items or []
        ],
        columns=["Report", "List", "Item", "Verdict"],
    )
    return [
        (title, source, frame) for title, frame in zip(SHEET_TITLES, (figures, items), strict=True)
    ]


def _for_report(history: dict, notebook: str) -> dict:
    """``history`` (:func:`view`) narrowed to one report's figures and lists."""
    if history.get("first"):
        return history
    rows = [r for r in history["rows"] if r["notebook"] == notebook]
    found: list[Change] = [c for c in history["changes"] if c.notebook == notebook]
    return history | {"rows": rows, "changes": found}


def report_html(history: dict | None, notebook: str) -> str:
    """The "Since the previous run" section of one report (its own headline figures and
    lists), escaped; "" without a history (``history`` ``None``) or when the report has
    neither headline figures nor lists. A report sits in the run folder, as the summary page,
    so the previous run's link is the same."""
    if history is None:
        return ""
    context = _for_report(history, notebook)
    if not context.get("first") and not context["rows"] and not context["changes"]:
        return ""
    return render("fragments/history.html.j2", history=context, link=history.get("link", ""))
