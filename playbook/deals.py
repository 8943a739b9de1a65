"""Shared concepts of the deal table, defined once for every trend.

Every trend module asks the ``deals`` table the same few questions — which deals are partner
deals, which were won, which were won by a partner inside a reporting window, how much revenue
the program brought, what is still open, how much of a deal a partner is credited with. Each
question is answered here, by one small pure function over DataFrames, so that a definition
changes in one place.

Definitions (dates are calendar dates; money in the profile's currency)
------------------------------------------------------------------------
* **Credit line**: one row of the loaded ``deals`` table. A deal with one partner or none is one
  line with ``split_share`` 1.0. A deal listed in ``deal_partners`` is one line per listed
  partner (:mod:`playbook.splits`): that partner's ``partner_id`` and attribution, its
  ``split_share`` (0–1; a deal's lines add up to 1), and ``amount``, ``margin``,
  ``cost_of_sale`` and ``units`` × ``split_share``. So a sum over lines grouped by partner is
  each partner's **split credit**, and a sum over all lines is the deals' exact total; every
  money figure below is such a sum.
* **Number of deals**: distinct ``deal_id`` (:func:`count_deals`), never lines: a deal split
  between two partners counts once in a total, once for each of the two partners, and once in
  a group holding both (per-partner counts may add up to more than the total).
* **Average deal**: sum of ``amount`` ÷ number of deals with an amount (:func:`average_deal`);
  for one partner, its split credit per deal it is on. A per-deal figure such as the cycle days
  takes each deal once (:func:`each_deal_once`).
* **Reporting window**: :class:`ReportingWindow`, the ``months`` calendar months ending with the
  as-of date's month, cut at the as-of date; both ends inclusive.
* **Partner deal**: attribution ``sourced`` or ``influenced`` (:func:`is_partner_deal`).
  Validation guarantees that such a deal has a ``partner_id`` and a ``direct`` deal has none, so
  on any loaded workspace this is the same set as "``partner_id`` present"; the attribution is
  the one predicate used.
* **Won deal**: ``stage == "won"`` (:func:`is_won`); **closed**: won or lost (:func:`is_closed`).
* **Won partner deals in a window**: won partner deals whose ``close_date`` falls inside the
  window; the close date decides, never the created date (:func:`won_partner_deals`).
* **Program revenue**: sum of ``amount`` of the won partner deals in the window, sourced and
  influenced alike in full (:func:`program_revenue`).
* **Open pipeline**: deals in an open stage (``lead``, ``qualified``, ``proposal``) as exported
  (:func:`open_pipeline`); **open at a date**: created on or before it and not closed by then
  (:func:`open_at`; a deal without a created date cannot be placed in time and is never open
  at a date). An open deal's ``amount`` may be blank (pipeline value unknown): a figure that
  sums pipeline value sums the known ones and says how many of the open deals they are.
* **Attribution credit**: the share of a deal credited to its partner — 1 for ``sourced``, the
  credit share for ``influenced``, 0 for ``direct`` (:func:`attribution_credit`).
* **Cycle days**: whole days from ``created_date`` to ``close_date`` (:func:`cycle_days`);
  missing for a deal without a created date (left out of medians and means, never 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from playbook.schema import CERTIFICATION_SCORE, OPEN_STAGES, Attribution, Stage

#: Attributions of a partner deal.
PARTNER_ATTRIBUTIONS = (Attribution.SOURCED, Attribution.INFLUENCED)


@dataclass(frozen=True)
class ReportingWindow:
    """The reporting window: the ``months`` calendar months ending with the as-of date's month,
    cut at the as-of date itself. ``start`` is the first day of the first month (00:00) and
    ``end`` the as-of date; both days are inside the window."""

    start: pd.Timestamp
    end: pd.Timestamp
    months: int

    @classmethod
    def ending(cls, as_of, months: int) -> ReportingWindow:
        """The window of ``months`` calendar months ending with ``as_of`` (cut at ``as_of``)."""
        end = pd.Timestamp(as_of).normalize()
        start = (end.to_period("M") - (int(months) - 1)).start_time.normalize()
        return cls(start, end, int(months))

    @property
    def label(self) -> str:
        """``YYYY-MM-DD to YYYY-MM-DD``, the one way a window is written in reports."""
        return f"{self.start.date()} to {self.end.date()}"


# --------------------------------------------------------------------------- row predicates


def is_partner_deal(deals: pd.DataFrame) -> pd.Series:
    """True where a partner sourced or influenced the deal (attribution ``sourced`` or
    ``influenced``), False for ``direct`` deals. Validation makes this the same as "has a
    ``partner_id``" on a loaded workspace; this attribution test is the one definition."""
    return deals["attribution"].isin(PARTNER_ATTRIBUTIONS)


def is_direct_deal(deals: pd.DataFrame) -> pd.Series:
    """True where no partner was involved (attribution ``direct``)."""
    return deals["attribution"] == Attribution.DIRECT


def is_won(deals: pd.DataFrame) -> pd.Series:
    """True where the deal was won (``stage == "won"``)."""
    return deals["stage"] == Stage.WON


def is_closed(deals: pd.DataFrame) -> pd.Series:
    """True where the deal is closed: won or lost."""
    return deals["stage"].isin([Stage.WON, Stage.LOST])


def is_open(deals: pd.DataFrame) -> pd.Series:
    """True where the deal is in an open stage (``lead``, ``qualified``, ``proposal``)."""
    return deals["stage"].isin(OPEN_STAGES)


def closed_between(deals: pd.DataFrame, start=None, end=None) -> pd.Series:
    """True where ``close_date`` is on or after ``start`` and on or before ``end`` (both
    inclusive; ``None`` leaves that side open). A blank close date is never inside."""
    dates = deals["close_date"]
    inside = dates.notna()
    if start is not None:
        inside &= dates >= pd.Timestamp(start)
    if end is not None:
        inside &= dates <= pd.Timestamp(end)
    return inside


# --------------------------------------------------------------------------- deal populations


def won_partner_deals(deals: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """Won partner deals whose **close date** is in ``[start, end]`` (both inclusive; ``None``
    leaves that side open, e.g. ``end=as_of`` alone is "won on or before the as-of date").

    The rows of ``deals`` (same columns, index and order) that are :func:`is_won`,
    :func:`is_partner_deal` and :func:`closed_between` ``start`` and ``end``.
    """
    return deals[is_won(deals) & is_partner_deal(deals) & closed_between(deals, start, end)]


def won_direct_deals(deals: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """Won direct deals (attribution ``direct``: no partner) whose **close date** is in
    ``[start, end]`` (both inclusive; ``None`` leaves that side open). Same columns, index and
    order as ``deals``."""
    return deals[is_won(deals) & is_direct_deal(deals) & closed_between(deals, start, end)]


def program_revenue(deals: pd.DataFrame, start=None, end=None, by: str | None = None):
    """Program revenue: the sum of ``amount`` (currency) of :func:`won_partner_deals` closed in
    ``[start, end]``, sourced and influenced deals in full.

    A float; with ``by`` (a column of ``deals``, e.g. ``"partner_id"``) a Series of the sum per
    value of that column instead (values without revenue absent).
    """
    won = won_partner_deals(deals, start, end)
    if by is None:
        return float(won["amount"].sum())
    return won.groupby(by)["amount"].sum()


def open_pipeline(deals: pd.DataFrame) -> pd.DataFrame:
    """Deals in an open stage (``lead``, ``qualified``, ``proposal``) as the export has them,
    whatever their dates: today's pipeline. Same columns, index and order as ``deals``."""
    return deals[is_open(deals)]


def open_at(deals: pd.DataFrame, date) -> pd.DataFrame:
    """Deals open on ``date``: created on or before it and not closed by then (still in an open
    stage, or closed after ``date``); a deal without a created date is left out. Same columns,
    index and order as ``deals``."""
    date = pd.Timestamp(date)
    return deals[(deals["created_date"] <= date) & (is_open(deals) | (deals["close_date"] > date))]


# --------------------------------------------------------------------------- deals, not lines


def count_deals(deals: pd.DataFrame, by=None):
    """Number of deals (distinct ``deal_id``), not credit lines: an int; with ``by`` (a column
    name or a Series on the index of ``deals``) an int Series per group (groups without deals
    absent), a deal counted once in each group it has a line in."""
    if by is None:
        return int(deals["deal_id"].nunique())
    return deals.groupby(by)["deal_id"].nunique().astype("int64")


def average_deal(deals: pd.DataFrame, by=None):
    """Average deal (currency): sum of ``amount`` ÷ number of deals (:func:`count_deals`) over
    the lines with an amount; NaN without one. With ``by``, a Series per group."""
    known = deals[deals["amount"].notna()]
    if by is None:
        n = count_deals(known)
        return float(known["amount"].sum()) / n if n else float("nan")
    if isinstance(by, pd.Series):
        by = by[known.index]
    return known.groupby(by)["amount"].sum() / count_deals(known, by)


def each_deal_once(deals: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """The first credit line of each deal (of each deal within each value of column ``by``):
    for figures that describe a deal, not money credited (cycle days, dates, accounts)."""
    return deals.drop_duplicates(["deal_id"] if by is None else [by, "deal_id"])


def whole_deals(deals: pd.DataFrame) -> pd.DataFrame:
    """One row per deal: credit lines joined back, ``amount``, ``margin``, ``cost_of_sale`` and
    ``units`` summed over the deal's lines (the deal's own values), other columns those of its
    first line (its ``partner_id`` and attribution are then one partner's: use the lines for
    anything per partner). A table without split lines is returned unchanged."""
    if "split_share" not in deals or (deals["split_share"] == 1).all():
        return deals
    out = deals.drop_duplicates("deal_id").copy()
    for col in ("amount", "margin", "cost_of_sale", "units"):
        total = deals.groupby("deal_id")[col].sum(min_count=1)
        out[col] = out["deal_id"].map(total)
    return out.assign(split_share=1.0)


# --------------------------------------------------------------------------- per-deal values


def attribution_credit(deals: pd.DataFrame, credit_share: float) -> pd.Series:
    """Share (0–1) of each deal credited to its partner: 1 for a sourced deal, ``credit_share``
    for an influenced one, 0 for a direct one. Float Series on the index of ``deals``."""
    credit = {
        Attribution.SOURCED: 1.0,
        Attribution.INFLUENCED: float(credit_share),
        Attribution.DIRECT: 0.0,
    }
    return deals["attribution"].map(credit).astype("float64")


def cycle_days(deals: pd.DataFrame) -> pd.Series:
    """Sales cycle of each deal in whole days: ``close_date − created_date`` (missing while the
    deal has no close date)."""
    return (deals["close_date"] - deals["created_date"]).dt.days


# --------------------------------------------------------------------------- partners


def _partner_dates(partners: pd.DataFrame, column: str) -> pd.Series:
    if column not in partners:
        return pd.Series(pd.NaT, index=partners.index, dtype="datetime64[ns]")
    return pd.to_datetime(partners[column])


def active_in(partners: pd.DataFrame, start, end) -> pd.Series:
    """True for each partner whose agreement overlaps ``[start, end]`` (both days inside):
    status ``active`` with ``start_date`` blank or on or before ``end`` and ``end_date`` blank
    or on or after ``start``; status ``inactive`` likewise but only with an ``end_date`` (a
    former partner without one cannot be placed in time and counts in no period); candidates
    never. Boolean Series on the index of ``partners``. The one definition of "active partner"
    for a period: a windowed table counts the partners active in its window."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    starts, ends = _partner_dates(partners, "start_date"), _partner_dates(partners, "end_date")
    began = starts.isna() | (starts <= end)
    ended_before = ends < start
    status = partners["status"]
    active = (status == "active") & ~ended_before
    former = (status == "inactive") & ends.notna() & ~ended_before
    return began & (active | former)


def active_at(partners: pd.DataFrame, day) -> pd.Series:
    """True for each partner active on ``day`` (:func:`active_in` over that one day): the
    definition of "active partner" for a figure stated as at the as-of date."""
    return active_in(partners, day, day)


def current_at(partners: pd.DataFrame, day) -> pd.Series:
    """True for each **current partner** on ``day``: status ``active``, ``start_date`` blank
    or on or before ``day``, and ``end_date`` blank or after ``day``. A partner whose agreement
    has ended (status ``inactive``, or an ``end_date`` on or before ``day``) is a former
    partner: its past deals still count in program revenue, but it is not one of "the
    partners that bring the most program revenue" (:func:`top_partners`). The one definition
    of the partners a report ranks at the as-of date (report 07's Partner Grid and key
    partners, report 05's and the executive summary's top five). Boolean Series on the index
    of ``partners``."""
    day = pd.Timestamp(day)
    starts, ends = _partner_dates(partners, "start_date"), _partner_dates(partners, "end_date")
    began = starts.isna() | (starts <= day)
    running = ends.isna() | (ends > day)
    return (partners["status"] == "active") & began & running


def top_partners(revenue: pd.Series, current: pd.Series, n: int) -> pd.Series:
    """**The partners that bring the most program revenue**: the ``n`` current partners
    (``current``: booleans by partner id, from :func:`current_at`) with the highest
    ``revenue`` (by partner id, any unit: an amount or a share), above 0 only, highest first,
    ties by id. A former partner is never among them, however much it brought. Returns the
    revenue of those partners by id."""
    ids = set(current[current.fillna(False).astype(bool)].index)
    keep = revenue[revenue.index.isin(ids) & (revenue > 0).fillna(False).to_numpy()]
    frame = pd.DataFrame({"id": keep.index, "value": keep.to_numpy()})
    frame = frame.sort_values(["value", "id"], ascending=[False, True]).head(n)
    return pd.Series(frame["value"].to_numpy(), index=frame["id"].to_numpy(), dtype="float64")


#: The certification level from which a partner **holds our certification** (the levels
#: above it, advanced and expert, too; registered and none do not).
CERTIFIED_FROM = "certified"


def holds_certification(levels: pd.Series) -> pd.Series:
    """Per partner, whether it **holds our certification**: a ``certification_level`` of
    :data:`CERTIFIED_FROM` or above (True), a lower level (False), missing when the level is
    blank or unknown. A certified partner with no training on our product recorded is a data
    question (a training missing from the data, or a certification given without one), not a
    training gap to be taken as read."""
    score = levels.map(CERTIFICATION_SCORE).astype("float64")
    held = score >= CERTIFICATION_SCORE[CERTIFIED_FROM]
    return held.astype("boolean").mask(score.isna())


def history_start(deals: pd.DataFrame) -> pd.Timestamp | None:
    """The first day the deals table has history for: the earliest created or close date
    (midnight), ``None`` when no deal has a date. An export that starts after a partner signed
    cannot show that partner's earlier deals, so a figure counted from the partner's start
    (time to first win, quick wins) is unknown for it, never read off the export."""
    first = pd.concat([deals["created_date"], deals["close_date"]]).min()
    return None if pd.isna(first) else pd.Timestamp(first).normalize()


def latest_deal_date(deals: pd.DataFrame) -> pd.Timestamp | None:
    """The default as-of date: the latest created or close date in the deals table (midnight),
    ``None`` when no deal has a date. Taking the data's own latest date keeps a re-run of the
    same export reproducible."""
    latest = pd.concat([deals["created_date"], deals["close_date"]]).max()
    return None if pd.isna(latest) else pd.Timestamp(latest).normalize()
