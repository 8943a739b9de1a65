"""Trend 1 — the Partner Requirements Document as an editable Word file, one per partner.

:func:`write_requirement_documents` writes, for every partner or candidate the client scored
(``requirement_scores``), a ``.docx`` a consultant edits and hands over in a workshop: its
profile (type, status, life cycle, competitive advantage, relationships with our competitors,
expected mindshare, industry, area, certification, partner manager), the client's requirement
criteria (``profile.yaml`` ``requirement_criteria``: weight, share of the fit, must-have,
minimum, target, what each means), the partner's score, points of fit, result and evidence on
each, the weighted fit and must-have check, the gaps to close and an agreed-actions table
pre-filled with them; and one blank template for a new partner (criteria filled in, scores
blank). The figures are those of report 01: :func:`playbook.requirements.fit_scores` and
:func:`playbook.requirements_gaps.criterion_scores` (definitions in their docstrings).

Client text is written as text runs (python-docx escapes it for the XML); characters XML cannot
hold (control characters) are dropped. A file name is built from the partner id and name
reduced to ``a-z0-9-``, so no client text chooses where a file goes.

The must-have minimum where a criterion sets none is the client's ``parameters`` value of
``must_have_min_score`` (for notebook 01, else ``all``) in ``profile.yaml``, else
:data:`playbook.requirements.DEFAULT_MUST_HAVE_MIN`, as in report 01.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from playbook.formatting import fmt_percent
from playbook.labels import client_labels_in_use, label, plural
from playbook.params import resolve_as_of
from playbook.profile import Profile
from playbook.requirements import (
    DEFAULT_MUST_HAVE_MIN,
    fit_scores,
    requirements_documents,
)
from playbook.requirements_gaps import (
    CriterionResult,
    criteria_table,
    criterion_scores,
    gaps_to_close,
)
from playbook.requirements_views import fmt_score
from playbook.staff import manager_names
from playbook.workspace import Workspace

#: The blank document for a new partner, written beside the partners' documents.
TEMPLATE_NAME = "requirements-template.docx"
#: Empty rows an agreed-actions table keeps for the workshop to fill in.
BLANK_ROWS = 2
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NOT_RECORDED = "not recorded"

#: Partner columns of the profile table beyond those of
#: :func:`playbook.requirements.requirements_documents`, with their labels.
EXTRA_FIELDS = {"industry": "Industry", "area": "Area", "certification_level": "Certification"}


def clean(value) -> str:
    """Client text as a Word document can hold it: missing → ``""``, control characters
    dropped."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return _ILLEGAL.sub("", str(value))


def must_have_default(profile: Profile) -> float:
    """The must-have minimum where a criterion sets none: the profile's ``parameters`` value of
    ``must_have_min_score`` for notebook ``01``, else for ``all``, else the playbook default."""
    for key in ("01", "all"):
        value = (profile.parameters.get(key) or {}).get("must_have_min_score")
        if value is not None:
            return float(value)
    return DEFAULT_MUST_HAVE_MIN


def documents_date(ws: Workspace, as_of) -> pd.Timestamp:
    """The documents' date: ``as_of`` (a date, or text YYYY-MM-DD) when given, else the
    workspace's as-of date as the notebooks resolve it (:func:`playbook.params.resolve_as_of`:
    the latest deal date, else today)."""
    if as_of is not None and str(as_of) != "":
        return pd.Timestamp(as_of).normalize()
    return resolve_as_of("", ws)[0]


def file_name(partner_id, name, used: set[str]) -> str:
    """``requirements-<id>-<name>.docx`` in ``a-z0-9-`` (at most 60 characters before the
    suffix), numbered when two partners would share it; added to ``used``."""
    slug = re.sub(r"[^a-z0-9]+", "-", f"{clean(partner_id)} {clean(name)}".lower()).strip("-")
    stem = f"requirements-{slug[:47].strip('-') or 'partner'}"
    out, n = f"{stem}.docx", 1
    while out in used:
        n += 1
        out = f"{stem}-{n}.docx"
    used.add(out)
    return out


# --------------------------------------------------------------------------- what a page holds


def partner_pages(ws: Workspace, default_min_score: float) -> list[dict]:
    """One record per partner or candidate with at least one requirement score, best fit
    first: ``partner_id``, ``name``, ``profile`` (label → text), ``fit`` and ``must_have``
    (sentences), ``rows`` (its :func:`~playbook.requirements_gaps.criterion_scores` rows) and
    ``gaps`` (the rows that are gaps to close). Empty without criteria or scores."""
    criteria = ws.profile.requirement_criteria
    if not criteria or not ws.has("requirement_scores"):
        return []
    partners, scores = ws.table("partners"), ws.table("requirement_scores")
    fit = fit_scores(partners, scores, criteria, default_min_score)
    fit = fit[fit["partner_id"].isin(set(scores["partner_id"]))].reset_index(drop=True)
    docs = requirements_documents(partners, fit, ws.table("competitor_partnerships"))
    long = criterion_scores(fit, scores, criteria, default_min_score)
    staff = ws.table("staff") if ws.has("staff") else None
    managers = manager_names(partners, staff)
    extra = partners.set_index("partner_id")
    pages = []
    for d, f in zip(docs, fit.itertuples(), strict=True):
        rows = long[long["partner_id"] == d["partner_id"]]
        info = extra.loc[d["partner_id"]]
        pages.append(
            {
                "partner_id": d["partner_id"],
                "name": d["name"],
                "profile": _profile(d, info, managers.get(d["partner_id"], "")),
                "fit": _fit_sentence(f.fit_score, rows),
                "must_have": d["must_have"],
                "rows": rows,
                "gaps": gaps_to_close(rows),
            }
        )
    return pages


def _profile(d: dict, info: pd.Series, manager: str) -> dict[str, str]:
    """The profile table of one partner: label → text."""
    since = info.get("start_date")
    return {
        "Partner": d["name"],
        "Partner id": d["partner_id"],
        "Type": d["type"],
        "Status": d["status"],
        "Life cycle": d["life_cycle"],
        "Competitive advantage": d["competitive_advantage"],
        "Relationships with our competitors": d["competitors"],
        "Expected mindshare": d["expected_mindshare"],
        **{
            title: label(info[col]) if clean(info.get(col)) else NOT_RECORDED
            for col, title in EXTRA_FIELDS.items()
        },
        "Partner manager": manager or NOT_RECORDED,
        "Partner since": since.date().isoformat() if not pd.isna(since) else NOT_RECORDED,
    }


def _fit_sentence(fit_score, rows: pd.DataFrame) -> str:
    """ "Weighted fit: 77 of 100, from 3 of 3 criteria scored." (or why there is none)."""
    scored = int(rows["score"].notna().sum())
    of = f"{scored} of {plural(len(rows), 'criterion', 'criteria')} scored"
    if pd.isna(fit_score):
        return f"Weighted fit: not computed ({of}, or every scored criterion weighs 0)."
    return f"Weighted fit: {fit_score:.0f} of 100, from {of}."


# --------------------------------------------------------------------------- Word


def write_requirement_documents(ws: Workspace, folder: Path, as_of=None) -> list[Path]:
    """Write one Partner Requirements Document (``.docx``) per partner or candidate with
    requirement scores, best fit first, then :data:`TEMPLATE_NAME` (blank, for a new partner)
    into ``folder`` (created if needed; existing files of the same names are replaced); return
    their paths in that order. ``as_of`` (a date; ``None``: the latest deal date) is the date
    printed on each."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    date = documents_date(ws, as_of).date().isoformat()
    minimum = must_have_default(ws.profile)
    crit = criteria_table(ws.profile.requirement_criteria, minimum)
    client = clean(ws.profile.name)
    used, paths = {TEMPLATE_NAME}, []
    with client_labels_in_use(ws.profile.partner_type_labels):  # types named as in the reports
        for page in partner_pages(ws, minimum):
            path = folder / file_name(page["partner_id"], page["name"], used)
            _partner_document(page, crit, client, date, minimum).save(path)
            paths.append(path)
    paths.append(write_requirement_template(ws.profile, folder, date))
    return paths


def write_requirement_template(profile: Profile, folder: Path, as_of=None) -> Path:
    """Write the blank Requirements Document for a new partner (:data:`TEMPLATE_NAME`: the
    profile's criteria filled in, scores blank) into ``folder`` (created if needed) and return
    its path; needs only the profile (e.g. a new workspace without data). ``as_of``: the date
    printed (``None``: today)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = pd.Timestamp(as_of) if as_of is not None and str(as_of) != "" else pd.Timestamp.today()
    minimum = must_have_default(profile)
    crit = criteria_table(profile.requirement_criteria, minimum)
    path = folder / TEMPLATE_NAME
    doc = _template_document(crit, clean(profile.name), stamp.date().isoformat(), minimum)
    doc.save(path)
    return path


def _new_document(title: str, client: str, date: str) -> Document:
    """An A4 document with the playbook's fonts, its title and a footer naming it."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(10)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    section.footer.paragraphs[0].text = clean(f"{client} · {title} · as of {date}")
    doc.core_properties.title = clean(title)
    doc.core_properties.author = client
    doc.core_properties.subject = "Partner Requirements Document"
    doc.core_properties.created = doc.core_properties.modified = pd.Timestamp(date).to_pydatetime()
    doc.core_properties.revision = 1
    doc.add_heading(clean(title), level=0)
    return doc


def _table(doc: Document, header: list[str] | None, rows: list[list[str]], cols: int = 0):
    """A grid table: a bold header row repeated on every page (none when ``header`` is
    ``None``: ``cols`` columns), then ``rows`` (text)."""
    table = doc.add_table(rows=0, cols=len(header) if header else cols)
    table.style = "Table Grid"
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            cell.paragraphs[0].add_run(clean(text)).bold = True
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(flag)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = clean(text)
    widths = _WIDTHS.get(tuple(header) if header else ("", ""))
    if widths:  # the 17 cm between the margins, shared by what each column holds
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    return table


def _criteria_rows(crit: pd.DataFrame) -> list[list[str]]:
    """The client's criteria: criterion, what it means, weight, share, must-have, minimum,
    target."""
    return [
        [
            r.criterion,
            r.description or "—",
            fmt_score(r.weight),
            fmt_percent(r.weight_share),
            "Yes" if r.must_have else "No",
            fmt_score(r.minimum) if r.must_have else "none",
            "not set" if pd.isna(r.target) else fmt_score(r.target),
        ]
        for r in crit.itertuples()
    ]


CRITERIA_HEADER = ["Criterion", "What it means", "Weight", "Share of the fit"]
CRITERIA_HEADER += ["Must-have", "Minimum", "Target"]
SCORES_HEADER = ["Criterion", "Score (0–5)", "Points of fit", "Result", "Evidence and notes"]
GAPS_HEADER = ["Criterion", "Score", "Minimum", "Target", "Points to close", "Why"]
ACTIONS_HEADER = ["Gap", "Action agreed", "Owner", "Due date"]
#: Column widths (cm) of each table, by its header (the profile table has none).
_WIDTHS = {
    ("", ""): [5, 12],
    tuple(CRITERIA_HEADER): [3.2, 6.2, 1.4, 1.8, 1.6, 1.4, 1.4],
    tuple(SCORES_HEADER): [4, 1.8, 1.8, 3.6, 5.8],
    tuple(GAPS_HEADER): [4, 1.6, 1.8, 1.6, 2, 6],
    tuple(ACTIONS_HEADER): [4, 7, 3, 3],
}


def _requirements_section(doc: Document, crit: pd.DataFrame) -> None:
    """The client's requirement criteria, or a note and blank rows when it has none yet."""
    doc.add_heading("Our requirements", level=1)
    if crit.empty:
        doc.add_paragraph(
            "No requirement criteria are set yet: agree them with the client here, then list "
            "them in the workspace profile (requirement criteria)."
        )
        _table(doc, CRITERIA_HEADER, [[""] * len(CRITERIA_HEADER)] * 5)
        return
    _table(doc, CRITERIA_HEADER, _criteria_rows(crit))


def _score_rows(rows: pd.DataFrame) -> list[list[str]]:
    """One partner's criteria: score, points of fit, result, evidence."""
    return [
        [
            r.criterion,
            fmt_score(r.score),
            "—" if pd.isna(r.fit_points) else f"{r.fit_points:.1f}",
            label(r.result),
            clean(r.note) or "—",
        ]
        for r in rows.itertuples()
    ]


def _gap_rows(gaps: pd.DataFrame) -> list[list[str]]:
    """One partner's gaps: score, minimum, target, the points that close it and why."""
    return [
        [
            r.criterion,
            fmt_score(r.score),
            fmt_score(r.minimum) if r.must_have else "none",
            "not set" if pd.isna(r.target) else fmt_score(r.target),
            fmt_score(r.short_of_minimum if pd.isna(r.short_of_target) else r.short_of_target),
            label(r.result),
        ]
        for r in gaps.itertuples()
    ]


def _partner_document(page: dict, crit: pd.DataFrame, client: str, date: str, minimum: float):
    """The Requirements Document of one partner."""
    doc = _new_document(f"Partner Requirements Document: {page['name']}", client, date)
    doc.add_paragraph(clean(f"Prepared for {client}, as of {date}."))
    doc.add_heading("Profile", level=1)
    _table(doc, None, [[k, v] for k, v in page["profile"].items()], cols=2)
    _requirements_section(doc, crit)
    doc.add_heading(clean(f"How {page['name']} scores"), level=1)
    doc.add_paragraph(page["fit"])
    doc.add_paragraph(clean(f"Must-haves: {page['must_have']}."))
    _table(doc, SCORES_HEADER, _score_rows(page["rows"]))
    doc.add_heading("Gaps to close", level=1)
    gaps = page["gaps"]
    unscored = page["rows"].loc[page["rows"]["result"] == CriterionResult.NOT_SCORED]
    if gaps.empty:
        doc.add_paragraph("None: every scored criterion meets its minimum and its target.")
    else:
        _table(doc, GAPS_HEADER, _gap_rows(gaps))
    if len(unscored):
        doc.add_paragraph(clean("Not scored yet: " + ", ".join(unscored["criterion"]) + "."))
    doc.add_heading("Agreed actions", level=1)
    blank = [[""] * len(ACTIONS_HEADER)] * BLANK_ROWS
    _table(doc, ACTIONS_HEADER, [[c, "", "", ""] for c in gaps["criterion"]] + blank)
    _definitions(doc, minimum)
    return doc


def _template_document(crit: pd.DataFrame, client: str, date: str, minimum: float):
    """The blank Requirements Document for a new partner or candidate."""
    doc = _new_document("Partner Requirements Document: new partner", client, date)
    doc.add_paragraph(
        clean(
            f"Prepared for {client}, as of {date}. Fill in the profile and score each "
            "criterion from 0 to 5 with the evidence for the score."
        )
    )
    doc.add_heading("Profile", level=1)
    fields = ["Partner", "Type", "Status", "Life cycle", "Competitive advantage"]
    fields += ["Relationships with our competitors", "Expected mindshare", *EXTRA_FIELDS.values()]
    _table(doc, None, [[f, ""] for f in [*fields, "Partner manager"]], cols=2)
    _requirements_section(doc, crit)
    doc.add_heading("Scores", level=1)
    names = list(crit["criterion"]) or [""] * 5
    _table(doc, SCORES_HEADER, [[n, "", "", "", ""] for n in names])
    doc.add_heading("Gaps to close", level=1)
    _table(doc, GAPS_HEADER, [[""] * len(GAPS_HEADER)] * 3)
    doc.add_heading("Agreed actions", level=1)
    _table(doc, ACTIONS_HEADER, [[""] * len(ACTIONS_HEADER)] * 3)
    _definitions(doc, minimum)
    return doc


def _definitions(doc: Document, minimum: float) -> None:
    """How the figures of the document are defined."""
    doc.add_heading("How the figures are defined", level=1)
    for text in (
        "Score: 0 (absent) to 5 (excellent) per criterion, agreed with the client.",
        "Weighted fit (0–100): each scored criterion counts its score ÷ 5 × its weight, over "
        "the weights of the criteria scored; a criterion not scored is left out, never "
        "counted as 0.",
        "Points of fit: what one criterion adds to the weighted fit; they add up to it.",
        "Must-have: a must-have criterion scored below its minimum fails the partner, whatever "
        f"its fit; where no minimum is set it is {minimum:g} of 5.",
        "Gaps to close: a must-have below its minimum, or any criterion below the target set "
        "for it; points to close are counted up to the target where one is set.",
    ):
        doc.add_paragraph(text, style="List Bullet")
