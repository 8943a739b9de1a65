"""A realistic large client workspace: one client, not copies of the demo.

Defaults: 1,000,000 deals, 200,000 accounts, 2,000,000 partner account rows and 1,500 partners,
plus every other table the demo client has (staff with a sales hierarchy, financials,
investments, solutions, requirement scores, competitor partnerships, trainings, health,
journey events, plans; readiness answers, checklist, personas, campaigns, communications and
the price list are the demo's own). Seeded and vectorised (numpy / pandas): the default size is
written in well under a minute.

What makes it realistic rather than a scaled copy:

* **Partners**: about a third active, the rest candidates or former partners; a partner's deal
  flow is heavy-tailed (log-normal weights, σ = 1.6: the top 5 % of the partners with
  revenue bring about half of it); former partners bring deals only while their agreement
  ran, and no partner brings a deal before it signed.
* **Deals**: created over the three years before the as-of date (2026-09-30), rising 30 % a
  year; a sales cycle of 20 to 400 days (log-normal); a deal whose cycle ends after the as-of
  date is open (lead / qualified / proposal, no close date), a closed one won 40 % of the time;
  about a third carry a partner (sourced or influenced; a partner is drawn for 45 % of the
  deals, and a deal dated outside its partner's agreement stays direct), the rest are direct;
  amounts log-normal (median USD 24,000); each deal has an owner (an account executive of
  the sales hierarchy); 3 % of partner deals are shared by two partners (``deal_partners``,
  60 / 40 splits).
* **Accounts**: deals concentrate on some accounts; an account with a won deal is a customer;
  one in ten has no domain.
* **Partner account lists**: larger partners list more accounts; about 55 % of the rows are
  accounts we know, written as exports write them (``https://www.``, upper case, bare domain,
  name only), 3 % as salted hashes only.

    python benchmarks/realistic_client.py [--out DIR] [--deals 1000000] [--accounts 200000]
        [--partner-accounts 2000000] [--partners 1500] [--seed 2026]

``make_workspace(dest, deals=..., accounts=..., partner_accounts=..., partners=...)`` does the
same from Python and returns ``dest``.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import time
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from playbook.config import DEMO_WORKSPACE

AS_OF = pd.Timestamp("2026-09-30")
DAY = np.timedelta64(1, "D")
AREAS = np.array(["North America", "EMEA", "APAC", "LATAM"])
TYPES = np.array(["isv", "integrator", "platform", "ecosystem"])
CATEGORY = {
    "isv": "Complementary application",
    "integrator": "Implementation services",
    "platform": "Cloud platform",
    "ecosystem": "Marketplace / reseller",
}
INDUSTRIES = np.array(
    ["Manufacturing", "Retail", "Healthcare", "Financial Services", "Logistics", "Energy"]
    + ["Public Sector"]
)
COUNTRIES = np.array(["US", "CA", "GB", "DE", "FR", "JP", "SG", "AU", "BR", "MX"])
_W1 = "Acme Globex Initech Umbrella Stark Wayne Tyrell Cyber Soylent Hooli Vandelay Wonka".split()
_W1 += "Apex Blue Cedar Delta Echo Falcon Granite Harbor Indigo Juniper Kestrel Lumen".split()
_W1 += "Maple Nimbus Orion Pine Quartz River Summit Tidal Unity Vertex Willow Zenith".split()
_W2 = "Foods Systems Logistics Health Energy Retail Labs Motors Capital Media Textiles".split()
_W2 += "Pharma Metals Farms Robotics Analytics Networks Foundry Logic Works Dynamics".split()
_W3 = "North South East West Global United First Prime Pacific Atlantic Alpine Coastal".split()
_W3 += "Metro Royal Grand Central Golden Silver Bright Clear Rapid Smart Green Urban".split()
_LEGAL = np.array(["Inc", "LLC", "Ltd", "GmbH", "Corp", "SA", ""])
_FIRST = "Maya Daniel Priya Lukas Aiko Sofia Grace Tom Nadia Omar Lena Ivan Chen Ana".split()
_LAST = "Okafor Reyes Nair Brandt Tanaka Marino Liu Becker Haddad Siddiqui Novak Silva".split()
_COPIED = (  # one set per client: the demo's own
    "readiness.csv",
    "checklist.csv",
    "personas.csv",
    "campaigns.csv",
    "communications.csv",
    "price_list.csv",
)


def _companies(index: np.ndarray) -> pd.Series:
    """Distinct company names for distinct integers (W3 W1 W2, then a number past the grid)."""
    n1, n2, n3 = len(_W1), len(_W2), len(_W3)
    grid = n1 * n2 * n3
    w3 = np.array(_W3, dtype=object)[index % n3]
    w1 = np.array(_W1, dtype=object)[(index // n3) % n1]
    w2 = np.array(_W2, dtype=object)[(index // (n3 * n1)) % n2]
    extra = np.where(index >= grid, " " + (index // grid).astype(str), "")
    return pd.Series(w3 + " " + w1 + " " + w2 + extra.astype(object))


def _domains(names: pd.Series) -> pd.Series:
    return names.str.lower().str.replace(" ", "", regex=False) + ".com"


def _dates(rng, start: pd.Timestamp, end: pd.Timestamp, n: int) -> np.ndarray:
    span = max((end - start).days, 1)
    return (start + pd.to_timedelta(rng.integers(0, span + 1, n), unit="D")).to_numpy()


def _iso(values) -> pd.Series:
    return pd.Series(pd.to_datetime(values)).dt.strftime("%Y-%m-%d").fillna("")


def _staff(rng) -> pd.DataFrame:
    """Channel managers (10 per area) and program staff, then the CRM's sales hierarchy."""
    rows = []
    roles = ["channel_manager"] * 40 + ["alliance_lead"] * 4 + ["technical"] * 6
    roles += ["marketing"] * 4 + ["program_manager"] * 2 + [""] * 8 + [""] * 80
    for i, role in enumerate(roles):
        area = AREAS[i % 4] if i < 56 or i >= 64 else AREAS[(i - 56) % 4]
        manager = "" if i < 64 else f"S{57 + (i - 64) % 8:03d}"
        rows.append((f"S{i + 1:03d}", area, role, manager))
    staff = pd.DataFrame(rows, columns=["staff_id", "area", "role", "manager_id"])
    n = len(staff)
    staff["name"] = [f"{_FIRST[i % 14]} {_LAST[(i * 5 + i // 14) % 12]} {i + 1}" for i in range(n)]
    staff["org_unit"] = np.where(np.arange(n) % 2 == 0, "Business Development", "Technology")
    staff["fte"] = np.where(staff["role"].isin(["channel_manager", ""]), 1.0, 0.5)
    staff["start_date"] = _iso(_dates(rng, pd.Timestamp("2018-01-01"), AS_OF, n))
    staff["end_date"] = ""
    for skill in ("recruiting", "enablement", "technical", "joint_selling", "analytics"):
        staff[f"skill_{skill}"] = np.where(
            staff["role"] == "", "", rng.integers(1, 6, n).astype(str)
        )
    cols = ["staff_id", "name", "area", "manager_id", "role", "org_unit", "fte", "start_date"]
    return staff[cols + [c for c in staff if c not in cols]]


def _partners(rng, n: int, staff: pd.DataFrame) -> pd.DataFrame:
    idx = np.arange(n)
    kind = TYPES[rng.choice(4, n, p=[0.35, 0.35, 0.1, 0.2])]
    status = np.array(["active", "candidate", "inactive"])[rng.choice(3, n, p=[0.32, 0.3, 0.38])]
    area = AREAS[rng.choice(4, n, p=[0.4, 0.3, 0.2, 0.1])]
    managers = staff[staff["role"] == "channel_manager"]
    by_area = {a: managers.loc[managers["area"] == a, "staff_id"].to_numpy() for a in AREAS}
    manager = np.empty(n, dtype=object)
    for a in AREAS:
        where = area == a
        manager[where] = rng.choice(by_area[a], where.sum())
    start = pd.Series(_dates(rng, pd.Timestamp("2018-01-01"), AS_OF - pd.Timedelta(days=60), n))
    end = start + pd.to_timedelta(rng.integers(180, 1500, n), unit="D")
    end = end.where(end < AS_OF, AS_OF - pd.Timedelta(days=30))
    names = (
        _companies(idx * 7919 % 500_000 + 1_000_000)
        + " "
        + np.array(["Software", "Consulting", "Cloud", "Partners"], dtype=object)[
            np.searchsorted(TYPES, kind) % 4
        ]
    )
    employees = np.round(rng.lognormal(5, 1.6, n)).astype(int) + 5
    frame = pd.DataFrame(
        {
            "partner_id": [f"P{i + 1:05d}" for i in idx],
            "name": names,
            "type": kind,
            "status": status,
            "area": area,
            "manager_id": np.where(status == "candidate", "", manager),
            "start_date": np.where(status == "candidate", "", _iso(start)),
            "end_date": np.where(status == "inactive", _iso(end), ""),
            "certification_level": np.array(
                ["none", "registered", "certified", "advanced", "expert"]
            )[rng.choice(5, n, p=[0.3, 0.3, 0.2, 0.15, 0.05])],
            "industry": INDUSTRIES[rng.integers(0, 6, n)],  # no partner serves the public sector
            "life_cycle": np.array(["emerging", "growth", "mature"])[rng.integers(0, 3, n)],
            "competitive_advantage": "",
            "expected_mindshare": np.array(["low", "medium", "high"])[rng.integers(0, 3, n)],
            "category": pd.Series(kind).map(CATEGORY),
            "their_application": names + " Suite",
            "their_version": rng.integers(1, 9, n).astype(str)
            + "."
            + rng.integers(0, 5, n).astype(str),
            "our_software": np.where(rng.random(n) < 0.7, "Lumenar ERP", "Lumenar Insights"),
            "our_version": "4.2",
            "stated_program_revenue_pct": np.where(
                rng.random(n) < 0.1, np.round(rng.uniform(0.2, 15, n), 1).astype(str), ""
            ),
            "employees": employees,
            "our_share_of_their_business_pct": np.round(
                np.clip(rng.lognormal(1, 1.2, n), 0.1, 90), 1
            ),
            "interest": rng.integers(1, 6, n),
            "influence": np.clip(np.round(np.log10(employees)).astype(int) + 1, 1, 5),
            "engagement_model": "",
            "goal_alignment": np.array(["aligned", "partial", "misaligned"])[
                rng.choice(3, n, p=[0.5, 0.35, 0.15])
            ],
            "trained_on_our_product": np.where(rng.random(n) < 0.45, "yes", "no"),
            "responsiveness_pct": np.round(rng.uniform(20, 98, n)),
        }
    )
    frame["website"] = np.where(rng.random(n) < 0.85, "https://www." + _domains(names), "")
    frame["contact_email"] = np.where(frame["website"] != "", "alliances@" + _domains(names), "")
    frame["description"] = names + " works with " + frame["industry"].str.lower() + " customers."
    frame["_start"] = start.where(status != "candidate")
    frame["_end"] = end.where(status == "inactive")
    return frame


def _deals(rng, n: int, partners: pd.DataFrame, n_accounts: int, staff: pd.DataFrame):
    """Deals, then the account statuses they imply (customer: has a won deal)."""
    start = AS_OF - pd.DateOffset(years=3)
    span = (AS_OF - start).days
    u = rng.random(n)  # density rising 30 % a year: inverse CDF of a linear ramp
    a, b = 1.0, 1.3**3
    pos = (np.sqrt(a * a + (b * b - a * a) * u) - a) / (b - a)
    created = start.to_datetime64() + (pos * span).astype(int) * DAY
    cycle = np.clip(rng.lognormal(np.log(90), 0.7, n), 20, 400).astype(int)
    closes = created + cycle * DAY
    closed = closes <= AS_OF.to_datetime64()
    won = closed & (rng.random(n) < 0.4)
    stage = np.where(
        closed,
        np.where(won, "won", "lost"),
        np.array(["lead", "qualified", "proposal"])[rng.choice(3, n, p=[0.45, 0.35, 0.2])],
    )
    # partner: 45 % of deals, heavy-tailed weights over active and former partners
    able = partners[partners["status"] != "candidate"]
    weight = rng.lognormal(0, 1.6, len(able)) * np.where(able["status"] == "active", 1.0, 0.4)
    pick = rng.choice(len(able), n, p=weight / weight.sum())
    has_partner = rng.random(n) < 0.45
    p_start = able["_start"].to_numpy()[pick]
    p_end = able["_end"].fillna(AS_OF + pd.Timedelta(days=1)).to_numpy()[pick]
    has_partner &= (created >= p_start) & (created <= p_end)
    partner_id = np.where(has_partner, able["partner_id"].to_numpy()[pick], "")
    attribution = np.where(
        has_partner, np.where(rng.random(n) < 0.5, "sourced", "influenced"), "direct"
    )
    account_weight = rng.lognormal(0, 1.0, n_accounts)
    account = rng.choice(n_accounts, n, p=account_weight / account_weight.sum())
    amount = np.maximum(np.round(rng.lognormal(np.log(24000), 0.75, n), -2), 500.0)
    product = np.where(rng.random(n) < 0.7, "Lumenar ERP", "Lumenar Insights")
    price = np.where(product == "Lumenar ERP", 1250.0, 950.0)
    kind = able["type"].to_numpy()[pick]
    owners = staff.loc[staff["manager_id"] != "", "staff_id"].to_numpy()
    deals = pd.DataFrame(
        {
            "deal_id": [f"D{i + 1:07d}" for i in range(n)],
            "partner_id": partner_id,
            "attribution": attribution,
            "account_id": [f"A{i + 1:07d}" for i in account],
            "stage": stage,
            "created_date": _iso(created),
            "close_date": np.where(closed, _iso(closes), ""),
            "amount": amount,
            "margin": np.round(amount * rng.uniform(0.55, 0.85, n), 2),
            "cost_of_sale": np.round(amount * rng.uniform(0.04, 0.2, n), 2),
            "units": np.maximum(np.round(amount / price * rng.uniform(0.8, 2.2, n)), 1).astype(int),
            "product": product,
            "solution_id": "",
            "is_project": np.where(
                rng.random(n) < np.where(has_partner & (kind == "integrator"), 0.5, 0.05),
                "yes",
                "no",
            ),
            "owner_id": owners[rng.integers(0, len(owners), n)],
            "joint_marketing": np.where(has_partner & (rng.random(n) < 0.12), "yes", "no"),
        }
    )
    customer = np.bincount(account[won], minlength=n_accounts) > 0
    return deals, customer


def _accounts(rng, n: int, customer: np.ndarray) -> pd.DataFrame:
    names = _companies(np.arange(n))
    legal = _LEGAL[rng.integers(0, len(_LEGAL), n)]
    return pd.DataFrame(
        {
            "account_id": [f"A{i + 1:07d}" for i in range(n)],
            "name": (names + " " + legal).str.rstrip(),
            "domain": np.where(rng.random(n) < 0.9, _domains(names), ""),
            "status": np.where(customer, "customer", "prospect"),
            "industry": INDUSTRIES[rng.integers(0, len(INDUSTRIES), n)],
            "country": COUNTRIES[rng.integers(0, len(COUNTRIES), n)],
        }
    )


def _partner_accounts(rng, n: int, partners: pd.DataFrame, n_accounts: int, salt: str):
    """Rows as partners export them; ~55 % name an account of ours."""
    weight = partners["employees"].to_numpy() ** 0.8
    who = rng.choice(len(partners), int(n * 1.05), p=weight / weight.sum())
    known = rng.random(len(who)) < 0.55
    company = np.where(
        known,
        rng.integers(0, n_accounts, len(who)),
        n_accounts + rng.integers(0, 3 * n_accounts, len(who)),
    )
    pairs = pd.DataFrame({"who": who, "company": company}).drop_duplicates().head(n)
    names = _companies(pairs["company"].to_numpy())
    dom = _domains(names).to_numpy()
    style = rng.choice(5, len(pairs), p=[0.25, 0.2, 0.15, 0.37, 0.03])
    domain = np.select(
        [style == 0, style == 1, style == 2],
        ["https://www." + dom, np.char.upper(dom.astype(str)).astype(object), dom],
        "",
    )
    hashed = style == 4
    digests = np.full(len(pairs), "", dtype=object)
    digests[hashed] = [hashlib.sha256(f"{salt}:{d}".encode()).hexdigest() for d in dom[hashed]]
    legal = _LEGAL[rng.integers(0, len(_LEGAL), len(pairs))]
    account_name = np.where(hashed, "", (names.str.upper() + ", " + legal).str.rstrip(", "))
    return pd.DataFrame(
        {
            "partner_id": partners["partner_id"].to_numpy()[pairs["who"].to_numpy()],
            "account_name": account_name,
            "domain": domain,
            "domain_hash": digests,
            "relationship": np.where(rng.random(len(pairs)) < 0.6, "customer", "prospect"),
        }
    )


def _deal_partners(rng, deals: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    """3 % of partner deals are shared: the deal's partner 60 %, a second active one 40 %."""
    partner_deals = deals.index[deals["partner_id"] != ""].to_numpy()
    shared = partner_deals[rng.random(len(partner_deals)) < 0.03]
    active = partners.loc[partners["status"] == "active", "partner_id"].to_numpy()
    first = deals.loc[shared, "partner_id"].to_numpy()
    second = active[rng.integers(0, len(active), len(shared))]
    keep = first != second
    shared, first, second = shared[keep], first[keep], second[keep]
    ids = deals.loc[shared, "deal_id"].to_numpy()
    rows = pd.DataFrame(
        {
            "deal_id": np.concatenate([ids, ids]),
            "partner_id": np.concatenate([first, second]),
            "split_pct": np.repeat([60, 40], len(ids)),
            "role": np.repeat(["Reseller", "System Integrator"], len(ids)),
            "attribution": "",
        }
    )
    return rows.sort_values("deal_id", kind="stable")


def _per_partner(rng, ids: np.ndarray, low: int, high: int) -> np.ndarray:
    """Each id repeated a random number of times in [low, high]."""
    return np.repeat(ids, rng.integers(low, high + 1, len(ids)))


def _small_tables(rng, partners: pd.DataFrame, staff: pd.DataFrame, criteria: list[str]):
    """Investments, solutions, requirement scores, competitor partnerships, trainings, health,
    journey events, financials: a few rows per partner (or per manager and month)."""
    out = {}
    signed = partners[partners["status"] != "candidate"]
    active = partners[partners["status"] == "active"]
    who = _per_partner(rng, signed.index.to_numpy(), 1, 10)
    start = partners.loc[who, "_start"].to_numpy()
    end = partners.loc[who, "_end"].fillna(AS_OF).to_numpy()
    date = start + ((end - start) * rng.random(len(who))).astype("timedelta64[D]")
    order = np.argsort(date, kind="stable")
    out["investments"] = pd.DataFrame(
        {
            "investment_id": [f"I{i + 1:06d}" for i in range(len(who))],
            "partner_id": partners.loc[who, "partner_id"].to_numpy()[order],
            "date": _iso(date[order]),
            "category": np.array(["enablement", "integration", "marketing", "mdf", "headcount"])[
                rng.choice(5, len(who), p=[0.4, 0.1, 0.25, 0.2, 0.05])
            ],
            "amount": np.round(rng.lognormal(np.log(12000), 0.9, len(who)), -2),
        }
    )
    tech = signed[signed["type"].isin(["isv", "platform"])].sample(frac=0.4, random_state=1)
    status = np.array(["not_submitted", "in_review", "certified", "expired"])[
        rng.choice(4, len(tech), p=[0.15, 0.15, 0.6, 0.1])
    ]
    out["solutions"] = pd.DataFrame(
        {
            "solution_id": [f"SOL{i + 1:05d}" for i in range(len(tech))],
            "partner_id": tech["partner_id"].to_numpy(),
            "name": (tech["name"] + " connector for " + tech["our_software"]).to_numpy(),
            "our_software": tech["our_software"].to_numpy(),
            "certification_status": status,
            "certified_date": np.where(
                np.isin(status, ["certified", "expired"]),
                _iso(_dates(rng, pd.Timestamp("2022-01-01"), AS_OF, len(tech))),
                "",
            ),
        }
    )
    out["requirement_scores"] = pd.DataFrame(
        {
            "partner_id": np.repeat(partners["partner_id"].to_numpy(), len(criteria)),
            "criterion": np.tile(criteria, len(partners)),
            "score": rng.choice(
                6, len(partners) * len(criteria), p=[0.05, 0.1, 0.2, 0.3, 0.25, 0.1]
            ),
            "note": "",
        }
    )
    pairs = pd.DataFrame(
        {
            "competitor": rng.choice(
                ["Oberon Systems", "Quantix ERP", "Stratus Ledger", "Corvid Software"],
                len(partners),
            ),
            "partner_id": partners["partner_id"].to_numpy(),
            "relationship": rng.choice(["reseller", "technology", "strategic"], len(partners)),
        }
    )
    out["competitor_partnerships"] = pairs[rng.random(len(partners)) < 0.2]
    trained = _per_partner(rng, active.index.to_numpy(), 1, 3)
    ours = rng.random(len(trained)) < 0.3
    managers = partners.loc[trained, "manager_id"].to_numpy()
    out["trainings"] = pd.DataFrame(
        {
            "partner_id": partners.loc[trained, "partner_id"].to_numpy(),
            "direction": np.where(ours, "ours_on_partner", "partner_on_ours"),
            "staff_id": np.where(ours, managers, ""),
            "completed_date": _iso(
                partners.loc[trained, "_start"].to_numpy()
                + rng.integers(10, 300, len(trained)) * DAY
            ).where(lambda s: s <= AS_OF.strftime("%Y-%m-%d"), AS_OF.strftime("%Y-%m-%d")),
        }
    )
    checked = active.sample(frac=0.25, random_state=2)
    k = len(checked)
    health = {"partner_id": checked["partner_id"].to_numpy()}
    health["assessed_date"] = _iso(_dates(rng, AS_OF - pd.Timedelta(days=180), AS_OF, k))
    for col in ("open_communication", "trust", "goals_agreed", "team_skill", "alignment"):
        health[col] = rng.integers(1, 6, k)
    health["legal_documentation"] = np.where(rng.random(k) < 0.8, "yes", "no")
    health["beta_program"] = np.where(rng.random(k) < 0.4, "yes", "no")
    out["health"] = pd.DataFrame(health)
    out["journey_events"] = _journey(rng, partners)
    out["financials"] = _financials(rng, staff)
    return out


def _journey(rng, partners: pd.DataFrame) -> pd.DataFrame:
    """Stages a partner went through, before it signed (candidates: up to lead)."""
    stages = np.array(["unknown", "visitor", "lead", "partner", "advocate"])
    n = len(partners)
    reached = np.where(partners["status"] == "candidate", rng.integers(0, 3, n), 3)
    reached = np.where((partners["status"] == "active") & (rng.random(n) < 0.2), 4, reached)
    who = np.repeat(np.arange(n), reached + 1)
    step = np.arange(len(who)) - np.repeat(np.cumsum(reached + 1) - (reached + 1), reached + 1)
    anchor = partners["_start"].fillna(AS_OF - pd.Timedelta(days=30)).to_numpy()[who]
    date = anchor + (step - np.repeat(np.minimum(reached, 3), reached + 1)) * 45 * DAY
    date = np.minimum(date, AS_OF.to_datetime64())
    return pd.DataFrame(
        {
            "partner_id": partners["partner_id"].to_numpy()[who],
            "stage": stages[step],
            "date": _iso(date),
        }
    )


def _financials(rng, staff: pd.DataFrame) -> pd.DataFrame:
    months = pd.period_range(AS_OF - pd.DateOffset(years=3), AS_OF, freq="M").astype(str)
    managers = staff[staff["role"] == "channel_manager"]
    rows = pd.DataFrame(
        {
            "period": np.repeat(months, len(managers)),
            "area": np.tile(managers["area"].to_numpy(), len(months)),
            "manager_id": np.tile(managers["staff_id"].to_numpy(), len(months)),
        }
    )
    areas = pd.DataFrame(
        {
            "period": np.repeat(months, len(AREAS)),
            "area": np.tile(AREAS, len(months)),
            "manager_id": "",
        }
    )
    frame = pd.concat([rows, areas], ignore_index=True)
    frame["program_expenses"] = np.round(rng.uniform(6000, 15000, len(frame)), -1)
    frame["accounts_receivable"] = np.where(
        frame["manager_id"] != "", np.round(rng.uniform(0, 5000, len(frame)), -1).astype(str), ""
    )
    return frame


def _plans(partners: pd.DataFrame, deals: pd.DataFrame) -> pd.DataFrame:
    """Plans for the 60 active partners with the most won revenue: four milestones each."""
    won = deals[(deals["stage"] == "won") & (deals["partner_id"] != "")]
    top = won.groupby("partner_id")["amount"].sum().nlargest(60).index
    top = [p for p in top if p in set(partners.loc[partners["status"] == "active", "partner_id"])]
    steps = [
        ("Joint business plan signed", "2026-02-28", "done", "2026-02-10"),
        ("Joint account mapping", "2026-05-28", "done", "2026-05-20"),
        ("Joint campaign to shared accounts", "2026-08-28", "in_progress", ""),
        ("Quarterly business review", "2026-11-28", "not_started", ""),
    ]
    rows = [
        (p, "Joint wins must grow by half next year", "", "", m, due, status, done)
        for p in top
        for m, due, status, done in steps
    ]
    cols = ["partner_id", "issue", "current_state", "target_state", "milestone", "due_date"]
    return pd.DataFrame(rows, columns=cols + ["status", "completed_date"])


def make_workspace(
    dest: Path,
    deals: int = 1_000_000,
    accounts: int = 200_000,
    partner_accounts: int = 2_000_000,
    partners: int = 1_500,
    seed: int = 2026,
) -> Path:
    """Write the realistic client workspace (sizes as given) into ``dest`` and return it."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    profile = yaml.safe_load((DEMO_WORKSPACE / "profile.yaml").read_text(encoding="utf-8"))
    profile.update(name="Meridian Systems", client_id="realistic", employees=12000)
    profile["notes"] = f"Fictional large client (benchmarks/realistic_client.py, seed {seed})."
    for unit in profile.get("org_units", []):
        unit["targets"] = {k: v * 30 for k, v in unit["targets"].items()}
    (dest / "profile.yaml").write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    criteria = [c["name"] for c in profile["requirement_criteria"]]
    staff = _staff(rng)
    partner_frame = _partners(rng, partners, staff)
    deal_frame, customer = _deals(rng, deals, partner_frame, accounts, staff)
    tables = {
        "staff": staff,
        "deals": deal_frame,
        "accounts": _accounts(rng, accounts, customer),
        "partner_accounts": _partner_accounts(
            rng, partner_accounts, partner_frame, accounts, profile["hash_salt"]
        ),
        "deal_partners": _deal_partners(rng, deal_frame, partner_frame),
        "plans": _plans(partner_frame, deal_frame),
        **_small_tables(rng, partner_frame, staff, criteria),
    }
    tables["partners"] = partner_frame.drop(columns=["_start", "_end"])
    solution = tables["solutions"].drop_duplicates("partner_id").set_index("partner_id")
    on_solution = deal_frame["partner_id"].map(solution["solution_id"])
    deal_frame["solution_id"] = on_solution.where(rng.random(deals) < 0.3, "").fillna("")
    for name, frame in tables.items():
        frame.to_csv(dest / f"{name}.csv", index=False)
    for name in _COPIED:
        shutil.copy(DEMO_WORKSPACE / name, dest / name)
    return dest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("realistic-client"))
    ap.add_argument("--deals", type=int, default=1_000_000)
    ap.add_argument("--accounts", type=int, default=200_000)
    ap.add_argument("--partner-accounts", type=int, default=2_000_000)
    ap.add_argument("--partners", type=int, default=1_500)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    t = time.perf_counter()
    make_workspace(
        args.out,
        deals=args.deals,
        accounts=args.accounts,
        partner_accounts=args.partner_accounts,
        partners=args.partners,
        seed=args.seed,
    )
    rows = {p.stem: sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in args.out.glob("*.csv")}
    print(f"Wrote {args.out} in {time.perf_counter() - t:.1f} s:")
    print("  " + ", ".join(f"{k} {v:,}" for k, v in sorted(rows.items())))


if __name__ == "__main__":
    main()
