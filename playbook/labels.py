"""One label table: how every code the data and the playbook use is written for a client.

Enum values of the schema (``in_progress``, ``channel_manager``, ``isv``), column names
(``contact_email``, ``engagement_model``) and notebook parameter names (``credit_share``) are
codes. A report, the summary page, the PDF pack and the Excel workbook show them only through
:func:`label` (one value), :func:`label_values` (a column of values) or :func:`label_columns`
(a frame's headers), so one code is written one way everywhere. A code missing from
:data:`LABELS` falls back to its words (``not_started`` → "Not started"), never to the code.

:func:`plural` writes a count with its noun ("1 partner", "1,316 partners"), so no report says
"partner(s)".
"""

from __future__ import annotations

import contextlib
import re

import pandas as pd

#: Codes whose plain words are not just the code with spaces (acronyms, better wording).
#: Keys are lower case; a code is looked up case-insensitively.
LABELS: dict[str, str] = {
    # partner types (schema PARTNER_TYPES)
    "isv": "ISV",
    "integrator": "Systems integrator",
    "platform": "Platform",
    "ecosystem": "Ecosystem",
    # partner status, life cycle, certification
    "active": "Active",
    "candidate": "Candidate",
    "inactive": "Inactive",
    "emerging": "Emerging",
    "growth": "Growth",
    "mature": "Mature",
    "none": "No certification",
    "registered": "Registered",
    "certified": "Certified",
    "advanced": "Advanced",
    "expert": "Expert",
    # certification submissions
    "not_submitted": "Not submitted",
    "in_review": "In review",
    "expired": "Expired",
    # tasks, milestones, checklist items (schema TaskStatus)
    "not_started": "Not started",
    "in_progress": "In progress",
    "done": "Done",
    # deals
    "lead": "Lead",
    "qualified": "Qualified",
    "proposal": "Proposal",
    "won": "Won",
    "lost": "Lost",
    "sourced": "Partner-sourced",
    "influenced": "Partner-influenced",
    "direct": "Direct",
    # staff roles
    "channel_manager": "Channel manager",
    "alliance_lead": "Alliance lead",
    "technical": "Technical",
    "marketing": "Marketing",
    "program_manager": "Program manager",
    # investments
    "enablement": "Enablement",
    "integration": "Integration",
    "mdf": "Market development funds",
    "headcount": "Headcount",
    "other": "Other",
    # communication
    "value": "Value partner",
    "transaction": "Transaction partner",
    "all": "All partners",
    "unknown": "Unknown",
    "visitor": "Visitor",
    "partner": "Partner",
    "advocate": "Advocate",
    # campaigns
    "low_hanging_fruit": "Low-Hanging Fruit",
    "mid_level": "Mid-Level",
    "cold": "Cold",
    # competitor partnerships
    "partner_on_ours": "Partner builds on our platform",
    "ours_on_partner": "We build on the partner's platform",
    # trend 7: stack positions, the functions a program reports into, the outsourcing answers
    "above": "Above us",
    "below": "Below us",
    "beside": "Beside us",
    "not_placed": "Not placed",
    "ceo": "Chief executive",
    "stack_position": "Stack position",
    "program_organisation": "Program organisation",
    "not_applicable": "Not applicable",
    # accounts
    "customer": "Customer",
    "prospect": "Prospect",
    # red / amber / green
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "no target": "No target",
    # readiness and goals
    "aligned": "Aligned",
    "partial": "Partly aligned",
    "misaligned": "Misaligned",
    "not asked": "Not asked",
    # must-have check
    "pass": "Pass",
    "fail": "Fail",
    "incomplete": "Incomplete",
    "n/a": "No must-have set",
    # a partner on one requirement criterion (requirements_gaps.CriterionResult)
    "not_scored": "Not scored",
    "below_minimum": "Below the must-have minimum",
    "below_target": "Below the target",
    "meets_target": "Meets the target",
    "meets_minimum": "Meets the minimum",
    "scored_no_target": "Scored, no target set",
    # reference program profile and benchmark (playbook.program_reference)
    "in place": "In place",
    "partly in place": "Partly in place",
    "not in place": "Not in place",
    "not known": "Not known",
    "meets the mark": "Meets the mark",
    "short of the mark": "Short of the mark",
    "route_months": "Months compared, partner route vs hiring",
    "checkbox_days": "Days after signing before a partner can be a check box",
    # drill-down levels
    "universe": "All partners",
    "area": "Area",
    "manager": "Manager",
    # column names a client may see
    "partner_id": "Partner id",
    "deal_id": "Deal id",
    "account_id": "Account id",
    "staff_id": "Staff id",
    "contact_email": "Contact email",
    "engagement_model": "Engagement model",
    "org_unit": "Organisation unit",
    "fte": "FTE",
    "roi": "ROI",
    "npv": "NPV",
    "kpi": "KPI",
    "prd": "Partner Requirements Document",
    "si": "Systems integrator",
    "sis": "Systems integrators",
    "crm": "CRM",
    "api": "API",
    "url": "Web address",
    "mdf_amount": "Market development funds",
    # charts (02 funnel stages on the x axis)
    "opt_ins": "Opt-ins",
    # executive summary: partner 360 columns, run parameters
    "roi_36m": "ROI at 36 months",
    "must_have": "Must-haves",
    "overlap_accounts": "Shared accounts",
    "as_of": "As-of date",
    # notebook parameters, as the assumptions table names them (frame: report frame)
    "credit_share": "Partner's share of influenced margin",
    "trailing_window": "Months averaged for projections",
    "horizon_months": "NPV horizon in months",
    "min_history_months": "Months of history needed to project",
    "projection_months": "Longest projection in months",
    "discount_rate": "Annual discount rate",
    "must_have_min_score": "Must-have minimum score",
    "chart_partners": "Partners in the payback chart",
    "documents_limit": "Requirements Documents shown",
    "counts_only": "Counts-only privacy mode",
    "min_count": "Smallest count shown",
    "lhf_overlap": "Low-Hanging Fruit: customers in common",
    "lhf_fit": "Low-Hanging Fruit: fit score",
    "mid_overlap": "Mid-Level: customers in common",
    "mid_fit": "Mid-Level: fit score",
    "matrix_partners": "Partners with an overlap matrix",
    "dimension_weights": "Weights of the readiness dimensions",
    "gap_threshold": "Gap threshold score",
    "min_partners": "Fewest active partners per industry",
    "maturity_floors": "Readiness index at which each maturity level starts",
    "alignment_scores": "Goal alignment scores",
    "window_months": "Reporting window in months",
    "green_at": "Green from attainment",
    "amber_at": "Amber from attainment",
    "skill_target": "Team skill target",
    "skill_low": "Individual skill floor",
    "trend_freq": "Trend period",
    "trend_periods": "Periods in the trend",
    "quick_win_days": "Days to a quick win",
    "min_deals": "Fewest closed deals to compare",
    "risk_at": "Health score that raises a risk flag",
    "midpoint": "High interest or influence from",
    "key_partners": "Key partners checked",
    "size_factor": "Size factor",
    "dependence_pct": "Revenue dependence from, in percent",
    "volume_factor": "Volume factor of a transaction partner",
    "min_sent": "Fewest recipients to name a best medium",
    "card_weights": "Report card weights",
    "grade_floors": "Lowest composite rank of each grade",
    # 02 recruiting offers (schema OFFER_KINDS) and their parameter
    "free_training": "Free training",
    "free_licences": "Free licences",
    "referral_fee": "Higher referral fee",
    "discount": "Discount",
    "marketing_funds": "Market development funds",
    "min_signed": "Partners signed before an offer is judged",
    # trend 8: contacts, conversations, question sets, research, tools
    "executive": "Executive",
    "senior_manager": "Senior manager",
    "staff": "Staff",
    "no_conversation": "No conversation logged",
    "out_of_sync": "Out of sync",
    "long_silence": "Long silence",
    "sync_not_known": "Not known",
    "in_step": "In step",
    "sales": "Sales",
    "support": "Support",
    "partner_team": "Partner team",
    "marketing_automation": "Marketing automation",
    "direct_response": "Direct response",
    "survey": "Survey",
    "partner_portal": "Partner portal",
    "in_use": "In use",
    "planned": "Planned",
    "no_tool": "No tool yet",
    "max_silence_days": "Days of silence that make a long silence",
    "automation_target": "Automated share wanted of transaction partners",
    "question_weak_below": "Question-set answer below which it is weak",
    # trend 3: the ecosystem platform (platform_components, platform_builds, development_needs,
    # sourcing_channels) and its notebook parameters
    "sdk": "SDK",
    "data_feed": "Data feed",
    "ui_extension": "User-interface extension",
    "in_development": "In development",
    "legacy_code": "Legacy code",
    "matched": "Partner chosen",
    "developer_community": "Developer community",
    "outbound": "Outbound prospecting",
    "inbound": "Inbound enquiry",
    "match_min_score": "Fewest match points to propose a partner",
    "build_wait_days": "Days a build may wait for its first build",
}

#: The client's own names for codes (``profile.yaml`` ``partner_type_labels``), set by
#: :func:`use_client_labels` when a notebook starts; they beat :data:`LABELS`.
_CLIENT: dict[str, str] = {}


def use_client_labels(mapping: dict[str, str] | None) -> None:
    """Show each code of ``mapping`` (e.g. ``{"isv": "Software partners"}``, the profile's
    ``partner_type_labels``) by the client's name from now on, in place of any earlier client
    names; ``None`` or ``{}`` puts the playbook's labels back."""
    _CLIENT.clear()
    _CLIENT.update({str(k).strip().lower(): str(v) for k, v in (mapping or {}).items()})


@contextlib.contextmanager
def client_labels_in_use(mapping: dict[str, str] | None):
    """:func:`use_client_labels` for the duration of a ``with`` block, then the names in use
    before it again (the batch runner's parent finishes one client's run after another)."""
    before = client_labels()
    use_client_labels(mapping)
    try:
        yield
    finally:
        use_client_labels(before)


def client_labels() -> dict[str, str]:
    """The client's names in use (:func:`use_client_labels`), code → name."""
    return dict(_CLIENT)


def type_phrase(code) -> str:
    """A partner type as a plural noun phrase for a sentence: its :func:`label` followed by
    "partners" ("ISV partners"), unless the label already says partner ("Software partners")."""
    text = label(code)
    return text if "partner" in text.lower() else f"{text} partners"


_CODE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$|^[a-z]+$")


def label(value) -> str:
    """The plain words for a code: the client's own name (:func:`use_client_labels`), else
    :data:`LABELS` if listed (case-insensitive), else a
    snake_case code with its underscores as spaces and a capital first letter; any other text
    as it is. Missing values (None, NaN) give an empty string."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = str(value)
    key = text.strip().lower()
    found = _CLIENT.get(key) or LABELS.get(key)
    if found is not None:
        return found
    if _CODE.match(text):
        return (text[0].upper() + text[1:]).replace("_", " ")
    return text


def label_values(values: pd.Series) -> pd.Series:
    """``values`` with every code replaced by its :func:`label`; missing values stay missing."""
    return values.map(label).where(values.notna())


def label_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every header that is a code (``contact_email``) replaced by its label;
    headers already in plain words are kept."""
    return frame.rename(columns={c: label(c) for c in frame.columns if isinstance(c, str)})


def plural(count, singular: str, plural_form: str | None = None) -> str:
    """``count`` with its noun, agreeing: ``plural(1, "partner")`` → "1 partner",
    ``plural(1316, "partner")`` → "1,316 partners"; ``plural_form`` for irregular nouns
    (``plural(2, "company", "companies")``)."""
    noun = singular if count == 1 else (plural_form or f"{singular}s")
    number = f"{count:,}" if float(count).is_integer() else f"{count:,.1f}"
    return f"{number} {noun}"


def told_apart(names, ids=None) -> list[str]:
    """``names`` as display labels that are all different, one per row, in the same order: the
    one rule every chart axis and table header built from client names follows (two partners,
    offers or components may be called the same).

    A name that occurs once stays as it is. A name that occurs more than once gets its row's
    id from ``ids`` (same length) in brackets, ``"Priya Nair (S03-56)"`` (a blank id adds
    nothing); a label still shared after that (no ``ids``, blank ids, an id that repeats)
    gets a number in order of occurrence, ``"Priya Nair (1)"``, ``"Priya Nair (2)"``. Names
    are shown as text (``str``)."""
    names = [str(n) for n in names]
    ids = [None] * len(names) if ids is None else list(ids)
    seen = pd.Series(names).value_counts().to_dict()
    out = [
        f"{n} ({i})" if seen[n] > 1 and i is not None and not pd.isna(i) and str(i) else n
        for n, i in zip(names, ids, strict=True)
    ]
    again = pd.Series(out).value_counts().to_dict()
    counter: dict[str, int] = {}
    for k, n in enumerate(out):
        if again[n] > 1:
            counter[n] = counter.get(n, 0) + 1
            out[k] = f"{n} ({counter[n]})"
    return out
