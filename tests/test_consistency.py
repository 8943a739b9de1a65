"""The client's answers against the client's data (playbook.consistency), and `playbook check`
warning about them; every case worked out by hand."""

import pandas as pd
from conftest import TINY, problems_of, write_workspace

from playbook import consistency as cs

D = pd.to_datetime
AS_OF = "2024-12-31"


def _deals():
    """Won partner deals: P1 first won 2024-03-10, P2 first won 2024-07-15; one direct deal."""
    return pd.DataFrame(
        {
            "deal_id": ["D1", "D2", "D3"],
            "partner_id": ["P1", "P2", None],
            "attribution": ["sourced", "influenced", "direct"],
            "stage": ["won", "won", "won"],
            "created_date": D(["2024-01-10", "2024-05-01", "2024-11-01"]),
            "close_date": D(["2024-03-10", "2024-07-15", "2024-11-20"]),
        }
    )


def _partners(n=3):
    return pd.DataFrame(
        {
            "partner_id": [f"P{i + 1}" for i in range(n)],
            "status": ["active"] * n,
            "industry": ["Retail"] * n,
        }
    )


def test_attribution_item_open_while_deals_carry_attribution():
    """CM10 in progress at 2024-12-31 (completed 2025-01-05 does not count yet); 2 of the 3
    deals are sourced or influenced → one point, on the item's row 3."""
    items = pd.DataFrame(
        {
            "item_id": ["CM01", "CM10"],
            "task": ["x", "Record partner attribution"],
            "status": ["done", "done"],
            "completed_date": D(["2024-01-01", "2025-01-05"]),
            "_row": [2, 3],
        }
    )
    [point] = cs.checklist({"checklist": items, "deals": _deals()}, AS_OF)
    assert (point.table, point.row, point.column) == ("checklist", 3, "status")
    assert point.says == "CM10 'Record partner attribution' not done at 2024-12-31"
    assert point.shows.startswith("2 deals already carry")
    items.loc[1, "completed_date"] = D("2024-12-31")  # done on the as-of date: done
    assert cs.checklist({"checklist": items, "deals": _deals()}, AS_OF) == []


def test_first_joint_customer_open_for_a_partner_that_has_won():
    """P1 (won 2024-03-10) has 'First joint customer' open → listed; P2's is done; P3 never
    won → nothing to contradict; a 'Kick-off' milestone is no first-customer milestone."""
    plans = pd.DataFrame(
        {
            "partner_id": ["P1", "P1", "P2", "P3"],
            "milestone": [
                "Kick-off",
                "First JOINT customer",
                "First joint customer",
                "First joint customer",
            ],
            "status": ["not_started", "in_progress", "done", "not_started"],
            "completed_date": D([None, None, "2024-08-01", None]),
            "_row": [2, 3, 4, 5],
        }
    )
    [point] = cs.plans({"plans": plans, "deals": _deals()}, AS_OF)
    assert point.row == 3 and point.shows == "P1 won its first deal on 2024-03-10 (deals)"


def test_campaigns_closing_more_partners_than_exist():
    """Started by the as-of date: closed 2 + 2 = 4 > 3 partners; the 2025 campaign's 10 does not
    exist yet. With 4 partners: 4 ≤ 4, nothing."""
    campaigns = pd.DataFrame(
        {"start_date": D(["2024-01-01", "2024-06-01", "2025-02-01"]), "closed": [2, 2, 10]}
    )
    [point] = cs.campaigns({"campaigns": campaigns, "partners": _partners(3)}, AS_OF)
    assert point.says == "campaigns closed 4 partners in all (campaigns.closed)"
    assert cs.campaigns({"campaigns": campaigns, "partners": _partners(4)}, AS_OF) == []


def test_communications_that_stop_months_before_as_of():
    """Last communication 2024-08-15, more than 3 months before 2024-12-31; deal D3 was created
    after it (2024-11-01) → listed. A last one on 2024-10-01 (within 3 months) → nothing."""
    sent = pd.DataFrame({"date": D(["2024-01-15", "2024-08-15", "2025-01-10"])})
    [point] = cs.communications({"communications": sent, "deals": _deals()}, AS_OF)
    assert point.says == "the last communication is dated 2024-08-15"
    assert point.shows == "1 deals were created after it, up to 2024-12-31 (deals)"
    sent.loc[1, "date"] = D("2024-10-01")
    assert cs.communications({"communications": sent, "deals": _deals()}, AS_OF) == []


def test_nothing_to_discuss_without_the_tables():
    tables = {"partners": _partners(), "deals": _deals()}
    assert cs.to_discuss(tables, AS_OF) == []


def test_check_warns_with_file_row_and_both_sides(tmp_path):
    """The tiny workspace plus readiness IC2 answered 0 (row 2) while its active partners carry
    no industry column → nothing; with a checklist CM10 not started while deals D1–D5, D7, D8 are
    partner deals (7 created by 2024-12-31, the latest deal date) → one warning."""
    tables = {
        **TINY,
        "readiness": "item_id,score,evidence\nIC2,0,\n",
        "checklist": "item_id,category,task,owner,due_date,status,completed_date\n"
        "CM10,Systems,Record attribution,Ann,2024-06-30,not_started,\n",
    }
    ws = write_workspace(tmp_path / "ws", tables)
    warnings = [p for p in problems_of(ws, level="warning") if "to discuss" in p.expected]
    assert [(p.file, p.row, p.column) for p in warnings] == [("checklist.csv", 2, "status")]
    assert "as of 2024-12-31, the latest deal date" in warnings[0].expected
    assert "but 7 deals already carry a sourced or influenced attribution" in warnings[0].expected
