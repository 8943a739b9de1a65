"""CRM presets, ``playbook new --from`` and ``playbook map`` on exports written in the exact shape
Salesforce opportunity reports, HubSpot deal exports and Pipedrive deal exports have
(tests/fixtures/crm/). Expected figures are counted by hand from those files."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import PROFILE, TINY, not_history, write_workspace

from playbook.cli import main
from playbook.crm_import import propose, report
from playbook.deals import latest_deal_date
from playbook.problems import Severity
from playbook.workspace import check_workspace

CRM = Path(__file__).parent / "fixtures" / "crm"
SALESFORCE = CRM / "salesforce-opportunities.csv"
HUBSPOT = CRM / "hubspot-crm-exports-all-deals-2024-12-02.csv"
PIPEDRIVE = CRM / "pipedrive-deals-export.csv"
PARTNERS = CRM / "partner-list.csv"
USERS = CRM / "users.csv"


def _stage_counts(ws) -> dict[str, int]:
    return ws.table("deals")["stage"].value_counts().to_dict()


def test_salesforce_preset_maps_the_opportunity_report_exactly():
    p = propose([SALESFORCE, PARTNERS, USERS], "salesforce")
    assert [(e.path.name, e.table) for e in p.exports] == [
        ("salesforce-opportunities.csv", "deals"),
        ("partner-list.csv", "partners"),
        ("users.csv", "staff"),
    ]
    assert p.mapping["column_names"]["deals"] == {
        "Opportunity ID": "deal_id",
        "Partner Account": "partner_id",
        "Account Name": "account_id",
        "Opportunity Owner": "owner_id",
    }  # Stage, Amount, Close Date, Created Date, Lead Source are our names already
    # The deals name their owner ("Opportunity Owner"), so the users list is keyed by name too.
    assert p.mapping["column_names"]["staff"] == {
        "User ID": [],  # not read: the deals never carry it
        "Manager": "manager_id",
        "Region": "area",
        "Full Name": ["staff_id", "name"],
    }
    assert p.aligned == [
        "staff.staff_id is read from Full Name: the deals name their owner_id by name "
        "(Opportunity Owner)"
    ]
    assert p.mapping["value_names"]["deals.stage"]["Id. Decision Makers"] == "qualified"
    # 8 rows: Closed Won ×2, Closed Lost, Prospecting, Qualification, Negotiation/Review,
    # Proposal/Price Quote, Id. Decision Makers — each mapped by the preset.
    assert [(v, n, ours) for v, n, ours, _ in p.stages] == [
        ("Closed Won", 2, "won"),
        ("Closed Lost", 1, "lost"),
        ("Prospecting", 1, "lead"),
        ("Qualification", 1, "qualified"),
        ("Negotiation/Review", 1, "proposal"),
        ("Proposal/Price Quote", 1, "proposal"),
        ("Id. Decision Makers", 1, "qualified"),
    ]
    assert "value_from" not in p.mapping and p.ok


def test_hubspot_preset_maps_the_deals_export_exactly():
    p = propose([HUBSPOT], None)
    assert (p.crm, p.detected) == ("hubspot", True)
    assert p.mapping["column_names"]["deals"] == {
        "Record ID": "deal_id",
        "Associated Company IDs": "account_id",
        "Deal Stage": "stage",
        "Create Date": "created_date",
        "Deal owner": "owner_id",
        "Original Traffic Source": "lead_source",
    }
    assert {v: ours for v, _, ours, _ in p.stages} == {
        "Closed Won": "won",
        "Closed Lost": "lost",
        "Appointment Scheduled": "lead",
        "Qualified To Buy": "qualified",
        "Presentation Scheduled": "qualified",
        "Decision Maker Bought-In": "proposal",
        "Contract Sent": "proposal",
    }


def test_pipedrive_preset_takes_won_lost_from_status_and_close_date_from_won_or_lost_time():
    p = propose([PIPEDRIVE], None)
    assert p.crm == "pipedrive"
    assert p.mapping["column_names"]["deals"] == {
        "Deal - Organization": "account_id",
        "Deal - Stage": "stage",
        "Deal - Deal created": "created_date",
        "Deal - Won time": "close_date",
        "Deal - Lost time": "close_date",
        "Deal - Value": "amount",
        "Deal - Owner": "owner_id",
    }  # "Deal - ID" is our deal_id already (headers match ignoring spaces and hyphens)
    assert p.mapping["value_from"] == {
        "deals.stage": {"column": "Deal - Status", "values": {"won": "won", "lost": "lost"}}
    }
    # Status won ×2 (deals 1, 7), lost ×1 (deal 2); open: Qualified, Contact Made, Demo
    # Scheduled, Proposal Made (deal 6), Negotiations Started (deal 8).
    assert [(v, n, ours) for v, n, ours, _ in p.stages] == [
        ("won", 2, "won"),
        ("lost", 1, "lost"),
        ("Qualified", 1, "qualified"),
        ("Contact Made", 1, "qualified"),
        ("Demo Scheduled", 1, "qualified"),
        ("Proposal Made", 1, "proposal"),
        ("Negotiations Started", 1, "proposal"),
    ]


@pytest.mark.parametrize(
    "export, counts",
    [
        (SALESFORCE, {"won": 2, "lost": 1, "lead": 1, "qualified": 2, "proposal": 2}),
        (HUBSPOT, {"won": 2, "lost": 1, "lead": 1, "qualified": 2, "proposal": 2}),
        (PIPEDRIVE, {"won": 2, "lost": 1, "qualified": 3, "proposal": 2}),
    ],
)
def test_new_from_crm_end_to_end_passes_check(tmp_path, export, counts):
    """The exports as they come, with a partner list: `check` accepts the mapped workspace."""
    result = CliRunner().invoke(
        main, ["new", "acme", "--dir", str(tmp_path), str(export), str(PARTNERS)]
    )
    assert result.exit_code == 0, result.output
    ws_path = tmp_path / "acme"
    assert (ws_path / export.name).read_bytes() == export.read_bytes()  # copied, never edited
    ws, problems = check_workspace(ws_path)
    errors = [p for p in problems if p.level == Severity.ERROR]
    assert _stage_counts(ws) == counts
    assert errors == []  # Salesforce's Partner Account names are read as the partners' ids
    notes = [p for p in problems if p.file in ("deals.csv", "partners.csv")]
    assert [(p.file, p.level) for p in notes] == [
        ("deals.csv", Severity.NOTE),
        ("partners.csv", Severity.NOTE),
    ]  # the template files are ignored, not a conflict


def test_pipedrive_close_dates_and_amounts_as_loaded(tmp_path):
    CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path), str(PIPEDRIVE), str(PARTNERS)])
    ws, _ = check_workspace(tmp_path / "acme")
    deals = ws.table("deals").set_index("deal_id")
    closed = deals["close_date"].dropna().dt.strftime("%Y-%m-%d").to_dict()
    assert closed == {"1": "2024-03-15", "2": "2024-04-02", "7": "2024-05-20"}
    assert deals["amount"].sum() == 12000 + 8500 + 5000 + 20000 + 15000 + 7250.5 + 3000
    assert deals["amount"].isna().sum() == 1  # deal 3: blank value stays missing, not 0


def test_unknown_stage_is_listed_as_unmapped_with_the_key_to_edit(tmp_path):
    export = tmp_path / "opportunities.csv"
    export.write_text(
        SALESFORCE.read_text(encoding="utf-8").replace('"Prospecting"', '"Engaging"'),
        encoding="utf-8",
    )
    p = propose([export], "salesforce")
    assert ("Engaging", 1, None, "unmapped") in p.stages
    text = "\n".join(report(p))
    assert "'Engaging' (1 row) → UNMAPPED" in text
    assert "value_names → deals.stage" in text
    assert "'Engaging': lead|qualified|proposal|won|lost" in text


def test_map_detects_the_crm_and_creates_nothing(tmp_path):
    before = sorted(CRM.iterdir())
    result = CliRunner().invoke(main, ["map", str(HUBSPOT)])
    assert result.exit_code == 0, result.output
    assert "CRM: hubspot (HubSpot deals export; detected from the headers)" in result.output
    assert "Deal Stage → stage" in result.output
    assert "not used (4): Deal Name, Pipeline, Associated Company, Last Activity Date" in (
        result.output
    )
    assert "First 5 deals as they will load:" in result.output
    assert "column_names:" in result.output and "Record ID: deal_id" in result.output
    assert sorted(CRM.iterdir()) == before


def test_map_without_a_known_crm_says_so(tmp_path):
    """Headers neither a CRM preset nor the generic one reads as deals."""
    other = tmp_path / "export.csv"
    other.write_text("Ref,Person,Phase,Sum\nX1,Ann,Won,10\n")
    result = CliRunner().invoke(main, ["map", str(other)])
    assert result.exit_code == 1
    assert "no CRM recognised from the headers: name it with --from" in result.output


def test_xlsx_export_is_read_from_its_first_sheet(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Deals"
    with open(PIPEDRIVE, encoding="utf-8") as f:
        for row in csv.reader(f):
            sheet.append(row)
    book.create_sheet("Notes").append(["exported by", "someone"])
    export = tmp_path / "Pipedrive deals.xlsx"
    book.save(export)
    result = CliRunner().invoke(
        main,
        ["new", "acme", "--dir", str(tmp_path), "--from", "pipedrive", str(export), str(PARTNERS)],
    )
    assert result.exit_code == 0, result.output
    ws, problems = check_workspace(tmp_path / "acme")
    assert [p for p in problems if p.level == Severity.ERROR] == []
    assert _stage_counts(ws) == {"won": 2, "lost": 1, "qualified": 3, "proposal": 2}
    assert ws.problems and any(p.file == "Pipedrive deals.xlsx[Deals]" for p in problems)


def test_xlsx_named_sheet_and_a_missing_sheet(tmp_path):
    tables = {k: v for k, v in TINY.items() if k != "deals"}
    ws_path = write_workspace(
        tmp_path / "ws", tables, profile=PROFILE + 'files: {deals: "export.xlsx[Opps]"}\n'
    )
    book = openpyxl.Workbook()
    book.active.title = "Summary"
    book.active.append(["nothing", "here"])
    opps = book.create_sheet("Opps")
    for row in csv.reader(TINY["deals"].splitlines()):
        opps.append(row)
    book.save(ws_path / "export.xlsx")
    ws, problems = check_workspace(ws_path)
    assert [p for p in problems if p.level == Severity.ERROR] == []
    assert len(ws.table("deals")) == 8
    (ws_path / "profile.yaml").write_text(PROFILE + 'files: {deals: "export.xlsx[Deals]"}\n')
    _, problems = check_workspace(ws_path)
    errors = [p for p in problems if p.level == Severity.ERROR]
    assert [(p.file, p.value) for p in errors] == [("profile.yaml", "export.xlsx[Deals]")]
    assert "no such sheet; the workbook has Summary, Opps" in errors[0].expected


def test_template_deals_file_is_ignored_when_files_maps_deals(tmp_path):
    """Before: a header-only deals.csv beside the mapped export was an error ("table deals is
    both in ... keep one"). Now a note; a deals.csv with rows is a warning naming it."""
    tables = {k: v for k, v in TINY.items() if k != "deals"}
    tables["Opportunities"] = TINY["deals"]
    tables["deals"] = TINY["deals"].splitlines()[0] + "\n"
    profile = PROFILE + 'files: {deals: "Opportunities.csv"}\n'
    ws_path = write_workspace(tmp_path / "ws", tables, profile=profile)
    ws, problems = check_workspace(ws_path)
    about = [p for p in problems if p.file == "deals.csv"]
    assert [(p.level, p.expected) for p in about] == [
        (
            Severity.NOTE,
            "ignored: profile.yaml `files` reads table deals from Opportunities.csv",
        )
    ]
    assert len(ws.table("deals")) == 8
    shutil.copyfile(ws_path / "Opportunities.csv", ws_path / "deals.csv")
    _, problems = check_workspace(ws_path)
    about = [p for p in problems if p.file == "deals.csv"]
    assert [p.level for p in about] == [Severity.WARNING]
    assert "this file's 8 row(s) are not read: delete it" in about[0].expected


def test_value_from_and_first_non_blank_are_validated_and_reported(tmp_path):
    tables = dict(TINY)
    tables["deals"] = (
        TINY["deals"]
        .replace("deal_id,partner_id", "deal_id,Status,partner_id")
        .replace("\nD1,", "\nD1,Won,")
        .replace("\nD8,", "\nD8,open,")
    )
    for d in ("D2", "D3", "D4", "D5", "D6", "D7"):
        tables["deals"] = tables["deals"].replace(f"\n{d},", f"\n{d},,")
    rule = "value_from: {deals.stage: {column: Status, values: {won: won}}}\n"
    ws, problems = check_workspace(write_workspace(tmp_path / "ok", tables, PROFILE + rule))
    assert not_history([p for p in problems if p.level != Severity.NOTE]) == []
    assert "1 value taken from Status" in " ".join(p.expected for p in problems)
    bad = "value_from: {deals.stage: {column: Status, values: {won: closed}}}\n"
    _, problems = check_workspace(write_workspace(tmp_path / "bad", tables, PROFILE + bad))
    errors = [p for p in problems if p.level == Severity.ERROR]
    assert len(errors) == 1 and "['closed'] not allowed" in errors[0].expected


def test_salesforce_accounts_are_keyed_by_name_like_the_deals(tmp_path):
    """The opportunity report names accounts ("Account Name", no Account ID column), so the
    accounts export is keyed by Account Name as well; its Type gives the status."""
    accounts = CRM / "salesforce-accounts.csv"
    p = propose([SALESFORCE, accounts, PARTNERS], "salesforce")
    assert p.mapping["column_names"]["accounts"] == {
        "Type": "status",
        "Website": "domain",
        "Billing Country": "country",
        "Account ID": [],  # an id the opportunity report does not carry: not read
        "Account Name": ["account_id", "name"],
    }
    ws_path = tmp_path / "acme"
    CliRunner().invoke(
        main, ["new", "acme", "--dir", str(tmp_path), str(SALESFORCE), str(accounts)]
    )
    ws, problems = check_workspace(ws_path)
    assert [p for p in problems if p.level == Severity.ERROR and "account" in p.file] == []
    got = ws.table("accounts").set_index("account_id")["status"].to_dict()
    assert got == {
        "Acme Corp": "customer",
        "Globex": "prospect",
        "Initech": "customer",
        "Umbrella": "prospect",
        "Hooli": "prospect",
    }
    # Every account the 8 opportunities name (Acme Corp ×2, Globex ×2, Initech ×2, Umbrella,
    # Hooli) exists in the accounts export: no reference errors.
    assert [p for p in problems if p.column == "account_id" and p.level != Severity.NOTE] == []


def test_formatted_report_with_title_rows_is_detected_and_loads(tmp_path):
    """A Salesforce report exported with its title and filter lines above the headers."""
    export = tmp_path / "exports" / "Opportunity Pipeline.csv"
    export.parent.mkdir()
    title = '"Opportunity Pipeline"\n"Filtered By: Close Date equals THIS FISCAL YEAR"\n\n'
    export.write_text(title + SALESFORCE.read_text(encoding="utf-8"), encoding="utf-8")
    p = propose([export])
    assert (p.crm, p.exports[0].table) == ("salesforce", "deals")
    assert sum(n for _, n, _, _ in p.stages) == 8
    result = CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path), str(export)])
    assert result.exit_code == 0, result.output
    ws, problems = check_workspace(tmp_path / "acme")
    assert _stage_counts(ws) == {"won": 2, "lost": 1, "lead": 1, "qualified": 2, "proposal": 2}
    assert any("headers found on row 4" in p.expected for p in problems)


def test_expected_close_dates_of_open_opportunities_are_not_history(tmp_path):
    """Salesforce's Close Date on the 5 open opportunities is a forecast (9/30 … 12/31/2024):
    set aside, the default as-of date is the latest real date, created 10/1/2024 (row 9),
    not the forecast 12/31/2024."""
    CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path), str(SALESFORCE)])
    ws, problems = check_workspace(tmp_path / "acme")
    assert [f.text for f in ws.fills if f.column == "close_date"] == [
        "deals.close_date: expected close dates of open deals set aside (a close date is when "
        "won or lost) (5 rows)"
    ]
    assert str(latest_deal_date(ws.table("deals")).date()) == "2024-10-01"


def test_new_from_needs_exports_and_creates_nothing_without_a_deals_export(tmp_path):
    result = CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path), "--from", "hubspot"])
    assert result.exit_code == 2 and "--from needs the export files" in result.output
    result = CliRunner().invoke(
        main, ["new", "acme", "--dir", str(tmp_path), "--from", "hubspot", str(PARTNERS)]
    )
    assert result.exit_code == 1
    assert "no opportunities/deals export recognised" in result.output
    assert not (tmp_path / "acme").exists()


def test_new_from_crm_as_an_excel_workspace(tmp_path):
    """The template workbook's deals and partners sheets are ignored (notes), its other sheets
    are empty optional tables; the mapped CSV exports are read."""
    args = ["new", "acme", "--dir", str(tmp_path), "--format", "excel", str(HUBSPOT), str(PARTNERS)]
    assert CliRunner().invoke(main, args).exit_code == 0
    ws, problems = check_workspace(tmp_path / "acme")
    assert [p for p in problems if p.level == Severity.ERROR] == []
    ignored = [p.file for p in problems if p.expected.startswith("ignored: profile.yaml")]
    assert sorted(ignored) == ["acme.xlsx[deals]", "acme.xlsx[partners]"]
    assert (len(ws.table("deals")), len(ws.table("partners"))) == (8, 3)


def test_hubspot_companies_export_is_the_accounts_table(tmp_path):
    """Deals refer to companies by id (Associated Company IDs 5001…5007), so the companies
    export stays keyed by Record ID; lifecycle Customer and Evangelist (5001, 5006) are
    customers, the other five prospects."""
    companies = CRM / "hubspot-crm-exports-all-companies-2024-12-02.csv"
    p = propose([HUBSPOT, companies, PARTNERS])
    assert [e.table for e in p.exports] == ["deals", "accounts", "partners"]
    assert (
        p.mapping["column_names"]["accounts"]
        == {
            "Record ID": "account_id",
            "Company name": "name",
            "Company Domain Name": "domain",
            "Lifecycle Stage": "status",
            "Country/Region": "country",
        }
        and p.aligned == []
    )
    CliRunner().invoke(
        main, ["new", "acme", "--dir", str(tmp_path), str(HUBSPOT), str(companies), str(PARTNERS)]
    )
    ws, problems = check_workspace(tmp_path / "acme")
    assert [p for p in problems if p.level == Severity.ERROR] == []
    assert ws.table("accounts")["status"].value_counts().to_dict() == {"prospect": 5, "customer": 2}


def test_hand_made_lists_without_ids_are_recognised_and_keyed_by_name(tmp_path):
    """A partner list with names only, a sales-team list (agent → manager → office) and a
    products export with prices, beside a Salesforce report that names owners and partners by
    name: each list is recognised, the partners' names become their ids, the agents are the
    staff keyed by name with their managers added, and `check` passes."""
    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "partners.csv").write_text(
        "Company,Type,Status,Region,Website\n"
        "Northwind Consulting,integrator,active,North,northwind.example\n"
        "Contoso Partners,reseller,active,South,contoso.example\n",
        encoding="utf-8",
    )
    (lists / "sales_teams.csv").write_text(
        "sales_agent,manager,regional_office\nDana Whitfield,Rita Moss,North\n"
        "Sam Lee,Rita Moss,North\n",
        encoding="utf-8",
    )
    (lists / "products.csv").write_text(
        "product,series,sales_price\nPlatform,GTX,550\n", encoding="utf-8"
    )
    exports = [
        SALESFORCE,
        *(lists / n for n in ("partners.csv", "sales_teams.csv", "products.csv")),
    ]
    p = propose(exports)
    assert [(e.path.name, e.table) for e in p.exports] == [
        ("salesforce-opportunities.csv", "deals"),
        ("partners.csv", "partners"),
        ("sales_teams.csv", "staff"),
        ("products.csv", "price_list"),
    ]
    result = CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path), *map(str, exports)])
    assert result.exit_code == 0, result.output
    ws, problems = check_workspace(tmp_path / "acme")
    assert [p for p in problems if p.level == Severity.ERROR] == []
    assert ws.table("partners")["partner_id"].tolist() == [
        "Northwind Consulting",
        "Contoso Partners",
    ]
    staff = ws.table("staff").set_index("staff_id")
    assert staff["manager_id"].to_dict() == {
        "Dana Whitfield": "Rita Moss",
        "Sam Lee": "Rita Moss",
        "Rita Moss": None,
    }
    assert staff.loc["Rita Moss", "area"] == "North"  # the area of her people


PLAIN = CRM / "plain-sales-pipeline.csv"


def test_a_plain_export_no_crm_preset_knows_maps_first_time_with_the_generic_preset(tmp_path):
    """The shape of the public CRM sample (opportunity_id, sales_agent, account, deal_stage
    Won/Lost/Engaging/Prospecting, engage_date, M/D/YYYY, close_value) plus a partner column
    written by name, domain and in capitals, a sales-team list, a products list and a partner
    list without ids. By hand, from the fixture files:
    stages won 3, lost 1, qualified 2 (Engaging), lead 2 (Prospecting); partners read by name
    3 rows (Apex Software twice, BRIGHTLINE CONSULTING LLC) and by domain 1 (apexsoft.example);
    attribution influenced 4 (a partner, no lead source), direct 4; open deals priced from the
    list 4 (GTX Basic 550, MG Special 55 twice, GTX Pro 4821); undated 2; accounts derived 6
    (the 7th deal has none), 2 customers (Cancity, Isdom won) and 4 prospects; staff 5 agents +
    4 managers added."""
    files = [PLAIN, *(CRM / n for n in ("partners-by-name.csv", "sales-teams.csv", "products.csv"))]
    proposal = propose(files)
    assert (proposal.crm, proposal.detected) == ("generic", True)
    result = CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path), *map(str, files)])
    assert result.exit_code == 0, result.output
    ws, problems = check_workspace(tmp_path / "acme")
    assert [p for p in problems if p.level == Severity.ERROR] == []
    assert _stage_counts(ws) == {"won": 3, "lost": 1, "qualified": 2, "lead": 2}
    deals = ws.table("deals").set_index("deal_id")
    assert deals["partner_id"].dropna().to_dict() == {
        "Z063OYW0": "Apex Software, Inc.",
        "EC4QE1BX": "Apex Software, Inc.",
        "PE84CX4O": "Brightline Consulting LLC",
        "7GK0X2Z1": "Apex Software, Inc.",
    }
    assert deals["attribution"].value_counts().to_dict() == {"direct": 4, "influenced": 4}
    assert deals.loc[["PE84CX4O", "ZNBS69V1", "9ME3374G", "7GK0X2Z1"], "amount"].tolist() == [
        550.0,
        55.0,
        55.0,
        4821.0,
    ]
    rows = {(f.table, f.column, f.rule.split(":")[0]): f.rows for f in ws.fills}
    assert rows[("deals", "amount", "open deals without an amount")] == 4
    assert rows[("deals", "created_date", "deals without a created date")] == 2
    accounts = ws.table("accounts")
    assert sorted(accounts["account_id"]) == [
        "Cancity",
        "Codehow",
        "Hatfan",
        "Isdom",
        "J-Texon",
        "Ron-tech",
    ]
    assert accounts["status"].value_counts().to_dict() == {"prospect": 4, "customer": 2}
    staff = ws.table("staff")
    assert len(staff) == 9 and staff["role"].isna().all()
    assert staff.set_index("staff_id").loc["Zane Levy", "manager_id"] == "Summer Sewald"


def test_a_plain_accounts_list_beside_a_crm_report_is_read_by_plain_names(tmp_path):
    """A Salesforce report plus an accounts list the client keeps by hand (account, sector):
    the Salesforce preset does not know those headers, so the generic preset reads the list
    (account → id and name, keyed by name like the report's Account Name; sector → industry),
    instead of leaving it out."""
    plain = tmp_path / "accounts.csv"
    plain.write_text(
        "account,sector\nAcme Corp,retail\nGlobex,software\nHooli,software\nInitech,finance\n"
        "Umbrella,medical\n",
        encoding="utf-8",
    )
    p = propose([SALESFORCE, plain], "salesforce")
    assert [(e.path.name, e.table) for e in p.exports] == [
        ("salesforce-opportunities.csv", "deals"),
        ("accounts.csv", "accounts"),
    ]
    assert p.mapping["column_names"]["accounts"] == {
        "account": ["account_id", "name"],
        "sector": "industry",
    }
    files = [str(SALESFORCE), str(plain), str(PARTNERS)]
    result = CliRunner().invoke(main, ["new", "acme", "--dir", str(tmp_path), *files])
    assert result.exit_code == 0, result.output
    ws, problems = check_workspace(tmp_path / "acme")
    assert [p for p in problems if p.level == Severity.ERROR] == []
    industries = ws.table("accounts").set_index("account_id")["industry"]
    assert industries.to_dict() == {
        "Acme Corp": "retail",
        "Globex": "software",
        "Hooli": "software",
        "Initech": "finance",
        "Umbrella": "medical",
    }
