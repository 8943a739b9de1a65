"""The committed demo client is exactly what the seeded generator writes, and covers every table."""

import csv
import filecmp
from datetime import date
from pathlib import Path

from playbook.demo import generate_demo
from playbook.schema import TABLES
from playbook.workspace import load_workspace


def test_committed_demo_matches_the_generator(tmp_path, demo):
    fresh = generate_demo(tmp_path / "demo")
    # a hidden .playbook-cache (left by `playbook check` or `run`) is not part of the client
    names = sorted(p.name for p in demo.iterdir() if not p.name.startswith("."))
    assert names == sorted(p.name for p in fresh.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(demo, fresh, names, shallow=False)
    assert mismatch == [] and errors == []


def test_demo_covers_every_table_with_realistic_shape(demo):
    ws = load_workspace(demo)
    assert all(ws.has(t.name) for t in TABLES)
    partners = ws.table("partners")
    assert set(partners["type"]) == {"isv", "integrator", "platform", "ecosystem"}
    assert len(partners) >= 40 and partners["area"].nunique() >= 3
    assert partners["manager_id"].nunique() >= 6
    deals = ws.table("deals")
    assert len(deals) >= 4000
    assert set(deals["attribution"]) == {"sourced", "influenced", "direct"}
    assert deals["created_date"].dt.year.nunique() >= 5
    assert ws.errors == []


# --------------------------------------------------------------------------- the demo's story
# Each test reads the committed CSV files with the csv module only (no playbook code) and
# checks one fact of the story told in playbook/demo.py's docstring.

AS_OF = date(2026, 9, 30)


def _rows(demo: Path, table: str) -> list[dict]:
    with open(demo / f"{table}.csv", newline="") as f:
        return list(csv.DictReader(f))


def _day(text: str) -> date:
    return date.fromisoformat(text)


def test_readiness_answers_agree_with_the_data_but_po2_on_purpose(demo):
    """IC2 ("we know our partners' split by industry") is answered above 0 since every active
    partner carries an industry; PO2 ("we track investment, payback and ROI") is answered 0
    although investments are recorded: the one deliberate contradiction (03 'To discuss')."""
    scores = {r["item_id"]: r["score"] for r in _rows(demo, "readiness")}
    active = [p for p in _rows(demo, "partners") if p["status"] == "active"]
    assert all(p["industry"] for p in active)
    assert scores["IC2"] != "" and int(scores["IC2"]) > 0
    assert any(_day(i["date"]) <= AS_OF for i in _rows(demo, "investments"))
    assert scores["PO2"] == "0"
    zeros = sorted(k for k, v in scores.items() if v == "0")
    assert zeros == ["PO2"]


def test_checklist_done_items_are_done_by_as_of_and_attribution_is_done(demo):
    """CM10 (attribution in the CRM) is done while deals carry attribution, and no item is
    marked done with a completion date after the as-of date."""
    items = {r["item_id"]: r for r in _rows(demo, "checklist")}
    assert any(d["attribution"] in ("sourced", "influenced") for d in _rows(demo, "deals"))
    cm10 = items["CM10"]
    assert cm10["status"] == "done" and _day(cm10["completed_date"]) <= AS_OF
    for r in items.values():
        if r["status"] == "done":
            assert r["completed_date"] and _day(r["completed_date"]) <= AS_OF, r["item_id"]
        else:
            assert r["completed_date"] == "", r["item_id"]


def test_every_partner_plan_is_its_own_and_first_customer_is_open_only_without_wins(demo):
    """No two partners share the same (issue, current state, target state); a 'first joint
    customer' milestone not done at the as-of date belongs to a partner with no won deal
    closed on or before it."""
    plans = _rows(demo, "plans")
    texts = {}
    for m in plans:
        texts.setdefault(m["partner_id"], set()).add(
            (m["issue"], m["current_state"], m["target_state"])
        )
    assert all(len(t) == 1 for t in texts.values())  # one plan text per partner
    assert len({next(iter(t)) for t in texts.values()}) == len(texts) >= 5
    won_by = {
        d["partner_id"]
        for d in _rows(demo, "deals")
        if d["stage"] == "won" and d["partner_id"] and _day(d["close_date"]) <= AS_OF
    }
    for m in plans:
        done = m["status"] == "done" and _day(m["completed_date"]) <= AS_OF
        if "first joint customer" in m["milestone"].lower() and not done:
            assert m["partner_id"] not in won_by, m
        if m["status"] == "done":
            assert _day(m["completed_date"]) <= AS_OF


def test_campaigns_sign_fewer_partners_than_exist_at_rates_that_vary_by_channel(demo):
    """All campaigns together close fewer partners than the partners table holds (48), and the
    opt-in rate (opt-ins ÷ traffic, summed per channel) differs from channel to channel."""
    camps = _rows(demo, "campaigns")
    partners = _rows(demo, "partners")
    assert sum(int(c["closed"]) for c in camps) < len(partners) == 48
    totals: dict = {}
    for c in camps:
        t = totals.setdefault(c["channel"], [0, 0])
        t[0] += int(c["traffic"])
        t[1] += int(c["opt_ins"])
    rates = sorted(round(o / t, 3) for t, o in totals.values())
    assert len(set(rates)) == len(rates) >= 4
    assert rates[-1] > 3 * rates[0]  # a webinar audience opts in far more than a social feed
    assert max(_day(c["start_date"]) for c in camps) > date(2026, 6, 30)  # up to as-of


def test_communications_run_monthly_up_to_the_as_of_date(demo):
    """One communication in every month from January 2021 to September 2026, none after it."""
    dates = [_day(c["date"]) for c in _rows(demo, "communications")]
    months = {(d.year, d.month) for d in dates}
    expected = {(y, m) for y in range(2021, 2027) for m in range(1, 13) if (y, m) <= (2026, 9)}
    assert months == expected and max(dates) <= AS_OF


def test_partner_grid_examples_are_candidates_and_no_text_is_pasted_into_every_row(demo):
    """The seed's two Partner Grid rows are candidates; 'Contact via Accounting' is 123
    Consulting's alone; every type has more than one application / version text."""
    partners = {p["name"]: p for p in _rows(demo, "partners")}
    xyz, consulting = partners["XYZ Software Co"], partners["123 Consulting"]
    assert (xyz["status"], xyz["their_application"], xyz["their_version"]) == (
        "candidate",
        "Greater Database",
        "5.0",
    )
    assert (consulting["status"], consulting["their_application"]) == (
        "candidate",
        "Professional Services",
    )
    assert [
        p["name"] for p in partners.values() if p["their_version"] == "Contact via Accounting"
    ] == ["123 Consulting"]
    for kind in ("isv", "integrator", "platform", "ecosystem"):
        of_kind = [p for p in partners.values() if p["type"] == kind]
        assert len({p["their_application"] for p in of_kind}) > 1, kind
    for p in partners.values():
        if p["description"]:
            assert p["industry"].lower() in p["description"], p["name"]


def test_shark_or_remora_is_a_mix(demo):
    """Under 07's rule (size = their ÷ our 850 employees; shark: size ≤ 0.5, ≥ 10 % of their
    business through us, < 10 % of our program revenue; remora the mirror image), active
    partners are a mix: at least 2 remoras, some sharks, some neither. Program revenue % = won
    sourced/influenced deals closed 2025-10-01 … 2026-09-30, per partner ÷ all."""
    won: dict = {}
    for d in _rows(demo, "deals"):
        if d["stage"] == "won" and d["partner_id"]:
            if date(2025, 10, 1) <= _day(d["close_date"]) <= AS_OF:
                won[d["partner_id"]] = won.get(d["partner_id"], 0.0) + float(d["amount"])
    total = sum(won.values())
    counts = {"shark": 0, "remora": 0, "neither": 0}
    for p in _rows(demo, "partners"):
        if p["status"] != "active":
            continue
        size = int(p["employees"]) / 850
        theirs = float(p["our_share_of_their_business_pct"])
        ours = 100 * won.get(p["partner_id"], 0.0) / total
        if size <= 0.5 and theirs >= 10 and ours < 10:
            counts["shark"] += 1
        elif size >= 2 and ours >= 10 and theirs < 10:
            counts["remora"] += 1
            assert p["type"] == "platform"
        else:
            counts["neither"] += 1
    assert counts["remora"] >= 2 and counts["shark"] >= 5 and counts["neither"] >= 5


def test_former_partners_bring_nothing_after_their_agreement_ended(demo):
    """Each inactive partner has an end date, and none of its deals was created after it."""
    ended = {
        p["partner_id"]: _day(p["end_date"])
        for p in _rows(demo, "partners")
        if p["status"] == "inactive"
    }
    assert len(ended) == 2
    for d in _rows(demo, "deals"):
        if d["partner_id"] in ended:
            assert _day(d["created_date"]) <= ended[d["partner_id"]], d["deal_id"]
