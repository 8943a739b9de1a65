"""Charts: panels without data are left out and named; long bar panels show the top values."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_rgba


@pytest.fixture(autouse=True)
def _close_figures():
    """Each test's figures are closed after it (pyplot keeps every figure until closed)."""
    yield
    plt.close("all")


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


def _colours(artists) -> set[str]:
    from matplotlib.colors import to_hex

    return {to_hex(a.get_facecolor()).upper() for a in artists}


def _bar_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.texts if t.get_text()]


def test_bars_carry_their_values_in_palette_colours_from_zero():
    from playbook import charts
    from playbook.palette import PRIMARY

    values = pd.Series([4, 1316, 7], index=["Low-hanging fruit", "Mid", "Cold"])
    fig = charts.bars(values, "Most partners are mid tier", "partners")
    [ax] = fig.axes
    assert _colours(ax.patches) == {PRIMARY.upper()}
    assert _bar_labels(ax) == ["4", "1,316", "7"]
    assert ax.get_xlim()[0] == 0
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()

    fig = charts.bars(
        pd.Series([1234567.0, -5000.0], index=["A", "B"]), "T", money=True, currency="USD"
    )
    assert _bar_labels(fig.axes[0]) == ["USD\u00a01,234,567", "\u2212USD\u00a05,000"]
    assert fig.axes[0].get_xlim()[0] < -5000
    fig = charts.bars(pd.Series([0.123, 0.5], index=["A", "B"]), "T", percent=True)
    assert _bar_labels(fig.axes[0]) == ["12.3%", "50.0%"]


def test_metric_panels_label_bars_as_their_unit_measures():
    from playbook import charts

    frame = pd.DataFrame({"label": ["N", "S"], "asp": [1500.0, 20.0], "cert": [1.5, 2.25]})
    metrics = [("asp", "ASP", "money"), ("cert", "Certification", "score")]
    fig = charts.metric_bars(frame, metrics, "label", "North sells dearer", currency="EUR")
    asp, cert = [ax for ax in fig.axes if ax.get_visible()]
    assert _bar_labels(asp) == ["EUR\u00a020", "EUR\u00a01,500"]
    assert _bar_labels(cert) == ["1.50", "2.25"]
    assert asp.get_xlim()[0] == 0 and cert.get_xlim()[0] == 0


def test_trend_axes_start_at_zero():
    from playbook import charts

    frame = pd.DataFrame({"asp": [1000.0, 1010.0, 1020.0]}, index=["Q1", "Q2", "Q3"])
    fig = charts.trend_lines(frame, [("asp", "ASP", "money")], "Flat selling price")
    [ax] = [a for a in fig.axes if a.get_visible()]
    assert ax.get_ylim()[0] == 0


def test_series_use_the_palette_and_heatmaps_no_red_green():
    from matplotlib.colors import to_hex

    from playbook import charts
    from playbook.palette import SEQUENTIAL, SERIES

    frame = pd.DataFrame({"s": [10.0, 20.0], "i": [5.0, 1.0]}, index=["ISV", "Platform"])
    fig = charts.stacked_bars(frame, ["Sourced", "Influenced"], "Platforms lead", currency="USD")
    [ax] = fig.axes
    assert _colours(ax.patches) == {SERIES[0].upper(), SERIES[1].upper()}
    assert "USD\u00a021" in _bar_labels(ax)  # Platform's total at the end of its bar
    assert ax.get_xlim()[0] == 0
    stages = pd.DataFrame({"traffic": [100, 200], "closed": [2, 19]}, index=["Cold", "Warm"])
    fig = charts.funnel(stages, "Warm partners close more")
    [ax] = fig.axes
    assert ax.get_yscale() == "linear" and ax.get_ylim()[0] == 0
    assert _bar_labels(ax) == ["100", "2", "200", "19"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Traffic", "Closed"]
    line = charts.trend_lines(
        pd.DataFrame({"asp": [1.0, 2.0]}, index=["Q1", "Q2"]), [("asp", "ASP", "money")], "T"
    )
    assert to_hex(line.axes[0].get_lines()[0].get_color()).upper() == SERIES[0].upper()

    skills = pd.DataFrame({"recruiting": [0.0, 5.0], "enablement": [2.5, None]}, index=["A", "B"])
    fig = charts.heatmap(skills, "Enablement is the gap")
    ax = fig.axes[0]
    assert ax.images[0].get_cmap().name == SEQUENTIAL
    text = {t.get_text(): t.get_color() for t in ax.texts}
    assert text["0"] == "black" and text["5"] == "white"  # dark blue cell: white text
    assert text["—"] != "white"


def test_long_titles_wrap_instead_of_overflowing():
    from playbook import charts

    title = "Platform partners bring 48% of partner revenue " * 4
    fig = charts.bars(pd.Series([1, 2], index=["A", "B"]), title.strip())
    assert "\n" in fig.axes[0].get_title()
    fig = charts.bars(pd.Series([1, 2], index=["A", "B"]), "Short finding")
    assert fig.axes[0].get_title() == "Short finding"


def test_bars_take_rag_colours_from_their_statuses():
    from playbook import charts
    from playbook.palette import RAG

    values = pd.Series([74, 40, 90], index=["Apex", "Birch", "Cobalt"])
    fig = charts.bars(values, "One partner is red", statuses=["Amber", "Red", "Green"])
    [ax] = fig.axes
    assert [p.get_facecolor() for p in ax.patches] == [
        to_rgba(RAG["amber"]),
        to_rgba(RAG["red"]),
        to_rgba(RAG["green"]),
    ]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Red", "Amber", "Green"]


def test_long_bar_charts_draw_the_largest_in_the_callers_order_and_say_so():
    """A series or frame of 2,400 rows (a large client's components) draws 3 bars here: the
    largest values / totals, kept in the order given, and the title says "top 3 of 2,400"."""
    from playbook import charts

    values = pd.Series([1.0] * 2400, index=[f"C{i}" for i in range(2400)])
    values.iloc[[5, 900, 17]] = [9.0, 8.0, 7.0]
    fig = charts.bars(values, "Builds", limit=3, statuses=["Red"] * 2400)
    [ax] = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["C5", "C17", "C900"]
    assert ax.get_title().endswith("(top 3 of 2,400)")
    frame = pd.DataFrame({"live": [1.0] * 2400, "planned": [0.0] * 2400}, index=values.index)
    frame.iloc[[2000, 3], 1] = [5.0, 4.0]
    frame.iloc[7, 0] = 3.0
    fig = charts.stacked_bars(frame, ["Live", "Planned"], "Status", money=False, limit=3)
    [ax] = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["C3", "C7", "C2000"]
    assert _bar_labels(ax)[-3:] == ["5", "3", "6"]  # each bar's total (live + planned)
    assert ax.get_title().endswith("(top 3 of 2,400)")
    fig = charts.bars(values.head(3), "Few")
    assert fig.axes[0].get_title() == "Few"


def test_bars_draw_every_row_once_when_two_share_a_name():
    """3 partners, two called "Acme": three bars at three heights, the two told apart by the
    ids given, else by a number in order of occurrence; a name seen once is drawn as it is."""
    from playbook import charts

    values = pd.Series([5.0, 3.0, 2.0], index=["Acme", "Birch", "Acme"])
    fig = charts.bars(values, "Deals", ids=["P1", "P2", "P3"])
    [ax] = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Acme (P1)", "Birch", "Acme (P3)"]
    assert sorted(p.get_y() for p in ax.patches) == pytest.approx([-0.4, 0.6, 1.6])
    assert [p.get_width() for p in ax.patches] == [5.0, 3.0, 2.0]
    fig = charts.bars(values, "Deals")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Acme (1)", "Birch", "Acme (2)"]


def test_stacked_bars_of_rows_sharing_a_name_and_the_top_of_all_rows():
    """4 rows named "ERP API" and a 5th "Feed", limit 2: the 2 largest totals are drawn as two
    bars, numbered among all 4 "ERP API" rows, and the title counts the 5 rows (not 5 × 4)."""
    from playbook import charts

    frame = pd.DataFrame(
        {"live": [1.0, 9.0, 1.0, 1.0, 8.0], "planned": [0.0, 3.0, 0.0, 0.0, 0.0]},
        index=["ERP API", "ERP API", "ERP API", "ERP API", "Feed"],
    )
    fig = charts.stacked_bars(frame, ["Live", "Planned"], "Builds", money=False, limit=2)
    [ax] = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ERP API (2)", "Feed"]
    assert len(ax.patches) == 4  # 2 bars × 2 segments
    assert ax.get_title().endswith("(top 2 of 5)")


def test_told_apart_numbers_where_ids_are_missing_or_repeat():
    """The one rule: once-seen names kept; repeats by id; a blank or repeated id numbered."""
    from playbook.labels import told_apart

    names = ["Priya Nair", "Omar", "Priya Nair", "Priya Nair", "Priya Nair"]
    ids = ["S03-56", "S1", None, "S9", "S9"]
    assert told_apart(names, ids) == [
        "Priya Nair (S03-56)",
        "Omar",
        "Priya Nair",
        "Priya Nair (S9) (1)",
        "Priya Nair (S9) (2)",
    ]
    assert told_apart(["A", "B"]) == ["A", "B"]
