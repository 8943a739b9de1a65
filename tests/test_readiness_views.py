"""Trend 3 report views: readable headers."""

import pandas as pd

from playbook import readiness_views as rdv


def test_item_and_alignment_views_have_readable_headers():
    items = pd.DataFrame(
        {
            "item_id": ["CN1"],
            "dimension": ["customer_needs"],
            "question": ["Q?"],
            "score": [1.0],
            "recommendation": ["Do it"],
            "weight": [1],
        }
    )
    view = rdv.items_view(items)
    assert list(view.columns) == ["Item", "Dimension", "Question", "Score (0–5)", "Next step"]
    assert view.iloc[0].tolist() == ["CN1", "Customer needs", "Q?", "1", "Do it"]
    align = pd.DataFrame(
        {
            "partner_id": ["P1"],
            "name": ["A"],
            "type": ["isv"],
            "status": ["active"],
            "goal_alignment": ["partial"],
        }
    )
    view = rdv.alignment_view(align)
    assert list(view.columns) == ["Partner", "Type", "Status", "Goal alignment"]
    assert view.iloc[0].tolist() == ["A", "ISV", "Active", "Partly aligned"]
    counts = {"counts": {"aligned": 3, "partial": 1, "not asked": 2}, "recorded": 4}
    assert rdv.alignment_counts_view(counts).values.tolist() == [
        ["Partly aligned", 1, "25.0%"],
        ["Not asked", 2, "—"],
        ["Aligned", 3, "75.0%"],
    ]
