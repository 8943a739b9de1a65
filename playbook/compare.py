"""``playbook compare RUN_A RUN_B``: what changed between two runs of one client, and why.

Three lists, so that a change in a figure can be traced to the data or to an assumption:

- **Headline figures** (:mod:`playbook.headlines`, one definition each): the value in the older
  run, in the newer run, the change (worded by :func:`~playbook.headlines.change_text`) and
  whether it is better or worse (:func:`~playbook.headlines.verdict`). A figure one run does
  not have is "—" with the reason (its report failed or was not run, or the data could not
  give it) and no change is computed from it; money figures of runs in different currencies
  are not compared.
- **Input files** (the manifests' SHA-256 ``inputs``): files added, removed and changed, and how
  many are unchanged.
- **Assumptions** (each report's parameters as recorded in the manifest, the runner's own
  ``workspace`` / ``notebook_id`` / ``results_file`` / ``snapshot`` and live-only ones left
  out): a value set in one run and not the other is compared with "the report's default". The
  as-of date is the period compared and is stated at the top, not listed as an assumption.

Runs given in either order are shown older → newer: ordered by the as-of date of their data,
then by start time (:mod:`playbook.run_record`). Two runs of different clients are refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from playbook import headlines
from playbook.exceptions import RunReadError
from playbook.formatting import MISSING, fmt_int, name_list
from playbook.fragments import render
from playbook.labels import label, plural
from playbook.params import LIVE_ONLY_PARAMS, RUNNER_PARAMS, SOURCE_WORDS, Source
from playbook.run_record import RunRecord
from playbook.rundir import RunFolder
from playbook.summary_page import long_date

#: What an assumption not recorded in a run's manifest was: the report's own default.
DEFAULT = "the report's default"

#: Parameters that are not assumptions: the period compared (stated on its own) and the
#: runner's and live sessions' own.
NOT_ASSUMPTIONS = RUNNER_PARAMS | LIVE_ONLY_PARAMS | {"as_of"}


@dataclass(frozen=True)
class FigureRow:
    """One headline figure in both runs: values (``None`` when missing), their text, the
    change and its verdict (``better`` / ``worse`` / ``same`` / ""), and why a value or the
    change is missing ("" when nothing is)."""

    key: str
    report: str
    label: str
    before: float | None
    after: float | None
    before_text: str
    after_text: str
    change: float | None
    change_text: str
    verdict: str
    why: str


@dataclass(frozen=True)
class Comparison:
    """Two runs of one client, ``older`` and ``newer``, and what differs between them."""

    older: RunRecord
    newer: RunRecord
    figures: list[FigureRow]
    inputs: dict
    assumptions: list[dict]


def input_changes(before: dict, after: dict) -> dict:
    """The input files of two manifests (file → SHA-256) compared: ``added``, ``removed``,
    ``changed`` (sorted file names) and ``unchanged`` (a count)."""
    return {
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
        "changed": sorted(f for f in set(before) & set(after) if before[f] != after[f]),
        "unchanged": sum(1 for f in set(before) & set(after) if before[f] == after[f]),
    }


def assumptions_of(manifest: dict) -> dict[tuple[str, str], tuple[object, str]]:
    """Every assumption a run recorded: (report, parameter) → (value, source), less
    :data:`NOT_ASSUMPTIONS`. The report is the notebook id without ``.ipynb``; the source is a
    :class:`playbook.params.Source` code. A manifest that records each notebook's
    ``assumptions`` (every parameter, its value and where it came from) is read from them; an
    older one only has the values set (``parameters``), each then "set for this run"."""
    out = {}
    for nb in manifest.get("notebooks") or []:
        if not isinstance(nb, dict):
            continue
        report = str(nb.get("notebook", "")).removesuffix(".ipynb")
        recorded = nb.get("assumptions")
        if isinstance(recorded, dict):
            pairs = [
                (name, (entry.get("value"), str(entry.get("source") or Source.RUN)))
                for name, entry in recorded.items()
                if isinstance(entry, dict)
            ]
        else:
            pairs = [(n, (v, Source.RUN.value)) for n, v in (nb.get("parameters") or {}).items()]
        out |= {(report, name): found for name, found in pairs if name not in NOT_ASSUMPTIONS}
    return out


def _assumption_text(found: tuple[object, str] | None) -> str:
    """A recorded assumption as the comparison shows it: its value and where it came from
    ("0.4 (client profile)"; a value set for the run alone shows bare); :data:`DEFAULT` when
    the run recorded nothing for it."""
    if found is None:
        return DEFAULT
    value, source = found
    if source == Source.RUN:
        return str(value)
    return f"{value} ({SOURCE_WORDS.get(source, source).lower()})"


def _same(was: tuple[object, str] | None, now: tuple[object, str] | None) -> bool:
    """Whether an assumption kept its value: both recorded and equal, or one run did not
    record it (an older manifest records only what was set) and the other has the default."""
    if was is None or now is None:
        other = now if was is None else was
        return other is None or other[1] == Source.DEFAULT
    return was[0] == now[0]


def assumption_changes(before: dict, after: dict) -> list[dict]:
    """The assumptions whose value differs between two manifests, by report then name:
    ``report``, ``name`` (its label), ``before`` and ``after`` as text (value and source,
    :func:`_assumption_text`; :data:`DEFAULT` when the run did not record it)."""
    old, new = assumptions_of(before), assumptions_of(after)
    rows = []
    for report, name in sorted(set(old) | set(new)):
        was, now = old.get((report, name)), new.get((report, name))
        if not _same(was, now):
            rows.append(
                {
                    "report": report,
                    "name": label(name),
                    "before": _assumption_text(was),
                    "after": _assumption_text(now),
                }
            )
    return rows


def _why_missing(run: RunRecord, h: headlines.Headline, which: str) -> str:
    """Why ``run`` has no value for ``h`` ("" when it has one), ``which`` naming the run."""
    status = run.notebook_status(h.notebook)
    if status == "not run":
        return f"report {h.notebook[:2]} was not part of the {which} run"
    if status != "ok":
        return f"report {h.notebook[:2]} failed in the {which} run"
    return f"the {which} run's data could not give this figure"


def figure_row(h: headlines.Headline, older: RunRecord, newer: RunRecord) -> FigureRow:
    """Headline ``h`` in both runs, its change and verdict (see the module docstring)."""
    before, after = older.values[h.key], newer.values[h.key]
    why = [_why_missing(r, h, w) for r, v, w in ((older, before, "older"), (newer, after, "newer"))]
    why = [w for w, v in zip(why, (before, after), strict=True) if v is None]
    delta = headlines.change(h, before, after)
    if h.unit == "money" and delta is not None and older.currency != newer.currency:
        delta = None
        why.append(f"the runs are in different currencies ({older.currency}, {newer.currency})")
    return FigureRow(
        key=h.key,
        report=h.notebook,
        label=h.label,
        before=before,
        after=after,
        before_text=headlines.shown(h, before, older.currency),
        after_text=headlines.shown(h, after, newer.currency),
        change=delta,
        change_text=headlines.change_text(h, delta, newer.currency),
        verdict=headlines.verdict(h, delta),
        why="; ".join(why),
    )


def compare_runs(a: RunRecord, b: RunRecord) -> Comparison:
    """Runs ``a`` and ``b`` of one client compared, older first whatever the order given; a
    :class:`RunReadError` for runs of two different clients."""
    if a.client_id != b.client_id:
        raise RunReadError(
            f"{a.path} is a run of client '{a.client_id}' ({a.client_name}), {b.path} of "
            f"client '{b.client_id}' ({b.client_name}): playbook compare compares two runs of "
            "one client; to set clients side by side use playbook portfolio"
        )
    if a.path.resolve() == b.path.resolve():
        raise RunReadError(f"{a.path} is given twice: playbook compare compares two runs")
    older, newer = sorted((a, b), key=lambda r: (*r.order, str(r.path)))
    return Comparison(
        older=older,
        newer=newer,
        figures=[figure_row(h, older, newer) for h in headlines.HEADLINES],
        inputs=input_changes(
            older.manifest.get("inputs") or {}, newer.manifest.get("inputs") or {}
        ),
        assumptions=assumption_changes(older.manifest, newer.manifest),
    )


def what_changed(cmp: Comparison) -> list[str]:
    """The sentences that say where the differences can come from: the period, the data, the
    assumptions (each a plain sentence)."""
    old, new = cmp.older, cmp.newer
    lines = []
    if old.as_of == new.as_of:
        lines.append(f"Both runs hold data as of {long_date(old.as_of) or 'an unknown date'}.")
    else:
        was, now = (long_date(r.as_of) or "an unknown date" for r in (old, new))
        lines.append(f"The data moved from {was} to {now}.")
    inputs = cmp.inputs
    moved = [
        f"{plural(len(inputs[k]), 'file') if k == 'changed' else fmt_int(len(inputs[k]))} {k} "
        f"({name_list(inputs[k])})"
        for k in ("changed", "added", "removed")
        if inputs[k]
    ]
    if moved:
        lines.append("Data: " + ", ".join(moved) + f"; {fmt_count(inputs['unchanged'])}.")
    else:
        lines.append(f"Data: no input file changed ({fmt_count(inputs['unchanged'])}).")
    n = len(cmp.assumptions)
    besides = "" if old.as_of == new.as_of else " besides the as-of date"
    none = f"Assumptions: none changed{besides}."
    lines.append(f"Assumptions: {plural(n, 'value')} changed." if n else none)
    changed = [f for f in cmp.figures if f.change is not None and f.verdict != "same"]
    if changed:
        better = sum(f.verdict == "better" for f in changed)
        worse = sum(f.verdict == "worse" for f in changed)
        lines.append(
            f"Figures: {plural(len(changed), 'headline figure')} changed "
            f"({fmt_int(better)} better, {fmt_int(worse)} worse, "
            f"{fmt_int(len(changed) - better - worse)} neither better nor worse)."
        )
    else:
        lines.append("Figures: no headline figure changed.")
    return lines


def fmt_count(unchanged: int) -> str:
    """``3 unchanged`` (the count of unchanged input files)."""
    return f"{unchanged:,} unchanged"


def _run_facts(run: RunRecord, page: Path) -> dict:
    """A run as the page names it: as-of date, start, folder, link to its summary page."""
    index = RunFolder(run.path).index
    return {
        "as_of": long_date(run.as_of) or MISSING,
        "started": run.started.replace("T", " "),
        "name": run.path.name,
        "link": Path(os.path.relpath(index, page.parent)).as_posix() if index.exists() else "",
    }


def page_html(cmp: Comparison, page: Path) -> str:
    """The comparison as an offline HTML page to be written at ``page`` (the reports'
    stylesheet, every value escaped, links to both runs' summary pages)."""
    return render(
        "compare/page.html.j2",
        client=cmp.newer.client_name,
        older=_run_facts(cmp.older, page),
        newer=_run_facts(cmp.newer, page),
        summary=what_changed(cmp),
        figures=cmp.figures,
        any_missing=any(f.why for f in cmp.figures),
        inputs=cmp.inputs,
        assumptions=cmp.assumptions,
    )


def default_page(cmp: Comparison) -> Path:
    """Where the page goes unless told: beside the newer run, named after both runs."""
    return cmp.newer.path.parent / f"compare-{cmp.older.path.name}-to-{cmp.newer.path.name}.html"
