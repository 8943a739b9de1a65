"""The shipped reference profile and benchmark (program_reference) by hand: standing against a
mark, profiled programs on the measures' scale, the best profiled value."""

import numpy as np
import pandas as pd
import pytest

from playbook import program_reference as pr
from playbook.schema import BENCHMARK_MEASURES


def test_measures_are_the_schema_values_and_elements_exist():
    assert tuple(pr.MEASURES) == BENCHMARK_MEASURES
    assert all(m.element in pr.REFERENCE_BY_KEY for m in pr.MEASURES.values() if m.element)


@pytest.mark.parametrize(
    ("value", "mark", "higher", "standing"),
    [
        (0.5, 0.5, True, "meets the mark"),
        (0.49, 0.5, True, "short of the mark"),
        (90, 90, False, "meets the mark"),
        (91, 90, False, "short of the mark"),
        (np.nan, 90, False, "not known"),
        (None, 0.5, True, "not known"),
    ],
)
def test_against_mark(value, mark, higher, standing):
    assert pr.against_mark(value, mark, higher) == standing


def test_benchmark_by_hand():
    programs = pr.profiled(
        pd.DataFrame(
            {
                "program": ["A", "B", "A"],
                "measure": ["quick_win_share", "quick_win_share", "median_days_to_first_win"],
                "value": [55.0, 40.0, 80.0],
                "source": ["keynote", "", "keynote"],
            }
        )
    )
    assert list(programs["value"]) == [0.55, 0.40, 80.0]  # shares entered in %
    measured = {
        "quick_win_share": 0.4,
        "median_days_to_first_win": 100,
        "checkbox_share": 0.0,
        "certified_share": 0.6,
        "partner_win_rate": np.nan,
        "health_green_share": None,
    }
    t = pr.benchmark(measured, programs, {"partner_win_rate": 0.25}).set_index("measure")
    assert t.loc["quick_win_share", ["standing", "best_program", "programs"]].tolist() == [
        "short of the mark",
        "A",
        2,
    ]
    assert t.loc["quick_win_share", "best_profiled"] == pytest.approx(0.55)
    assert t.loc["quick_win_share", "against_best"] == "short of the mark"
    assert t.loc["median_days_to_first_win", "standing"] == "short of the mark"  # 100 > 90
    assert t.loc["median_days_to_first_win", "best_profiled"] == 80
    assert t.loc["checkbox_share", "standing"] == "meets the mark"  # 0 ≤ 10 %
    assert t.loc["checkbox_share", "against_best"] == ""  # nobody profiled it
    assert t.loc["certified_share", "standing"] == "meets the mark"
    assert t.loc["partner_win_rate", "mark"] == 0.25
    assert t.loc["partner_win_rate", "standing"] == "not known"
    assert t.loc["health_green_share", "standing"] == "not known"


def test_recorded_investment_stops_at_the_as_of_date():
    inv = pd.DataFrame(
        {
            "partner_id": ["P1", "P1", "P2"],
            "date": pd.to_datetime(["2024-01-01", "2024-12-31", "2025-01-01"]),
            "amount": [100.0, 50.0, 70.0],
        }
    )
    assert pr.recorded_investment(inv, "2024-12-31").to_dict() == {"P1": 150.0}
