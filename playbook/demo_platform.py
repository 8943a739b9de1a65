"""The demo client's ecosystem platform (trend 3): its own rows, drawn from its own generator.

:func:`extend` adds to the tables :func:`playbook.demo.generate_demo` built: three columns of
``partners`` (``source_channel``, ``sourced_date``, ``skills``) and the tables
``platform_components``, ``starter_kits``, ``platform_builds``, ``development_needs`` and
``sourcing_channels``. It draws from its own random generator (seed :data:`SEED`), never from
the demo's, so every other table, and every figure of the other reports, stays as it was.

The story
---------
* **The platform**: ten components of Lumenar's ERP and Insights products. Partners build on the
  APIs and the Java SDK; the data export feed is open for building and nobody uses it; the
  legacy batch import is deprecated while three partners still run live builds on it (to
  migrate); the embedded-dashboards extension is only planned.
* **Starter kit**: version 1.0 (March 2024) and 2.0 (September 2025, adds the .NET SDK and
  webhook samples). Builds from a kit reach a first build in about five weeks, builds without
  one in about four months; a few builds are still waiting, some for too long.
* **Development needs**: seven, from modernising the COBOL ledger bridge to a healthcare
  connector; some have partners that could meet them (skills such as COBOL or React, or a build
  on the component), the healthcare connector (HL7, FHIR) has none: a need to post in a
  developer community. One is in progress with a chosen partner, one done.
* **Sourcing**: most partners carry the channel they were found through — four developer
  communities (Stack Overflow, a subreddit, Hacker News, Slashdot) beside referrals, events,
  outbound prospecting, a marketplace and web enquiries; technical partners come more often
  from the communities; a few partners have no channel recorded.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: This module's own random seed (the demo's is 2017; never shared).
SEED = 303
AS_OF = pd.Timestamp("2026-09-30")

COMPONENTS = pd.DataFrame(
    [
        ("C01", "ERP REST API", "api", "available", "4.2", "Lumenar ERP", "yes", "no"),
        ("C02", "Orders and invoicing API", "api", "available", "4.2", "Lumenar ERP", "yes", "no"),
        ("C03", "Insights query API", "api", "available", "2.1", "Lumenar Insights", "yes", "no"),
        ("C04", "Partner SDK for Java", "sdk", "available", "1.3", "Lumenar ERP", "yes", "no"),
        ("C05", "Partner SDK for .NET", "sdk", "beta", "0.9", "Lumenar ERP", "yes", "no"),
        ("C06", "Batch file import", "connector", "deprecated", "3.0", "Lumenar ERP", "no", "yes"),
        ("C07", "Event webhooks", "api", "beta", "1.0", "Lumenar ERP", "yes", "no"),
        ("C08", "COBOL ledger bridge", "module", "available", "1.7", "Lumenar ERP", "no", "yes"),
        ("C09", "Embedded dashboards", "ui_extension", "planned", "", "Lumenar Insights", "", ""),
        ("C10", "Data export feed", "data_feed", "available", "2.0", "Lumenar Insights", "yes", ""),
    ],
    columns=[
        "component_id",
        "name",
        "kind",
        "status",
        "version",
        "our_software",
        "documented",
        "legacy",
    ],
)

KITS = pd.DataFrame(
    [
        ("SK-1.0", "Sandbox tenant", "1.0", "2024-03-01", ""),
        ("SK-1.0", "Sample ERP connector", "1.0", "2024-03-01", "C01"),
        ("SK-1.0", "Java SDK with examples", "1.0", "2024-03-01", "C04"),
        ("SK-2.0", "Sandbox tenant", "2.0", "2025-09-01", ""),
        ("SK-2.0", "Sample ERP connector", "2.0", "2025-09-01", "C01"),
        ("SK-2.0", "Java SDK with examples", "2.0", "2025-09-01", "C04"),
        ("SK-2.0", ".NET SDK preview", "2.0", "2025-09-01", "C05"),
        ("SK-2.0", "Webhook samples", "2.0", "2025-09-01", "C07"),
        ("SK-2.0", "Integration test suite", "2.0", "2025-09-01", ""),
    ],
    columns=["kit_id", "item", "version", "released_date", "component_id"],
)

CHANNELS = pd.DataFrame(
    [
        ("Stack Overflow", "developer_community", 18000, "Sponsored tag and answers by our team"),
        ("Reddit r/ERP", "developer_community", 4500, "Posts and an AMA by the platform team"),
        ("Hacker News", "developer_community", 0, "Show HN launches of the SDKs; no spend"),
        ("Slashdot", "developer_community", 6000, "Sponsored stories"),
        ("Partner referral", "referral", "", "Introductions by existing partners"),
        ("Trade show", "event", 96000, "Two industry shows a year"),
        ("Outbound prospecting", "outbound", 140000, "Alliance team's own prospecting"),
        ("Cloud marketplace", "marketplace", 22000, "Listing and co-sell programme"),
        ("Website enquiry", "inbound", 8000, "Partner page form"),
    ],
    columns=["channel", "kind", "cost", "description"],
)

#: Chance of each channel (in :data:`CHANNELS` order) by partner type.
_CHANNEL_ODDS = {
    "isv": (0.25, 0.1, 0.15, 0.05, 0.1, 0.1, 0.1, 0.05, 0.1),
    "platform": (0.1, 0.05, 0.1, 0.05, 0.15, 0.2, 0.15, 0.15, 0.05),
    "integrator": (0.15, 0.1, 0.05, 0.1, 0.25, 0.15, 0.15, 0.0, 0.05),
    "ecosystem": (0.0, 0.0, 0.0, 0.0, 0.2, 0.25, 0.15, 0.35, 0.05),
}
_SKILLS = {
    "isv": ("Java", "REST APIs", "C#", ".NET", "React", "TypeScript", "Python", "GraphQL"),
    "platform": ("REST APIs", "Kubernetes", "Event streaming", "Data pipelines", "Python"),
    "integrator": ("COBOL", "Java", "SQL", "Data migration", "Event streaming", "REST APIs"),
}

NEEDS = [
    (
        "N01",
        "Replace the batch file import with an event-based connector",
        "legacy_code",
        "C06",
        "Java; Event streaming; REST APIs",
        "sourcing",
        "2026-02-15",
        150000,
        "Platform team",
    ),
    (
        "N02",
        "Port the COBOL ledger bridge to a modern service",
        "legacy_code",
        "C08",
        "COBOL; Java; Data migration",
        "open",
        "2026-04-01",
        240000,
        "Platform team",
    ),
    (
        "N03",
        "Complete the .NET SDK and its samples",
        "api",
        "C05",
        "C#; .NET; REST APIs",
        "in_progress",
        "2025-11-10",
        60000,
        "Product management",
    ),
    (
        "N04",
        "Connector to hospital records systems",
        "integration",
        "C01",
        "HL7; FHIR",
        "open",
        "2026-06-20",
        90000,
        "Product management",
    ),
    (
        "N05",
        "Embedded dashboards for Insights",
        "data",
        "C09",
        "React; TypeScript",
        "open",
        "2026-07-05",
        75000,
        "Product management",
    ),
    (
        "N06",
        "GraphQL layer over the ERP REST API",
        "api",
        "C01",
        "GraphQL; Node.js",
        "open",
        "2026-08-12",
        "",
        "Platform team",
    ),
    (
        "N07",
        "Retry and monitoring for event webhooks",
        "api",
        "C07",
        "Java; Event streaming",
        "done",
        "2025-05-02",
        30000,
        "Platform team",
    ),
]


def _day(ts: pd.Timestamp) -> str:
    return ts.date().isoformat()


def _sourcing(rng: np.random.Generator, partners: pd.DataFrame) -> pd.DataFrame:
    """``source_channel``, ``sourced_date`` and ``skills`` for every partner (see docstring)."""
    starts = pd.to_datetime(partners["start_date"].replace("", None))
    channel, found, skills = [], [], []
    for ptype, start in zip(partners["type"], starts, strict=True):
        recorded = rng.random() >= 0.1
        pick = int(rng.choice(len(CHANNELS), p=np.array(_CHANNEL_ODDS[ptype])))
        channel.append(CHANNELS["channel"].iloc[pick] if recorded else "")
        if pd.isna(start):
            day = pd.Timestamp("2026-01-05") + pd.Timedelta(days=int(rng.integers(0, 240)))
        else:
            day = start - pd.Timedelta(days=int(rng.integers(25, 260)))
        found.append(_day(day) if recorded else "")
        pool = _SKILLS.get(ptype)
        picked = rng.choice(len(pool), size=3, replace=False) if pool else []
        skills.append("; ".join(pool[int(i)] for i in sorted(picked)) if pool else "")
    return partners.assign(source_channel=channel, sourced_date=found, skills=skills)


#: Components partners of each type build on (first the main one); nobody starts a new build
#: on the deprecated batch import (C06) or the unused data export feed (C10).
_BUILDS_ON = {
    "isv": ("C01", "C04", "C07", "C05"),
    "platform": ("C03", "C02", "C07"),
    "integrator": ("C08", "C02", "C04"),
}
#: What a partner's build on each component is called, after the partner's name.
_BUILD_NAMES = {
    "C01": "ERP connector",
    "C02": "order sync",
    "C03": "analytics connector",
    "C04": "Java app",
    "C05": ".NET app",
    "C07": "event handler",
    "C08": "ledger integration",
}


def _build_row(rng, partner_id, component, start) -> dict:
    """One build: kit when released before it started (70 %), timing, status at the as-of."""
    begun = min(start + pd.Timedelta(days=int(rng.integers(20, 400))), AS_OF - pd.Timedelta(days=5))
    kits = KITS.drop_duplicates("kit_id")
    released = kits[pd.to_datetime(kits["released_date"]) <= begun]
    kit = released["kit_id"].iloc[-1] if len(released) and rng.random() < 0.7 else ""
    days = int(rng.gamma(6.0, 6.0 if kit else 19.0))
    first = begun + pd.Timedelta(days=days)
    built = first <= AS_OF
    status = (
        ("live" if rng.random() < 0.75 else "in_development")
        if built
        else ("in_development" if rng.random() < 0.7 else "planned")
    )
    return {
        "partner_id": partner_id,
        "component_id": component,
        "status": status,
        "kit_id": kit,
        "started_date": _day(begun),
        "first_build_date": _day(first) if built and status != "planned" else "",
    }


def _builds(rng: np.random.Generator, partners: pd.DataFrame) -> pd.DataFrame:
    """Builds of the technical partners: active ISVs, platforms and every other integrator
    build on their type's main component, some on a second; two candidates have started."""
    starts = pd.to_datetime(partners["start_date"].replace("", None))
    rows = []
    technical = partners[partners["type"].isin(list(_BUILDS_ON))]
    for k, p in enumerate(technical.itertuples(index=False)):
        start = starts[partners["partner_id"] == p.partner_id].iloc[0]
        if p.status != "active" or (p.type == "integrator" and k % 2):
            continue
        on = _BUILDS_ON[p.type]
        chosen = [on[0]] + (
            [on[1 + int(rng.integers(0, len(on) - 1))]] if rng.random() < 0.4 else []
        )
        for component in chosen:
            row = _build_row(rng, p.partner_id, component, start)
            row["build"] = f"{p.name} {_BUILD_NAMES[component]}"
            rows.append(row)
    for name, status in (("XYZ Software Co", "planned"), ("Sterling Data", "in_development")):
        pid = partners.loc[partners["name"] == name, "partner_id"].iloc[0]
        begun = AS_OF - pd.Timedelta(days=int(rng.integers(20, 150)))
        rows.append(
            {
                "partner_id": pid,
                "component_id": "C01",
                "build": f"{name} ERP connector",
                "status": status,
                "kit_id": "SK-2.0",
                "started_date": _day(begun),
                "first_build_date": "",
            }
        )
    frame = pd.DataFrame(rows).drop_duplicates(["partner_id", "component_id"])
    return frame[
        [
            "partner_id",
            "component_id",
            "build",
            "status",
            "kit_id",
            "started_date",
            "first_build_date",
        ]
    ].reset_index(drop=True)


def _deprecated_users(builds: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    """Three platforms or integrators that signed early keep a live build on the deprecated
    batch import (C06), so the map has builds to migrate."""
    early = partners[
        (partners["status"] == "active") & partners["type"].isin(["platform", "integrator"])
    ].sort_values("start_date", key=lambda s: pd.to_datetime(s.replace("", None)))
    rows = []
    for p in early.head(3).itertuples(index=False):
        start = pd.Timestamp(p.start_date)
        rows.append(
            {
                "partner_id": p.partner_id,
                "component_id": "C06",
                "build": f"{p.name} nightly import",
                "status": "live",
                "kit_id": "",
                "started_date": _day(start + pd.Timedelta(days=30)),
                "first_build_date": _day(start + pd.Timedelta(days=150)),
            }
        )
    extra = pd.DataFrame(rows, columns=builds.columns)
    return pd.concat([builds, extra]).drop_duplicates(["partner_id", "component_id"])


def _needs(partners: pd.DataFrame) -> pd.DataFrame:
    """The register (:data:`NEEDS`); the .NET SDK need goes to the first active ISV listing
    C#, the done webhook need to the first active integrator listing Java."""
    frame = pd.DataFrame(
        NEEDS,
        columns=[
            "need_id",
            "need",
            "area",
            "component_id",
            "skills",
            "status",
            "raised_date",
            "estimated_cost",
            "owner",
        ],
    )
    active = partners[partners["status"] == "active"]

    def first(ptype: str, skill: str) -> str:
        found = active[
            (active["type"] == ptype) & active["skills"].str.contains(skill, regex=False)
        ]
        return found["partner_id"].iloc[0] if len(found) else ""

    chosen = {"N03": first("isv", "C#"), "N07": first("integrator", "Java")}
    frame["partner_id"] = frame["need_id"].map(chosen).fillna("")
    return frame[
        [
            "need_id",
            "need",
            "area",
            "component_id",
            "skills",
            "status",
            "raised_date",
            "partner_id",
            "estimated_cost",
            "owner",
        ]
    ]


def extend(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``tables`` with the platform's partner columns and tables added (see module docstring);
    the other tables are returned as they were."""
    rng = np.random.default_rng(SEED)
    partners = _sourcing(rng, tables["partners"])
    builds = _deprecated_users(_builds(rng, partners), partners)
    return {
        **tables,
        "partners": partners,
        "platform_components": COMPONENTS,
        "starter_kits": KITS,
        "platform_builds": builds.reset_index(drop=True),
        "development_needs": _needs(partners),
        "sourcing_channels": CHANNELS,
    }
