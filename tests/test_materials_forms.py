"""Workshop materials (issue 15 review): the agenda in plain words, the partner-plans note, and
the outsourcing and value / transaction question forms."""

import pytest
from conftest import TINY, write_workspace
from openpyxl import load_workbook

from playbook import materials, materials_files, materials_forms
from playbook.workspace import load_workspace


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """TINY with classes set by hand (P3 transaction; candidate P4 value), a plan for P1,
    outsourcing answers (cost 4 with evidence, reach marked n/a) and question-set answers
    (P3: TP1 4, and VP1 2 of the other set; P1: VP2 n/a)."""
    tables = dict(TINY)
    tables["partners"] = (
        "partner_id,name,type,status,area,manager_id,start_date,engagement_model\n"
        "P1,Alpha Apps,isv,active,North,M1,2023-01-01,\n"
        "P2,beta Consulting,integrator,active,North,M2,2023-06-01,\n"
        "P3,Gamma Cloud,platform,active,South,M3,2024-02-01,transaction\n"
        "P4,Delta Market,ecosystem,candidate,South,M3,,value\n"
        "P5,Able Co,isv,active,South,M3,2024-01-01,\n"
    )
    tables["plans"] = "partner_id,issue,milestone,status\nP1,Reach,Sign,done\n"
    tables["outsourcing"] = "item_id,score,not_applicable,evidence\ncost,4,,Quote A\nreach,,yes,\n"
    tables["engagement_answers"] = (
        "partner_id,item_id,score,not_applicable,evidence\n"
        "P3,TP1,4,,Paid per deal\nP3,VP1,2,,\nP1,VP2,,yes,\n"
    )
    return load_workspace(write_workspace(tmp_path_factory.mktemp("forms"), tables))


def test_the_agenda_says_in_plain_words_what_each_session_and_file_is():
    """Every trend has its sentences; a file reads by what it holds (the schema's first
    sentence, asides in brackets left out); hash_salt is not a client's business."""
    sessions = {s.number: s for s in materials.agenda(None)}
    assert all(s.about for s in sessions.values())
    assert "hash_salt" not in sessions["02"].settings
    deal_partners = {t.table: t for t in sessions["01"].tables}["deal_partners"]
    assert deal_partners.holds == (
        "Several partners on one deal, one row per deal and partner, as CRMs export them."
    )
    s07 = {t.table: t for t in sessions["07"].tables}
    s08 = {t.table: t for t in sessions["08"].tables}
    assert s07["outsourcing"].material == "Outsourcing questions"
    assert s08["engagement_answers"].material == "Value and transaction partner questions"
    page = materials_files.agenda_html(None)
    assert 'href="outsourcing-questions.html"' in page and 'href="partner-questions.html"' in page
    assert "hash_salt" not in page and "Hash salt" not in page


def test_partner_plans_by_name_say_who_has_a_plan_already(client):
    """Active without a plan: Able Co (P5), beta Consulting (P2), Gamma Cloud (P3), by name
    whatever the case; Alpha Apps (P1) has one and is named as left out."""
    plans = materials.plan_template(client, "2024-12-31")
    assert plans["partner_id"].drop_duplicates().tolist() == ["P5", "P2", "P3"]
    assert materials.planned(client) == ["Alpha Apps"]
    page = materials_files.plans_html(client, "2024-12-31")
    assert "Left out: 1 partner with a plan already (Alpha Apps)." in page


def test_the_outsourcing_form_is_pre_filled_and_a_blank_is_never_zero(client):
    form = materials_forms.outsourcing_form(client).set_index("item_id")
    assert list(form.index) == [
        "capacity",
        "skills",
        "speed",
        "cost",
        "focus",
        "reach",
        "contacts",
        "control",
    ]
    assert form.loc["cost", ["score", "evidence"]].tolist() == [4.0, "Quote A"]
    assert form.loc["reach", "not_applicable"] == "yes"
    assert form["score"].isna().sum() == 7
    assert materials_forms.outsourcing_form(None)["score"].isna().all()


def test_each_partner_gets_the_questions_of_its_class(client):
    """12 months to 31 Dec 2024: no partner is transaction from the data (median 1 won deal;
    P1's 2 deals average USD 15,000 > the program's 10,750), so P3 is transaction by hand, P1,
    P2, P5 value; candidate P4 value by hand. By name: Able Co 5, Alpha Apps 5, beta Consulting
    5, Delta Market 5, Gamma Cloud 3 rows. P3's VP1 answer (the other set) is not asked."""
    form = materials_forms.engagement_form(client, "2024-12-31")
    counts = form.groupby("partner_id", sort=False).size()
    assert counts.to_dict() == {"P5": 5, "P1": 5, "P2": 5, "P4": 5, "P3": 3}
    assert list(counts.index) == ["P5", "P1", "P2", "P4", "P3"]
    gamma = form[form["partner_id"] == "P3"].set_index("item_id")
    assert list(gamma.index) == ["TP1", "TP2", "TP3"]
    assert gamma.loc["TP1", ["score", "evidence"]].tolist() == [4.0, "Paid per deal"]
    assert gamma.loc["TP2", "score"] != gamma.loc["TP2", "score"]  # blank, not 0
    alpha = form[form["partner_id"] == "P1"].set_index("item_id")
    assert alpha.loc["VP2", "not_applicable"] == "yes"
    blank = materials_forms.engagement_form(None)
    assert blank.groupby("model").size().to_dict() == {"Transaction partner": 3, "Value partner": 5}


def test_the_forms_are_written_with_drop_downs(client, tmp_path):
    written = materials_files.write_materials(client, tmp_path, "2024-12-31")
    names = {f.name for f in written}
    assert {"outsourcing-questions.xlsx", "partner-questions.xlsx"} <= names
    book = load_workbook(tmp_path / "partner-questions.xlsx")
    sheet = book["engagement_answers"]
    assert [c.value for c in sheet[1]] == materials_forms.ENGAGEMENT_COLUMNS
    assert sheet.max_row == 1 + 23
    rules = {str(r.sqref): r.type for r in sheet.data_validations.dataValidation}
    assert rules == {"H2:H224": "list", "G2:G224": "decimal"}
    page = (tmp_path / "partner-questions.html").read_text()
    assert "Gamma Cloud (Transaction partner)" in page
