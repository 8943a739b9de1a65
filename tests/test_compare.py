"""``playbook compare``: two hand-made runs of one client, the deltas worked out by hand."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from handmade_runs import make_run

from playbook.cli import main
from playbook.compare import (
    assumption_changes,
    compare_runs,
    input_changes,
    page_html,
    what_changed,
)
from playbook.exceptions import RunReadError
from playbook.run_record import read_run


@pytest.fixture
def two_runs(tmp_path):
    """The older run (as of 30 June) was started AFTER the newer one (as of 30 September):
    order is by as-of. Report 02 failed in the older run."""
    older = make_run(
        tmp_path,
        "acme-20261015-100000",
        "acme",
        "2026-06-30",
        {
            "01": {"documentation": {"all_three": 0.4}},
            "03": {"readiness_index": 50.0, "gaps": ["a", "b", "c"]},
            "04": {"checklist_done": 3, "checklist_items": 10},
            "05": {"revenue": 1000.0},
        },
        started="2026-10-15T10:00:00",
        inputs={"deals.csv": "aaa", "partners.csv": "bbb", "old.csv": "ccc"},
        parameters={"01": {"as_of": "2026-06-30", "discount_rate": 0.1}},
        failed=("02",),
    )
    newer = make_run(
        tmp_path,
        "acme-20261001-090000",
        "acme",
        "2026-09-30",
        {
            "01": {"documentation": {"all_three": 0.4}},
            "02": {"potential_revenue": 5000.0},
            "03": {"readiness_index": 55.0, "gaps": ["a"]},
            "04": {"checklist_done": 5, "checklist_items": 10},
            "05": {"revenue": 1200.0},
        },
        started="2026-10-01T09:00:00",
        inputs={"deals.csv": "aa2", "partners.csv": "bbb", "new.csv": "ddd"},
        parameters={"01": {"as_of": "2026-09-30", "discount_rate": 0.12, "credit_share": 0.5}},
    )
    return older, newer


def _rows(cmp):
    return {f.key: f for f in cmp.figures}


def test_figures_inputs_and_assumptions_worked_out_by_hand(two_runs):
    older, newer = two_runs
    cmp = compare_runs(read_run(newer), read_run(older))  # given newer first
    assert (cmp.older.path, cmp.newer.path) == (older, newer)
    rows = _rows(cmp)
    # 03: 50 → 55, higher is better
    assert (rows["03.index"].change_text, rows["03.index"].verdict) == ("+5", "better")
    # 03 gap items 3 → 1, fewer is better
    assert (rows["03.gaps"].change_text, rows["03.gaps"].verdict) == ("−2", "better")
    # 05: USD 1,000 → USD 1,200
    assert rows["05.revenue"].change == 200
    assert rows["05.revenue"].change_text == "+USD\u00a0200"
    # 04: 3 of 10 (30 %) → 5 of 10 (50 %) is 20 points
    assert rows["04.checklist"].change_text == "+20.0 pts"
    # 01: 40 % both times
    assert (rows["01.documented"].change_text, rows["01.documented"].verdict) == (
        "no change",
        "same",
    )
    # 02 failed in the older run: missing, no change computed, the reason named
    potential = rows["02.potential"]
    assert (potential.before, potential.before_text, potential.after_text) == (
        None,
        "—",
        "USD\u00a05,000",
    )
    assert (potential.change, potential.change_text, potential.verdict) == (None, "—", "")
    assert potential.why == "report 02 failed in the older run"
    # 06 was in neither run
    assert rows["06.sourced"].why == (
        "report 06 was not part of the older run; report 06 was not part of the newer run"
    )
    assert cmp.inputs == {
        "added": ["new.csv"],
        "removed": ["old.csv"],
        "changed": ["deals.csv"],
        "unchanged": 1,
    }
    assert cmp.assumptions == [
        {
            "report": "01-requirements-investment",
            "name": "Partner's share of influenced margin",
            "before": "the report's default",
            "after": "0.5",
        },
        {
            "report": "01-requirements-investment",
            "name": "Annual discount rate",
            "before": "0.1",
            "after": "0.12",
        },
    ]
    lines = what_changed(cmp)
    assert lines[0] == "The data moved from 30 June 2026 to 30 September 2026."
    assert (
        lines[1]
        == "Data: 1 file changed (deals.csv), 1 added (new.csv), 1 removed (old.csv); 1 unchanged."
    )
    assert lines[2] == "Assumptions: 2 values changed."
    # changed: 03 index, 03 gaps, 04 checklist, 05 revenue (and its per-person ratio is absent)
    assert (
        lines[3]
        == "Figures: 4 headline figures changed (4 better, 0 worse, 0 neither better nor worse)."
    )


def test_a_rerun_with_the_same_data_and_assumptions_shows_no_change(tmp_path):
    figures = {"03": {"readiness_index": 61.0, "gaps": []}, "05": {"revenue": 10.0}}
    args = dict(inputs={"deals.csv": "x"}, parameters={"03": {"as_of": "2026-09-30"}})
    first = make_run(tmp_path, "a-1", "a", "2026-09-30", figures, "2026-10-01T09:00:00", **args)
    again = make_run(tmp_path, "a-2", "a", "2026-09-30", figures, "2026-10-02T09:00:00", **args)
    cmp = compare_runs(read_run(again), read_run(first))
    assert cmp.older.path == first  # same as-of: the earlier start is the older
    assert {f.verdict for f in cmp.figures if f.change is not None} == {"same"}
    assert cmp.assumptions == [] and cmp.inputs["changed"] == [] and cmp.inputs["unchanged"] == 1
    assert what_changed(cmp) == [
        "Both runs hold data as of 30 September 2026.",
        "Data: no input file changed (1 unchanged).",
        "Assumptions: none changed.",
        "Figures: no headline figure changed.",
    ]


def test_two_clients_are_refused_with_both_named(tmp_path):
    a = make_run(tmp_path, "a-1", "acme", "2026-09-30", {"05": {"revenue": 1.0}})
    b = make_run(tmp_path, "b-1", "zeta", "2026-09-30", {"05": {"revenue": 1.0}})
    with pytest.raises(RunReadError, match="client 'acme'.*client 'zeta'.*playbook portfolio"):
        compare_runs(read_run(a), read_run(b))


def test_money_in_two_currencies_is_not_compared(tmp_path):
    a = make_run(tmp_path, "a-1", "acme", "2026-06-30", {"05": {"revenue": 1.0}})
    b = make_run(tmp_path, "a-2", "acme", "2026-09-30", {"05": {"revenue": 2.0}}, currency="EUR")
    row = _rows(compare_runs(read_run(a), read_run(b)))["05.revenue"]
    assert (row.change, row.change_text) == (None, "—")
    assert row.why == "the runs are in different currencies (USD, EUR)"


def test_unreadable_runs_say_file_key_and_what_was_expected(tmp_path):
    run = make_run(tmp_path, "a-1", "acme", "2026-09-30", {"05": {"revenue": 1.0}})
    (tmp_path / ".a-2.partial").mkdir()
    with pytest.raises(RunReadError, match="never finished"):
        read_run(tmp_path / ".a-2.partial")
    manifest = json.loads((run / "manifest.json").read_text())
    del manifest["client"]["client_id"]
    (run / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(RunReadError, match=r"manifest.json: key 'client.client_id' is None"):
        read_run(run)
    (run / "results.json").write_text("{oops")
    with pytest.raises(RunReadError, match=r"results.json: not valid JSON at line 1"):
        read_run(run)


def test_pure_diffs():
    assert input_changes({"a": "1"}, {"a": "1"}) == {
        "added": [],
        "removed": [],
        "changed": [],
        "unchanged": 1,
    }
    before = {"notebooks": [{"notebook": "05-analytics", "parameters": {"window_months": 12}}]}
    after = {"notebooks": [{"notebook": "05-analytics", "parameters": {"interactive": True}}]}
    assert [(r["before"], r["after"]) for r in assumption_changes(before, after)] == [
        ("12", "the report's default")
    ]


def test_page_escapes_client_text_and_stays_offline(two_runs, tmp_path):
    older, newer = two_runs
    manifest = json.loads((newer / "manifest.json").read_text())
    manifest["client"]["name"] = "<script>alert(1)</script>"
    (newer / "manifest.json").write_text(json.dumps(manifest))
    cmp = compare_runs(read_run(older), read_run(newer))
    html = page_html(cmp, tmp_path / "compare.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "http://" not in html and "https://" not in html
    assert 'href="acme-20261001-090000/index.html"' in html


def test_cli_prints_and_writes_the_page(two_runs, tmp_path):
    older, newer = two_runs
    result = CliRunner().invoke(main, ["compare", str(newer), str(older)])
    assert result.exit_code == 0, result.output
    page = tmp_path / "compare-acme-20261015-100000-to-acme-20261001-090000.html"
    assert f"Comparison written to {page}" in result.output
    assert "The data moved from 30 June 2026 to 30 September 2026." in result.output
    assert "assumption 01-requirements-investment Annual discount rate: 0.1 → 0.12" in result.output
    assert page.exists()
    refused = CliRunner().invoke(main, ["compare", str(newer), str(tmp_path / "nothing")])
    assert refused.exit_code == 2 and "not a folder" in refused.output


def test_assumptions_recorded_with_their_sources():
    """A manifest of today records every assumption with its source: a value moved from the
    default (0.3) to the client profile (0.4) is a change and says where it came from; a
    default recorded beside an older manifest that recorded nothing is no change."""

    def manifest(entries):
        return {"notebooks": [{"notebook": "01-requirements-investment", "assumptions": entries}]}

    default = {"value": 0.3, "source": "default"}
    before = manifest(
        {"credit_share": default, "horizon_months": {"value": 36, "source": "default"}}
    )
    after = manifest(
        {
            "credit_share": {"value": 0.4, "source": "profile"},
            "horizon_months": {"value": 36, "source": "run"},
        }
    )
    assert [(r["name"], r["before"], r["after"]) for r in assumption_changes(before, after)] == [
        ("Partner's share of influenced margin", "0.3 (playbook default)", "0.4 (client profile)")
    ]
    older = {"notebooks": [{"notebook": "01-requirements-investment", "parameters": {}}]}
    assert assumption_changes(older, before) == []


def test_the_same_run_twice_is_refused(two_runs):
    older, _ = two_runs
    with pytest.raises(RunReadError, match="given twice"):
        compare_runs(read_run(older), read_run(older))
