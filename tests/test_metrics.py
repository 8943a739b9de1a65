"""The report's metric catalogue (playbook.metrics)."""

from playbook import metrics


def test_every_report_metric_is_tagged_with_its_focus_area():
    focus = {m.label: m.focus for m in metrics.METRICS}
    assert len(metrics.METRICS) == 11
    assert focus["Receivables, share of revenue"] == "Credit quality"
    assert focus["Level of certification"] == "Investment"
    assert [m.key for m in metrics.METRICS if not m.visualise] == [
        "ar_to_revenue",
        "certification_level",
    ]


def test_only_certification_is_a_current_value():
    """The data holds a dated history of every input but the certification level."""
    assert metrics.current_only() == ["certification_level"]


def test_every_metric_names_known_inputs_and_a_denominator():
    for m in metrics.METRICS:
        assert m.inputs and set(m.inputs) <= set(metrics.TOTALS) | {"certification_level"}, m
        assert m.denominator, m.key
