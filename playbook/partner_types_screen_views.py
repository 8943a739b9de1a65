"""Trend 6 — the report views of :mod:`playbook.partner_types_screen` and of the benchmark.

Display-ready tables and sentences for the "check box" partners, the program levels and the
entry package, and the client beside the best programs
(:func:`playbook.program_reference.benchmark`); the numbers and their definitions come from
:mod:`playbook.partner_types_screen` and :mod:`playbook.program_reference`.
"""

from __future__ import annotations

import pandas as pd

from playbook.formatting import MISSING, fmt_int, fmt_money, fmt_percent
from playbook.labels import label, label_values, plural
from playbook.partner_types_screen import CHECKBOX
from playbook.program_reference import MEASURES, Mark
from playbook.staff import manager_names


def checkbox_view(
    t: pd.DataFrame,
    partners: pd.DataFrame,
    staff: pd.DataFrame | None,
    invested: pd.Series,
    currency: str,
) -> pd.DataFrame:
    """The partners screened (:func:`checkbox_partners`), named, with how long since signing,
    their manager and the money recorded as invested in them (``invested`` by partner id;
    "—" when none is recorded)."""
    managers = manager_names(partners, staff)
    return pd.DataFrame(
        {
            "Partner": t["name"],
            "Type": label_values(t["type"]),
            "Signed": t["start_date"].dt.date.astype(str),
            "Months since signing": (t["days_since_signing"] / 30.4375).map(lambda v: f"{v:.0f}"),
            "Screen": t["screen"]
            .map({CHECKBOX: "Check box: no deal, no training"})
            .fillna("No deal; training not recorded"),
            "Manager": t["partner_id"].map(managers).fillna(MISSING),
            "Invested so far": t["partner_id"].map(invested).map(lambda v: fmt_money(v, currency)),
        }
    )


def checkbox_text(summary: dict, min_days: int) -> str:
    """One sentence: how many partners signed at least ``min_days`` ago are check boxes."""
    if not summary["eligible"]:
        return (
            f"No active partner was signed at least {fmt_int(min_days)} days before the as-of "
            "date within the deals' history, so none can be screened yet."
        )
    text = (
        f"{fmt_int(summary['checkbox'])} of {plural(summary['eligible'], 'partner')} signed at "
        f"least {fmt_int(min_days)} days ago {'has' if summary['checkbox'] == 1 else 'have'} "
        "had no deal and no training since signing"
    )
    if summary["unknown"]:
        text += (
            f"; {plural(summary['unknown'], 'more partner')} without a deal cannot be judged: "
            "their training is not recorded (trainings file or the partners' trained column)"
        )
    return text + "."


def levels_view(t: pd.DataFrame, currency: str) -> pd.DataFrame:
    """The program levels (:func:`levels_table`), lowest rank first, formatted."""
    return pd.DataFrame(
        {
            "Level": t["name"],
            "Rank": t["rank"].map(fmt_int),
            "Annual fee": t["annual_fee"].map(lambda v: fmt_money(v, currency)),
            "What the partner gets": t["package"].fillna(MISSING),
            "List value of the package": t["package_value"].map(lambda v: fmt_money(v, currency)),
            "Fee as a share of list value": t["share_of_value"].map(fmt_percent),
            "Certification needed": t["min_certification"].map(label).replace("", "None needed"),
            "Active partners at this level": t["partners"].map(fmt_int),
        }
    )


def levels_text(t: pd.DataFrame, summary: dict, currency: str) -> str:
    """The cheapest way in and how many active partners could not be placed."""
    entry = t[t["level_id"] == summary["cheapest"]].iloc[0]
    fee = (
        "free" if entry["annual_fee"] == 0 else f"{fmt_money(entry['annual_fee'], currency)} a year"
    )
    text = f"The cheapest way into the program is {entry['name']} ({fee})"
    if pd.notna(entry["share_of_value"]):
        text += f", {fmt_percent(entry['share_of_value'])} of the list value of what it gives"
    n = int(entry["partners"])
    text += f"; {plural(n, 'active partner')} {'sits' if n == 1 else 'sit'} at it"
    if summary["not_placed"]:
        text += (
            f"; {plural(summary['not_placed'], 'active partner')} could not be placed (no "
            "certification level recorded, or below every level's requirement)"
        )
    return text + "."


def _value(key: str, v) -> str:
    if v is None or pd.isna(v):
        return MISSING
    return fmt_percent(v) if MEASURES[key].unit == "share" else f"{fmt_int(v)} days"


def benchmark_view(t: pd.DataFrame, mark_notes: dict[str, str] | None = None) -> pd.DataFrame:
    """The client beside the best programs (:func:`playbook.program_reference.benchmark`):
    each measure, the client's value, the mark and where it comes from (the playbook's mark, or
    ``mark_notes`` for a mark set from the client's own data), the standing, and the best
    profiled program."""
    notes = mark_notes or {}
    return pd.DataFrame(
        {
            "Measure": t["label"],
            "Client": [_value(k, v) for k, v in zip(t["measure"], t["client"], strict=True)],
            "Mark": [_value(k, v) for k, v in zip(t["measure"], t["mark"], strict=True)],
            "Mark from": t["measure"].map(lambda k: notes.get(k, "Playbook mark")),
            "Against the mark": t["standing"].map(label),
            "Best profiled program": [
                f"{p}: {_value(k, v)}" if p else "No program profiled"
                for k, v, p in zip(t["measure"], t["best_profiled"], t["best_program"], strict=True)
            ],
            "Against the best": t["against_best"].map(lambda s: label(s) if s else MISSING),
            "Programs profiled": t["programs"].map(fmt_int),
            "Also in the reference profile (04)": t["element"].map(
                lambda e: f"Yes: {label(e).lower()}" if e else "No"
            ),
        }
    )


def mark_notes(marks: dict[str, float]) -> dict[str, str]:
    """Where each mark set from the client's own data (:func:`own_marks`) comes from."""
    words = {"partner_win_rate": "Win rate without a partner (this client)"}
    return {k: words[k] for k in marks}


def benchmark_findings(t: pd.DataFrame) -> list[str]:
    """One sentence: measures short of the mark, named; nothing when none is known."""
    known = t[t["standing"] != Mark.NOT_KNOWN]
    if not len(known):
        return []
    short = known[known["standing"] == Mark.SHORT]
    text = (
        f"Against the benchmark of the best programs, {fmt_int(len(known) - len(short))} of "
        f"{plural(len(known), 'measure')} the data gives meet the mark"
    )
    if len(short):
        text += f"; short: {', '.join(short['label'].str.lower())}"
    return [text + "."]


def definitions(min_days: int) -> list[str]:
    """ "How these figures are defined" for the check-box, levels and benchmark sections."""
    return [
        f"Check-box partner: an active partner signed at least {fmt_int(min_days)} days before "
        "the as-of date (and watched that long in the deals' history) with no deal of any stage "
        "naming it and no training of its staff on our product since signing. Without a "
        "training record the partner is listed but not called a check box.",
        "Program levels: a partner sits at the highest level whose certification it holds; the "
        "cheapest way in is the level with the lowest annual fee.",
        "Benchmark: the client's figures beside a mark the playbook sets as a starting point "
        "(not a survey figure) and beside the programs the client profiled itself "
        "(the benchmark programs file). The reference profile of report 04 lists what a well-run "
        "program has; this benchmark gives the figures the best programs reach.",
    ]
