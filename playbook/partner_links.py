"""Partners named the way CRMs export them: by id, by company name or by web domain.

A CRM export names a deal's partner by whatever its partner field holds — rarely our
``partners.partner_id``, usually the partner company's name (``ACME, Inc.``) or its web site.
:func:`resolve_partners`, the first fill rule (:data:`playbook.fills.STEPS`), reads every value of
``deals.partner_id`` and ``deal_partners.partner_id`` as a partner:

1. **id** — the value equals a ``partners.partner_id`` exactly: kept as it is;
2. **company name** — else its normalised name (:func:`playbook.normalise.normalise_name`: case,
   punctuation, spacing and legal suffixes such as Inc, LLC, Pty Ltd, GmbH, S.A. ignored) equals
   the normalised ``partners.name`` of exactly one partner;
3. **web domain** — else, for a value that looks like a domain, web address or e-mail address,
   its normalised domain (:func:`playbook.normalise.normalise_domain`) equals the normalised
   ``partners.website`` of exactly one partner.

Each value read by name or domain is replaced by that partner's id and reported as a fill (which
value became which partner, on how many rows), so a consultant can review every match. Nothing is
guessed: a value that two partners match at the same step is left as it is, and so is a value no
partner matches; the reference check then reports it (:func:`unknown_partner_messages`) naming
both partners, or listing the near misses (close normalised names) for review.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pandas as pd

from playbook.normalise import normalise_domain, normalise_name
from playbook.problems import Fill, Problem
from playbook.profile import Profile

#: The ``(table, column)`` whose values may name a partner by id, name or domain.
RESOLVED_COLUMNS = (("deals", "partner_id"), ("deal_partners", "partner_id"))
#: Near misses listed for a value that matches no partner.
NEAR_MISSES = 3
#: Smallest difflib similarity (0–1) of a near miss.
NEAR_MISS_CUTOFF = 0.6


class MatchedBy:
    """How a value was read as a partner (the wording used in fills and messages)."""

    ID = "partner_id"
    NAME = "company name"
    DOMAIN = "web domain"


@dataclass(frozen=True)
class PartnerIndex:
    """The partners' ids, and the ids behind each normalised name and domain."""

    ids: frozenset[str]
    names: dict[str, str]  # partner_id → name as written in partners
    by_name: dict[str, list[str]]  # normalised name → partner ids
    by_domain: dict[str, list[str]]  # normalised website domain → partner ids

    @classmethod
    def of(cls, partners: pd.DataFrame) -> PartnerIndex:
        """The index of a parsed ``partners`` table (rows without an id are left out)."""
        p = partners[partners["partner_id"].notna()]
        ids = p["partner_id"].astype(str).tolist()
        website = p["website"] if "website" in p else pd.Series(None, index=p.index)
        return cls(
            frozenset(ids),
            dict(zip(ids, p["name"].astype(str), strict=True)),
            _group(ids, normalise_name(p["name"])),
            _group(ids, normalise_domain(website)),
        )

    def match(self, value: str) -> tuple[str | None, list[str]]:
        """``(how, partner ids)`` for one value, trying id, name, then domain; the first step
        with any match decides (two ids there: ambiguous). ``(None, [])`` when nothing matches."""
        if value in self.ids:
            return MatchedBy.ID, [value]
        name = _one(normalise_name, value)
        if name and name in self.by_name:
            return MatchedBy.NAME, self.by_name[name]
        if _looks_like_domain(value):
            domain = _one(normalise_domain, value)
            if domain in self.by_domain:
                return MatchedBy.DOMAIN, self.by_domain[domain]
        return None, []

    def near_misses(self, value: str) -> list[str]:
        """Up to :data:`NEAR_MISSES` partner ids to review for a value that matched none: first
        partners whose normalised name contains the value's (or is contained in it) as whole
        words, then the closest normalised names, ids and website domains by difflib (ratio
        at least :data:`NEAR_MISS_CUTOFF`)."""
        key = _one(normalise_name, value) or str(value).lower()
        found = [
            pid
            for name, ids in self.by_name.items()
            if f" {key} " in f" {name} " or f" {name} " in f" {key} "
            for pid in ids
        ]
        candidates: dict[str, list[str]] = {}
        for keys in (self.by_name, self.by_domain):
            for k, ids in keys.items():
                candidates.setdefault(k, []).extend(ids)
        for pid in sorted(self.ids):
            candidates.setdefault(pid.lower(), []).append(pid)
        probe = _one(normalise_domain, value) if _looks_like_domain(value) else key
        for c in difflib.get_close_matches(probe or key, candidates, NEAR_MISSES, NEAR_MISS_CUTOFF):
            found += candidates[c]
        return list(dict.fromkeys(found))[:NEAR_MISSES]

    def label(self, pid: str) -> str:
        """``P01 (Acme Inc)``: how a partner is named in a message."""
        return f"{pid} ({self.names[pid]})"


def _group(ids: list[str], keys: pd.Series) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for pid, key in zip(ids, keys.tolist(), strict=True):
        if isinstance(key, str):
            out.setdefault(key, []).append(pid)
    return out


def _one(normalise, value: str) -> str | None:
    key = normalise(pd.Series([value], dtype="string")).iloc[0]
    return None if pd.isna(key) else str(key)


def _looks_like_domain(value: str) -> bool:
    """A web address, e-mail address or bare domain: a dot and no spaces."""
    text = str(value).strip()
    return "." in text and " " not in text


# --------------------------------------------------------------------------- the fill rule


def partner_ids_from_names(
    tables: dict[str, pd.DataFrame], _profile: Profile | None
) -> list[Fill | Problem]:
    """Fill rule: a partner without a ``partner_id`` (a hand-made partner list often has none)
    gets its company ``name`` as its id, exactly as written, so deals that name the partner
    match it. An id so made that another partner already has, or two such partners with the
    same name, is an error naming the row: the partners cannot be told apart without ids."""
    partners = tables.get("partners")
    if partners is None or "name" not in partners:
        return []
    blank = partners["partner_id"].isna() & partners["name"].notna()
    if not blank.any():
        return []
    ids = partners["partner_id"].astype("object").where(~blank, partners["name"])
    clash = blank & ids.duplicated(keep=False)
    found: list[Fill | Problem] = [
        Problem(
            "partners",
            int(partners.at[idx, "_row"]),
            "partner_id",
            "",
            f"no partner_id, and the company name {ids[idx]!r} is not unique among the partners: "
            "give these partners a partner_id",
        )
        for idx in partners.index[clash]
    ]
    tables["partners"] = partners.assign(partner_id=ids)
    rule = "blank: the partner's company name is its id"
    return [Fill("partners", "partner_id", int(blank.sum()), rule), *found]


def resolve_partners(tables: dict[str, pd.DataFrame], _profile: Profile | None) -> list[Fill]:
    """Fill rule: read each ``deals.partner_id`` / ``deal_partners.partner_id`` value as a partner
    by id, company name or web domain (module docstring); one :class:`Fill` per value read by
    name or domain, with its row count. Unmatched and ambiguous values are left as they are."""
    partners = tables.get("partners")
    if partners is None:
        return []
    index = PartnerIndex.of(partners)
    fills: list[Fill] = []
    for table, column in RESOLVED_COLUMNS:
        frame = tables.get(table)
        if frame is None or column not in frame:
            continue
        values = frame[column]
        counts = values.dropna().astype(str).value_counts(sort=False)
        read: dict[str, str] = {}
        for value, rows in counts.items():
            how, ids = index.match(value)
            if how in (MatchedBy.NAME, MatchedBy.DOMAIN) and len(ids) == 1:
                read[value] = ids[0]
                rule = f"{value!r} read as partner {index.label(ids[0])} by {how}"
                group = "partner names or web domains read as partners"
                fills.append(Fill(table, column, int(rows), rule, group))
        if read:
            frame = frame.copy()
            matched = values.isin(list(read))
            frame.loc[matched, column] = values[matched].map(read)
            tables[table] = frame
    return fills


def unknown_partner_messages(values, partners: pd.DataFrame) -> dict[str, str]:
    """What to tell the consultant about each value that names no partner (after
    :func:`resolve_partners`): two or more partners matched at the same step (name them; the
    partner_id says which), or no partner by id, name or domain (with the near misses for
    review, never picked silently). Keyed by value."""
    index = PartnerIndex.of(partners)
    out: dict[str, str] = {}
    for value in values:
        how, ids = index.match(str(value))
        if len(ids) > 1:
            named = ", ".join(index.label(pid) for pid in ids)
            out[value] = (
                f"ambiguous: {len(ids)} partners have this {how} ({named}); write the "
                "partner_id of the one meant"
            )
            continue
        near = index.near_misses(str(value))
        review = (
            "near misses for review: " + ", ".join(index.label(pid) for pid in near)
            if near
            else "no partner has a similar name"
        )
        out[value] = (
            f"no such partner: not a partner_id, company name or web domain in partners; {review}"
        )
    return out
