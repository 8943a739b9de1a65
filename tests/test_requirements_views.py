"""Report views and definitions of trend 1's requirements (playbook.requirements_views)."""

from playbook import requirements_views


def test_definitions_list_the_fit_and_solution_rules_then_the_investment_model():
    from playbook.payback import PaybackAssumptions

    items = requirements_views.definitions(PaybackAssumptions(), "2024-06-30", default_min_score=3)
    assert "or below 3 (of 5) where the profile sets none" in items[1]
    assert not any("min_score" in i or "profile.yaml" in i for i in items)
    assert "all time up to 2024-06-30, influenced deals in full" in items[2]
    assert any("month 1 is not discounted" in i for i in items)
