"""Trend 7 — the report views of where the program sits, the stack and measured mindshare.

Display-ready tables and sentences for the sections built on :mod:`playbook.landscape_org`
(reporting lines, the outsourcing question set), :mod:`playbook.landscape_stack` (stack
positions) and :mod:`playbook.landscape_mindshare` (measured mindshare), and their lines of
"How these figures are defined". Every code reaches the page through :func:`playbook.labels.label`.
"""

from __future__ import annotations

import re

import pandas as pd

from playbook import landscape_mindshare as lm
from playbook import landscape_org as lo
from playbook.formatting import CELL_NAMES, MISSING, fmt_int, fmt_percent, name_list
from playbook.labels import label, label_values, plural
from playbook.landscape import current, quadrant

#: The two lines of advice the reporting lines are checked against, in plain words.
ADVICE = {
    "reports_into": "Reports into business development or sales",
    "integrated_with": "Works hand in hand with product management",
}


def functions_text(codes: str) -> str:
    """ "sales, product_management" → "Sales, Product management"; "" → "Not stated"."""
    names = [label(c.strip()) for c in codes.split(",") if c.strip()]
    return ", ".join(names) if names else "Not stated"


def reporting_view(lines: pd.DataFrame) -> pd.DataFrame:
    """The reporting-line checks (:func:`~playbook.landscape_org.reporting_lines`)."""
    return pd.DataFrame(
        {
            "What the seed report advises": lines["advice"].map(ADVICE),
            "What the profile says": lines["stated"].map(functions_text),
            "Check": lines["check"].astype(str),
        }
    )


def units_text(units: pd.Series, reports_to: str | None = None) -> str:
    """One sentence: where the program's people sit according to the staff file; "" when the
    staff file places nobody in an organisation unit (nothing to set beside the profile).
    With ``reports_to`` (a function code), how many sit in the unit of that name (matched
    ignoring case, spaces and hyphens: "Business Development" is ``business_development``);
    none there is a point to discuss with the client."""
    if not len(units) or not any(units.index):
        return ""
    parts = [f"{unit or 'no organisation unit'} {fmt_int(n)}" for unit, n in units.items()]
    text = (
        f"Where the program's {plural(int(units.sum()), 'person', 'people')} sit according "
        f"to the staff file: {', '.join(parts)}."
    )
    if not reports_to:
        return text
    codes = [re.sub(r"[\s-]+", "_", str(u).strip().lower()) for u in units.index]
    there = int(sum(n for code, n in zip(codes, units, strict=True) if code == reports_to))
    function = label(reports_to).lower()
    if there:
        return text + f" {fmt_int(there)} of them in {function}, where the program reports."
    return text + (
        f" None of them in {function}, where profile.yaml says the program reports: to "
        "discuss with the client."
    )


def stack_view(table: pd.DataFrame) -> pd.DataFrame:
    """Stack positions (:func:`~playbook.landscape_stack.positions`), one row each."""
    return pd.DataFrame(
        {
            "Position in the stack": table["position"].map(label),
            "Active partners": table["active"],
            "Candidates": table["candidates"],
            "Active partners, by name": table["active_names"].replace("", MISSING),
            "Candidates, by name": table["candidate_names"].replace("", MISSING),
        }
    )


def stack_text(table: pd.DataFrame, both: bool) -> str:
    """One sentence on the program's reach up and down the stack."""
    active = table.set_index("position")["active"]
    counts = ", ".join(
        f"{fmt_int(active.get(p, 0))} {label(p).lower()}" for p in ("above", "below", "beside")
    )
    if both:
        return f"Active partners in the stack: {counts}; the program reaches both up and down."
    missing = "below" if active.get("above", 0) else "above"
    return (
        f"Active partners in the stack: {counts}; none sits {missing} us, so the program "
        "reaches in one direction only."
    )


def stack_shark_view(crosstab: pd.DataFrame) -> pd.DataFrame:
    """Shark or remora by stack position (:func:`~playbook.landscape_stack.shark_by_position`),
    outcomes nobody has left out."""
    out = crosstab.loc[:, crosstab.sum(axis=0) > 0]
    out = out.reset_index(drop=False).rename(columns={"stack": "Position in the stack"})
    out.columns.name = None
    out["Position in the stack"] = out["Position in the stack"].map(label)
    return out


def _direction(crosstab: pd.DataFrame, position: str, words: str) -> str:
    """ "Up the stack we are the shark of 14 of 27 partners and the remora of none"."""
    if position not in crosstab.index:
        return f"{words} we have no partner"
    row = crosstab.loc[position]
    n = int(row.sum())
    parts = []
    for outcome, role in (("We are the shark", "shark"), ("We are the remora", "remora")):
        k = int(row.get(outcome, 0))
        share = f"{fmt_int(k)} of {plural(n, 'partner')}" if k else "none"
        parts.append(f"the {role} of {share}")
    return f"{words} we are " + " and ".join(parts)


def stack_shark_text(crosstab: pd.DataFrame) -> str:
    """One sentence: which of us is the shark above and below us in the stack
    (:func:`~playbook.landscape_stack.shark_by_position`)."""
    return (
        _direction(crosstab, "above", "Up the stack")
        + "; "
        + _direction(crosstab, "below", "down the stack")
        + "."
    )


def _pct(v) -> str:
    return MISSING if v is None or pd.isna(v) else fmt_percent(float(v) / 100)


def _level(v) -> str:
    return label(v) if isinstance(v, str) else MISSING


def _signal(value: str, level) -> str:
    """ "62% (high)"; a missing value "—"."""
    return MISSING if value == MISSING else f"{value} ({_level(level).lower()})"


#: Columns of :func:`mindshare_view` shown on screen (the workbook has every column).
MINDSHARE_SCREEN = [
    "Partner",
    "Rated",
    "Measured",
    "Responsiveness",
    "Our share of their business",
    "Certification",
    "Open joint deals",
    "Rated against measured",
]


def mindshare_view(m: pd.DataFrame) -> pd.DataFrame:
    """Measured mindshare per active partner (:func:`~playbook.landscape_mindshare.measure`):
    rated, measured, each signal with its level, and how rating and measure compare."""
    return pd.DataFrame(
        {
            "Partner": m["name"],
            "Rated": m["rated"].map(_level),
            "Measured": m["measured"].map(_level),
            "Responsiveness": [
                _signal(_pct(v), lv)
                for v, lv in zip(m["responsiveness"], m["responsiveness_level"], strict=True)
            ],
            "Our share of their business": [
                _signal(_pct(v), lv)
                for v, lv in zip(m["share_of_business"], m["share_of_business_level"], strict=True)
            ],
            "Certification": [
                _signal(label(v), lv) if isinstance(v, str) else MISSING
                for v, lv in zip(m["certification"], m["certification_level"], strict=True)
            ],
            "Open joint deals": [
                _signal(fmt_int(v), lv)
                for v, lv in zip(m["open_joint_deals"], m["open_joint_deals_level"], strict=True)
            ],
            "Rated against measured": m["agreement"].astype(str),
            "Signals measured": m["signals"],
            "Responsiveness from": m["responsiveness_source"].map(
                lambda s: {"communications": "Communications to the partner"}.get(
                    s, "Partners file" if s else MISSING
                )
            ),
        }
    )


def mindshare_summary(m: pd.DataFrame) -> pd.DataFrame:
    """Active partners per outcome of rated against measured, with their names."""
    rows = []
    for outcome in lm.ORDER:
        names = m.loc[m["agreement"] == outcome, "name"]
        if len(names):
            rows.append(
                {
                    "Rated against measured": str(outcome),
                    "Partners": len(names),
                    "Who": name_list(sorted(names), CELL_NAMES),
                }
            )
    return pd.DataFrame(rows, columns=["Rated against measured", "Partners", "Who"])


def outsourcing_view(scored: pd.DataFrame) -> pd.DataFrame:
    """The question set with the client's answers (:func:`~playbook.landscape_org.
    outsourcing_answers`): a blank is "Not answered", never 0."""
    return pd.DataFrame(
        {
            "Question": scored["title"],
            "Statement (5 favours outsourcing)": scored["question"],
            "Score (0–5)": [
                f"{s:g}" if st == "answered" else st.capitalize()
                for s, st in zip(scored["score"], scored["status"], strict=True)
            ],
            "Evidence": scored["evidence"],
        }
    )


def questions_view() -> pd.DataFrame:
    """The question set to score with the client, without answers (no outsourcing file)."""
    return pd.DataFrame(
        {
            "Question": [t for t, _ in lo.QUESTIONS.values()],
            "Statement (5 favours outsourcing)": [q for _, q in lo.QUESTIONS.values()],
        }
    )


def outsourcing_text(case: float, verdict: lo.Verdict, scored: pd.DataFrame) -> str:
    """One sentence: the case for outsourcing, its verdict and what was left out."""
    answered = int((scored["status"] == "answered").sum())
    skipped = int((scored["status"] == "not applicable").sum())
    blank = int((scored["status"] == "not answered").sum())
    out = []
    if skipped:
        out.append(f"{fmt_int(skipped)} not applicable")
    if blank:
        out.append(f"{fmt_int(blank)} not answered")
    left = f" ({', '.join(out)}, left out)" if out else ""
    if verdict == lo.Verdict.TOO_FEW:
        return (
            f"{fmt_int(answered)} of {plural(len(scored), 'question')} answered{left}: at least "
            f"{lo.MIN_ANSWERED} are needed to judge the case for outsourcing."
        )
    return (
        f"Case for outsourcing the program's management: {fmt_percent(case / 100, 0)} from "
        f"{plural(answered, 'answered question')}{left}. {verdict}."
    )


def capacity_text(per_fte: float) -> str:
    """The data point beside the capacity question: active partners per program FTE."""
    if per_fte is None or pd.isna(per_fte):
        return (
            "Active partners per program FTE: — (the staff file lists no program staff on "
            "board at the as-of date)."
        )
    return (
        f"From the data: {per_fte:.1f} active partners per full-time-equivalent person of the "
        "program team, to set beside the answers on capacity and several contacts."
    )


def definitions() -> list[str]:
    """The lines of "How these figures are defined" for the sections of this module."""
    return [
        "Reporting lines: the function the program reports into and those it works with, as "
        "profile.yaml states them, checked against the advice to report into business "
        "development or sales and to work hand in hand with product management; a line not "
        "stated is not judged.",
        "Stack position: above us (built on ours, or sells and implements ours), below us "
        "(ours is built on or runs on theirs) or beside us (a complementary peer), as the "
        "partners file states it.",
        "Measured mindshare: four signals, each low, medium or high — responsiveness "
        f"(high from {lm.RESPONSIVE_HIGH:g}%, medium from {lm.RESPONSIVE_MEDIUM:g}%; from the "
        "communications sent to the partner in the window, else the partners file), our "
        f"share of their business (high from {lm.SHARE_HIGH:g}%, medium from "
        f"{lm.SHARE_MEDIUM:g}%), certification on our products (certified medium, advanced "
        "or expert high) and joint deals open at the as-of date (none low; below the median "
        "of partners with any medium, else high). Their mean makes the measure, from "
        f"{lm.MIN_SIGNALS} signals; a missing signal is left out, never counted as low.",
        "Case for outsourcing: the mean answer (0–5) of the answered questions ÷ 5; from "
        f"{lo.STRONG_CASE:g}% a strong case, from {lo.PARTIAL_CASE:g}% a partial one; "
        f"judged from {lo.MIN_ANSWERED} answers. Not answered and not applicable questions "
        "are left out, never scored 0.",
    ]


#: Caption of :func:`companies_view`, the table the name cells of report 07 refer to.
COMPANIES = "Active partners and candidates, company by company"
#: Added to the caption of a table whose cells list names (at most
#: :data:`~playbook.formatting.CELL_NAMES` a cell, :func:`~playbook.formatting.name_list`).
NAMES_NOTE = f"each cell names up to {CELL_NAMES}, the rest counted"


def names_caption(caption: str, rest: str = COMPANIES) -> str:
    """``caption`` with where a name cell's rest is: "… (each cell names up to 10, the rest
    counted; every one in 'Active partners and candidates, company by company')"."""
    return f"{caption} ({NAMES_NOTE}; every one in the table '{rest}')"


def companies_view(partners: pd.DataFrame, midpoint: float = 3) -> pd.DataFrame:
    """Every active partner and candidate (inactive ones are out of the landscape), by name:
    its status and, for each of these the partners file holds, its category, its quadrant of
    the interest and influence grid (:func:`playbook.landscape.quadrant` at ``midpoint``) and
    its position in our stack. A blank category or position is "Not stated", never guessed."""
    p = current(partners).sort_values("name", kind="stable")
    out = pd.DataFrame({"Company": p["name"], "Status": label_values(p["status"])})
    if "category" in p and p["category"].notna().any():
        out["Category"] = p["category"].fillna("Not stated")
    if {"interest", "influence"} <= set(p) and p[["interest", "influence"]].notna().any().all():
        out["Quadrant"] = [
            str(quadrant(i, f, midpoint))
            for i, f in zip(p["interest"], p["influence"], strict=True)
        ]
    if "stack_position" in p and p["stack_position"].notna().any():
        out["Position in the stack"] = [
            label(v) if pd.notna(v) else "Not stated" for v in p["stack_position"]
        ]
    return out.reset_index(drop=True)
