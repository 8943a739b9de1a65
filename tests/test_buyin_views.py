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


def test_a_large_teams_heatmap_shows_the_people_weakest_in_the_skill_its_title_names():
    """Three channel managers, two called Priya Nair. Team means: enablement (5 + 1 + 2) ÷ 3
    = 2.7, every other skill 10 ÷ 3 = 3.3, so enablement is the weakest. Cut to 2 rows, the
    lowest average would keep S1 (mean 1.8, enablement 5) and S2 (3.4), arguing against the
    title; the heatmap keeps the two lowest enablement scores, S2 (1) and S3 (2), S2 told
    apart from S1 by its id."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from playbook import buyin, charts

    staff = pd.DataFrame(
        {
            "staff_id": ["S1", "S2", "S3"],
            "name": ["Priya Nair", "Priya Nair", "Omar Haddad"],
            "role": ["channel_manager"] * 3,
            "area": ["North"] * 3,
            "start_date": [pd.NaT] * 3,
            "end_date": [pd.NaT] * 3,
            "skill_recruiting": [1.0, 4.0, 5.0],
            "skill_enablement": [5.0, 1.0, 2.0],
            "skill_technical": [1.0, 4.0, 5.0],
            "skill_joint_selling": [1.0, 4.0, 5.0],
            "skill_analytics": [1.0, 4.0, 5.0],
        }
    )
    people, team = buyin.personnel(staff, "2026-06-30")
    matrix = buyin_views.competency_matrix(people)
    assert matrix.index.tolist() == [
        "Priya Nair (Channel manager) (S1)",
        "Priya Nair (Channel manager) (S2)",
        "Omar Haddad (Channel manager)",
    ]
    assert buyin_views.weakest_skill(team) == "enablement"
    title = buyin_views.heatmap_title(team)
    fig = charts.heatmap(matrix, title, limit=2, sort_by=buyin_views.weakest_skill(team))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Priya Nair (Channel manager) (S2)",
        "Omar Haddad (Channel manager)",
    ]
    assert " ".join(ax.get_title().split()) == (
        "Enablement is the team's weakest skill (mean 2.7 of 5) (2 of 3 with the lowest "
        "enablement score)"
    )
    plt.close("all")
