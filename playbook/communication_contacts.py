"""Trend 8 — the people at each partner: several contacts, one synchronised conversation log,
transaction partners reached high in their org chart and served by automation.

Inputs are the optional tables ``partner_contacts`` (who we deal with at each partner, their level
in the partner's org chart, who of ours owns the relationship) and ``conversations`` (the
conversation log). Everything is counted in the reporting window ``[start, end]`` (inclusive;
``end`` is the as-of date): a conversation dated after the as-of date does not exist yet.

Definitions
-----------
* **Contacts** of a partner: its rows of ``partner_contacts``. A partner with exactly one
  contact is **single-threaded**: the relationship hangs on one person.
* **Level**: ``executive`` (4) > ``senior_manager`` (3) > ``manager`` (2) > ``staff`` (1)
  (:data:`LEVEL_RANK`); **senior** means ``senior_manager`` or ``executive``. A contact without a
  level has none (never the lowest).
* **People of ours** on a partner: the distinct ``staff_id`` of its conversations in the window
  that were not automated.
* **Unshared** conversation: ``shared_log`` is ``no``; a blank ``shared_log`` is *not known* and
  counted apart, never as unshared.
* **Out of sync** (:func:`synchronisation`): in the window, two or more people of ours spoke with
  the partner's people *and* at least one of those conversations is unshared: a colleague can
  have said something the others do not know. Not out of sync: at most one person of ours can
  have held them, or every one is known to be in the shared log. Otherwise (blanks in
  ``staff_id`` or ``shared_log`` leave it open) it is *not known*, never "in step".
* **Longest silence**: the most days between two consecutive conversations with the partner in
  the window, or between its last one and the as-of date. A silence longer than
  ``max_silence_days`` (:data:`MAX_SILENCE_DAYS`, notebook ``max_silence_days``) is a **gap**.
* **Status** of an active partner, first that applies: *no conversation logged* (none in the
  window), *out of sync*, *long silence* (a gap), *not known* (see above), *in step*.
* **Aim high** (:func:`aim_high`, transaction partners): the highest level among a partner's
  contacts, and the highest level spoken to in the window (conversations naming a contact,
  automated or not); a partner whose highest level spoken to is below ``senior_manager`` is
  told to **aim higher**; one whose conversations name no contact with a level is not assessed
  ("—").
* **Automated share** (:func:`automation`): conversations in the window marked ``automated``
  ÷ conversations in the window whose ``automated`` is known. A transaction partner below
  ``automation_target`` (:data:`AUTOMATION_TARGET`, notebook ``automation_target``) is not yet
  served the streamlined way the seed report asks for.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.schema import CONTACT_LEVELS

#: Rank of each org-chart level, highest first: executive 4 … staff 1.
LEVEL_RANK = {level: len(CONTACT_LEVELS) - i for i, level in enumerate(CONTACT_LEVELS)}
#: Lowest rank called senior (senior manager: VP, director, head of).
SENIOR_RANK = LEVEL_RANK["senior_manager"]
#: Days without a conversation that make a gap (notebook ``max_silence_days``).
MAX_SILENCE_DAYS = 90
#: Share of a transaction partner's conversations that should be automated (notebook
#: ``automation_target``).
AUTOMATION_TARGET = 0.5


class SyncStatus(StrEnum):
    """Status of the conversations with one partner (see module docstring)."""

    NO_CONVERSATION = "no_conversation"
    OUT_OF_SYNC = "out_of_sync"
    LONG_SILENCE = "long_silence"
    NOT_KNOWN = "sync_not_known"
    IN_STEP = "in_step"


def level_name(rank) -> str | None:
    """The level code of a rank (4 → ``executive``); ``None`` for a missing rank."""
    if rank is None or pd.isna(rank):
        return None
    return CONTACT_LEVELS[len(CONTACT_LEVELS) - int(rank)]


def in_window(conversations: pd.DataFrame, start, end) -> pd.DataFrame:
    """The conversations dated in ``[start, end]`` (inclusive)."""
    day = pd.to_datetime(conversations["date"])
    return conversations[(day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end))]


def _flag(values: pd.Series, wanted: bool) -> pd.Series:
    """True where a yes/no column holds ``wanted``; a blank is neither."""
    known = values.notna()
    flag = pd.Series(False, index=values.index, dtype=bool, name=values.name)
    flag[known] = values[known].astype(bool) == bool(wanted)
    return flag


def contact_coverage(contacts: pd.DataFrame, eng: pd.DataFrame) -> pd.DataFrame:
    """Per partner of ``eng`` (the classified active partners): contacts, senior contacts, the
    highest level among them, our owners (distinct ``owner_id``) and ``single_threaded`` (one
    contact). A partner without a contact has 0 contacts: the list of contacts is complete
    once supplied, so no row is a measured none."""
    c = contacts[contacts["partner_id"].isin(eng["partner_id"])].copy()
    c["rank"] = c["level"].map(LEVEL_RANK)
    g = c.groupby("partner_id")
    out = eng[["partner_id", "name", "type", "model"]].set_index("partner_id")
    out["contacts"] = g.size().reindex(out.index).fillna(0).astype(int)
    out["senior_contacts"] = (
        (c["rank"] >= SENIOR_RANK).groupby(c["partner_id"]).sum().reindex(out.index).fillna(0)
    ).astype(int)
    out["highest_level"] = g["rank"].max().reindex(out.index).map(level_name)
    out["owners"] = g["owner_id"].nunique().reindex(out.index).fillna(0).astype(int)
    out["single_threaded"] = out["contacts"] == 1
    return out.reset_index()


def _longest_silence(conversations: pd.DataFrame, end: pd.Timestamp) -> pd.Series:
    """Per ``partner_id`` of ``conversations``: the most whole days between two consecutive
    conversations (by ``date``) or from the last one to ``end``; one sorted group-by."""
    c = pd.DataFrame(
        {"partner_id": conversations["partner_id"], "day": pd.to_datetime(conversations["date"])}
    ).sort_values(["partner_id", "day"], kind="stable")
    steps = c.groupby("partner_id")["day"].diff().dt.days
    between = steps.groupby(c["partner_id"]).max()
    last = (end - c.groupby("partner_id")["day"].max()).dt.days
    return np.fmax(between.reindex(last.index), last).astype(float)


def grouped_lists(keys: pd.Series, values: pd.Series, index: pd.Index) -> pd.Series:
    """Per id of ``index``: the ``values`` of its rows (``keys`` equal to the id), in the rows'
    order, as a list (empty for none; a blank key belongs to no id). One stable sort of the
    key codes, cut where the code changes: no pandas work per group."""
    codes, uniques = pd.factorize(keys)
    order = np.argsort(codes, kind="stable")
    order = order[codes[order] >= 0]
    code = codes[order]
    flat = values.to_numpy(dtype=object)[order].tolist()
    lists = {}
    if flat:
        first = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
        ends = [*first[1:].tolist(), len(flat)]
        bounds = zip(uniques[code[first]], first.tolist(), ends, strict=True)
        lists = {k: flat[a:b] for k, a, b in bounds}
    return pd.Series([lists.get(i, []) for i in index], index=index, dtype=object)


def _people(named: pd.DataFrame, index: pd.Index) -> pd.Series:
    """Per id of ``index``: the sorted distinct ``staff_id`` of its rows in ``named`` (a list,
    empty for none)."""
    pairs = named[["partner_id", "staff_id"]].drop_duplicates()
    pairs = pairs.sort_values(["partner_id", "staff_id"], kind="stable")
    return grouped_lists(pairs["partner_id"], pairs["staff_id"], index)


def _count(mask: pd.Series, by: pd.Series, index: pd.Index) -> pd.Series:
    """Rows where ``mask`` holds, counted per value of ``by``, for every id of ``index``."""
    return mask.groupby(by).sum().reindex(index).fillna(0).astype(int)


def _out_of_sync(out: pd.DataFrame, anonymous: pd.Series) -> pd.Series:
    """``out_of_sync`` per partner of ``out`` (``people``, ``unshared``, ``share_unknown``
    computed): True with two or more people of ours and an unshared conversation; False when at
    most one person can have held them (``anonymous``: conversations by a person not named) or
    every one is known to be shared; ``<NA>`` when the blanks leave it open."""
    flag = pd.Series(pd.NA, index=out.index, dtype="boolean")
    all_shared = (out["unshared"] == 0) & (out["share_unknown"] == 0)
    flag[all_shared | (out["people"] + anonymous < 2)] = False
    flag[(out["people"] >= 2) & (out["unshared"] > 0)] = True
    return flag


def _status(out: pd.DataFrame, max_silence_days: float) -> pd.Series:
    """:class:`SyncStatus` per partner of ``out`` (``conversations``, ``out_of_sync``,
    ``longest_silence`` computed): the first that applies, in the order of the enum, as text."""
    flag = out["out_of_sync"]
    rules = [
        (SyncStatus.NO_CONVERSATION, out["conversations"] == 0),
        (SyncStatus.OUT_OF_SYNC, flag.fillna(False).astype(bool)),
        (SyncStatus.LONG_SILENCE, out["longest_silence"] > max_silence_days),
        (SyncStatus.NOT_KNOWN, flag.isna()),
    ]
    status = pd.Series(SyncStatus.IN_STEP, index=out.index, dtype=object)
    for value, mask in reversed(rules):
        status[mask.to_numpy(dtype=bool)] = value
    return status.astype("str")


def synchronisation(
    conversations: pd.DataFrame,
    eng: pd.DataFrame,
    start,
    end,
    max_silence_days: float = MAX_SILENCE_DAYS,
) -> pd.DataFrame:
    """Per partner of ``eng``: conversations in the window, people of ours who held them (ids
    and count), unshared and not-known-shared conversations, last conversation, longest silence
    in days, ``out_of_sync``, ``gap`` and ``status`` (:class:`SyncStatus`); see the module
    docstring. Sorted with the partners to act on first."""
    end = pd.Timestamp(end)
    c = in_window(conversations, start, end)
    c = c[c["partner_id"].isin(eng["partner_id"])]
    human = ~_flag(c["automated"], True)
    named = human & c["staff_id"].notna()
    out = eng[["partner_id", "name", "model"]].set_index("partner_id")
    g = c.groupby("partner_id")
    out["conversations"] = g.size().reindex(out.index).fillna(0).astype(int)
    out["our_people"] = _people(c[named], out.index)
    out["people"] = out["our_people"].map(len).astype(int)
    out["unshared"] = _count(_flag(c["shared_log"], False) & human, c["partner_id"], out.index)
    out["share_unknown"] = _count(c["shared_log"].isna() & human, c["partner_id"], out.index)
    anonymous = _count(human & c["staff_id"].isna(), c["partner_id"], out.index)
    out["last"] = g["date"].max().reindex(out.index)
    out["longest_silence"] = _longest_silence(c, end).reindex(out.index)
    out["out_of_sync"] = _out_of_sync(out, anonymous)
    out["gap"] = out["longest_silence"].fillna(0) > max_silence_days
    out["status"] = _status(out, max_silence_days)
    order = {s: i for i, s in enumerate(SyncStatus)}
    out["order"] = out["status"].map(order)
    return (
        out.sort_values(["order", "longest_silence", "name"], ascending=[True, False, True])
        .drop(columns="order")
        .reset_index()
    )


def aim_high(
    contacts: pd.DataFrame, conversations: pd.DataFrame, eng: pd.DataFrame, start, end
) -> pd.DataFrame:
    """Per transaction partner of ``eng``: highest level among its contacts, highest level
    spoken to in the window, conversations with a contact of known level, the share of those
    with a senior contact, and ``aim_higher`` (``<NA>`` when not assessed); see the module
    docstring."""
    t = eng[eng["model"] == "transaction"][["partner_id", "name"]].set_index("partner_id")
    rank = contacts.set_index("contact_id")["level"].map(LEVEL_RANK)
    known = contacts.assign(rank=contacts["level"].map(LEVEL_RANK))
    t["highest_contact"] = known.groupby("partner_id")["rank"].max().reindex(t.index)
    c = in_window(conversations, start, end)
    c = c[c["partner_id"].isin(t.index)]
    c = c.assign(rank=c["contact_id"].map(rank)).dropna(subset=["rank"])
    t["spoken_to"] = c.groupby("partner_id")["rank"].max().reindex(t.index)
    t["conversations_with_level"] = c.groupby("partner_id").size().reindex(t.index).fillna(0)
    senior = (c["rank"] >= SENIOR_RANK).groupby(c["partner_id"]).sum().reindex(t.index)
    t["senior_share"] = senior / t["conversations_with_level"].where(
        t["conversations_with_level"] > 0
    )
    t["aim_higher"] = (t["spoken_to"] < SENIOR_RANK).astype("boolean").mask(t["spoken_to"].isna())
    for col in ("highest_contact", "spoken_to"):
        t[col] = t[col].map(level_name)
    t["conversations_with_level"] = t["conversations_with_level"].astype(int)
    return t.reset_index().sort_values(["aim_higher", "name"], ascending=[False, True])


def automation(
    conversations: pd.DataFrame,
    eng: pd.DataFrame,
    start,
    end,
    target: float = AUTOMATION_TARGET,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per partner of ``eng``: conversations in the window, those whose ``automated`` is known,
    automated ones, the automated share (``NaN`` when none is known) and, for transaction
    partners, ``below_target``; and the same totals per engagement model (value, transaction).
    See the module docstring."""
    c = in_window(conversations, start, end)
    c = c[c["partner_id"].isin(eng["partner_id"])]
    out = eng[["partner_id", "name", "model"]].set_index("partner_id")
    by = c.groupby("partner_id")
    out["conversations"] = by.size().reindex(out.index).fillna(0).astype(int)
    known = c["automated"].notna()
    out["known"] = known.groupby(c["partner_id"]).sum().reindex(out.index).fillna(0).astype(int)
    auto = _flag(c["automated"], True)
    out["automated"] = auto.groupby(c["partner_id"]).sum().reindex(out.index).fillna(0)
    out["automated"] = out["automated"].astype(int)
    out["automated_share"] = out["automated"] / out["known"].where(out["known"] > 0)
    below = (out["automated_share"] < target).astype("boolean")
    out["below_target"] = below.mask(
        out["automated_share"].isna() | (out["model"] != "transaction")
    )
    totals = out.groupby("model")[["conversations", "known", "automated"]].sum()
    totals["automated_share"] = totals["automated"] / totals["known"].where(totals["known"] > 0)
    totals["partners"] = out.groupby("model").size()
    return out.reset_index(), totals.reset_index()


def single_threaded(coverage: pd.DataFrame) -> pd.DataFrame:
    """The partners of :func:`contact_coverage` with exactly one contact."""
    return coverage[coverage["single_threaded"]]


def spoken_by_others(
    conversations: pd.DataFrame, contacts: pd.DataFrame, start, end
) -> pd.DataFrame:
    """Conversations in the window held by someone of ours other than the contact's owner and
    not written into the shared log: what the owner cannot know (the rows behind *out of
    sync*)."""
    c = in_window(conversations, start, end)
    owner = contacts.set_index("contact_id")["owner_id"]
    c = c.assign(owner_id=c["contact_id"].map(owner))
    other = c["staff_id"].notna() & c["owner_id"].notna() & (c["staff_id"] != c["owner_id"])
    return c[other & _flag(c["shared_log"], False)].sort_values("date", ascending=False)
