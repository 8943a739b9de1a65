"""Workshop materials (issue 15): several readiness respondents combined by hand, the checklist's
"not applicable", and the files `playbook materials` and `playbook new` write."""

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import HOSTILE_TEXT, TINY, problems_of, write_workspace
from openpyxl import load_workbook

from playbook import buyin, cli_materials, materials, materials_files
from playbook import readiness as rd
from playbook import readiness_summary as rs
from playbook import readiness_views as rdv
from playbook.cli import main
from playbook.workspace import load_workspace

BANK = pd.DataFrame(
    {
        "item_id": ["A1", "A2", "A3", "B1", "B2", "C1"],
        "dimension": ["customer_needs"] * 3 + ["goal_alignment"] * 2 + ["platform_readiness"],
        "question": ["Top problems written down?", *"qqqqq"],
        "recommendation": list("rrrrrr"),
    }
)
#: (item, score, evidence, respondent, not applicable)
RESPONSES = [
    ("A1", 4, "deck", "Ann", None),
    ("A1", 2, "", "Bob", None),
    ("A1", 5, "", "Cy", None),
    ("A2", 3, "", "Ann", None),
    ("A2", None, "", "Bob", True),
    ("A2", 0, "", "Cy", True),  # marked not applicable: its score is ignored
    ("A3", None, "", "Ann", True),
    ("A3", None, "", "Bob", True),
    ("B1", None, "", "Ann", None),
    ("B2", 2, "plan", "Ann", None),
    ("B2", 3, "", "Bob", None),
]


def responses() -> pd.DataFrame:
    return pd.DataFrame(
        RESPONSES, columns=["item_id", "score", "evidence", "respondent", "not_applicable"]
    )


def test_several_respondents_are_combined_by_the_median_with_their_spread():
    """A1: 4, 2, 5 → median 4, spread 2–5 (3 points: disagree). A2: Ann 3, Bob and Cy n/a (Cy's
    0 ignored) → 3, 1 scored, 2 marked. A3: only n/a → not applicable. B1: blank → not
    answered. B2: 2, 3 → median 2.5. C1 absent → not answered."""
    items = rd.scored_items(responses(), BANK).set_index("item_id")
    assert items.loc["A1", ["score", "low", "high", "scored"]].tolist() == [4, 2, 5, 3]
    assert items.loc["A1", "disagree"] and not items.loc["B2", "disagree"]
    assert items.loc["A2", ["score", "scored", "not_applicable"]].tolist() == [3, 1, 2]
    assert items.loc["B2", "score"] == 2.5
    assert items.loc["A1", "evidence"] == "Ann: deck"
    flat = items.reset_index()
    assert list(flat.loc[rd.not_applicable(flat), "item_id"]) == ["A3"]
    assert list(flat.loc[rd.unanswered(flat), "item_id"]) == ["B1", "C1"]


def test_not_applicable_is_left_out_of_the_index_and_counted_apart():
    """customer needs: A1 4, A2 3 → 3.5 of 5 = 70, A3 not applicable; goal alignment: B2 2.5 →
    50, B1 not answered; platform: nothing. Index (70 + 50) / 2 = 60."""
    dims = rd.dimension_scores(rd.scored_items(responses(), BANK))
    assert dims.loc["customer_needs", ["answered", "unanswered", "not_applicable"]].tolist() == [
        2,
        0,
        1,
    ]
    assert dims.loc["customer_needs", "score"] == pytest.approx(70)
    assert dims.loc["goal_alignment", "score"] == pytest.approx(50)
    assert rd.readiness_index(dims) == pytest.approx(60)
    assert "Not applicable" in rdv.dimension_columns(dims)


def test_the_spread_table_lists_disagreements_first_and_the_takeaway_names_them():
    items = rd.scored_items(responses(), BANK)
    view = rdv.spread_view(items)
    assert view.loc[0, ["Item", "Median (0–5)", "Lowest", "Highest"]].tolist() == [
        "A1",
        "4",
        "2",
        "5",
    ]
    assert view.loc[0, "Respondents disagree?"] == "Yes, by 2 points or more"
    by_item = view.set_index("Item")["Respondents disagree?"]
    assert (by_item["B2"], by_item["A2"]) == ("No", "—")  # B2: 2 and 3; A2: only Ann scored
    assert view.loc[view["Item"] == "A3", "Median (0–5)"].item() == "—"
    names = rd.respondents(responses())
    assert names == ["Ann", "Bob", "Cy"]
    assert rdv.spread_caption(names, 1).startswith("Answers of Ann, Bob, Cy: 1 question split")
    dims, index, level, gap_list = rs.rescore(items, None, rd.MATURITY, 2)
    result = rs.summarise(
        index=index,
        level=level,
        items=items,
        gap_list=gap_list,
        unanswered=int(rd.unanswered(items).sum()),
        cov=None,
        alignment={},
        dims=dims,
        respondents=names,
    )
    assert (
        "3 respondents answered; each question is scored by the median, and they are 2 points "
        "or more apart on 1 question, to settle together: “Top problems written down?” (A1). "
        "1 question marked not "
        "applicable is left out of the index." in result.findings[2]
    )
    assert result.figures["disagreements"] == ["A1"]
    assert result.figures["not_applicable"] == ["A3"]
    assert result.figures["unanswered"] == ["B1", "C1"]


def test_the_report_defines_median_spread_and_not_applicable_with_its_thresholds():
    text = " ".join(rdv.definitions(1.5, 3, rd.maturity_bands({"Managed": 70})))
    assert "disagree when they are 2 points or more apart" in text
    assert "Ad hoc below 20; Emerging from 20, Defined from 40, Managed from 70" in text
    assert "scoring 1.5 or less of 5" in text and "fewer than 3 active partners" in text


def test_a_score_on_an_answer_marked_not_applicable_is_an_error(tmp_path):
    tables = dict(TINY)
    tables["readiness"] = "item_id,score,respondent,not_applicable\nCN1,3,Ann,yes\nCN2,,Ann,yes\n"
    errors = problems_of(write_workspace(tmp_path / "na", tables))
    assert [(p.file, p.row, p.column, p.value) for p in errors] == [
        ("readiness.csv", 2, "score", "3")
    ]
    assert "leave the score blank, or set not_applicable to no" in errors[0].expected


def test_a_checklist_item_marked_not_applicable_leaves_every_count():
    """16 default items; CM01 done, CM02 not applicable → 15 items on the list, 1 done."""
    client = pd.DataFrame(
        {
            "item_id": ["CM01", "CM02"],
            "category": ["Strategy", "Strategy"],
            "task": ["t", "t"],
            "owner": ["Ann", None],
            "due_date": [pd.Timestamp("2024-01-31"), pd.Timestamp("2024-01-31")],
            "status": ["done", "not_applicable"],
            "completed_date": [pd.Timestamp("2024-01-15"), pd.NaT],
        }
    )
    items = buyin.merged_checklist(client, "2024-06-30")
    assert len(items) == 15 and "CM02" not in set(items["item_id"])
    assert (items["status"] == "done").sum() == 1 and not items["overdue"].loc[0]


# --------------------------------------------------------------------------- the materials


HOSTILE, SHOWN = HOSTILE_TEXT[0]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """TINY with two respondents' answers, a checklist and a plan for P1 only; a partner name
    and an answer's evidence are hostile text. Loaded once for the module."""
    tables = dict(TINY)
    tables["partners"] = TINY["partners"].replace("Beta Consulting", HOSTILE)
    tables["readiness"] = (
        "item_id,score,evidence,respondent,not_applicable\n"
        f"CN1,4,{HOSTILE},Ann,\nCN1,2,,Bob,\nPR1,,,Bob,yes\n"
    )
    tables["checklist"] = (
        "item_id,category,task,owner,due_date,status,completed_date\n"
        "CM02,Strategy,x,Ann,2024-03-31,not_applicable,\n"
        "CL1,Own,Run a partner day,Bob,2024-09-30,in_progress,\n"
    )
    tables["plans"] = "partner_id,issue,milestone,status\nP1,Reach,Sign,done\n"
    return load_workspace(write_workspace(tmp_path_factory.mktemp("client"), tables))


def test_questionnaires_are_pre_filled_per_respondent_then_one_blank(client):
    sheets = materials.questionnaires(client)
    assert [who for who, _ in sheets] == ["Ann", "Bob", None]
    bob = sheets[1][1].set_index("item_id")
    assert bob.loc["CN1", "score"] == 2 and pd.isna(bob.loc["CN2", "score"])
    assert bob.loc["PR1", "not_applicable"] == "yes" and bob.loc["CN1", "not_applicable"] == ""
    assert sheets[2][1]["score"].isna().all() and len(sheets[2][1]) == 18


def test_checklist_and_plan_templates_from_the_client(client):
    """Checklist: 16 default items (CM02 keeps the client's not applicable) + CL1. Plans: P2
    and P3 are active without a plan (P1 has one, P4 is a candidate): 3 rows each."""
    checklist = materials.checklist_template(client).set_index("item_id")
    assert len(checklist) == 17
    assert checklist.loc["CM02", "status"] == "not_applicable"
    assert checklist.loc["CM01", "status"] == "not_started"
    assert checklist.loc["CL1", ["owner", "due_date"]].tolist() == ["Bob", "2024-09-30"]
    plans = materials.plan_template(client, "2024-12-31")
    assert plans["partner_id"].tolist() == ["P2"] * 3 + ["P3"] * 3
    assert set(plans["status"]) == {"not_started"}
    assert plans["owner"].tolist() == ["Max North"] * 3 + ["Sam South"] * 3  # their managers


def test_a_plan_starts_from_where_the_partner_is_today(client):
    """12 months to 31 December 2024: P2 won D3 (USD 5,000) and has D8 open (created 1 Nov
    2024, qualified); P3 won D4 (USD 8,000, closed on the as-of date), D5 was lost; P4 has no
    deal. Money is written with a no-break space."""
    now = materials.today(client, "2024-12-31")
    assert now["P2"] == (
        "1 won deal in the 12 months to 31 December 2024 (USD\xa05,000); 1 open deal."
    )
    assert now["P3"].startswith("1 won deal") and now["P3"].endswith(
        "(USD\xa08,000); no open deal."
    )
    assert now["P4"] == "No won deal in the 12 months to 31 December 2024; no open deal."
    assert materials.plan_template(client, "2024-12-31")["current_state"].iloc[0] == now["P2"]


def test_the_agenda_follows_the_schema_and_says_what_was_supplied(client):
    sessions = {s.number: s for s in materials.agenda(client)}
    assert list(sessions) == ["01", "02", "03", "04", "05", "06", "07", "08"]
    assert sessions["03"].title == "Readiness assessment"
    readiness = {t.table: t for t in sessions["03"].tables}["readiness"]
    assert (readiness.rows, readiness.material) == (3, "Readiness questionnaire")
    accounts = {t.table: t for t in sessions["03"].tables}["accounts"]
    assert accounts.rows == 0
    assert sessions["07"].settings == {
        "competitors": True,
        "employees": False,
        "program_organisation": True,
    }
    assert sessions["01"].settings == {"requirement_criteria": False}
    blank = {s.number: s for s in materials.agenda(None)}
    assert blank["04"].settings == {"org_units": None}


def test_materials_command_writes_pages_and_workbooks_and_never_overwrites(client, tmp_path):
    out = tmp_path / "mat"  # the command's own check of the workspace included
    result = CliRunner().invoke(main, ["materials", str(client.path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    files = [*materials_files.FILES.values(), cli_materials.REQUIREMENTS_DIR]
    assert sorted(p.name for p in out.iterdir()) == sorted(files)
    documents = sorted(p.name for p in (out / "requirements").iterdir())
    scored = client.table("requirement_scores")["partner_id"].nunique()
    assert len(documents) == scored + 1 and "requirements-template.docx" in documents
    assert "Partner Requirements Document" in result.output
    book = load_workbook(out / "readiness-questionnaire.xlsx")
    rows = list(book["readiness"].iter_rows(values_only=True))
    assert rows[0] == tuple(materials.QUESTIONNAIRE_COLUMNS)
    assert len(rows) == 1 + 3 * 18 and rows[1][:4] == ("CN1", "Customer needs", rows[1][2], 4)
    status = [
        r[5]
        for r in load_workbook(out / "channel-checklist.xlsx")["checklist"].iter_rows(
            values_only=True
        )
    ]
    assert status[2] == "not_applicable"
    agenda = (out / "workshop-agenda.html").read_text()
    assert 'href="readiness-questionnaire.html"' in agenda and "3 rows" in agenda
    again = CliRunner().invoke(main, ["materials", str(client.path), "--out", str(out)])
    assert again.exit_code == 1 and "--replace" in again.output


def test_a_filled_questionnaire_is_the_readiness_table(client, tmp_path):
    """The questionnaire workbook's rows with a respondent, saved as readiness.csv, load
    without an error (the reading columns only warned about) and score as the client's."""
    book = tmp_path / "q.xlsx"
    materials_files.questionnaire_book(client, book)
    sheet = pd.read_excel(book, sheet_name="readiness", dtype=str)
    tables = dict(TINY)
    tables["readiness"] = sheet[sheet["respondent"].notna()].to_csv(index=False)
    ws = load_workspace(write_workspace(tmp_path / "again", tables))
    assert [p for p in ws.problems if p.level == "error"] == []
    assert any(p.column == "dimension, question" for p in ws.problems)
    again = rd.scored_items(ws.table("readiness")).set_index("item_id")
    assert again.loc["CN1", ["score", "low", "high"]].tolist() == [3, 2, 4]
    assert rd.not_applicable(again.reset_index()).sum() == 1


def test_client_text_is_escaped_in_every_material(client):
    for page in (materials_files.questionnaire_html(client), materials_files.plans_html(client)):
        assert HOSTILE not in page and SHOWN in page


def test_new_workspace_carries_the_blank_materials_and_they_follow_its_filling(tmp_path):
    CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path)])
    folder = tmp_path / "acme" / "materials"
    files = [*materials_files.FILES.values(), "requirements-template.docx"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(files)
    rows = list(load_workbook(folder / "channel-checklist.xlsx")["checklist"].values)
    assert len(rows) == 1 + len(buyin.DEFAULT_CHECKLIST)
    assert "Supplied so far" not in (folder / "workshop-agenda.html").read_text()
    # still without partners and deals (errors): the agenda says what is missing
    out = tmp_path / "now"
    result = CliRunner().invoke(main, ["materials", str(tmp_path / "acme"), "--out", str(out)])
    assert result.exit_code == 0 and "2 errors" in result.output
    assert "required, missing" in (out / "workshop-agenda.html").read_text()


def test_the_run_links_its_agenda_from_the_summary_page(demo_run):
    agenda = (demo_run / "workshop-agenda.html").read_text()
    assert "Readiness questionnaire" in agenda and "54 rows" in agenda
    assert 'href="workshop-agenda.html"' in (demo_run / "index.html").read_text()
