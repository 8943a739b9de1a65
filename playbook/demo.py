"""Generator of the demo client, a fictional ISV called Lumenar Software.

The data set is seeded and reproducible: ``generate_demo(path)`` always writes the same files.
The generated workspace is committed under ``data/demo-client`` so that the README's main command
needs no generation step; ``tests/test_demo.py`` checks the committed copy is what the generator
produces.

Shape: 48 partners across the four partner types, three areas and six channel managers; about
four thousand deals from 2021 to the as-of date (2026-09-30) with sourced / influenced / direct
attribution; investments, financials, accounts and overlapping partner account lists, and every
other table (``deal_partners``: the integrators' won deals, one partner each at 100 %).

The story the data tells (each table agrees with the others; one answer disagrees on purpose)
--------------------------------------------------------------------------------------------
* **Partners**: 40 active, signed from 2021 to early 2026; 6 candidates, among them the seed
  report's two Partner Grid examples, *XYZ Software Co* (Greater Database 5.0) and *123
  Consulting* (Professional Services, "Contact via Accounting"), the latter tied to none of our
  competitors; 2 former partners, one whose agreement ended before the 12-month window
  (2025-04-30) and one inside it (2026-03-31). A partner brings deals only while its agreement
  runs, and no investment is recorded after it ended. Each partner's application / service,
  version, our product, description and competitive advantage fit its type; no partner serves
  energy (the coverage gap of report 03).
* **Shark or remora** (rule of :mod:`playbook.landscape`): boutique integrators and ISVs lean on
  us (a large share of their business comes through us) — we are their shark; the two largest
  platforms signed before the window carry the co-sell (each weighted 0.22 × all other partners
  together in the deal flow, so each brings over 10 % of program revenue while we are under 1 %
  of their business) — we are their remora; the rest are neither. Interest in us rises with
  their dependence on us, influence with their size. The client's *stated* program revenue
  share of a strategic partner is its computed share give or take 1.5 points.
* **Readiness answers** agree with the data (industries recorded → IC1/IC2 answered 4; plans
  for a few partners → GA2 answered 2; …) **except PO2**, the one deliberate contradiction: the
  client answers 0 to "We track investment, payback and ROI per partner" although the
  investments table holds hundreds of dated investments — finance keeps the spend, nobody
  reviews payback. Report 03 lists it under "To discuss" (and ``playbook check`` warns).
  ED3 and PR2 are left unanswered.
* **Checklist**: 16 items (CM12 and CM16 not recorded); every done item was completed on or
  before the as-of date; CM10 (attribution in the CRM) was done in February 2021, as the
  program began, so every partner deal carries its attribution; three open items are past
  their due date.
* **Plans**: every sixth active partner (plus the longest-signed partner without a win, when
  there is one) has a plan whose issue, current and target state come from its own data
  (connector certification status, certification level, wins and win rate in the window); the
  milestone "First joint customer" appears only for a partner with no won deal.
* **Campaigns**: one a quarter up to the as-of quarter; opt-in, engagement and signing rates
  differ by channel (webinars convert, social feeds skim) and by tier; all campaigns together
  sign fewer partners than the program has.
* **Communications**: one a month up to the as-of month; each medium has its own response rate
  and each stage its best medium.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from playbook import (
    demo_docs,
    demo_landscape,
    demo_materials,
    demo_offers,
    demo_platform,
    demo_program,
)
from playbook.demo_comms import comms_tables
from playbook.labels import label, plural
from playbook.profile_yaml import dump_profile_yaml
from playbook.readiness_bank import question_bank

SEED = 2017
AS_OF = pd.Timestamp("2026-09-30")
START = pd.Timestamp("2021-01-01")
AREAS = ("North America", "EMEA", "APAC")
#: Salt the demo's hashed partner list was made with (profile.yaml `hash_salt`).
DEMO_HASH_SALT = "lumenar-2026"

_PREFIX = [
    "Apex",
    "Blue Harbor",
    "Cobalt",
    "Delta",
    "Evergreen",
    "Fulcrum",
    "Granite",
    "Helix",
    "Ironwood",
    "Juniper",
    "Keystone",
    "Lighthouse",
    "Meridian",
    "Northstar",
    "Orchard",
    "Pinnacle",
    "Quarry",
    "Redwood",
    "Summit",
    "Tidewater",
    "Umbra",
    "Vantage",
    "Westbrook",
    "Yellowfin",
    "Zephyr",
    "Atlas",
    "Beacon",
    "Cascade",
    "Driftwood",
    "Ember",
    "Foxglove",
    "Glacier",
    "Harbor & Lane",
    "Indigo",
    "Jetstream",
    "Kestrel",
    "Lantern",
    "Mosaic",
    "Nimbus",
    "Onyx",
    "Prism",
    "Quill",
    "Ridgeway",
    "Sterling",
    "Trellis",
    "Upland",
    "Vertex",
    "Willow",
]
_SUFFIX = {
    "isv": ["Software", "Labs", "Apps", "Data"],
    "integrator": ["Consulting", "Solutions", "Partners", "Advisory"],
    "platform": ["Cloud", "Platform", "Systems"],
    "ecosystem": ["Marketplace", "Network", "Alliance"],
}
_LEGAL = ["Inc", "LLC", "Ltd", "GmbH", "Corp", "SA", ""]
_INDUSTRIES = [
    "Manufacturing",
    "Retail",
    "Financial Services",
    "Healthcare",
    "Public Sector",
    "Logistics",
    "Energy",
]
_CATEGORIES = {
    "isv": "Complementary application",
    "integrator": "Implementation services",
    "platform": "Cloud platform",
    "ecosystem": "Marketplace / reseller",
}
_COMPETITORS = ["Oberon Systems", "Quantix ERP", "Stratus Ledger", "Corvid Software"]
#: What a partner of each type sells beside us (Partner Grid "Their Application/Service"): an
#: ISV or platform product is named after the partner (``"<prefix> <product>"``); an
#: integrator's is a service line, whose "version" is how it is sold.
_PRODUCTS = {
    "isv": ["Database", "Payroll", "Field Service", "E-commerce", "CRM", "Planning", "Analytics"],
    "integrator": [
        "ERP implementation services",
        "Data migration services",
        "Managed application services",
        "Finance transformation consulting",
        "Supply-chain consulting",
        "Analytics consulting",
    ],
    "platform": ["Cloud", "Data Cloud", "Integration Platform", "Cloud Infrastructure"],
    "ecosystem": ["Marketplace", "App Exchange", "Reseller Network", "Software Distribution"],
}
_SERVICE_TERMS = ["Fixed-price packages", "Time and materials", "Rate card 2026", "Retainer"]
_ADVANTAGES = {
    "isv": [
        "Native connectors to major data platforms",
        "Deep vertical know-how in regulated industries",
        "Strong presence with enterprise CIOs",
    ],
    "integrator": [
        "Fast implementation methodology",
        "Deep vertical know-how in regulated industries",
        "Certified consultants in every time zone",
    ],
    "platform": [
        "Largest installed base in the mid-market",
        "Co-sell program with marketplace billing",
        "Strong presence with enterprise CIOs",
    ],
    "ecosystem": [
        "Largest installed base in the mid-market",
        "Same-day quoting and fulfilment",
        "Reach into small and mid-sized resellers",
    ],
}
#: Head counts a partner of each type draws from (values, probabilities): integrators are
#: mostly boutiques, platforms are large (every one at least 2x Lumenar's 850 employees).
_EMPLOYEES = {
    "isv": ([25, 60, 150, 400, 1200], [0.2, 0.3, 0.25, 0.15, 0.1]),
    "integrator": ([25, 60, 150, 400, 1200, 20000], [0.2, 0.3, 0.25, 0.13, 0.07, 0.05]),
    "platform": ([2500, 5000, 20000, 80000], [0.25, 0.3, 0.3, 0.15]),
    "ecosystem": ([60, 150, 400, 1200, 5000], [0.15, 0.3, 0.3, 0.15, 0.1]),
}
#: Share of a partner's business that comes through us (%), by type: ``(up to employees,
#: low, high)`` bands, the first band the partner's head count fits. Small integrators and
#: ISVs lean on us; platforms barely notice us.
_SHARE_BANDS = {
    "isv": [(60, 8.0, 30.0), (400, 3.0, 12.0), (10**9, 0.3, 4.0)],
    "integrator": [(60, 15.0, 45.0), (400, 6.0, 25.0), (10**9, 0.2, 3.0)],
    "platform": [(10**9, 0.05, 1.0)],
    "ecosystem": [(150, 5.0, 20.0), (1200, 1.0, 8.0), (10**9, 0.2, 2.0)],
}
#: The seed report's two Partner Grid example rows, as two candidate partners (slot in the
#: partner list → name, type, their application, its version, domain).
_EXAMPLE_CANDIDATES = {
    40: ("XYZ Software Co", "isv", "Greater Database", "5.0", "xyzsoftware.com"),
    41: (
        "123 Consulting",
        "integrator",
        "Professional Services",
        "Contact via Accounting",
        "123consulting.com",
    ),
}
#: The two former partners: slot → the day their agreement ended (one before the 12-month
#: window of the as-of date, one inside it).
_ENDED = {46: pd.Timestamp("2025-04-30"), 47: pd.Timestamp("2026-03-31")}
#: First day of the reports' default 12-month window ending on the as-of date.
WINDOW_START = pd.Timestamp("2025-10-01")


def _staff(rng: np.random.Generator) -> pd.DataFrame:
    names = [
        "Maya Okafor",
        "Daniel Reyes",
        "Priya Nair",
        "Lukas Brandt",
        "Aiko Tanaka",
        "Sofia Marino",
        "Grace Liu",
        "Tom Becker",
        "Nadia Haddad",
        "Omar Siddiqui",
    ]
    rows = []
    for i, name in enumerate(names):
        if i < 6:
            area, role = AREAS[i // 2], "channel_manager"
        else:
            area, role = (
                AREAS[i % 3],
                ["alliance_lead", "technical", "marketing", "program_manager"][i - 6],
            )
        org = "Technology" if role == "technical" or i in (1, 3) else "Business Development"
        rows.append(
            {
                "staff_id": f"S{i + 1:02d}",
                "name": name,
                "area": area,
                "role": role,
                "org_unit": org,
                "fte": 1.0 if role == "channel_manager" else 0.5,
                "start_date": (START + pd.DateOffset(months=int(rng.integers(0, 18)))).date(),
                "end_date": "",
                **{
                    k: int(rng.integers(1, 6))
                    for k in (
                        "skill_recruiting",
                        "skill_enablement",
                        "skill_technical",
                        "skill_joint_selling",
                        "skill_analytics",
                    )
                },
            }
        )
    return pd.DataFrame(rows)


def _share_of_their_business(ptype: str, employees: int, u: float) -> float:
    """Percent of a partner's business that comes through us (:data:`_SHARE_BANDS`): small
    firms lean on us, large ones barely notice us, so the demo has sharks, remoras and partners
    that are neither. ``u`` is a uniform draw in [0, 1)."""
    low, high = next((lo, hi) for top, lo, hi in _SHARE_BANDS[ptype] if employees <= top)
    return round(low + u * (high - low), 1 if high > 2 else 2)


def _partner_types(rng: np.random.Generator) -> np.ndarray:
    """The 48 partner types, shuffled, with the example candidates' slots holding their type."""
    types = np.array(["isv"] * 14 + ["integrator"] * 16 + ["platform"] * 8 + ["ecosystem"] * 10)
    rng.shuffle(types)
    for slot, (_, ptype, *_rest) in _EXAMPLE_CANDIDATES.items():
        if types[slot] != ptype:
            other = next(k for k in range(len(types)) if types[k] == ptype and k < 40)
            types[slot], types[other] = types[other], types[slot]
    return types


def _agreement(rng: np.random.Generator, slot: int, status: str) -> tuple:
    """(start_date, end_date) of a partner agreement: candidates have none; active partners
    signed between 2021 and early 2026; former partners signed at least a year before they
    left."""
    if status == "candidate":
        return "", ""
    if slot in _ENDED:
        ended = _ENDED[slot]
        start = START + pd.Timedelta(days=int(rng.integers(0, (ended - START).days - 365)))
        return start.date(), ended.date()
    return (START + pd.Timedelta(days=int(rng.integers(0, 1900)))).date(), ""


def _their_product(rng: np.random.Generator, ptype: str, prefix: str) -> tuple[str, str]:
    """(their application or service, its version) for the Partner Grid."""
    product = str(rng.choice(_PRODUCTS[ptype]))
    if ptype == "integrator":
        return product, str(rng.choice(_SERVICE_TERMS))
    if ptype == "ecosystem":
        return f"{prefix} {product}", "n/a (catalogue listing)"
    if ptype == "platform":
        return f"{prefix} {product}", f"{int(rng.integers(2024, 2027))}.{int(rng.integers(1, 5))}"
    return f"{prefix} {product}", f"{int(rng.integers(1, 9))}.{int(rng.integers(0, 10))}"


def _lower_words(text: str) -> str:
    """``text`` in lower case except its acronyms (ERP)."""
    return " ".join(w if w.isupper() else w.lower() for w in text.split())


def _description(name: str, ptype: str, application: str, industry: str) -> str:
    """One plausible directory sentence about the partner."""
    who = f"{industry.lower()} customers"
    return {
        "isv": f"{name} makes {application}, used mostly by {who}.",
        "integrator": f"{name} delivers {_lower_words(application)} for {who}.",
        "platform": f"{name} runs {application}, a cloud platform with many {who}.",
        "ecosystem": f"{name} resells business software through {application} to {who}.",
    }[ptype]


def _size_and_stance(rng: np.random.Generator, ptype: str, status: str) -> dict:
    """Head count, share of their business through us, interest in us and influence in our
    market: interest rises with their dependence on us, influence with their size."""
    values, probs = _EMPLOYEES[ptype]
    employees = int(rng.choice(values, p=probs))
    share = _share_of_their_business(ptype, employees, float(rng.uniform(0, 1)))
    interest = 1.5 + share / 10 + float(rng.normal(0, 0.8))
    influence = 1.2 * np.log10(employees) - 0.8 + float(rng.normal(0, 0.6))
    return {
        "employees": employees,
        # A candidate does no business with us yet: nothing to state.
        "our_share_of_their_business_pct": "" if status == "candidate" else share,
        "interest": int(np.clip(round(interest), 1, 5)),
        "influence": int(np.clip(round(influence), 1, 5)),
    }


def _partner_row(rng, slot, prefix, ptype, status, mgr) -> dict:
    """One partner of :func:`_partners` (draws from ``rng`` in a fixed order)."""
    suffix = _SUFFIX[ptype][slot % len(_SUFFIX[ptype])]
    name = f"{prefix} {suffix}"
    domain = prefix.lower().replace(" & ", "").replace(" ", "") + suffix.lower() + ".com"
    application, version = _their_product(rng, ptype, prefix)
    if slot in _EXAMPLE_CANDIDATES:
        name, _, application, version, domain = _EXAMPLE_CANDIDATES[slot]
    start, end = _agreement(rng, slot, status)
    insights = any(word in application for word in ("Analytics", "Data Cloud"))
    # No partner serves energy: a coverage gap for notebook 03 (customers there, no partner).
    industry = str(rng.choice(_INDUSTRIES, p=[0.22, 0.2, 0.2, 0.16, 0.12, 0.1, 0.0]))
    row = {
        "partner_id": f"P{slot + 1:03d}",
        "name": name,
        "type": ptype,
        "status": status,
        "area": mgr.area,
        "manager_id": mgr.staff_id,
        "start_date": start,
        "end_date": end,
        "certification_level": rng.choice(
            ["none", "registered", "certified", "advanced", "expert"],
            p=[0.15, 0.25, 0.3, 0.2, 0.1],
        ),
        "industry": industry,
        "life_cycle": rng.choice(["emerging", "growth", "mature"], p=[0.3, 0.4, 0.3]),
        "competitive_advantage": rng.choice(_ADVANTAGES[ptype]),
        "expected_mindshare": rng.choice(["low", "medium", "high"], p=[0.3, 0.45, 0.25]),
        "category": _CATEGORIES[ptype],
        "their_application": application,
        "their_version": version,
        # An analytics product or practice works with our analytics product, the rest with ERP.
        "our_software": "Lumenar Insights" if insights else "Lumenar ERP",
        "our_version": "2.1" if insights else "4.2",
        # Filled from the deals by _stated_shares (the client's own estimate).
        "stated_program_revenue_pct": "",
        **_size_and_stance(rng, ptype, status),
        "engagement_model": "transaction" if slot == 5 else "",
        "goal_alignment": rng.choice(["aligned", "partial", "misaligned"], p=[0.5, 0.35, 0.15]),
        "trained_on_our_product": "yes" if rng.random() < 0.6 else "no",
        "responsiveness_pct": round(float(rng.uniform(5, 95)), 0),
        "website": f"https://www.{domain}" if rng.random() < 0.9 else "",
        "contact_email": f"alliances@{domain}" if rng.random() < 0.8 else "",
    }
    row["description"] = (
        _description(name, ptype, application, industry) if rng.random() < 0.75 else ""
    )
    if status == "candidate" or pd.Timestamp(start) > AS_OF - pd.DateOffset(months=2):
        row["trained_on_our_product"] = "no"  # not a partner yet, or too new to be trained
    return row


def _partners(rng: np.random.Generator, staff: pd.DataFrame) -> pd.DataFrame:
    managers = staff[staff.role == "channel_manager"]
    types = _partner_types(rng)
    statuses = ["active"] * 40 + ["candidate"] * 6 + ["inactive"] * 2
    rows = [
        _partner_row(rng, i, prefix, ptype, status, managers.iloc[i % len(managers)])
        for i, (prefix, ptype, status) in enumerate(zip(_PREFIX, types, statuses, strict=True))
    ]
    return pd.DataFrame(rows)


def _accounts(rng: np.random.Generator, n: int = 1500) -> pd.DataFrame:
    words = [
        "Acme",
        "Globex",
        "Initech",
        "Umbrella",
        "Hooli",
        "Vandelay",
        "Stark",
        "Wayne",
        "Wonka",
        "Tyrell",
        "Cyberdyne",
        "Soylent",
        "Massive",
        "Gringotts",
        "Oscorp",
        "Aperture",
        "Black Mesa",
        "Monarch",
        "Nakatomi",
        "Pied Piper",
    ]
    tails = [
        "Foods",
        "Bank",
        "Health",
        "Logistics",
        "Energy",
        "Retail",
        "Motors",
        "Labs",
        "Insurance",
        "Group",
        "Holdings",
        "Industries",
        "Media",
        "Pharma",
        "Freight",
    ]
    rows = []
    for i in range(n):
        base = f"{words[i % len(words)]} {tails[(i // len(words)) % len(tails)]}"
        if i >= len(words) * len(tails):
            base += f" {i // (len(words) * len(tails)) + 1}"
        legal = _LEGAL[i % len(_LEGAL)]
        domain = base.lower().replace(" ", "") + ".com"
        rows.append(
            {
                "account_id": f"A{i + 1:05d}",
                "name": f"{base} {legal}".strip(),
                "domain": "" if i % 11 == 0 else domain,
                "status": "customer" if rng.random() < 0.45 else "prospect",
                "industry": _INDUSTRIES[int(rng.integers(0, len(_INDUSTRIES)))],
                "country": rng.choice(["US", "CA", "DE", "GB", "FR", "JP", "AU", "SG"]),
            }
        )
    return pd.DataFrame(rows)


def _remoras(partners: pd.DataFrame) -> list[str]:
    """The two platforms we live off: the largest active platforms signed before the window
    (each brings over a tenth of our program revenue, see :func:`_deal_weights`)."""
    p = partners[
        (partners.type == "platform")
        & (partners.status == "active")
        & (pd.to_datetime(partners.start_date) < WINDOW_START - pd.DateOffset(months=6))
    ]
    return list(p.sort_values("employees", ascending=False, kind="stable").partner_id[:2])


def _deal_weights(rng: np.random.Generator, signed: pd.DataFrame) -> np.ndarray:
    """Relative deal flow of each signed partner: a gamma draw, except the two remoras (the
    big platforms' co-sell), each weighted 0.22 x all the others together."""
    weights = rng.gamma(1.2, 1.0, len(signed))
    big = signed.partner_id.isin(_remoras(signed)).to_numpy()
    weights[big] = 0.22 * weights[~big].sum()
    return weights


def _deal_partner(rng, created, signed, starts, ends, weights) -> str:
    """A partner whose agreement runs on ``created``, drawn by deal weight ("" when none)."""
    running = ((starts <= created) & (ends.isna() | (ends >= created))).to_numpy()
    if not running.any():
        return ""
    p = np.where(running, weights, 0.0)
    return signed.partner_id.iloc[int(rng.choice(len(signed), p=p / p.sum()))]


def _deals(
    rng: np.random.Generator,
    partners: pd.DataFrame,
    accounts: pd.DataFrame,
    solutions: pd.DataFrame,
    n: int = 4200,
) -> pd.DataFrame:
    signed = partners[partners.status != "candidate"].reset_index(drop=True)
    starts = pd.to_datetime(signed.start_date)
    ends = pd.to_datetime(signed.end_date.replace("", None))
    weights = _deal_weights(rng, signed)
    span = (AS_OF - START).days
    rows = []
    for i in range(n):
        # Deal flow grows over time: later dates are more likely than early ones.
        created = START + pd.Timedelta(days=int(span * rng.random() ** 0.6))
        attribution = rng.choice(["sourced", "influenced", "direct"], p=[0.3, 0.25, 0.45])
        partner_id = ""
        solution_id = ""
        if attribution != "direct":
            # Only a partner whose agreement runs on the day the deal is created brings it.
            partner_id = _deal_partner(rng, created, signed, starts, ends, weights)
            if not partner_id:
                attribution = "direct"
            sol = solutions[solutions.partner_id == partner_id]
            if len(sol) and rng.random() < 0.5:
                solution_id = sol.solution_id.iloc[0]
        cycle = int(rng.gamma(3.0, 30 if attribution == "sourced" else 38))
        close = created + pd.Timedelta(days=max(cycle, 7))
        if close > AS_OF:
            stage, close_str = (
                rng.choice(["lead", "qualified", "proposal"], p=[0.4, 0.35, 0.25]),
                "",
            )
        else:
            p_win = {"sourced": 0.42, "influenced": 0.48, "direct": 0.33}[attribution]
            stage, close_str = ("won" if rng.random() < p_win else "lost"), close.date()
        amount = round(float(rng.lognormal(10.2, 0.7)), -2)
        units = max(1, int(amount // rng.choice([400, 800, 1200])))
        margin = round(amount * float(rng.uniform(0.55, 0.85)), 2)
        cos_rate = {"sourced": 0.15, "influenced": 0.06, "direct": 0.09}[attribution]
        rows.append(
            {
                "deal_id": f"D{i + 1:05d}",
                "partner_id": partner_id,
                "attribution": attribution,
                "account_id": accounts.account_id[int(rng.integers(0, len(accounts)))],
                "stage": stage,
                "created_date": created.date(),
                "close_date": close_str,
                "amount": amount,
                "margin": margin,
                "cost_of_sale": round(amount * cos_rate * float(rng.uniform(0.7, 1.3)), 2),
                "units": units,
                "product": "Lumenar ERP" if rng.random() < 0.7 else "Lumenar Insights",
                "solution_id": solution_id,
                "is_project": "yes" if partner_id and rng.random() < 0.3 else "no",
                "joint_marketing": "yes" if partner_id and rng.random() < 0.2 else "no",
            }
        )
    return pd.DataFrame(rows)


def _deal_partners(partners: pd.DataFrame, deals: pd.DataFrame) -> pd.DataFrame:
    """The Opportunity Partners report of the integrators' won deals: each deal's one partner at
    100 % with its role and the deal's attribution (no random draw, so no other table changes;
    one partner per deal, so no figure changes either)."""
    integrators = set(partners.loc[partners.type == "integrator", "partner_id"])
    won = deals[(deals.stage == "won") & deals.partner_id.isin(integrators)]
    return pd.DataFrame(
        {
            "deal_id": won.deal_id,
            "partner_id": won.partner_id,
            "split_pct": 100,
            "role": "System Integrator",
            "attribution": won.attribution,
        }
    )


def _investments(rng: np.random.Generator, partners: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for p in partners[partners.status != "candidate"].itertuples():
        start = pd.Timestamp(p.start_date)
        # Every fifth partner has no recorded investment: the report's documentation gap.
        if int(p.partner_id[1:]) % 5 == 0:
            continue
        rows.append(
            (
                p.partner_id,
                start,
                "integration" if p.type == "isv" else "enablement",
                round(float(rng.uniform(40_000, 220_000)), -2),
            )
        )
        date = start + pd.DateOffset(months=3)
        stop = pd.Timestamp(p.end_date) if p.end_date else AS_OF  # no spend after it ended
        while date <= stop:
            if rng.random() < 0.55:
                rows.append(
                    (
                        p.partner_id,
                        date,
                        rng.choice(["marketing", "mdf", "enablement"]),
                        round(float(rng.uniform(3_000, 15_000)), -2),
                    )
                )
            date += pd.DateOffset(months=3)
    frame = pd.DataFrame(rows, columns=["partner_id", "date", "category", "amount"])
    frame = frame.sort_values(["date", "partner_id"], kind="stable").reset_index(drop=True)
    frame.insert(0, "investment_id", [f"I{i + 1:04d}" for i in range(len(frame))])
    frame["date"] = frame["date"].dt.date
    return frame


def _financials(
    rng: np.random.Generator, staff: pd.DataFrame, partners: pd.DataFrame, deals: pd.DataFrame
) -> pd.DataFrame:
    managers = staff[staff.role == "channel_manager"]
    won = deals[(deals.stage == "won") & (deals.partner_id != "")].merge(
        partners[["partner_id", "manager_id"]], on="partner_id"
    )
    won["period"] = pd.to_datetime(won.close_date).dt.to_period("M")
    monthly = won.groupby(["manager_id", "period"]).amount.sum()
    rows = []
    for period in pd.period_range(START, AS_OF, freq="M"):
        for m in managers.itertuples():
            revenue = float(monthly.get((m.staff_id, period), 0.0))
            rows.append(
                {
                    "period": str(period),
                    "area": m.area,
                    "manager_id": m.staff_id,
                    "program_expenses": round(float(rng.uniform(9_000, 16_000)), -1),
                    "accounts_receivable": round(revenue * float(rng.uniform(0.2, 0.6)), -1),
                }
            )
        for area in AREAS:
            rows.append(
                {
                    "period": str(period),
                    "area": area,
                    "manager_id": "",
                    "program_expenses": round(float(rng.uniform(4_000, 12_000)), -1),
                    "accounts_receivable": "",
                }
            )
    return pd.DataFrame(rows)


def _solutions(partners: pd.DataFrame) -> pd.DataFrame:
    isvs = partners[(partners.type.isin(["isv", "platform"])) & (partners.status == "active")]
    statuses = ["certified", "certified", "in_review", "not_submitted", "expired"]
    rows = []
    for k, p in enumerate(isvs.itertuples()):
        status = statuses[k % len(statuses)]
        certified = pd.Timestamp(p.start_date) + pd.DateOffset(months=8)
        if status in ("certified", "expired") and certified > AS_OF:
            status = "in_review"  # too recent a partner to be certified (or expired) yet
        rows.append(
            {
                "solution_id": f"SOL{k + 1:02d}",
                "partner_id": p.partner_id,
                "name": f"{p.their_application} connector for {p.our_software}",
                "our_software": p.our_software,
                "certification_status": status,
                "certified_date": certified.date() if status in ("certified", "expired") else "",
            }
        )
    return pd.DataFrame(rows)


def _partner_accounts(
    rng: np.random.Generator, partners: pd.DataFrame, accounts: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, int]]:
    """Every other partner's account list, and per listing partner how many of our customers
    its list holds (the overlap its "Customer overlap" requirement score reflects)."""
    rows = []
    shared: dict[str, int] = {}
    listed = partners[partners.status != "inactive"].iloc[::2]
    for k, p in enumerate(listed.itertuples()):
        picks = accounts.sample(int(rng.integers(40, 160)), random_state=int(rng.integers(1e9)))
        shared[p.partner_id] = int((picks.status == "customer").sum())
        for a in picks.itertuples():
            rel = "customer" if rng.random() < 0.6 else "prospect"
            if k == 0:  # this partner shared salted hashes only
                if not a.domain:
                    continue
                digest = hashlib.sha256(f"{DEMO_HASH_SALT}:{a.domain}".encode()).hexdigest()
                rows.append((p.partner_id, "", "", digest, rel))
                continue
            style = rng.integers(0, 4)
            domain = (
                {0: a.domain, 1: f"https://www.{a.domain}/", 2: f"WWW.{a.domain.upper()}", 3: ""}[
                    int(style)
                ]
                if a.domain
                else ""
            )
            name = a.name.upper().replace(" INC", ", Inc.") if style == 3 else a.name
            rows.append((p.partner_id, name, domain, "", rel))
        for j in range(int(rng.integers(10, 40))):  # accounts we do not know
            rows.append(
                (p.partner_id, f"Unknown Co {k}-{j}", f"unknown{k}-{j}.example", "", "customer")
            )
    frame = pd.DataFrame(
        rows, columns=["partner_id", "account_name", "domain", "domain_hash", "relationship"]
    )
    return frame, shared


#: Recruiting-campaign rates by channel (share of traffic that opts in, of opt-ins that
#: engage, of engaged that sign as partners): a webinar audience commits, a social feed skims.
_CHANNEL_RATES = {
    "Webinar": (0.09, 0.55, 0.022),
    "E-mail": (0.06, 0.35, 0.018),
    "LinkedIn": (0.035, 0.3, 0.015),
    "YouTube": (0.02, 0.25, 0.012),
    "X / Twitter": (0.015, 0.2, 0.01),
}
#: Tier factor on the opt-in and signing rates: warm prospects convert, cold ones rarely.
_TIER_FACTOR = {"low_hanging_fruit": 1.5, "mid_level": 1.0, "cold": 0.5}


def _campaigns(rng: np.random.Generator) -> pd.DataFrame:
    """One recruiting campaign a quarter from January 2021 to the as-of quarter; ``closed`` =
    partners signed, a handful at most, so all campaigns together sign fewer partners than the
    program has (binomial draws at :data:`_CHANNEL_RATES` x :data:`_TIER_FACTOR`)."""
    channels = list(_CHANNEL_RATES)
    pieces = ["ROI guide", "Integration playbook", "Customer story"]
    camp = []
    for k in range(23):
        tier = ["low_hanging_fruit", "mid_level", "cold"][k % 3]
        channel = channels[k % 5]
        opt_rate, engage_rate, close_rate = _CHANNEL_RATES[channel]
        factor = _TIER_FACTOR[tier]
        traffic = int(rng.integers(600, 3000))
        opt = int(rng.binomial(traffic, opt_rate * factor))
        eng = int(rng.binomial(opt, engage_rate))
        closed = int(rng.binomial(eng, close_rate * factor))
        camp.append(
            (
                f"C{k + 1:03d}",
                tier,
                channel,
                pieces[(k // 3) % 3],
                (START + pd.DateOffset(months=3 * k)).date(),
                round(float(rng.uniform(2_000, 15_000)), -2),
                traffic,
                opt,
                eng,
                closed,
            )
        )
    return pd.DataFrame(
        camp,
        columns=[
            "campaign_id",
            "tier",
            "channel",
            "content_piece",
            "start_date",
            "cost",
            "traffic",
            "opt_ins",
            "engaged",
            "closed",
        ],
    )


def _overlap_score(shared: int) -> int:
    """ "Customer overlap" score (1-5) of a partner whose list shares ``shared`` of our
    customers: 1 under 15, one more per 15 (5 from 60)."""
    return int(min(5, 1 + shared // 15))


def _scores_and_campaigns(
    rng: np.random.Generator, partners: pd.DataFrame, shared: dict[str, int]
) -> dict[str, pd.DataFrame]:
    """Demo tables, drawn from ``rng`` in a fixed order (the committed demo depends on it).
    Signed partners passed the must-have criteria (score 2 or more) when they were recruited;
    candidates are scored 1-5 on everything; "Customer overlap" follows the customers a
    partner's account list shares with ours (:func:`_overlap_score`) where it sent one."""
    criteria = [
        "Technical capability",
        "Market reach",
        "Customer overlap",
        "Cultural fit",
        "Financial stability",
    ]
    must = {"Technical capability", "Financial stability"}
    scores = []
    for p in partners.itertuples():
        for c in criteria:
            score = int(rng.integers(2 if p.status != "candidate" and c in must else 1, 6))
            if c == "Customer overlap" and p.partner_id in shared:
                score = _overlap_score(shared[p.partner_id])
            scores.append((p.partner_id, c, score, ""))
    return {
        "requirement_scores": pd.DataFrame(
            scores, columns=["partner_id", "criterion", "score", "note"]
        ),
        "campaigns": _campaigns(rng),
    }


#: The client's readiness answers (item → score 0-5 or "" unanswered, evidence), each in line
#: with its data except PO2, the deliberate contradiction (module docstring).
_READINESS = {
    "CN1": (4, "Top five customer problems written in the 2025 strategy deck"),
    "CN2": (2, ""),
    "CN3": (1, ""),
    "ED1": (3, "Unmet needs mapped to partners in the 2026 workshop"),
    "ED2": (4, "Joint solutions on won deals (deals.solution_id)"),
    "ED3": ("", ""),
    "IC1": (4, "Industry recorded on every customer account"),
    "IC2": (4, "Main industry recorded for every partner"),
    "IC3": (2, "No energy partner yet"),
    "GA1": (4, "Goal alignment recorded for nearly every partner"),
    "GA2": (2, "Written plans for a few partners only"),
    "GA3": (2, ""),
    "PR1": (4, "Public REST API and versioning policy"),
    "PR2": ("", ""),
    "PR3": (4, "Connector certification since 2022"),
    "PO1": (4, "Program manager and yearly program budget"),
    "PO2": (0, "Finance keeps the spend; nobody reviews payback"),
    "PO3": (2, ""),
}
#: The client's channel checklist: (item, owner, due date, status, completed date); done
#: items were completed on or before the as-of date. The task text of a default item is the
#: playbook's; CL01 and CL02 are the client's own; CM12 and CM16 are not recorded.
_CHECKLIST = [
    ("CM01", "Omar Siddiqui", "2021-03-31", "done", "2021-03-12"),
    ("CM02", "Grace Liu", "2021-06-30", "done", "2021-06-18"),
    ("CM03", "Omar Siddiqui", "2026-01-31", "done", "2026-01-27"),
    ("CM04", "Grace Liu", "2021-09-30", "done", "2021-08-31"),
    ("CM05", "Grace Liu", "2026-12-31", "not_started", ""),
    ("CM06", "Nadia Haddad", "2026-08-31", "in_progress", ""),
    ("CM07", "Omar Siddiqui", "2026-03-31", "done", "2026-04-14"),
    ("CM08", "Omar Siddiqui", "2026-11-30", "in_progress", ""),
    ("CM09", "Grace Liu", "2026-06-30", "in_progress", ""),
    ("CM10", "Tom Becker", "2021-03-31", "done", "2021-02-26"),
    ("CM11", "Tom Becker", "2026-06-30", "done", "2026-06-12"),
    ("CM13", "Grace Liu", "2021-03-31", "done", "2021-01-04"),
    ("CM14", "Grace Liu", "2026-12-15", "in_progress", ""),
    ("CM15", "Nadia Haddad", "2022-06-30", "done", "2022-05-31"),
    ("CL01", "Nadia Haddad", "2027-03-31", "not_started", ""),
    ("CL02", "Tom Becker", "2026-07-31", "in_progress", ""),
]
_OWN_CHECKLIST = {
    "CL01": ("Enablement", "Run a partner advisory board twice a year"),
    "CL02": ("Systems", "Automate partner report cards from the CRM"),
}


def _readiness_checklist_personas() -> dict[str, pd.DataFrame]:
    """The client's readiness answers, channel checklist and personas (no random draws)."""
    out: dict[str, pd.DataFrame] = {}
    bank = question_bank()
    out["readiness"] = pd.DataFrame(
        [(item, *_READINESS[item]) for item in bank.item_id],
        columns=["item_id", "score", "evidence"],
    )
    from playbook.buyin import DEFAULT_CHECKLIST

    tasks = {item: (cat, task) for item, cat, task in DEFAULT_CHECKLIST} | _OWN_CHECKLIST
    out["checklist"] = pd.DataFrame(
        [
            (item, *tasks[item], owner, due, status, done)
            for item, owner, due, status, done in _CHECKLIST
        ],
        columns=["item_id", "category", "task", "owner", "due_date", "status", "completed_date"],
    )
    out["personas"] = pd.DataFrame(
        [
            (
                "PE1",
                "Integration architect Ivan",
                "isv",
                "Head of integrations",
                "value",
                "Ship a certified connector customers trust",
                "Unstable APIs; slow review cycles",
                "Developer docs, webinars",
            ),
            (
                "PE2",
                "Practice lead Paula",
                "integrator",
                "Practice director",
                "value",
                "Billable projects with repeatable delivery",
                "Thin pipeline; unclear deal registration",
                "Partner portal, events",
            ),
            (
                "PE3",
                "Fulfilment manager Frank",
                "ecosystem",
                "VP operations",
                "transaction",
                "Margin per order and fast quoting",
                "Manual quoting; slow rebates",
                "E-mail, portal",
            ),
            (
                "PE4",
                "Cloud alliance manager Chen",
                "platform",
                "Alliance manager",
                "value",
                "Marketplace consumption growth",
                "Co-sell credit disputes",
                "Joint planning calls",
            ),
            (
                "PE5",
                "Reseller rep Rita",
                "ecosystem",
                "Account executive",
                "transaction",
                "Hit quarterly quota",
                "Too many vendor programs",
                "E-mail, SMS",
            ),
            (
                "PE6",
                "Boutique founder Bo",
                "integrator",
                "Founder",
                "value",
                "Grow with a reliable vendor",
                "Cash flow between projects",
                "Phone, events",
            ),
        ],
        columns=[
            "persona_id",
            "name",
            "partner_type",
            "role",
            "engagement_model",
            "goals",
            "pains",
            "preferred_media",
        ],
    )
    return out


#: Chance that one of our competitors partners with a company of each type, and how: the big
#: platforms list every ERP vendor; integrators implement several.
_COMPETITOR_TIES = {
    "platform": (0.55, ["technology", "strategic"]),
    "ecosystem": (0.3, ["reseller"]),
    "integrator": (0.2, ["implementation", "reseller"]),
    "isv": (0.15, ["technology"]),
}


def _competitors_and_trainings(
    rng: np.random.Generator, partners: pd.DataFrame, staff: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Demo tables, drawn from ``rng`` in a fixed order (the committed demo depends on it).
    123 Consulting, the seed's services example, works with none of our competitors: the
    starting point of recruiting. Trainings are dated on or before the as-of date."""
    out: dict[str, pd.DataFrame] = {}
    comp = []
    for p in partners.itertuples():
        chance, kinds = _COMPETITOR_TIES[p.type]
        for c in _COMPETITORS:
            if rng.random() < chance and p.name != "123 Consulting":
                comp.append((c, p.partner_id, rng.choice(kinds)))
    out["competitor_partnerships"] = pd.DataFrame(
        comp, columns=["competitor", "partner_id", "relationship"]
    )
    train = []
    active = partners[partners.status == "active"]
    for p in active.itertuples():
        start = pd.Timestamp(p.start_date)
        ours = start + pd.DateOffset(months=2)
        if p.trained_on_our_product == "yes" and ours <= AS_OF:
            train.append((p.partner_id, "partner_on_ours", "", ours.date()))
        if rng.random() < 0.4 and start + pd.DateOffset(months=4) <= AS_OF:
            s = staff.staff_id.iloc[int(rng.integers(0, len(staff)))]
            train.append(
                (p.partner_id, "ours_on_partner", s, (start + pd.DateOffset(months=4)).date())
            )
    out["trainings"] = pd.DataFrame(
        train, columns=["partner_id", "direction", "staff_id", "completed_date"]
    )
    return out


def _health_and_journey(
    rng: np.random.Generator, partners: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Demo tables, drawn from ``rng`` in a fixed order (the committed demo depends on it)."""
    out: dict[str, pd.DataFrame] = {}
    active = partners[partners.status == "active"]
    health = []
    for p in active.iloc[::4].itertuples():
        health.append(
            (
                p.partner_id,
                (AS_OF - pd.Timedelta(days=int(rng.integers(10, 90)))).date(),
                *[
                    int(rng.choice([1, 2, 3, 4, 5], p=[0.02, 0.05, 0.28, 0.38, 0.27]))
                    for _ in range(5)
                ],
                "yes" if rng.random() < 0.85 else "no",
                "yes" if rng.random() < 0.4 else "no",
            )
        )
    out["health"] = pd.DataFrame(
        health,
        columns=[
            "partner_id",
            "assessed_date",
            "open_communication",
            "trust",
            "goals_agreed",
            "team_skill",
            "alignment",
            "legal_documentation",
            "beta_program",
        ],
    )
    journey = []
    for p in partners.itertuples():
        start = pd.Timestamp(p.start_date) if p.start_date else AS_OF - pd.Timedelta(days=60)
        reached = {"active": 4, "inactive": 4, "candidate": int(rng.integers(1, 3))}[p.status]
        if p.status == "active" and rng.random() < 0.3:
            reached = 5
        dates = {
            "unknown": start - pd.Timedelta(days=int(rng.integers(150, 300))),
            "visitor": start - pd.Timedelta(days=int(rng.integers(80, 150))),
            "lead": start - pd.Timedelta(days=int(rng.integers(20, 80))),
            "partner": start,
            "advocate": start + pd.Timedelta(days=int(rng.integers(120, 400))),
        }
        for stage in list(dates)[:reached]:
            if dates[stage] <= AS_OF:
                journey.append((p.partner_id, stage, dates[stage].date()))
    out["journey_events"] = pd.DataFrame(journey, columns=["partner_id", "stage", "date"])
    return out


#: Media used at each journey stage (a partner portal only once they are partners) and each
#: medium's typical response rate: people answer at an event, rarely to a social post.
_STAGE_MEDIA = {
    "visitor": ["LinkedIn", "E-mail", "Webinar", "Event"],
    "lead": ["E-mail", "Webinar", "Event", "LinkedIn"],
    "partner": ["Partner portal", "E-mail", "Webinar", "Event"],
    "advocate": ["Partner portal", "Event", "E-mail"],
}
_RESPONSE_RATE = {
    "Event": 0.22,
    "Webinar": 0.16,
    "Partner portal": 0.12,
    "E-mail": 0.07,
    "LinkedIn": 0.05,
}
#: The medium that works best at each stage (its response rate x 1.8): a webinar for people
#: who are only looking, an event for leads, the portal for partners, e-mail for advocates.
_STAGE_BEST = {
    "visitor": "Webinar",
    "lead": "Event",
    "partner": "Partner portal",
    "advocate": "E-mail",
}
#: Recipients of one communication, by stage (people at visitors, leads, partners, advocates).
_AUDIENCE_SIZE = {
    "visitor": (300, 900),
    "lead": (120, 400),
    "partner": (120, 260),
    "advocate": (30, 90),
}


def _communications(rng: np.random.Generator) -> pd.DataFrame:
    """One communication a month from January 2021 up to the as-of month, each sent on one of
    the month's first 21 days (so on or before the as-of date)."""
    comms = []
    for k, month in enumerate(pd.period_range(START, AS_OF, freq="M")):
        stage = ["visitor", "lead", "partner", "advocate"][k % 4]
        medium = str(rng.choice(_STAGE_MEDIA[stage]))
        sent = int(rng.integers(*_AUDIENCE_SIZE[stage]))
        boost = 1.8 if medium == _STAGE_BEST[stage] else 1.0
        rate = _RESPONSE_RATE[medium] * boost * float(rng.uniform(0.7, 1.3))
        comms.append(
            (
                f"M{k + 1:03d}",
                (month.start_time + pd.Timedelta(days=int(rng.integers(0, 21)))).date(),
                stage,
                medium,
                str(rng.choice(["value", "transaction", "all"])),
                sent,
                int(rng.binomial(sent, rate)),
            )
        )
    return pd.DataFrame(
        comms,
        columns=["communication_id", "date", "stage", "medium", "audience", "sent", "responses"],
    )


@dataclass(frozen=True)
class _PartnerFacts:
    """What the deals and solutions show about one partner, for its plan."""

    first_win: pd.Timestamp | None  # first won partner deal closed by the as-of date
    last_win: pd.Timestamp | None  # latest one
    deals: int  # partner deals of any stage
    wins: int  # won deals closed in the 12-month window
    win_rate: float | None  # won / closed in the window
    open_deals: int  # open at the as-of date
    connector: str  # certification status of its connector ("" when none)


def _facts(p, deals: pd.DataFrame, solutions: pd.DataFrame) -> _PartnerFacts:
    own = deals[deals.partner_id == p.partner_id]
    close = pd.to_datetime(own.close_date.replace("", None))
    won = own[(own.stage == "won") & (close <= AS_OF)]
    in_window = (close >= WINDOW_START) & (close <= AS_OF)
    closed = own[in_window & own.stage.isin(["won", "lost"])]
    sol = solutions.loc[solutions.partner_id == p.partner_id, "certification_status"]
    return _PartnerFacts(
        first_win=pd.to_datetime(won.close_date).min() if len(won) else None,
        last_win=pd.to_datetime(won.close_date).max() if len(won) else None,
        deals=len(own),
        wins=int((closed.stage == "won").sum()),
        win_rate=float((closed.stage == "won").mean()) if len(closed) else None,
        open_deals=int(close.isna().sum()),
        connector=str(sol.iloc[0]) if len(sol) else "",
    )


class _Plan(NamedTuple):
    """One partner's plan: its texts, four milestones, and how they are dated."""

    issue: str
    current: str
    target: str
    steps: tuple[str, ...]
    third_open: bool = False  # the third milestone is what the plan is still waiting for
    from_start: bool = False  # dated from the partner's signing, not as this year's plan


#: Connector certification status → its plan's milestones (the third is the open one).
_CONNECTOR_STEPS = {
    "not_submitted": (
        "Agree connector scope",
        "Build the connector test suite",
        "Submit connector for certification",
        "Pass certification review",
    ),
    "in_review": (
        "Agree connector scope",
        "Submit connector for certification",
        "Pass certification review",
        "Connector launch webinar",
    ),
    "expired": (
        "Agree the upgrade to our current version",
        "Update the connector",
        "Renew the certification",
        "Connector launch webinar",
    ),
}


def _winless_plan(p, f: _PartnerFacts) -> _Plan:
    """A partner without any won deal: onboarding when new, a last chance when not."""
    if pd.Timestamp(p.start_date) < AS_OF - pd.DateOffset(years=1):
        return _Plan(
            "No joint customer since the agreement was signed",
            f"Signed {p.start_date}; {plural(f.deals, 'deal')} in all, none won",
            "First joint customer this year, or end the agreement",
            (
                "Relaunch call with their leadership",
                "Technical enablement refresher",
                "First joint customer",
                "Decide whether to renew the agreement",
            ),
            third_open=True,
        )
    return _Plan(
        "New partner without a joint customer yet",
        f"Signed {p.start_date}; {plural(f.open_deals, 'open deal')}",
        "First joint customer and a reference story",
        (
            "Kick-off and joint goals",
            "Technical enablement",
            "First joint customer",
            "Joint marketing launch",
        ),
        third_open=True,
        from_start=True,
    )


def _plan_text(p, f: _PartnerFacts, program_rate: float) -> _Plan:
    """The plan that fits the partner's situation, first match: no win yet; a connector not
    certified; an integrator without certification; no win in the window; a win rate 5 points
    or more under the program's; otherwise growth."""
    if f.first_win is None:
        return _winless_plan(p, f)
    if f.connector in _CONNECTOR_STEPS:
        return _Plan(
            f"{p.their_application} connector not certified ({f.connector.replace('_', ' ')})",
            f"{plural(f.wins, 'joint win')} in the last 12 months without a certified connector",
            "Certified connector listed in the partner portal",
            _CONNECTOR_STEPS[f.connector],
            third_open=True,
        )
    if p.type == "integrator" and p.certification_level in ("none", "registered"):
        return _Plan(
            "Consultants not certified on our products",
            f"Certification level: {label(p.certification_level)}; "
            f"{plural(f.wins, 'joint win')} in 12 months",
            "Certified level with two certified consultants",
            (
                "Enrol consultants in the certification path",
                "First consultant certified",
                "Second consultant certified",
                "Joint case study published",
            ),
            third_open=True,
        )
    if f.wins == 0:
        return _Plan(
            "No joint win in the last 12 months",
            f"Last joint win on {f.last_win.date()}; {plural(f.open_deals, 'open deal')}",
            "Two joint wins a quarter",
            (
                "Joint account mapping",
                "Pipeline review with their sales leaders",
                "Joint campaign to shared accounts",
                "Quarterly business review",
            ),
        )
    if f.win_rate <= program_rate - 0.05:
        return _Plan(
            "Joint deals lost more often than the program's",
            f"Win rate {f.win_rate:.0%} on {plural(f.wins, 'win')} in 12 months "
            f"(program {program_rate:.0%})",
            f"Win rate at the program's {program_rate:.0%} or better",
            (
                "Review of lost joint deals",
                "Joint sales training",
                "Joint bid template",
                "Quarterly business review",
            ),
        )
    return _Plan(
        "Joint wins must grow by half next year",
        f"{plural(f.wins, 'joint win')} in 12 months at a {f.win_rate:.0%} win rate; "
        f"{plural(f.open_deals, 'open deal')}",
        f"{round(1.5 * f.wins)} joint wins in the next 12 months",
        (
            "Joint business plan signed",
            "Joint account mapping",
            "Joint campaign to shared accounts",
            "Quarterly business review",
        ),
    )


def _milestone_rows(rng, p, plan: _Plan) -> list[tuple]:
    """The plan's four milestones, due every three months of this year's plan (from a month
    after signing for a new partner). The first two are done (completed on or before the as-of
    date); the third is done half the time unless it is what the plan waits for; the fourth is
    not started. A milestone due after the as-of date is not started."""
    if plan.from_start:
        base = pd.Timestamp(p.start_date) + pd.DateOffset(months=1)
    else:
        base = AS_OF - pd.DateOffset(months=7)
    rows = []
    for m, step in enumerate(plan.steps):
        due = base + pd.DateOffset(months=3 * m)
        done = m < 2 or (m == 2 and not plan.third_open and rng.random() < 0.5)
        completed = min(due + pd.Timedelta(days=int(rng.integers(-20, 15))), AS_OF)
        if done and due <= AS_OF:
            status = "done"
        else:
            status = "not_started" if m == 3 or due > AS_OF else "in_progress"
        rows.append(
            (
                p.partner_id,
                plan.issue,
                plan.current,
                plan.target,
                step,
                due.date(),
                status,
                completed.date() if status == "done" else "",
            )
        )
    return rows


def _plans(
    rng: np.random.Generator,
    partners: pd.DataFrame,
    deals: pd.DataFrame,
    solutions: pd.DataFrame,
) -> pd.DataFrame:
    """A written plan for every sixth active partner and for the longest-signed partner without
    a win: issue, current and target state chosen from what its deals and connector show
    (:func:`_plan_text`); "First joint customer" only in the plan of a partner that has none."""
    active = partners[partners.status == "active"]
    closed = deals[(deals.partner_id != "") & deals.stage.isin(["won", "lost"])]
    close = pd.to_datetime(closed.close_date)
    window = closed[(close >= WINDOW_START) & (close <= AS_OF)]
    program_rate = float((window.stage == "won").mean())
    facts = {p.partner_id: _facts(p, deals, solutions) for p in active.itertuples()}
    chosen = list(active.partner_id.iloc[1::6])
    winless = active[[facts[pid].first_win is None for pid in active.partner_id]]
    if len(winless):
        chosen.append(winless.sort_values("start_date").partner_id.iloc[0])
    rows = []
    for p in active[active.partner_id.isin(chosen)].itertuples():
        rows += _milestone_rows(rng, p, _plan_text(p, facts[p.partner_id], program_rate))
    return pd.DataFrame(
        rows,
        columns=[
            "partner_id",
            "issue",
            "current_state",
            "target_state",
            "milestone",
            "due_date",
            "status",
            "completed_date",
        ],
    )


def _small_tables(
    rng: np.random.Generator,
    partners: pd.DataFrame,
    staff: pd.DataFrame,
    deals: pd.DataFrame,
    solutions: pd.DataFrame,
    shared: dict[str, int],
) -> dict[str, pd.DataFrame]:
    """Every table but partners, deals, staff and accounts, in the order their random draws are
    made (changing the order changes the committed demo)."""
    return {
        **_scores_and_campaigns(rng, partners, shared),
        **_readiness_checklist_personas(),
        **_competitors_and_trainings(rng, partners, staff),
        **_health_and_journey(rng, partners),
        "communications": _communications(rng),
        "plans": _plans(rng, partners, deals, solutions),
    }


def _price_list() -> pd.DataFrame:
    """Our list prices per unit. Every demo deal carries its amount, so no open deal is priced
    from it; it shows the table's shape (a CRM products export mapped onto it)."""
    return pd.DataFrame({"product": ["Lumenar ERP", "Lumenar Insights"], "list_price": [1250, 950]})


def _stated_shares(
    rng: np.random.Generator, partners: pd.DataFrame, deals: pd.DataFrame
) -> pd.DataFrame:
    """Every fourth active partner (the strategic ones) gets the program revenue share the
    client states for it: its share of won partner revenue closed in the 12-month window,
    rounded to half a point with up to 1.5 points of error (the client's estimate)."""
    close = pd.to_datetime(deals.close_date.replace("", None))
    won = deals[
        (deals.stage == "won")
        & (deals.partner_id != "")
        & (close >= WINDOW_START)
        & (close <= AS_OF)
    ]
    pct = won.groupby("partner_id").amount.sum() * 100 / won.amount.sum()
    stated: list = []
    for k, p in enumerate(partners.itertuples()):
        guess = float(pct.get(p.partner_id, 0.0)) + float(rng.uniform(-1.5, 1.5))
        strategic = k % 4 == 0 and p.status == "active"
        stated.append(max(0.5, round(guess * 2) / 2) if strategic else "")
    return partners.assign(stated_program_revenue_pct=pd.Series(stated, dtype=object).to_numpy())


def demo_profile() -> dict:
    """The demo client's profile.yaml content."""
    return {
        "name": "Lumenar Software",
        "client_id": "demo",
        "currency": "USD",
        "industry": "Enterprise software (ERP and analytics)",
        "employees": 850,
        "products": [
            {"name": "Lumenar ERP", "version": "4.2"},
            {"name": "Lumenar Insights", "version": "2.1"},
        ],
        "competitors": list(_COMPETITORS),
        "org_units": [
            {
                "name": "Technology",
                "partner_types": ["isv", "platform"],
                "targets": {
                    "program_members": 20,
                    "certified_integrators": 8,
                    "referral_revenue": 2_500_000,
                    "influenced_revenue": 2_000_000,
                },
            },
            {
                "name": "Business Development",
                "partner_types": ["integrator", "ecosystem"],
                "targets": {
                    "program_members": 25,
                    "certified_integrators": 12,
                    "referral_revenue": 3_000_000,
                    "influenced_revenue": 2_500_000,
                },
            },
        ],
        "requirement_criteria": demo_docs.criteria(),
        "hash_salt": DEMO_HASH_SALT,
        **demo_landscape.PROFILE,
        "notes": "Fictional demo client generated by playbook.demo (seed 2017).",
        **demo_program.profile_keys(),  # trends 4 and 6: the client's partner type names
    }


def generate_demo(path: str | Path) -> Path:
    """Write the demo client's workspace to ``path`` (created if needed) and return it."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    staff = _staff(rng)
    partners = _partners(rng, staff)
    accounts = _accounts(rng)
    solutions = _solutions(partners)
    deals = _deals(rng, partners, accounts, solutions)
    partners = _stated_shares(rng, partners, deals)
    investments = _investments(rng, partners)
    financials = _financials(rng, staff, partners, deals)
    partner_accounts, shared = _partner_accounts(rng, partners, accounts)
    tables = {
        "staff": staff,
        "partners": partners,
        "accounts": accounts,
        "solutions": solutions,
        "deals": deals,
        "deal_partners": _deal_partners(partners, deals),
        "price_list": _price_list(),
        "investments": investments,
        "financials": financials,
        "partner_accounts": partner_accounts,
        **_small_tables(rng, partners, staff, deals, solutions, shared),
        **demo_program.tables(partners),  # trends 4 and 6: fixed rows, no draws
        **comms_tables(partners, deals),  # trend 8 people and tools: their own generator
    }
    tables = demo_landscape.extend(tables)  # trend 7: stack positions, outsourcing answers
    tables.update(demo_offers.offer_tables(tables))  # trend 2 offers: fixed rows, no draw
    tables.update(demo_materials.tables(tables))  # respondents, plan owners, n/a item (issue 15)
    tables = demo_platform.extend(tables)  # trend 3's platform: its own generator and rows
    (path / "profile.yaml").write_text(
        "# Demo client profile: see docs/data-dictionary.md for every key.\n"
        + dump_profile_yaml(demo_profile(), sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    for name, frame in tables.items():
        frame.to_csv(path / f"{name}.csv", index=False, lineterminator="\n")
    return path
