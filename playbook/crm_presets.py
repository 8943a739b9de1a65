"""Presets for the common CRMs' exports: their headers and stage names mapped onto ours.

A preset says, for Salesforce, HubSpot or Pipedrive, which header of the CRM's standard export
feeds which of our columns (:mod:`playbook.schema`) and which of its default pipeline stages is
which of ours (``lead`` / ``qualified`` / ``proposal`` / ``won`` / ``lost``). :func:`propose`
turns a set of export files into profile.yaml's ``files``, ``column_names``, ``value_names``
and ``value_from`` (nothing is guessed: a header or a stage value the preset does not know is
listed as unused or unmapped, with the profile.yaml key to edit). ``playbook new --from`` and
``playbook map`` show the proposal (:mod:`playbook.crm_import`).

Where the lists come from (the CRMs' own documentation, checked for this module):

* **Salesforce**: the Opportunity object's field labels in the Salesforce field reference
  (``Opportunity ID``, ``Opportunity Name``, ``Account ID``, ``Account Name``, ``Amount``,
  ``Close Date``, ``Created Date``, ``Lead Source``, ``Probability (%)``, ``Stage``; owner as
  ``Opportunity Owner`` in opportunity reports; the PRM field ``Partner Account``
  (``PartnerAccountId``); ``Primary Partner`` / ``Partner`` in the *Opportunities with
  Partners* report type, from ``OpportunityPartner``); the ``StageName`` picklist's standard
  values Prospecting … Closed Won / Closed Lost. Report exports write dates as M/D/YYYY (US
  locale) and may carry title rows above the headers (skipped by the loader).
* **HubSpot**: the headers of a deals export from the deals index page (``Record ID``,
  ``Deal Name``, ``Deal Stage``, ``Close Date``, ``Create Date``, ``Deal owner``, ``Amount``,
  ``Pipeline``, association columns ``Associated Company`` / ``Associated Company IDs`` and
  their ``(Primary)`` forms) and the default properties list (``Original Traffic Source``);
  the default sales pipeline's stages Appointment Scheduled, Qualified To Buy, Presentation
  Scheduled, Decision Maker Bought-In, Contract Sent, Closed Won, Closed Lost. Timestamps look
  like ``2024-03-31 10:15``. A companies export keys companies by ``Record ID`` (what the deals'
  ``Associated Company IDs`` hold), with ``Company name``, ``Company Domain Name`` and the
  default lifecycle stages (Subscriber … Opportunity: prospect; Customer, Evangelist: customer).
* **Pipedrive**: the ``Deal - …`` headers of a deals list export (``Deal - ID``, ``Deal -
  Title``, ``Deal - Value``, ``Deal - Currency``, ``Deal - Status`` open/won/lost, ``Deal -
  Stage``, ``Deal - Pipeline``, ``Deal - Organization``, ``Deal - Owner``, ``Deal - Deal
  created`` (older exports: ``Deal - Add time``), ``Deal - Won time``, ``Deal - Lost time``,
  ``Deal - Deal closed on``, ``Deal - Source origin``); the default pipeline's stages Qualified,
  Contact Made, Demo Scheduled (Meeting Scheduled / Needs Defined in older accounts), Proposal
  Made, Negotiations Started. A won or lost deal keeps its last pipeline stage in ``Deal -
  Stage``: its stage comes from ``Deal - Status`` (profile.yaml ``value_from``), its close date
  from the first of the won/lost times (several headers mapped to ``close_date``).

The partner list is hand-made (no CRM exports one), so its headers are matched against our own
column names and a few plain synonyms; so are a users / sales-team list and an accounts export.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from playbook import normalise
from playbook.schema import TABLES_BY_NAME

CRMS = ("salesforce", "hubspot", "pipedrive")
#: The preset for an export no CRM preset recognises (a CRM-neutral or home-grown export): the
#: usual plain column names and stage words. Never detected over a CRM; tried when none is.
GENERIC = "generic"
#: Every preset ``--from`` accepts.
PRESET_NAMES = (*CRMS, GENERIC)


@dataclass(frozen=True)
class TablePreset:
    """How one CRM export feeds one of our tables: our column → its candidate headers, first
    present wins (``combine``: our columns fed by every present header, first non-blank)."""

    table: str
    columns: dict[str, tuple[str, ...]]
    combine: frozenset[str] = frozenset()
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # column → {value: ours}
    named: frozenset[str] = frozenset()  # headers naming a referenced record, not its id


@dataclass(frozen=True)
class Preset:
    """One CRM: its tables, and ``value_from`` rules (our column → (header, {value: ours}))."""

    name: str
    label: str
    tables: tuple[TablePreset, ...]
    value_from: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)

    def table(self, name: str) -> TablePreset | None:
        """The preset of table ``name``, if this CRM has one."""
        return next((t for t in self.tables if t.table == name), None)


# Hand-made lists and CRM-neutral exports: our own column names always match (the loader
# matches them ignoring case, spaces and hyphens); these plain synonyms are added.
_PARTNER_LIST = TablePreset(
    "partners",
    {
        "partner_id": ("Partner ID", "ID"),
        "name": ("Partner Name", "Partner", "Company", "Company Name"),
        "type": ("Partner Type", "Type"),
        "status": ("Partner Status", "Status"),
        "area": ("Region", "Territory"),
        "start_date": ("Start Date", "Signed", "Signed Date", "Agreement Date"),
        "website": ("Website", "Domain"),
    },
)
_STAFF_LIST = TablePreset(
    "staff",
    {
        "staff_id": ("User ID", "Staff ID", "Employee ID"),
        "name": ("Full Name", "Name", "User", "Sales Agent", "Sales Rep"),
        "manager_id": ("Manager",),
        "area": ("Region", "Regional Office", "Territory", "Office"),
        "role": ("Role",),
    },
)

_PRICE_LIST = TablePreset(
    "price_list",
    {
        "product": ("Product", "Product Name", "Product Code"),
        "list_price": ("List Price", "Sales Price", "Unit Price", "Price"),
    },
)

_SALESFORCE_STAGES = {
    "Prospecting": "lead",
    "Qualification": "qualified",
    "Needs Analysis": "qualified",
    "Value Proposition": "qualified",
    "Id. Decision Makers": "qualified",
    "Perception Analysis": "qualified",
    "Proposal/Price Quote": "proposal",
    "Negotiation/Review": "proposal",
    "Closed Won": "won",
    "Closed Lost": "lost",
}
_HUBSPOT_STAGES = {
    "Appointment Scheduled": "lead",
    "Qualified To Buy": "qualified",
    "Presentation Scheduled": "qualified",
    "Decision Maker Bought-In": "proposal",
    "Contract Sent": "proposal",
    "Closed Won": "won",
    "Closed Lost": "lost",
}
_PIPEDRIVE_STAGES = {
    "Qualified": "qualified",
    "Contact Made": "qualified",
    "Demo Scheduled": "qualified",
    "Meeting Scheduled": "qualified",
    "Needs Defined": "qualified",
    "Proposal Made": "proposal",
    "Negotiations Started": "proposal",
}

PRESETS: dict[str, Preset] = {
    "salesforce": Preset(
        "salesforce",
        "Salesforce opportunity report",
        (
            TablePreset(
                "deals",
                {
                    "deal_id": ("Opportunity ID", "Opportunity Name"),
                    "account_id": ("Account ID", "Account Name"),
                    "stage": ("Stage",),
                    "created_date": ("Created Date",),
                    "close_date": ("Close Date",),
                    "amount": ("Amount",),
                    "owner_id": ("Opportunity Owner",),
                    "lead_source": ("Lead Source",),
                    "partner_id": ("Partner Account", "Primary Partner", "Partner"),
                    "product": ("Product Name",),
                },
                values={"stage": _SALESFORCE_STAGES},
                named=frozenset({"Account Name", "Opportunity Owner"}),
            ),
            TablePreset(
                "accounts",
                {
                    "account_id": ("Account ID", "Account Name"),
                    "name": ("Account Name",),
                    "domain": ("Website",),
                    "status": ("Type",),
                    "industry": ("Industry",),
                    "country": ("Billing Country",),
                },
                # Account.Type's standard values that say customer or prospect.
                values={
                    "status": {
                        "Prospect": "prospect",
                        "Customer - Direct": "customer",
                        "Customer - Channel": "customer",
                    }
                },
            ),
            _PARTNER_LIST,
            _STAFF_LIST,
            _PRICE_LIST,
        ),
    ),
    "hubspot": Preset(
        "hubspot",
        "HubSpot deals export",
        (
            TablePreset(
                "deals",
                {
                    "deal_id": ("Record ID",),
                    "account_id": (
                        "Associated Company IDs (Primary)",
                        "Associated Company IDs",
                        "Associated Company (Primary)",
                        "Associated Company",
                    ),
                    "stage": ("Deal Stage",),
                    "created_date": ("Create Date",),
                    "close_date": ("Close Date",),
                    "amount": ("Amount",),
                    "owner_id": ("Deal owner",),
                    "lead_source": ("Original Traffic Source",),
                },
                values={"stage": _HUBSPOT_STAGES},
                named=frozenset(
                    {"Associated Company (Primary)", "Associated Company", "Deal owner"}
                ),
            ),
            TablePreset(
                "accounts",
                {
                    "account_id": ("Record ID",),
                    "name": ("Company name", "Name"),
                    "domain": ("Company Domain Name", "Website URL"),
                    "status": ("Lifecycle Stage",),
                    "industry": ("Industry",),
                    "country": ("Country/Region",),
                },
                # HubSpot's default lifecycle stages: customers and evangelists are customers.
                values={
                    "status": {
                        "Subscriber": "prospect",
                        "Lead": "prospect",
                        "Marketing Qualified Lead": "prospect",
                        "Sales Qualified Lead": "prospect",
                        "Opportunity": "prospect",
                        "Customer": "customer",
                        "Evangelist": "customer",
                    }
                },
            ),
            _PARTNER_LIST,
            _STAFF_LIST,
            _PRICE_LIST,
        ),
    ),
    "pipedrive": Preset(
        "pipedrive",
        "Pipedrive deals export",
        (
            TablePreset(
                "deals",
                {
                    "deal_id": ("Deal - ID",),
                    "account_id": ("Deal - Organization",),
                    "stage": ("Deal - Stage",),
                    "created_date": ("Deal - Deal created", "Deal - Add time"),
                    "close_date": (
                        "Deal - Won time",
                        "Deal - Lost time",
                        "Deal - Deal closed on",
                    ),
                    "amount": ("Deal - Value",),
                    "owner_id": ("Deal - Owner",),
                    "lead_source": ("Deal - Source origin", "Deal - Source"),
                },
                combine=frozenset({"close_date"}),
                values={"stage": _PIPEDRIVE_STAGES},
                named=frozenset({"Deal - Organization", "Deal - Owner"}),
            ),
            TablePreset(
                "accounts",
                {
                    "account_id": ("Organization - Name",),
                    "name": ("Organization - Name",),
                    "domain": ("Organization - Website",),
                    "industry": ("Organization - Industry",),
                    "country": ("Organization - Country",),
                },
            ),
            _PARTNER_LIST,
            _STAFF_LIST,
            _PRICE_LIST,
        ),
        value_from={"stage": ("Deal - Status", {"won": "won", "lost": "lost"})},
    ),
}


_GENERIC_STAGES = {
    "Lead": "lead",
    "New": "lead",
    "Prospecting": "lead",
    "Prospect": "lead",
    "Open": "lead",
    "Engaging": "qualified",
    "Qualified": "qualified",
    "Qualification": "qualified",
    "Discovery": "qualified",
    "Demo": "qualified",
    "Proposal": "proposal",
    "Quote": "proposal",
    "Negotiation": "proposal",
    "Won": "won",
    "Closed Won": "won",
    "Lost": "lost",
    "Closed Lost": "lost",
}

PRESETS[GENERIC] = Preset(
    GENERIC,
    "export with plain column names (no CRM preset recognised it)",
    (
        TablePreset(
            "deals",
            {
                "deal_id": ("Opportunity ID", "Opportunity", "Deal ID", "Deal", "ID"),
                "account_id": ("Account", "Account Name", "Company", "Customer"),
                "stage": ("Deal Stage", "Stage", "Status"),
                "created_date": ("Engage Date", "Created Date", "Create Date", "Created"),
                "close_date": ("Close Date", "Closed Date", "Closed"),
                "amount": ("Close Value", "Deal Value", "Value", "Amount"),
                "owner_id": ("Sales Agent", "Sales Rep", "Owner", "Deal Owner"),
                "lead_source": ("Lead Source", "Source"),
                "partner_id": ("Partner", "Partner Name", "Partner Account"),
                "product": ("Product", "Product Name"),
            },
            values={"stage": _GENERIC_STAGES},
            named=frozenset({"Account", "Account Name", "Company", "Customer", "Sales Agent"}),
        ),
        TablePreset(
            "accounts",
            {
                "account_id": ("Account", "Account Name", "Company"),
                "name": ("Account", "Account Name", "Company"),
                "domain": ("Website", "Domain"),
                "industry": ("Sector", "Industry"),
                "country": ("Country", "Office Location"),
            },
        ),
        _PARTNER_LIST,
        _STAFF_LIST,
        _PRICE_LIST,
    ),
)


def token(text) -> str:
    """A header or value as matched: case, spaces and hyphens ignored (``Deal - ID`` →
    ``deal_id``), as the loader matches them."""
    return normalise.canonical(str(text))


def targets(mapped: str | list[str]) -> list[str]:
    """The column(s) a ``column_names`` entry feeds: one name or a list of names."""
    return list(mapped) if isinstance(mapped, list) else [mapped]


def match_columns(headers: list[str], preset: TablePreset) -> dict[str, str | list[str]]:
    """Export header → our column (or list of columns) for the ``headers`` of one file under
    one table preset.

    Our own column names match as they are; otherwise each column takes the first of its
    candidate headers present (every present one for a ``combine`` column, in the preset's
    order). A header the preset lists for several columns feeds each (e.g. an organisation's
    name as both its id and its name). Matching ignores case, spaces and hyphens."""
    by_token: dict[str, str] = {}
    for h in headers:
        by_token.setdefault(token(h), h)
    spec = TABLES_BY_NAME[preset.table]
    out: dict[str, list[str]] = {}
    for col in spec.column_names:
        if col in by_token:
            continue  # already named as ours: nothing to map
        found = [by_token[token(c)] for c in preset.columns.get(col, ()) if token(c) in by_token]
        for h in found if col in preset.combine else found[:1]:
            out.setdefault(h, []).append(col)
    return {h: cols[0] if len(cols) == 1 else cols for h, cols in out.items()}


def covered(headers: list[str], preset: TablePreset) -> set[str]:
    """Our columns of ``preset.table`` that ``headers`` fill (named as ours or mapped)."""
    own = {token(h) for h in headers} & set(TABLES_BY_NAME[preset.table].column_names)
    return own | {c for m in match_columns(headers, preset).values() for c in targets(m)}


#: Deals columns that refer to another table's key, and that table.
REFS = {"account_id": ("accounts", "account_id"), "owner_id": ("staff", "staff_id")}


def align_keys(
    columns: dict[str, dict], headers: dict[str, list[str]], preset: Preset
) -> list[str]:
    """Make the key of accounts / staff the same kind of value the deals refer to them by.

    When the deals export names an account or an owner by name (a ``named`` header of the
    preset, e.g. Salesforce's ``Opportunity Owner``), the supplied accounts or users list is
    keyed by its name column too (``Full Name: [staff_id, name]``), not by an id the deals
    never carry (that id column is mapped to ``[]``: not read). Changes ``columns`` (table →
    header → column(s)) in place; returns one line per change for the report."""
    deals = columns.get("deals", {})
    named = {token(h) for h in preset.table("deals").named}
    lines = []
    for ref, (table, key) in REFS.items():
        header = next((h for h, c in deals.items() if ref in targets(c)), None)
        if header is None or token(header) not in named or table not in headers:
            continue
        mapping = columns.setdefault(table, {})
        name = next((h for h, c in mapping.items() if "name" in targets(c)), None)
        name = name or next((h for h in headers[table] if token(h) == "name"), None)
        if name is None:
            continue
        for h in headers[table]:  # its own id column (e.g. "Account ID"): not read
            if token(h) == key and h not in mapping:
                mapping[h] = []
        for h, c in list(mapping.items()):
            rest = [t for t in targets(c) if t != key]
            if not rest and targets(c):
                mapping[h] = []
            elif h != name:
                mapping[h] = rest[0] if len(rest) == 1 else rest
        mapping[name] = [key, "name"]
        lines.append(
            f"{table}.{key} is read from {name}: the deals name their {ref} by name ({header})"
        )
    return lines


def recognise(headers: list[str], preset: Preset) -> str | None:
    """The table an export with ``headers`` holds under ``preset``: the one whose columns it
    fills most (at least two, and the table's key column among them, or for a partner list its
    name: partner ids are optional, and a sales-team list is keyed by its people's names when
    the deals name their owners); ``None`` when no table fits."""
    best, score = None, 1
    for tp in preset.tables:
        cols = covered(headers, tp)
        key = TABLES_BY_NAME[tp.table].columns[0].name
        # A hand-made partner list needs no ids; a users / sales-team list is keyed by name
        # when the deals name their owners (align_keys).
        named = tp.table in ("partners", "staff") and "name" in cols
        if (key in cols or named) and len(cols) > score:
            best, score = tp.table, len(cols)
    return best


def detect(headers: list[str]) -> str | None:
    """The preset whose deals export has these ``headers``: the one whose deals columns they
    fill most (at least three; a CRM's preset over the generic one on a tie); ``None`` when
    none does."""
    best, score = None, 2
    for name in PRESET_NAMES:  # the CRMs first: on a tie a CRM's preset wins over the generic
        n = len(covered(headers, PRESETS[name].tables[0]))
        if n > score:
            best, score = name, n
    return best


def detect_in(raw: pd.DataFrame, scan: int = 15) -> str | None:
    """:func:`detect` on a raw export's first row, or on the first of the next ``scan`` rows
    that names a CRM (title rows of a formatted report above the headers)."""
    rows = [[str(c) for c in raw.columns]]
    rows += [[str(v) for v in raw.iloc[k] if str(v).strip()] for k in range(min(scan, len(raw)))]
    return next((crm for crm in map(detect, rows) if crm), None)


def header_row(raw: pd.DataFrame, preset: Preset, scan: int = 15) -> list[str]:
    """The headers of a raw export: its first row, or the first of the next ``scan`` rows
    that some table of ``preset`` recognises (title rows of a formatted report skipped)."""
    first = [str(c) for c in raw.columns]
    if recognise(first, preset):
        return first
    for k in range(min(scan, len(raw))):
        row = [str(v) for v in raw.iloc[k] if str(v).strip()]
        if recognise(row, preset):
            return row
    return first


def stage_values(
    values: pd.Series, preset: Preset, status: pd.Series | None = None
) -> list[tuple[str, int, str | None, str]]:
    """Each distinct stage value found in a deals export, with its row count, our stage (or
    ``None``: unmapped) and how it was mapped (``preset``, ``our name`` or ``status column``),
    in order of first appearance. With ``status`` (the export's status column under a
    ``value_from`` rule), rows whose status sets the stage are counted under the status value.
    """
    deals = preset.table("deals")
    known = {token(k): v for k, v in (deals.values.get("stage", {}) if deals else {}).items()}
    col = TABLES_BY_NAME["deals"].column("stage")
    aliases = {**col.aliases, **{a: a for a in col.allowed}}
    text = values.fillna("").astype(str).str.strip()
    how = pd.Series("", index=text.index, dtype="object")
    rule = preset.value_from.get("stage")
    if rule is not None and status is not None:
        lookup = {token(k): v for k, v in rule[1].items()}
        st = status.fillna("").astype(str).str.strip()
        hit = st.map(lambda v: lookup.get(token(v)))
        text = text.where(hit.isna(), st)
        how = how.where(hit.isna(), "status column")
    out = []
    for value in pd.unique(text[text != ""]):
        rows = text == value
        n = int(rows.sum())
        key = token(value)
        if (how[rows] == "status column").all():
            out.append((value, n, lookup.get(key), f"{rule[0]} column"))
        elif key in known:
            out.append((value, n, known[key], "preset"))
        elif key in aliases:
            out.append((value, n, aliases[key], "our name"))
        else:
            out.append((value, n, None, "unmapped"))
    return out
