"""Charts: panels without data are left out and named; long bar panels show the top values."""

import pandas as pd


def test_charts_leave_out_metrics_without_data_and_name_them():
    """No staff table: revenue/person has no value anywhere, so it gets no empty panel."""
    from playbook import charts

    frame = pd.DataFrame(
        {"label": ["North", "South"], "asp": [10.0, 20.0], "revenue_per_person": [float("nan")] * 2}
    )
    metrics = [("revenue_per_person", "Revenue / person", "money"), ("asp", "ASP", "money")]
    fig = charts.metric_bars(frame, metrics, "label", "By area")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["ASP"]
    assert any(
        "Not computable from the tables supplied: Revenue / person" in t.get_text()
        for t in fig.texts
    )
    trend = frame.set_index("label")
    fig = charts.trend_lines(trend, metrics, "Over time")
    assert [ax.get_title() for ax in fig.axes if ax.get_visible()] == ["ASP"]


def test_bar_panels_show_the_top_values_and_say_so():
    from playbook import charts

    frame = pd.DataFrame(
        {"label": [f"M{i}" for i in range(30)], "asp": [float(i) for i in range(30)]}
    )
    fig = charts.metric_bars(frame, [("asp", "ASP", "money")], "label", "By manager", limit=5)
    [ax] = [a for a in fig.axes if a.get_visible()]
    assert ax.get_title() == "ASP (top 5 of 30)"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["M25", "M26", "M27", "M28", "M29"]


def test_trend_lines_draw_a_current_value_as_one_point_not_a_line():
    from playbook import charts

    frame = pd.DataFrame(
        {"asp": [1.0, 2.0, 3.0], "certification_level": [float("nan")] * 2 + [2.5]},
        index=["2024Q2", "2024Q3", "2024Q4"],
    )
    metrics = [("asp", "ASP", "money"), ("certification_level", "Certification", "score")]
    fig = charts.trend_lines(frame, metrics, "Over time", current_only=["certification_level"])
    asp, cert = [ax for ax in fig.axes if ax.get_visible()]
    assert cert.get_title() == "Certification (current value only)"
    [line] = cert.get_lines()
    assert line.get_linestyle() == "None"
    assert asp.get_title() == "ASP" and asp.get_lines()[0].get_linestyle() == "-"
