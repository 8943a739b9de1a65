"""Report views of partner communication (playbook.communication_views)."""

from playbook import communication_views as cv


def test_definitions_state_this_runs_parameters():
    text = " ".join(cv.definitions(2, 0.5, 50, {"win_rate": 3}, {"A": 0.9}))
    assert "at least 2 × the median" in text and "at most 0.5 × the program's average" in text
    assert "at least 50 recipients" in text
    assert "win rate weight 3" in text and "won deals weight 1" in text
    assert "A from 90, B from 60, C from 40, D from 20, F below" in text
    assert "ranks among this client's transaction partners, not a benchmark" in text
    assert "partners with no won deal count as 0" in text
