"""One truth across reports: a figure that appears in two reports is the same figure.

Runs every notebook on the demo client and on a second, hand-made workspace (the tiny fixture
plus a former partner whose agreement ended inside the window, with a won deal before it ended,
and deal D2 split 60 / 40 between P1 and P2 in deal_partners, P2 named by its company name),
then compares every figure that two reports both state: program revenue, each partner's revenue
share, partner counts for the same period, and won deals.

Second workspace by hand (as of 2024-12-31, window 2024-01-01 … 2024-12-31): won partner deals
closed in the window D1 10000 (P1), D2 20000 (P1 12000, P2 8000), D3 5000 (P2), D4 8000 (P3),
D9 3000 (P5) → program revenue 46000 (the split changes no total); P1 22000 / 46000 = 47.8 %,
P2 13000 / 46000. Won deals 5; per partner P1 2, P2 2, P3 1, P5 1 = 6 (D2 counts for both of
its partners). Active in the window: P1, P2, P3 and P5 (ended 2024-08-31) = 4; active on
2024-12-31: P1, P2, P3 = 3 (P4 is a candidate).
"""

import json

import pytest
from conftest import TINY, write_workspace

from playbook import runner


def _second_workspace(root):
    partners = [line + "," for line in TINY["partners"].strip().splitlines()]
    partners[0] = partners[0].rstrip(",") + ",end_date"
    partners.append(
        "P5,Epsilon Systems,integrator,inactive,North,M1,2023-01-01,registered,2024-08-31"
    )
    deals = TINY["deals"].strip() + "\nD9,P5,sourced,won,2024-02-01,2024-05-01,3000,2000,100,3\n"
    links = "deal_id,partner_id,split_pct,role\nD2,P1,60,Reseller\nD2,Beta Consulting,40,SI\n"
    tables = {
        **TINY,
        "partners": "\n".join(partners) + "\n",
        "deals": deals,
        "deal_partners": links,
    }
    return write_workspace(root / "second", tables)


@pytest.fixture(scope="module")
def results(tmp_path_factory, demo_run):
    """The demo's results (the session's shared demo run) and the second workspace's."""
    root = tmp_path_factory.mktemp("one-truth")
    second = _second_workspace(root)
    [outcome] = runner.run([second], root / "reports-second", params=["as_of=2024-12-31"], jobs=2)
    assert outcome.status == "ok", [(r["notebook"], r["error"]) for r in outcome.notebooks]
    return {
        "demo": json.loads((demo_run / "results.json").read_text()),
        "second": json.loads((outcome.run_dir / "results.json").read_text()),
    }


WORKSPACES = ["demo", "second"]


@pytest.mark.e2e
@pytest.mark.parametrize("name", WORKSPACES)
def test_program_revenue_is_one_figure(results, name):
    """05's program revenue = 06's sourced + influenced revenue over the types (same window)
    = the sum of 05's per-partner revenue."""
    r = results[name]
    revenue = r["05-analytics"]["figures"]["revenue"]
    by_type = r["06-partner-types"]["figures"]["by_type"].values()
    assert sum(t["sourced_revenue"] + t["influenced_revenue"] for t in by_type) == pytest.approx(
        revenue
    )
    partners = r["05-analytics"]["figures"]["partners"].values()
    assert sum(p["revenue"] for p in partners) == pytest.approx(revenue)
    if name == "second":
        assert revenue == 46000


@pytest.mark.e2e
@pytest.mark.parametrize("name", WORKSPACES)
def test_a_partners_share_is_one_figure(results, name):
    """05's share of program revenue = 07's program revenue % for every partner."""
    r = results[name]
    shares = r["05-analytics"]["figures"]["partners"]
    pct = r["07-partner-landscape"]["figures"]["program_revenue_pct"]
    for pid, p in shares.items():
        if p["revenue"]:
            assert pct[pid] == pytest.approx(100 * p["share"]), pid
    if name == "second":
        assert shares["P1"]["share"] == pytest.approx(22000 / 46000)
        assert shares["P2"]["share"] == pytest.approx(13000 / 46000)


@pytest.mark.e2e
@pytest.mark.parametrize("name", WORKSPACES)
def test_partner_counts_are_one_figure_per_period(results, name):
    """Active in the window: 05's universe = the sum of 06's partners per type. Active on the
    as-of date: 01's documentation base = 08's engagement table."""
    r = results[name]
    in_window = r["05-analytics"]["figures"]["active_partners"]
    by_type = r["06-partner-types"]["figures"]["by_type"].values()
    assert sum(t["partners"] or 0 for t in by_type) == in_window
    at_as_of = len(r["08-partner-communication"]["figures"]["engagement"])
    documentation = r["01-requirements-investment"]["figures"]["documentation"]
    assert documentation["active_partners"] == at_as_of  # both workspaces have investments
    if name == "second":
        assert (in_window, at_as_of) == (4, 3)


@pytest.mark.e2e
@pytest.mark.parametrize("name", WORKSPACES)
def test_won_deals_are_one_figure(results, name):
    """05's won program deals = the sum of its per-partner won deals, less the second and later
    partners of split deals (none in the demo; D2's second partner in the second workspace)."""
    r = results[name]
    figures = r["05-analytics"]["figures"]
    extra_partners = {"demo": 0, "second": 1}[name]
    per_partner = sum(p["deals"] for p in figures["partners"].values())
    assert per_partner == figures["deals"] + extra_partners
    if name == "second":
        assert (figures["deals"], per_partner) == (5, 6)
