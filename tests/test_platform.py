"""Trend 3's ecosystem platform: the map, the needs register and its matches, sourcing channels
and the starter kit, on a hand-made fixture whose every figure is worked out in the comments."""

import csv
import math
from datetime import date
from statistics import median

import pandas as pd
import pytest

from playbook import (
    platform_findings,
    platform_kit_views,
    platform_map,
    platform_needs,
    platform_sourcing,
    platform_sourcing_views,
    platform_views,
)
from playbook.results import TrendResult, Urgency

AS_OF = pd.Timestamp("2024-06-30")
T = pd.Timestamp
NaT = pd.NaT


@pytest.fixture
def partners():
    return pd.DataFrame(
        [
            # id, name, type, status, start, skills, channel, found
            ("A", "Alpha", "isv", "active", T("2024-01-01"), "Java; REST APIs", "Stack Overflow",
             T("2023-11-01")),
            ("B", "Beta", "integrator", "active", T("2024-03-01"), "COBOL, java",
             " stack overflow ", T("2023-12-01")),
            ("C", "Gamma", "platform", "candidate", NaT, None, "Trade show", T("2024-05-01")),
            ("D", "Delta", "integrator", "inactive", T("2023-01-01"), "COBOL", None, NaT),
            ("E", "Echo", "isv", "candidate", NaT, "Java", "Trade show", T("2025-01-01")),
            ("F", "Foxtrot", "ecosystem", "active", T("2024-02-01"), None, "Meetup",
             T("2024-01-01")),
        ],
        columns=["partner_id", "name", "type", "status", "start_date", "skills",
                 "source_channel", "sourced_date"],
    )  # fmt: skip


@pytest.fixture
def components():
    return pd.DataFrame(
        [
            ("X1", "Core API", "api", "available", "2.0", True, False),
            ("X2", "Old import", "connector", "deprecated", "1.0", False, True),
            ("X3", "Feed", "data_feed", "beta", None, True, pd.NA),
            ("X4", "Dashboards", "ui_extension", "planned", None, pd.NA, pd.NA),
        ],
        columns=["component_id", "name", "kind", "status", "version", "documented", "legacy"],
    )


@pytest.fixture
def builds():
    return pd.DataFrame(
        [
            ("A", "X1", "Alpha app", "live", "K1", T("2024-01-10"), T("2024-02-09")),  # 30 days
            ("B", "X2", "Beta import", "live", None, T("2024-03-05"), T("2024-06-02")),  # 89 days
            ("C", "X1", "Gamma app", "planned", "K1", T("2024-05-01"), NaT),  # waits 60 days
            ("B", "X1", "Beta app", "in_development", None, T("2024-01-01"), NaT),  # waits 181
            ("D", "X2", "Delta import", "retired", None, T("2023-02-01"), T("2023-03-01")),  # 28
            ("A", "X3", "Alpha feed", "in_development", "K1", T("2024-07-15"), NaT),  # after as-of
        ],
        columns=["partner_id", "component_id", "build", "status", "kit_id", "started_date",
                 "first_build_date"],
    )  # fmt: skip


@pytest.fixture
def kits():
    return pd.DataFrame(
        [
            ("K1", "Sandbox", "1.0", T("2024-01-01"), None),
            ("K1", "Samples", "1.0", T("2024-01-01"), "X1"),
            ("K2", "Sandbox", "2.0", NaT, None),
            ("K2", "SDK", "2.0", NaT, "X1"),
            ("K2", "Feed samples", "2.0", NaT, "X3"),
        ],
        columns=["kit_id", "item", "version", "released_date", "component_id"],
    )


@pytest.fixture
def needs():
    return pd.DataFrame(
        [
            ("N1", "Modernise old import", "legacy_code", "X2", "COBOL; Java", "open",
             T("2024-01-01"), None, 100000.0, "Platform team"),
            ("N2", "Feed connector", "data", "X3", "Python", "sourcing", T("2024-02-01"), None,
             float("nan"), None),
            ("N3", "API work", "api", "X1", None, "matched", T("2024-03-01"), "A", 50000.0, None),
            ("N6", "Go client", "api", "X1", "Go", "open", T("2024-03-01"), None, 1000.0, None),
            ("N4", "Done thing", "api", "X1", "Java", "done", T("2024-01-01"), None, 10000.0,
             None),
            ("N5", "Future", "other", None, None, "open", T("2024-09-01"), None, 5.0, None),
        ],
        columns=["need_id", "need", "area", "component_id", "skills", "status", "raised_date",
                 "partner_id", "estimated_cost", "owner"],
    )  # fmt: skip


@pytest.fixture
def channels():
    return pd.DataFrame(
        [("Stack Overflow", "developer_community", 3000.0), ("Trade show", "event", float("nan"))],
        columns=["channel", "kind", "cost"],
    )


# --------------------------------------------------------------------------- the map


def test_component_map_counts_builds_at_the_as_of_date(components, builds, partners):
    cmap = platform_map.component_map(components, builds, partners, AS_OF).set_index("component_id")
    # X1: Alpha live, Beta in development, Gamma planned; live builders first, then by name
    assert cmap.loc["X1", ["building", "live", "in_development", "planned"]].tolist() == [
        3,
        1,
        1,
        1,
    ]
    assert cmap.loc["X1", "builders"] == ["Alpha", "Beta", "Gamma"]
    # X2 deprecated: Beta's live build must move; Delta's retired build is history
    assert cmap.loc["X2", ["building", "to_migrate"]].tolist() == [1, 1]
    # X3 in beta: Alpha's build starts after the as-of date, so nobody builds on it yet
    assert cmap.loc["X3", "building"] == 0 and bool(cmap.loc["X3", "unused"])
    assert not cmap.loc["X4", "unused"]  # planned: not open for building
    moves = platform_map.migrations(components, builds, partners, AS_OF)
    assert moves.values.tolist() == [["Beta", "Old import", "deprecated", "Beta import", "live"]]


def test_build_matrix_partners_by_live_builds_components_by_use(components, builds, partners):
    grid = platform_map.build_matrix(components, builds, partners, AS_OF)
    assert list(grid.index) == ["Alpha", "Beta", "Delta", "Gamma"]
    assert list(grid.columns) == ["Core API", "Old import"]
    assert grid.fillna("").values.tolist() == [
        ["live", ""],
        ["in_development", "live"],
        ["", "retired"],
        ["planned", ""],
    ]
    view = platform_views.matrix_view(grid)
    assert view.iloc[1].tolist() == ["Beta", "In development", "Live"]
    assert view.iloc[0, 2] == "—"


def test_a_large_matrix_is_bounded_and_every_build_is_listed(components, builds, partners):
    # at the as-of date: Core API has 3 partners (Alpha live, Beta in development, Gamma
    # planned), Old import 2 (Beta live, Delta retired); Alpha's feed starts after it
    grid = platform_map.build_matrix(components, builds, partners, AS_OF, limit=1)
    assert list(grid.columns) == ["Core API"]
    # Delta builds on Old import only: left out; Alpha has the one live build shown
    assert list(grid.index) == ["Alpha", "Beta", "Gamma"]
    assert grid["Core API"].tolist() == ["live", "in_development", "planned"]
    every = platform_map.build_list(components, builds, partners, AS_OF)
    # partners by live builds (Alpha 1, Beta 1, Delta 0, Gamma 0), then by name; each
    # partner's builds by component as the matrix orders them (Core API before Old import)
    assert every[["partner", "component", "status"]].values.tolist() == [
        ["Alpha", "Core API", "live"],
        ["Beta", "Core API", "in_development"],
        ["Beta", "Old import", "live"],
        ["Delta", "Old import", "retired"],
        ["Gamma", "Core API", "planned"],
    ]
    cut = platform_views.matrix_left_out(grid, every)
    assert cut == {"components": 1, "all_components": 2, "partners": 3, "all_partners": 4}
    assert platform_views.matrix_caption(grid, every) == (
        f"{platform_views.WHO_BUILDS}: the 1 component with the most partners building, of 2 "
        "with a build, and the 3 partners building on them, of 4; every build is in the list "
        "that follows"
    )
    assert platform_views.build_list_view(every).iloc[1].tolist() == [
        "Beta",
        "Core API",
        "In development",
    ]
    # under the bound nothing is left out and the caption is the section's
    full = platform_map.build_matrix(components, builds, partners, AS_OF)
    assert platform_views.matrix_left_out(full, every) is None
    assert platform_views.matrix_caption(full, every) == platform_views.WHO_BUILDS


# --------------------------------------------------------------------------- starter kit


def test_kit_contents_and_latest_kit(kits, components):
    contents = platform_map.kit_contents(kits, components).set_index("kit_id")
    assert contents.loc["K1", "items"] == ["Sandbox", "Samples"]
    assert contents.loc["K2", "components"] == ["Core API", "Feed"]
    # K2 has no release date: counted as oldest, so K1 is the latest
    assert contents["latest"].to_dict() == {"K1": True, "K2": False}


def test_time_to_first_build_with_and_without_a_kit(builds, partners, kits, components):
    use = platform_map.kit_use(builds, partners, AS_OF, 90)
    assert len(use) == 5  # Alpha's feed starts after the as-of date
    waiting = use.dropna(subset=["waiting_days"]).set_index("partner")["waiting_days"]
    assert waiting.to_dict() == {"Gamma": 60, "Beta": 181}  # 2024-05-01 and 2024-01-01
    assert use["overdue"].sum() == 1
    effect = platform_map.kit_effect(use)
    # with a kit: Alpha 30 days; without: Beta 89 and Delta 28, median 58.5
    assert (effect["with_n"], effect["with_days"]) == (1, 30)
    assert (effect["without_n"], effect["without_days"], effect["saved_days"]) == (2, 58.5, 28.5)
    assert platform_map.kit_adoption(use) == {"builders": 4, "with_kit": 2, "share": 0.5}
    times = platform_map.time_to_first_build(use, platform_map.kit_contents(kits, components))
    assert times.drop(columns="median_days").values.tolist() == [
        ["K1", ["Alpha", "Gamma"], 2, 1, 1, 0],
        [platform_map.NO_KIT, ["Beta", "Delta"], 3, 2, 1, 1],
    ]
    assert times["median_days"].tolist() == [30, 58.5]


def test_a_first_build_before_its_start_is_left_out(partners):
    wrong = pd.DataFrame(
        [("A", "X1", "app", "live", None, T("2024-03-01"), T("2024-02-01"))],
        columns=["partner_id", "component_id", "build", "status", "kit_id", "started_date",
                 "first_build_date"],
    )  # fmt: skip
    use = platform_map.kit_use(wrong, partners, AS_OF, 90)
    assert bool(use["dated_wrong"].iloc[0]) and math.isnan(use["days_to_first_build"].iloc[0])


# --------------------------------------------------------------------------- needs


def test_skills_are_split_trimmed_and_kept_once():
    assert platform_needs.skills_of(" COBOL, java;Java ;; SQL") == ["COBOL", "java", "SQL"]
    assert platform_needs.skills_of(None) == [] and platform_needs.skills_of(float("nan")) == []


def test_needs_are_matched_by_build_skills_and_type(needs, partners, builds):
    matched = platform_needs.match_needs(needs, partners, builds, AS_OF, 2)
    # N5 is raised after the as-of date; needing a partner first, then chosen, then closed
    assert list(matched["need_id"]) == ["N1", "N2", "N6", "N3", "N4"]
    by_id = matched.set_index("need_id")
    # N1: Beta 2 (live build on X2) + 2 (COBOL, java) + 1 (integrator) = 5; Alpha has Java only
    # (1 point, an ISV does not suit legacy code); Echo likewise; Delta is inactive
    best = by_id.loc["N1", "best"]
    assert best[["partner", "score"]].values.tolist() == [["Beta", 5]]
    assert best["skills"].iloc[0] == ["COBOL", "Java"]
    # N2: nobody builds on X3 by the as-of date and nobody lists Python
    assert by_id.loc["N2", "matches"] == 0
    # N6 wants Go: Alpha's live build on X1 and its type make 3 points, but nobody lists Go
    assert by_id.loc["N6", "matches"] == 0
    # N3 (Alpha chosen, no skills listed, so a build is the evidence): Alpha 2 + 1 (ISV, API)
    # = 3; Beta 2 (in development); Gamma 1 + 1 = 2, a candidate after the active Beta; type
    # alone (Echo, an ISV) is never enough
    assert by_id.loc["N3", "best"][["partner", "score"]].values.tolist() == [
        ["Alpha", 3],
        ["Beta", 2],
        ["Gamma", 2],
    ]
    assert by_id.loc["N3", "chosen"] == "Alpha" and not by_id.loc["N3", "needs_partner"]
    assert math.isnan(by_id.loc["N4", "matches"])  # closed: not matched
    assert platform_needs.needs_summary(matched) == {
        "needs": 5,
        "open": 4,
        "needs_partner": 3,
        "unmatched": 2,
        "matched": 1,
        "open_cost": 151000.0,  # N1 + N3 + N6; N2 has no estimate
        "open_cost_known": 3,
        "open_cost_unknown": 1,
        "unmatched_ids": ["N2", "N6"],
    }
    higher = platform_needs.match_needs(needs, partners, builds, AS_OF, 3)
    assert higher.set_index("need_id").loc["N3", "matches"] == 1  # only Alpha has 3 points


def test_the_register_keeps_each_needs_best_candidates_and_counts_them_all(
    needs, partners, builds, monkeypatch
):
    """A large client's need can have thousands of candidates: the register keeps the first
    CANDIDATES_KEPT (here 2) and ``matches`` still counts all three of N3's; the register's
    text names the best and says how many more there are."""
    monkeypatch.setattr(platform_needs, "CANDIDATES_KEPT", 2)
    by_id = platform_needs.match_needs(needs, partners, builds, AS_OF, 2).set_index("need_id")
    best = by_id.loc["N3", "best"]
    assert best[["partner", "score"]].values.tolist() == [["Alpha", 3], ["Beta", 2]]
    assert by_id.loc["N3", "matches"] == 3
    assert by_id.loc["N1", "matches"] == 1 and len(by_id.loc["N1", "best"]) == 1
    text = platform_views._match_text(best, by_id.loc["N3", "matches"], limit=1)
    assert text == "Alpha (3 points: builds on it, its type fits); and 2 more"


# --------------------------------------------------------------------------- sourcing


def test_channel_funnel_counts_and_rates(partners, builds, channels):
    funnel = platform_sourcing.channel_funnel(partners, builds, channels, AS_OF)
    # Echo was found after the as-of date; Delta has no channel; "stack overflow" with spaces
    # is Stack Overflow
    assert list(funnel["channel"]) == ["Stack Overflow", "Meetup", "Trade show"]
    so = funnel.iloc[0]
    assert so[["found", "signed", "building", "live"]].tolist() == [2, 2, 2, 2]
    # days to sign: 61 (Alpha) and 91 (Beta), median 76; USD 3,000 ÷ 2 signed
    assert (so["signed_rate"], so["days_to_sign"], so["cost_per_signed"]) == (1.0, 76, 1500)
    trade = funnel.iloc[2]
    assert trade[["found", "signed", "building", "live"]].tolist() == [1, 0, 1, 0]
    assert math.isnan(trade["days_to_sign"]) and math.isnan(trade["cost_per_signed"])
    assert pd.isna(funnel.iloc[1]["kind"])  # Meetup is not in the channel list
    assert platform_sourcing.unrecorded(partners, AS_OF) == 1
    compare = platform_sourcing.communities_against_others(funnel)
    assert compare == {
        "communities": {"found": 2, "signed": 2, "building": 2, "rate": 1.0},
        "others": {"found": 1, "signed": 0, "building": 1, "rate": 0.0},  # Meetup left out
        "channels": ["Stack Overflow"],
    }
    kinds = platform_sourcing.by_kind(funnel)
    assert kinds["kind"].tolist()[0] == "developer_community"
    assert sorted(kinds["found"].tolist()) == [1, 1, 2]
    assert platform_sourcing.best_community(funnel) == {
        "channels": ["Stack Overflow"],
        "building": 2,
        "cost_per_signed": 1500.0,
        "beaten": [],
    }
    chart = platform_sourcing_views.building_by_channel(funnel)
    assert chart.to_dict() == {"Stack Overflow": 2, "Trade show": 1, "Meetup": 0}
    assert list(chart.index) == ["Stack Overflow", "Trade show", "Meetup"]


def _communities(rows) -> pd.DataFrame:
    """A channel funnel of developer communities: (channel, building, cost per signed)."""
    out = pd.DataFrame(rows, columns=["channel", "building", "cost_per_signed"])
    return out.assign(kind="developer_community")


def test_a_tie_on_building_goes_to_the_lower_cost_per_signed_partner():
    """Stack Overflow and Hacker News: 5 building each; Hacker News costs USD 0 per signed
    partner, Stack Overflow USD 3,600, Reddit (3 building) is out of the running."""
    funnel = _communities(
        [("Stack Overflow", 5, 3600.0), ("Hacker News", 5, 0.0), ("Reddit", 3, 0.0)]
    )
    best = platform_sourcing.best_community(funnel)
    assert best == {
        "channels": ["Hacker News"],
        "building": 5,
        "cost_per_signed": 0.0,
        "beaten": [{"channel": "Stack Overflow", "cost_per_signed": 3600.0}],
    }
    assert platform_views.post_where(best, "USD") == (
        "Post the need in Hacker News: its partners build on the platform as often as Stack "
        "Overflow's (5 partners each), at a lower cost per signed partner (USD\xa00 against "
        "USD\xa03,600)."
    )


def test_communities_level_on_building_and_cost_are_all_named():
    """Both 4 building at USD 500; a community without a cost comes after them (beaten)."""
    funnel = _communities([("Meetup", 4, 500.0), ("Dev.to", 4, 500.0), ("Discord", 4, None)])
    best = platform_sourcing.best_community(funnel)
    assert best["channels"] == ["Dev.to", "Meetup"]
    assert math.isnan(best["beaten"][0]["cost_per_signed"])
    assert platform_views.post_where(best, "USD") == (
        "Post the need in Dev.to or Meetup: their partners build on the platform equally often "
        "(4 partners each), at the same cost per signed partner (USD\xa0500)."
    )
    assert platform_views.post_where(None, "USD").startswith("Post the need where developers")


def test_without_a_community_listed_there_is_no_comparison(partners, builds):
    none_listed = pd.DataFrame(columns=["channel", "kind", "cost"])
    funnel = platform_sourcing.channel_funnel(partners, builds, none_listed, AS_OF)
    assert platform_sourcing.communities_against_others(funnel) is None
    assert platform_sourcing.best_community(funnel) is None
    assert funnel["kind"].isna().all()


# --------------------------------------------------------------------------- the result


def _result(components, builds, partners, needs, channels, kits):
    cmap = platform_map.component_map(components, builds, partners, AS_OF)
    matched = platform_needs.match_needs(needs, partners, builds, AS_OF, 2)
    funnel = platform_sourcing.channel_funnel(partners, builds, channels, AS_OF)
    use = platform_map.kit_use(builds, partners, AS_OF, 90)
    return platform_findings.summarise(
        currency="USD",
        cmap=cmap,
        moves=platform_map.migrations(components, builds, partners, AS_OF),
        components=components,
        matched=matched,
        needs=platform_needs.needs_summary(matched),
        best_channel=platform_sourcing.best_community(funnel),
        funnel=funnel,
        compare=platform_sourcing.communities_against_others(funnel),
        unrecorded=platform_sourcing.unrecorded(partners, AS_OF),
        use=use,
        effect=platform_map.kit_effect(use),
        adoption=platform_map.kit_adoption(use),
    )


def test_findings_actions_and_figures(components, builds, partners, needs, channels, kits):
    result = _result(components, builds, partners, needs, channels, kits)
    assert result.findings == [
        "4 development needs open (estimated USD\u00a0151,000 to build in-house); 3 without a "
        "partner chosen, of which 1 could go to a partner we know and 2 to none.",
        "Developer communities brought 2 partners: 100.0% signed and 2 build on the platform, "
        "against 0.0% signed and 1 building of the 1 from the other channels.",
        "Partners with the starter kit reached a first build in a median of 30 days, against "
        "58 days without it (1 build with, 2 without).",
    ]
    assert result.key_findings[0].text == (
        "2 development needs without any partner able to meet it, estimated USD\u00a01,000 to "
        "build in-house (1 of them estimated)."
    )
    assert [(k.urgency, k.stake, k.section) for k in result.key_findings] == [
        (Urgency.OPPORTUNITY, 1000.0, platform_findings.NEEDS),  # N6's; N2 has no estimate
        (Urgency.FIX, None, platform_findings.MAP),
        (Urgency.OPPORTUNITY, None, platform_findings.KIT),
    ]
    assert [(a.action, a.owner) for a in result.actions] == [
        ("Brief Beta on the development need 'Modernise old import'.", "Platform team"),
        ("Post the development need 'Feed connector' in Stack Overflow.", ""),
        ("Post the development need 'Go client' in Stack Overflow.", ""),
        ("Move Beta's build off Old import (deprecated).", ""),
        ("Unblock Beta's first build on Core API: waiting 181 days.", ""),
    ]
    figures = result.figures["platform"]
    assert figures["components_built_on"] == 2 and figures["unused_components"] == ["X3"]
    assert (
        figures["needs"]["unmatched_ids"] == ["N2", "N6"]
        and figures["partners_without_channel"] == 1
    )


def test_extend_adds_the_platform_to_the_readiness_result(
    components, builds, partners, needs, channels, kits
):
    base = TrendResult(findings=["Readiness scores 50."], figures={"readiness_index": 50.0})
    extra = _result(components, builds, partners, needs, channels, kits)
    joined = platform_findings.extend(base, extra)
    assert joined.findings == ["Readiness scores 50.", *extra.findings]
    assert set(joined.figures) == {"readiness_index", "platform"}
    assert joined.headline == {"Needs without a partner": "3"}  # N1, N2, N6
    assert platform_findings.summarise(currency="USD").headline == {"Needs without a partner": "—"}
    assert joined.actions == extra.actions


def test_no_section_shown_means_no_finding():
    empty = platform_findings.summarise(currency="USD")
    assert (empty.findings, empty.key_findings, empty.actions) == ([], [], [])
    assert empty.figures == {"platform": {}}


def test_views_say_dash_for_what_the_data_lacks(components, builds, partners, needs, channels):
    cmap = platform_map.component_map(components, builds, partners, AS_OF)
    view = platform_views.component_view(cmap).set_index("Component")
    assert view.loc["Dashboards", ["Version", "Documented", "Legacy code"]].tolist() == [
        "—",
        "—",
        "—",
    ]
    funnel = platform_sourcing.channel_funnel(partners, builds, channels, AS_OF)
    row = platform_sourcing_views.channel_view(funnel, "USD").set_index("Channel").loc["Trade show"]
    assert row[["Signed rate", "Median days to sign", "Cost per signed partner"]].tolist() == [
        "0.0%",
        "—",
        "—",
    ]
    matched = platform_needs.match_needs(needs, partners, builds, AS_OF, 2)
    best = platform_sourcing.best_community(funnel)
    steps = platform_views.needs_view(matched, components, "USD", best)
    post = (
        "Post the need in Stack Overflow, the developer community whose partners build on the "
        "platform most (2 partners)."
    )
    assert steps["Next step"].tolist() == [
        "Brief Beta on the need.",
        post,
        post,
        "Follow up with Alpha.",
        "Closed",
    ]
    assert (
        steps["Could meet it"].iloc[0]
        == "Beta (5 points: builds on it, COBOL, Java, its type fits)"
    )


# --------------------------------------------------------------------------- the demo's story
# Read from the committed CSV files with the csv module only (see playbook/demo_platform.py).


def _csv_rows(demo, table):
    with open(demo / f"{table}.csv", newline="") as f:
        return list(csv.DictReader(f))


def test_demo_platform_story(demo):
    """Three early partners still run live builds on the deprecated batch import; the data
    export feed is open and unused; nobody lists the healthcare need's skills; builds from a
    kit reach a first build faster than builds without; every channel named is listed."""
    builds = _csv_rows(demo, "platform_builds")
    on_import = [b for b in builds if b["component_id"] == "C06"]
    assert len(on_import) == 3 and {b["status"] for b in on_import} == {"live"}
    assert not [b for b in builds if b["component_id"] == "C10"]
    partners = _csv_rows(demo, "partners")
    skills = {s.strip().lower() for p in partners for s in p["skills"].split(";") if s.strip()}
    assert not {"hl7", "fhir"} & skills and {"cobol", "react", "graphql"} <= skills
    as_of = date(2026, 9, 30)
    days = {True: [], False: []}
    for b in builds:
        assert date.fromisoformat(b["started_date"]) <= as_of
        if b["first_build_date"]:
            first = date.fromisoformat(b["first_build_date"])
            assert first <= as_of
            days[bool(b["kit_id"])].append((first - date.fromisoformat(b["started_date"])).days)
    assert median(days[True]) < median(days[False]) / 2
    listed = {c["channel"] for c in _csv_rows(demo, "sourcing_channels")}
    named = {p["source_channel"] for p in partners if p["source_channel"]}
    assert named <= listed and 0 < sum(not p["source_channel"] for p in partners) < 8


def test_a_register_with_no_need_yet_at_the_as_of_date(needs, partners, builds):
    matched = platform_needs.match_needs(needs, partners, builds, T("2023-06-30"), 2)
    assert matched.empty
    summary = platform_needs.needs_summary(matched)
    assert (summary["needs"], summary["open"], summary["unmatched"]) == (0, 0, 0)
    assert math.isnan(summary["open_cost"])
    result = platform_findings.summarise(currency="USD", matched=matched, needs=summary)
    assert result.findings == [] and result.actions == []


def test_channel_names_written_two_ways_are_a_check_warning():
    from playbook.quality import near_duplicates

    blank = [None] * 3
    partners = pd.DataFrame(
        {
            "area": blank,
            "industry": blank,
            "category": blank,
            "our_software": blank,
            "source_channel": ["Stack Overflow", "StackOverflow", "Slashdot"],
        }
    )
    found = near_duplicates({"partners": partners}, {"partners": "partners.csv"})
    assert [(w.column, w.value) for w in found] == [
        ("source_channel", "Stack Overflow / StackOverflow")
    ]


def test_demo_report_03_records_the_platform(demo_run):
    """The demo run's 03 figures follow from the story of playbook/demo_platform.py: the data
    export feed unused, three builds on the deprecated import, five needs without a partner
    (N01, N02, N04, N05, N06), of which only the healthcare connector (HL7, FHIR) has nobody."""
    import json

    from playbook.headlines import values

    results = json.loads((demo_run / "results.json").read_text(encoding="utf-8"))
    figures = results["03-readiness"]["figures"]["platform"]
    assert (figures["unused_components"], figures["builds_to_migrate"]) == (["C10"], 3)
    needs = figures["needs"]
    assert (needs["needs"], needs["open"], needs["needs_partner"]) == (7, 6, 5)
    assert needs["unmatched_ids"] == ["N04"] and needs["open_cost"] == 615_000
    assert values(results)["03.needs"] == 5
    assert results["03-readiness"]["headline"]["Needs without a partner"] == "5"


def test_partners_found_per_channel_and_year(partners, channels):
    grid = platform_sourcing.found_by_year(partners, channels, AS_OF)
    # 2021-2024; Alpha and Beta were found in 2023 (Beta's " stack overflow " is Stack
    # Overflow), Foxtrot and Gamma in 2024; Echo after the as-of date, Delta without a channel
    assert list(grid.columns) == ["channel", "earlier", 2021, 2022, 2023, 2024, "undated", "found"]
    assert grid.values.tolist() == [
        ["Stack Overflow", 0, 0, 0, 2, 0, 0, 2],
        ["Meetup", 0, 0, 0, 0, 1, 0, 1],
        ["Trade show", 0, 0, 0, 0, 1, 0, 1],
    ]
    view = platform_sourcing_views.by_year_view(
        grid
    )  # no earlier or undated partner: no such column
    assert list(view.columns) == ["Channel", "2021", "2022", "2023", "2024", "All years"]
    assert view.columns.name is None  # no stray header row above the years
    large = grid.copy()
    large[2024], large["found"] = [2640, 0, 0], [2640, 1, 1]
    assert platform_sourcing_views.by_year_view(large)["All years"].tolist() == ["2,640", "1", "1"]


def test_every_partner_of_the_channel_table_is_in_one_year_column(partners, builds, channels):
    """Golf found in 2019 (before 2021) through Trade show, Hotel through Stack Overflow with
    no date: each row adds up to the channel's partners found (Stack Overflow 2 + 1 = 3,
    Trade show 1 + 1 = 2, Meetup 1)."""
    extra = pd.DataFrame(
        [
            ("G", "Golf", "isv", "active", T("2020-01-01"), None, "Trade show", T("2019-05-01")),
            ("H", "Hotel", "isv", "candidate", NaT, None, "Stack Overflow", NaT),
        ],
        columns=partners.columns,
    )
    more = pd.concat([partners, extra], ignore_index=True)
    grid = platform_sourcing.found_by_year(more, channels, AS_OF)
    assert grid.values.tolist() == [
        ["Stack Overflow", 0, 0, 0, 2, 0, 1, 3],
        ["Trade show", 1, 0, 0, 0, 1, 0, 2],
        ["Meetup", 0, 0, 0, 0, 1, 0, 1],
    ]
    funnel = platform_sourcing.channel_funnel(more, builds, channels, AS_OF)
    assert dict(zip(funnel["channel"], funnel["found"], strict=True)) == {
        "Stack Overflow": 3,
        "Trade show": 2,
        "Meetup": 1,
    }
    view = platform_sourcing_views.by_year_view(grid)
    assert list(view.columns) == [
        "Channel",
        "Before 2021",
        "2021",
        "2022",
        "2023",
        "2024",
        "Date not recorded",
        "All years",
    ]
    assert platform_sourcing_views.by_year_caption(grid).startswith(
        "Partners found per channel and year, 2021–2024, every partner of the channel table"
    )


def test_map_text_names_unused_and_undocumented_components(components, builds, partners):
    cmap = platform_map.component_map(components, builds, partners, AS_OF)
    assert platform_views.unused_text(cmap) == (
        "Open for building, with no partner on it: Feed. Promote them to the partners who build "
        "on the components next to them. Partners build on Old import without documentation: "
        "write it before the next partner starts."
    )


def test_kit_chart_only_with_both_medians(builds, partners):
    effect = platform_map.kit_effect(platform_map.kit_use(builds, partners, AS_OF, 90))
    assert platform_kit_views.kit_days(effect).to_dict() == {
        "With a starter kit": 30,
        "Without a kit": 58,  # 58.5 rounded half to even
    }
    assert platform_kit_views.kit_title(effect) == (
        "With the starter kit a first build comes 28 days sooner (median)"
    )
    assert platform_kit_views.kit_days({**effect, "without_days": float("nan")}) is None


def _components_named(names: list) -> pd.DataFrame:
    """Available, documented API components C1, C2 … with these names."""
    n = len(names)
    return pd.DataFrame(
        {
            "component_id": [f"C{i}" for i in range(1, n + 1)],
            "name": names,
            "kind": ["api"] * n,
            "status": ["available"] * n,
            "version": [None] * n,
            "documented": [True] * n,
            "legacy": [False] * n,
        }
    )


#: One build each of partners P1 (live, on C1) and P2 (planned, on C2).
TWO_BUILDS = pd.DataFrame(
    {
        "partner_id": ["P1", "P2"],
        "component_id": ["C1", "C2"],
        "status": ["live", "planned"],
        "started_date": ["2024-01-01", "2024-02-01"],
        "first_build_date": [None, None],
        "kit_id": [None, None],
    }
)


def test_status_counts_and_matrix_tell_components_of_one_name_apart():
    """Two components both called "ERP API" (C1, C2), one build each by two partners both
    called "Acme" (P1, P2): two chart rows and two matrix columns / rows, by id; no row is
    repeated (a name index would pair every "ERP API" row with every other: 2 × 2)."""
    components, builds = _components_named(["ERP API", "ERP API"]), TWO_BUILDS
    partners = pd.DataFrame({"partner_id": ["P1", "P2"], "name": ["Acme", "Acme"]})
    cmap = platform_map.component_map(components, builds, partners, AS_OF)
    counts = platform_map.status_counts(cmap)
    assert counts.index.tolist() == ["ERP API (C1)", "ERP API (C2)"]
    assert counts.to_numpy().tolist() == [[1, 0, 0], [0, 0, 1]]
    assert platform_views.status_title(counts) == (
        "2 components share the most partner builds, 1 each; the first, ERP API (C1), has 1 of "
        "them live"
    )
    assert platform_views.status_title(counts.iloc[[0]] * 2) == (
        "ERP API (C1) carries the most partner builds: 2, 2 of them live"
    )
    grid = platform_map.build_matrix(components, builds, partners, AS_OF)
    assert grid.columns.tolist() == ["ERP API (C1)", "ERP API (C2)"]
    assert grid.index.tolist() == ["Acme (P1)", "Acme (P2)"]


def test_components_of_one_name_are_labelled_once_for_every_table():
    """labelled(): the two "ERP API" components (C1, C2) carry their ids in every table built
    from them (the component table, the list of every build), as in the chart and the matrix;
    a name that occurs once and a blank name stay as they are."""
    components = _components_named(["ERP API", "ERP API", "Webhooks", None])
    labelled = platform_map.labelled(components)
    assert labelled["name"].tolist()[:3] == ["ERP API (C1)", "ERP API (C2)", "Webhooks"]
    assert pd.isna(labelled["name"].iloc[3])
    assert components["name"].tolist()[:2] == ["ERP API", "ERP API"]  # the input untouched
    builds = TWO_BUILDS
    partners = pd.DataFrame({"partner_id": ["P1", "P2"], "name": ["Acme", "Birch"]})
    cmap = platform_map.component_map(labelled, builds, partners, AS_OF)
    assert cmap["name"].tolist()[:2] == ["ERP API (C1)", "ERP API (C2)"]
    every = platform_map.build_list(labelled, builds, partners, AS_OF)
    shown = platform_views.build_list_view(every)
    assert sorted(shown.iloc[:, 1].tolist()) == ["ERP API (C1)", "ERP API (C2)"]
