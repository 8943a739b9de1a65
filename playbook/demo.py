"""Generator of the demo client, a fictional ISV called Lumenar Software.

The data set is seeded and reproducible: ``generate_demo(path)`` always writes the same files.
The generated workspace is committed under ``data/demo-client`` so that the README's main command
needs no generation step; ``tests/test_demo.py`` checks the committed copy is what the generator
produces.

Shape: 48 partners across the four partner types, three areas and six channel managers; about
four thousand deals from 2021 to the as-of date with sourced / influenced / direct attribution;
investments, financials, accounts and overlapping partner account lists, and every other table.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

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


def _share_of_their_business(employees: int, u: float) -> float:
    """Percent of a partner's business that comes through us: small firms lean on us, large
    ones barely notice us (so the demo has sharks, remoras and mutual partners). ``u`` is a
    uniform draw in [0, 1)."""
    low, high = (4.0, 25.0) if employees <= 60 else (1.0, 8.0) if employees <= 400 else (0.1, 2.0)
    return round(low + u * (high - low), 1)


def _partners(rng: np.random.Generator, staff: pd.DataFrame) -> pd.DataFrame:
    managers = staff[staff.role == "channel_manager"]
    types = np.array(["isv"] * 14 + ["integrator"] * 16 + ["platform"] * 8 + ["ecosystem"] * 10)
    rng.shuffle(types)
    statuses = ["active"] * 40 + ["candidate"] * 6 + ["inactive"] * 2
    rows = []
    for i, (prefix, ptype, status) in enumerate(zip(_PREFIX, types, statuses, strict=True)):
        mgr = managers.iloc[i % len(managers)]
        suffix = _SUFFIX[ptype][i % len(_SUFFIX[ptype])]
        name = f"{prefix} {suffix}"
        start = (
            ""
            if status == "candidate"
            else (START + pd.Timedelta(days=int(rng.integers(0, 1400)))).date()
        )
        domain = prefix.lower().replace(" & ", "").replace(" ", "") + suffix.lower() + ".com"
        strategic = i % 4 == 0
        rows.append(
            {
                "partner_id": f"P{i + 1:03d}",
                "name": name,
                "type": ptype,
                "status": status,
                "area": mgr.area,
                "manager_id": mgr.staff_id,
                "start_date": start,
                "certification_level": rng.choice(
                    ["none", "registered", "certified", "advanced", "expert"],
                    p=[0.15, 0.25, 0.3, 0.2, 0.1],
                ),
                # Energy is nearly absent among partners: a coverage gap for notebook 03.
                "industry": rng.choice(_INDUSTRIES, p=[0.22, 0.2, 0.2, 0.15, 0.12, 0.1, 0.01]),
                "life_cycle": rng.choice(["emerging", "growth", "mature"], p=[0.3, 0.4, 0.3]),
                "competitive_advantage": rng.choice(
                    [
                        "Deep vertical know-how in regulated industries",
                        "Largest installed base in the mid-market",
                        "Fast implementation methodology",
                        "Native connectors to major data platforms",
                        "Strong presence with enterprise CIOs",
                    ]
                ),
                "expected_mindshare": rng.choice(["low", "medium", "high"], p=[0.3, 0.45, 0.25]),
                "category": _CATEGORIES[ptype],
                "their_application": {
                    "isv": f"{prefix} Suite",
                    "integrator": "Professional Services",
                    "platform": f"{prefix} Cloud",
                    "ecosystem": f"{prefix} Marketplace",
                }[ptype],
                "their_version": (
                    "Contact via Accounting"
                    if ptype == "integrator"
                    else f"{int(rng.integers(1, 9))}.{int(rng.integers(0, 10))}"
                ),
                "our_software": "Lumenar ERP" if i % 3 else "Lumenar Insights",
                "our_version": "4.2" if i % 3 else "2.1",
                "stated_program_revenue_pct": (
                    round(float(rng.uniform(1, 9)), 1) if strategic and status == "active" else ""
                ),
                "employees": (employees := int(rng.choice([25, 60, 150, 400, 1200, 5000, 20000]))),
                "our_share_of_their_business_pct": _share_of_their_business(
                    employees, float(rng.uniform(0, 1))
                ),
                "interest": int(rng.integers(1, 6)),
                "influence": int(rng.integers(1, 6)),
                "engagement_model": "transaction" if i == 5 else "",
                "goal_alignment": rng.choice(
                    ["aligned", "partial", "misaligned"], p=[0.5, 0.35, 0.15]
                ),
                "trained_on_our_product": "yes" if rng.random() < 0.6 else "no",
                "responsiveness_pct": round(float(rng.uniform(5, 95)), 0),
                "website": f"https://www.{domain}" if rng.random() < 0.9 else "",
                "contact_email": f"alliances@{domain}" if rng.random() < 0.8 else "",
                "description": (
                    f"{name} is a {ptype} partner focused on "
                    f"{_INDUSTRIES[i % len(_INDUSTRIES)].lower()}."
                )
                if rng.random() < 0.75
                else "",
            }
        )
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


def _deals(
    rng: np.random.Generator,
    partners: pd.DataFrame,
    accounts: pd.DataFrame,
    solutions: pd.DataFrame,
    n: int = 4200,
) -> pd.DataFrame:
    active = partners[partners.status != "candidate"].reset_index(drop=True)
    starts = pd.to_datetime(active.start_date)
    weights = rng.gamma(1.2, 1.0, len(active))
    weights /= weights.sum()
    span = (AS_OF - START).days
    rows = []
    for i in range(n):
        # Deal flow grows over time: later dates are more likely than early ones.
        created = START + pd.Timedelta(days=int(span * rng.random() ** 0.6))
        attribution = rng.choice(["sourced", "influenced", "direct"], p=[0.3, 0.25, 0.45])
        partner_id = ""
        solution_id = ""
        if attribution != "direct":
            j = int(rng.choice(len(active), p=weights))
            if starts[j] > created:
                created = starts[j] + pd.Timedelta(days=int(rng.integers(0, 60)))
                if created > AS_OF:
                    attribution, j = "direct", None
            if j is not None:
                partner_id = active.partner_id[j]
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
        while date <= AS_OF:
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
        rows.append(
            {
                "solution_id": f"SOL{k + 1:02d}",
                "partner_id": p.partner_id,
                "name": f"{p.their_application} connector for {p.our_software}",
                "our_software": p.our_software,
                "certification_status": status,
                "certified_date": (pd.Timestamp(p.start_date) + pd.DateOffset(months=8)).date()
                if status in ("certified", "expired")
                else "",
            }
        )
    return pd.DataFrame(rows)


def _partner_accounts(
    rng: np.random.Generator, partners: pd.DataFrame, accounts: pd.DataFrame
) -> pd.DataFrame:
    rows = []
    listed = partners[partners.status != "inactive"].iloc[::2]
    for k, p in enumerate(listed.itertuples()):
        picks = accounts.sample(int(rng.integers(40, 160)), random_state=int(rng.integers(1e9)))
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
    return pd.DataFrame(
        rows, columns=["partner_id", "account_name", "domain", "domain_hash", "relationship"]
    )


def _scores_and_campaigns(
    rng: np.random.Generator, partners: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Demo tables, drawn from ``rng`` in a fixed order (the committed demo depends on it)."""
    out: dict[str, pd.DataFrame] = {}
    criteria = [
        "Technical capability",
        "Market reach",
        "Customer overlap",
        "Cultural fit",
        "Financial stability",
    ]
    out["requirement_scores"] = pd.DataFrame(
        [(p, c, int(rng.integers(1, 6)), "") for p in partners.partner_id for c in criteria],
        columns=["partner_id", "criterion", "score", "note"],
    )
    channels = ["LinkedIn", "E-mail", "Webinar", "X / Twitter", "YouTube"]
    pieces = ["ROI guide", "Integration playbook", "Customer story"]
    camp = []
    for k in range(24):
        tier = ["low_hanging_fruit", "mid_level", "cold"][k % 3]
        traffic = int(rng.integers(400, 4000)) * (1 if tier == "cold" else 2) // 2
        rate = {"low_hanging_fruit": 0.18, "mid_level": 0.1, "cold": 0.05}[tier]
        opt = int(traffic * rate)
        eng = int(opt * rng.uniform(0.3, 0.6))
        closed = int(eng * rng.uniform(0.1, 0.35))
        camp.append(
            (
                f"C{k + 1:03d}",
                tier,
                channels[k % 5],
                pieces[k % 3],
                (START + pd.DateOffset(months=2 * k)).date(),
                round(float(rng.uniform(2_000, 15_000)), -2),
                traffic,
                opt,
                eng,
                closed,
            )
        )
    out["campaigns"] = pd.DataFrame(
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
    return out


def _readiness_checklist_personas(
    rng: np.random.Generator, staff: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Demo tables, drawn from ``rng`` in a fixed order (the committed demo depends on it)."""
    out: dict[str, pd.DataFrame] = {}
    bank = question_bank()
    scores = rng.integers(0, 6, len(bank)).astype(object)
    scores[[4, 13]] = ""  # two items left unanswered
    out["readiness"] = pd.DataFrame(
        {
            "item_id": bank.item_id,
            "score": scores,
            "evidence": ["" if k % 3 else "Discussed in workshop" for k in range(len(bank))],
        }
    )
    # Twelve of the sixteen default checklist items recorded, plus two of the client's own.
    from playbook.buyin import DEFAULT_CHECKLIST

    tasks = [item for k, item in enumerate(DEFAULT_CHECKLIST) if k % 4 != 3]
    tasks += [
        ("CL01", "Enablement", "Run a partner advisory board twice a year"),
        ("CL02", "Systems", "Automate partner report cards from the CRM"),
    ]
    owners = list(staff.name)
    check = []
    for k, (item_id, cat, task) in enumerate(tasks):
        status = ["done", "done", "in_progress", "not_started"][k % 4]
        due = (AS_OF + pd.DateOffset(days=int(rng.integers(-200, 150)))).date()
        check.append(
            (
                item_id,
                cat,
                task,
                owners[k % len(owners)],
                due,
                status,
                (pd.Timestamp(due) - pd.Timedelta(days=10)).date() if status == "done" else "",
            )
        )
    out["checklist"] = pd.DataFrame(
        check,
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


def _competitors_and_trainings(
    rng: np.random.Generator, partners: pd.DataFrame, staff: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Demo tables, drawn from ``rng`` in a fixed order (the committed demo depends on it)."""
    out: dict[str, pd.DataFrame] = {}
    comp = []
    for p in partners.itertuples():
        for c in _COMPETITORS:
            if rng.random() < 0.22:
                comp.append((c, p.partner_id, rng.choice(["reseller", "technology", "strategic"])))
    out["competitor_partnerships"] = pd.DataFrame(
        comp, columns=["competitor", "partner_id", "relationship"]
    )
    train = []
    active = partners[partners.status == "active"]
    for p in active.itertuples():
        start = pd.Timestamp(p.start_date)
        if p.trained_on_our_product == "yes":
            train.append(
                (p.partner_id, "partner_on_ours", "", (start + pd.DateOffset(months=2)).date())
            )
        if rng.random() < 0.4:
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
                    int(rng.choice([1, 2, 3, 4, 5], p=[0.04, 0.08, 0.28, 0.35, 0.25]))
                    for _ in range(5)
                ],
                "yes" if rng.random() < 0.7 else "no",
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
        reached = {"active": 4, "inactive": 3, "candidate": int(rng.integers(1, 3))}[p.status]
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


def _communications_and_plans(
    rng: np.random.Generator, partners: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Demo tables, drawn from ``rng`` in a fixed order (the committed demo depends on it)."""
    out: dict[str, pd.DataFrame] = {}
    active = partners[partners.status == "active"]
    media = ["E-mail", "Webinar", "Partner portal", "Event", "LinkedIn"]
    comms = []
    for k in range(60):
        stage = ["visitor", "lead", "partner", "advocate"][k % 4]
        medium = media[int(rng.integers(0, len(media)))]
        sent = int(rng.integers(50, 800))
        comms.append(
            (
                f"M{k + 1:03d}",
                (START + pd.Timedelta(days=30 * k)).date(),
                stage,
                medium,
                ["value", "transaction", "all"][k % 3],
                sent,
                int(sent * rng.uniform(0.02, 0.3)),
            )
        )
    out["communications"] = pd.DataFrame(
        comms,
        columns=["communication_id", "date", "stage", "medium", "audience", "sent", "responses"],
    )
    plans = []
    for p in active.iloc[1::6].itertuples():
        for m, step in enumerate(
            [
                "Kick-off and joint goals",
                "Technical enablement",
                "First joint customer",
                "Joint marketing launch",
            ]
        ):
            due = (AS_OF + pd.DateOffset(months=3 * m - 7)).date()
            status = "done" if m < 2 else ("in_progress" if m == 2 else "not_started")
            plans.append(
                (
                    p.partner_id,
                    "Few joint wins outside the home region",
                    "Two joint customers in one area",
                    "Joint pipeline in every area",
                    step,
                    due,
                    status,
                    (pd.Timestamp(due) - pd.Timedelta(days=5)).date() if status == "done" else "",
                )
            )
    out["plans"] = pd.DataFrame(
        plans,
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
    return out


def _small_tables(
    rng: np.random.Generator, partners: pd.DataFrame, staff: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Every table but partners, deals, staff and accounts, in the order their random draws are
    made (changing the order changes the committed demo)."""
    return {
        **_scores_and_campaigns(rng, partners),
        **_readiness_checklist_personas(rng, staff),
        **_competitors_and_trainings(rng, partners, staff),
        **_health_and_journey(rng, partners),
        **_communications_and_plans(rng, partners),
    }


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
        "requirement_criteria": [
            {"name": "Technical capability", "weight": 3, "must_have": True, "min_score": 2},
            {"name": "Market reach", "weight": 2},
            {"name": "Customer overlap", "weight": 3},
            {"name": "Cultural fit", "weight": 1},
            {"name": "Financial stability", "weight": 1, "must_have": True, "min_score": 2},
        ],
        "hash_salt": DEMO_HASH_SALT,
        "notes": "Fictional demo client generated by playbook.demo (seed 2017).",
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
    tables = {
        "staff": staff,
        "partners": partners,
        "accounts": accounts,
        "solutions": solutions,
        "deals": deals,
        "investments": _investments(rng, partners),
        "financials": _financials(rng, staff, partners, deals),
        "partner_accounts": _partner_accounts(rng, partners, accounts),
        **_small_tables(rng, partners, staff),
    }
    (path / "profile.yaml").write_text(
        "# Demo client profile: see docs/data-dictionary.md for every key.\n"
        + yaml.safe_dump(demo_profile(), sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    for name, frame in tables.items():
        frame.to_csv(path / f"{name}.csv", index=False, lineterminator="\n")
    return path
