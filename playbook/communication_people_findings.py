"""Trend 8 — what the people, question-set, persona and tool sections conclude, for
:func:`playbook.communication_findings.summarise` (the one place trend 8's result is built).

Each function reads the tables of one section (``None`` when the section was not computed: its
table was not supplied) and returns its takeaway sentence, key finding and actions; nothing is
drawn from a section that was not computed.

* **Money at stake**: for partners out of sync, and for transaction partners to approach higher
  up or to automate, their program revenue in the window
  (:func:`playbook.deals.program_revenue`, passed in as ``revenue``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from playbook.communication_contacts import SyncStatus
from playbook.formatting import fmt_int, fmt_money, fmt_percent, name_list
from playbook.labels import label, plural
from playbook.results import Action, KeyFinding, Urgency

SECTION_CONTACTS = "Contacts and synchronised conversations"
SECTION_QUESTIONS = "The value- and transaction-partner question sets"
SECTION_TRANSACTION = "Transaction partners: aim high and automate"
SECTION_CANDIDATES = "Candidates: value or transaction"
SECTION_PERSONAS = "Personas: what report cards and research add"
SECTION_TOOLS = "Tools for each stage of the journey"


@dataclass(frozen=True)
class PeopleParts:
    """The tables of trend 8's people, question-set, persona and tool sections; ``None`` for a
    section not computed. Built by the notebook from the functions named on each field."""

    coverage: pd.DataFrame | None = None  # communication_contacts.contact_coverage
    sync: pd.DataFrame | None = None  # communication_contacts.synchronisation
    aim: pd.DataFrame | None = None  # communication_contacts.aim_high
    automation: pd.DataFrame | None = None  # communication_contacts.automation (per partner)
    scores: pd.DataFrame | None = None  # communication_questions.partner_scores
    candidates: pd.DataFrame | None = None  # communication_personas.classify_candidates
    bare: pd.DataFrame | None = None  # communication_personas.persona_coverage (second)
    research: pd.DataFrame | None = None  # communication_personas.research_coverage
    inventory: pd.DataFrame | None = None  # communication_tools.inventory
    stages: pd.DataFrame | None = None  # communication_tools.stage_coverage


@dataclass
class PeopleFindings:
    """What the sections conclude: takeaways, key findings, actions and figures."""

    takeaways: list[str] = field(default_factory=list)
    key_findings: list[KeyFinding] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    headline: dict[str, str] = field(default_factory=dict)

    def add(self, text: str | None, key: KeyFinding | None = None) -> None:
        """Add a takeaway (and its key finding)."""
        if text:
            self.takeaways.append(text)
        if key is not None:
            self.key_findings.append(key)


def _stake(ids, revenue: pd.Series) -> float:
    return float(revenue.reindex(list(ids)).fillna(0).sum())


def sync_finding(
    sync: pd.DataFrame | None,
    revenue: pd.Series,
    currency: str,
    staff_names: pd.Series,
    managers: pd.Series,
    out: PeopleFindings,
) -> None:
    """Partners out of sync named and priced, with an action each for its manager; long
    silences counted."""
    if sync is None or not len(sync):
        return
    bad = sync[sync["status"] == SyncStatus.OUT_OF_SYNC]
    quiet = sync[sync["status"].isin([SyncStatus.LONG_SILENCE, SyncStatus.NO_CONVERSATION])]
    status = map(str, sync["status"].tolist())
    out.figures["sync"] = dict(zip(sync["partner_id"].tolist(), status, strict=True))
    out.headline["Partners out of sync"] = fmt_int(len(bad))
    if not len(bad) and not len(quiet):
        out.add(f"Conversations with all {plural(len(sync), 'active partner')} are in step.")
        return
    parts = []
    key = None
    if len(bad):
        stake = _stake(bad["partner_id"], revenue)
        parts.append(
            f"{plural(len(bad), 'partner')} spoken to by several of our people without a shared "
            f"log ({name_list(bad['name'])}; {fmt_money(stake, currency)} of program revenue)"
        )
        key = KeyFinding(
            "; ".join(parts) + ".", stake if stake > 0 else None, Urgency.FIX, SECTION_CONTACTS
        )
        names, owners = staff_names.to_dict(), managers.to_dict()
        rows = zip(*(bad[c].tolist() for c in ("partner_id", "name", "our_people")), strict=True)
        for pid, name, ours in rows:
            people = name_list(names.get(i, i) for i in ours)
            out.actions.append(
                Action(
                    action=f"Put every conversation with {name} in the shared log "
                    f"({people} spoke with its people).",
                    owner=str(owners.get(pid, "")),
                    kind="Conversation log",
                    section=SECTION_CONTACTS,
                    urgency=Urgency.FIX,
                )
            )
    if len(quiet):
        parts.append(
            f"{plural(len(quiet), 'active partner')} with a long silence or no conversation "
            "logged in the window"
        )
    out.add("Out of step: " + "; ".join(parts) + ".", key)


def contacts_finding(coverage: pd.DataFrame | None, out: PeopleFindings) -> None:
    """Partners that hang on one contact, or none."""
    if coverage is None or not len(coverage):
        return
    one = coverage[coverage["contacts"] == 1]
    none = coverage[coverage["contacts"] == 0]
    out.figures["contacts"] = dict(zip(coverage["partner_id"], coverage["contacts"], strict=True))
    if not len(one) and not len(none):
        return
    text = []
    if len(one):
        text.append(f"{plural(len(one), 'active partner')} hang on a single contact")
    if len(none):
        text.append(f"{fmt_int(len(none))} have no contact on record")
    out.add("; ".join(text) + f" ({name_list(list(one['name']) + list(none['name']))}).")


def transaction_finding(
    aim: pd.DataFrame | None,
    auto: pd.DataFrame | None,
    revenue: pd.Series,
    currency: str,
    target: float,
    out: PeopleFindings,
) -> None:
    """Transaction partners spoken to too low in their org chart, or served by hand."""
    low = aim[aim["aim_higher"].fillna(False).astype(bool)] if aim is not None else None
    manual = None
    if auto is not None:
        manual = auto[auto["below_target"].fillna(False).astype(bool)]
    parts, ids = [], []
    if low is not None and len(low):
        parts.append(
            f"{plural(len(low), 'transaction partner')} spoken to only below senior-manager "
            f"level ({name_list(low['name'])})"
        )
        ids += list(low["partner_id"])
    if manual is not None and len(manual):
        parts.append(
            f"{plural(len(manual), 'transaction partner')} below {fmt_percent(target, 0)} "
            f"automated conversations ({name_list(manual['name'])})"
        )
        ids += list(manual["partner_id"])
    if aim is not None:
        out.figures["aim_higher"] = sorted(low["partner_id"]) if low is not None else []
    if not parts:
        return
    stake = _stake(set(ids), revenue)
    text = "; ".join(parts) + f": {fmt_money(stake, currency)} of program revenue."
    out.add(
        text[0].upper() + text[1:],
        KeyFinding(
            text[0].upper() + text[1:],
            stake if stake > 0 else None,
            Urgency.OPPORTUNITY,
            SECTION_TRANSACTION,
        ),
    )


def questions_finding(scores: pd.DataFrame | None, out: PeopleFindings) -> None:
    """The question-set scores: how many partners are scored, the weakest topic."""
    if scores is None or not len(scores):
        return
    scored = scores.dropna(subset=["score"])
    out.figures["question_scores"] = {
        pid: round(float(score), 2)
        for pid, score in zip(scored["partner_id"].tolist(), scored["score"].tolist(), strict=True)
    }
    if not len(scored):
        out.add(
            "No partner has an answer to its question set yet: score them with the client "
            "(engagement answers)."
        )
        return
    weak = pd.Series([t for w in scored["weak"] for t in w], dtype=object)
    text = (
        f"{plural(len(scored), 'partner')} of {fmt_int(len(scores))} scored on their question "
        f"set, average {scored['score'].mean():.1f} of 5"
    )
    if len(weak):
        top = weak.value_counts()
        text += f"; weakest topic: {top.index[0]} ({plural(int(top.iloc[0]), 'partner')} below par)"
    out.add(text + ".")


def candidates_finding(cands: pd.DataFrame | None, out: PeopleFindings) -> None:
    """How the candidates are classed."""
    if cands is None or not len(cands):
        return
    out.figures["candidates"] = {
        r.partner_id: (None if r.model is None or pd.isna(r.model) else str(r.model))
        for r in cands.itertuples()
    }
    counts = cands["model"].value_counts()
    words = [
        plural(int(counts.get(m, 0)), label(m).lower())
        for m in ("value", "transaction")
        if counts.get(m, 0)
    ]
    unclassed = int(cands["model"].isna().sum())
    if unclassed:
        words.append(f"{fmt_int(unclassed)} with nothing to go by")
    out.add(f"Candidates to approach: {', '.join(words)}.")


def personas_finding(
    bare: pd.DataFrame | None, research: pd.DataFrame | None, out: PeopleFindings
) -> None:
    """Partner groups no persona covers; personas without input from sales, marketing or
    support."""
    texts = []
    if bare is not None and len(bare):
        groups = [
            f"{label(r.type)} {label(r.model).lower()}s ({fmt_int(r.partners)})"
            for r in bare.itertuples()
        ]
        texts.append(f"no persona describes {name_list(groups)}")
    if research is not None and len(research):
        thin = research[research["missing"].map(len) > 0]
        if len(thin):
            texts.append(
                f"{plural(len(thin), 'persona')} lack research from "
                + " or ".join(sorted({f for m in thin["missing"] for f in m}))
            )
    if texts:
        text = "; ".join(texts) + "."
        out.add(
            text[0].upper() + text[1:],
            KeyFinding(text[0].upper() + text[1:], None, Urgency.OPPORTUNITY, SECTION_PERSONAS),
        )


def _lower(text: str) -> str:
    """A label inside a sentence: first letter small, unless it is an acronym (CRM)."""
    return text if text.isupper() else text[:1].lower() + text[1:]


def _either(words: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def tools_finding(
    inventory: pd.DataFrame | None, stages: pd.DataFrame | None, out: PeopleFindings
) -> None:
    """Kinds of tool the client lacks or only plans, and journey stages no tool in use serves."""
    if inventory is None:
        return
    none = [_lower(label(k)) for k in inventory.loc[inventory["status"] == "no_tool", "kind"]]
    planned = [_lower(label(k)) for k in inventory.loc[inventory["status"] == "planned", "kind"]]
    out.figures["tools_missing"] = list(inventory.loc[inventory["status"] != "in_use", "kind"])
    parts = []
    if none:
        parts.append(f"no {_either(none)} tool")
    if planned:
        parts.append(f"{_either(planned).replace(' or ', ' and ')} only planned")
    if stages is not None and not stages["served"].all():
        unserved = [label(s).lower() + "s" for s in stages.loc[~stages["served"], "stage"]]
        parts.append(f"no tool in use for {_either(unserved)}")
    if parts:
        text = "Tools: " + "; ".join(parts) + "."
        out.add(text, KeyFinding(text, None, Urgency.OPPORTUNITY, SECTION_TOOLS))


def people_findings(
    parts: PeopleParts,
    revenue: pd.Series,
    currency: str,
    staff_names: pd.Series,
    managers: pd.Series,
    automation_target: float,
) -> PeopleFindings:
    """Every conclusion of the people, question-set, persona and tool sections, most important
    first."""
    out = PeopleFindings()
    sync_finding(parts.sync, revenue, currency, staff_names, managers, out)
    transaction_finding(parts.aim, parts.automation, revenue, currency, automation_target, out)
    contacts_finding(parts.coverage, out)
    questions_finding(parts.scores, out)
    personas_finding(parts.bare, parts.research, out)
    tools_finding(parts.inventory, parts.stages, out)
    candidates_finding(parts.candidates, out)
    return out
