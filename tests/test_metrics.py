"""The report's metric catalogue (playbook.metrics)."""

from playbook import metrics


def test_every_report_metric_is_tagged_with_its_focus_area():
    focus = {m.label: m.focus for m in metrics.METRICS}
    assert len(metrics.METRICS) == 11
    assert focus["Accounts receivable / revenue"] == "Credit quality"
    assert focus["Level of certification"] == "Investment"
    assert [m.key for m in metrics.METRICS if not m.visualise] == [
        "ar_to_revenue",
        "certification_level",
    ]
