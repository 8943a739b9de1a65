"""The executive summary (playbook.executive, playbook.partner360, playbook.summary_page) on
hand-made results: every expected figure below is worked out by hand in the comments."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from playbook import executive, partner360, summary_page
from playbook.partner360 import Call
from playbook.results import Urgency

AS_OF = "2026-09-30"
NOW, FIX, OPP = int(Urgency.ACT_NOW), int(Urgency.FIX), int(Urgency.OPPORTUNITY)


def record(title: str, **parts) -> dict:
    """One notebook's merged results, as results.write records them."""
    base = {
        "title": title,
        "as_of": AS_OF,
        "currency": "USD",
        "figures": {},
        "headline": {},
        "findings": [],
        "key_findings": [],
        "actions": [],
        "partners": [],
        "not_shown": [],
    }
    return base | parts


def kf(text, stake, urgency, section=""):
    """A key finding as recorded."""
    return {"text": text, "stake": stake, "urgency": urgency, "section": section}


def act(action, urgency, due="", owner="", kind="Readiness gap", section=""):
    """An action as recorded."""
    return {
        "action": action,
        "owner": owner,
        "due": due,
        "kind": kind,
        "section": section,
        "urgency": urgency,
    }


# Six partners across the trends (see test_partner_360_join_and_calls for each call):
# P1 Cobalt   01 fit 90, ROI −20%, not paid back in 36 months, invested 50,000; 06 Red; 08 D
# P2 Ironwood 01 fit 60, ROI 50%, paid back month 14, invested 20,000; 05 300,000 / 10 won; 08 A
# P3 Quartz   02 77 shared accounts, potential 400,000; 05 10,000 / 1 won; 06 Amber
# P4 Slate    01 fit 40, ROI 10%, projected; 06 Amber with a risk flag; 08 C
# P5 Umber    02 only: 3 shared accounts, potential 1,000
# P6 Vermilion 05 only: 500,000 / 5 won; 07 nobody trained
PARTNERS = {
    "01-requirements-investment": [
        {
            "partner_id": "P1",
            "partner": "Cobalt",
            "fit_score": 90.0,
            "invested": 50000.0,
            "roi_36m": -0.2,
            "payback": "Not within 36 months",
            "paid_back": False,
        },
        {
            "partner_id": "P2",
            "partner": "Ironwood",
            "fit_score": 60.0,
            "invested": 20000.0,
            "roi_36m": 0.5,
            "payback": "Month 14",
            "paid_back": True,
        },
        {
            "partner_id": "P4",
            "partner": "Slate",
            "fit_score": 40.0,
            "invested": 5000.0,
            "roi_36m": 0.1,
            "payback": "Projected month 30",
            "paid_back": False,
        },
    ],
    "02-mvp-acquisition": [
        {"partner_id": "P3", "partner": "Quartz", "overlap_accounts": 77, "potential_revenue": 4e5},
        {"partner_id": "P5", "partner": "Umber", "overlap_accounts": 3, "potential_revenue": 1e3},
        {"partner_id": "P1", "partner": "Cobalt", "overlap_accounts": 0, "potential_revenue": None},
    ],
    "05-analytics": [
        {"partner_id": "P2", "partner": "Ironwood", "revenue": 300000.0, "won_deals": 10},
        {"partner_id": "P3", "partner": "Quartz", "revenue": 10000.0, "won_deals": 1},
        {"partner_id": "P6", "partner": "Vermilion", "revenue": 500000.0, "won_deals": 5},
    ],
    "06-partner-types": [
        {"partner_id": "P1", "partner": "Cobalt", "health": "Red", "risk_flags": "No deals"},
        {"partner_id": "P3", "partner": "Quartz", "health": "Amber", "risk_flags": ""},
        {"partner_id": "P4", "partner": "Slate", "health": "Amber", "risk_flags": "Few leads"},
    ],
    "07-partner-landscape": [
        {"partner_id": "P6", "partner": "Vermilion", "trained_staff": 0},
        {"partner_id": "P2", "partner": "Ironwood", "trained_staff": None},
    ],
    "08-partner-communication": [
        {"partner_id": "P1", "partner": "Cobalt", "grade": "D"},
        {"partner_id": "P2", "partner": "Ironwood", "grade": "A"},
        {"partner_id": "P4", "partner": "Slate", "grade": "C"},
    ],
}


def merged(*parts: dict) -> dict:
    """Several hand-made results as one run's: a notebook's lists joined, its title the first."""
    out: dict = {}
    for part in parts:
        for notebook, rec in part.items():
            if notebook not in out:
                out[notebook] = {k: list(v) if isinstance(v, list) else v for k, v in rec.items()}
                continue
            for key in ("key_findings", "actions", "partners", "not_shown"):
                out[notebook][key] += rec[key]
    return out


def results_with_partners(partners=PARTNERS) -> dict:
    """Results holding only the partner records above."""
    return {nb: record(nb.title(), partners=rows) for nb, rows in partners.items()}


# --------------------------------------------------------------------------- anchors and links


def test_anchor_is_the_heading_text_lower_case_and_hyphenated():
    assert executive.anchor("Payback & ROI per partner") == "payback-roi-per-partner"
    assert executive.anchor("  Org-unit metrics: red / amber / green ") == (
        "org-unit-metrics-red-amber-green"
    )
    assert executive.report_link("01-x", "Fit score") == "01-x.html#fit-score"
    assert executive.report_link("01-x") == "01-x.html"
    assert executive.report_link("01-x", " & ") == "01-x.html"


# --------------------------------------------------------------------------- top findings


def ranked_results() -> dict:
    """01 has three act-now findings (stakes 100, 500, 300), 02 two fix findings (one unpriced,
    one of 1,000), 06 one opportunity (50). Ranked: B 500, C 300, A 100 (all act now), E 1,000,
    D unpriced (fix), F (opportunity). The cap of two per report skips A."""
    return {
        "01-requirements-investment": record(
            "Requirements",
            key_findings=[
                kf("A", 100, NOW),
                kf("B", 500, NOW, "Payback & ROI"),
                kf("C", 300, NOW),
            ],
        ),
        "02-mvp-acquisition": record(
            "Acquisition", key_findings=[kf("D", None, FIX), kf("E", 1000, FIX)]
        ),
        "06-partner-types": record("Types", key_findings=[kf("F", 50, OPP)]),
    }


def test_top_findings_rank_by_urgency_then_stake_at_most_two_per_report():
    top = executive.top_findings(ranked_results())
    assert [f.text for f in top] == ["B", "C", "E", "D", "F"]
    assert top[0].link == "01-requirements-investment.html#payback-roi"
    assert top[0].report == "Requirements" and top[0].urgency == Urgency.ACT_NOW
    assert top[1].link == "01-requirements-investment.html"
    # Room for six: the skipped one fills the gap, in rank order.
    assert [f.text for f in executive.top_findings(ranked_results(), n=6)] == list("BCAEDF")


def test_one_report_fills_the_top_five_when_no_other_has_findings():
    results = {"03-readiness": record("Readiness", key_findings=[kf(t, 1, FIX) for t in "abcd"])}
    assert [f.text for f in executive.top_findings(results)] == list("abcd")


def test_cross_trend_insights_join_the_candidates():
    results = results_with_partners()
    results["04-organisation-buy-in"] = record("Buy-in", key_findings=[kf("Z", 10, OPP)])
    top = executive.top_findings(results)
    # The best-fit insight is act-now (50,000 invested); the top-revenue one fix (500,000); the
    # overlap one an opportunity of 400,000, above Z's 10. The cap of two skips the overlap
    # one; with Z that makes three of five, so the skipped one comes back, in rank order.
    assert [f.report for f in top] == ["Partner 360"] * 3 + ["Buy-in"]
    assert top[0].text.startswith("The best-fit partner, Cobalt (fit score 90/100)")
    assert top[0].link == "#partner-360"


# --------------------------------------------------------------------------- action plan


def plan_results() -> dict:
    """As of 2026-09-30. Sorted: a3 (act now, overdue since June), a2 (act now, December),
    a4 (fix, October), a1 (fix, no date), a5 (opportunity, overdue)."""
    return {
        "03-readiness": record(
            "Readiness",
            actions=[
                act("a1", FIX),
                act("a2", NOW, "2026-12-31", "Ann", section="Gap list"),
            ],
        ),
        "04-organisation-buy-in": record(
            "Buy-in",
            actions=[
                act("a3", NOW, "2026-06-30", "Bo", "Overdue checklist item"),
                act("a4", FIX, "2026-10-15", "Cy", "Red metric"),
            ],
        ),
        "08-partner-communication": record(
            "Communication", actions=[act("a5", OPP, "2026-01-01", "Di", "Plan milestone")]
        ),
    }


def test_action_plan_merges_and_sorts_by_urgency_then_due_date():
    plan = executive.action_plan(plan_results())
    assert [i.action for i in plan] == ["a3", "a2", "a4", "a1", "a5"]
    assert [i.overdue for i in plan] == [True, False, False, False, True]
    assert plan[1].link == "03-readiness.html#gap-list" and plan[1].report == "Readiness"
    frame = executive.plan_frame(plan)
    blank = frame.iloc[3]
    assert (blank["Owner"], blank["Due"], blank["Urgency"]) == ("Not set", "Not set", "Fix")
    assert frame.iloc[0]["Overdue"] == "Yes" and frame.iloc[0]["Urgency"] == "Act now"
    assert frame.iloc[0]["Kind"] == "Overdue checklist item"


# --------------------------------------------------------------------------- partner 360


def test_partner_360_join_and_calls():
    rows = {r["partner_id"]: r for r in partner360.partner_360(results_with_partners())}
    # Sorted by revenue: Vermilion 500,000, Ironwood 300,000, Quartz 10,000, then the rest by name.
    order = [r["partner"] for r in partner360.partner_360(results_with_partners())]
    assert order == ["Vermilion", "Ironwood", "Quartz", "Cobalt", "Slate", "Umber"]
    cobalt = rows["P1"]
    assert (cobalt["fit_score"], cobalt["health"], cobalt["grade"]) == (90.0, "Red", "D")
    assert cobalt["overlap_accounts"] == 0 and "potential_revenue" not in cobalt
    assert cobalt["call"] == Call.EXIT
    assert cobalt["reason"] == (
        "Loses money (ROI at 36 months \u221220.0%) and engages weakly (grade D and health Red)."
    )
    assert rows["P2"]["call"] == Call.GROW
    assert rows["P2"]["reason"] == "Earns its investment back (paid back by month 14), grade A."
    # Quartz: the top quarter of two partners with potential revenue is the first (400,000);
    # Amber is not weak and no money is lost, so its overlap makes it a grow.
    assert rows["P3"]["call"] == Call.GROW
    assert rows["P3"]["reason"] == (
        "Among the top quarter for revenue potential in shared accounts (USD\u00a0400,000)."
    )
    # Slate earns (ROI 10%) but grade C and health Amber are middling: fix, naming them.
    assert rows["P4"]["call"] == Call.FIX
    assert rows["P4"]["reason"] == (
        "Fix: middling engagement (grade C and health Amber); risk flags: Few leads."
    )
    # Umber and Vermilion: no money figures and no engagement figures.
    assert rows["P5"]["call"] == rows["P6"]["call"] == Call.REVIEW
    assert rows["P5"]["reason"] == (
        "Too little data for a call: no ROI or payback figures and no report card grade or "
        "partnership health."
    )
    assert rows["P6"]["partner"] == "Vermilion" and rows["P6"]["trained_staff"] == 0
    assert "trained_staff" not in rows["P2"]  # None is unknown, not a value


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"roi_36m": 0.2, "health": "Red"}, (Call.FIX, "Fix: weak engagement (health Red).")),
        ({"roi_36m": -0.1, "grade": "B"}, (Call.FIX, "Fix: loses money (ROI at 36 months \u2212")),
        ({"payback": "Not within 36 months", "grade": "F"}, (Call.EXIT, "Loses money (payback")),
        ({"grade": "A"}, (Call.REVIEW, "Too little data for a call: no ROI or payback figures.")),
        ({"paid_back": True}, (Call.GROW, "Earns its investment back (paid back")),
        ({}, (Call.REVIEW, "no report card grade or partnership health.")),
        ({"roi_36m": 0.0, "health": "Green"}, (Call.GROW, "Earns its investment back")),
        ({"grade": "D"}, (Call.FIX, "Fix: weak engagement (grade D).")),
    ],
)
def test_call_rule_branches(row, expected):
    made, reason = partner360.call(row)
    assert made == expected[0]
    assert expected[1] in reason


def test_no_grow_on_overlap_for_a_partner_that_loses_money():
    row = {"potential_revenue": 9e5, "roi_36m": -0.5}
    assert partner360.call(row, high_potential=1e5)[0] == Call.FIX


def test_insights_present():
    rows = partner360.partner_360(results_with_partners())
    found = [f["text"] for f in partner360.insights(rows)]
    assert found == [
        "The best-fit partner, Cobalt (fit score 90/100), has the worst ROI at 36 months of all "
        "partners: \u221220.0%.",
        # Won deals known for Ironwood 10, Quartz 1, Vermilion 5: median 5.
        "Quartz shares the most accounts with us (77 accounts, worth USD\u00a0400,000 in open "
        "deals) but has 1 won deal (the median partner has 5).",
        "The top partner by revenue, Vermilion (USD\u00a0500,000), has no investment recorded "
        "and nobody trained.",
    ]


def test_insights_absent_when_the_data_does_not_support_them():
    partners = {k: [dict(r) for r in v] for k, v in PARTNERS.items()}
    partners["01-requirements-investment"][0]["roi_36m"] = 0.3  # Cobalt no longer the worst
    partners["01-requirements-investment"][0]["payback"] = "Month 20"
    partners["05-analytics"][1]["won_deals"] = 7  # Quartz at the median (10, 7, 5)
    partners["07-partner-landscape"][0]["trained_staff"] = None  # unknown, not nobody
    vermilion = {"partner_id": "P6", "partner": "Vermilion", "invested": 1000.0}
    partners["01-requirements-investment"].append(vermilion)  # invested in after all
    rows = partner360.partner_360(results_with_partners(partners))
    assert partner360.insights(rows) == []
    assert partner360.insights([]) == []


def test_a_negative_roi_that_is_not_the_worst_still_counts_for_the_best_fit():
    rows = [
        {"partner": "A", "fit_score": 95, "roi_36m": -0.1},
        {"partner": "B", "fit_score": 50, "roi_36m": -0.4},
    ]
    [found] = partner360.insights(rows)
    assert found["text"] == (
        "The best-fit partner, A (fit score 95/100), loses money: ROI at 36 months \u221210.0%."
    )


# --------------------------------------------------------------------------- gaps and tables


def test_data_gaps_grouped_per_report():
    gap = {"section": "Joint solutions", "reason": "no solutions.csv was supplied", "fill": "x"}
    results = {
        "01-requirements-investment": record("Requirements", not_shown=[gap]),
        "02-mvp-acquisition": record("Acquisition"),
    }
    assert executive.data_gaps(results) == [
        {
            "report": "Requirements",
            "notebook": "01-requirements-investment",
            "link": "01-requirements-investment.html",
            "gaps": [gap],
        }
    ]


def test_executive_tables_for_the_workbook():
    results = merged(ranked_results(), plan_results(), results_with_partners())
    tables = executive.executive_tables(results)
    assert [(t, s) for t, s, _ in tables] == [
        ("Top findings", "Executive summary"),
        ("Action plan", "Executive summary"),
        ("Partner 360", "Executive summary"),
    ]
    top, plan, partners = (frame for _, _, frame in tables)
    assert len(top) == 5 and list(top["Rank"]) == [1, 2, 3, 4, 5]
    assert len(plan) == 5
    assert len(partners) == 6 and partners.loc[0, "Partner"] == "Vermilion"
    assert {"ROI at 36 months", "Shared accounts", "Call", "Why"} <= set(partners.columns)
    assert partners.loc[1, "Paid back"] == "Yes" and pd.isna(partners.loc[0, "Paid back"])
    for frame in (top, plan, partners):
        assert not [c for c in frame.columns if "_" in c]


# --------------------------------------------------------------------------- the page

RUN = {"started": "2026-11-30T10:00:00", "seconds": 95.4, "packages": {"pandas": "2.2"}}


def nb(notebook, status="ok", error=""):
    """The runner's outcome of one notebook."""
    return {
        "notebook": notebook,
        "status": status,
        "seconds": 4.25,
        "error": error,
        "html": f"{notebook}.html" if status == "ok" else "",
        "executed": f"executed/{notebook}.ipynb",
        "log": f"logs/{notebook}.log" if status != "ok" else "",
    }


def text_of(html: str) -> str:
    """The page's text, tags removed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_front_page_order_and_content():
    results = merged(ranked_results(), plan_results(), results_with_partners())
    results["02-mvp-acquisition"]["headline"] = {"Potential revenue": "USD 8,727,200"}
    results["07-partner-landscape"]["partners"][0]["partner"] = "<script>alert(1)</script>"
    notebooks = [nb(k) for k in results] + [nb("09-broken", "failed", "Traceback\nValueError: x")]
    page = summary_page.index_html("Lumenar <b>Software</b>", results, notebooks, RUN)
    headings = re.findall(r"<h2(?: class=\"no-pack\")?>([^<]+)</h2>", page)
    assert headings == [
        "1 report could not be produced",
        "Top five findings",
        "Action plan",
        "Partner 360",
        "What this client's data could not show",
        "How this client compares",  # the industry's figures (and a portfolio, when given)
        "The reports",
        "Technical appendix",
    ]
    assert "Lumenar &lt;b&gt;Software&lt;/b&gt;" in page and "<script>alert" not in page
    assert "data as of 30 September 2026" in page
    assert "Report 09: Broken" in page and "ValueError: x" in page
    assert 'class="appendix"' in page and "took 1 min 35 s" in page
    assert 'class="no-pack"><a href="executed/01-requirements-investment.ipynb"' in page
    assert 'href="logs/09-broken.log"' in page
    assert "USD 8,727,200" in page and 'href="02-mvp-acquisition.html"' in page
    text = text_of(page)
    assert "1 of 9 reports failed." in text
    assert "To exit: Cobalt." in text
    for bad in ("None", "nan", "NaT", "(s)", "_"):
        assert bad not in text.replace("09-broken", "").replace("01-requirements", ""), bad


def test_front_page_with_nothing_to_show_says_so_per_section():
    results = {"01-requirements-investment": record("Requirements")}
    page = summary_page.index_html("Acme", results, [nb("01-requirements-investment")], RUN)
    text = text_of(page)
    assert "No report ranked a finding for this summary." in text
    assert "No report listed an action for this client." in text
    assert "No report recorded figures per partner" in text
    assert "Nothing: every section of every report had the data it needs." in text
    assert "could not be produced" not in text and "1 of 1 report completed." in text


def test_page_words():
    assert summary_page.long_date("2026-09-30") == "30 September 2026"
    assert summary_page.duration(35.2) == "35 seconds" and summary_page.duration(125) == (
        "2 min 5 s"
    )
    assert summary_page.cell("roi_36m", -0.25, "USD") == "\u221225.0%"
    assert summary_page.cell("revenue", None, "USD") == "\u2014"
    assert summary_page.trend_name("01-raises", {}) == "Report 01: Raises"


def test_partners_to_exit_are_named_up_to_ten():
    assert summary_page._names([]) == ""
    assert summary_page._names(list("ab")) == "a, b"
    assert (
        summary_page._names(list("abcdefghijkl"))
        == "a, b, c, d, e, f, g, h, i, j and 2 more partners"
    )


def test_index_tiles_of_a_large_client_carry_thousands_separators():
    """The report cards' figures from each trend's headline builder, on counts a large client
    has (hand-made: 4,560 of 7,680 paid back, 2,400 transaction and 7,200 value partners,
    1,200 key players, 480 of 1,440 candidates tied, 2,400 of 9,600 below their rating): the
    index page shows no count of four digits or more without its separator (a year aside)."""
    from playbook import communication_findings as cf
    from playbook import landscape_extra_findings as lxf
    from playbook import landscape_findings as lf
    from playbook import requirements_findings as rf
    from playbook.communication import EngagementModel
    from playbook.landscape import Quadrant
    from playbook.landscape_extra_findings import Extra
    from playbook.landscape_mindshare import Agreement

    port = {
        "invested": 1_634_592_000.0,
        "npv": 1_311_200_204.0,
        "npv_partners": 7_000,
        "with_investment": 7_680,
        "reached": 4_560,
        "not_computable": 1_200,
    }
    sentence = rf._investment_findings(
        port | {"active_partners": 9_600, "median_payback_month": 13.0, "why_missing": "x"},
        "USD",
        pd.Timestamp("2026-09-30"),
    )
    assert "; 4,560 of the 7,680 active partners with an investment have paid" in sentence[0]
    assert sentence[1] == (
        "Payback, ROI and NPV cannot be computed for 1,200 of 9,600 active partners: x."
    )
    paid = rf._headline(port, {"all_three": 0.55}, "USD")
    assert paid["Paid back"] == "4,560 of 7,680, 1,200 unknown"
    assert paid["Portfolio NPV"] == "USD\xa01,311,200,204 (7,000 of 7,680 partners)"
    models = [EngagementModel.TRANSACTION] * 2400 + [EngagementModel.VALUE] * 7200
    talk = cf._headline(pd.DataFrame({"model": models}), None, None)
    assert talk == {"Transaction partners": "2,400", "Value partners": "7,200"}
    grid = pd.DataFrame({"status": ["candidate"] * 1440, "ties": [1] * 480 + [0] * 960})
    quad = pd.DataFrame({"quadrant": [Quadrant.KEY_PLAYERS] * 1200 + [Quadrant.MONITOR] * 10})
    land = lf._headline(grid, quad, pd.DataFrame({"completeness": [0.5]}))
    mind = pd.DataFrame({"agreement": [Agreement.BELOW] * 2400 + [Agreement.AGREES] * 7200})
    land |= lxf.headline(Extra(mindshare=mind))
    assert land["Key players"] == "1,200"
    assert land["Candidates tied to competitors"] == "480 of 1,440"
    assert land["Mindshare below rating"] == "2,400 of 9,600"
    results = {
        "01-requirements-investment": record("Requirements", headline=paid),
        "07-partner-landscape": record("Landscape", headline=land),
        "08-partner-communication": record("Communication", headline=talk),
    }
    page = summary_page.index_html("Acme", results, [nb(k) for k in results], RUN)
    text = text_of(re.sub(r"<style.*?</style>", " ", page, flags=re.S))
    assert "4,560 of 7,680" in text and "Value partners 7,200" in text
    bare = [n for n in re.findall(r"(?<![\d,.])\d{4,}(?![\d,.])", text) if not 1900 < int(n) < 2100]
    assert bare == []
