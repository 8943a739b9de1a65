"""--param parsing and coercion; the assumptions table's rows (playbook.params)."""

from __future__ import annotations

import nbformat
import pytest
from nbfactory import write_notebook

from playbook import params
from playbook.config import NOTEBOOKS_DIR
from playbook.exceptions import RunError

ANALYTICS = NOTEBOOKS_DIR / "05-analytics.ipynb"


def test_hostile_param_name_is_refused():
    with pytest.raises(RunError, match="not a valid parameter name"):
        params.parse_params(["x = 1\nimport os; os.system('echo pwned')=1"], [ANALYTICS])


def test_unknown_param_name_is_refused_with_known_names():
    with pytest.raises(RunError, match="no selected notebook has this parameter.*as_of"):
        params.parse_params(["windw_months=3"], [ANALYTICS])


def test_runner_owned_param_is_refused():
    with pytest.raises(RunError, match="set by the runner"):
        params.parse_params(["workspace=/etc"], [ANALYTICS])


def test_param_values_keep_the_parameter_type(tmp_path):
    values = params.parse_params(
        ["as_of=2024-06-30", "window_months=6", "interactive=false"], [ANALYTICS]
    )["05-analytics.ipynb"]
    assert values == {"as_of": "2024-06-30", "window_months": 6, "interactive": False}
    with pytest.raises(RunError, match="whole number"):
        params.parse_params(["window_months=six"], [ANALYTICS])
    nb = tmp_path / "09-codes.ipynb"
    write_notebook(nb, "print(client_code)")
    source = nbformat.read(nb, as_version=4)
    source.cells[0].source += '\nclient_code = ""'
    nbformat.write(source, nb)
    assert params.parse_params(["client_code=007"], [nb])["09-codes.ipynb"] == {
        "client_code": "007"
    }


@pytest.mark.parametrize("value", ["garbage", "2024-02-30", "2024", "06/30/2024"])
def test_as_of_that_is_not_an_iso_date_is_refused_before_running(value):
    with pytest.raises(RunError, match=f"as_of={value}: expected a date as YYYY-MM-DD"):
        params.parse_params([f"as_of={value}"], [ANALYTICS])


def test_assumptions_list_passed_values_and_defaults_with_their_meaning():
    rows = {n: (v, m) for n, v, _, m in params.assumptions(ANALYTICS, {"window_months": 6})}
    assert not {"workspace", "notebook_id", "results_file", "snapshot", "interactive"} & set(rows)
    assert not {"Workspace", "Notebook id", "Results file", "Snapshot", "Interactive"} & set(rows)
    assert rows["Reporting window in months"][0] == "6"
    assert "ending with the as-of date" in rows["Reporting window in months"][1]
    assert rows["As-of date"][0] == "Not set" and "latest deal date" in rows["As-of date"][1]
    assert rows["Trend period"][0] == "Quarter"


def test_assumptions_say_where_each_value_came_from():
    """A value set with --param: "Set for this run"; from the client profile: "Client
    profile"; not set: "Playbook default" (a value set without a source counts as --param)."""
    given = {"window_months": 6, "trend_freq": "M", "as_of": "2026-06-30"}
    sources = {"window_months": "profile", "trend_freq": "run"}
    rows = {n: (v, s) for n, v, s, _ in params.assumptions(ANALYTICS, given, sources)}
    assert rows["Reporting window in months"] == ("6", "Client profile")
    assert rows["Trend period"] == ("Month", "Set for this run")
    assert rows["As-of date"] == ("2026-06-30", "Set for this run")
    assert rows["Periods in the trend"] == ("8", "Playbook default")
    meanings = {n: m for n, _, _, m in params.assumptions(REQUIREMENTS, {"credit_share": 0.4})}
    assert meanings["Partner's share of influenced margin"] == (
        "Share of an influenced deal's margin credited to the partner"
    )  # the notebook's "; playbook default" is left to the Source column
    recorded = params.settings(params.declared(ANALYTICS), given, sources)
    assert recorded == {
        "as_of": {"value": "2026-06-30", "source": "run"},
        "window_months": {"value": 6, "source": "profile"},
        "trend_freq": {"value": "M", "source": "run"},
        "trend_periods": {"value": 8, "source": "default"},
    }


def test_assumptions_are_written_in_plain_words():
    """Settings by their labels, values as a client reads them: no code, no Python repr."""
    rows = {
        n: v
        for nb in ("01-requirements-investment", "02-mvp-acquisition", "03-readiness")
        for n, v, _, _ in params.assumptions(NOTEBOOKS_DIR / f"{nb}.ipynb", {})
    }
    assert rows["Partner's share of influenced margin"] == "50%"
    assert rows["Annual discount rate"] == "10%"
    assert rows["Counts-only privacy mode"] == "No"
    assert rows["Weights of the readiness dimensions"] == "Not set"
    assert rows["Goal alignment scores"] == "Aligned 1, Partly aligned 0.5, Misaligned 0"
    shown = " ".join(f"{n} {v}" for n, v in rows.items())
    assert "_" not in shown and "{" not in shown and "False" not in shown


REQUIREMENTS = NOTEBOOKS_DIR / "01-requirements-investment.ipynb"


@pytest.mark.parametrize(
    "pair, message",
    [
        ("credit_share=nan", "--param credit_share=nan: expected a number between 0 and 1"),
        ("credit_share=inf", "--param credit_share=inf: expected a number between 0 and 1"),
        ("credit_share=1.5", "--param credit_share=1.5: expected a number between 0 and 1"),
        ("discount_rate=-0.1", "--param discount_rate=-0.1: expected a number between 0 and 1"),
        (
            "horizon_months=-3",
            "--param horizon_months=-3: expected a whole number between 1 and 1200",
        ),
        (
            "must_have_min_score=NaN",
            "--param must_have_min_score=NaN: expected a number between 0 and 5",
        ),
        (
            "trailing_window=" + "9" * 50,
            "--param trailing_window=" + "9" * 40 + "…: expected a whole number between 1 and 1200",
        ),
    ],
)
def test_numeric_param_out_of_its_range_or_not_finite_is_refused(pair, message):
    with pytest.raises(RunError) as err:
        params.parse_params([pair], [REQUIREMENTS])
    assert str(err.value) == message


def test_json_param_with_nan_or_a_value_out_of_range_is_refused():
    readiness = NOTEBOOKS_DIR / "03-readiness.ipynb"
    with pytest.raises(RunError) as err:
        params.parse_params(['alignment_scores={"aligned": NaN}'], [readiness])
    assert str(err.value) == (
        '--param alignment_scores={"aligned": NaN}: expected JSON like '
        '{"aligned": 1.0, "partial": 0.5, "misaligned": 0.0}'
    )
    with pytest.raises(RunError) as err:
        params.parse_params(['maturity_floors={"Defined": 400}'], [readiness])
    assert str(err.value) == (
        "--param maturity_floors: Defined is 400: expected a number between 0 and 100"
    )


def test_every_numeric_notebook_parameter_has_bounds_its_default_keeps():
    """A new numeric parameter must say its range in params.PARAM_BOUNDS."""
    for nb in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        for name, info in params.declared(nb).items():
            default = params.literal_default(info["default"], None)
            if isinstance(default, dict):
                values = list(default.values())
            elif isinstance(default, int | float) and not isinstance(default, bool):
                values = [default]
            else:
                continue
            assert name in params.PARAM_BOUNDS, f"{nb.name}: {name} has no bounds"
            lo, hi = params.PARAM_BOUNDS[name]
            for v in values:
                assert (lo is None or v >= lo) and (hi is None or v <= hi), (nb.name, name, v)


def test_as_of_with_a_year_out_of_range_is_refused():
    with pytest.raises(RunError) as err:
        params.parse_params(["as_of=9999-12-31"], [ANALYTICS])
    assert str(err.value) == (
        "--param as_of=9999-12-31: expected a date as YYYY-MM-DD in the years 1900 to 2099"
    )


def test_text_param_with_a_fixed_set_of_values_is_refused_before_running():
    with pytest.raises(RunError) as err:
        params.parse_params(["trend_freq=W"], [ANALYTICS])
    assert str(err.value) == "--param trend_freq=W: expected one of M, Q, Y"
    assert params.parse_params(["trend_freq=M"], [ANALYTICS])["05-analytics.ipynb"] == {
        "trend_freq": "M"
    }
