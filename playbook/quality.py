"""Data-quality warnings a consultant needs before a workshop.

They do not block a run (level ``warning``): ``playbook check`` prints them and every run's
summary page lists them ("Input warnings"). They are measured on the tables as the client
exported them (after parsing, before any fill rule of :mod:`playbook.fills`), so a rule that
later completes a blank does not hide that the export was blank.

* **History starting after most partners' start** (:func:`history_start`): the deals' earliest
  date (``created_date`` or ``close_date``) is after the ``start_date`` of more than half of the
  active partners (status ``active``). Every figure that counts from a partner's start or over
  all time then misses the deals before the export began: :data:`HISTORY_FIGURES` names them.
  Not checked while a deal or partner date could not be read (its error comes first).
* **Near-duplicate category values** (:func:`near_duplicates`): in the category-like text
  columns of :data:`CATEGORY_COLUMNS`, two values that are the same once case, spaces and
  punctuation are ignored (``EMEA`` / ``Emea``), or whose :class:`difflib.SequenceMatcher`
  ratio is at least :data:`SIMILAR` (``technolgy`` / ``technology``: 0.95) and that differ in no
  digit (``ERP 2`` / ``ERP 3`` are two products). Each value is its own group in every table of
  the reports, so one category is split in two. One warning per pair, with the rows of each.
  A column with more than :data:`MAX_DISTINCT` distinct values is not a category and is skipped.
* **Columns mostly blank** (:func:`mostly_blank`): an optional column present in the export
  whose cells are blank in more than :data:`MOSTLY_BLANK` (80 %) of the rows, but not in all of
  them (a column blank everywhere is the same as not supplied, which each report section says).
  A cell that could not be read is not counted as blank (its error says it). Columns whose
  blank has a meaning of its own (``end_date`` blank while a partnership runs …,
  :data:`BLANK_MEANS_SOMETHING`) are not checked.
* **No deal names a partner** (:func:`no_partner_on_any_deal`): the deals export has neither a
  partner column (``partner_id``) nor an ``attribution`` column with a partner value, and no
  ``deal_partners`` table is supplied. Every deal then reads as direct and every partner figure
  (program revenue, per-partner spread, payback) as empty: the export, not the program, says
  so. The warning names the column to map.
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

from playbook.deals import ReportingWindow, latest_deal_date
from playbook.deals import history_start as first_deal_day
from playbook.labels import plural
from playbook.problems import Problem, Severity
from playbook.schema import TABLES_BY_NAME

#: A column blank in more than this share of its rows (and not in all) is "mostly blank".
MOSTLY_BLANK = 0.8

#: Two category values this similar (``difflib`` ratio of their lower-case forms) are flagged.
SIMILAR = 0.9

#: A text column with more distinct values than this is not treated as a category.
MAX_DISTINCT = 100

#: The reporting window (months) the notebooks use by default (their ``window_months``).
DEFAULT_WINDOW_MONTHS = 12

#: The figures that use deals from before the reporting window: all time, or from a partner's
#: start. An export starting after most partners' start leaves them short.
HISTORY_FIGURES = (
    "06 time to first win (median days) and quick wins (share within 90 days)",
    "01 payback month, ROI at 12/24/36 months, NPV and joint-solution revenue (all time)",
    "05 trend by period (periods before the first deal show no deals)",
)

#: Free-text columns whose values are categories the reports group by.
CATEGORY_COLUMNS = (
    ("partners", "area"),
    ("partners", "industry"),
    ("partners", "category"),
    ("partners", "our_software"),
    ("deals", "product"),
    ("deals", "lead_source"),
    ("staff", "area"),
    ("staff", "org_unit"),
    ("financials", "area"),
    ("accounts", "industry"),
    ("accounts", "country"),
    ("partner_accounts", "relationship"),
    ("competitor_partnerships", "relationship"),
    ("campaigns", "channel"),
    ("checklist", "category"),
    ("checklist", "owner"),
    ("communications", "medium"),
    ("partners", "source_channel"),
)

#: Optional columns where a blank is a value of its own, so being mostly blank is normal.
BLANK_MEANS_SOMETHING = frozenset(
    {
        ("partners", "start_date"),  # candidates have none
        ("partners", "end_date"),  # blank while the partnership runs
        ("partners", "engagement_model"),  # blank: classified from the data
        ("partners", "stated_program_revenue_pct"),  # stated for a few partners only
        ("deals", "partner_id"),  # blank for direct deals
        ("deals", "attribution"),  # blank: derived by the profile's attribution rules
        ("deals", "close_date"),  # blank while open
        ("deals", "solution_id"),  # most deals are sold without a joint solution
        ("staff", "end_date"),  # blank while in the program
        ("financials", "manager_id"),  # blank for area-level costs
        ("solutions", "certified_date"),  # blank until certified
        ("partner_accounts", "account_name"),  # one of name, domain, hash per row
        ("partner_accounts", "domain"),
        ("partner_accounts", "domain_hash"),
        ("trainings", "staff_id"),  # only for our staff trained on theirs
        ("checklist", "completed_date"),  # blank until done
        ("plans", "completed_date"),
        ("communications", "partner_id"),  # blank: sent to many partners
        ("outsourcing", "not_applicable"),  # blank: the question applies
        ("readiness", "not_applicable"),  # blank: the question applies
        ("platform_builds", "kit_id"),  # blank: built without a starter kit
        ("platform_builds", "first_build_date"),  # blank until the first working build
        ("starter_kits", "component_id"),  # an item such as a sandbox covers no component
        ("development_needs", "partner_id"),  # blank until a partner is chosen
    }
)

#: What a column feeds, where its description does not say it.
FEEDS = {
    ("deals", "amount"): "revenue and pipeline value (01, 02, 04–08)",
    ("deals", "created_date"): (
        "06's deal and pipeline velocity and lead counts, 08's deal velocity and the pipeline "
        "open at a date; a deal without it is left out of them"
    ),
    ("deals", "margin"): "01's attributed margin, payback, ROI and NPV, and 05's margin totals",
    ("deals", "cost_of_sale"): "06's cost of sale and 05's cost-of-sale totals",
    ("deals", "units"): "05's unit totals",
    ("deals", "owner_id"): "05's drill-down of direct deals by the owner's area and manager",
    ("deals", "lead_source"): "the profile's attribution rules",
}

_PUNCT = re.compile(r"[\W_]+")


def quality_warnings(tables: dict[str, pd.DataFrame], sources: dict[str, str]) -> list[Problem]:
    """Every data-quality warning of the parsed tables (see the module docstring)."""
    return [
        *history_start(tables, sources),
        *near_duplicates(tables, sources),
        *mostly_blank(tables, sources),
        *no_partner_on_any_deal(tables, sources),
    ]


# --------------------------------------------------------------------------- history


def _date_errors(frame: pd.DataFrame, columns: tuple[str, ...]) -> bool:
    return any(c in columns for _, c in frame.attrs.get("bad_cells", ()))


def history_start(tables: dict[str, pd.DataFrame], sources: dict[str, str]) -> list[Problem]:
    """A warning when the deals start after more than half of the active partners had started
    (their ``start_date`` before the deals' earliest created or close date)."""
    deals, partners = tables.get("deals"), tables.get("partners")
    if deals is None or partners is None or not len(deals):
        return []
    if _date_errors(deals, ("created_date", "close_date")) or _date_errors(
        partners, ("start_date",)
    ):
        return []
    first = first_deal_day(deals)
    if first is None:
        return []
    active = partners[partners["status"] == "active"]
    before = active["start_date"] < first
    if int(before.sum()) * 2 <= len(active):
        return []
    earliest = active["start_date"].min()
    figures = list(HISTORY_FIGURES)
    window = ReportingWindow.ending(latest_deal_date(deals), DEFAULT_WINDOW_MONTHS)
    if first > window.start:
        figures.append(
            f"every figure of the default {DEFAULT_WINDOW_MONTHS}-month reporting window "
            f"(04–08), which starts on {window.start.date()}"
        )
    return [
        Problem(
            sources["deals"],
            None,
            "created_date, close_date",
            str(first.date()),
            f"the deals start on {first.date()}, after {int(before.sum())} of the "
            f"{len(active)} active partners had started ({sources['partners']} start_date, "
            f"the earliest {earliest.date()}): figures that count from a partner's start or "
            f"over all time miss the deals before {first.date()} — "
            + "; ".join(figures)
            + f". Ask for the export from {earliest.date()}, or read these figures as "
            f"starting on {first.date()}",
            level=Severity.WARNING,
        )
    ]


# --------------------------------------------------------------------------- near duplicates


def _key(value: str) -> str:
    """A value with case, spaces and punctuation ignored."""
    return _PUNCT.sub("", value.casefold())


def similar_pairs(counts: pd.Series) -> list[tuple[str, str, str]]:
    """Pairs of distinct values (index of ``counts``, the rows of each) that are likely one
    category: ``(more common value, less common value, how they differ)``."""
    values = [str(v) for v in counts.sort_values(ascending=False, kind="stable").index]
    keys = [_key(v) for v in values]
    digits = [re.sub(r"\D", "", k) for k in keys]
    pairs = []
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            if keys[i] == keys[j]:
                pairs.append((values[i], values[j], "differ only in case, spaces or punctuation"))
            elif digits[i] == digits[j] and _similar(keys[i], keys[j]):
                pairs.append((values[i], values[j], "differ by a small edit"))
    return pairs


def _similar(a: str, b: str) -> bool:
    """``difflib`` ratio of ``a`` and ``b`` at least :data:`SIMILAR` (cheap bounds first)."""
    if 2 * min(len(a), len(b)) < SIMILAR * (len(a) + len(b)):
        return False  # the ratio cannot reach it: too different in length
    m = difflib.SequenceMatcher(None, a, b)
    return m.quick_ratio() >= SIMILAR and m.ratio() >= SIMILAR


def near_duplicates(tables: dict[str, pd.DataFrame], sources: dict[str, str]) -> list[Problem]:
    """One warning per pair of near-duplicate values in a category column."""
    out = []
    for table, column in CATEGORY_COLUMNS:
        frame = tables.get(table)
        if frame is None:
            continue
        counts = frame[column].dropna().astype(str).value_counts()
        if len(counts) > MAX_DISTINCT:
            continue
        for a, b, how in similar_pairs(counts):
            out.append(
                Problem(
                    sources[table],
                    None,
                    column,
                    f"{a} / {b}",
                    f"{a!r} ({_rows(counts[a])}) and {b!r} ({_rows(counts[b])}) {how}: "
                    "the reports count them as two different values; if they are one, "
                    "correct the file so both are written the same",
                    level=Severity.WARNING,
                )
            )
    return out


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


# --------------------------------------------------------------------------- mostly blank


def mostly_blank(tables: dict[str, pd.DataFrame], sources: dict[str, str]) -> list[Problem]:
    """One warning per optional column present in the export and blank in more than
    :data:`MOSTLY_BLANK` of its rows (not all)."""
    out = []
    for table, frame in tables.items():
        spec = TABLES_BY_NAME[table]
        bad = {(r, c) for r, c in frame.attrs.get("bad_cells", ())}
        for column in frame.attrs.get("supplied_columns", ()):
            col = spec.column(column)
            if col.required or (table, column) in BLANK_MEANS_SOMETHING or not len(frame):
                continue
            unread = frame["_row"].isin({r for r, c in bad if c == column})
            blank = int((frame[column].isna() & ~unread).sum())
            if blank == len(frame) or blank <= MOSTLY_BLANK * len(frame):
                continue
            feeds = FEEDS.get((table, column), col.description.rstrip("."))
            out.append(
                Problem(
                    sources[table],
                    None,
                    column,
                    None,
                    f"blank in {blank} of {len(frame)} rows ({blank / len(frame):.0%}): it "
                    f"feeds {feeds}, which will be missing or drawn from the "
                    f"{plural(len(frame) - blank, 'filled row')} only",
                    level=Severity.WARNING,
                )
            )
    return out


# --------------------------------------------------------------------------- partner links


def no_partner_on_any_deal(
    tables: dict[str, pd.DataFrame], sources: dict[str, str]
) -> list[Problem]:
    """A warning when no deal can be linked to a partner: no ``partner_id`` value, no
    ``attribution`` of sourced or influenced, and no ``deal_partners`` rows."""
    deals = tables.get("deals")
    if deals is None or not len(deals):
        return []
    links = tables.get("deal_partners")
    if deals["partner_id"].notna().any() or (links is not None and len(links)):
        return []
    if deals["attribution"].isin(["sourced", "influenced"]).any():
        return []  # its own error: a partner deal without a partner
    supplied = deals.attrs.get("supplied_columns", ())
    how = (
        "its partner_id column is blank in every row"
        if "partner_id" in supplied
        else "no column of it is read as deals.partner_id"
    )
    return [
        Problem(
            sources["deals"],
            None,
            "partner_id",
            None,
            f"no deal names a partner ({how}, and no deal_partners table): every deal reads "
            "as direct and every partner figure (program revenue, revenue per partner, payback, "
            "partner types) will be empty. Map the export's partner column (e.g. Partner, "
            "Partner Account) to partner_id in profile.yaml column_names, or supply "
            "deal_partners",
            level=Severity.WARNING,
        )
    ]
