"""Data-quality warnings (:mod:`playbook.quality`) on small hand-made workspaces: exact messages
and counts, and no warning where the data is fine."""

from __future__ import annotations

from datetime import datetime

from conftest import PROFILE, TINY, problems_of, write_workspace

from playbook.quality import similar_pairs
from playbook.rundir import RunFolder, finish_run
from playbook.workspace import check_workspace

# Four active partners (P5 without a start date) and a candidate. The deals' earliest date is
# D2's created date 2020-01-20; the latest is D3's 2021-06-01.
PARTNERS = """\
partner_id,name,type,status,area,start_date
P1,Alpha,isv,active,North,2019-01-01
P2,Beta,isv,active,North,2019-06-01
P3,Gamma,isv,active,North,2021-05-01
P4,Delta,isv,candidate,North,
P5,Eps,isv,active,North,
"""
DEALS = """\
deal_id,partner_id,attribution,stage,created_date,close_date,amount
D1,P1,sourced,won,2020-02-10,2020-03-10,1000
D2,,direct,lost,2020-01-20,2020-04-01,500
D3,P2,influenced,qualified,2021-06-01,,300
"""


def _warnings(tmp_path, partners=PARTNERS, deals=DEALS, **tables):
    ws = write_workspace(tmp_path / "ws", {"partners": partners, "deals": deals, **tables})
    assert problems_of(ws) == []
    return problems_of(ws, "warning")


# --------------------------------------------------------------------------- history


def test_history_starting_after_half_the_active_partners_is_fine(tmp_path):
    """P1 and P2 started before 2020-01-20: 2 of 4 active partners, not more than half."""
    assert _warnings(tmp_path) == []


def test_history_starting_after_most_partners_names_the_figures_it_distorts(tmp_path):
    """P3 now starts 2019-12-31: 3 of the 4 active partners started before the first deal."""
    [w] = _warnings(tmp_path, partners=PARTNERS.replace("2021-05-01", "2019-12-31"))
    assert (w.file, w.column, w.value) == ("deals.csv", "created_date, close_date", "2020-01-20")
    assert w.expected == (
        "the deals start on 2020-01-20, after 3 of the 4 active partners had started "
        "(partners.csv start_date, the earliest 2019-01-01): figures that count from a "
        "partner's start or over all time miss the deals before 2020-01-20 — 06 time to first "
        "win (median days) and quick wins (share within 90 days); 01 payback month, ROI at "
        "12/24/36 months, NPV and joint-solution revenue (all time); 05 trend by period "
        "(periods before the first deal show no deals). Ask for the export from 2019-01-01, "
        "or read these figures as starting on 2020-01-20"
    )


def test_history_shorter_than_the_reporting_window_says_so_too(tmp_path):
    """D3 created 2020-06-01 is now the latest date: the 12-month window ending there starts
    on 2019-07-01, before the first deal (2020-01-20)."""
    deals = DEALS.replace("2021-06-01", "2020-06-01")
    [w] = _warnings(tmp_path, partners=PARTNERS.replace("2021-05-01", "2019-12-31"), deals=deals)
    assert w.expected.endswith(
        "05 trend by period (periods before the first deal show no deals); every figure of "
        "the default 12-month reporting window (04–08), which starts on 2019-07-01. Ask for "
        "the export from 2019-01-01, or read these figures as starting on 2020-01-20"
    )


# --------------------------------------------------------------------------- near duplicates


def test_near_duplicate_category_values_one_warning_per_pair_with_row_counts(tmp_path):
    partners = """\
partner_id,name,type,status,area,category,industry
P1,A,isv,active,EMEA,Technology,Health care
P2,B,isv,active,EMEA,Technology,Healthcare
P3,C,isv,active,Emea,technolgy,Healthcare
P4,D,isv,active,North America,Technology,Retail
P5,E,isv,active,South America,Data platform,Retails
"""
    deals = """\
deal_id,partner_id,attribution,stage,created_date,close_date,amount,product
D1,P1,sourced,won,2024-01-10,2024-03-10,1000,Lumenar ERP 2
D2,P2,sourced,won,2024-01-10,2024-03-10,1000,Lumenar ERP 3
"""
    warnings = _warnings(tmp_path, partners=partners, deals=deals)
    assert [(w.file, w.column, w.value, w.expected) for w in warnings] == [
        (
            "partners.csv",
            "area",
            "EMEA / Emea",
            "'EMEA' (2 rows) and 'Emea' (1 row) differ only in case, spaces or punctuation: "
            "the reports count them as two different values; if they are one, correct the "
            "file so both are written the same",
        ),
        (
            "partners.csv",
            "industry",
            "Healthcare / Health care",
            "'Healthcare' (2 rows) and 'Health care' (1 row) differ only in case, spaces or "
            "punctuation: the reports count them as two different values; if they are one, "
            "correct the file so both are written the same",
        ),
        (
            "partners.csv",
            "industry",
            "Retail / Retails",
            "'Retail' (1 row) and 'Retails' (1 row) differ by a small edit: the reports count "
            "them as two different values; if they are one, correct the file so both are "
            "written the same",
        ),
        (
            "partners.csv",
            "category",
            "Technology / technolgy",
            "'Technology' (3 rows) and 'technolgy' (1 row) differ by a small edit: the reports "
            "count them as two different values; if they are one, correct the file so both are "
            "written the same",
        ),
    ]


def test_values_that_differ_in_a_digit_or_by_more_than_a_small_edit_are_not_pairs():
    import pandas as pd

    counts = pd.Series({"North America": 5, "South America": 4, "ERP 2": 3, "ERP 3": 2, "US": 1})
    counts["UK"] = 1
    assert similar_pairs(counts) == []  # North/South America: ratio 0.83 < 0.9


# --------------------------------------------------------------------------- mostly blank


def test_an_optional_column_mostly_blank_is_one_warning_naming_what_it_feeds(tmp_path):
    """margin: 1 of 6 filled (5 blank, 83 %); cost_of_sale: 2 of 6 (67 %): fine; units: blank in
    every row (not supplied, said by each section); partners.end_date mostly blank: normal."""
    deals = """\
deal_id,partner_id,attribution,stage,created_date,close_date,amount,margin,cost_of_sale,units
D1,P1,sourced,won,2020-02-10,2020-03-10,1000,700,10,
D2,,direct,lost,2020-01-20,2020-04-01,500,,20,
D3,P2,influenced,qualified,2021-06-01,,300,,,
D4,P2,influenced,qualified,2021-06-01,,300,,,
D5,P2,influenced,qualified,2021-06-01,,300,,,
D6,P2,influenced,qualified,2021-06-01,,300,,,
"""
    partners = PARTNERS.replace("start_date\n", "start_date,end_date\n").replace(
        "P1,Alpha,isv,active,North,2019-01-01", "P1,Alpha,isv,active,North,2019-01-01,2021-01-01"
    )
    [w] = _warnings(tmp_path, partners=partners, deals=deals)
    assert (w.file, w.column, w.value) == ("deals.csv", "margin", None)
    assert w.expected == (
        "blank in 5 of 6 rows (83%): it feeds 01's attributed margin, payback, ROI and NPV, "
        "and 05's margin totals, which will be missing or drawn from the 1 filled row only"
    )


def test_a_cell_that_could_not_be_read_is_not_counted_as_blank(tmp_path):
    """margin: 1 filled, 1 unreadable (its error), 4 blank: 67 % blank, no warning."""
    deals = DEALS.replace("amount\n", "amount,margin\n")
    deals = deals.replace(",1000\n", ",1000,700\n").replace(",500\n", ",500,lots\n")
    deals += "D4,,direct,lead,2021-06-01,,1,\nD5,,direct,lead,2021-06-01,,1,\n"
    deals += "D6,,direct,lead,2021-06-01,,1,\n"
    ws = write_workspace(tmp_path / "ws", {"partners": PARTNERS, "deals": deals})
    _, problems = check_workspace(ws)
    assert [(p.level, p.row, p.column) for p in problems if p.level != "note"] == [
        ("error", 3, "margin")
    ]


# --------------------------------------------------------------------------- where they show


def test_quality_warnings_reach_the_run_summary_page(tmp_path):
    ws_path = write_workspace(
        tmp_path / "ws",
        {"partners": PARTNERS.replace("2021-05-01", "2019-12-31"), "deals": DEALS},
        PROFILE,
    )
    ws, _ = check_workspace(ws_path)
    folder = RunFolder.create(tmp_path / "reports", ws.profile.client_id, datetime(2026, 1, 1))
    final = finish_run(folder, ws, [], datetime(2026, 1, 1), 1.0, {})
    html = (final / "index.html").read_text(encoding="utf-8")
    assert "Input warnings" in html and "the deals start on 2020-01-20, after 3 of the 4" in html


def test_a_column_with_more_than_100_distinct_values_is_not_a_category():
    import pandas as pd

    from playbook.quality import near_duplicates

    def partners(areas):
        blank = [None] * len(areas)
        return {
            "partners": pd.DataFrame(
                {
                    "area": areas,
                    "industry": blank,
                    "category": blank,
                    "our_software": blank,
                    "source_channel": blank,
                }
            )
        }

    areas = ["Technology", "technolgy"] + [f"Area {i}" for i in range(98)]  # 100 distinct
    sources = {"partners": "partners.csv"}
    assert [w.value for w in near_duplicates(partners(areas), sources)] == [
        "Technology / technolgy"
    ]
    assert near_duplicates(partners([*areas, "Area 98"]), sources) == []  # 101 distinct


def test_history_is_not_judged_while_a_deal_date_could_not_be_read(tmp_path):
    """The same data as the warning above, but D2's created date is unreadable: its error only
    (the earliest date is not known)."""
    partners = PARTNERS.replace("2021-05-01", "2019-12-31")
    deals = DEALS.replace("2020-01-20", "20/01/2020")
    ws = write_workspace(tmp_path / "ws", {"partners": partners, "deals": deals})
    _, problems = check_workspace(ws)
    assert [(p.level, p.row, p.column) for p in problems if p.level != "note"] == [
        ("error", 3, "created_date")
    ]


def test_an_export_where_no_deal_names_a_partner_is_warned_about(tmp_path):
    """The public sample's shape: no partner column at all. Every deal would read as direct
    and every partner figure as empty: one warning names the column to map."""
    deals = (
        "deal_id,stage,created_date,close_date,amount\n"
        "D1,won,2024-01-10,2024-03-10,100\nD2,lost,2024-02-01,2024-03-01,50\n"
    )
    ws = write_workspace(tmp_path / "ws", {"partners": TINY["partners"], "deals": deals})
    _, problems = check_workspace(ws)
    (warning,) = [p for p in problems if p.column == "partner_id" and p.level == "warning"]
    assert warning.file == "deals.csv"
    assert warning.expected.startswith(
        "no deal names a partner (no column of it is read as deals.partner_id, and no "
        "deal_partners table): every deal reads as direct"
    )
    with_partner = deals.replace("deal_id,", "deal_id,partner_id,").replace("D1,", "D1,P1,")
    with_partner = with_partner.replace("D2,", "D2,,")
    ws = write_workspace(tmp_path / "ok", {"partners": TINY["partners"], "deals": with_partner})
    _, problems = check_workspace(ws)
    assert not [p for p in problems if p.column == "partner_id" and p.level == "warning"]
