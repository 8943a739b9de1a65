"""The command line: exit statuses, hostile arguments, Ctrl-C, markup-like client text."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import TINY, write_workspace
from nbfactory import write_notebook

from playbook.cli import main


def test_hostile_param_via_cli_exits_2_without_running(tmp_path):
    result = CliRunner().invoke(
        main, ["run", "--out", str(tmp_path), "--param", "__import__('os').system('id')=1"]
    )
    assert result.exit_code == 2
    assert "not a valid parameter name" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.e2e
def test_ctrl_c_stops_the_run_cleanly_and_leaves_it_marked_unfinished(tmp_path, tiny):
    """Ctrl-C reaches the whole process group: exit 130, a short message, no tracebacks, no
    kernels left, and the run folder stays ``.partial``."""
    import os
    import signal
    import subprocess
    import sys
    import time

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(notebooks / "01-slow.ipynb", "import time\ntime.sleep(60)")
    out = tmp_path / "r"
    cmd = [
        sys.executable,
        "-m",
        "playbook.cli",
        "run",
        str(tiny),
        "--out",
        str(out),
        "--notebooks",
        str(notebooks),
    ]
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.time() + 60
    while not list(out.glob(".*.partial/executed/01-slow.ipynb")) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # the kernel is running the slow cell
    os.killpg(proc.pid, signal.SIGINT)
    output, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130, output
    assert "Interrupted" in output and "Traceback" not in output
    assert len(list(out.glob(".*.partial"))) == 1 and not [
        p for p in out.iterdir() if not p.name.startswith(".")
    ]


@pytest.mark.e2e
def test_cli_exit_status_is_non_zero_when_a_notebook_fails(tmp_path, tiny):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(notebooks / "01-raises.ipynb", "raise ValueError('x')")
    result = CliRunner().invoke(
        main, ["run", str(tiny), "--out", str(tmp_path / "r"), "--notebooks", str(notebooks)]
    )
    assert result.exit_code == 1, result.output
    assert "01-raises: failed" in result.output


def test_markup_like_client_text_is_printed_not_interpreted(tmp_path):
    """rich would read ``[/bold]`` as a closing tag and crash; the CLI must print it."""
    tables = dict(TINY)
    tables["partners"] = TINY["partners"].replace(",isv,", ",[/bold]isv,")
    ws = write_workspace(tmp_path / "[/red]acme", tables)
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exit_code == 1, result.output
    assert "value '[/bold]isv'" in result.output
    result = CliRunner().invoke(main, ["run", str(ws), "--out", str(tmp_path / "r")])
    assert result.exit_code == 1 and "[/red]acme: not run" in result.output
    assert "value '[/bold]isv'" in result.output


def test_invalid_workspace_is_not_run_and_writes_nothing(tmp_path):
    bad = write_workspace(tmp_path / "bad", {**TINY, "deals": TINY["deals"].replace("P2,", "P9,")})
    result = CliRunner().invoke(main, ["run", str(bad), "--out", str(tmp_path / "r")])
    assert result.exit_code == 1
    assert "deals.csv" in result.output and "P9" in result.output
    assert not (tmp_path / "r").exists() or not any((tmp_path / "r").iterdir())


@pytest.mark.e2e
def test_run_writes_to_reports_under_the_current_directory_by_default(tmp_path, tiny, monkeypatch):
    """Without --out, run folders go to ./reports of the caller, not the package's checkout."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    write_notebook(notebooks / "01-raises.ipynb", "raise ValueError('x')")  # quick, no results
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, ["run", str(tiny), "--notebooks", str(notebooks)])
    assert "01-raises: failed" in result.output
    [run] = (cwd / "reports").iterdir()
    assert run.name.startswith("007-") and (run / "index.html").is_file()
    assert str(run) in result.output.replace("\n", "")


def _with_extra_partner_column(header: str) -> str:
    head, _, rest = TINY["partners"].partition("\n")
    return f"{head},{header}\n" + "".join(f"{line},1\n" for line in rest.splitlines())


def test_terminal_escapes_in_a_header_a_value_and_a_file_name_are_printed_escaped(tmp_path):
    """``\\x1b]0;…`` (window title) and ``\\x1b[2J`` (clear screen) from client input reach
    the terminal as visible text, never raw."""
    tables = dict(TINY)
    tables["partners"] = _with_extra_partner_column("x\x1b]0;pwned\x07")
    tables["deals"] = TINY["deals"].replace(",won,", ",w\x1b[2Jon,", 1)
    ws = write_workspace(tmp_path / "acme\x1b[31m", tables)
    (ws / "extra\x1b[2J\u202e.csv").write_text("a,b\n1,2\n")
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\u202e" not in result.output
    lines = result.output.splitlines()
    assert (
        "ERROR deals.csv, row 2, column stage: value 'w\\x1b[2Jon' — expected one of lead, "
        "qualified, proposal, won, lost" in lines
    )
    assert "WARNING extra\\x1b[2J\\u202e.csv — unknown table ignored" in result.output
    assert (
        "WARNING partners.csv, row 1, column x\\x1b]0;pwned\\x07 — 1 column not used"
        in result.output
    )
    assert lines[-1].endswith("acme\\x1b[31m: 1 error from 1 cause, 3 warnings.")
    result = CliRunner().invoke(main, ["run", str(ws), "--out", str(tmp_path / "r")])
    assert result.exit_code == 1 and "\x1b" not in result.output
    assert "acme\\x1b[31m: not run — the workspace has errors:" in result.output


def test_terminal_escapes_in_an_export_are_printed_escaped_by_map(tmp_path):
    """``map`` and ``new --from`` print each header, stage value and preview row of the
    exports: escaped too, and in a file name."""
    export = tmp_path / "deals\x1b]0;t\x07.csv"
    export.write_text(
        "deal_id,partner_id,amount,stage,created_date,Owner\x1b[2J\n"
        "D1,,100,W\x1b[2Jon,2024-01-01,ann\n"
    )
    result = CliRunner().invoke(main, ["map", "--from", "generic", str(export)])
    assert "\x1b" not in result.output and "\x07" not in result.output, result.output
    lines = result.output.splitlines()
    assert "deals\\x1b]0;t\\x07.csv → deals" in lines
    assert "  not used (1): Owner\\x1b[2J" in lines
    assert "  'W\\x1b[2Jon' (1 row) → UNMAPPED" in lines
    result = CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path), str(export)])
    assert "\x1b" not in result.output and "deals\\x1b]0;t\\x07.csv → deals" in result.output


def test_hash_accounts_writes_no_cell_a_spreadsheet_would_run_as_a_formula(tmp_path):
    """OWASP CSV injection: a cell starting with = + - @ (or tab, CR) gets a leading '."""
    (tmp_path / "raw.csv").write_text(
        "partner_id,domain,relationship\n"
        '"=HYPERLINK(""http://x"",""y"")",a.com,customer\n'
        "+P002,b.com,@SUM(1+1)\n"
        "P3,c.com,-prospect\n"
        "P4,d.com,customer\n"
    )
    out = tmp_path / "hashed.csv"
    args = ["hash-accounts", str(tmp_path / "raw.csv"), "--salt", "s", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    import csv

    with open(out, encoding="utf-8") as f:
        rows = [(r[0], r[2]) for r in csv.reader(f)]
    assert rows == [
        ("partner_id", "relationship"),
        ('\'=HYPERLINK("http://x","y")', "customer"),
        ("'+P002", "'@SUM(1+1)"),
        ("P3", "'-prospect"),
        ("P4", "customer"),
    ]
    # Read back by the playbook (the partner's list, shared with us), the cells are as written.
    from playbook.readers import read_csv

    back = read_csv(out, [])
    assert back["partner_id"].tolist() == ['=HYPERLINK("http://x","y")', "+P002", "P3", "P4"]
    assert back["relationship"].tolist() == ["customer", "@SUM(1+1)", "-prospect", "customer"]


def test_terminal_escapes_in_a_param_value_are_printed_escaped(tmp_path):
    result = CliRunner().invoke(main, ["run", "--out", str(tmp_path), "-p", "as_of=\x1b[2J2020"])
    assert result.exit_code == 2 and "\x1b" not in result.output
    assert "Error: --param as_of=\\x1b[2J2020: expected a date as YYYY-MM-DD" in result.output
    assert list(tmp_path.iterdir()) == []


def test_hash_accounts_names_a_file_with_terminal_escapes_escaped(tmp_path):
    source = tmp_path / "raw\x1b[2J.csv"
    source.write_text("partner_id,domain\nP1,a.com\n")
    args = ["hash-accounts", str(source), "--salt", "s", "--out", str(tmp_path / "h.csv")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "\x1b" not in result.output
    assert "Error: raw\\x1b[2J.csv: missing column(s) relationship" in result.output
