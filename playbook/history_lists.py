"""What is new since the previous run, list by list: the items a client follows by name.

Each function compares two runs' merged results (``results.json``, notebook → recorded
result) and returns one :class:`Change`: a heading, the report it belongs to, and its items
(each a sentence and ``better`` / ``worse`` / ""), or, when one of the runs does not hold what
the comparison needs, ``items`` ``None`` and the reason (lower-case, it follows "Cannot be
compared: "). An empty list means "compared: nothing
new". Partners are named as the reports name them (their partner-360 records); ids only when no
report of either run names them.

- **New gap items** (report 03): readiness items in this run's gap list (``figures.gaps``) and
  not in the previous run's; **gap items closed**: the reverse. Both need a scored readiness
  index in each run (without one there is no gap list: unknown, not empty).
- **Tier changes** (report 02): partners ranked in both runs whose MVP tier differs (better:
  towards Low-Hanging Fruit), and partners ranked for the first time.
- **Grade changes** (report 08): partners graded in both runs whose report-card grade differs
  (better: towards A).
- **Milestones completed / newly overdue** (report 08, ``figures.milestones``, one record per
  plan milestone, keyed by partner and milestone text): done now and not done (or not listed)
  before; overdue now and not overdue before.
- **Checklist items completed / newly overdue** (report 04, ``figures.checklist``, one record
  per channel-checklist item, keyed by its id): done now and not done (or not listed) before;
  overdue now and not overdue before.
- **Crossed payback** (report 01): partners whose investment is paid back in this run and was
  not in the previous one (``paid_back`` true now, false before; unknown is not false).
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook.acquisition import TIERS
from playbook.communication import Grade
from playbook.formatting import fmt_date

_01, _02, _03, _04, _08 = (
    "01-requirements-investment",
    "02-mvp-acquisition",
    "03-readiness",
    "04-organisation-buy-in",
    "08-partner-communication",
)


@dataclass(frozen=True)
class Change:
    """One "new since the previous run" list: ``heading``, the ``notebook`` it comes from,
    ``items`` (``{"text", "verdict"}``; ``None`` when it cannot be compared) and ``why`` (the
    reason it cannot, else "")."""

    heading: str
    notebook: str
    items: list[dict] | None
    why: str = ""


def _item(text: str, verdict: str = "") -> dict:
    return {"text": text, "verdict": verdict}


def _figures(results: dict, notebook: str) -> dict | None:
    """A report's recorded figures, ``None`` when the run has no such report."""
    found = results.get(notebook)
    return None if found is None else (found.get("figures") or {})


def _records(results: dict, notebook: str) -> dict[str, dict]:
    """A report's partner records by partner id."""
    rows = (results.get(notebook) or {}).get("partners") or []
    return {r["partner_id"]: r for r in rows if isinstance(r, dict) and r.get("partner_id")}


def names(*runs: dict) -> dict[str, str]:
    """Partner id → name, from every report's partner records of ``runs`` (later runs win)."""
    out: dict[str, str] = {}
    for results in runs:
        for result in results.values():
            for r in (result.get("partners") or []) if isinstance(result, dict) else []:
                if isinstance(r, dict) and r.get("partner_id") and r.get("partner"):
                    out[r["partner_id"]] = r["partner"]
    return out


def _unknown(heading: str, notebook: str, before, now) -> Change | None:
    """The :class:`Change` that says a list cannot be compared because one of the runs lacks
    its report (``before`` / ``now``: that report's entry or ``None``); ``None`` when both
    have it."""
    if now is None:
        return Change(heading, notebook, None, "this run has no such report.")
    if before is None:
        return Change(heading, notebook, None, "the previous run had no such report.")
    return None


def gap_changes(before: dict, now: dict) -> list[Change]:
    """New readiness gap items and gap items closed (see the module docstring)."""
    b, n = _figures(before, _03), _figures(now, _03)
    headings = ("New gap items", "Gap items closed")
    missing = _unknown(headings[0], _03, b, n)
    if missing:
        return [missing, Change(headings[1], _03, None, missing.why)]
    for figures, whose in ((n, "this run"), (b, "the previous run")):
        if figures.get("readiness_index") is None or not isinstance(figures.get("gaps"), list):
            why = f"no readiness answer was scored in {whose}, so it has no gap list."
            return [Change(h, _03, None, why) for h in headings]
    questions = {
        k: v
        for f in (b, n)
        if isinstance(f.get("gap_questions"), dict)
        for k, v in f["gap_questions"].items()
    }

    def text(item: str) -> str:
        return f"{item}: {questions[item]}" if questions.get(item) else item

    new = [_item(text(i), "worse") for i in n["gaps"] if i not in b["gaps"]]
    closed = [_item(text(i), "better") for i in b["gaps"] if i not in n["gaps"]]
    return [Change(headings[0], _03, new), Change(headings[1], _03, closed)]


def _moved(old: str, new: str, order: tuple) -> str:
    """``better`` when ``new`` comes before ``old`` in ``order`` (best first), else ``worse``."""
    return "better" if order.index(new) < order.index(old) else "worse"


def tier_changes(before: dict, now: dict) -> Change:
    """Partners whose MVP tier changed, and partners ranked for the first time (report 02)."""
    heading = "Partners that changed tier"
    b, n = _records(before, _02), _records(now, _02)
    missing = _unknown(heading, _02, before.get(_02), now.get(_02))
    if missing:
        return missing
    order = tuple(str(t) for t in TIERS)
    items = []
    for pid, rec in n.items():
        tier, name = rec.get("tier"), rec.get("partner") or pid
        old = (b.get(pid) or {}).get("tier")
        if tier not in order:
            continue
        if pid not in b:
            items.append(_item(f"{name}: ranked for the first time, {tier}"))
        elif old in order and old != tier:
            items.append(_item(f"{name}: {old} → {tier}", _moved(old, tier, order)))
    return Change(heading, _02, items)


def grade_changes(before: dict, now: dict) -> Change:
    """Partners whose report-card grade changed (report 08), partners graded for the first
    time and partners no longer graded (grades rank the graded partners against each other,
    so a partner joining or leaving the set moves the others)."""
    heading = "Partners that changed grade"
    missing = _unknown(heading, _08, before.get(_08), now.get(_08))
    if missing:
        return missing
    order = tuple(str(g) for g in Grade)
    b, n, items = _records(before, _08), _records(now, _08), []
    for pid in [*n, *(p for p in b if p not in n)]:
        rec = n.get(pid) or b.get(pid) or {}
        grade, old = (n.get(pid) or {}).get("grade"), (b.get(pid) or {}).get("grade")
        name = rec.get("partner") or pid
        if grade in order and old in order and grade != old:
            items.append(_item(f"{name}: grade {old} → {grade}", _moved(old, grade, order)))
        elif grade in order and old not in order:
            items.append(_item(f"{name}: graded for the first time, {grade}"))
        elif old in order and grade not in order:
            items.append(_item(f"{name}: no longer graded (was {old})"))
    return Change(heading, _08, items)


def _records_by(figures: dict | None, field: str, key) -> dict | None:
    """The records a report listed under ``figures[field]`` by ``key(record)``; ``None`` when
    the run recorded none."""
    rows = (figures or {}).get(field)
    if not isinstance(rows, list):
        return None
    return {key(r): r for r in rows if isinstance(r, dict)}


def _done_and_overdue(
    before: dict, now: dict, where: tuple[str, str, str, str], key, text
) -> list[Change]:
    """The two lists of a report's dated tasks (plan milestones, checklist items): done now
    and not done before, overdue now and not overdue before. ``where`` is (notebook, figure
    name, what the lists are called, what a run without them lacks), ``key(record)`` a task's
    identity across runs and ``text(key, record)`` how a task is named."""
    notebook, field, what, lacking = where
    headings = (f"{what.capitalize()} completed", f"{what.capitalize()} newly overdue")
    b = _records_by(_figures(before, notebook), field, key)
    n = _records_by(_figures(now, notebook), field, key)
    missing = _unknown(headings[0], notebook, before.get(notebook), now.get(notebook))
    if missing is None and (b is None or n is None):
        whose = "this run" if n is None else "the previous run"
        missing = Change(headings[0], notebook, None, f"{whose} recorded no {lacking}.")
    if missing:
        return [missing, Change(headings[1], notebook, None, missing.why)]
    done, overdue = [], []
    for k, rec in n.items():
        old = b.get(k) or {}
        if rec.get("done") and not old.get("done"):
            done.append(_item(text(k, rec), "better"))
        if rec.get("overdue") and not old.get("overdue"):
            due = f" (due {fmt_date(rec['due_date'])})" if rec.get("due_date") else ""
            overdue.append(_item(f"{text(k, rec)}{due}", "worse"))
    return [Change(headings[0], notebook, done), Change(headings[1], notebook, overdue)]


def milestone_changes(before: dict, now: dict, partner_names: dict[str, str]) -> list[Change]:
    """Plan milestones completed since the previous run, and milestones newly overdue
    (``figures.milestones`` of report 08, keyed by partner and milestone)."""
    return _done_and_overdue(
        before,
        now,
        (_08, "milestones", "milestones", "partner plan milestones"),
        lambda r: (r.get("partner_id"), r.get("milestone")),
        lambda k, _: f"{partner_names.get(k[0], k[0])}: {k[1]}",
    )


def checklist_changes(before: dict, now: dict) -> list[Change]:
    """Channel-checklist items completed since the previous run, and items newly overdue
    (``figures.checklist`` of report 04, keyed by item id)."""
    return _done_and_overdue(
        before,
        now,
        (_04, "checklist", "checklist items", "channel checklist"),
        lambda r: str(r.get("item_id")),
        lambda k, r: (r.get("task") or k) + (f", {r['owner']}" if r.get("owner") else ""),
    )


def payback_crossed(before: dict, now: dict) -> Change:
    """Partners whose investment is paid back now and was not at the previous run."""
    heading = "Partners that reached payback"
    missing = _unknown(heading, _01, before.get(_01), now.get(_01))
    if missing:
        return missing
    b = _records(before, _01)
    items = [
        _item(rec.get("partner") or pid, "better")
        for pid, rec in _records(now, _01).items()
        if rec.get("paid_back") is True and (b.get(pid) or {}).get("paid_back") is False
    ]
    return Change(heading, _01, items)


def changes(before: dict, now: dict) -> list[Change]:
    """Every "new since the previous run" list, in report order, between the merged results
    ``before`` (the previous run) and ``now``; lists of reports this run does not have are
    left out."""
    found = [
        payback_crossed(before, now),
        tier_changes(before, now),
        *gap_changes(before, now),
        *checklist_changes(before, now),
        grade_changes(before, now),
        *milestone_changes(before, now, names(before, now)),
    ]
    return [c for c in found if c.notebook in now]
