"""Generated workspaces for the any-workspace matrix (tests/test_any_workspace.py).

``RICH`` is a small, valid workspace holding every table of the schema with every column filled;
the builders below derive the matrix from it and from :mod:`playbook.schema`, so a column made
optional or a table added later is covered without editing this file:

* :func:`minimal` — partners and deals with only the schema's required columns;
* :func:`without` — ``RICH`` less one optional table;
* :func:`blank_optional` — ``RICH`` with every optional column of every table blank;
* :data:`EDGE_CASES` — ``RICH`` with its deals and partners reshaped into corner cases.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from conftest import TINY, write_workspace

from playbook import schema

RICH_PROFILE = """\
name: Rich Test Co
client_id: "rich"
currency: USD
employees: 400
competitors: [Rival One, Rival Two]
hash_salt: rich-salt
products:
  - {name: Core, version: "2.0"}
org_units:
  - name: Technology
    partner_types: [isv, platform]
    targets: {program_members: 2, certified_integrators: 1, referral_revenue: 20000,
              influenced_revenue: 10000}
  - name: Business Development
    partner_types: [integrator, ecosystem]
    targets: {program_members: 2, referral_revenue: 5000}
requirement_criteria:
  - {name: Technical capability, weight: 3, must_have: true, min_score: 2}
  - {name: Market reach, weight: 1}
program_organisation: {reports_to: sales, integrated_with: [product_management]}
"""


def _by_column(**columns: tuple[str, ...]) -> str:
    """CSV text of a table given column by column (cells without commas)."""
    rows = zip(*columns.values(), strict=True)
    return "".join(",".join(r) + "\n" for r in (tuple(columns), *rows))


# Four partners (one candidate), eight deals over 2023-2024 with every column filled; every other
# table has a few rows referring to them. As of 2024-12-31 (the latest deal date).
RICH = {
    "partners": _by_column(
        partner_id=("P1", "P2", "P3", "P4"),
        name=("Alpha Apps", "Beta Consulting", "Gamma Cloud", "Delta Market"),
        type=("isv", "integrator", "platform", "ecosystem"),
        status=("active", "active", "active", "candidate"),
        area=("North", "North", "South", "South"),
        manager_id=("M1", "M2", "M3", "M3"),
        start_date=("2023-01-01", "2023-06-01", "2024-02-01", ""),
        end_date=("", "", "", ""),
        certification_level=("certified", "advanced", "none", "expert"),
        industry=("Retail", "Health", "Retail", "Finance"),
        life_cycle=("growth", "mature", "emerging", "mature"),
        competitive_advantage=("Fast connectors", "Deep bench", "Cloud reach", "Marketplace"),
        expected_mindshare=("high", "medium", "low", "medium"),
        category=("Data platform", "Services", "Cloud", "Marketplace"),
        their_application=("Alpha Sync", "Beta Deploy", "Gamma Host", "Delta Store"),
        their_version=("3.1", "1.0", "9", "2"),
        our_software=("Core", "Core", "Core", "Core"),
        our_version=("2.0", "2.0", "1.9", "2.0"),
        stated_program_revenue_pct=("40", "10", "5", "0"),
        employees=("120", "900", "5000", "50"),
        our_share_of_their_business_pct=("30", "5", "1", "50"),
        interest=("4", "2", "3", "5"),
        influence=("4", "5", "2", "1"),
        engagement_model=("value", "transaction", "transaction", "value"),
        goal_alignment=("aligned", "partial", "misaligned", "aligned"),
        trained_on_our_product=("yes", "no", "yes", "no"),
        responsiveness_pct=("60", "40", "20", "10"),
        website=("alpha.example", "beta.example", "gamma.example", "delta.example"),
        contact_email=("a@alpha.example", "b@beta.example", "g@gamma.example", "d@delta.example"),
        description=(
            "Alpha builds connectors.",
            "Beta implements.",
            "Gamma hosts.",
            "Delta sells.",
        ),
        stack_position=("above", "above", "below", "beside"),
        source_channel=("Stack Overflow", "Trade show", "stack overflow", "Referral"),
        sourced_date=("2022-10-01", "2023-03-01", "2024-01-01", "2024-06-01"),
        skills=("Java; REST APIs", "Java; SQL", "Python", "SEO"),
    ),
    "staff": """\
staff_id,name,area,role,manager_id,org_unit,fte,start_date,end_date,skill_recruiting,skill_enablement,skill_technical,skill_joint_selling,skill_analytics
M1,Mia North,North,channel_manager,M3,Technology,1,2022-01-01,,4,3,2,5,1
M2,Max North,North,channel_manager,M3,Business Development,0.5,2022-01-01,,2,2,4,3,3
M3,Sam South,South,channel_manager,M3,Business Development,1,2022-01-01,,5,4,3,2,4
T1,Tess Tech,South,technical,M3,Technology,0.8,2022-01-01,,1,2,5,1,2
T2,Ted Gone,South,technical,M3,Technology,1,2022-01-01,2024-01-01,3,3,3,3,3
""",
    "accounts": """\
account_id,name,domain,status,industry,country
A1,Acme Foods,acme.example,customer,Retail,US
A2,Globex,globex.example,customer,Health,DE
A3,Initech,initech.example,prospect,Finance,US
A4,Umbrella,umbrella.example,customer,Retail,FR
""",
    "solutions": """\
solution_id,partner_id,name,our_software,certification_status,certified_date
S1,P1,Alpha connector,Core,certified,2023-06-01
S2,P3,Gamma hosting,Core,in_review,2024-05-01
""",
    "deals": """\
deal_id,partner_id,attribution,account_id,stage,created_date,close_date,amount,margin,cost_of_sale,units,product,solution_id,is_project,owner_id,lead_source,joint_marketing
D1,P1,sourced,A1,won,2024-01-10,2024-03-10,10000,7000,1000,10,Core,S1,yes,M1,Partner,yes
D2,P1,influenced,A2,won,2024-02-01,2024-06-01,20000,12000,500,40,Core,S1,no,M1,Web,no
D3,P2,sourced,A4,won,2024-05-01,2024-07-15,5000,4000,250,5,Core,,yes,M2,Partner,yes
D4,P3,sourced,A1,won,2024-09-01,2024-12-31,8000,6000,800,16,Core,S2,no,M3,Partner,no
D5,P3,sourced,A3,lost,2024-03-01,2024-04-01,9000,5000,100,3,Core,,no,M3,Partner,no
D6,,direct,A2,won,2024-02-01,2024-05-01,100000,60000,1000,100,Core,,yes,T1,Web,no
D7,P1,sourced,A4,won,2023-10-01,2023-12-31,7000,5000,100,7,Core,S1,no,M1,Partner,yes
D8,P2,influenced,A3,qualified,2024-11-01,,4000,3000,100,4,Core,,no,M2,Web,no
""",
    "financials": TINY["financials"],  # the tiny workspace's, unchanged
    "investments": TINY["investments"],
    "requirement_scores": """\
partner_id,criterion,score,note
P1,Technical capability,4,Strong API
P1,Market reach,3,
P2,Technical capability,1,Weak
P4,Technical capability,3,
P4,Market reach,5,Big store
""",
    "partner_accounts": """\
partner_id,account_name,domain,domain_hash,relationship
P1,Acme Foods,acme.example,,customer
P1,Initech Inc,,,prospect
P2,Globex,globex.example,,customer
P2,Nobody,nobody.example,,prospect
P3,,,fbd578f6891f5cd95479219425d787a3ee13b96f36b83bc24228ec18a0a71ac9,customer
""",
    "campaigns": """\
campaign_id,tier,channel,content_piece,start_date,cost,traffic,opt_ins,engaged,closed,offer
C1,low_hanging_fruit,Webinar,ROI guide,2024-01-01,1000,500,50,10,2,O1
C2,mid_level,E-mail,ROI guide,2024-03-01,500,300,20,5,1,O2
C3,cold,LinkedIn,Checklist,2024-06-01,800,1000,30,3,0,O1
""",
    "offers": """\
offer_id,name,partner_gets,kind,cost_per_partner
O1,Free certification,Two engineers certified,free_training,400
O2,Launch kit,A co-branded webinar,marketing_funds,900
""",
    "readiness": """\
item_id,score,evidence
CN1,4,Strategy deck
CN2,2,
ED1,,
ED2,0,None yet
""",
    "checklist": """\
item_id,category,task,owner,due_date,status,completed_date
CM01,Strategy,Write a charter,Mia North,2024-03-31,done,2024-03-12
CM02,Strategy,Agree partner tiers,Max North,2024-06-30,in_progress,
CM03,Enablement,Publish a portal,Sam South,2025-03-31,not_started,
""",
    "personas": """\
persona_id,name,partner_type,role,engagement_model,goals,pains,preferred_media
PE1,Architect Ivan,isv,Head of integrations,value,Certified connector,Unstable APIs,Webinars
PE2,Reseller Rita,ecosystem,Sales lead,transaction,Margin,Slow quotes,Portal
""",
    "competitor_partnerships": """\
competitor,partner_id,relationship
Rival One,P1,reseller
Rival Two,P4,technology
""",
    "trainings": """\
partner_id,direction,staff_id,completed_date
P1,partner_on_ours,,2024-02-01
P1,ours_on_partner,M1,2024-03-01
P3,ours_on_partner,T1,2024-10-01
""",
    "health": """\
partner_id,assessed_date,open_communication,trust,goals_agreed,team_skill,alignment,legal_documentation,beta_program
P1,2024-06-30,4,4,3,5,4,yes,yes
P2,2024-09-30,2,1,2,3,2,no,no
""",
    "journey_events": """\
partner_id,stage,date
P1,visitor,2022-06-01
P1,lead,2022-09-01
P1,partner,2023-01-01
P4,visitor,2024-05-01
""",
    "communications": """\
communication_id,date,stage,medium,audience,sent,responses,partner_id
M01,2024-01-15,visitor,E-mail,all,200,20,
M02,2024-04-15,lead,Webinar,value,120,30,
M03,2024-08-15,partner,Portal,transaction,60,6,
M04,2024-09-10,partner,Call,value,1,1,P1
""",
    "plans": """\
partner_id,issue,current_state,target_state,milestone,due_date,status,completed_date
P1,Grow joint wins,Four wins,Six wins,Joint plan signed,2024-06-30,done,2024-06-20
P1,Grow joint wins,Four wins,Six wins,Account mapping,2024-10-31,in_progress,
P2,First sourced deal,One win,Three wins,Deal registration,2025-01-31,not_started,
""",
    "outsourcing": """\
item_id,score,not_applicable,evidence
capacity,4,,Two managers for every partner
speed,,yes,Running since 2023
control,2,,
""",
    "capability_routes": """\
capability_id,capability,partner_id,monthly_revenue,margin_pct,partner_share_pct,partner_investment,partner_months,hires,cost_per_hire,recruiting_cost,months_to_hire,ramp_up_months,build_cost
K1,Implementation in the North,P2,5000,70,25,4000,1,2,90000,10000,4,6,5000
K2,Cloud connector,P3,3000,80,15,6000,2,1,100000,8000,3,3,2000
""",
    "program_levels": """\
level_id,name,rank,annual_fee,package,package_value,min_certification
L1,Registered,1,500,Sandbox and portal,3000,
L2,Gold,2,5000,Licences and funds,20000,certified
""",
    "benchmark_programs": """\
program,measure,value,source
Rival One program,quick_win_share,50,Their keynote
Rival One program,certified_share,40,Their directory
Rival One program,entry_package,1,Their price list
""",
    "partner_contacts": """\
contact_id,partner_id,name,role,level,owner_id,persona_id
K1,P1,Ann Alpha,VP Alliances,senior_manager,M1,PE1
K2,P1,Bob Alpha,Engineer,staff,T1,PE1
K3,P2,Cy Beta,Sales manager,manager,M2,PE2
K4,P3,Di Gamma,Account executive,staff,M3,PE2
K5,P4,Ed Delta,Founder,executive,M3,PE2
""",
    "conversations": """\
conversation_id,date,partner_id,contact_id,staff_id,medium,automated,shared_log,topic
V1,2024-02-01,P1,K1,M1,Call,no,yes,Pipeline review
V2,2024-03-01,P1,K2,T1,Meeting,no,no,API review
V3,2024-10-01,P2,K3,M2,Call,no,yes,Deal registration
V4,2024-11-01,P2,K3,M2,Automated e-mail,yes,yes,Monthly report
V5,2024-12-01,P3,K4,M3,E-mail,no,yes,Price list
""",
    "engagement_answers": """\
partner_id,item_id,score,not_applicable,evidence
P1,VP1,4,no,Own services
P1,VP2,2,no,Learning the trade
P2,TP1,3,no,Rebates
P2,TP2,1,yes,No portal yet
P4,VP1,5,no,Marketplace
""",
    "research_notes": """\
note_id,date,function,persona_id,partner_id,stage,note,author
N1,2024-05-01,sales,PE1,P1,lead,Architects want the roadmap,Mia North
N2,2024-06-01,support,PE2,P2,partner,Quote errors,Help desk
""",
    "tools": """\
tool,kind,stage,status
Salesforce,crm,lead,in_use
HubSpot,marketing_automation,visitor,in_use
Portal X,partner_portal,partner,planned
""",
    "platform_components": """\
component_id,name,kind,status,version,our_software,documented,legacy,description
K1,Core API,api,available,2.0,Core,yes,no,Public REST API
K2,Old import,connector,deprecated,1.0,Core,no,yes,File import
K3,Data feed,data_feed,beta,0.5,Core,yes,no,Nightly export
""",
    "starter_kits": """\
kit_id,item,version,released_date,component_id
KIT1,Sandbox,1.0,2023-01-01,K1
KIT1,Samples,1.0,2023-01-01,K1
""",
    "platform_builds": """\
partner_id,component_id,build,status,kit_id,started_date,first_build_date
P1,K1,Alpha connector,live,KIT1,2023-02-01,2023-03-03
P2,K2,Beta import,live,KIT1,2023-07-01,2023-10-01
P3,K1,Gamma app,in_development,KIT1,2024-06-01,2024-08-01
P4,K1,Delta listing,planned,KIT1,2024-11-01,2024-12-01
""",
    "development_needs": """\
need_id,need,area,component_id,skills,status,raised_date,partner_id,estimated_cost,owner
N1,Modernise the old import,legacy_code,K2,Java; SQL,open,2024-05-01,P2,50000,Platform team
N2,Feed connector,data,K3,Python,sourcing,2024-06-01,P3,20000,Product
""",
    "sourcing_channels": """\
channel,kind,cost,description
Stack Overflow,developer_community,1000,Sponsored tag
Trade show,event,5000,Annual show
""",
}


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def _csv(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


#: Optional columns `check` still requires in some rows: a won or lost deal needs its close date;
#: a partner's account row needs a domain, a name or a hash (kept: the name and the hash); a won
#: deal needs an amount.
CONDITIONAL = {
    "deals": ("close_date", "amount"),  # a won or lost deal needs a close date; a won one an amount
    "partner_accounts": ("account_name", "domain_hash"),
}


def required_columns(table: str) -> list[str]:
    """The columns of ``table`` the schema requires, and those ``CONDITIONAL`` names."""
    spec = schema.table(table)
    return [c.name for c in spec.columns if c.required or c.name in CONDITIONAL.get(table, ())]


def minimal(path: Path) -> Path:
    """profile.yaml, partners and deals with only the schema's required columns (and the
    close date of won and lost deals)."""
    tables = {
        name: _csv(_rows(RICH[name]), required_columns(name))
        for name in ("partners", "deals")
        if not schema.table(name).optional
    }
    return write_workspace(path, tables, RICH_PROFILE)


def optional_tables() -> list[schema.Table]:
    """Every optional table of the schema."""
    return [t for t in schema.TABLES if t.optional]


def without(path: Path, table: str) -> Path:
    """``RICH`` less the optional table ``table``."""
    return write_workspace(path, {k: v for k, v in RICH.items() if k != table}, RICH_PROFILE)


def blank_optional(path: Path) -> Path:
    """``RICH`` with every optional column of every table present but blank, except those of
    a table's key (a blank there would make rows duplicates) and ``CONDITIONAL``'s."""
    tables = {}
    for name, text in RICH.items():
        required = set(required_columns(name)) | set(schema.table(name).key)
        rows = [{k: (v if k in required else "") for k, v in r.items()} for r in _rows(text)]
        tables[name] = _csv(rows, schema.table(name).column_names)
    return write_workspace(path, tables, RICH_PROFILE)


def _reshape(path: Path, partners, deals) -> Path:
    tables = dict(RICH)
    p_rows = [partners(r) for r in _rows(RICH["partners"])]
    d_rows = [deals(r) for r in _rows(RICH["deals"])]
    tables["partners"] = _csv([r for r in p_rows if r], schema.table("partners").column_names)
    tables["deals"] = _csv([r for r in d_rows if r], schema.table("deals").column_names)
    kept = {r["partner_id"] for r in p_rows if r}
    for name, text in RICH.items():  # rows of other tables about a dropped partner go too
        if name not in ("partners", "deals") and "partner_id" in schema.table(name).column_names:
            columns = list(_rows(text)[0])
            tables[name] = _csv([r for r in _rows(text) if r["partner_id"] in kept], columns)
    return write_workspace(path, tables, RICH_PROFILE)


def _one_partner_one_deal(path: Path) -> Path:
    return _reshape(
        path,
        lambda p: p if p["partner_id"] == "P1" else None,
        lambda d: d if d["deal_id"] == "D1" else None,
    )


def _all_direct_only_candidates(path: Path) -> Path:
    def candidate(p):
        return {**p, "status": "candidate", "start_date": "", "end_date": ""}

    def direct(d):
        return {**d, "partner_id": "", "attribution": "direct", "solution_id": ""}

    return _reshape(path, candidate, direct)


def _all_open(path: Path) -> Path:
    def open_deal(d):
        return {**d, "stage": "proposal", "close_date": "2025-06-30"}

    return _reshape(path, lambda p: p, open_deal)


def _open_without_dates(path: Path) -> Path:
    """Only the required columns, every deal open: no deal carries a date at all."""
    deals = [{**d, "stage": "lead"} for d in _rows(RICH["deals"])]
    partners = _csv(_rows(RICH["partners"]), required_columns("partners"))
    tables = {"partners": partners, "deals": _csv(deals, ["deal_id", "stage"])}
    return write_workspace(path, tables, RICH_PROFILE)


def _crm_blanks(path: Path) -> Path:
    """As CRMs export before any rule applies: no attribution anywhere, no amount on open or
    lost deals, no created date on two deals."""

    def blanks(d):
        out = {**d, "attribution": ""}
        if d["stage"] != "won":
            out["amount"] = ""
        if d["deal_id"] in ("D5", "D8"):
            out["created_date"] = ""
        return out

    return _reshape(path, lambda p: p, blanks)


def _all_inactive(path: Path) -> Path:
    """Every partner's agreement ended (status inactive, end date 2024-06-30): a program with
    former partners only."""

    def ended(p):
        start = p["start_date"] or "2023-01-01"
        return {**p, "status": "inactive", "start_date": start, "end_date": "2024-06-30"}

    return _reshape(path, ended, lambda d: d)


#: name → (builder, as_of parameter): corner cases of the deals and partners tables.
EDGE_CASES = {
    "one partner, one deal": (_one_partner_one_deal, ""),
    "all deals direct, only candidate partners": (_all_direct_only_candidates, ""),
    "all deals open": (_all_open, ""),
    "only open deals, no dates at all": (_open_without_dates, ""),
    "CRM blanks: attribution, open amounts, created dates": (_crm_blanks, ""),
    "all partners inactive": (_all_inactive, ""),
    "empty window: as_of two years after the last deal": (
        lambda path: write_workspace(path, RICH, RICH_PROFILE),
        "2030-06-30",
    ),
    "as_of before the first deal": (
        lambda path: write_workspace(path, RICH, RICH_PROFILE),
        "2022-01-01",
    ),
}
