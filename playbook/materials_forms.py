"""The workshop's two question-set forms: outsourcing (trend 7) and value / transaction partners
(trend 8), each a printable page and an editable workbook (``playbook materials``).

* **Outsourcing questions** (:func:`outsourcing_form`): the eight statements of
  :data:`playbook.landscape_org.QUESTIONS` in order, each scored 0–5 by the client (5 favours
  outsourcing), with a "not applicable" mark and the evidence; pre-filled with the client's
  answers in the ``outsourcing`` table. The editable file has that table's columns (the title
  and the statement beside the id, for reading).
* **Value and transaction partner questions** (:func:`engagement_form`): per active partner and
  classed candidate, by name, the questions of the set of its engagement model
  (:data:`playbook.communication_questions.QUESTIONS`), the model as trend 8 classes it at the
  as-of date (:func:`playbook.communication.engagement` over the 12 months to it, with the
  manual class of ``partners.engagement_model``; a candidate by
  :func:`playbook.communication_personas.classify_candidates`), pre-filled with its answers in
  ``engagement_answers``. No client: one blank value set and one blank transaction set. The
  editable file has the ``engagement_answers`` columns (partner name, model, topic and question
  beside the ids, for reading).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from playbook import communication, communication_personas, landscape_org
from playbook.communication_questions import question_bank
from playbook.deals import ReportingWindow, latest_deal_date
from playbook.fragments import render
from playbook.labels import label
from playbook.materials_files import (
    SCALE,
    _choice,
    _choices,
    _client,
    _readme,
    _refusing,
    _sheet,
    _validate,
)

#: Months of deals trend 8 classes a partner on (its notebook's ``window_months`` default).
CLASS_MONTHS = 12

OUTSOURCING_COLUMNS = ["item_id", "title", "question", "score", "not_applicable", "evidence"]
ENGAGEMENT_COLUMNS = [
    "partner",
    "partner_id",
    "model",
    "item_id",
    "topic",
    "question",
    "score",
    "not_applicable",
    "evidence",
]


def _mark(value) -> str:
    """ "yes" for a not-applicable mark on file, else blank."""
    return "yes" if value is not None and not pd.isna(value) and bool(value) else ""


def _given(ws, name: str, keys: list[str]) -> pd.DataFrame:
    """The client's answers in table ``name`` (last per ``keys``), indexed by ``keys``."""
    cols = [*keys, "score", "not_applicable", "evidence"]
    if ws is None or not ws.has(name):
        return pd.DataFrame(columns=cols).set_index(keys)
    return ws.table(name).drop_duplicates(keys, keep="last").set_index(keys)[cols[len(keys) :]]


def outsourcing_form(ws=None) -> pd.DataFrame:
    """The outsourcing questions to score (see module docstring), in the question set's order;
    a score not on file stays blank, never 0."""
    given = _given(ws, "outsourcing", ["item_id"])
    rows = []
    for item, (title, question) in landscape_org.QUESTIONS.items():
        had = given.loc[item] if item in given.index else None
        rows.append(
            {
                "item_id": item,
                "title": title,
                "question": question,
                "score": float("nan") if had is None else had["score"],
                "not_applicable": "" if had is None else _mark(had["not_applicable"]),
                "evidence": "" if had is None or pd.isna(had["evidence"]) else had["evidence"],
            }
        )
    return pd.DataFrame(rows, columns=OUTSOURCING_COLUMNS).astype({"score": "float64"})


def classes(ws, as_of) -> pd.DataFrame:
    """Each active partner and classed candidate with its engagement model at ``as_of``
    (``partner_id``, ``name``, ``model``), by name (see module docstring)."""
    partners = ws.table("partners")
    window = ReportingWindow.ending(as_of, CLASS_MONTHS)
    eng = communication.engagement(partners, ws.table("deals"), window.start, window.end)
    personas = ws.table("personas") if ws.has("personas") else None
    if personas is None:
        personas = pd.DataFrame(columns=["partner_type", "engagement_model"])
    cands = communication_personas.classify_candidates(partners, eng, personas)
    both = pd.concat(
        [eng[["partner_id", "name", "model"]], cands.dropna(subset=["model"])], ignore_index=True
    )
    both["model"] = both["model"].astype(str)
    return both[["partner_id", "name", "model"]].sort_values(
        "name", key=lambda n: n.astype(str).str.casefold(), kind="stable"
    )


def engagement_form(ws=None, as_of=None) -> pd.DataFrame:
    """The value and transaction partner questions to score (see module docstring): one row
    per partner and question of its set; ``as_of`` None: the latest deal date."""
    bank = question_bank()
    if ws is None:
        who = pd.DataFrame(
            {"partner_id": ["", ""], "name": ["", ""], "model": bank["model"].unique()}
        )
    else:
        day = as_of if as_of is not None else latest_deal_date(ws.table("deals"))
        who = classes(ws, pd.Timestamp(day))
    given = _given(ws, "engagement_answers", ["partner_id", "item_id"])
    rows = []
    for p in who.itertuples():
        for q in bank[bank["model"] == p.model].itertuples():
            key = (p.partner_id, q.item_id)
            had = given.loc[key] if key in given.index else None
            rows.append(
                {
                    "partner": p.name,
                    "partner_id": p.partner_id,
                    "model": label(p.model),
                    "item_id": q.item_id,
                    "topic": q.topic,
                    "question": q.question,
                    "score": float("nan") if had is None else had["score"],
                    "not_applicable": "" if had is None else _mark(had["not_applicable"]),
                    "evidence": "" if had is None or pd.isna(had["evidence"]) else had["evidence"],
                }
            )
    return pd.DataFrame(rows, columns=ENGAGEMENT_COLUMNS).astype({"score": "float64"})


# --------------------------------------------------------------------------- pages and books

OUTSOURCING_HOW = (
    "Score each statement from 0 (not at all) to 5 (fully); a high score favours outsourcing "
    "the day-to-day running of the partner program. Mark n/a when it does not apply to us; "
    "leave it blank when you do not know (a blank is never read as 0). Note the evidence: a "
    "cost quote, a figure, a name."
)
ENGAGEMENT_HOW = (
    "Score each partner on the questions of its kind, with our alliance lead: a partner that "
    "sells in volume answers the transaction questions, every other partner the value "
    "questions. " + SCALE.split(". ", 1)[1]
)


def _rows(frame: pd.DataFrame, name: str) -> list[dict]:
    """The printed rows of a form: the statement's name, text, boxes and evidence."""
    return [
        {
            "title": getattr(r, name),
            "question": r.question,
            "choices": _choices(r.score, r.not_applicable),
            "evidence": r.evidence,
        }
        for r in frame.itertuples()
    ]


def outsourcing_html(ws=None, as_of: str = "") -> str:
    """The printable outsourcing questions, the client's answers marked."""
    return render(
        "materials/form.html.j2",
        title="Outsourcing questions",
        client=_client(ws),
        as_of=as_of,
        how=OUTSOURCING_HOW,
        groups=[{"heading": "", "rows": _rows(outsourcing_form(ws), "title")}],
    )


def engagement_html(ws=None, as_of: str = "") -> str:
    """The printable value and transaction partner questions: one table per partner."""
    rows = engagement_form(ws, as_of or None)
    groups = [
        {
            "heading": f"{name or 'Partner: ____________________'} ({part['model'].iloc[0]})",
            "rows": _rows(part, "topic"),
        }
        for (name, _), part in rows.groupby(["partner", "partner_id"], sort=False)
    ]
    return render(
        "materials/form.html.j2",
        title="Value and transaction partner questions",
        client=_client(ws),
        as_of=as_of,
        how=ENGAGEMENT_HOW,
        groups=groups,
    )


def _score_rules(book: Workbook, sheet: str, rows: pd.DataFrame) -> None:
    """Drop-down yes / no for not_applicable and a 0–5 check on the score."""
    _validate(book, sheet, rows, "not_applicable", _choice(["yes", "no"]))
    score = DataValidation(type="decimal", operator="between", formula1="0", formula2="5")
    score.allow_blank = True
    _validate(book, sheet, rows, "score", _refusing(score, "a score from 0 to 5, or blank"))


def outsourcing_book(ws, file: Path) -> Path:
    """The editable outsourcing questions: sheet ``outsourcing``."""
    rows = outsourcing_form(ws)
    book = Workbook()
    _readme(
        book,
        [
            "Outsourcing questions",
            OUTSOURCING_HOW.replace("Mark n/a", "Write yes under not_applicable"),
            "Save the sheet as outsourcing.csv (or copy it into the workspace's workbook); the "
            "columns title and question are there to read, the playbook ignores them.",
        ],
    )
    _sheet(book, "outsourcing", rows, {"question": 60, "evidence": 40, "title": 18})
    _score_rules(book, "outsourcing", rows)
    book.save(file)
    return file


def engagement_book(ws, file: Path, as_of: str = "") -> Path:
    """The editable value and transaction partner questions: sheet ``engagement_answers``."""
    rows = engagement_form(ws, as_of or None)
    book = Workbook()
    _readme(
        book,
        [
            "Value and transaction partner questions",
            ENGAGEMENT_HOW.replace("Mark n/a", "Write yes under not_applicable"),
            "Save the sheet as engagement_answers.csv (or copy it into the workspace's "
            "workbook); the columns partner, model, topic and question are there to read, the "
            "playbook ignores them.",
        ],
    )
    widths = {"question": 60, "evidence": 40, "partner": 24, "topic": 18}
    _sheet(book, "engagement_answers", rows, widths)
    _score_rules(book, "engagement_answers", rows)
    book.save(file)
    return file
