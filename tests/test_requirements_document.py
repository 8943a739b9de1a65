"""The editable Partner Requirements Documents (playbook.requirements_document), read back with
python-docx: the tiny workspace with three scored partners, figures worked out by hand."""

from dataclasses import replace

import docx
import pytest
from conftest import PROFILE, TINY, write_workspace

from playbook.labels import label
from playbook.requirements_document import (
    TEMPLATE_NAME,
    file_name,
    write_requirement_documents,
    write_requirement_template,
)
from playbook.workspace import load_workspace

CRITERIA = """\
requirement_criteria:
  - {name: Tech, weight: 3, must_have: true, min_score: 3, target: 4,
     description: "Can they build on our product?"}
  - {name: Reach, weight: 2, target: 4}
  - {name: Fit, weight: 1}
"""
SCORES = """\
partner_id,criterion,score,note
P1,Tech,4,Shipped a <connector> & tests\x07
P1,Reach,3,
P1,Fit,5,
P2,Tech,2,
P2,Reach,5,
P4,Tech,5,
P4,Reach,4,
P4,Fit,1,
"""


def _cells(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _tables(path) -> list[list[list[str]]]:
    """The document's tables, in order, as text: profile, criteria, scores, gaps (when there
    are any), agreed actions."""
    return [_cells(t) for t in docx.Document(path).tables]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("prd")
    tables = TINY | {"requirement_scores": SCORES}
    return load_workspace(write_workspace(root / "ws", tables, PROFILE + CRITERIA))


@pytest.fixture(scope="module")
def written(workspace, tmp_path_factory):
    return write_requirement_documents(workspace, tmp_path_factory.mktemp("out"), "2024-12-31")


def test_one_document_per_scored_partner_best_fit_first_then_the_template(written):
    """Fit: P4 100·(3·5/5 + 2·4/5 + 1·1/5)/6 = 80; P1 100·(2.4 + 1.2 + 1)/6 = 76.7; P2 (Fit not
    scored) 100·(1.2 + 2)/5 = 64. P3 has no score: no document."""
    assert [p.name for p in written] == [
        "requirements-p4-delta-market.docx",
        "requirements-p1-alpha-apps.docx",
        "requirements-p2-beta-consulting.docx",
        TEMPLATE_NAME,
    ]
    texts = [p.text for p in docx.Document(written[2]).paragraphs]
    assert "Weighted fit: 64 of 100, from 2 of 3 criteria scored." in texts
    assert "Must-haves: Fail (below minimum: Tech)." in texts
    assert "Not scored yet: Fit." in texts
    assert "Prepared for Tiny Test Co, as of 2024-12-31." in texts


def test_a_partner_document_carries_profile_criteria_scores_and_gaps(written):
    tables = _tables(written[2])  # P2, Beta Consulting
    profile = dict(tables[0])
    assert profile["Partner"] == "Beta Consulting" and profile["Type"] == "Systems integrator"
    assert profile["Partner manager"] == "Max North" and profile["Certification"] == "Advanced"
    assert profile["Life cycle"] == "not recorded" and profile["Partner since"] == "2023-06-01"
    assert profile["Relationships with our competitors"] == "none known"
    assert tables[1] == [
        [
            "Criterion",
            "What it means",
            "Weight",
            "Share of the fit",
            "Must-have",
            "Minimum",
            "Target",
        ],
        ["Tech", "Can they build on our product?", "3", "50.0%", "Yes", "3", "4"],
        ["Reach", "—", "2", "33.3%", "No", "none", "4"],
        ["Fit", "—", "1", "16.7%", "No", "none", "not set"],
    ]
    scores, gaps, actions = tables[2:]
    # points of fit over the scored weights 3 + 2 = 5: Tech 100·3·2/5/5 = 24, Reach 40
    assert scores[1:] == [
        ["Tech", "2", "24.0", "Below the must-have minimum", "—"],
        ["Reach", "5", "40.0", "Meets the target", "—"],
        ["Fit", "—", "—", "Not scored", "—"],
    ]
    # Tech 2: 1 short of the minimum 3, 2 of the target 4 (the points to close)
    assert gaps[1:] == [["Tech", "2", "3", "4", "2", "Below the must-have minimum"]]
    assert actions[0] == ["Gap", "Action agreed", "Owner", "Due date"]
    assert actions[1:] == [["Tech", "", "", ""], ["", "", "", ""], ["", "", "", ""]]


def test_client_text_is_kept_as_text_and_control_characters_dropped(written):
    scores = _tables(written[1])[2]  # P1, Alpha Apps
    assert scores[1] == ["Tech", "4", "40.0", "Meets the target", "Shipped a <connector> & tests"]
    assert scores[2][3] == "Below the target" and scores[3][3] == "Scored, no target set"
    gaps = _tables(written[1])[3]
    assert gaps[1:] == [["Reach", "3", "none", "4", "1", "Below the target"]]


def test_a_partner_meeting_everything_has_no_gap(written):
    texts = [p.text for p in docx.Document(written[0]).paragraphs]  # P4, 80
    assert "Weighted fit: 80 of 100, from 3 of 3 criteria scored." in texts
    assert "None: every scored criterion meets its minimum and its target." in texts


def test_the_template_lists_the_criteria_with_blank_scores(written):
    tables = _tables(written[-1])
    assert [r[0] for r in tables[0]] == [
        "Partner",
        "Type",
        "Status",
        "Life cycle",
        "Competitive advantage",
        "Relationships with our competitors",
        "Expected mindshare",
        "Industry",
        "Area",
        "Certification",
        "Partner manager",
    ]
    assert all(r[1] == "" for r in tables[0])
    assert tables[1][1][:2] == ["Tech", "Can they build on our product?"]
    assert tables[2][1:] == [
        ["Tech", "", "", "", ""],
        ["Reach", "", "", "", ""],
        ["Fit", "", "", "", ""],
    ]


def test_without_criteria_only_the_template_is_written(workspace, tmp_path):
    """The profile's own must-have minimum (parameters of notebook 01) is the one printed; no
    as-of date: TINY's latest deal date."""
    profile = workspace.profile.model_copy(
        update={"requirement_criteria": [], "parameters": {"01": {"must_have_min_score": 2}}}
    )
    paths = write_requirement_documents(replace(workspace, profile=profile), tmp_path, None)
    assert [p.name for p in paths] == [TEMPLATE_NAME]
    texts = [p.text for p in docx.Document(paths[0]).paragraphs]
    assert any(t.startswith("No requirement criteria are set yet") for t in texts)
    assert any(t.endswith("where no minimum is set it is 2 of 5.") for t in texts)
    assert "as of 2024-12-31" in texts[1]


def test_the_template_alone_from_a_profile(workspace, tmp_path):
    path = write_requirement_template(workspace.profile, tmp_path / "new", "2025-01-31")
    assert path.name == TEMPLATE_NAME
    doc = docx.Document(path)
    assert doc.paragraphs[1].text.startswith("Prepared for Tiny Test Co, as of 2025-01-31.")
    assert [r[0] for r in _tables(path)[2]] == ["Criterion", "Tech", "Reach", "Fit"]


def test_file_names_are_built_from_safe_characters_and_never_shared():
    used = {TEMPLATE_NAME}
    assert file_name("../../etc", "Acme/Ltd", used) == "requirements-etc-acme-ltd.docx"
    assert file_name("ETC", "Acme Ltd", used) == "requirements-etc-acme-ltd-2.docx"
    assert file_name("", "\x07", used) == "requirements-partner.docx"


def test_partner_types_are_named_as_the_client_names_them(tmp_path):
    """As in every report: the profile's partner_type_labels, only while writing."""
    names = "partner_type_labels:\n  integrator: Implementation partners\n"
    tables = TINY | {"requirement_scores": SCORES}
    ws = load_workspace(write_workspace(tmp_path / "ws", tables, PROFILE + CRITERIA + names))
    paths = write_requirement_documents(ws, tmp_path / "out", "2024-12-31")
    beta = next(p for p in paths if "beta" in p.name)
    profile = dict(_tables(beta)[0])
    assert profile["Type"] == "Implementation partners"
    assert label("integrator") == "Systems integrator"  # the playbook's name again afterwards
