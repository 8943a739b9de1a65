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
    rows = {n: (v, m) for n, v, m in params.assumptions(ANALYTICS, {"window_months": 6})}
    assert not {"workspace", "notebook_id", "results_file", "snapshot", "interactive"} & set(rows)
    assert rows["window_months"][0] == "6" and rows["window_months"][1]
    assert rows["as_of"][0] == "(empty)" and "latest deal date" in rows["as_of"][1]
