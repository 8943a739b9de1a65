"""Columnar CSV reading: pyarrow's reader gives exactly the frame of the row-by-row path on every
plain file, and hands every messy one to it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from playbook import readers
from playbook.config import DEMO_WORKSPACE

FIXTURES = Path(__file__).parent / "fixtures" / "crm"
PLAIN_FILES = sorted(DEMO_WORKSPACE.glob("*.csv")) + sorted(FIXTURES.glob("*.csv"))


def row_by_row(file: Path, monkeypatch) -> tuple[pd.DataFrame | None, list]:
    """What :func:`readers.read_csv` gives without the pyarrow path (the reader before it)."""
    problems: list = []
    with monkeypatch.context() as m:
        m.setattr(readers, "read_plain_csv", lambda data: None)
        return readers.read_csv(file, problems), problems


@pytest.mark.parametrize("file", PLAIN_FILES, ids=lambda f: f.name)
def test_pyarrow_reads_every_fixture_exactly_as_before(file, monkeypatch):
    assert readers.read_plain_csv(file.read_bytes()) is not None  # the columnar path is taken
    problems: list = []
    got = readers.read_csv(file, problems)
    expected, expected_problems = row_by_row(file, monkeypatch)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.attrs == expected.attrs
    assert problems == expected_problems == []


CASES = {
    "bom": b"\xef\xbb\xbfdeal_id,amount\nD1,5\n",
    "quoted formula": b"item_id,evidence\nR1,'=1+1\nR2,'@x\n",
    "repeated header": b"amount,Amount\n1,2\n",
    "blank header over values": b"deal_id,,x\nD1,7,\nD2,,\n",
    "quoted comma and newline": b'name,note\n"Acme, Inc.","two\nlines"\n',
    "blank lines and cells": b"a,b\n\n,\nx,\n",
    "crlf": b"a,b\r\n1,2\r\n",
    "quote inside a value": b'product,size\nMonitor 27"",27\n',
}


@pytest.mark.parametrize("case", CASES)
def test_plain_files_with_a_twist_read_the_same(case, tmp_path, monkeypatch):
    file = tmp_path / "t.csv"
    file.write_bytes(CASES[case])
    got = readers.read_csv(file, [])
    expected, _ = row_by_row(file, monkeypatch)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.attrs == expected.attrs


MESSY = {
    "ragged title rows": b"Deals report\nexported today\ndeal_id,amount\nD1,5\n",
    "row wider than the header": b"deal_id,amount\nD1,5,extra\n",
    "unclosed quote": b'deal_id,amount\nD1,"5\nD2,6\n',
    "semicolons": b"deal_id;amount\nD1;5\n",
    "tabs": b"deal_id\tamount\nD1\t5\n",
    "not UTF-8": b"deal_id,name\nD1,Caf\xe9\n",
    "short row": b"a,b,c\n1,2\n",
    "empty": b"\xef\xbb\xbf  \n",
}


@pytest.mark.parametrize("case", MESSY)
def test_messy_files_fall_back_to_the_row_by_row_path(case, tmp_path, monkeypatch):
    assert readers.read_plain_csv(MESSY[case]) is None
    file = tmp_path / "t.csv"
    file.write_bytes(MESSY[case])
    problems: list = []
    got = readers.read_csv(file, problems)
    expected, expected_problems = row_by_row(file, monkeypatch)
    assert problems == expected_problems
    if expected is None:
        assert got is None
    else:
        pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_a_ragged_file_is_read_with_its_title_rows_padded(tmp_path):
    file = tmp_path / "deals.csv"
    file.write_bytes(MESSY["ragged title rows"])
    got = readers.read_csv(file, [])
    assert list(got.columns) == ["Deals report", "column 2"]
    assert got.values.tolist() == [["exported today", ""], ["deal_id", "amount"], ["D1", "5"]]
