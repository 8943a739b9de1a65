"""Files that are not what they seem (issue 10): a repeated header, an unquoted separator on the
first data row, names in another case, links out of the workspace, dangling links, folders and
named pipes named like a table. Each is refused by name, without opening what is not a file."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest
from conftest import PROFILE, TINY, only, problems_of, write_workspace

from playbook.workspace import check_workspace, load_workspace

NO_DEALS = {k: v for k, v in TINY.items() if k != "deals"}
MAPPED = PROFILE + 'files: {deals: "opps.csv"}\n'


def _ws(tmp_path, name="ws", tables=None, profile=PROFILE):
    return write_workspace(tmp_path / name, dict(TINY) if tables is None else tables, profile)


# --------------------------------------------------------------------------- what a file holds


def test_repeated_header_is_an_error_naming_both_columns(tmp_path):
    tables = dict(TINY)
    tables["deals"] = (
        TINY["deals"].replace("units\n", "units,Amount\n", 1).replace(",10\n", ",10,5\n")
    )
    p = only(problems_of(_ws(tmp_path, tables=tables)))
    assert (p.file, p.row, p.column) == ("deals.csv", 1, "amount")
    assert p.expected == (
        "the same header in columns 7 (G) and 11 (K): only one can be read; "
        "rename or delete the other"
    )


def test_repeated_header_in_a_workbook_sheet_names_both_columns(tmp_path):
    ws = tmp_path / "xl"
    ws.mkdir()
    (ws / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    with pd.ExcelWriter(ws / "client.xlsx") as xl:
        for name, text in TINY.items():
            rows = [line.split(",") for line in text.strip().splitlines()]
            if name == "partners":
                rows = [[*r, r[1]] for r in rows]  # name again in column I
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(xl, sheet_name=name, index=False)
    p = only(problems_of(ws))
    assert (p.file, p.row, p.column) == ("client.xlsx[partners]", 1, "name")
    assert p.expected.startswith("the same header in columns 2 (B) and 9 (I):")


def test_unquoted_separator_on_the_first_data_row_is_named(tmp_path):
    tables = dict(TINY)
    tables["partners"] = TINY["partners"].replace("Alpha Apps", "Apex Software, Inc.")
    p = only(problems_of(_ws(tmp_path, tables=tables)))
    assert (p.file, p.row) == ("partners.csv", 2)
    assert p.value == "P1,Apex Software, Inc.,isv,active,North,M1,2023-01-01,certified"
    assert p.expected == (
        "9 fields where the header (row 1) has 8: put values containing ',' in double quotes"
    )


# --------------------------------------------------------------------------- names


def test_table_file_name_and_extension_in_any_case(tmp_path):
    ws = _ws(tmp_path)
    (ws / "deals.csv").rename(ws / "Deals.CSV")
    workspace, problems = check_workspace(ws)
    assert [p for p in problems if p.level == "error"] == []
    assert len(workspace.table("deals")) == 8
    assert workspace.problems and any(f.name == "Deals.CSV" for f in workspace.source_files)


def test_mapped_export_name_in_another_case(tmp_path):
    ws = _ws(tmp_path, tables=NO_DEALS, profile=MAPPED)
    (ws / "OPPS.CSV").write_text(TINY["deals"], encoding="utf-8")
    assert len(load_workspace(ws).table("deals")) == 8


def test_workbook_extension_in_any_case(tmp_path):
    ws = tmp_path / "xl"
    ws.mkdir()
    (ws / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    with pd.ExcelWriter(ws / "Client.XLSX", engine="openpyxl") as xl:
        for name, text in TINY.items():
            rows = [line.split(",") for line in text.strip().splitlines()]
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(xl, sheet_name=name, index=False)
    assert len(load_workspace(ws).table("deals")) == 8


# --------------------------------------------------------------------------- not regular files


def _replace_deals(tmp_path, make, name="deals.csv", tables=None, profile=PROFILE):
    ws = _ws(tmp_path, tables=tables, profile=profile)
    (ws / "deals.csv").unlink(missing_ok=True)
    make(ws / name)
    return ws


def test_link_to_a_file_outside_the_workspace_is_refused(tmp_path):
    other = tmp_path / "other-client-deals.csv"
    other.write_text(TINY["deals"], encoding="utf-8")
    ws = _replace_deals(tmp_path, lambda f: f.symlink_to(other))
    p = only(problems_of(ws))  # and not "required table is missing" on top
    assert (p.file, p.row, p.column) == ("deals.csv", None, None)
    assert p.expected == (
        "a link to a file outside the workspace: not read; copy the file into the workspace"
    )


def test_link_inside_the_workspace_is_read(tmp_path):
    ws = _ws(tmp_path)
    (ws / "deals.csv").rename(ws / "deals-2024.txt")
    (ws / "deals.csv").symlink_to("deals-2024.txt")
    assert len(load_workspace(ws).table("deals")) == 8


def test_dangling_link_is_refused(tmp_path):
    ws = _replace_deals(tmp_path, lambda f: f.symlink_to(tmp_path / "gone.csv"))
    p = only(problems_of(ws))
    assert (p.file, p.expected) == ("deals.csv", "a link to a file that does not exist: not read")


def test_folder_named_like_a_table_is_refused(tmp_path):
    p = only(problems_of(_replace_deals(tmp_path, lambda f: f.mkdir())))
    assert (p.file, p.expected) == ("deals.csv", "a folder, not a file: not read")


def test_folder_named_like_a_workbook_is_refused(tmp_path):
    ws = _ws(tmp_path)
    (ws / "client.xlsx").mkdir()
    p = only(problems_of(ws))
    assert (p.file, p.expected) == ("client.xlsx", "a folder, not a file: not read")


def _check_in_subprocess(ws):
    """``playbook check`` on ``ws`` in a child process that is killed after 60 s (a named pipe
    opened for reading would block forever)."""
    return subprocess.run(
        [sys.executable, "-m", "playbook.cli", "check", str(ws)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )


def test_named_pipe_named_like_a_table_is_refused_without_opening_it(tmp_path):
    ws = _replace_deals(tmp_path, os.mkfifo)
    done = _check_in_subprocess(ws)  # raises TimeoutExpired if it hangs
    assert "deals.csv — not a regular file (a named pipe, socket or device): not read" in (
        done.stdout + done.stderr
    )
    assert "Traceback" not in done.stderr


def test_mapped_export_that_is_a_link_outside_or_a_pipe_is_refused(tmp_path):
    other = tmp_path / "elsewhere.csv"
    other.write_text(TINY["deals"], encoding="utf-8")
    ws = _replace_deals(
        tmp_path, lambda f: f.symlink_to(other), "opps.csv", tables=NO_DEALS, profile=MAPPED
    )
    p = only(problems_of(ws))
    assert (p.file, p.expected[:44]) == ("opps.csv", "a link to a file outside the workspace: not ")
    pipe = _replace_deals(
        tmp_path / "b",
        os.mkfifo,
        "opps.xlsx",
        tables=NO_DEALS,
        profile=MAPPED.replace("csv", "xlsx"),
    )
    done = _check_in_subprocess(pipe)
    assert "opps.xlsx — not a regular file (a named pipe, socket or device): not read" in (
        done.stdout + done.stderr
    )


def test_file_without_read_permission_is_refused(tmp_path, monkeypatch):
    ws = _ws(tmp_path)
    real = os.access
    monkeypatch.setattr(os, "access", lambda f, mode: not str(f).endswith("deals.csv"))
    p = only(problems_of(ws))
    monkeypatch.setattr(os, "access", real)
    assert (p.file, p.expected) == ("deals.csv", "no permission to read this file: not read")


def test_profile_that_is_a_link_outside_or_a_folder_is_refused(tmp_path):
    other = tmp_path / "other-client-profile.yaml"
    other.write_text(PROFILE.replace("Tiny Test Co", "Someone Else"), encoding="utf-8")
    ws = _ws(tmp_path)
    (ws / "profile.yaml").unlink()
    (ws / "profile.yaml").symlink_to(other)
    workspace, problems = check_workspace(ws)
    p = only([p for p in problems if p.level == "error"])
    assert workspace is None
    assert (p.file, p.expected) == (
        "profile.yaml",
        "a link to a file outside the workspace: not read; copy the file into the workspace",
    )
    (ws / "profile.yaml").unlink()
    (ws / "profile.yaml").mkdir()
    p = only(problems_of(ws))
    assert (p.file, p.expected) == ("profile.yaml", "a folder, not a file: not read")


def test_profile_that_is_a_named_pipe_is_refused(tmp_path):
    ws = _ws(tmp_path)
    (ws / "profile.yaml").unlink()
    os.mkfifo(ws / "profile.yaml")
    done = _check_in_subprocess(ws)
    assert "profile.yaml — not a regular file (a named pipe, socket or device): not read" in (
        done.stdout + done.stderr
    )


def test_export_named_on_the_command_line_that_is_a_pipe_is_refused(tmp_path, monkeypatch):
    from playbook import crm_import

    def never(*_):
        raise AssertionError("opened")

    monkeypatch.setattr(crm_import, "read_export", never)
    os.mkfifo(tmp_path / "opportunities.csv")
    proposal = crm_import.propose([tmp_path / "opportunities.csv"], "salesforce")
    assert [str(p) for p in proposal.problems][0] == (
        "ERROR opportunities.csv — not a regular file (a named pipe, socket or device): not read"
    )


# --------------------------------------------------------------------------- neighbours


def test_separator_closing_every_line_is_read(tmp_path):
    tables = dict(TINY)
    lines = TINY["deals"].splitlines()
    tables["deals"] = "\n".join([lines[0]] + [line + "," for line in lines[1:]]) + "\n"
    workspace, problems = check_workspace(_ws(tmp_path, tables=tables))
    assert [p for p in problems if p.level == "error"] == []
    assert workspace.table("deals")["amount"].tolist()[:2] == [10000, 20000]


def test_same_table_in_two_cases_of_a_name_is_an_error(tmp_path):
    ws = _ws(tmp_path)
    (ws / "Deals.CSV").write_text(TINY["deals"], encoding="utf-8")
    p = only(problems_of(ws))
    assert (p.file, p.expected) == (
        "deals.csv",
        "table deals is both in Deals.CSV and in this file: keep one",
    )


def test_table_in_a_format_not_read_is_named(tmp_path):
    ws = _ws(tmp_path)
    (ws / "deals.csv").rename(ws / "deals.xls")
    (ws / "notes.txt").write_text("not a table", encoding="utf-8")
    assert [str(p) for p in problems_of(ws)] == ["ERROR deals.csv — required table is missing"]
    assert [str(p) for p in problems_of(ws, "warning") if p.file != "deals.csv"] == [
        "WARNING deals.xls — not read: only .csv (UTF-8) and .xlsx files are read; save it as one"
    ]


def test_file_larger_than_the_limit_is_refused_unread(tmp_path, monkeypatch):
    from playbook import readers

    ws = _ws(tmp_path)
    (ws / "deals.csv").write_bytes(b"x" * (3 * 2**20))
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 2**20)
    p = only(problems_of(ws))
    assert (p.file, p.expected) == (
        "deals.csv",
        "3 MB, more than the 1 MB a workspace file may have: not read; export only the "
        "columns and period the playbook uses",
    )


def test_file_that_is_not_text_is_named_without_showing_its_bytes(tmp_path):
    ws = _ws(tmp_path)
    expected = {
        b"PK\x03\x04" + bytes(40): "an Excel workbook (or zip file) named .csv: name it .xlsx, "
        "or save it as 'CSV UTF-8'",
        TINY["deals"].encode("utf-16"): "UTF-16 text (Excel's 'Unicode Text'): save it as "
        "'CSV UTF-8'",
        TINY["deals"].replace("D3", "D\x003").encode(): "contains NUL bytes, so it is not a "
        "text file: save the table as 'CSV UTF-8'",
    }
    for data, message in expected.items():
        (ws / "deals.csv").write_bytes(data)
        p = only(problems_of(ws))
        assert (p.file, p.row, p.value, p.expected) == ("deals.csv", None, None, message)


def test_saving_answers_into_a_link_out_of_the_workspace_is_refused(tmp_path):
    from playbook.exceptions import ReadinessSaveError
    from playbook.sources import save_answers

    other = tmp_path / "other-client-readiness.csv"
    other.write_text("item_id,score,evidence\n", encoding="utf-8")
    ws = _ws(tmp_path)
    (ws / "readiness.csv").symlink_to(other)
    with pytest.raises(ReadinessSaveError) as err:
        save_answers(ws, pd.DataFrame({"item_id": [], "score": [], "evidence": []}))
    assert str(err.value) == (
        "readiness.csv: a link to a file outside the workspace: not read; copy the file into "
        "the workspace"
    )
    assert not (ws / ".history").exists()


def test_quote_that_never_closes_names_its_row(tmp_path):
    tables = dict(TINY)
    tables["deals"] = TINY["deals"].replace("D3,P2", 'D3,"P2')
    p = only(problems_of(_ws(tmp_path, tables=tables)))
    assert (p.file, p.row, p.value) == (
        "deals.csv",
        4,
        'D3,"P2,sourced,won,2024-05-01,2024-07-15,5000,4000,250,5',
    )
    assert p.expected == (
        'a double quote (") opens a value on this row that never closes, so the rest of the '
        "file would be read as one value: close the quote or remove it"
    )
    tables["deals"] = TINY["deals"].replace("D3,P2", 'D3,P2"')  # inside a value: fine
    p = only(problems_of(_ws(tmp_path, "ok", tables=tables)))
    assert (p.row, p.column, p.value) == (4, "partner_id", 'P2"')  # read as the value P2"


def test_huge_value_in_a_report_export_is_named_not_a_traceback(tmp_path):
    tables = dict(TINY)
    tables["partners"] = "Partner report\n" + TINY["partners"].replace("Alpha Apps", "A" * 200_000)
    p = only(problems_of(_ws(tmp_path, tables=tables)))
    assert (p.file, p.row, p.value) == ("partners.csv", 3, None)
    assert p.expected == "cannot be read as CSV: field larger than field limit (131072)"
