"""Trend 4 report text (playbook.buyin_views): the report's definitions state this run's
thresholds."""

from playbook import buyin_views


def test_definitions_state_this_runs_thresholds():
    text = " ".join(
        buyin_views.definitions(green_at=0.9, amber_at=0.75, skill_target=3.5, skill_low=2)
    )
    assert "green at 90.0% or more, amber at 75.0% or more" in text
    assert "a gap below 3.5; the low mark for a person is 2" in text
    assert "16 standard items" in text and "completed after the as-of date" in text
