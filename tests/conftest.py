"""Shared fixtures: a small, valid workspace written from CSV text, and the demo client; helpers
the workspace, escaping and trend tests share."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import pytest

from playbook import labels
from playbook.config import DEMO_WORKSPACE
from playbook.workspace import check_workspace

PROFILE = """\
name: Tiny Test Co
client_id: "007"
currency: USD
competitors: [Rival One, Rival Two]
"""

# A small, hand-checkable data set. Figures derived from it are worked out in the tests' docstrings.
TINY = {
    "partners": """\
partner_id,name,type,status,area,manager_id,start_date,certification_level
P1,Alpha Apps,isv,active,North,M1,2023-01-01,certified
P2,Beta Consulting,integrator,active,North,M2,2023-06-01,advanced
P3,Gamma Cloud,platform,active,South,M3,2024-02-01,none
P4,Delta Market,ecosystem,candidate,South,M3,,expert
""",
    "staff": """\
staff_id,name,area,role,fte,start_date,end_date
M1,Mia North,North,channel_manager,1,2022-01-01,
M2,Max North,North,channel_manager,0.5,2022-01-01,
M3,Sam South,South,channel_manager,1,2022-01-01,
T1,Tess Tech,South,technical,,2022-01-01,
T2,Ted Gone,South,technical,1,2022-01-01,2024-01-01
""",
    "deals": """\
deal_id,partner_id,attribution,stage,created_date,close_date,amount,margin,cost_of_sale,units
D1,P1,sourced,won,2024-01-10,2024-03-10,10000,7000,1000,10
D2,P1,influenced,won,2024-02-01,2024-06-01,20000,12000,500,40
D3,P2,sourced,won,2024-05-01,2024-07-15,5000,4000,250,5
D4,P3,sourced,won,2024-09-01,2024-12-31,8000,6000,800,16
D5,P3,sourced,lost,2024-03-01,2024-04-01,9000,5000,100,3
D6,,direct,won,2024-02-01,2024-05-01,100000,60000,1000,100
D7,P1,sourced,won,2023-10-01,2023-12-31,7000,5000,100,7
D8,P2,influenced,qualified,2024-11-01,,4000,,,
""",
    "financials": """\
period,area,manager_id,program_expenses,accounts_receivable
2023-12,North,M1,9999,500
2024-01,North,M1,1000,0
2024-12,North,M1,1000,3000
2024-12,North,,2000,1000
2024-12,South,M3,500,2000
""",
    "investments": """\
investment_id,partner_id,date,category,amount
I1,P1,2024-02-01,integration,3000
I2,P3,2024-11-01,enablement,1000
I3,P2,2023-06-01,enablement,5000
""",
}


def write_workspace(path: Path, tables: dict[str, str], profile: str = PROFILE) -> Path:
    """Write ``profile.yaml`` and one CSV per entry of ``tables`` (text, dedented)."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "profile.yaml").write_text(profile, encoding="utf-8")
    for name, text in tables.items():
        (path / f"{name}.csv").write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A valid five-table workspace with hand-checkable figures."""
    return write_workspace(tmp_path / "tiny", TINY)


@pytest.fixture
def demo() -> Path:
    return DEMO_WORKSPACE


# --------------------------------------------------------------------------- validation helpers


def problems_of(path, level="error"):
    """The problems of level ``level`` that checking the workspace at ``path`` finds."""
    _, problems = check_workspace(path)
    return [p for p in problems if p.level == level]


def variant(tmp_path, table, old, new):
    """The tiny workspace with ``old`` replaced by ``new`` in the CSV text of ``table``."""
    tables = dict(TINY)
    assert old in tables[table], "fixture text to replace not found"
    tables[table] = tables[table].replace(old, new)
    return write_workspace(tmp_path / "ws", tables)


def not_history(problems):
    """``problems`` without the data-quality warning that the deals start after most active
    partners had started: TINY's deals start on 2023-10-01, after P1 and P2 (tests/test_quality.py
    checks that warning; the tests that list TINY's other warnings leave it out)."""
    return [p for p in problems if not p.expected.startswith("the deals start on")]


def only(problems):
    """The one problem of ``problems`` (fails unless there is exactly one)."""
    assert len(problems) == 1, problems
    return problems[0]


def answers(rows):
    """Readiness answers (``item_id``, ``score``, ``evidence``) from tuples."""
    return pd.DataFrame(rows, columns=["item_id", "score", "evidence"])


# Hostile client strings and what an escaping HTML output must show instead (exactly).
HOSTILE_TEXT = [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('"><img src=x onerror=alert(1)>', "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"),
    ("&amp;", "&amp;amp;"),
    ("{{ 7*7 }}", "{{ 7*7 }}"),  # data is never evaluated as a template
    ("'", "&#39;"),
]
TOKEN = "CLIENTTEXT"  # benign stand-in, replaced by a hostile string's escaped form


def deals_frame(rows):
    """Deals rows (deal_id, partner_id, attribution, stage, close_date, amount, margin,
    solution_id) as a frame, for trend 01's hand-worked fixtures."""
    return pd.DataFrame(
        rows,
        columns=[
            "deal_id",
            "partner_id",
            "attribution",
            "stage",
            "close_date",
            "amount",
            "margin",
            "solution_id",
        ],
    )


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> Path:
    """One full run of the demo client, shared by the tests that read its reports (summary,
    reports in a browser, workbook, plain language): the run folder."""
    from click.testing import CliRunner

    from playbook.cli import main

    out = tmp_path_factory.mktemp("demo-run")
    result = CliRunner().invoke(
        main, ["run", str(DEMO_WORKSPACE), "--out", str(out), "--jobs", "2"]
    )
    assert result.exit_code == 0, result.output
    [run_dir] = [p for p in out.iterdir() if p.is_dir()]
    return run_dir


@pytest.fixture(autouse=True)
def _playbook_labels():
    """A notebook run in this process (``notebook.start``) sets its client's partner type names
    (profile.yaml ``partner_type_labels``); put the playbook's labels back after each test."""
    yield
    labels.use_client_labels(None)
