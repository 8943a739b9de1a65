"""Run history of a client (playbook.history, history_lists, rundir.finished_runs, the pages).

Every figure below is worked out by hand from the two hand-made quarters ``q2`` (as of
30 June 2026) and ``q3`` (as of 30 September 2026) written in this file; no notebook runs.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from playbook import history, results, summary_page
from playbook.history_lists import changes
from playbook.report_frame import HISTORY, add_history, frame_page
from playbook.results import TrendResult
from playbook.rundir import RunFolder, finish_run, finished_runs
from playbook.workspace import load_workspace

_01, _02, _03, _04 = (
    "01-requirements-investment",
    "02-mvp-acquisition",
    "03-readiness",
    "04-organisation-buy-in",
)
_05, _08 = "05-analytics", "08-partner-communication"


def record(notebook: str, as_of: str, figures: dict, partners: list | None = None) -> dict:
    """One report's entry of ``results.json``."""
    title = {_01: "Requirements", _02: "Acquisition", _03: "Readiness", _08: "Communication"}
    return {
        "notebook": notebook,
        "title": title.get(notebook, notebook),
        "as_of": as_of,
        "currency": "USD",
        "figures": figures,
        "partners": partners or [],
    }


def milestone(pid: str, text: str, due: str | None, done: bool, overdue: bool) -> dict:
    return {"partner_id": pid, "milestone": text, "due_date": due, "done": done, "overdue": overdue}


def checklist(done: int, overdue: list[str]) -> list[dict]:
    """Eight channel-checklist items CL1 … CL8: the first ``done`` done, ``overdue`` overdue."""
    return [
        {
            "item_id": f"CL{k}",
            "task": f"Task {k}",
            "owner": "",
            "due_date": "2026-05-01",
            "done": k <= done,
            "overdue": f"CL{k}" in overdue,
        }
        for k in range(1, 9)
    ]


def q2() -> dict:
    """The earlier quarter."""
    d = "2026-06-30"
    return {
        _01: record(
            _01,
            d,
            {"invested": 1000.0, "payback_reached": 1, "npv": -200.0},
            [
                {"partner_id": "P1", "partner": "Alpha <Apps>", "paid_back": False},
                {"partner_id": "P2", "partner": "Beta", "paid_back": True},
                {"partner_id": "P3", "partner": "Gamma", "paid_back": None},
            ],
        ),
        _02: record(
            _02,
            d,
            {},
            [
                {"partner_id": "P1", "partner": "Alpha <Apps>", "tier": "Mid-Level"},
                {"partner_id": "P2", "partner": "Beta", "tier": "Cold"},
            ],
        ),
        _03: record(
            _03,
            d,
            {
                "readiness_index": 40.0,
                "gaps": ["A1", "B2", "C3"],
                "gap_questions": {"A1": "Is there a plan?", "B2": "Budget?", "C3": "Portal?"},
            },
        ),
        _04: record(
            _04,
            d,
            {
                "checklist_done": 2,
                "checklist_items": 8,
                "checklist_overdue": 1,
                "checklist": checklist(done=2, overdue=["CL3"]),
            },
        ),
        _05: record(_05, d, {"revenue": 5000.0}),
        _08: record(
            _08,
            d,
            {
                "engagement": {"P1": "transaction", "P2": "transaction"},
                "milestones": [
                    milestone("P1", "Kick-off", "2026-03-01", True, False),
                    milestone("P1", "Joint plan", "2026-12-01", False, False),
                    milestone("P2", "Training", "2026-08-15", False, False),
                    milestone("P2", "Audit", "2026-05-01", False, True),
                ],
            },
            [
                {"partner_id": "P1", "partner": "Alpha <Apps>", "grade": "B"},
                {"partner_id": "P2", "partner": "Beta", "grade": "C"},
            ],
        ),
    }


def q3() -> dict:
    """The later quarter: what changed is listed in each test."""
    d = "2026-09-30"
    return {
        _01: record(
            _01,
            d,
            {"invested": 1500.0, "payback_reached": 2, "npv": 300.0},
            [
                {"partner_id": "P1", "partner": "Alpha <Apps>", "paid_back": True},
                {"partner_id": "P2", "partner": "Beta", "paid_back": True},
                {"partner_id": "P3", "partner": "Gamma", "paid_back": True},
            ],
        ),
        _02: record(
            _02,
            d,
            {},
            [
                {"partner_id": "P1", "partner": "Alpha <Apps>", "tier": "Low-Hanging Fruit"},
                {"partner_id": "P2", "partner": "Beta", "tier": "Cold"},
                {"partner_id": "P4", "partner": "Delta", "tier": "Mid-Level"},
            ],
        ),
        _03: record(
            _03,
            d,
            {
                "readiness_index": 52.0,
                "gaps": ["B2", "D4"],
                "gap_questions": {"B2": "Budget?", "D4": "Do partners get leads?"},
            },
        ),
        _04: record(
            _04,
            d,
            {
                "checklist_done": 5,
                "checklist_items": 8,
                "checklist_overdue": 0,
                "checklist": checklist(done=5, overdue=[]),
            },
        ),
        _05: record(_05, d, {"revenue": None}),
        _08: record(
            _08,
            d,
            {
                "engagement": {"P1": "value", "P2": "transaction"},
                "milestones": [
                    milestone("P1", "Kick-off", "2026-03-01", True, False),
                    milestone("P1", "Joint plan", "2026-12-01", True, False),
                    milestone("P2", "Training", "2026-08-15", False, True),
                    milestone("P2", "Audit", "2026-05-01", False, True),
                ],
            },
            [
                {"partner_id": "P1", "partner": "Alpha <Apps>", "grade": "A"},
                {"partner_id": "P2", "partner": "Beta", "grade": "D"},
            ],
        ),
    }


def run(name: str, started: str, res: dict) -> history.Run:
    return history.make_run(name, None, started, res)


def rows_by_key(rows: list[dict]) -> dict[str, dict]:
    return {r["key"]: r for r in rows}


def test_each_headline_figure_before_now_change_and_verdict():
    before, now = run("a", "2026-07-02T09:00:00", q2()), run("b", "2026-10-02T09:00:00", q3())
    view = history.view([before], now, "USD")
    assert not view["first"] and view["previous"] == "a" and view["as_of"] == "30 June 2026"
    assert view["started"] == "2 July 2026, 09:00" and not view["same_date"]
    rows = rows_by_key(view["rows"])
    # 1000 → 1500: +500; more invested is neither better nor worse (no verdict)
    assert (rows["01.invested"]["before"], rows["01.invested"]["now"]) == (
        "USD\xa01,000",
        "USD\xa01,500",
    )
    assert rows["01.invested"]["change"] == "+USD\xa0500" and rows["01.invested"]["verdict"] == ""
    # NPV −200 → 300: +500, better
    assert rows["01.npv"]["before"] == "−USD\xa0200" and rows["01.npv"]["change"] == "+USD\xa0500"
    assert rows["01.npv"]["verdict_words"] == "Better"
    assert rows["01.paid_back"]["change"] == "+1"
    # readiness 40 → 52: +12 better; gap items 3 → 2: −1, fewer is better
    assert rows["03.index"]["change"] == "+12" and rows["03.index"]["verdict"] == "better"
    assert rows["03.gaps"]["change"] == "−1" and rows["03.gaps"]["verdict"] == "better"
    # checklist 2/8 = 25.0% → 5/8 = 62.5%: +37.5 points; overdue 1 → 0 better
    assert (rows["04.checklist"]["before"], rows["04.checklist"]["now"]) == ("25.0%", "62.5%")
    assert rows["04.checklist"]["change"] == "+37.5 pts"
    assert rows["04.overdue"]["change"] == "−1" and rows["04.overdue"]["verdict"] == "better"
    # revenue missing now: a dash with its reason, no change computed
    revenue = rows["05.revenue"]
    assert (revenue["now"], revenue["change"], revenue["verdict"]) == ("—", "—", "")
    assert revenue["why"] == "This run's data does not give this figure."
    # transaction partners 2 → 1 and value partners 0 → 1: neither is better
    assert rows["08.transaction"]["change"] == "−1" and rows["08.value"]["change"] == "+1"
    assert rows["08.transaction"]["verdict"] == rows["08.value"]["verdict"] == ""
    # only the reports of this run: no 06 or 07 rows
    assert not any(k.startswith(("06.", "07.")) for k in rows)


def test_lists_new_since_the_previous_run():
    found = {c.heading: c for c in changes(q2(), q3())}
    texts = {h: [(i["text"], i["verdict"]) for i in c.items] for h, c in found.items()}
    # P1 False → True crossed; P2 was already paid back; P3 was unknown (None), not "not yet"
    assert texts["Partners that reached payback"] == [("Alpha <Apps>", "better")]
    assert texts["Partners that changed tier"] == [
        ("Alpha <Apps>: Mid-Level → Low-Hanging Fruit", "better"),
        ("Delta: ranked for the first time, Mid-Level", ""),
    ]
    assert texts["New gap items"] == [("D4: Do partners get leads?", "worse")]
    # checklist: 2 → 5 done (CL3, CL4, CL5); CL3 was overdue and is done now: nothing new overdue
    assert texts["Checklist items completed"] == [(f"Task {k}", "better") for k in (3, 4, 5)]
    assert texts["Checklist items newly overdue"] == []
    assert texts["Gap items closed"] == [
        ("A1: Is there a plan?", "better"),
        ("C3: Portal?", "better"),
    ]
    assert texts["Partners that changed grade"] == [
        ("Alpha <Apps>: grade B → A", "better"),
        ("Beta: grade C → D", "worse"),
    ]
    assert texts["Milestones completed"] == [("Alpha <Apps>: Joint plan", "better")]
    # Audit was overdue already: only Training is newly overdue
    assert texts["Milestones newly overdue"] == [("Beta: Training (due 15 August 2026)", "worse")]


def test_a_list_the_previous_run_cannot_give_says_why():
    before = q2()
    del before[_02]
    before[_08]["figures"].pop("milestones")
    before[_03]["figures"]["readiness_index"] = None
    found = {c.heading: c for c in changes(before, q3())}
    assert found["Partners that changed tier"].items is None
    assert found["Partners that changed tier"].why == "the previous run had no such report."
    assert found["New gap items"].why == (
        "no readiness answer was scored in the previous run, so it has no gap list."
    )
    assert found["Milestones completed"].why == (
        "the previous run recorded no partner plan milestones."
    )
    assert found["Partners that changed grade"].items == [
        {"text": "Alpha <Apps>: grade B → A", "verdict": "better"},
        {"text": "Beta: grade C → D", "verdict": "worse"},
    ]
    # a report this run does not have has no list at all
    now = q3()
    del now[_03]
    assert "New gap items" not in {c.heading for c in changes(q2(), now)}


def test_runs_are_ordered_by_as_of_then_start_and_a_rerun_shows_no_change():
    q3_first = run("q3-first", "2026-10-05T10:00:00", q3())
    q2_late = run("q2-late", "2026-10-06T10:00:00", q2())  # Q2 run after Q3: a backfill
    later = q3()
    for r in later.values():
        r["as_of"] = "2026-12-31"
    q4 = run("q4", "2026-10-01T10:00:00", later)  # started first, but the latest as-of
    rerun = run("q3-rerun", "2026-10-07T10:00:00", q3())
    runs = [q4, q2_late, q3_first]
    assert history.previous_run(runs, rerun).name == "q3-first"  # same as-of, earlier start
    assert history.previous_run(runs, q2_late) is None  # the earliest as-of date
    assert history.previous_run(runs, q3_first).name == "q2-late"
    # one point per as-of date up to this run's: Q2, then this run for Q3; Q4 not shown
    assert [r.name for r in history.trend_runs(runs, rerun)] == ["q2-late", "q3-rerun"]
    view = history.view(runs, rerun, "USD")
    assert view["same_date"] and view["dates"] == 2 and view["runs"] == 2
    for row in view["rows"]:
        assert row["change"] in ("no change", "—"), row
        assert row["verdict"] in ("same", ""), row
    assert all(c.items == [] for c in view["changes"])


def test_a_first_run_has_nothing_to_compare_with():
    view = history.view([], run("only", "2026-10-02T09:00:00", q3()), "USD")
    assert view["first"] and view["previous"] == "" and view["runs"] == 0
    section = history.report_html(view, _03)
    assert "There is no earlier run of this client to compare with" in section


def test_the_trend_line_breaks_at_a_missing_value_and_says_every_point():
    headline = next(h for h in history.hl.HEADLINES if h.key == "03.index")
    points = [
        ("2026-03-31", 10.0),
        ("2026-06-30", None),
        ("2026-09-30", 30.0),
        ("2026-12-31", 20.0),
    ]
    line = history.sparkline(points, headline, "USD")
    # days after 31 March: 0, 91, 183, 275; x = 4 + days / 275 × (132 − 8) = 4.0, 45.0,
    # 86.5, 128.0; on a scale from zero, y = 4 + (30 − v) / (30 − 0) × (30 − 8):
    # 10 → 18.7, 30 → 4.0, 20 → 11.3
    assert [(d["x"], d["y"]) for d in line["dots"]] == [(4.0, 18.7), (86.5, 4.0), (128.0, 11.3)]
    # a value below zero is the bottom: NPV −200 → 300 runs from y 26.0 (−200) to 4.0 (300),
    # zero at 4 + 300 / 500 × 22 = 17.2
    npv = history.sparkline(
        [("2026-03-31", -200.0), ("2026-06-30", 0.0), ("2026-09-30", 300.0)], headline, "USD"
    )
    assert [d["y"] for d in npv["dots"]] == [26.0, 17.2, 4.0]
    assert line["lines"] == ["86.5,4.0 128.0,11.3"]  # the lone first point is a dot only
    assert line["text"] == (
        "Readiness index by as-of date: 31 March 2026: 10 / 100; 30 June 2026: —; "
        "30 September 2026: 30 / 100; 31 December 2026: 20 / 100"
    )
    assert (line["first"], line["last"]) == ("31 Mar 2026", "31 Dec 2026")
    assert history.sparkline(points[:1], headline, "USD") is None
    flat = history.sparkline([("2026-06-30", 5.0), ("2026-09-30", 5.0)], headline, "USD")
    assert flat["lines"] == ["4.0,4.0 128.0,4.0"]  # level, at the top of a 0 to 5 scale
    zero = history.sparkline([("2026-06-30", 0.0), ("2026-09-30", 0.0)], headline, "USD")
    assert zero["lines"] == ["4.0,15.0 128.0,15.0"]  # all zero: level, in the middle


def write_run(out: Path, name: str, client_id: str, started: str, res: dict | str) -> Path:
    path = out / name
    path.mkdir(parents=True)
    manifest = {"client": {"name": "X", "client_id": client_id}, "started": started}
    (path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    text = res if isinstance(res, str) else json.dumps(res)
    (path / "results.json").write_text(text, encoding="utf-8")
    return path


def test_finished_runs_of_one_client(tmp_path):
    write_run(tmp_path, "acme-20261001-100000", "acme", "2026-10-01T10:00:00", q2())
    write_run(tmp_path, "acme-eu-20261001-100000", "acme-eu", "2026-10-01T10:00:00", q2())
    write_run(tmp_path, ".acme-20261002-100000.partial", "acme", "2026-10-02T10:00:00", q3())
    write_run(tmp_path, "acme-20261003-100000", "acme", "2026-10-03T10:00:00", "{not json")
    write_run(tmp_path, "other-20261001-100000", "other", "2026-10-01T10:00:00", q3())
    runs, notes = finished_runs(tmp_path, "acme")
    assert [(r.name, r.as_of) for r in runs] == [("acme-20261001-100000", "2026-06-30")]
    assert len(notes) == 1 and notes[0].startswith(
        "The earlier run acme-20261003-100000 is left out: results.json cannot be read"
    )
    assert finished_runs(tmp_path / "nowhere", "acme") == ([], [])
    # a hand-edited run: a report that is not a record, or with figures not a mapping, is left
    # out; the rest of that run still counts
    odd = q3() | {"09-x": "text", _05: record(_05, "2026-09-30", []), _04: ["no"]}
    write_run(tmp_path, "acme-20261004-100000", "acme", "2026-10-04T10:00:00", odd)
    runs, _ = finished_runs(tmp_path, "acme")
    assert sorted(runs[-1].results) == [_01, _02, _03, _08]
    view = history.view(runs[:1], runs[-1], "USD")
    assert rows_by_key(view["rows"])["03.index"]["change"] == "+12"


@pytest.mark.parametrize("archive", ["", "archive"])
def test_a_second_run_shows_the_change_on_its_summary_and_in_its_report(
    tiny, tmp_path, capsys, archive
):
    """Two runs of the tiny client: the earlier one written by hand (as of 31 December 2025,
    invested USD 500), this one through finish_run (as of 31 March 2026, invested USD 800):
    +USD 300 on the summary page and in report 01, placed after its takeaways. The earlier
    run is in the reports folder, or in another folder given as ``history_dir``."""
    ws = load_workspace(tiny)
    earlier = {_01: record(_01, "2025-12-31", {"invested": 500.0})}
    where = tmp_path / archive
    write_run(where, "007-20260101-000000", "007", "2026-01-01T00:00:00", earlier)
    out = tmp_path / "reports" if archive else tmp_path
    folder = RunFolder.create(out, "007", datetime(2026, 4, 2, 3, 4, 5))
    result = TrendResult(["Spent more."], figures={"invested": 800.0})
    results.write(str(folder.results_file(_01)), _01, "Requirements", result, as_of="2026-03-31")
    page = "<html><head></head><body><main><h1>x</h1><section class='playbook-takeaways'>"
    page += "<h2>Takeaways</h2></section><h2>Evidence</h2></main></body></html>"
    folder.report(_01).write_text(frame_page(page, "Tiny — 01", "01 Requirements"), "utf-8")
    row = {"notebook": _01, "status": "ok", "seconds": 1.0, "html": f"{_01}.html"}
    rows = [row | {"executed": "", "log": ""}]
    final = finish_run(folder, ws, rows, datetime(2026, 4, 2), 2.0, {}, where if archive else None)
    index = (final / "index.html").read_text(encoding="utf-8")
    assert "<h2>Since the previous run (as of 31 December 2025)</h2>" in index
    assert re.search(
        r"USD\xa0500</td><td class=\"num\">USD\xa0800</td><td class=\"num\">\+USD\xa0300", index
    )
    link = "../../archive/007-20260101-000000" if archive else "../007-20260101-000000"
    assert f'href="{link}/index.html"' in index
    report = (final / f"{_01}.html").read_text(encoding="utf-8")
    assert HISTORY not in report
    at = [report.index(h) for h in ('id="takeaways"', "<h2>Since the previous", 'id="evidence"')]
    assert at == sorted(at)
    assert "+USD\xa0300" in report
    assert (
        '<li><a href="#takeaways">Takeaways</a></li>'
        '<li><a href="#since-the-previous-run">Since the previous run</a></li>' in report
    )
    manifest = json.loads((final / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["history"] == {"folder": str(where), "previous": "007-20260101-000000"}
    from playbook.cli import _print_history

    _print_history(final)
    assert "compared with the previous run 007-20260101-000000" in capsys.readouterr().out


def test_client_text_in_the_history_is_escaped(tmp_path):
    before, now = run("a", "2026-07-02T09:00:00", q2()), run("b", "2026-10-02T09:00:00", q3())
    view = history.view([before], now, "USD")
    section = history.report_html(view, _08)
    assert "Alpha &lt;Apps&gt;: grade B → A" in section and "<Apps>" not in section
    page = summary_page.index_html(
        "Acme",
        q3(),
        [{"notebook": k, "status": "ok", "seconds": 1.0, "html": f"{k}.html"} for k in q3()],
        {"started": "2026-10-02T09:00:00", "seconds": 3, "packages": {}, "parameters": {}},
        view,
    )
    assert "<Apps>" not in page and "Alpha &lt;Apps&gt;: Mid-Level → Low-Hanging Fruit" in page
    assert '<a href="03-readiness.html">Readiness</a>' in page
    target = tmp_path / "r.html"
    target.write_text(f"<p>a</p>{HISTORY}<p>b</p>", encoding="utf-8")
    add_history(target, section)
    assert target.read_text(encoding="utf-8").startswith(
        '<p>a</p>\n<section class="playbook-history'
    )


def test_the_demo_run_is_a_first_run(demo_run):
    index = (demo_run / "index.html").read_text(encoding="utf-8")
    assert "There is no earlier run of this client to compare with" in index
    report = (demo_run / f"{_05}.html").read_text(encoding="utf-8")
    assert "There is no earlier run of this client to compare with" in report
    assert HISTORY not in report


def test_report_08_records_each_milestone_for_the_next_run():
    """The plans of test_communication as of 30 Jun 2024: m1 and m2 done (m2 on the as-of
    date itself), m3 done only on 10 Jul so open and overdue (due 15 Jun), m4 due in December,
    Q's two without a due date, R's r1 done."""
    from test_communication_findings import _result

    recorded = {(m["partner_id"], m["milestone"]): m for m in _result().figures["milestones"]}
    assert recorded[("P", "m1")] == milestone("P", "m1", "2024-06-15", True, False)
    assert recorded[("P", "m2")] == milestone("P", "m2", "2024-05-01", True, False)
    assert recorded[("P", "m3")] == milestone("P", "m3", "2024-06-15", False, True)
    assert recorded[("P", "m4")] == milestone("P", "m4", "2024-12-01", False, False)
    assert recorded[("Q", "n1")] == milestone("Q", "n1", None, False, False)
    assert recorded[("R", "r1")] == milestone("R", "r1", None, True, False)
    assert len(recorded) == 7


def test_report_03_records_the_question_of_each_gap_item():
    """IC1 scored 0 and PO2 scored 1 are gaps (at or below 2); CN1 scored 5 is not."""
    from test_readiness import _bank_items

    from playbook import readiness as rd
    from playbook import readiness_summary as rs

    items = _bank_items({"IC1": 0, "PO2": 1, "CN1": 5})
    result = rs.summarise(
        index=50.0,
        level="Defined",
        items=items,
        gap_list=rd.gaps(items),
        unanswered=int(items["score"].isna().sum()),
        cov=None,
        alignment={"score": float("nan")},
    )
    assert result.figures["gap_questions"] == {
        "IC1": "We know our customers' split by industry.",
        "PO2": "We track investment, payback and ROI per partner.",
    }


def test_run_history_must_name_an_existing_folder(tmp_path):
    from click.testing import CliRunner

    from playbook.cli import main

    missing = tmp_path / "no-such-folder"
    result = CliRunner().invoke(
        main, ["run", "--out", str(tmp_path / "out"), "--history", str(missing)]
    )
    assert result.exit_code == 2
    assert f"--history {missing}: no such folder of earlier runs" in result.output
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_a_report_section_counts_its_own_figures():
    """Report 01: paid back 1 → 2 and NPV −200 → 300 better; invested has no better direction;
    fully documented is in neither run ("—")."""
    before, now = run("a", "2026-07-02T09:00:00", q2()), run("b", "2026-10-02T09:00:00", q3())
    section = history.report_html(history.view([before], now, "USD"), _01)
    assert (
        "Since then: 2 figures better, 0 worse, 0 unchanged (of 4; the others have no better "
        "direction or cannot be compared)." in section
    )
    assert section.count("<tr>") == 4 + 1  # the header row and one per figure of report 01
    assert "Alpha &lt;Apps&gt;" in section  # reached payback


def test_the_workbook_sheets_of_the_history():
    before, now = run("a", "2026-07-02T09:00:00", q2()), run("b", "2026-10-02T09:00:00", q3())
    [(title, source, figures), (title2, _, items)] = history.tables(
        history.view([before], now, "USD")
    )
    assert (title, title2, source) == (
        "Since the previous run",
        "New since then",
        "Since the previous run (as of 30 June 2026)",
    )
    npv = figures[figures["Figure"] == "Portfolio NPV"].iloc[0].to_dict()
    assert npv == {
        "Report": "Requirements",
        "Figure": "Portfolio NPV",
        "Previous run": "−USD\xa0200",
        "This run": "USD\xa0300",
        "Change": "+USD\xa0500",
        "Verdict": "Better",
    }
    revenue = figures[figures["Figure"] == "Program revenue"].iloc[0]
    assert revenue["Verdict"] == "This run's data does not give this figure."
    assert (
        len(items) == 1 + 2 + 1 + 2 + 3 + 2 + 1 + 1
    )  # payback, tiers, gaps, checklist, grades, milestones
    assert history.tables(history.view([], now, "USD")) == []


def test_partners_graded_for_the_first_time_or_no_longer_graded_are_listed():
    """Grades rank the graded partners against each other: a partner joining the graded set
    (Gamma, C) or leaving it (Beta, was C) is listed beside the grade changes."""
    from playbook.history_lists import grade_changes

    def run(cards):
        return {_08: {"figures": {}, "partners": cards}}

    before = run(
        [
            {"partner_id": "P1", "partner": "Alpha", "grade": "B"},
            {"partner_id": "P2", "partner": "Beta", "grade": "C"},
        ]
    )
    now = run(
        [
            {"partner_id": "P1", "partner": "Alpha", "grade": "C"},
            {"partner_id": "P3", "partner": "Gamma", "grade": "C"},
        ]
    )
    assert [(i["text"], i["verdict"]) for i in grade_changes(before, now).items] == [
        ("Alpha: grade B → C", "worse"),
        ("Gamma: graded for the first time, C", ""),
        ("Beta: no longer graded (was C)", ""),
    ]


def test_checklist_items_completed_and_newly_overdue():
    """Report 04 records its checklist: CL1 done since, CL2 overdue since (due 15 August),
    CL3 overdue in both runs (not new), CL4 new and done. A run without the checklist says so."""
    from playbook.history_lists import checklist_changes

    _04 = "04-organisation-buy-in"

    def item(item_id, task, done, overdue, due=None, owner=""):
        return dict(
            item_id=item_id, task=task, owner=owner, due_date=due, done=done, overdue=overdue
        )

    before = {
        _04: {
            "figures": {
                "checklist": [
                    item("CL1", "Partner portal live", False, False, "2026-12-01", "Ana"),
                    item("CL2", "Deal registration rules", False, False, "2026-08-15"),
                    item("CL3", "Program guide", False, True, "2026-05-01"),
                ]
            }
        }
    }
    now = {
        _04: {
            "figures": {
                "checklist": [
                    item("CL1", "Partner portal live", True, False, "2026-12-01", "Ana"),
                    item("CL2", "Deal registration rules", False, True, "2026-08-15"),
                    item("CL3", "Program guide", False, True, "2026-05-01"),
                    item("CL4", "Starter kit", True, False),
                ]
            }
        }
    }
    completed, overdue = checklist_changes(before, now)
    assert [(i["text"], i["verdict"]) for i in completed.items] == [
        ("Partner portal live, Ana", "better"),
        ("Starter kit", "better"),
    ]
    assert [i["text"] for i in overdue.items] == ["Deal registration rules (due 15 August 2026)"]
    none = {_04: {"figures": {"checklist_done": None}}}
    completed, overdue = checklist_changes(none, now)
    assert (
        completed.items is None
        and completed.why == "the previous run recorded no channel checklist."
    )
    assert overdue.why == completed.why
