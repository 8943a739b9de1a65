"""The client's own assumptions: profile.yaml's ``parameters`` section (playbook.profile_params),
checked like --param, merged under --param per workspace, recorded with their sources."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from conftest import PROFILE, TINY, write_workspace
from nbfactory import write_notebook

from playbook import params, runner
from playbook.cli import main
from playbook.config import NOTEBOOKS_DIR
from playbook.problems import Problem
from playbook.profile import Profile, read_profile
from playbook.profile_params import merged, notebooks_in, resolve, summary
from playbook.template import new_workspace, parameters_yaml

#: What three notebooks declare, as papermill's inspection reports it (defaults as source text).
FOUND = {
    "01-payback.ipynb": {
        "workspace": {"default": '""'},
        "as_of": {"default": '""'},
        "credit_share": {"default": "0.5"},
        "trailing_window": {"default": "6"},
        "interactive": {"default": "False"},
    },
    "05-analytics.ipynb": {
        "as_of": {"default": '""'},
        "window_months": {"default": "12"},
        "trend_freq": {"default": '"Q"'},
    },
    "08-comms.ipynb": {
        "as_of": {"default": '""'},
        "window_months": {"default": "12"},
        "grade_floors": {"default": '{"A": 0.8, "B": 0.6}'},
    },
}


def test_all_applies_to_every_notebook_that_has_it_and_a_notebooks_own_value_wins():
    section = {
        "all": {"as_of": "2026-06-30", "window_months": 6},
        "08": {"window_months": 3, "grade_floors": {"A": 0.9, "B": 0.7}},
        "01": {"credit_share": 0.4, "trailing_window": 3},
    }
    values, problems = resolve(section, FOUND)
    assert problems == []
    assert values == {
        "01-payback.ipynb": {"as_of": "2026-06-30", "credit_share": 0.4, "trailing_window": 3},
        "05-analytics.ipynb": {"as_of": "2026-06-30", "window_months": 6},
        "08-comms.ipynb": {
            "as_of": "2026-06-30",
            "window_months": 3,
            "grade_floors": {"A": 0.9, "B": 0.7},
        },
    }
    # typed like the default: a whole number for a share is the number 1.0
    values, _ = resolve({"01": {"credit_share": 1}}, FOUND)
    assert values["01-payback.ipynb"] == {"credit_share": 1.0}
    assert isinstance(values["01-payback.ipynb"]["credit_share"], float)


def test_every_bad_entry_is_an_error_naming_the_file_the_key_path_the_value_and_what_was_expected():
    section = {
        "all": {"windw_months": 3},
        "01": {
            "credit_share": 1.5,
            "trailing_window": 2.5,
            "workspace": "/etc",
            "interactive": True,
            "as_of": "2026-02-30",
        },
        "05": {"trend_freq": "W", "credit_share": 0.4, "window_months": 24},
        "08": {"grade_floors": {"A": 1.5}, "window_months": None},
        "09": {"x": 1},
    }
    values, problems = resolve(section, FOUND)
    assert all(p.file == "profile.yaml" and p.level == "error" for p in problems)
    assert [str(p).removeprefix("ERROR profile.yaml, column ") for p in problems] == [
        "parameters.all.windw_months: value '3' — no notebook has this parameter; known: "
        "as_of, credit_share, grade_floors, trailing_window, trend_freq, window_months",
        "parameters.01.credit_share: value '1.5' — expected a number between 0 and 1",
        "parameters.01.trailing_window: value '2.5' — expected a whole number",
        "parameters.01.workspace: value '/etc' — set by the runner itself for every run; it "
        "cannot be set in the profile",
        "parameters.01.interactive: value 'true' — a switch of live sessions (playbook "
        "workshop), not an assumption of a report",
        "parameters.01.as_of: value '2026-02-30' — expected a date as YYYY-MM-DD",
        "parameters.05.trend_freq: value 'W' — expected one of M, Q, Y",
        "parameters.05.credit_share: value '0.4' — notebook 05 has no such parameter; known: "
        "as_of, trend_freq, window_months",
        "parameters.08.grade_floors: value '{\"A\": 1.5}' — A is 1.5: expected a number "
        "between 0 and 1",
        "parameters.08.window_months — expected a value; leave the key out to use the "
        "playbook default",
        "parameters.09 — expected `all` or a notebook's number: 01, 05, 08",
    ]
    # the good entry still resolves (the errors block the run all the same)
    assert values == {
        "01-payback.ipynb": {},
        "05-analytics.ipynb": {"window_months": 24},
        "08-comms.ipynb": {},
    }


def test_profile_reads_the_section_with_notebook_numbers_and_dates_as_text(tmp_path):
    (tmp_path / "profile.yaml").write_text(
        PROFILE + "parameters:\n"
        "  all:\n    as_of: 2026-06-30\n"  # YAML reads this as a date
        "  1: {credit_share: 0.4}\n"  # 01 unquoted is the number 1
        '  "05-analytics": {trend_freq: M}\n'
        "  08:\n"  # every line under it commented out
        "    # window_months: 12\n",
        encoding="utf-8",
    )
    problems: list[Problem] = []
    profile = read_profile(tmp_path, problems)
    assert problems == []
    assert profile.parameters == {
        "all": {"as_of": "2026-06-30"},
        "01": {"credit_share": 0.4},
        "05": {"trend_freq": "M"},
        "08": {},
    }
    # the snapshot keeps it as JSON and reads it back unchanged
    assert Profile.model_validate(profile.model_dump(mode="json")) == profile
    (tmp_path / "profile.yaml").write_text(PROFILE + "parameters:\n", encoding="utf-8")
    assert read_profile(tmp_path).parameters == {}
    # a bad part is reported alone by resolve, not by dropping the whole section
    (tmp_path / "profile.yaml").write_text(
        PROFILE + 'parameters:\n  "01": {5: 1, credit_share: 0.4}\n  "05": 7\n', encoding="utf-8"
    )
    problems = []
    section = read_profile(tmp_path, problems).parameters
    assert problems == [] and section == {"01": {"5": 1, "credit_share": 0.4}, "05": 7}
    values, problems = resolve(section, FOUND)
    assert values["01-payback.ipynb"] == {"credit_share": 0.4}
    assert [(p.column, p.value, p.expected) for p in problems] == [
        ("parameters.01.5", "1", "expected the name of a notebook parameter"),
        ("parameters.05", "7", "expected a mapping of parameter: value"),
    ]


def test_one_notebook_given_twice_is_an_error_and_the_rest_of_the_profile_applies(tmp_path):
    (tmp_path / "profile.yaml").write_text(
        PROFILE + 'parameters:\n  1: {credit_share: 0.4}\n  "01": {credit_share: 0.3}\n',
        encoding="utf-8",
    )
    problems: list[Problem] = []
    profile = read_profile(tmp_path, problems)
    assert profile.client_id == "007" and profile.parameters == {}
    [problem] = problems
    assert problem.column == "parameters"
    assert "notebook 01 is given twice; keep one" in problem.expected


def test_param_beats_the_profile_which_beats_the_default():
    run = {"01-a.ipynb": {"credit_share": 0.3}, "05-b.ipynb": {}}
    profile = {"01-a.ipynb": {"credit_share": 0.4, "as_of": "2026-06-30"}, "05-b.ipynb": {}}
    values, sources = merged(run, profile)
    assert values == {"01-a.ipynb": {"credit_share": 0.3, "as_of": "2026-06-30"}, "05-b.ipynb": {}}
    assert sources == {
        "01-a.ipynb": {"credit_share": "run", "as_of": "profile"},
        "05-b.ipynb": {},
    }


def test_check_summarises_what_the_profile_sets_in_one_line():
    section = {"01": {"credit_share": 0.4}, "all": {"as_of": "2026-06-30"}, "03": {}}
    assert summary(section) == "as_of=2026-06-30 (all), credit_share=0.4 (01)"
    assert summary({}) == "" and summary({"all": {}}) == ""


def test_new_workspace_lists_every_parameter_commented_with_its_default(tmp_path):
    """Commented out, the section sets nothing; uncommented line by line, it sets every
    parameter a consultant may set to exactly the notebook's default, and checks clean."""
    path = new_workspace(tmp_path, "Acme")
    text = (path / "profile.yaml").read_text(encoding="utf-8")
    assert text.endswith(parameters_yaml())
    problems: list[Problem] = []
    profile = read_profile(path, problems)
    assert problems == []
    numbers = [nb.name[:2] for nb in notebooks_in(NOTEBOOKS_DIR)]
    assert profile.parameters == {"all": {}, **{n: {} for n in numbers}}
    assert "    # credit_share: 0.5  # share of an influenced deal's margin credited" in text
    (path / "profile.yaml").write_text(re.sub(r"(?m)^    # ", "    ", text), encoding="utf-8")
    every = read_profile(path).parameters
    found = {nb.name: params.declared(nb) for nb in notebooks_in(NOTEBOOKS_DIR)}
    values, problems = resolve(every, found)
    assert problems == []
    settable = {
        nb: {
            n: params.literal_default(i["default"], None)
            for n, i in declared.items()
            if n not in params.RUNNER_PARAMS | params.LIVE_ONLY_PARAMS
        }
        for nb, declared in found.items()
    }
    assert values == settable


def test_check_reports_a_bad_profile_parameter(tmp_path):
    ws = write_workspace(
        tmp_path / "ws", TINY, PROFILE + 'parameters:\n  "01": {credit_share: 1.5}\n'
    )
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exit_code == 1
    assert (
        "profile.yaml, column parameters.01.credit_share: value '1.5' — expected a number "
        "between 0 and 1" in " ".join(result.output.split())
    )


SHARE_NOTEBOOK = 'print("values", credit_share, trailing_window, repr(as_of))'


def test_two_clients_in_one_batch_get_their_own_values_with_their_sources(tmp_path):
    """One batch, one --param: A's profile sets 01's credit share and every notebook's as-of
    date, B's sets nothing, C's a share out of range. A runs with 0.4 (profile), as of
    2024-12-31 (profile, `all`), trailing window 3 (run); B with 0.5 (default), as of "" and
    window 3 (run); C does not run and says why."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(notebooks / "01-share.ipynb", SHARE_NOTEBOOK)
    nb = json.loads((notebooks / "01-share.ipynb").read_text())
    nb["cells"][0]["source"] += (
        '\nas_of = ""  # YYYY-MM-DD; empty means the latest deal date in the data'
        "\ncredit_share = 0.5  # share of an influenced deal's margin credited to the partner"
        "\ntrailing_window = 6  # months averaged to project payback"
    )
    (notebooks / "01-share.ipynb").write_text(json.dumps(nb))
    base = PROFILE.replace('"007"', '"{id}"')
    a = write_workspace(
        tmp_path / "a",
        TINY,
        base.format(id="a")
        + 'parameters:\n  all: {as_of: 2024-12-31}\n  "01": {credit_share: 0.4}\n',
    )
    b = write_workspace(tmp_path / "b", TINY, base.format(id="b"))
    c = write_workspace(
        tmp_path / "c", TINY, base.format(id="c") + "parameters:\n  1: {credit_share: 1.5}\n"
    )
    out = tmp_path / "reports"
    outcomes = runner.run(
        [a, b, c], out, jobs=1, timeout=60, notebooks_dir=notebooks, params=["trailing_window=3"]
    )
    ran_a, ran_b, refused = outcomes
    assert refused.status == "invalid" and refused.run_dir is None
    assert [str(p) for p in refused.problems if p.file == "profile.yaml"] == [
        "ERROR profile.yaml, column parameters.01.credit_share: value '1.5' — expected a "
        "number between 0 and 1"
    ]
    assert sorted(p.name.split("-")[0] for p in out.iterdir()) == ["a", "b"]

    def manifest_of(outcome):
        return json.loads((outcome.run_dir / "manifest.json").read_text())

    [entry_a] = manifest_of(ran_a)["notebooks"]
    assert entry_a["assumptions"] == {
        "as_of": {"value": "2024-12-31", "source": "profile"},
        "credit_share": {"value": 0.4, "source": "profile"},
        "trailing_window": {"value": 3, "source": "run"},
    }
    assert manifest_of(ran_a)["parameters"] == {
        "01-share.ipynb": {"as_of": "2024-12-31", "credit_share": 0.4, "trailing_window": 3}
    }
    [entry_b] = manifest_of(ran_b)["notebooks"]
    assert entry_b["assumptions"] == {
        "as_of": {"value": "", "source": "default"},
        "credit_share": {"value": 0.5, "source": "default"},
        "trailing_window": {"value": 3, "source": "run"},
    }
    executed = (ran_a.run_dir / entry_a["executed"]).read_text()
    assert "values 0.4 3 '2024-12-31'" in executed
    assert "values 0.5 3 ''" in (ran_b.run_dir / entry_b["executed"]).read_text()
    report = (ran_a.run_dir / entry_a["html"]).read_text()
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>", report)
    assert ("As-of date", "2024-12-31", "Client profile") in rows
    assert ("Partner's share of influenced margin", "40%", "Client profile") in rows
    assert any(r[1:] == ("3", "Set for this run") for r in rows)
