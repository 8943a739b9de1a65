"""Schemas of every table in a client workspace.

This module is the single source of truth for what a workspace may contain. Validation
(:mod:`playbook.parse`, :mod:`playbook.checks`), the empty templates (:mod:`playbook.template`)
and the published data dictionary (``docs/data-dictionary.md``, written by
:func:`playbook.template.data_dictionary`) are all generated from the specs below, so the
documentation and the code cannot drift apart.

Conventions used throughout:

* **Money** columns are amounts in the client's reporting currency (``profile.yaml``: ``currency``),
  whole units (dollars, not cents). Exports may carry currency symbols, ISO codes, thousands
  separators and accounting negatives ``(1,200)``; these are normalised.
* **Dates** are calendar dates. ISO ``2024-03-31`` is always accepted; slash dates are read in
  the profile's ``date_order``: US ``03/31/2024`` by default, or day-first ``31/03/2024`` (and
  ``31.03.2024``) with ``date_order: DMY``. A date that cannot be in that order is rejected.
  A timestamp keeps its calendar date as written; the time of day is dropped.
* **Months** (``period`` columns) are ``YYYY-MM``; a full date is accepted and truncated to its
  month.
* **Enum** values are matched ignoring case, surrounding spaces, and spaces/hyphens vs underscores.
* **Row numbers** in messages count like a spreadsheet: the header is row 1, the first record
  row 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Stage(StrEnum):
    """``deals.stage``: pipeline stage (values as in the workspace)."""

    LEAD = "lead"
    QUALIFIED = "qualified"
    PROPOSAL = "proposal"
    WON = "won"
    LOST = "lost"


class Attribution(StrEnum):
    """``deals.attribution``: who brought the deal (values as in the workspace)."""

    SOURCED = "sourced"
    INFLUENCED = "influenced"
    DIRECT = "direct"


class TaskStatus(StrEnum):
    """Status of a checklist item or a plan milestone (values as in the workspace)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


PARTNER_TYPES = ("isv", "integrator", "platform", "ecosystem")
DEAL_STAGES = tuple(Stage)
OPEN_STAGES = (Stage.LEAD, Stage.QUALIFIED, Stage.PROPOSAL)
ATTRIBUTIONS = tuple(Attribution)
TASK_STATUSES = tuple(TaskStatus)
#: A checklist item's statuses: a task's, or not applicable to this client.
NOT_APPLICABLE = "not_applicable"
CHECKLIST_STATUSES = (*TASK_STATUSES, NOT_APPLICABLE)
CERTIFICATION_LEVELS = ("none", "registered", "certified", "advanced", "expert")
#: Numeric score of each certification level, used for the "level of certification" metric.
CERTIFICATION_SCORE = {level: i for i, level in enumerate(CERTIFICATION_LEVELS)}
JOURNEY_STAGES = ("unknown", "visitor", "lead", "partner", "advocate")
CAMPAIGN_TIERS = ("low_hanging_fruit", "mid_level", "cold")
#: ``partners.stack_position``: where a partner sits in the ecosystem stack (trend 7).
STACK_POSITIONS = ("above", "below", "beside")
#: ``outsourcing.item_id``: the questions on outsourcing the program's management (trend 7;
#: their wording is in :mod:`playbook.landscape_org`).
OUTSOURCING_ITEMS = (
    "capacity",
    "skills",
    "speed",
    "cost",
    "focus",
    "reach",
    "contacts",
    "control",
)
#: Functions of the client's organisation a partner program can report into or work with
#: (``profile.yaml`` ``program_organisation``, trend 7).
PROGRAM_FUNCTIONS = (
    "sales",
    "business_development",
    "product_management",
    "marketing",
    "engineering",
    "customer_success",
    "operations",
    "finance",
    "ceo",
)
#: ``offers.kind``: what a recruiting offer gives the partner (trend 2).
OFFER_KINDS = (
    "free_training",
    "free_licences",
    "referral_fee",
    "discount",
    "marketing_funds",
    "other",
)
#: Measures a profiled "best program" can be compared on (trend 6, ``benchmark_programs``);
#: what each means and its unit: :data:`playbook.program_reference.MEASURES`.
BENCHMARK_MEASURES = (
    "quick_win_share",
    "median_days_to_first_win",
    "checkbox_share",
    "certified_share",
    "partner_win_rate",
    "health_green_share",
)
#: Elements of the reference program profile a profiled program can be said to have (value 1)
#: or not (0) in ``benchmark_programs``: :data:`playbook.program_reference.REFERENCE`.
REFERENCE_ELEMENTS = (
    "checklist",
    "org_metrics",
    "metrics_on_target",
    "team",
    "personas",
    "leadership",
    "enablement",
    "investment",
    "entry_package",
)
#: Years a date or month (a cell, or the ``as_of`` parameter) may have. A year such as 9999 (an
#: "open-ended" end date) or 0001 is refused rather than stretching every month range of a
#: report across millennia.
MIN_YEAR, MAX_YEAR = 1900, 2099


@dataclass(frozen=True)
class Column:
    """One column of a workspace table.

    ``kind`` decides parsing: ``id`` / ``ref`` / ``str`` / ``text`` (kept as text, leading zeros
    preserved), ``enum`` (one of ``allowed``), ``money``, ``number``, ``int``, ``percent`` (0–100,
    a trailing ``%`` is accepted), ``date``, ``month`` and ``bool`` (yes/no, true/false, y/n, 1/0).
    ``required`` means the column must be present and every row must have a value.
    ``ref`` names the ``table.column`` an id must exist in.
    """

    name: str
    kind: str
    description: str
    required: bool = False
    unit: str = ""
    allowed: tuple[str, ...] = ()
    aliases: dict[str, str] = field(default_factory=dict)
    min: float | None = None
    max: float | None = None
    ref: str | None = None

    @property
    def expected(self) -> str:
        """Human wording of what a valid value looks like (used in error messages)."""
        if self.kind == "enum":
            return "one of " + ", ".join(self.allowed)
        text = {
            "id": "a non-empty identifier",
            "ref": f"an id that exists in {self.ref}",
            "str": "text",
            "text": "text",
            "money": "an amount such as 1200, $1,200.50 or (300)",
            "number": "a number",
            "int": "a whole number",
            "percent": "a percentage between 0 and 100 (e.g. 7 or 7%)",
            "date": "a date as YYYY-MM-DD or MM/DD/YYYY",
            "month": "a month as YYYY-MM",
            "bool": "yes or no",
        }[self.kind]
        if self.min is not None and self.max is not None and self.kind != "percent":
            text += f" between {self.min:g} and {self.max:g}"
        elif self.min is not None and self.kind != "percent":
            text += f" of at least {self.min:g}"
        return text


@dataclass(frozen=True)
class Table:
    """One record kind in a workspace: file ``<name>.csv`` or sheet ``<name>`` of a workbook."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    optional: bool = True
    used_by: tuple[str, ...] = ()

    @property
    def filename(self) -> str:
        """The table's CSV file name in a workspace (``<name>.csv``)."""
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        """The column spec called ``name`` (``KeyError`` if the table has none)."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def column_names(self) -> list[str]:
        """The table's column names, in schema order."""
        return [c.name for c in self.columns]


def _score(name: str, what: str) -> Column:
    return Column(name, "number", what, unit="score 0–5", min=0, max=5)


#: ``partner_contacts.level``: how high a contact sits in the partner's org chart, highest first.
CONTACT_LEVELS = ("executive", "senior_manager", "manager", "staff")
#: ``research_notes.function``: the part of our organisation a research note comes from.
RESEARCH_FUNCTIONS = ("sales", "marketing", "support", "partner_team", "other")
#: ``tools.kind``: the kinds of communication tool the seed report names, and any other.
TOOL_KINDS = (
    "crm",
    "marketing_automation",
    "direct_response",
    "survey",
    "partner_portal",
    "other",
)


TABLES: tuple[Table, ...] = (
    Table(
        "partners",
        "Every partner and candidate partner, one row each. Area and manager place the partner in "
        "the drill-down universe → area → manager.",
        (
            Column(
                "partner_id",
                "id",
                "Unique partner id, kept as text (leading zeros kept). Blank (or no such "
                "column, as in a hand-made partner list): the company name is the id, a rule "
                "check reports.",
            ),
            Column("name", "str", "Company name as shown in reports.", required=True),
            Column(
                "type",
                "enum",
                "Partner type (trend 6).",
                required=True,
                allowed=PARTNER_TYPES,
                aliases={
                    "si": "integrator",
                    "system_integrator": "integrator",
                    "systems_integrator": "integrator",
                    "reseller": "ecosystem",
                },
            ),
            Column(
                "status",
                "enum",
                "Relationship status. Only `active` partners count as program members.",
                required=True,
                allowed=("active", "candidate", "inactive"),
            ),
            Column(
                "area", "str", "Area (region or segment) the partner belongs to.", required=True
            ),
            Column(
                "manager_id", "ref", "Partner manager responsible (staff id).", ref="staff.staff_id"
            ),
            Column(
                "start_date", "date", "Date the partner agreement was signed; blank for candidates."
            ),
            Column(
                "end_date",
                "date",
                "Date the partner agreement ended; blank while it runs (trend 5 counts a partner "
                "as active in a period from start_date to end_date).",
            ),
            Column(
                "certification_level",
                "enum",
                "Highest certification the partner holds on "
                "our products (score 0–4 in that order).",
                allowed=CERTIFICATION_LEVELS,
            ),
            Column("industry", "str", "Main industry the partner serves."),
            Column(
                "life_cycle",
                "enum",
                "Company life-cycle stage (trend 1).",
                allowed=("emerging", "growth", "mature"),
            ),
            Column("competitive_advantage", "text", "What sets the partner apart (trend 1)."),
            Column(
                "expected_mindshare",
                "enum",
                "Share of the partner's attention we can expect (trend 1).",
                allowed=("low", "medium", "high"),
            ),
            Column(
                "category",
                "str",
                "Partner category in the landscape (trend 7), e.g. 'Data platform'.",
            ),
            Column(
                "their_application",
                "str",
                "Their application or service that works with ours (Partner Grid).",
            ),
            Column(
                "their_version", "str", "Version of their application; free text (Partner Grid)."
            ),
            Column("our_software", "str", "Our product the partnership is built on."),
            Column("our_version", "str", "Version of our product; free text."),
            Column(
                "stated_program_revenue_pct",
                "percent",
                "Program revenue share the client "
                "states for this partner, shown beside the computed one.",
                unit="%",
            ),
            Column("employees", "int", "Partner head count (company size).", min=0, unit="people"),
            Column(
                "our_share_of_their_business_pct",
                "percent",
                "Share of the partner's business that comes through us (shark or remora).",
                unit="%",
            ),
            Column(
                "interest",
                "number",
                "Partner's interest in us (interest/influence grid).",
                unit="score 1–5",
                min=1,
                max=5,
            ),
            Column(
                "influence",
                "number",
                "Partner's influence in our market.",
                unit="score 1–5",
                min=1,
                max=5,
            ),
            Column(
                "engagement_model",
                "enum",
                "Manual override of value- vs transaction-based "
                "classification (trend 8); blank = classify from data.",
                allowed=("value", "transaction"),
            ),
            Column(
                "goal_alignment",
                "enum",
                "Alignment of the partner's stated goals with ours (trend 3).",
                allowed=("aligned", "partial", "misaligned"),
            ),
            Column("trained_on_our_product", "bool", "Partner staff completed our training."),
            Column(
                "responsiveness_pct",
                "percent",
                "Share of our partner communications the "
                "partner answered (from the marketing-automation tool); used in report "
                "cards (trend 8).",
                unit="%",
            ),
            Column("website", "str", "Partner web site (directory field)."),
            Column("contact_email", "str", "Partner contact e-mail (directory field)."),
            Column("description", "text", "One-paragraph partner description (directory field)."),
            Column(
                "stack_position",
                "enum",
                "Where the partner sits in the ecosystem stack relative to us (trend 7): "
                "`above` (its product or service is built on ours, or sells and implements "
                "ours), `below` (ours is built on or runs on its platform), `beside` (a peer "
                "product at our level that complements ours). Blank: not placed.",
                allowed=STACK_POSITIONS,
                aliases={"up": "above", "down": "below", "side": "beside", "peer": "beside"},
            ),
            Column(
                "source_channel",
                "str",
                "Where we first found the partner, or it found us (trend 3): a developer "
                "community such as Stack Overflow, a subreddit, Hacker News or Slashdot, an "
                "event, a referral, …; named as in sourcing_channels.channel (case ignored). "
                "Blank: not recorded, left out of the sourcing figures.",
            ),
            Column(
                "sourced_date",
                "date",
                "Date the partner was first found through its source channel (trend 3: days "
                "from found to signed).",
            ),
            Column(
                "skills",
                "str",
                "Technical skills the partner offers, separated by semicolons (e.g. Java; "
                "REST APIs; COBOL); matched against development_needs.skills (trend 3). "
                "Blank: not known (never 'no skills').",
            ),
        ),
        key=("partner_id",),
        optional=False,
        used_by=("01", "02", "03", "04", "05", "06", "07", "08"),
    ),
    Table(
        "deals",
        "Every opportunity, with or without a partner. Won deals carry revenue; open stages are "
        "pipeline.",
        (
            Column("deal_id", "id", "Unique deal id.", required=True),
            Column(
                "partner_id",
                "ref",
                "Partner attributed to the deal: its partner_id, company name (case, punctuation "
                "and legal suffixes ignored) or web domain, as the CRM exports it; blank for "
                "direct deals. Several partners: deal_partners.",
                ref="partners.partner_id",
            ),
            Column(
                "attribution",
                "enum",
                "`sourced`: the partner brought the deal (the report's "
                "'direct' partner revenue); `influenced`: the partner helped win a deal we "
                "found; `direct`: no partner involved. Blank: derived by the profile's "
                "attribution rules (each use reported).",
                allowed=ATTRIBUTIONS,
                aliases={
                    "partner_sourced": "sourced",
                    "partner_influenced": "influenced",
                    "referral": "sourced",
                    "none": "direct",
                    "no_partner": "direct",
                },
            ),
            Column("account_id", "ref", "Customer account of the deal.", ref="accounts.account_id"),
            Column(
                "stage",
                "enum",
                "Pipeline stage. `lead`, `qualified`, `proposal` are open.",
                required=True,
                allowed=DEAL_STAGES,
                aliases={"closed_won": "won", "closed_lost": "lost", "new": "lead"},
            ),
            Column(
                "created_date",
                "date",
                "Date the opportunity was created; blank: the deal is left out of velocity and "
                "lead counts (never given a made-up date).",
            ),
            Column("close_date", "date", "Date the deal was won or lost; blank while open."),
            Column(
                "amount",
                "money",
                "Deal value (revenue when won); blank on an open deal: pipeline value unknown "
                "(or from the price list).",
                unit="currency",
                min=0,
            ),
            Column(
                "margin",
                "money",
                "Gross margin of the deal: amount less cost of goods sold.",
                unit="currency",
            ),
            Column(
                "cost_of_sale",
                "money",
                "Direct cost of winning the deal (referral fees, "
                "partner discounts, pre-sales hours).",
                unit="currency",
                min=0,
            ),
            Column("units", "int", "Licences / units sold.", unit="units", min=0),
            Column("product", "str", "Our product sold."),
            Column(
                "solution_id",
                "ref",
                "Joint solution the deal was sold with.",
                ref="solutions.solution_id",
            ),
            Column("is_project", "bool", "Deal is a services project delivered by the partner."),
            Column(
                "owner_id",
                "ref",
                "Our person who owns the deal (staff id); places direct deals in the drill-down "
                "universe → area → manager through the owner's area and manager.",
                ref="staff.staff_id",
            ),
            Column(
                "lead_source",
                "str",
                "Where the lead came from, as the CRM records it (e.g. Partner Referral); the "
                "profile's attribution rules can use it.",
            ),
            Column("joint_marketing", "bool", "Deal came from a joint marketing activity."),
        ),
        key=("deal_id",),
        optional=False,
        used_by=("01", "02", "04", "05", "06", "07", "08"),
    ),
    Table(
        "deal_partners",
        "Several partners on one deal, one row per deal and partner, as CRMs export them "
        "(a Salesforce Opportunity Partners report, with a split percentage where the org "
        "keeps one, e.g. from Opportunity Splits; HubSpot deal–company associations of the "
        "partner companies; map their headers with profile.yaml column_names). A deal listed "
        "here is credited to each listed partner by its split; its money is never counted "
        "twice.",
        (
            Column(
                "deal_id",
                "ref",
                "The deal (e.g. Salesforce Opportunity ID, HubSpot Deal ID / Record ID).",
                required=True,
                ref="deals.deal_id",
            ),
            Column(
                "partner_id",
                "ref",
                "A partner on the deal: its partner_id, company name or web domain (the CRM's "
                "partner account or associated company); each partner once per deal. A deal's "
                "own deals.partner_id, if given, must be one of its listed partners.",
                required=True,
                ref="partners.partner_id",
            ),
            Column(
                "split_pct",
                "percent",
                "Share of the deal credited to this partner (0–100). Blank: an equal share of "
                "what the deal's listed splits leave. A deal's splits add up to 100 (± 0.5).",
                unit="%",
            ),
            Column(
                "role",
                "str",
                "The partner's role on the deal as the CRM records it (Salesforce partner role "
                "such as System Integrator or VAR/Reseller, HubSpot association label).",
            ),
            Column(
                "attribution",
                "enum",
                "This partner's attribution on the deal; blank: the deal's own (given or "
                "derived by the profile's attribution_rules).",
                allowed=(Attribution.SOURCED, Attribution.INFLUENCED),
                aliases={
                    "partner_sourced": "sourced",
                    "partner_influenced": "influenced",
                    "referral": "sourced",
                },
            ),
        ),
        used_by=("01", "02", "04", "05", "06", "07", "08"),
    ),
    Table(
        "price_list",
        "Our list prices per product, as the client supplies them (e.g. a CRM products export "
        "mapped with column_names). Gives open deals without an amount a pipeline value: list "
        "price × units (units blank: 1), a rule reported by check.",
        (
            Column(
                "product",
                "id",
                "Product name as deals.product writes it (case, spaces and hyphens ignored).",
                required=True,
            ),
            Column(
                "list_price",
                "money",
                "List price of one unit.",
                required=True,
                unit="currency",
                min=0,
            ),
        ),
        key=("product",),
        used_by=("02",),
    ),
    Table(
        "staff",
        "Our people: the partner-program team (channel managers, alliance, technical, "
        "marketing; those with a role) and, optionally, the CRM's sales hierarchy (deal owners, "
        "their managers and areas). Derived from deals.owner_id when not supplied.",
        (
            Column("staff_id", "id", "Unique staff id.", required=True),
            Column("name", "str", "Person's name; blank: the staff id is shown."),
            Column("area", "str", "Area (region or segment) the person covers.", required=True),
            Column(
                "manager_id",
                "ref",
                "The person's manager (staff id), as in the CRM's sales-team hierarchy.",
                ref="staff.staff_id",
            ),
            Column(
                "role",
                "enum",
                "Role in the program. Blank: not partner-program staff (e.g. a sales rep from "
                "the CRM's sales teams): placed in the hierarchy, never counted in program "
                "headcount, competency or training shares.",
                allowed=(
                    "channel_manager",
                    "alliance_lead",
                    "technical",
                    "marketing",
                    "program_manager",
                ),
            ),
            Column("org_unit", "str", "Organisation unit (e.g. Technology, Business Development)."),
            Column(
                "fte",
                "number",
                "Full-time equivalent devoted to the program; blank on a person with a "
                "program role: counted as 1.0 (full time), a rule reported by check.",
                unit="FTE",
                min=0,
                max=1,
            ),
            Column("start_date", "date", "Joined the program."),
            Column("end_date", "date", "Left the program; blank if still in it."),
            _score("skill_recruiting", "Competency: finding and signing partners."),
            _score("skill_enablement", "Competency: training and enabling partners."),
            _score("skill_technical", "Competency: technical depth on our platform."),
            _score("skill_joint_selling", "Competency: selling with partners."),
            _score("skill_analytics", "Competency: measuring and reporting."),
        ),
        key=("staff_id",),
        used_by=("04", "05", "07"),
    ),
    Table(
        "financials",
        "Monthly program costs and receivables per area (and optionally per manager).",
        (
            Column("period", "month", "Month the figures belong to.", required=True),
            Column("area", "str", "Area the figures belong to.", required=True),
            Column(
                "manager_id",
                "ref",
                "Manager the figures belong to; blank for area-level costs.",
                ref="staff.staff_id",
            ),
            Column(
                "program_expenses",
                "money",
                "Program operating expenses in the month "
                "(people, tools, events, MDF), excluding partner investments and cost of "
                "sale.",
                required=True,
                unit="currency",
                min=0,
            ),
            Column(
                "accounts_receivable",
                "money",
                "Partner-program receivables outstanding at month end.",
                unit="currency",
                min=0,
            ),
        ),
        key=("period", "area", "manager_id"),
        used_by=("05",),
    ),
    Table(
        "investments",
        "Money we put into a partner: enablement, integration work, MDF, co-marketing.",
        (
            Column("investment_id", "id", "Unique investment id.", required=True),
            Column(
                "partner_id",
                "ref",
                "Partner invested in.",
                required=True,
                ref="partners.partner_id",
            ),
            Column("date", "date", "Date the money was committed.", required=True),
            Column(
                "category",
                "enum",
                "Kind of investment.",
                allowed=("enablement", "integration", "marketing", "mdf", "headcount", "other"),
            ),
            Column("amount", "money", "Amount invested.", required=True, unit="currency", min=0),
        ),
        key=("investment_id",),
        used_by=("01", "03", "04", "05", "06"),
    ),
    Table(
        "solutions",
        "Partner-built integrations of their product with ours (joint solutions).",
        (
            Column("solution_id", "id", "Unique solution id.", required=True),
            Column(
                "partner_id",
                "ref",
                "Partner that built it.",
                required=True,
                ref="partners.partner_id",
            ),
            Column("name", "str", "Solution name.", required=True),
            Column("our_software", "str", "Our product it binds to."),
            Column(
                "certification_status",
                "enum",
                "Our certification of the integration.",
                required=True,
                allowed=("not_submitted", "in_review", "certified", "expired"),
            ),
            Column("certified_date", "date", "Date certified."),
        ),
        key=("solution_id",),
        used_by=("01",),
    ),
    Table(
        "requirement_scores",
        "Scores of each partner or candidate against the requirement criteria set in the profile.",
        (
            Column(
                "partner_id",
                "ref",
                "Partner or candidate scored.",
                required=True,
                ref="partners.partner_id",
            ),
            Column(
                "criterion",
                "str",
                "Criterion name as listed in profile.yaml `requirement_criteria`.",
                required=True,
            ),
            Column(
                "score",
                "number",
                "Score against the criterion.",
                required=True,
                unit="score 0–5",
                min=0,
                max=5,
            ),
            Column(
                "note",
                "text",
                "Evidence for the score or a comment; printed beside the score in the "
                "partner's Requirements Document.",
            ),
        ),
        key=("partner_id", "criterion"),
        used_by=("01", "02"),
    ),
    Table(
        "accounts",
        "Our accounts: customers and prospects. Derived from deals.account_id when not supplied.",
        (
            Column("account_id", "id", "Unique account id.", required=True),
            Column("name", "str", "Company name; blank: the account id is used."),
            Column("domain", "str", "Web domain (any form: https://www.acme.com/about is fine)."),
            Column(
                "status",
                "enum",
                "Customer or prospect. Blank: derived from the deals (customer when the account "
                "has a won deal, else prospect), a rule reported by check.",
                allowed=("customer", "prospect"),
            ),
            Column("industry", "str", "Industry of the account."),
            Column("country", "str", "Country."),
        ),
        key=("account_id",),
        used_by=("02", "03"),
    ),
    Table(
        "partner_accounts",
        "Account lists partners shared with us: raw names/domains, or salted hashes of "
        "normalised domains.",
        (
            Column(
                "partner_id",
                "ref",
                "Partner the list belongs to.",
                required=True,
                ref="partners.partner_id",
            ),
            Column("account_name", "str", "Company name (raw lists)."),
            Column("domain", "str", "Web domain (raw lists)."),
            Column("domain_hash", "str", "Salted SHA-256 of the normalised domain (hashed lists)."),
            Column(
                "relationship",
                "enum",
                "What the account is to the partner.",
                required=True,
                allowed=("customer", "prospect"),
            ),
        ),
        used_by=("02",),
    ),
    Table(
        "campaigns",
        "Partner-acquisition campaigns and their funnel counts.",
        (
            Column("campaign_id", "id", "Unique campaign id.", required=True),
            Column(
                "tier",
                "enum",
                "Target tier.",
                required=True,
                allowed=CAMPAIGN_TIERS,
                aliases={
                    "low_hanging": "low_hanging_fruit",
                    "lhf": "low_hanging_fruit",
                    "mid": "mid_level",
                },
            ),
            Column("channel", "str", "Channel (LinkedIn, e-mail, webinar, …).", required=True),
            Column("content_piece", "str", "Content piece used (repurposed across channels)."),
            Column("start_date", "date", "Campaign start."),
            Column("cost", "money", "Campaign cost.", unit="currency", min=0),
            Column("traffic", "int", "Visitors to the opt-in page.", min=0),
            Column("opt_ins", "int", "Visitors who opted in.", min=0),
            Column("engaged", "int", "Opt-ins who engaged (meeting, call).", min=0),
            Column("closed", "int", "Partners signed.", min=0),
            Column(
                "offer",
                "ref",
                "The offer the campaign made to the partners it targets (offers.offer_id); "
                "blank: no offer recorded (its campaigns are compared apart).",
                ref="offers.offer_id",
            ),
        ),
        key=("campaign_id",),
        used_by=("02",),
    ),
    Table(
        "readiness",
        "Answers to the shipped readiness question bank (trend 3): one row per question, or "
        "per question and respondent when several people answer (`playbook materials` writes "
        "the questionnaire).",
        (
            Column("item_id", "str", "Question id from the question bank.", required=True),
            Column(
                "score",
                "number",
                "Answer; blank = not answered (excluded, not 0).",
                unit="score 0–5",
                min=0,
                max=5,
            ),
            Column("evidence", "text", "Evidence or note."),
            Column(
                "respondent",
                "str",
                "Who gave the answer (a name or a role). Several respondents answer the same "
                "question bank, one row per question and respondent: report 03 scores each "
                "question by the median of its answers and shows their spread. Blank: a single "
                "respondent.",
            ),
            Column(
                "not_applicable",
                "bool",
                "yes: the question does not apply to this client, in this respondent's view "
                "(leave the score blank); a question nobody scored and someone marked so is "
                "left out of the index and listed as not applicable, never as not answered.",
            ),
        ),
        key=("item_id", "respondent"),
        used_by=("03",),
    ),
    Table(
        "checklist",
        "Channel-management checklist items and their status (trend 4; `playbook materials` "
        "writes the default items to fill in).",
        (
            Column("item_id", "id", "Unique item id.", required=True),
            Column("category", "str", "Checklist category.", required=True),
            Column("task", "text", "What must be done.", required=True),
            Column("owner", "str", "Person or team responsible."),
            Column("due_date", "date", "Due date."),
            Column(
                "status",
                "enum",
                "Progress; `not_applicable`: an item of the default checklist that does not "
                "apply to this client (left out of completion and overdue counts).",
                required=True,
                allowed=CHECKLIST_STATUSES,
                aliases={
                    "todo": "not_started",
                    "open": "not_started",
                    "complete": "done",
                    "completed": "done",
                },
            ),
            Column("completed_date", "date", "Date done."),
        ),
        key=("item_id",),
        used_by=("04",),
    ),
    Table(
        "personas",
        "Partner buyer personas (trend 4 and 8).",
        (
            Column("persona_id", "id", "Unique persona id.", required=True),
            Column("name", "str", "Persona name.", required=True),
            Column(
                "partner_type",
                "enum",
                "Partner type the persona belongs to.",
                allowed=PARTNER_TYPES,
            ),
            Column("role", "str", "Job title / role."),
            Column(
                "engagement_model",
                "enum",
                "Value- or transaction-driven.",
                allowed=("value", "transaction"),
            ),
            Column("goals", "text", "What they want."),
            Column("pains", "text", "What hurts today."),
            Column("preferred_media", "str", "Media they respond to."),
        ),
        key=("persona_id",),
        used_by=("04", "08"),
    ),
    Table(
        "competitor_partnerships",
        "Which of our competitors already partner with which partner or candidate (trend 7).",
        (
            Column(
                "competitor",
                "str",
                "Competitor name (as in profile.yaml `competitors`).",
                required=True,
            ),
            Column(
                "partner_id",
                "ref",
                "Partner or candidate.",
                required=True,
                ref="partners.partner_id",
            ),
            Column("relationship", "str", "Kind of relationship (reseller, technology, …)."),
        ),
        key=("competitor", "partner_id"),
        used_by=("01", "07"),
    ),
    Table(
        "trainings",
        "Training completed in both directions (trend 7: mandated training both ways).",
        (
            Column(
                "partner_id", "ref", "Partner concerned.", required=True, ref="partners.partner_id"
            ),
            Column(
                "direction",
                "enum",
                "`partner_on_ours`: partner staff trained on our "
                "product; `ours_on_partner`: our staff trained on theirs.",
                required=True,
                allowed=("partner_on_ours", "ours_on_partner"),
            ),
            Column(
                "staff_id",
                "ref",
                "Our person trained (for `ours_on_partner`).",
                ref="staff.staff_id",
            ),
            Column("completed_date", "date", "Completion date.", required=True),
        ),
        used_by=("06", "07"),
    ),
    Table(
        "health",
        "Partnership-health assessment per strategic partner against the report's principles "
        "(trend 6).",
        (
            Column(
                "partner_id", "ref", "Partner assessed.", required=True, ref="partners.partner_id"
            ),
            Column("assessed_date", "date", "Date of the assessment.", required=True),
            _score("open_communication", "Open communication."),
            _score("trust", "Trust between the teams."),
            _score("goals_agreed", "Goals and milestones agreed (linear arrangement)."),
            _score("team_skill", "Skill of both teams."),
            _score("alignment", "Alignment on both sides."),
            Column("legal_documentation", "bool", "IP protection and legal documents in place."),
            Column("beta_program", "bool", "A beta program was run first."),
        ),
        key=("partner_id", "assessed_date"),
        used_by=("06",),
    ),
    Table(
        "journey_events",
        "Dated moves of partners through the journey unknown → visitor → lead → partner → "
        "advocate (trend 8).",
        (
            Column(
                "partner_id",
                "ref",
                "Partner or candidate.",
                required=True,
                ref="partners.partner_id",
            ),
            Column("stage", "enum", "Stage reached.", required=True, allowed=JOURNEY_STAGES),
            Column("date", "date", "Date the stage was reached.", required=True),
        ),
        key=("partner_id", "stage"),
        used_by=("08",),
    ),
    Table(
        "communications",
        "Partner communications sent and the responses they got (trend 8).",
        (
            Column("communication_id", "id", "Unique communication id.", required=True),
            Column("date", "date", "Send date.", required=True),
            Column(
                "stage", "enum", "Journey stage it targets.", required=True, allowed=JOURNEY_STAGES
            ),
            Column("medium", "str", "Medium (e-mail, webinar, portal, event, …).", required=True),
            Column(
                "audience",
                "enum",
                "Partner kind it targets.",
                allowed=("value", "transaction", "all"),
            ),
            Column("sent", "int", "Recipients.", required=True, min=0),
            Column(
                "responses",
                "int",
                "Responses (clicks, replies, registrations).",
                required=True,
                min=0,
            ),
            Column(
                "partner_id",
                "ref",
                "The one partner the communication went to (a message, call or meeting with "
                "that partner's people); blank for a communication sent to many partners. "
                "Feeds the partner's measured responsiveness (trend 7 mindshare).",
                ref="partners.partner_id",
            ),
        ),
        key=("communication_id",),
        used_by=("07", "08"),
    ),
    Table(
        "plans",
        "Per-partner plans: issue, today, target and milestones — one row per milestone (trend 8; "
        "`playbook materials` writes a blank plan per partner without one).",
        (
            Column(
                "partner_id",
                "ref",
                "Partner the plan is for.",
                required=True,
                ref="partners.partner_id",
            ),
            Column("issue", "text", "The issue the partner has.", required=True),
            Column("current_state", "text", "Where the partner is today."),
            Column("target_state", "text", "Where the partner wants to be."),
            Column("milestone", "text", "One step of the plan.", required=True),
            Column("due_date", "date", "Milestone due date."),
            Column(
                "status",
                "enum",
                "Milestone status.",
                required=True,
                allowed=TASK_STATUSES,
                aliases={"todo": "not_started", "complete": "done", "completed": "done"},
            ),
            Column("completed_date", "date", "Date done."),
            Column("owner", "str", "Who is responsible for the milestone (ours or theirs)."),
        ),
        used_by=("08",),
    ),
    Table(
        "outsourcing",
        "Answers to the question set on outsourcing the management of the partner program "
        "(trend 7), scored with the client in the workshop: a question set because the choice "
        "rests on capacity, cost quotes, strategy and control, which no CRM export holds.",
        (
            Column(
                "item_id",
                "enum",
                "Question id: `capacity` (the team cannot give every partner the attention "
                "it needs), `skills` (nobody has run a program before), `speed` (needed "
                "sooner than a team can be hired), `cost` (an outside firm costs less), "
                "`focus` (not a strength to build in house), `reach` (partners where we know "
                "nobody), `contacts` (several points of contact to keep in step), `control` "
                "(contracts, data and brand stay ours); report 07 lists the full statements.",
                required=True,
                allowed=OUTSOURCING_ITEMS,
            ),
            Column(
                "score",
                "number",
                "Agreement with the statement: 0 (not at all) to 5 (fully); a high score "
                "favours outsourcing. Blank = not answered (excluded, not 0).",
                unit="score 0–5",
                min=0,
                max=5,
            ),
            Column(
                "not_applicable",
                "bool",
                "yes: the question does not apply to this client (excluded, and said so).",
            ),
            Column("evidence", "text", "Evidence or note behind the answer."),
        ),
        key=("item_id",),
        used_by=("07",),
    ),
    Table(
        "offers",
        "The offers recruiting campaigns make to the partners they target (trend 2: an offer "
        "worth answering): what the partner gets and what each partner signed on it costs us. "
        "campaigns.offer names the offer a campaign made; report 02 compares the offers by the "
        "response their campaigns got.",
        (
            Column(
                "offer_id", "id", "Unique offer id, as campaigns.offer names it.", required=True
            ),
            Column("name", "str", "Offer name as shown in reports.", required=True),
            Column(
                "partner_gets",
                "text",
                "What a partner gets when it signs on the offer (free certification, "
                "not-for-resale licences, a higher referral fee, market development funds, …).",
            ),
            Column("kind", "enum", "Kind of offer.", allowed=OFFER_KINDS),
            Column(
                "cost_per_partner",
                "money",
                "What the offer costs us for each partner that signs on it (the training, "
                "licences, fee or funds it gives), on top of the campaigns' cost; blank: not "
                "known, and the offer's full cost per signed partner is not computed.",
                unit="currency",
                min=0,
            ),
        ),
        key=("offer_id",),
        used_by=("02",),
    ),
    Table(
        "capability_routes",
        "Capabilities the client needs, each priced two ways (trend 4: partners as an "
        "alternative to hiring and building it ourselves): through a partner, or by hiring "
        "and building. One row per capability; the consultant fills it with the client.",
        (
            Column("capability_id", "id", "Unique capability id.", required=True),
            Column(
                "capability",
                "str",
                "The capability needed, e.g. 'Implementation services in EMEA'.",
                required=True,
            ),
            Column(
                "partner_id",
                "ref",
                "Partner or candidate that would provide it (optional).",
                ref="partners.partner_id",
            ),
            Column(
                "monthly_revenue",
                "money",
                "Revenue a month the capability brings once fully in place (either route).",
                required=True,
                unit="currency",
                min=0,
            ),
            Column(
                "margin_pct",
                "percent",
                "Our gross margin on that revenue, before any share given to a partner.",
                required=True,
                unit="%",
            ),
            Column(
                "partner_share_pct",
                "percent",
                "Share of that revenue the partner keeps on the partner route (discount, "
                "referral fee or revenue share): the margin shared.",
                required=True,
                unit="%",
            ),
            Column(
                "partner_investment",
                "money",
                "One-off investment in the partner (enablement, integration, market "
                "development). Blank with a partner_id: that partner's investments recorded "
                "up to the as-of date; blank without one: the partner route is not priced.",
                unit="currency",
                min=0,
            ),
            Column(
                "partner_months",
                "int",
                "Months until the partner delivers (onboarding, enablement).",
                required=True,
                unit="months",
                min=0,
            ),
            Column(
                "hires",
                "number",
                "People to hire for the capability on the hiring route.",
                required=True,
                unit="FTE",
                min=0,
            ),
            Column(
                "cost_per_hire",
                "money",
                "Yearly cost of one hire: salary, benefits, tools.",
                required=True,
                unit="currency",
                min=0,
            ),
            Column(
                "recruiting_cost",
                "money",
                "One-off cost of recruiting one person (fees, interviews, relocation).",
                required=True,
                unit="currency",
                min=0,
            ),
            Column(
                "months_to_hire",
                "int",
                "Months from the decision until the hires start.",
                required=True,
                unit="months",
                min=0,
            ),
            Column(
                "ramp_up_months",
                "int",
                "Months from their start until the hires are fully productive (productivity "
                "rises evenly over them).",
                required=True,
                unit="months",
                min=0,
            ),
            Column(
                "build_cost",
                "money",
                "One-off cost of building it ourselves besides people (tools, environments, "
                "training); 0 when none.",
                required=True,
                unit="currency",
                min=0,
            ),
        ),
        key=("capability_id",),
        used_by=("04",),
    ),
    Table(
        "program_levels",
        "The levels of the partner program and what each costs and gives (the report's "
        "low-cost entry package of software and services for partners). Partners sit at the "
        "highest level whose certification they hold.",
        (
            Column("level_id", "id", "Unique level id.", required=True),
            Column(
                "name",
                "str",
                "Level name as partners see it (e.g. Registered, Gold).",
                required=True,
            ),
            Column(
                "rank",
                "int",
                "Order of the level: 1 is the entry level, higher ranks come after it.",
                required=True,
                min=1,
            ),
            Column(
                "annual_fee",
                "money",
                "What a partner pays a year to be at this level; 0 for a free level.",
                required=True,
                unit="currency",
                min=0,
            ),
            Column(
                "package",
                "text",
                "What the partner gets at this level (licences, sandbox, training seats, "
                "support, portal, marketing).",
            ),
            Column(
                "package_value",
                "money",
                "List price of what the package includes, to show what the fee saves.",
                unit="currency",
                min=0,
            ),
            Column(
                "min_certification",
                "enum",
                "Lowest certification on our products a partner needs for this level; blank: "
                "open to every partner.",
                allowed=CERTIFICATION_LEVELS,
            ),
        ),
        key=("level_id",),
        used_by=("04", "06"),
    ),
    Table(
        "benchmark_programs",
        "Partner programs the client profiled as the best in its industry (trend 6: profile "
        "the best), one row per program and measure; report 06 sets the client beside them.",
        (
            Column("program", "str", "Name of the program profiled.", required=True),
            Column(
                "measure",
                "enum",
                "What was measured (units as in report 06): quick_win_share, certified_share, "
                "partner_win_rate, health_green_share and checkbox_share in %, "
                "median_days_to_first_win in days; or an element of the reference program "
                "profile of report 04 (checklist, org_metrics, metrics_on_target, team, "
                "personas, leadership, enablement, investment, entry_package).",
                required=True,
                allowed=BENCHMARK_MEASURES + REFERENCE_ELEMENTS,
            ),
            Column(
                "value",
                "number",
                "The program's value on the measure; for a reference element 1 when the "
                "program has it, 0 when it does not.",
                required=True,
                min=0,
            ),
            Column("source", "text", "Where the figure comes from (report, interview, web page)."),
        ),
        key=("program", "measure"),
        used_by=("04", "06"),
    ),
    # ---------------------------------------------------------------- trend 8: people and tools
    Table(
        "partner_contacts",
        "The people we deal with at each partner or candidate, several per company: their role, "
        "how high they sit in their org chart and who of ours owns the relationship (trend 8).",
        (
            Column("contact_id", "id", "Unique contact id.", required=True),
            Column(
                "partner_id",
                "ref",
                "Partner or candidate the person works for.",
                required=True,
                ref="partners.partner_id",
            ),
            Column("name", "str", "The person's name; blank: the contact id is shown."),
            Column("role", "str", "Job title, as the partner writes it (e.g. VP Alliances)."),
            Column(
                "level",
                "enum",
                "How high the person sits in the partner's org chart: `executive` (owner, "
                "C-level), `senior_manager` (VP, director, head of), `manager`, `staff`.",
                allowed=CONTACT_LEVELS,
                aliases={
                    "c_level": "executive",
                    "ceo": "executive",
                    "owner": "executive",
                    "founder": "executive",
                    "vp": "senior_manager",
                    "director": "senior_manager",
                    "head": "senior_manager",
                    "individual_contributor": "staff",
                },
            ),
            Column(
                "owner_id",
                "ref",
                "Our person who owns the relationship with this contact (staff id).",
                ref="staff.staff_id",
            ),
            Column(
                "persona_id",
                "ref",
                "The buyer persona the person fits (personas.persona_id).",
                ref="personas.persona_id",
            ),
        ),
        key=("contact_id",),
        used_by=("08",),
    ),
    Table(
        "conversations",
        "The conversation log: one row per conversation with a person at a partner (call, "
        "meeting, personal or automated message), who of ours held it and whether it was "
        "written into the log the whole team shares (trend 8). Campaign-style sends to many "
        "partners belong in communications.",
        (
            Column("conversation_id", "id", "Unique conversation id.", required=True),
            Column("date", "date", "Date of the conversation.", required=True),
            Column(
                "partner_id",
                "ref",
                "Partner or candidate spoken to.",
                required=True,
                ref="partners.partner_id",
            ),
            Column(
                "contact_id",
                "ref",
                "The person spoken to (partner_contacts.contact_id); must work for the "
                "conversation's partner.",
                ref="partner_contacts.contact_id",
            ),
            Column(
                "staff_id",
                "ref",
                "Our person who held it (staff id); blank for an automated message.",
                ref="staff.staff_id",
            ),
            Column("medium", "str", "How: call, meeting, e-mail, automated e-mail, portal, …"),
            Column(
                "automated",
                "bool",
                "Sent or handled by a tool, with nobody of ours writing it (marketing-automation "
                "sequence, portal notification, scheduled report).",
            ),
            Column(
                "shared_log",
                "bool",
                "Written into the log the whole team reads (e.g. the CRM's activity history); "
                "blank: not known.",
            ),
            Column("topic", "text", "What it was about."),
        ),
        key=("conversation_id",),
        used_by=("08",),
    ),
    Table(
        "engagement_answers",
        "Answers to the value-partner and transaction-partner question sets of trend 8, one row "
        "per partner (or candidate) and question, scored with the client like the readiness "
        "answers: no table records whether a partner adds value or knows the business, so the "
        "consultant and the alliance lead judge it.",
        (
            Column(
                "partner_id",
                "ref",
                "Partner or candidate assessed.",
                required=True,
                ref="partners.partner_id",
            ),
            Column(
                "item_id",
                "str",
                "Question id of the trend-8 question sets (VP1–VP5 value, TP1–TP3 transaction).",
                required=True,
            ),
            Column(
                "score",
                "number",
                "Answer; blank = not answered (excluded, not 0).",
                unit="score 0–5",
                min=0,
                max=5,
            ),
            Column(
                "not_applicable",
                "bool",
                "yes: the question does not apply to this partner (excluded from its score).",
            ),
            Column("evidence", "text", "Evidence or note."),
        ),
        key=("partner_id", "item_id"),
        used_by=("08",),
    ),
    Table(
        "research_notes",
        "What sales, marketing and support learned about partners and personas, one note a row "
        "(trend 8: the journey map and the personas are built from research across the "
        "organisation).",
        (
            Column("note_id", "id", "Unique note id.", required=True),
            Column("date", "date", "Date of the note."),
            Column(
                "function",
                "enum",
                "Which part of our organisation it comes from.",
                required=True,
                allowed=RESEARCH_FUNCTIONS,
                aliases={"customer_support": "support", "customer_success": "support"},
            ),
            Column(
                "persona_id",
                "ref",
                "Persona the note is about (personas.persona_id).",
                ref="personas.persona_id",
            ),
            Column(
                "partner_id",
                "ref",
                "Partner or candidate the note is about.",
                ref="partners.partner_id",
            ),
            Column(
                "stage",
                "enum",
                "Journey stage the note is about.",
                allowed=JOURNEY_STAGES,
            ),
            Column("note", "text", "What was learned.", required=True),
            Column("author", "str", "Who wrote it."),
        ),
        key=("note_id",),
        used_by=("08",),
    ),
    Table(
        "tools",
        "The client's partner-communication tools, one row per tool and journey stage it "
        "serves (trend 8: CRM, marketing automation, direct response, survey, partner portal).",
        (
            Column("tool", "str", "Product name (e.g. Salesforce, HubSpot).", required=True),
            Column(
                "kind",
                "enum",
                "What kind of tool it is.",
                required=True,
                allowed=TOOL_KINDS,
                aliases={
                    "marketing": "marketing_automation",
                    "automation": "marketing_automation",
                    "portal": "partner_portal",
                    "prm": "partner_portal",
                    "surveys": "survey",
                },
            ),
            Column(
                "stage",
                "enum",
                "Journey stage the tool serves; one row per stage; blank: no stage named.",
                allowed=JOURNEY_STAGES,
            ),
            Column(
                "status",
                "enum",
                "`in_use` or `planned`; blank: in use.",
                allowed=("in_use", "planned"),
            ),
        ),
        key=("tool", "stage"),
        used_by=("08",),
    ),
    Table(
        "platform_components",
        "The map of our ecosystem platform (trend 3): the APIs, SDKs, connectors, modules and "
        "data feeds partners can build on, one row each. We own the platform; partners build "
        "on it (platform_builds).",
        (
            Column("component_id", "id", "Unique component id.", required=True),
            Column("name", "str", "Component name as shown in reports.", required=True),
            Column(
                "kind",
                "enum",
                "What it is.",
                required=True,
                allowed=("api", "sdk", "connector", "module", "data_feed", "ui_extension", "other"),
            ),
            Column(
                "status",
                "enum",
                "Where the component stands: `planned` (not usable yet), `beta`, `available`, "
                "`deprecated` (still running, to be replaced), `retired` (switched off).",
                required=True,
                allowed=("planned", "beta", "available", "deprecated", "retired"),
            ),
            Column("version", "str", "Current version; free text."),
            Column("our_software", "str", "Our product the component belongs to."),
            Column(
                "documented",
                "bool",
                "Public documentation partners can build from exists (reference, guides).",
            ),
            Column(
                "legacy",
                "bool",
                "Built on legacy code that needs modernising (the 'albatross' of trend 3).",
            ),
            Column("description", "text", "What partners can do with it."),
        ),
        key=("component_id",),
        used_by=("03",),
    ),
    Table(
        "starter_kits",
        "The starter kit technical partners take to build on our platform (trend 3), one row "
        "per item of each kit version: sandbox, sample code, SDK, test suite, ….",
        (
            Column(
                "kit_id",
                "id",
                "Kit version id (e.g. SK-2.0); the same on every row of that kit.",
                required=True,
            ),
            Column("item", "str", "One item of the kit (e.g. Sandbox tenant).", required=True),
            Column("version", "str", "Version of the kit; free text."),
            Column("released_date", "date", "Date this kit version was released to partners."),
            Column(
                "component_id",
                "ref",
                "Platform component the item covers (blank: none, e.g. a sandbox).",
                ref="platform_components.component_id",
            ),
        ),
        key=("kit_id", "item"),
        used_by=("03",),
    ),
    Table(
        "platform_builds",
        "Which partner builds what on which platform component, and how far it got (trend 3): "
        "one row per partner and component.",
        (
            Column(
                "partner_id", "ref", "Partner building.", required=True, ref="partners.partner_id"
            ),
            Column(
                "component_id",
                "ref",
                "Component it builds on.",
                required=True,
                ref="platform_components.component_id",
            ),
            Column("build", "str", "What the partner builds (e.g. its connector or app)."),
            Column(
                "status",
                "enum",
                "How far the build got.",
                required=True,
                allowed=("planned", "in_development", "live", "retired"),
                aliases={"development": "in_development", "production": "live"},
            ),
            Column(
                "kit_id",
                "ref",
                "Starter kit the partner built from; blank: none.",
                ref="starter_kits.kit_id",
            ),
            Column(
                "started_date",
                "date",
                "Date the partner took the kit (or, without one, started building).",
            ),
            Column(
                "first_build_date",
                "date",
                "Date of the partner's first working build on the component (runs against our "
                "sandbox or product).",
            ),
        ),
        key=("partner_id", "component_id"),
        used_by=("03",),
    ),
    Table(
        "development_needs",
        "The register of development needs (trend 3): legacy code to modernise or API work we "
        "want a partner to take on, one row each.",
        (
            Column("need_id", "id", "Unique need id.", required=True),
            Column("need", "text", "What must be built, in a sentence.", required=True),
            Column(
                "area",
                "enum",
                "Kind of work.",
                required=True,
                allowed=("legacy_code", "api", "integration", "data", "other"),
                aliases={"legacy": "legacy_code"},
            ),
            Column(
                "component_id",
                "ref",
                "Platform component concerned (blank: none yet).",
                ref="platform_components.component_id",
            ),
            Column(
                "skills",
                "str",
                "Skills wanted, separated by semicolons (e.g. COBOL; Java); matched against "
                "partners.skills.",
            ),
            Column(
                "status",
                "enum",
                "`open`: defined, nobody sought yet; `sourcing`: looking for a partner; "
                "`matched`: a partner is chosen (partner_id); `in_progress`; `done`; `dropped`.",
                required=True,
                allowed=("open", "sourcing", "matched", "in_progress", "done", "dropped"),
            ),
            Column("raised_date", "date", "Date the need was defined."),
            Column(
                "partner_id",
                "ref",
                "Partner chosen to meet the need; blank: none yet.",
                ref="partners.partner_id",
            ),
            Column(
                "estimated_cost",
                "money",
                "Our estimate of what building it ourselves would cost.",
                unit="currency",
                min=0,
            ),
            Column("owner", "str", "Our person or team responsible."),
        ),
        key=("need_id",),
        used_by=("03",),
    ),
    Table(
        "sourcing_channels",
        "The channels where partners are found (trend 3), named as partners.source_channel "
        "names them, each with its kind, so developer communities (Stack Overflow, a "
        "subreddit, Hacker News, Slashdot, …) can be compared with the other channels.",
        (
            Column("channel", "id", "Channel name, as in partners.source_channel.", required=True),
            Column(
                "kind",
                "enum",
                "Kind of channel.",
                required=True,
                allowed=(
                    "developer_community",
                    "marketplace",
                    "event",
                    "referral",
                    "outbound",
                    "inbound",
                    "other",
                ),
            ),
            Column(
                "cost",
                "money",
                "What was spent on the channel to date (ads, sponsorships, time); blank: not "
                "known.",
                unit="currency",
                min=0,
            ),
            Column("description", "text", "How the channel is used."),
        ),
        key=("channel",),
        used_by=("03",),
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    """Return the spec of table ``name``."""
    return TABLES_BY_NAME[name]
