"""``playbook portfolio``, ``run --portfolio`` and the industry figures: quartiles, positions
and anonymity on hand-made runs, worked out by hand."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from handmade_runs import make_run
from nbfactory import write_notebook

from playbook import benchmark, industry, portfolio, summary_page
from playbook.cli import main
from playbook.config import DEMO_WORKSPACE
from playbook.demo_copies import make_copy
from playbook.exceptions import RunReadError
from playbook.headlines import HEADLINES_BY_KEY
from playbook.run_record import finished_runs, latest_per_client

NAMES = {"zorbex": "Zorbex Ltd", "quinto": "Quinto SA", "velmar": "Velmar Inc", "okapi": "Okapi AG"}


def test_quartiles_by_linear_interpolation_worked_out_by_hand():
    # 1, 2, 3, 4: positions (n-1)p = 0.75, 1.5, 2.25 → 1.75, 2.5, 3.25
    assert benchmark.distribution([4.0, 1.0, None, 3.0, 2.0]) == {
        "n": 4,
        "q1": 1.75,
        "median": 2.5,
        "q3": 3.25,
    }
    # 10, 20, 40, 80, 100: positions 1, 2, 3 fall on values
    assert benchmark.distribution([100, 10, 40, 20, 80]) == {
        "n": 5,
        "q1": 20,
        "median": 40,
        "q3": 80,
    }
    assert benchmark.distribution([7.0]) == {"n": 1, "q1": 7.0, "median": 7.0, "q3": 7.0}
    assert benchmark.distribution([None]) == {"n": 0, "q1": None, "median": None, "q3": None}


def test_positions_and_their_colours():
    dist = benchmark.distribution([1.0, 2.0, 3.0, 4.0])
    got = [benchmark.position(v, dist) for v in (1.0, 1.75, 2.0, 2.5, 3.0, 3.25, 4.0, None)]
    assert got == [
        "lowest quarter",
        "below the median",
        "below the median",
        "at the median",
        "above the median",
        "above the median",
        "highest quarter",
        "",
    ]
    assert benchmark.position(1.0, benchmark.distribution([1.0, 2.0, 3.0])) == ""  # too few
    index, gaps, players = (HEADLINES_BY_KEY[k] for k in ("03.index", "03.gaps", "07.key_players"))
    assert benchmark.rag(index, "lowest quarter") == "red"
    assert benchmark.rag(gaps, "lowest quarter") == "green"  # fewer gap items is better
    assert benchmark.rag(players, "highest quarter") == ""  # neither direction is better
    assert benchmark.rag(index, "below the median") == ""


@pytest.fixture
def reports(tmp_path):
    """Five clients. Readiness index: zorbex 40, quinto 50, velmar 60, okapi 70 (its run as of
    30 June, started later, says 90 but is not the latest by as-of), the fifth has none.
    Program revenue: 100, 200, 300, 400, 1,000."""
    out = tmp_path / "reports"
    rows = [("zorbex", 40.0, 100.0), ("quinto", 50.0, 200.0), ("velmar", 60.0, 300.0)]
    for cid, index, revenue in rows:
        make_run(
            out,
            f"{cid}-1",
            cid,
            "2026-09-30",
            {"03": {"readiness_index": index}, "05": {"revenue": revenue}},
            client_name=NAMES[cid],
        )
    make_run(
        out,
        "okapi-1",
        "okapi",
        "2026-09-30",
        {"03": {"readiness_index": 70.0}, "05": {"revenue": 400.0}},
        "2026-10-01T09:00:00",
        client_name=NAMES["okapi"],
    )
    make_run(
        out,
        "okapi-2",
        "okapi",
        "2026-06-30",
        {"03": {"readiness_index": 90.0}, "05": {"revenue": 9.0}},
        "2026-11-01T09:00:00",
        client_name=NAMES["okapi"],
    )
    make_run(
        out,
        "nomad-1",
        "nomad",
        "2026-06-30",
        {"05": {"revenue": 1000.0}},
        client_name="Nomad Partners",
    )
    (out / ".nomad-2.partial").mkdir()  # an unfinished run: never read
    return out


def test_portfolio_figures_worked_out_by_hand(reports):
    runs, unreadable = finished_runs(reports)
    assert (len(runs), unreadable) == (6, [])
    latest = latest_per_client(runs)
    assert [r.path.name for r in latest] == [
        "nomad-1",
        "okapi-1",
        "quinto-1",
        "velmar-1",
        "zorbex-1",
    ]
    built = portfolio.build(latest)
    # readiness 40, 50, 60, 70: positions 0.75, 1.5, 2.25 → 47.5, 55, 62.5
    index = built["figures"]["03.index"]
    assert (index["n"], index["q1"], index["median"], index["q3"]) == (4, 47.5, 55.0, 62.5)
    # revenue 100, 200, 300, 400, 1,000 → 200, 300, 400
    revenue = built["figures"]["05.revenue"]
    assert (revenue["n"], revenue["q1"], revenue["median"], revenue["q3"]) == (5, 200, 300, 400)
    assert (built["clients"], built["as_of"], built["earliest_as_of"]) == (
        5,
        "2026-09-30",
        "2026-06-30",
    )
    by_index = {m["values"]["03.index"]: m["positions"]["03.index"] for m in built["members"]}
    assert by_index == {
        40.0: "lowest quarter",
        50.0: "below the median",
        60.0: "above the median",
        70.0: "highest quarter",
        None: "",
    }
    assert [m["client"] for m in built["members"]] == [f"Client {i}" for i in range(1, 6)]


def test_anonymised_files_hold_no_name_id_or_folder(reports, tmp_path):
    result = CliRunner().invoke(main, ["portfolio", str(reports), "--out", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    page, data = tmp_path / "p" / "portfolio.html", tmp_path / "p" / "portfolio.json"
    for text in (page.read_text(), data.read_text()):
        for cid, name in [*NAMES.items(), ("nomad", "Nomad Partners")]:
            assert cid not in text.lower() and name not in text
    assert "http://" not in page.read_text() and "https://" not in page.read_text()
    named = CliRunner().invoke(
        main, ["portfolio", str(reports), "--out", str(tmp_path / "p"), "--named"]
    )
    assert named.exit_code == 0, named.output
    named_page = (tmp_path / "p" / "portfolio-named.html").read_text()
    assert '<a href="../reports/zorbex-1/index.html">Zorbex Ltd</a>' in named_page
    assert "Zorbex" not in data.read_text()  # the anonymised file is left as it was


def test_anonymous_order_follows_no_input_order():
    ids = ["b", "a", "c", "d"]
    assert portfolio.anonymous_order(ids) == portfolio.anonymous_order(sorted(ids))
    assert sorted(portfolio.anonymous_order(ids)) == sorted(ids)


def test_standing_on_the_summary_page(reports, tmp_path, demo_run):
    built = portfolio.build(latest_per_client(finished_runs(reports)[0]))
    file = tmp_path / "portfolio.json"
    file.write_text(json.dumps(built))
    own = {"03-readiness": {"as_of": "2026-09-30", "figures": {"readiness_index": 45.0}}}
    placed = benchmark.standing(benchmark.read_portfolio(file), own, "USD")
    assert placed["sentence"] == (
        "Readiness index in the lowest quarter of 4 clients (data as of 30 September 2026)."
    )
    [row] = [r for r in placed["rows"] if r["label"] == "Readiness index"]
    assert (row["value"], row["position"], row["median"], row["rag"]) == (
        "45 / 100",
        "lowest quarter",
        "55 / 100",
        "red",
    )
    assert row["middle"] == "48 / 100 to 62 / 100"  # 47.5 and 62.5, shown whole
    # the demo run's own summary page, pointed at the portfolio: its index 59 is above the median
    results = json.loads((demo_run / "results.json").read_text())
    notebooks = json.loads((demo_run / "manifest.json").read_text())["notebooks"]
    run = {"started": "2026-10-01T09:00:00", "seconds": 1, "packages": {}, "portfolio": str(file)}
    html = summary_page.index_html("Lumenar Software", results, notebooks, run)
    assert "Readiness index above the median of 4 clients (data as of 30 September 2026)." in html
    assert "Over 50% of the respondents to our survey have not documented" in html


def test_bad_portfolio_files_are_named(tmp_path):
    file = tmp_path / "p.json"
    file.write_text(json.dumps({"kind": "something else"}))
    with pytest.raises(RunReadError, match="key 'kind'"):
        benchmark.read_portfolio(file)
    good = {"kind": "playbook-portfolio", "version": 1, "clients": 4, "as_of": "2026-09-30"}
    file.write_text(json.dumps(good | {"figures": {"03.index": {"n": "four"}}}))
    with pytest.raises(RunReadError, match=r"key 'figures.03.index.n' is 'four'; expected a count"):
        benchmark.read_portfolio(file)
    result = CliRunner().invoke(main, ["run", "--portfolio", str(tmp_path / "none.json")])
    assert result.exit_code == 2 and "none.json: not found" in result.output


def test_industry_figures_beside_the_clients_own():
    results = {
        "01-requirements-investment": {
            "currency": "USD",
            "figures": {"documentation": {"all_three": 0.55}},
        },
        "06-partner-types": {"figures": {"with_without": {"with_partner": {"win_rate": 0.4917}}}},
    }
    documented, wins = industry.beside(results)
    assert (documented["client"], wins["client"]) == ("55.0%", "49.2%")
    assert documented["industry"].startswith("Fewer than half of the software companies")
    assert wins["industry"].startswith("70–80% of technology alliances")
    assert "Trend #3" in wins["source"] and "2017" in wins["source"]
    missing = industry.beside({})
    assert [(m["client"], m["why"]) for m in missing] == [
        ("—", "this run's data could not give it")
    ] * 2


def test_a_demo_copy(tmp_path):
    """Copy 1: the deal factor is 0.6 + 0.9 × 0.134364… (random.Random(1)'s first draw) =
    0.720928, so the first deal's 16,400.0 becomes 11,823.0."""
    copy = make_copy(1, tmp_path / "c1")
    profile = (copy / "profile.yaml").read_text()
    assert "name: Brightwell Analytics" in profile and "client_id: demo-copy-1" in profile
    first = (copy / "deals.csv").read_text().splitlines()[1].split(",")
    assert first[0] == "D00001" and first[7] == "11823.0"
    before = (DEMO_WORKSPACE / "readiness.csv").read_text().splitlines()
    after = (copy / "readiness.csv").read_text().splitlines()
    blanks = [i for i, line in enumerate(before) if line.split(",")[1] == ""]
    assert blanks and all(after[i].split(",")[1] == "" for i in blanks)  # unanswered stays so
    assert not (copy / ".playbook-cache").exists()


def test_run_with_a_portfolio_places_the_client(reports, tmp_path, tiny):
    """One real run through the command line (a one-cell notebook named as report 03 that
    records a readiness index of 45 for the tiny workspace), pointed at the hand-made
    portfolio: the manifest records it, the summary page places 45 in the lowest quarter
    (below 47.5) of the 4 clients with the figure."""
    built = portfolio.build(latest_per_client(finished_runs(reports)[0]))
    file = tmp_path / "portfolio.json"
    file.write_text(json.dumps(built))
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    recorded = {
        "notebook": "03-readiness",
        "title": "Readiness",
        "as_of": "2026-09-30",
        "currency": "USD",
        "figures": {"readiness_index": 45.0},
    }
    write_notebook(
        notebooks / "03-readiness.ipynb",
        "import json, pathlib\npathlib.Path(results_file).parent.mkdir(exist_ok=True)\n"
        f"pathlib.Path(results_file).write_text(json.dumps({recorded!r}))",
    )
    out = tmp_path / "out"
    args = ["run", str(tiny), "--notebooks", str(notebooks), "--out", str(out), "--jobs", "1"]
    result = CliRunner().invoke(main, [*args, "--portfolio", str(file)])
    assert result.exit_code == 0, result.output
    [run_dir] = [p for p in out.iterdir() if p.is_dir()]
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["portfolio"] == {"file": str(file), "clients": 5, "as_of": "2026-09-30"}
    html = (run_dir / "index.html").read_text()
    assert (
        "Readiness index in the lowest quarter of 4 clients (data as of 30 September 2026)." in html
    )


def test_strip_coordinates_worked_out_by_hand():
    """Values 1–4 on 160 px with 4 px margins: 152 px for 3 units, 50.67 px a unit."""
    dist = benchmark.distribution([1.0, 2.0, 3.0, 4.0])  # 1.75, 2.5, 3.25
    drawn = benchmark.strip(dist, [1.0, 2.0, None, 3.0, 4.0], 2.0)
    assert drawn == {
        "width": 160,
        "box": (42.0, 76.0),  # 4 + 0.75 × 50.67 to 4 + 2.25 × 50.67
        "median": 80.0,
        "dots": [4.0, 54.7, 105.3, 156.0],
        "mark": 54.7,
    }
    same = benchmark.strip(benchmark.distribution([5.0, 5.0]), [5.0, 5.0], None)
    assert (same["median"], same["dots"], same["mark"]) == (80.0, [80.0, 80.0], None)
    assert benchmark.strip(benchmark.distribution([None]), [None], None) == {}
