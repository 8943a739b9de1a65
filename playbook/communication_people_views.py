"""Trend 8 — the report views of contacts, conversations, question sets, personas, research and
tools (:mod:`playbook.communication_contacts`, :mod:`playbook.communication_questions`,
:mod:`playbook.communication_personas`, :mod:`playbook.communication_tools`), and their lines of
"How these figures are defined". Every code reaches the page through :mod:`playbook.labels`;
every missing figure is "—".
"""

from __future__ import annotations

import pandas as pd

from playbook.communication_contacts import AUTOMATION_TARGET, MAX_SILENCE_DAYS
from playbook.communication_questions import WEAK_BELOW
from playbook.formatting import CELL_NAMES, MISSING, fmt_int, fmt_percent, name_list
from playbook.labels import label, label_values


def _or(values: pd.Series, blank: str) -> pd.Series:
    """``values`` as text, ``blank`` where a value is missing (whatever the column's dtype)."""
    return values.astype(object).where(values.notna(), blank)


def _words(values: list) -> str:
    """A list of codes or names in plain words, joined; "—" for none."""
    return ", ".join(label(v) for v in values) if values else MISSING


def _level(value) -> str:
    return MISSING if value is None or pd.isna(value) else label(value)


def _names(ids: list, names: dict) -> str:
    """The people of ``ids`` by name (``names``: id → name; the id when not there), at most
    :data:`~playbook.formatting.CELL_NAMES` (:func:`~playbook.formatting.name_list`); "—" for
    none."""
    return name_list((names.get(i, i) for i in ids), CELL_NAMES, empty=MISSING)


def _score(value) -> str:
    return MISSING if pd.isna(value) else f"{value:.1f}"


def _yes(value) -> str:
    if value is None or pd.isna(value):
        return MISSING
    return "Yes" if bool(value) else "No"


def staff_names(staff: pd.DataFrame) -> pd.Series:
    """Staff id → the person's name (the id when the name is blank)."""
    names = staff.drop_duplicates("staff_id").set_index("staff_id")["name"]
    return names.fillna(pd.Series(names.index, index=names.index))


def definitions(
    max_silence_days: float = MAX_SILENCE_DAYS,
    automation_target: float = AUTOMATION_TARGET,
    weak_below: float = WEAK_BELOW,
) -> list[str]:
    """The definitions of the people, question-set, persona and tool sections, with this run's
    parameters (the module docstrings hold them in full)."""
    return [
        "Contacts: the people listed for a partner; a partner with a single contact hangs on one "
        "person. Levels from the top: executive, senior manager (VP, director), manager, staff.",
        "Out of sync: in the window, two or more of our people spoke with the partner's people "
        "and at least one of those conversations is not in the shared log (a blank there is "
        "not known, never counted as unshared).",
        f"Longest silence: the most days between two conversations in the window, or from the "
        f"last one to the as-of date; over {max_silence_days:g} days is a long silence.",
        "Aim high: a transaction partner whose highest contact spoken to in the window is below "
        "senior manager should be approached higher up its org chart.",
        f"Automated share = automated conversations ÷ conversations whose automation is "
        f"recorded; transaction partners should reach {fmt_percent(automation_target, 0)}.",
        "Question sets: each partner answers the set of its class; a blank score (not "
        "answered) and a question marked not applicable are left out; score = mean of the "
        f"answers (0–5), index = score × 20; an answer below {weak_below:g} is weak.",
        "Candidates: the class set by hand, else the class most active partners of their type "
        "have, else the class most personas of their type have.",
        "Report cards and personas: medians of the report-card measures of the transaction "
        "partners graded A or B against the others of the same type.",
        "Tools: a kind of tool is in use when one tool of that kind is in use; a stage is "
        "served when a tool in use names it.",
    ]


#: The columns of :func:`contacts_view` shown on screen.
CONTACTS_SCREEN = ["Partner", "Classified as", "Contacts", "Senior contacts", "Highest level"]


def contacts_view(coverage: pd.DataFrame) -> pd.DataFrame:
    """Contacts per active partner (:func:`~playbook.communication_contacts.contact_coverage`),
    fewest contacts first."""
    c = coverage.sort_values(["contacts", "name"])
    return pd.DataFrame(
        {
            "Partner": c["name"],
            "Classified as": label_values(c["model"]),
            "Contacts": c["contacts"],
            "Senior contacts": c["senior_contacts"],
            "Highest level": c["highest_level"].map(_level),
            "Owners of ours": c["owners"],
            "Single contact": c["single_threaded"].map(_yes),
        }
    ).reset_index(drop=True)


#: The columns of :func:`sync_view` shown on screen.
SYNC_SCREEN = [
    "Partner",
    "Status",
    "Conversations",
    "Our people",
    "Not in the shared log",
    "Longest silence (days)",
    "Last conversation",
]


def sync_view(sync: pd.DataFrame, staff_names: pd.Series) -> pd.DataFrame:
    """The synchronisation check per active partner
    (:func:`~playbook.communication_contacts.synchronisation`), partners to act on first."""
    names = staff_names.to_dict()
    return pd.DataFrame(
        {
            "Partner": sync["name"],
            "Status": label_values(sync["status"]),
            "Conversations": sync["conversations"],
            "Our people": [_names(ids, names) for ids in sync["our_people"]],
            "Not in the shared log": sync["unshared"],
            "Longest silence (days)": sync["longest_silence"].map(fmt_int),
            "Last conversation": sync["last"].map(
                lambda d: MISSING if pd.isna(d) else pd.Timestamp(d).date().isoformat()
            ),
            "Shared log not known": sync["share_unknown"],
        }
    )


def unshared_view(
    rows: pd.DataFrame, partners: pd.DataFrame, contacts: pd.DataFrame, staff_names: pd.Series
) -> pd.DataFrame:
    """Conversations held by someone other than the contact's owner and not in the shared log
    (:func:`~playbook.communication_contacts.spoken_by_others`)."""
    names = staff_names.to_dict()
    contact_names = contacts.set_index("contact_id")["name"]
    contact_names = contact_names.fillna(pd.Series(contact_names.index, contact_names.index))
    return pd.DataFrame(
        {
            "Date": pd.to_datetime(rows["date"]).dt.date.astype(str),
            "Partner": rows["partner_id"].map(partners.set_index("partner_id")["name"]),
            "Contact": rows["contact_id"].map(contact_names),
            "Spoken to by": rows["staff_id"].map(lambda i: names.get(i, i)),
            "Contact's owner": rows["owner_id"].map(lambda i: names.get(i, i)),
            "Medium": _or(rows["medium"], ""),
        }
    )


def aim_high_view(aim: pd.DataFrame) -> pd.DataFrame:
    """Transaction partners: highest contact, highest spoken to, senior share
    (:func:`~playbook.communication_contacts.aim_high`)."""
    return pd.DataFrame(
        {
            "Partner": aim["name"],
            "Highest contact": aim["highest_contact"].map(_level),
            "Highest spoken to": aim["spoken_to"].map(_level),
            "Conversations with a known level": aim["conversations_with_level"],
            "With a senior contact": aim["senior_share"].map(fmt_percent),
            "Aim higher": aim["aim_higher"].map(_yes),
        }
    )


def automation_view(auto: pd.DataFrame) -> pd.DataFrame:
    """Automated share per partner (:func:`~playbook.communication_contacts.automation`),
    transaction partners first, lowest share first."""
    a = auto.assign(order=(auto["model"] != "transaction").astype(int)).sort_values(
        ["order", "automated_share", "name"], na_position="last"
    )
    return pd.DataFrame(
        {
            "Partner": a["name"],
            "Classified as": label_values(a["model"]),
            "Conversations": a["conversations"],
            "Automated": a["automated"],
            "Automated share": a["automated_share"].map(fmt_percent),
            "Below the target": a["below_target"].map(lambda v: "" if pd.isna(v) else _yes(v)),
        }
    ).reset_index(drop=True)


def automation_totals_view(totals: pd.DataFrame) -> pd.DataFrame:
    """Automated share of value and of transaction partners' conversations."""
    return pd.DataFrame(
        {
            "Partners": label_values(totals["model"]),
            "Partners classed": totals["partners"],
            "Conversations": totals["conversations"],
            "Automated": totals["automated"],
            "Automated share": totals["automated_share"].map(fmt_percent),
        }
    )


def question_bank_view(bank: pd.DataFrame) -> pd.DataFrame:
    """The two question sets, as asked."""
    return pd.DataFrame(
        {
            "Id": bank["item_id"],
            "For": label_values(bank["model"]),
            "Topic": bank["topic"],
            "Question": bank["question"],
        }
    )


#: The columns of :func:`scores_view` shown on screen.
SCORES_SCREEN = ["Partner", "Classified as", "Answered", "Score (0–5)", "Index", "Weak on"]


def scores_view(scores: pd.DataFrame) -> pd.DataFrame:
    """Question-set score per partner (:func:`~playbook.communication_questions.partner_scores`)."""
    return pd.DataFrame(
        {
            "Partner": scores["name"],
            "Classified as": label_values(scores["model"]),
            "Answered": [
                f"{a} of {q}" for a, q in zip(scores["answered"], scores["questions"], strict=True)
            ],
            "Score (0–5)": scores["score"].map(_score),
            "Index": scores["index"].map(fmt_int),
            "Weak on": scores["weak"].map(lambda v: "; ".join(v) if v else ""),
            "Not applicable": scores["not_applicable"],
        }
    ).reset_index(drop=True)


def items_view(items: pd.DataFrame) -> pd.DataFrame:
    """Per question (:func:`~playbook.communication_questions.item_summary`)."""
    return pd.DataFrame(
        {
            "Id": items["item_id"],
            "For": label_values(items["model"]),
            "Topic": items["topic"],
            "Partners asked": items["partners"],
            "Answered": items["answered"],
            "Mean score (0–5)": items["mean"].map(_score),
            "Weak answers": items["weak"],
            "Not applicable": items["not_applicable"],
        }
    )


def candidates_view(cands: pd.DataFrame) -> pd.DataFrame:
    """Candidates classed value or transaction, with the basis."""
    return pd.DataFrame(
        {
            "Candidate": cands["name"],
            "Type": label_values(cands["type"]),
            "Classified as": _or(label_values(cands["model"]), MISSING),
            "On what basis": cands["basis"],
        }
    )


def personas_view(coverage: pd.DataFrame) -> pd.DataFrame:
    """Personas with the partners they cover, the contacts who fit them and research notes."""

    def count(v) -> str:
        return MISSING if v is None or pd.isna(v) else fmt_int(v)

    return pd.DataFrame(
        {
            "Persona": coverage["persona"],
            "Partner type": _or(label_values(coverage["partner_type"]), "Any"),
            "Engagement": _or(label_values(coverage["model"]), "Any"),
            "Active partners it covers": coverage["partners"],
            "Contacts who fit it": coverage["contacts"].map(count),
            "Research notes": coverage["notes"].map(count),
        }
    )


def bare_view(bare: pd.DataFrame) -> pd.DataFrame:
    """Groups of active partners (type × class) that no persona covers."""
    return pd.DataFrame(
        {
            "Partner type": label_values(bare["type"]),
            "Classified as": label_values(bare["model"]),
            "Active partners": bare["partners"],
        }
    )


#: How each report-card measure is written in the evidence table, and its format.
_MEASURES = {
    "deal_volume": ("won deals", fmt_int),
    "win_rate": ("win rate", fmt_percent),
    "deal_velocity": ("days to win", fmt_int),
    "certification": ("certification (0–4)", lambda v: MISSING if pd.isna(v) else f"{v:.1f}"),
    "responsiveness": ("responsiveness", lambda v: fmt_percent(v / 100, 0)),
}


def evidence_view(evidence: pd.DataFrame) -> pd.DataFrame:
    """Report-card evidence per partner type: the best-graded against the others
    (:func:`~playbook.communication_personas.card_evidence`)."""
    out = pd.DataFrame(
        {
            "Partner type": label_values(evidence["partner_type"]),
            "Transaction personas": evidence["personas"].replace("", "No persona yet"),
            "Partners carded": evidence["partners"],
            "Graded A or B": evidence["best"],
        }
    )
    for m, (words, fmt) in _MEASURES.items():
        out[f"Median {words}: A or B"] = evidence[f"best_{m}"].map(fmt)
        out[f"Median {words}: others"] = evidence[f"rest_{m}"].map(fmt)
    return out


#: The columns of :func:`evidence_view` shown on screen.
EVIDENCE_SCREEN = [
    "Partner type",
    "Transaction personas",
    "Partners carded",
    "Graded A or B",
    "Median won deals: A or B",
    "Median won deals: others",
    "Median win rate: A or B",
    "Median win rate: others",
]


def research_view(coverage: pd.DataFrame) -> pd.DataFrame:
    """Research notes per persona and function, and the functions not heard from."""
    return pd.DataFrame(
        {
            "Persona": _or(coverage["persona"], "No persona named"),
            "Sales": coverage["sales"],
            "Marketing": coverage["marketing"],
            "Support": coverage["support"],
            "Partner team and others": coverage["other"],
            "Not heard from": coverage["missing"].map(_words).replace(MISSING, ""),
        }
    )


def notes_view(notes: pd.DataFrame) -> pd.DataFrame:
    """Research notes, latest first (:func:`~playbook.communication_personas.latest_notes`)."""
    return pd.DataFrame(
        {
            "Date": pd.to_datetime(notes["date"]).map(
                lambda d: "" if pd.isna(d) else d.date().isoformat()
            ),
            "From": label_values(notes["function"]),
            "Persona": _or(notes["persona"], ""),
            "Partner": _or(notes["partner"], ""),
            "Stage": _or(label_values(notes["stage"]), ""),
            "Note": notes["note"],
            "Author": _or(notes["author"], ""),
        }
    ).reset_index(drop=True)


def inventory_view(inv: pd.DataFrame) -> pd.DataFrame:
    """The tool inventory per kind (:func:`~playbook.communication_tools.inventory`)."""
    return pd.DataFrame(
        {
            "Kind of tool": label_values(inv["kind"]),
            "Status": label_values(inv["status"]),
            "In use": inv["in_use"].map(lambda v: name_list(v, CELL_NAMES, empty=MISSING)),
            "Planned": inv["planned"].map(lambda v: name_list(v, CELL_NAMES)),
            "Journey stages served": inv["stages"].map(_words),
        }
    )


def stages_view(cov: pd.DataFrame) -> pd.DataFrame:
    """Journey stages and the tools in use serving them
    (:func:`~playbook.communication_tools.stage_coverage`)."""
    return pd.DataFrame(
        {
            "Stage": label_values(cov["stage"]),
            "Tools in use": cov["tools"].map(lambda v: name_list(v, CELL_NAMES, empty=MISSING)),
            "Kinds": cov["kinds"].map(_words),
            "Served": cov["served"].map(_yes),
        }
    )
