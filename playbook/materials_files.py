"""The workshop materials written as files: printable HTML and editable Excel workbooks.

What each material holds is :mod:`playbook.materials`; here it becomes pages (jinja2 templates
under ``templates/materials/``, every value escaped, print rules for A4) and workbooks
(openpyxl: a sheet named after the workspace table it fills, bold frozen headers, drop-down
lists for scores and statuses, client text kept as text, never a formula, and a "How to fill
in" sheet). :func:`write_materials` writes them all into one folder; :func:`write_agenda`
writes the agenda alone (the run folder's copy, linked from the summary page).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from playbook import materials
from playbook.formatting import name_list
from playbook.fragments import render
from playbook.labels import label, plural
from playbook.schema import CHECKLIST_STATUSES, TASK_STATUSES

#: The files :func:`write_materials` writes, by material.
FILES = {
    "agenda": "workshop-agenda.html",
    "questionnaire": "readiness-questionnaire.html",
    "questionnaire_book": "readiness-questionnaire.xlsx",
    "checklist": "channel-checklist.html",
    "checklist_book": "channel-checklist.xlsx",
    "plans": "partner-plans.html",
    "plans_book": "partner-plans.xlsx",
    "outsourcing": "outsourcing-questions.html",
    "outsourcing_book": "outsourcing-questions.xlsx",
    "engagement": "partner-questions.html",
    "engagement_book": "partner-questions.xlsx",
}
#: The printed page that fills each table the agenda names.
PAGE_OF = {
    "readiness": "questionnaire",
    "checklist": "checklist",
    "plans": "plans",
    "outsourcing": "outsourcing",
    "engagement_answers": "engagement",
}

SCALE = (
    "Score each question from 0 (not at all) to 5 (fully in place). Mark n/a when the question "
    "does not apply to us; leave it blank when you do not know (a blank is never read as 0). "
    "Note the evidence: a document, a figure, a name."
)


def _client(ws) -> str:
    return "" if ws is None else ws.profile.name


# --------------------------------------------------------------------------- the agenda


def _supplied(t: materials.Prework) -> tuple[str, str]:
    """What the agenda says a client supplied for one table, and its style."""
    if t.rows:
        return plural(t.rows, "row"), "supplied"
    return ("required, missing" if t.required else "not yet"), "missing"


def agenda_html(ws=None, as_of: str = "", links: bool = True) -> str:
    """The printable workshop agenda (:func:`playbook.materials.agenda`); ``links`` makes each
    material a link to its page in the same folder."""
    known = ws is not None
    sessions = []
    for s in materials.agenda(ws):
        tables = []
        for t in s.tables:
            text, css = _supplied(t) if known else ("", "")
            page = PAGE_OF.get(t.table)
            tables.append(
                {
                    "file": t.file,
                    "holds": t.holds,
                    "needed": "Required" if t.required else "Optional",
                    "material": t.material,
                    "link": FILES[page] if links and page else "",
                    "supplied": text,
                    "css": css,
                    "blank": [label(c) for c in t.blank_columns] if t.rows else [],
                }
            )
        settings = [
            (
                label(name),
                {"text": "set" if state else "not set", "css": "supplied" if state else "missing"}
                if known
                else {"text": "", "css": ""},
            )
            for name, state in s.settings.items()
        ]
        sessions.append(
            {
                "number": s.number,
                "title": s.title,
                "about": s.about,
                "tables": tables,
                "settings": settings,
            }
        )
    return render(
        "materials/agenda.html.j2",
        title="Workshop agenda",
        client=_client(ws),
        as_of=as_of,
        client_known=known,
        sessions=sessions,
        intro=(
            "The eight trends in the order the workshop takes them. For each, what the client "
            "brings beforehand: the files (one CSV per table, or one sheet each of an Excel "
            "workbook; every column is defined in the data dictionary), the questionnaire or "
            "template that fills some of them, and the profile settings the trend reads."
            + (" Beside each, what this client has supplied so far." if known else "")
        ),
        footnote=(
            "Only the partners and deals files are required; a trend whose optional file is "
            "missing still runs and says which file would complete it."
        ),
    )


def write_agenda(ws, file: Path, as_of: str = "", links: bool = False) -> Path:
    """Write the agenda page to ``file`` (no links to the other materials by default: a run
    folder holds the agenda alone)."""
    file.write_text(agenda_html(ws, as_of, links), encoding="utf-8")
    return file


# --------------------------------------------------------------------------- the pages


def _choices(score, marked: str) -> list[dict]:
    """The boxes of one question: 0–5 and n/a, the respondent's last answer chosen."""
    chosen = None if pd.isna(score) else float(score)
    boxes = [{"text": str(i), "chosen": chosen == i} for i in range(6)]
    return boxes + [{"text": "n/a", "chosen": marked == "yes"}]


def _heading(who: str | None) -> str:
    if who is None:
        return "Questionnaire for a new respondent (name: ____________________)"
    if who == materials.UNNAMED:
        return "The answers on file (no respondent named)"
    return f"Questionnaire of {who} (last answers marked)"


def questionnaire_html(ws=None, as_of: str = "") -> str:
    """The printable readiness questionnaire: one sheet per respondent, by dimension."""
    sheets = []
    for who, rows in materials.questionnaires(ws):
        dims = []
        for name, part in rows.groupby("dimension", sort=False):
            dims.append(
                {
                    "name": name,
                    "rows": [
                        {
                            "item_id": r.item_id,
                            "question": r.question,
                            "choices": _choices(r.score, r.not_applicable),
                            "evidence": r.evidence,
                        }
                        for r in part.itertuples()
                    ],
                }
            )
        sheets.append({"heading": _heading(who), "dimensions": dims})
    return render(
        "materials/questionnaire.html.j2",
        title="Readiness questionnaire",
        client=_client(ws),
        as_of=as_of,
        sheets=sheets,
        how=SCALE,
    )


def checklist_html(ws=None, as_of: str = "") -> str:
    """The printable channel checklist, by category, each item's status marked."""
    rows = materials.checklist_template(ws)
    categories = [
        {
            "name": name,
            "rows": [
                {
                    "item_id": r.item_id,
                    "task": r.task,
                    "owner": r.owner,
                    "due_date": r.due_date,
                    "completed_date": r.completed_date,
                    "choices": [
                        {"text": label(s), "chosen": r.status == s} for s in CHECKLIST_STATUSES
                    ],
                }
                for r in part.itertuples()
            ],
        }
        for name, part in rows.groupby("category", sort=False)
    ]
    return render(
        "materials/checklist.html.j2",
        title="Channel checklist",
        client=_client(ws),
        as_of=as_of,
        categories=categories,
        how=(
            "The playbook's default items and the client's own. Name an owner and a due date "
            "for each, and mark its status; mark Not applicable for an item that does not apply "
            "to us (it is then left out of completion and overdue counts)."
        ),
    )


def plans_html(ws=None, as_of: str = "") -> str:
    """The printable partner plans: one page per partner without a plan."""
    rows = materials.plan_template(ws, as_of or None)
    done = materials.planned(ws)
    plans = [
        {
            "partner": name or "Partner: ____________________",
            "today": part["current_state"].iloc[0],
            "owner": part["owner"].iloc[0],
            "milestones": len(part),
        }
        for name, part in rows.groupby("partner", sort=False)
    ]
    return render(
        "materials/plans.html.j2",
        title="Partner plans",
        client=_client(ws),
        as_of=as_of,
        plans=plans,
        statuses=[label(s) for s in TASK_STATUSES],
        how=(
            "Agree with the partner the issue it has, where it is today and where it wants to "
            "be, then the milestones that get it there, each with a due date and an owner."
        ),
        none_text="Every active partner already has a plan.",
        left_out=(
            f"One page per active partner without a plan, by name. Left out: "
            f"{plural(len(done), 'partner')} with a plan already ({name_list(done)})."
            if done
            else ""
        ),
    )


# --------------------------------------------------------------------------- the workbooks


def _sheet(book: Workbook, name: str, frame: pd.DataFrame, widths: dict[str, int]) -> None:
    """Add sheet ``name`` holding ``frame``: bold frozen headers, text that starts like a
    formula kept as text, column widths for reading."""
    sheet = book.create_sheet(name)
    sheet.append(list(frame.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in frame.itertuples(index=False):
        sheet.append([None if isinstance(v, float) and pd.isna(v) else v for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for i, col in enumerate(frame.columns):
        letter = sheet.cell(row=1, column=i + 1).column_letter
        sheet.column_dimensions[letter].width = widths.get(col, 14)


def _validate(book: Workbook, sheet: str, frame: pd.DataFrame, column: str, rule) -> None:
    """Apply data validation ``rule`` to ``column`` of ``sheet`` (rows 2 to the last + 200,
    so added rows are checked too)."""
    ws = book[sheet]
    letter = ws.cell(row=1, column=list(frame.columns).index(column) + 1).column_letter
    ws.add_data_validation(rule)
    rule.add(f"{letter}2:{letter}{len(frame) + 201}")


def _readme(book: Workbook, lines: list[str]) -> None:
    """The first sheet, "How to fill in": one line per row."""
    sheet = book.active
    sheet.title = "How to fill in"
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True)
    sheet.column_dimensions["A"].width = 110


def _choice(values) -> DataValidation:
    """A drop-down list of ``values`` that refuses anything else."""
    return _refusing(
        DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True),
        "one of " + ", ".join(values),
    )


def _refusing(rule: DataValidation, expected: str) -> DataValidation:
    """``rule`` with Excel's error message on: a value outside it is refused, saying what is
    expected."""
    rule.showErrorMessage = True
    rule.errorTitle = "Not a valid value"
    rule.error = f"Expected {expected}."
    return rule


def questionnaire_book(ws, file: Path) -> Path:
    """The editable questionnaire: sheet ``readiness``, every respondent's rows one below the
    other (pre-filled where the client has answers), then a blank set for a new respondent."""
    rows = pd.concat([q for _, q in materials.questionnaires(ws)], ignore_index=True)
    book = Workbook()
    _readme(
        book,
        [
            "Readiness questionnaire",
            SCALE.replace("Mark n/a", "Write yes under not_applicable"),
            "Write your name in the respondent column of each of your rows. Several people may "
            "answer: report 03 scores each question by the median of their answers and flags "
            "questions on which they are 2 points or more apart.",
            "The filled rows of every respondent are the workspace's readiness table: save "
            "this sheet as readiness.csv (or copy it into the workspace's workbook). The "
            "columns dimension and question are there to read; the playbook ignores them.",
        ],
    )
    _sheet(book, "readiness", rows, {"question": 60, "evidence": 40, "dimension": 22})
    _validate(book, "readiness", rows, "not_applicable", _choice(["yes", "no"]))
    score = DataValidation(type="decimal", operator="between", formula1="0", formula2="5")
    score.allow_blank = True
    _validate(book, "readiness", rows, "score", _refusing(score, "a score from 0 to 5, or blank"))
    book.save(file)
    return file


def checklist_book(ws, file: Path) -> Path:
    """The editable channel checklist: sheet ``checklist`` with a status list."""
    rows = materials.checklist_template(ws)
    book = Workbook()
    _readme(
        book,
        [
            "Channel checklist",
            "Fill owner and due date (YYYY-MM-DD) and keep status up to date: "
            + ", ".join(CHECKLIST_STATUSES)
            + ". not_applicable leaves an item out of report 04's counts.",
            "Add the client's own items below with new ids. Save the sheet as checklist.csv "
            "(or copy it into the workspace's workbook).",
        ],
    )
    _sheet(book, "checklist", rows, {"task": 60, "category": 14, "owner": 20})
    _validate(book, "checklist", rows, "status", _choice(CHECKLIST_STATUSES))
    book.save(file)
    return file


def plans_book(ws, file: Path, as_of: str = "") -> Path:
    """The editable partner plans: sheet ``plans``, milestone rows to fill per partner."""
    rows = materials.plan_template(ws, as_of or None)
    book = Workbook()
    _readme(
        book,
        [
            "Partner plans",
            "One row per milestone: repeat the partner's issue on each; check today "
            "(current_state, pre-filled from the deals), fill the target (target_state), the "
            "milestone, its due date and owner. Delete the rows you do not use.",
            "Save the sheet as plans.csv (or copy it into the workspace's workbook); the "
            "column partner is there to read, the playbook ignores it.",
        ],
    )
    _sheet(book, "plans", rows, {"issue": 40, "milestone": 40, "partner": 24})
    _validate(book, "plans", rows, "status", _choice(TASK_STATUSES))
    book.save(file)
    return file


# --------------------------------------------------------------------------- all of them


def write_materials(ws, folder: Path, as_of: str = "") -> list[Path]:
    """Write every workshop material of ``ws`` (None: the blank ones for a new workspace) into
    ``folder`` (created if needed); returns the files written, agenda first."""
    from playbook import materials_forms  # it builds on this module's helpers

    folder.mkdir(parents=True, exist_ok=True)
    pages = {
        "agenda": lambda: agenda_html(ws, as_of),
        "questionnaire": lambda: questionnaire_html(ws, as_of),
        "checklist": lambda: checklist_html(ws, as_of),
        "plans": lambda: plans_html(ws, as_of),
        "outsourcing": lambda: materials_forms.outsourcing_html(ws, as_of),
        "engagement": lambda: materials_forms.engagement_html(ws, as_of),
    }
    written = []
    for key, page in pages.items():
        file = folder / FILES[key]
        file.write_text(page(), encoding="utf-8")
        written.append(file)
    written.append(questionnaire_book(ws, folder / FILES["questionnaire_book"]))
    written.append(checklist_book(ws, folder / FILES["checklist_book"]))
    written.append(plans_book(ws, folder / FILES["plans_book"], as_of))
    written.append(materials_forms.outsourcing_book(ws, folder / FILES["outsourcing_book"]))
    written.append(materials_forms.engagement_book(ws, folder / FILES["engagement_book"], as_of))
    return written
