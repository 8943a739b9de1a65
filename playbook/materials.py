"""The workshop materials a consultant puts on the table: what they hold (``playbook materials``).

Four pieces of paper, each built here as plain rows from the schema, the question bank, the
default checklist and (for a client) its workspace; :mod:`playbook.materials_files` writes them
as printable HTML and editable Excel files.

* **Readiness questionnaire** (:func:`questionnaire`): every question of the bank
  (:mod:`playbook.readiness_bank`) with its id and dimension, a score 0–5, a "not applicable"
  mark and a place for evidence, once per respondent. For a client whose ``readiness`` table
  names respondents, each respondent's sheet is pre-filled with that respondent's last answers
  (the quarterly re-assessment starts from them); one blank questionnaire for a new respondent
  always follows. The editable file has the ``readiness`` table's columns, so the filled rows of
  every respondent, put together, are the workspace's ``readiness`` table.
* **Channel checklist** (:func:`checklist_template`): the default items
  (:data:`playbook.buyin.DEFAULT_CHECKLIST`) and the client's own, with the client's recorded
  owner, due date and status where it has a row, else status ``not_started``; a status may be
  set to ``not_applicable`` for an item that does not apply to the client (report 04 then
  leaves it out). The ``checklist`` table's columns.
* **Partner plan** (:func:`plan_template`): per active partner without a plan yet (every
  partner of the ``plans`` table has one), :data:`PLAN_MILESTONES` milestone rows to fill:
  issue, target, milestone, due date, owner, status ``not_started``, with "today" pre-filled
  from its deals (:func:`today`) and the owner with its partner manager. The ``plans``
  table's columns, with the partner's name beside its id for reading.
* **Workshop agenda** (:func:`agenda`): the eight trends in notebook order, each with its
  pre-work: the tables it reads (the schema's ``used_by``, so the agenda follows the schema),
  which questionnaire or template fills them, the ``profile.yaml`` settings the notebook reads
  (found in the notebook's own code), and, for a client, which of these it has already
  supplied (rows; optional columns still blank; settings set).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from playbook.buyin import default_checklist
from playbook.config import NOTEBOOKS_DIR
from playbook.deals import ReportingWindow, count_deals, open_at, won_partner_deals
from playbook.formatting import fmt_date, fmt_money
from playbook.labels import label, plural
from playbook.profile import Profile
from playbook.readiness_bank import question_bank
from playbook.schema import TABLES, TaskStatus, table

#: Blank milestone rows the partner-plan template gives each partner without a plan.
PLAN_MILESTONES = 3

#: The workspace table each printed material fills, and the material's title.
MATERIAL_OF = {
    "readiness": "Readiness questionnaire",
    "checklist": "Channel checklist",
    "plans": "Partner plans",
    "outsourcing": "Outsourcing questions",
    "engagement_answers": "Value and transaction partner questions",
}

#: ``profile.yaml`` settings the agenda leaves out: internal keys a consultant sets, never a
#: question for the client (``hash_salt`` only scrambles account names before they are matched).
INTERNAL_SETTINGS = frozenset({"hash_salt"})

#: What each trend's session shows the client and what the client decides there, in plain words
#: (by notebook number; a notebook without an entry has none).
ABOUT = {
    "01": "You see what each partner has cost and brought in, and which partners have paid back "
    "their investment. You decide what a partner must bring to be worth investing in.",
    "02": "You see which recruiting campaigns and offers signed partners, at what cost, and "
    "which prospects are the easiest to sign next. You decide which partners to go after first "
    "and with which offer.",
    "03": "You see how ready the company is to work through partners, question by question, and "
    "what the partner platform still lacks. You decide which gaps to close first.",
    "04": "You see how far the channel checklist has come, the partner team's skills and the "
    "program against a well-run one. You decide owners and dates for what is not done yet.",
    "05": "You see the revenue the partners bring, by partner, area and manager, against the "
    "program's cost. You decide which figures the company follows every month.",
    "06": "You see which kinds of partner bring business and how healthy each partner is. You "
    "decide which partner types the program grows, keeps or lets go.",
    "07": "You see where the program sits in the company, how competitors work with partners and "
    "whether running the program could be outsourced. You decide who owns the program and "
    "whether to look for outside help.",
    "08": "You see which partners sell in volume and which add value, how each is reached and "
    "what each is planned to do. You decide how to talk to each kind of partner.",
}

#: The readiness questionnaire's columns: the ``readiness`` table's, with the dimension and the
#: question beside the id for reading (the playbook ignores those two when the sheet is loaded).
QUESTIONNAIRE_COLUMNS = [
    "item_id",
    "dimension",
    "question",
    "score",
    "not_applicable",
    "evidence",
    "respondent",
]


def _answers(ws) -> pd.DataFrame:
    """The client's readiness answers (an empty frame for no client or no answers)."""
    if ws is None or not ws.has("readiness"):
        return pd.DataFrame(columns=table("readiness").column_names)
    return ws.table("readiness")


def respondents(ws) -> list[str]:
    """The respondents named in the client's ``readiness`` table, in order of appearance."""
    answers = _answers(ws)
    return list(dict.fromkeys(answers["respondent"].dropna())) if len(answers) else []


#: :func:`questionnaire`'s respondent for the answers on file that name no respondent.
UNNAMED = ""


def questionnaire(ws=None, respondent: str | None = None) -> pd.DataFrame:
    """The questionnaire of one respondent (:data:`QUESTIONNAIRE_COLUMNS`, one row per
    question in bank order): pre-filled with ``respondent``'s answers in the client's
    ``readiness`` table (:data:`UNNAMED`: the answers that name no respondent; a missing
    ``score`` stays blank, never 0), blank for ``None``."""
    out = question_bank()[["item_id", "dimension", "question"]].copy()
    out["dimension"] = out["dimension"].map(label)
    answers = _answers(ws)
    if respondent is None:
        mine = answers.head(0)
    elif respondent == UNNAMED:
        mine = answers[answers["respondent"].isna()]
    else:
        mine = answers[answers["respondent"] == respondent]
    mine = mine.drop_duplicates("item_id").set_index("item_id")
    out["score"] = out["item_id"].map(mine["score"]).astype("float64")
    out["not_applicable"] = (
        out["item_id"]
        .map(mine["not_applicable"])
        .map(lambda v: "yes" if pd.notna(v) and bool(v) else "")
    )
    out["evidence"] = out["item_id"].map(mine["evidence"]).astype(object).fillna("")
    out["respondent"] = respondent or ""
    return out[QUESTIONNAIRE_COLUMNS]


def questionnaires(ws=None) -> list[tuple[str | None, pd.DataFrame]]:
    """One questionnaire per respondent the client named, pre-filled (and one for answers on
    file that name nobody, :data:`UNNAMED`), then a blank one for a new respondent (``None``):
    ``(respondent, rows)``."""
    answers = _answers(ws)
    who: list[str | None] = list(respondents(ws))
    if len(answers) and answers["respondent"].isna().any():
        who.append(UNNAMED)
    return [(w, questionnaire(ws, w)) for w in [*who, None]]


def checklist_template(ws=None) -> pd.DataFrame:
    """The channel checklist to fill (see module docstring): the ``checklist`` table's
    columns, default items first, then the client's own."""
    cols = table("checklist").column_names
    base = default_checklist()
    client = ws.table("checklist") if ws is not None and ws.has("checklist") else None
    if client is None or not len(client):
        out = base.assign(status=TaskStatus.NOT_STARTED)
        return out.reindex(columns=cols).astype(object).fillna("")
    own = client.set_index("item_id")
    rows = base.set_index("item_id").join(own.drop(columns=["category", "task"]), how="left")
    rows = pd.concat([rows, own.loc[~own.index.isin(base["item_id"])]])
    rows["status"] = rows["status"].fillna(TaskStatus.NOT_STARTED)
    rows = rows.reset_index(names="item_id").reindex(columns=cols)
    for col in ("due_date", "completed_date"):
        rows[col] = pd.to_datetime(rows[col]).dt.strftime("%Y-%m-%d")
    return rows.astype(object).fillna("")


def today(ws, as_of) -> dict[str, str]:
    """Where each partner is today, from the deals (partner id → one sentence): the won deals
    credited to it in the 12 months to ``as_of`` (:func:`playbook.deals.won_partner_deals`,
    counted once each, with the split credit of their amounts) and its deals open at
    ``as_of`` (:func:`playbook.deals.open_at`). A partner without either reads so, in words."""
    deals = ws.table("deals")
    window = ReportingWindow.ending(as_of, 12)
    won = won_partner_deals(deals, window.start, window.end)
    opened = open_at(deals, window.end)
    opened = opened[opened["partner_id"].notna()]
    n_won, revenue = count_deals(won, "partner_id"), won.groupby("partner_id")["amount"].sum()
    n_open = count_deals(opened, "partner_id")
    since = f"in the 12 months to {fmt_date(window.end.date().isoformat())}"
    out = {}
    for pid in ws.table("partners")["partner_id"]:
        wins = int(n_won.get(pid, 0))
        text = (
            f"{plural(wins, 'won deal')} {since} ({fmt_money(revenue[pid], ws.profile.currency)})"
            if wins
            else f"No won deal {since}"
        )
        still = int(n_open.get(pid, 0))
        out[pid] = text + (f"; {plural(still, 'open deal')}." if still else "; no open deal.")
    return out


def plan_template(ws=None, as_of=None) -> pd.DataFrame:
    """Partner plans to fill (see module docstring): ``partner`` (the name, for reading) and
    the ``plans`` table's columns, :data:`PLAN_MILESTONES` rows per active partner without a
    plan (partners ordered by name), ``current_state`` pre-filled from its deals at ``as_of``
    (:func:`today`; with an as-of date only) and ``owner`` with the name of its partner manager
    (``manager_id``), ours to change. No client: one blank plan with no partner named."""
    cols = ["partner", *table("plans").column_names]
    if ws is None:
        todo, now = pd.DataFrame({"partner_id": [""], "name": [""]}), {}
    else:
        partners = ws.table("partners")
        planned = set(ws.table("plans")["partner_id"]) if ws.has("plans") else set()
        todo = partners[(partners["status"] == "active") & ~partners["partner_id"].isin(planned)]
        todo = todo.sort_values("name", key=lambda n: n.str.casefold(), kind="stable")
        now = today(ws, as_of) if as_of else {}
        names = ws.table("staff").set_index("staff_id")["name"] if ws.has("staff") else {}
        todo = todo.assign(owner=todo["manager_id"].map(names))
    rows = [
        {
            "partner": p.name,
            "partner_id": p.partner_id,
            "current_state": now.get(p.partner_id, ""),
            "status": TaskStatus.NOT_STARTED,
            "owner": getattr(p, "owner", ""),
        }
        for p in todo.itertuples()
        for _ in range(PLAN_MILESTONES)
    ]
    return pd.DataFrame(rows).reindex(columns=cols).astype(object).fillna("")


def planned(ws) -> list[str]:
    """The names of the active partners that already have a plan (in the ``plans`` table), by
    name: the partner-plan template leaves them out and says so."""
    if ws is None or not ws.has("plans"):
        return []
    partners = ws.table("partners")
    has = partners[
        (partners["status"] == "active")
        & partners["partner_id"].isin(set(ws.table("plans")["partner_id"]))
    ]
    return sorted(has["name"].astype(str), key=str.casefold)


# --------------------------------------------------------------------------- the agenda


@dataclass(frozen=True)
class Prework:
    """One table a trend reads: its file, whether it is required, the material that fills it,
    what the file holds (the first sentence of the schema's description), and for a client:
    ``rows`` supplied (None: no client) and its optional columns still blank."""

    table: str
    file: str
    required: bool
    material: str = ""
    holds: str = ""
    rows: int | None = None
    blank_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Session:
    """One trend of the workshop: its number, title, tables, profile settings (name → set
    or not; None: no client) and what the client sees and decides in it (:data:`ABOUT`)."""

    number: str
    title: str
    tables: list[Prework] = field(default_factory=list)
    settings: dict[str, bool | None] = field(default_factory=dict)
    about: str = ""


def _title(notebook: Path) -> str:
    """A notebook's title: its first heading without the number (``Readiness assessment``)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        text = "".join(cell["source"])
        found = re.search(r"^#\s+(?:\d\d\s*·\s*)?(.+)$", text, re.MULTILINE)
        if cell["cell_type"] == "markdown" and found:
            return found.group(1).strip()
    return notebook.stem


def profile_settings(notebook: Path) -> list[str]:
    """The ``profile.yaml`` settings a notebook's code reads (``profile.<setting>``), in
    schema order: found in the notebook itself, so the agenda cannot drift from it."""
    code = "".join(
        "".join(c["source"])
        for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "code"
    )
    used = set(re.findall(r"profile\.([a-z_]+)", code))
    return [name for name in Profile.model_fields if name in used]


def _prework(spec, ws) -> Prework:
    """What the client brings for table ``spec`` and, with a client, what it has supplied."""
    base = Prework(
        spec.name,
        spec.filename,
        not spec.optional,
        MATERIAL_OF.get(spec.name, ""),
        first_sentence(spec.description),
    )
    if ws is None:
        return base
    if not ws.has(spec.name):
        return Prework(**{**base.__dict__, "rows": 0})
    empty = set(ws.blank_columns(spec.name))
    blank = tuple(c.name for c in spec.columns if not c.required and c.name in empty)
    return Prework(**{**base.__dict__, "rows": ws.rows(spec.name), "blank_columns": blank})


def first_sentence(text: str) -> str:
    """What a file holds, for the agenda: the first sentence of ``text`` (up to the first
    ". " or ": ") without its asides in brackets (references to trends, examples), ending with
    a full stop."""
    plain = text.strip()
    while re.search(r"\([^()]*\)", plain):
        plain = re.sub(r"\s*\([^()]*\)", "", plain)
    head = re.split(r"(?<!e\.g)(?<!i\.e)[.:;] ", plain, maxsplit=1)[0].rstrip(".")
    return head + "."


def _is_set(value) -> bool:
    """A profile setting counts as set when it holds something (a list or text not empty)."""
    return value is not None and value != [] and value != {} and value != ""


def agenda(ws=None, notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Session]:
    """The workshop agenda: one :class:`Session` per notebook, in order (see module
    docstring); ``ws`` the client's workspace, or None for a new, empty one."""
    out = []
    for nb in sorted(notebooks_dir.glob("[0-9][0-9]-*.ipynb")):
        number = nb.stem[:2]
        settings = {
            name: None if ws is None else _is_set(getattr(ws.profile, name))
            for name in profile_settings(nb)
            if name not in INTERNAL_SETTINGS
        }
        tables = [_prework(spec, ws) for spec in TABLES if number in spec.used_by]
        out.append(Session(number, _title(nb), tables, settings, ABOUT.get(number, "")))
    return out
