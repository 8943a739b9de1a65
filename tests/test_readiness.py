"""Trend 3 calculations by hand: unanswered items, index, maturity bands, coverage, saving."""

from datetime import datetime

import pandas as pd
import pytest

from playbook import readiness as rd
from playbook.workspace import load_workspace

BANK = pd.DataFrame({
    "item_id": ["A1", "A2", "A3", "B1", "B2", "C1"],
    "dimension": ["customer_needs"] * 3 + ["goal_alignment"] * 2 + ["platform_readiness"],
    "question": list("qqqqqq"), "recommendation": list("rrrrrr")})


def answers(rows):
    return pd.DataFrame(rows, columns=["item_id", "score", "evidence"])


def test_unanswered_items_are_excluded_not_zero():
    """customer_needs: A1 4, A2 2, A3 blank → mean 3 → 60. goal_alignment: B1 5, B2 absent →
    100. platform_readiness: nothing answered → missing. Index (weights 1, 1) = 80; with
    goal_alignment weighted 3: (60 + 300) / 4 = 90."""
    items = rd.scored_items(answers([("A1", 4, ""), ("A2", 2, ""), ("A3", None, ""),
                                     ("B1", 5, "")]), BANK)
    dims = rd.dimension_scores(items)
    assert dims.loc["customer_needs", "score"] == pytest.approx(60)
    assert dims.loc["customer_needs", "unanswered"] == 1
    assert dims.loc["goal_alignment", "score"] == pytest.approx(100)
    assert pd.isna(dims.loc["platform_readiness", "score"])
    assert rd.readiness_index(dims) == pytest.approx(80)
    weighted = rd.dimension_scores(items, {"goal_alignment": 3})
    assert rd.readiness_index(weighted) == pytest.approx(90)
    gap = rd.gaps(items, threshold=2)
    assert list(gap["item_id"]) == ["A2"]


@pytest.mark.parametrize("index, level", [(0, "Ad hoc"), (19.99, "Ad hoc"), (20, "Emerging"),
                                          (59.9, "Defined"), (60, "Managed"), (80, "Optimised"),
                                          (100, "Optimised"), (float("nan"), "not assessed")])
def test_maturity_band_boundaries(index, level):
    assert rd.maturity(index) == level


def test_industry_coverage_by_hand():
    partners = pd.DataFrame({"status": ["active", "active", "active", "candidate"],
                             "industry": ["Retail", "Retail", "Energy", "Energy"]})
    accounts = pd.DataFrame({"status": ["customer"] * 4 + ["prospect"],
                             "industry": ["Retail", "Energy", "Energy", "Health", "Retail"]})
    cov = rd.industry_coverage(partners, accounts, min_partners=2)
    assert cov.loc["Retail", "partner_share"] == pytest.approx(2 / 3)
    assert cov.loc["Energy", "customer_share"] == pytest.approx(2 / 4)
    assert list(cov.index[cov["gap"]]) == ["Energy", "Health"]


def test_goal_alignment_overall():
    partners = pd.DataFrame({"partner_id": list("ABCDE"), "name": list("ABCDE"),
                             "type": "isv", "status": ["active"] * 4 + ["inactive"],
                             "goal_alignment": ["aligned", "partial", "misaligned", None,
                                                "aligned"]})
    table, overall = rd.goal_alignment(partners)
    assert overall["score"] == pytest.approx(0.5)  # (1 + 0.5 + 0) / 3
    assert overall["share_aligned"] == pytest.approx(0.25)
    assert overall["counts"]["not asked"] == 1
    assert list(table["name"]) == ["C", "B", "D", "A"]  # misaligned first


def test_save_answers_keeps_previous_version_and_is_picked_up(tiny):
    (tiny / "readiness.csv").write_text("item_id,score,evidence\nCN1,1,old\n")
    new = answers([("CN1", 4, "workshop"), ("CN2", None, "")])
    rd.save_answers(tiny, new, now=datetime(2026, 1, 2, 3, 4, 5))
    assert (tiny / ".history" / "readiness-20260102-030405.csv").read_text().endswith(
        "CN1,1,old\n")
    ws = load_workspace(tiny)
    table = ws.table("readiness").set_index("item_id")
    assert table.loc["CN1", "score"] == 4 and pd.isna(table.loc["CN2", "score"])
    assert not list(tiny.glob(".*.tmp"))


def test_save_answers_writes_the_file_the_profile_maps_readiness_to(tiny):
    profile = tiny / "profile.yaml"
    profile.write_text(profile.read_text() + 'files: {readiness: "Readiness survey.csv"}\n')
    (tiny / "Readiness survey.csv").write_text("item_id,score,evidence\nCN1,1,old\n")
    written = rd.save_answers(tiny, answers([("CN1", 5, "")]), now=datetime(2026, 1, 2))
    assert written.name == "Readiness survey.csv" and not (tiny / "readiness.csv").exists()
    assert load_workspace(tiny).table("readiness").set_index("item_id").loc["CN1", "score"] == 5


@pytest.mark.parametrize("rows, message", [([("ZZ9", 3, "")], "unknown question"),
                                           ([("CN1", 7, "")], "0–5"),
                                           ([("CN1", "lots", "")], "0–5")])
def test_save_answers_refuses_bad_input_and_writes_nothing(tiny, rows, message):
    with pytest.raises(rd.ReadinessSaveError, match=message):
        rd.save_answers(tiny, answers(rows))
    assert not (tiny / "readiness.csv").exists()


def test_save_answers_into_an_excel_workspace(tmp_path):
    from conftest import TINY

    ws = tmp_path / "xl"
    ws.mkdir()
    (ws / "profile.yaml").write_text("name: X\nclient_id: x\n")
    with pd.ExcelWriter(ws / "client.xlsx") as xl:
        for name, text in TINY.items():
            pd.read_csv(pd.io.common.StringIO(text), dtype=str).to_excel(xl, sheet_name=name,
                                                                          index=False)
    rd.save_answers(ws, answers([("PR1", 5, "API docs")]), now=datetime(2026, 1, 1))
    assert (ws / ".history" / "client-20260101-000000.xlsx").exists()
    assert load_workspace(ws).table("readiness").loc[0, "score"] == 5


def test_item_and_alignment_views_have_readable_headers():
    items = pd.DataFrame({"item_id": ["CN1"], "dimension": ["customer_needs"],
                          "question": ["Q?"], "score": [1.0], "recommendation": ["Do it"],
                          "weight": [1]})
    view = rd.items_view(items)
    assert list(view.columns) == ["Item", "Dimension", "Question", "Score (0–5)",
                                  "Recommendation"]
    assert view.iloc[0].tolist() == ["CN1", "Customer needs", "Q?", "1", "Do it"]
    align = pd.DataFrame({"partner_id": ["P1"], "name": ["A"], "type": ["isv"],
                          "status": ["active"], "goal_alignment": ["partial"]})
    assert list(rd.alignment_view(align).columns) == ["Partner", "Type", "Status",
                                                      "Goal alignment"]
