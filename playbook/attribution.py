"""Attribution from what CRMs export: the profile's rules for a blank ``deals.attribution``.

CRMs rarely carry our ``sourced`` / ``influenced`` / ``direct`` field; they carry a partner field
and a lead source. :func:`derive_attribution`, a fill rule run right after partners are resolved
(:data:`playbook.fills.STEPS`), applies ``profile.yaml``'s ``attribution_rules``
(:class:`playbook.profile.AttributionRules`) to every deal whose attribution is blank:

* **sourced** — the deal has a partner and its ``lead_source`` is one of
  ``sourced_lead_sources`` (matched ignoring case, spaces and hyphens; default ``Partner``,
  ``Partner Referral``);
* **partner_otherwise** (default ``influenced``) — the deal has a partner and any other or no
  lead source;
* **direct** — the deal has no partner.

"Has a partner" means a ``partner_id`` or at least one row in ``deal_partners``. An attribution
the export gives is never changed, and a cell that could not be read is left to its error. Each
outcome is one reported fill with its row count, so ``playbook check`` and every report header
say how many deals each rule attributed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from playbook.normalise import canonical, canonical_token
from playbook.problems import Fill
from playbook.profile import AttributionRules, Profile
from playbook.schema import Attribution


def has_partner(deals: pd.DataFrame, deal_partners: pd.DataFrame | None) -> pd.Series:
    """True for each deal with a ``partner_id`` or a row in ``deal_partners``."""
    linked = deals["partner_id"].notna()
    if deal_partners is not None and len(deal_partners):
        linked |= deals["deal_id"].isin(set(deal_partners["deal_id"].dropna()))
    return linked


def rule_cases(
    deals: pd.DataFrame, rules: AttributionRules, deal_partners: pd.DataFrame | None = None
) -> pd.Series:
    """Which rule (module docstring) each deal falls under, whatever its own attribution:
    ``partner_lead_source`` (partner set, lead source in the list), ``partner_otherwise``
    (partner set, any other lead source) or ``no_partner``; a Series on the deals' index."""
    partnered = has_partner(deals, deal_partners).to_numpy()
    wanted = {canonical(s) for s in rules.sourced_lead_sources}
    lead = deals["lead_source"]
    from_partner = (lead.notna() & canonical_token(lead.fillna("")).isin(wanted)).to_numpy()
    case = np.select(
        [~partnered, from_partner], ["no_partner", "partner_lead_source"], "partner_otherwise"
    )
    return pd.Series(case, index=deals.index, dtype="object")


def outcome_of(rules: AttributionRules) -> dict[str, str]:
    """The attribution each rule case gives (``partner_otherwise`` from the profile)."""
    return {
        "partner_lead_source": str(Attribution.SOURCED),
        "partner_otherwise": str(rules.partner_otherwise),
        "no_partner": str(Attribution.DIRECT),
    }


def derive_attribution(tables: dict[str, pd.DataFrame], profile: Profile | None) -> list[Fill]:
    """Fill rule: attribute every deal with a blank, readable ``attribution`` by the profile's
    ``attribution_rules`` (module docstring); one :class:`Fill` per rule with its count."""
    deals = tables.get("deals")
    if deals is None:
        return []
    unreadable = {row for row, col in deals.attrs.get("bad_cells", set()) if col == "attribution"}
    blank = deals["attribution"].isna() & ~deals["_row"].isin(unreadable)
    if not blank.any():
        return []
    explicit = profile is not None and "attribution_rules" in profile.model_fields_set
    rules = profile.attribution_rules if profile is not None else AttributionRules()
    cases = rule_cases(deals, rules, tables.get("deal_partners"))[blank]
    outcome = outcome_of(rules)
    deals = deals.copy()
    deals.loc[blank, "attribution"] = cases.map(outcome)
    tables["deals"] = deals
    source = "profile.yaml attribution_rules" if explicit else "default attribution_rules"
    listed = ", ".join(rules.sourced_lead_sources) or "none listed"
    wording = {
        "partner_lead_source": f"blank, partner set and lead_source one of ({listed})",
        "partner_otherwise": "blank, partner set, any other lead_source",
        "no_partner": "blank, no partner",
    }
    counts = cases.value_counts()
    return [
        Fill(
            "deals",
            "attribution",
            int(counts.get(case, 0)),
            f"{text} → {outcome[case]} ({source})",
        )
        for case, text in wording.items()
    ]
