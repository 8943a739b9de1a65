"""The demo client's trend-8 people and tools: contacts, the conversation log, the question-set
answers, research notes and the tool inventory.

Drawn from this module's own random generator (:data:`SEED`), never from the stream of
:mod:`playbook.demo`, so every other demo table and figure stays as it was. The story:

* **Contacts**: every active partner and candidate has one to four people on record, the
  alliance contact first (owned by the partner's manager); value partners add a senior manager
  and sometimes an executive (owned by the alliance lead), platforms a technical lead (owned by
  our technical lead). A few partners hang on a single contact. Transaction partners (as trend 8
  classes them from the deals) are mostly known only at manager or staff level: the "aim
  higher" finding.
* **Conversations** in the 12 months to the as-of date: mostly held by each contact's owner
  and written into the shared log; now and then a colleague (alliance lead, technical lead,
  marketing) speaks to a contact without logging it, which puts a few partners out of sync;
  a few partners go quiet for months. Transaction partners get part of their messages from
  the marketing-automation tool.
* **Question sets**: every active partner and candidate is scored on the set of its class, with
  a few questions left unanswered or marked not applicable.
* **Research notes** from sales, marketing and support about the personas; support has said
  nothing yet about two of them.
* **Tools**: a CRM and a marketing-automation tool in use, a survey tool for advocates, the
  partner portal only planned, and no direct-response tool.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from playbook.communication import engagement

SEED = 808
AS_OF = pd.Timestamp("2026-09-30")
WINDOW_START = pd.Timestamp("2025-10-01")
ALLIANCE_LEAD, TECHNICAL_LEAD, MARKETING = "S07", "S08", "S09"

_FIRST = [
    "Alex", "Bianca", "Carlos", "Dana", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas",
    "Kemi", "Liam", "Mei", "Nikhil", "Olga", "Pedro", "Rosa", "Sami", "Tara", "Viktor",
]  # fmt: skip
_LAST = [
    "Abara", "Berg", "Costa", "Duarte", "Eriksen", "Fischer", "Garcia", "Hughes", "Ivanova",
    "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okoro", "Petrov", "Quinn", "Rossi",
]  # fmt: skip
_ROLES = {
    "executive": ["Chief executive", "Founder", "Chief operating officer"],
    "senior_manager": ["VP Alliances", "Director of Partnerships", "Head of Sales"],
    "manager": ["Partner manager", "Sales manager", "Operations manager"],
    "staff": ["Account executive", "Solutions consultant", "Inside sales rep"],
}
#: Persona a contact fits, by partner type and level (demo personas PE1–PE6).
_PERSONA = {
    ("isv", "senior_manager"): "PE1",
    ("isv", "manager"): "PE1",
    ("integrator", "executive"): "PE6",
    ("integrator", "senior_manager"): "PE2",
    ("integrator", "manager"): "PE2",
    ("platform", "manager"): "PE4",
    ("platform", "senior_manager"): "PE4",
    ("ecosystem", "senior_manager"): "PE3",
    ("ecosystem", "manager"): "PE3",
    ("ecosystem", "staff"): "PE5",
}
_TOPICS = {
    "Call": ["Pipeline review", "Deal registration", "Joint account plan", "Renewal timing"],
    "Meeting": ["Quarterly business review", "Joint roadmap", "Executive sponsor check-in"],
    "E-mail": ["Price list question", "Certification exam dates", "Co-marketing proposal"],
    "Automated e-mail": ["Monthly deal report", "New price list", "Rebate statement"],
    "Portal notification": ["Deal registration approved", "Training reminder"],
}


def _classes(partners: pd.DataFrame, deals: pd.DataFrame) -> dict[str, str]:
    """Partner id → value / transaction, as notebook 08 classes the active partners."""
    p = partners.assign(
        start_date=pd.to_datetime(partners["start_date"].replace("", None)),
        engagement_model=partners["engagement_model"].replace("", None),
    )
    d = deals.assign(
        partner_id=deals["partner_id"].replace("", None),
        close_date=pd.to_datetime(deals["close_date"].replace("", None)),
        amount=pd.to_numeric(deals["amount"]),
    )
    eng = engagement(p, d, WINDOW_START, AS_OF)
    return dict(zip(eng["partner_id"], eng["model"].astype(str), strict=True))


def _levels(rng: np.random.Generator, ptype: str, model: str) -> list[str]:
    """Levels of a partner's contacts, alliance contact first."""
    if model == "transaction":
        levels = ["manager"] + (["staff"] if rng.random() < 0.6 else [])
        return levels + (["senior_manager"] if rng.random() < 0.3 else [])
    if rng.random() < 0.15:
        return ["manager"]  # hangs on one person
    levels = ["manager", "senior_manager"]
    if ptype == "integrator" or rng.random() < 0.3:
        levels.append("executive")
    if ptype == "platform":
        levels.append("staff")
    return levels


def _owner(level: str, ptype: str, k: int, manager: str) -> str:
    if level == "executive":
        return ALLIANCE_LEAD
    if ptype == "platform" and level == "staff":
        return TECHNICAL_LEAD
    return manager if k < 2 else ALLIANCE_LEAD


def _contacts(
    rng: np.random.Generator, partners: pd.DataFrame, classes: dict[str, str]
) -> pd.DataFrame:
    rows = []
    for p in partners[partners["status"] != "inactive"].itertuples():
        model = classes.get(p.partner_id, "value")
        for k, level in enumerate(_levels(rng, p.type, model)):
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            rows.append(
                (
                    f"{p.partner_id}-C{k + 1}",
                    p.partner_id,
                    name,
                    str(rng.choice(_ROLES[level])),
                    level,
                    _owner(level, p.type, k, p.manager_id),
                    _PERSONA.get((p.type, level), ""),
                )
            )
    return pd.DataFrame(
        rows,
        columns=["contact_id", "partner_id", "name", "role", "level", "owner_id", "persona_id"],
    )


def _dates(rng: np.random.Generator, n: int, quiet: bool) -> list[pd.Timestamp]:
    """``n`` conversation days in the window, one in each ``n``-th of it; a quiet partner's stop
    half-way."""
    span = (AS_OF - WINDOW_START).days // (2 if quiet else 1)
    step = span // n  # about evenly spread, each somewhere in its own stretch of days
    days = [k * step + int(rng.integers(0, step)) for k in range(n)]
    return [WINDOW_START + pd.Timedelta(days=d) for d in days]


def _conversation(rng: np.random.Generator, c, model: str) -> tuple:
    """One conversation with contact ``c``: contact, staff, medium, automated, shared, topic."""
    if model == "transaction" and rng.random() < 0.65:
        medium = str(rng.choice(["Automated e-mail", "Portal notification"]))
        return (c.contact_id, "", medium, "yes", "yes", str(rng.choice(_TOPICS[medium])))
    medium = str(rng.choice(["Call", "Meeting", "E-mail"], p=[0.45, 0.25, 0.3]))
    staff, shared = c.owner_id, "yes"
    if rng.random() < 0.08:  # a colleague speaks to the contact
        staff = str(rng.choice([ALLIANCE_LEAD, TECHNICAL_LEAD, MARKETING]))
        shared = "no" if rng.random() < 0.25 else "yes"
    elif rng.random() < 0.01:
        shared = "no"
    return (c.contact_id, staff, medium, "no", shared, str(rng.choice(_TOPICS[medium])))


def _conversations(
    rng: np.random.Generator,
    partners: pd.DataFrame,
    contacts: pd.DataFrame,
    classes: dict[str, str],
) -> pd.DataFrame:
    rows = []
    for p in partners[partners["status"] == "active"].itertuples():
        mine = contacts[contacts["partner_id"] == p.partner_id]
        model = classes.get(p.partner_id, "value")
        n = int(rng.integers(7, 16))
        for day in _dates(rng, n, quiet=rng.random() < 0.1):
            c = mine.iloc[int(rng.integers(0, len(mine)))]
            rows.append((p.partner_id, day.date(), *_conversation(rng, c, model)))
    frame = pd.DataFrame(
        rows,
        columns=[
            "partner_id",
            "date",
            "contact_id",
            "staff_id",
            "medium",
            "automated",
            "shared_log",
            "topic",
        ],
    ).sort_values(["date", "partner_id"], kind="stable")
    frame.insert(0, "conversation_id", [f"CV{i + 1:04d}" for i in range(len(frame))])
    return frame[
        [
            "conversation_id",
            "date",
            "partner_id",
            "contact_id",
            "staff_id",
            "medium",
            "automated",
            "shared_log",
            "topic",
        ]
    ]


_VALUE_ITEMS = ("VP1", "VP2", "VP3", "VP4", "VP5")
_TRANSACTION_ITEMS = ("TP1", "TP2", "TP3")
#: Evidence written beside an answer, by item.
_EVIDENCE = {
    "VP1": "Own implementation services",
    "VP2": "Industry specialists on staff",
    "VP3": "Project margins reviewed with them",
    "VP4": "Bundle discussed at the last review",
    "VP5": "Biggest problem agreed in the plan",
    "TP1": "Paid per transaction; volume rebates",
    "TP2": "Orders by portal, reports by e-mail",
    "TP3": "VP sponsor named in the agreement",
}


def _answers(
    rng: np.random.Generator, partners: pd.DataFrame, classes: dict[str, str]
) -> pd.DataFrame:
    rows = []
    for p in partners[partners["status"] != "inactive"].itertuples():
        model = classes.get(p.partner_id, "transaction" if p.type == "ecosystem" else "value")
        for item in _VALUE_ITEMS if model == "value" else _TRANSACTION_ITEMS:
            u = rng.random()
            if u < 0.06:
                rows.append((p.partner_id, item, "", "", ""))  # not answered yet
            elif u < 0.1:
                rows.append((p.partner_id, item, "", "yes", "Does not apply to them"))
            else:
                score = int(rng.choice([1, 2, 3, 4, 5], p=[0.07, 0.18, 0.3, 0.3, 0.15]))
                note = _EVIDENCE[item] if score >= 3 else ""
                rows.append((p.partner_id, item, score, "no", note))
    return pd.DataFrame(
        rows, columns=["partner_id", "item_id", "score", "not_applicable", "evidence"]
    )


#: (date, function, persona, partner, stage, note, author): what sales, marketing and support
#: told the partner team.
_NOTES = [
    (
        "2026-02-10",
        "sales",
        "PE1",
        "",
        "lead",
        "Architects ask for the API roadmap before any call",
        "Sales EMEA",
    ),
    (
        "2026-03-04",
        "marketing",
        "PE1",
        "",
        "visitor",
        "Developer webinars bring ISVs to the site",
        "Nadia Haddad",
    ),
    (
        "2026-05-19",
        "support",
        "PE1",
        "P005",
        "partner",
        "Connector tickets spike after each release",
        "Support desk",
    ),
    (
        "2026-01-22",
        "sales",
        "PE2",
        "",
        "partner",
        "Practice leads want deal registration within a day",
        "Sales North America",
    ),
    (
        "2026-04-08",
        "marketing",
        "PE2",
        "",
        "lead",
        "Case studies convert integrators better than ads",
        "Nadia Haddad",
    ),
    (
        "2026-06-30",
        "support",
        "PE2",
        "P003",
        "partner",
        "Integrators open fewer tickets once certified",
        "Support desk",
    ),
    (
        "2026-02-26",
        "sales",
        "PE3",
        "",
        "partner",
        "Fulfilment houses compare our rebates monthly",
        "Sales APAC",
    ),
    (
        "2026-07-14",
        "support",
        "PE3",
        "P001",
        "partner",
        "Quote errors come from the old price list",
        "Support desk",
    ),
    (
        "2026-05-05",
        "marketing",
        "PE3",
        "",
        "visitor",
        "Short e-mails with the price grid get replies",
        "Nadia Haddad",
    ),
    (
        "2026-03-18",
        "sales",
        "PE4",
        "",
        "lead",
        "Cloud alliance managers track marketplace consumption",
        "Sales North America",
    ),
    (
        "2026-08-02",
        "marketing",
        "PE4",
        "P002",
        "partner",
        "Joint webinars with platforms fill quickly",
        "Nadia Haddad",
    ),
    (
        "2026-06-11",
        "sales",
        "PE5",
        "",
        "partner",
        "Reseller reps answer texts, not newsletters",
        "Sales EMEA",
    ),
    (
        "2026-08-21",
        "marketing",
        "PE5",
        "",
        "lead",
        "Quota-time promotions lift reseller orders",
        "Nadia Haddad",
    ),
    (
        "2026-04-27",
        "support",
        "PE5",
        "P010",
        "partner",
        "Resellers escalate licence keys by phone",
        "Support desk",
    ),
    (
        "2026-07-30",
        "sales",
        "PE6",
        "",
        "partner",
        "Boutique founders ask about payment terms",
        "Sales APAC",
    ),
    (
        "2026-09-08",
        "partner_team",
        "",
        "P042",
        "lead",
        "Contact via accounting, as their listing says",
        "Grace Liu",
    ),
]


def _research_notes() -> pd.DataFrame:
    frame = pd.DataFrame(
        _NOTES, columns=["date", "function", "persona_id", "partner_id", "stage", "note", "author"]
    )
    frame.insert(0, "note_id", [f"RN{i + 1:02d}" for i in range(len(frame))])
    return frame


def _tools() -> pd.DataFrame:
    rows = [
        ("Salesforce", "crm", "lead", "in_use"),
        ("Salesforce", "crm", "partner", "in_use"),
        ("Salesforce", "crm", "advocate", "in_use"),
        ("HubSpot", "marketing_automation", "visitor", "in_use"),
        ("HubSpot", "marketing_automation", "lead", "in_use"),
        ("HubSpot", "marketing_automation", "partner", "in_use"),
        ("SurveyMonkey", "survey", "advocate", "in_use"),
        ("Lumenar Partner Hub", "partner_portal", "partner", "planned"),
        ("Lumenar Partner Hub", "partner_portal", "advocate", "planned"),
    ]
    return pd.DataFrame(rows, columns=["tool", "kind", "stage", "status"])


def comms_tables(partners: pd.DataFrame, deals: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The demo's trend-8 people and tools tables, from :data:`SEED` (see module docstring)."""
    rng = np.random.default_rng(SEED)
    classes = _classes(partners, deals)
    contacts = _contacts(rng, partners, classes)
    return {
        "partner_contacts": contacts,
        "conversations": _conversations(rng, partners, contacts, classes),
        "engagement_answers": _answers(rng, partners, classes),
        "research_notes": _research_notes(),
        "tools": _tools(),
    }
