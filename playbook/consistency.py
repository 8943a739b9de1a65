"""The client's answers against the client's data: what to discuss with the client.

A workspace holds two kinds of statement: what the client *says* (readiness answers, checklist
status, plan milestones, campaign results) and what its records *show* (deals, partners,
investments, communications). Where the two disagree, neither is silently preferred: the answer
still counts as given, ``playbook check`` warns, and the reports list the point under "To
discuss" for the next conversation with the client.

Each rule below names the statement, the records that contradict it, and the as-of date rule
(anything dated after the as-of date does not exist yet). A rule whose tables were not supplied
says nothing: a blank is never a contradiction.

* **Readiness answers** (matched by item id; an answer scored exactly 0, "not at all"; a blank
  answer is never 0):
  IC1 "we know our customers' split by industry" while customer accounts carry an industry;
  IC2 "we know our partners' split by industry" while active partners carry an industry;
  PO2 "we track investment, payback and ROI per partner" while investments dated on or before
  the as-of date exist.
* **Checklist**: item CM10 "record partner attribution in the CRM" not done at the as-of date
  while won or open deals carry a sourced or influenced attribution.
* **Plans**: a milestone named "first joint customer" not done at the as-of date for a partner
  that has won a deal on or before the as-of date.
* **Campaigns**: more partners closed by the campaigns started on or before the as-of date
  (sum of ``campaigns.closed``) than the partners table holds.
* **Communications**: the latest communication on or before the as-of date is more than
  :data:`QUIET_MONTHS` months before it while deals were created in that gap (the program went
  on, its communication did not).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from playbook.deals import active_at, count_deals, is_partner_deal, is_won
from playbook.labels import plural
from playbook.readiness_bank import question_bank
from playbook.schema import TaskStatus

#: Months without any communication before the as-of date that count as "communications stop".
QUIET_MONTHS = 3
#: The checklist item about recording attribution (id in the default checklist).
ATTRIBUTION_ITEM = "CM10"
#: Milestone text (any case, anywhere in the milestone) that means a first joint customer.
FIRST_CUSTOMER = "first joint customer"


@dataclass(frozen=True)
class ToDiscuss:
    """One point where the client's answer and its data disagree.

    ``table``, ``row`` (spreadsheet row of the answer, header = 1, ``None`` for a whole table)
    and ``column`` locate the statement; ``says`` is the client's statement, ``shows`` what the
    data holds (naming the table and column).
    """

    topic: str
    table: str
    row: int | None
    column: str | None
    says: str
    shows: str


def _filled(values: pd.Series) -> pd.Series:
    """True where a text cell holds something (not blank, not only spaces)."""
    return values.notna() & (values.astype("string").str.strip() != "")


def _dated(frame: pd.DataFrame, column: str, as_of: pd.Timestamp) -> pd.DataFrame:
    """Rows whose ``column`` date is on or before ``as_of`` (blank dates kept)."""
    return frame[frame[column].isna() | (frame[column] <= as_of)]


def _done_at(frame: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """Marked done and completed on or before ``as_of`` (a done item without a date is done)."""
    completed = frame["completed_date"]
    return (frame["status"] == TaskStatus.DONE) & (completed.isna() | (completed <= as_of))


def readiness_evidence(tables: dict[str, pd.DataFrame], as_of: pd.Timestamp) -> dict[str, str]:
    """What the data shows for each readiness item whose answer 0 it contradicts (item id →
    text naming the table and column; items it does not contradict are absent)."""
    out = {}
    as_of = pd.Timestamp(as_of)
    accounts = tables.get("accounts")
    if accounts is not None and len(accounts):
        customers = accounts[accounts["status"] == "customer"]
        n = int(_filled(customers["industry"]).sum())
        if n:
            out["IC1"] = (
                f"{n} of {len(customers)} customer accounts carry an industry (accounts.industry)"
            )
    partners = tables["partners"]
    active = partners[active_at(partners, as_of)]
    n = int(_filled(active["industry"]).sum()) if "industry" in active else 0
    if n:
        out["IC2"] = f"{n} of {len(active)} active partners carry an industry (partners.industry)"
    investments = tables.get("investments")
    if investments is not None and len(investments):
        dated = investments[investments["date"] <= as_of]
        if len(dated):
            out["PO2"] = (
                f"{plural(len(dated), 'investment')} in "
                f"{plural(dated['partner_id'].nunique(), 'partner')} "
                f"recorded up to {as_of.date().isoformat()} (investments)"
            )
    return out


def readiness(tables: dict[str, pd.DataFrame], as_of) -> list[ToDiscuss]:
    """Readiness answers scored 0 that the client's tables contradict (module docstring)."""
    answers = tables.get("readiness")
    if answers is None or not len(answers):
        return []
    shows = readiness_evidence(tables, pd.Timestamp(as_of))
    questions = question_bank().set_index("item_id")["question"]
    out = []
    zero = answers[answers["score"] == 0]
    who = zero["respondent"] if "respondent" in zero else pd.Series(None, index=zero.index)
    for item, row, name in zip(zero["item_id"], zero["_row"], who, strict=True):
        if item in shows:
            by = f" by {name}" if isinstance(name, str) else ""
            says = f"{item} '{questions[item]}' answered 0{by}"
            out.append(ToDiscuss("readiness", "readiness", int(row), "score", says, shows[item]))
    return out


def checklist(tables: dict[str, pd.DataFrame], as_of) -> list[ToDiscuss]:
    """Attribution checklist item not done while deals carry attribution (module docstring)."""
    items = tables.get("checklist")
    if items is None or not len(items):
        return []
    as_of = pd.Timestamp(as_of)
    item = items[items["item_id"] == ATTRIBUTION_ITEM]
    deals = _dated(tables["deals"], "created_date", as_of)
    attributed = count_deals(deals[is_partner_deal(deals)])
    open_item = item[~_done_at(item, as_of)]
    if not len(open_item) or not attributed:
        return []
    r = open_item.iloc[0]
    return [
        ToDiscuss(
            "checklist",
            "checklist",
            int(r["_row"]),
            "status",
            f"{ATTRIBUTION_ITEM} '{r['task']}' not done at {as_of.date().isoformat()}",
            f"{attributed} deals already carry a sourced or influenced attribution "
            "(deals.attribution)",
        )
    ]


def plans(tables: dict[str, pd.DataFrame], as_of) -> list[ToDiscuss]:
    """'First joint customer' milestones open for partners that have won (module docstring)."""
    milestones = tables.get("plans")
    if milestones is None or not len(milestones):
        return []
    as_of = pd.Timestamp(as_of)
    deals = tables["deals"]
    won = deals[is_won(deals) & is_partner_deal(deals) & (deals["close_date"] <= as_of)]
    first_win = won.groupby("partner_id")["close_date"].min()
    first = milestones["milestone"].astype("string").str.lower().str.contains(FIRST_CUSTOMER)
    open_first = milestones[first.fillna(False) & ~_done_at(milestones, as_of)]
    out = []
    hit = open_first[open_first["partner_id"].isin(first_win.index)]
    for pid, milestone, row in zip(hit["partner_id"], hit["milestone"], hit["_row"], strict=True):
        out.append(
            ToDiscuss(
                "plans",
                "plans",
                int(row),
                "status",
                f"{pid}: milestone '{milestone}' not done at {as_of.date().isoformat()}",
                f"{pid} won its first deal on {first_win[pid].date().isoformat()} (deals)",
            )
        )
    return out


def campaigns(tables: dict[str, pd.DataFrame], as_of) -> list[ToDiscuss]:
    """Campaigns that closed more partners than exist (module docstring)."""
    rows = tables.get("campaigns")
    if rows is None or not len(rows) or rows["closed"].isna().all():
        return []
    started = rows[rows["start_date"].isna() | (rows["start_date"] <= pd.Timestamp(as_of))]
    closed = int(started["closed"].sum())
    partners = len(tables["partners"])
    if closed <= partners:
        return []
    return [
        ToDiscuss(
            "campaigns",
            "campaigns",
            None,
            "closed",
            f"campaigns closed {closed} partners in all (campaigns.closed)",
            f"the partners table holds {partners} partners, candidates included (partners)",
        )
    ]


def communications(tables: dict[str, pd.DataFrame], as_of) -> list[ToDiscuss]:
    """Communications that stop months before the as-of date (module docstring)."""
    sent = tables.get("communications")
    if sent is None or not len(sent):
        return []
    as_of = pd.Timestamp(as_of)
    last = sent.loc[sent["date"] <= as_of, "date"].max()
    if pd.isna(last) or last >= as_of - pd.DateOffset(months=QUIET_MONTHS):
        return []
    deals = tables["deals"]
    later = count_deals(deals[(deals["created_date"] > last) & (deals["created_date"] <= as_of)])
    if not later:
        return []
    return [
        ToDiscuss(
            "communications",
            "communications",
            None,
            "date",
            f"the last communication is dated {last.date().isoformat()}",
            f"{later} deals were created after it, up to {as_of.date().isoformat()} (deals)",
        )
    ]


RULES: dict[str, Callable[[dict[str, pd.DataFrame], pd.Timestamp], list[ToDiscuss]]] = {
    "readiness": readiness,
    "checklist": checklist,
    "plans": plans,
    "campaigns": campaigns,
    "communications": communications,
}


def to_discuss(tables: dict[str, pd.DataFrame], as_of, topics=None) -> list[ToDiscuss]:
    """Every point to discuss, in :data:`RULES` order (only ``topics`` when given)."""
    out: list[ToDiscuss] = []
    for topic, rule in RULES.items():
        if topics is None or topic in topics:
            out.extend(rule(tables, pd.Timestamp(as_of)))
    return out


def view(points: list[ToDiscuss]) -> pd.DataFrame:
    """Points to discuss as a table with readable headers."""
    return pd.DataFrame(
        [(p.says, p.shows) for p in points],
        columns=["The client says", "The client's data shows"],
    )
