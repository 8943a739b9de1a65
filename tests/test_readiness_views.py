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
    assert list(view.columns) == ["Item", "Dimension", "Question", "Score (0–5)", "Recommendation"]
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
    assert list(rdv.alignment_view(align).columns) == [
        "Partner",
        "Type",
        "Status",
        "Goal alignment",
    ]
