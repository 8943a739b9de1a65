"""Trend 4 — a partner as an alternative to hiring: what a capability costs and leaves each way.

The report asks the company to see its partners as an alternative to hiring and building
resources itself. For each capability of the client's ``capability_routes`` table, the two
routes are priced over the same horizon of ``H`` months from the decision (notebook parameter
``route_months``, default :data:`HORIZON_MONTHS`); amounts are undiscounted, in the reporting
currency.

Definitions
-----------
* **Productive months** (:func:`productive_months`): a route delivers nothing for ``lead``
  months, then its output rises evenly from nothing to full over ``ramp`` months and stays full.
  Over ``H`` months that is worth, in months of full output: 0 when ``H ≤ lead``;
  ``(H − lead)² ÷ (2 × ramp)`` while ramping (``lead < H ≤ lead + ramp``); else
  ``H − lead − ramp ÷ 2``. The partner route has ``lead = partner_months`` and no ramp (the
  partner already has the skill); the hiring route ``lead = months_to_hire`` and ``ramp =
  ramp_up_months``.
* **Revenue** of a route = ``monthly_revenue`` × its productive months.
* **Partner route**: *margin shared* = revenue × ``partner_share_pct`` ÷ 100; *cost* =
  investment + margin shared. The investment is ``partner_investment``; blank with a
  ``partner_id``, the partner's investments recorded on or before the as-of date
  (``investments``); blank otherwise, or no investment recorded for the partner: unknown, and
  the route is not priced (never counted as 0).
* **Hiring route**: *people cost* = ``hires`` × (``recruiting_cost`` + ``cost_per_hire`` ÷ 12 ×
  months paid), months paid = ``H − months_to_hire`` (0 when hiring takes the whole horizon);
  *cost* = people cost + ``build_cost``.
* **Margin left** of a route = revenue × ``margin_pct`` ÷ 100 − its cost (for the partner
  route: the margin after the share the partner keeps and the investment).
* **Partner advantage** = margin left by the partner route − margin left by the hiring route;
  positive: the partner route leaves more over the horizon. The **better route** is the one
  with more margin left ("either" when equal).
* **Money already invested** counts: a partner investment taken from the recorded investments
  is money already spent, yet it is a cost of the partner route like a future one (the
  comparison prices each route whole, not only what is still to pay from today).
* **Track record** (:func:`track_record`) of the named partner: its program revenue
  (:func:`playbook.deals.program_revenue`) in the reporting window ÷ the window's months, its
  actual revenue a month, set beside ``monthly_revenue`` (the revenue a month assumed for the
  capability). Missing when no partner is named or no deals are supplied; 0 for a named partner
  without won revenue in the window. An assumption **above the track record** is more than
  :data:`RECORD_FACTOR` × that actual revenue a month (any assumption above a record of 0).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from playbook.deals import program_revenue
from playbook.formatting import MISSING, fmt_int, fmt_money, name_list
from playbook.labels import plural
from playbook.program_reference import recorded_investment
from playbook.results import KeyFinding, Urgency

#: Months compared when the notebook sets no ``route_months``.
HORIZON_MONTHS = 36
#: An assumed revenue a month above this many times the partner's actual one is flagged.
RECORD_FACTOR = 2

PARTNER, HIRING, EITHER = "partner", "hiring", "either"
#: The numeric columns of ``capability_routes``.
NUMBERS = [
    "monthly_revenue",
    "margin_pct",
    "partner_share_pct",
    "partner_investment",
    "partner_months",
    "hires",
    "cost_per_hire",
    "recruiting_cost",
    "months_to_hire",
    "ramp_up_months",
    "build_cost",
]


def productive_months(horizon: float, lead: float, ramp: float) -> float:
    """Months of full output over ``horizon`` months when output starts after ``lead`` months
    and rises evenly to full over ``ramp`` months (module docstring)."""
    if horizon <= lead:
        return 0.0
    if ramp > 0 and horizon <= lead + ramp:
        return (horizon - lead) ** 2 / (2 * ramp)
    return horizon - lead - ramp / 2


def _investment(routes: pd.DataFrame, investments: pd.DataFrame, as_of):
    """Each route's partner investment and where it comes from (module docstring)."""
    recorded = recorded_investment(investments, as_of)
    given = routes["partner_investment"].astype("float64")
    from_record = routes["partner_id"].map(recorded).astype("float64")
    amount = given.fillna(from_record)
    source = np.where(
        given.notna(),
        "given",
        np.where(from_record.notna(), "recorded investments", ""),
    )
    return amount, source


def track_record(
    partner_ids: pd.Series, assumed: pd.Series, deals: pd.DataFrame | None, window
) -> pd.DataFrame:
    """Per capability, the named partner's actual revenue a month in the reporting ``window``
    (a :class:`playbook.deals.ReportingWindow`) and whether the ``assumed`` revenue a month is
    above that track record (module docstring): columns ``actual_monthly`` (missing without a
    partner or without deals) and ``above_record`` (missing when ``actual_monthly`` is)."""
    ids = partner_ids.reset_index(drop=True)
    if deals is None or window is None:
        actual = pd.Series(np.nan, index=ids.index, dtype="float64")
    else:
        per = program_revenue(deals, window.start, window.end, by="partner_id")
        actual = ids.map(per / window.months).astype("float64")
        actual = actual.fillna(0.0).where(ids.notna())
    above = assumed.reset_index(drop=True).astype("float64") > RECORD_FACTOR * actual
    return pd.DataFrame(
        {"actual_monthly": actual, "above_record": above.astype("boolean").mask(actual.isna())}
    )


def compare(
    routes: pd.DataFrame,
    investments: pd.DataFrame,
    as_of,
    horizon: float = HORIZON_MONTHS,
    partners: pd.DataFrame | None = None,
    deals: pd.DataFrame | None = None,
    window=None,
) -> pd.DataFrame:
    """Both routes of every capability over ``horizon`` months (module docstring): revenue,
    margin shared, cost and margin left of each route, the partner advantage and the better
    route; ``why`` says why the partner route is not priced. ``partner`` is the partner's name
    (``partners``), blank without one; ``assumed_monthly``, ``actual_monthly`` and
    ``above_record`` set the revenue a month assumed beside the partner's track record in the
    reporting ``window`` (:func:`track_record`, from ``deals``)."""
    r = routes.reset_index(drop=True).copy()
    r[NUMBERS] = r[NUMBERS].astype("float64")  # parsed money, Int64 months, numbers
    amount, source = _investment(r, investments, as_of)
    margin = r["margin_pct"].astype("float64") / 100
    out = pd.DataFrame({"capability_id": r["capability_id"], "capability": r["capability"]})
    names = (
        partners.set_index("partner_id")["name"] if partners is not None else pd.Series(dtype=str)
    )
    out["partner_id"] = r["partner_id"]
    out["partner"] = r["partner_id"].map(names).fillna(r["partner_id"]).fillna("")
    out["assumed_monthly"] = r["monthly_revenue"]
    out[["actual_monthly", "above_record"]] = track_record(
        r["partner_id"], r["monthly_revenue"], deals, window
    )
    out["investment"] = amount
    out["investment_source"] = source
    out["partner_months"] = [
        productive_months(horizon, lead, 0) for lead in r["partner_months"].astype(float)
    ]
    out["partner_revenue"] = r["monthly_revenue"] * out["partner_months"]
    out["margin_shared"] = out["partner_revenue"] * r["partner_share_pct"] / 100
    out["partner_cost"] = out["investment"] + out["margin_shared"]
    out["partner_left"] = out["partner_revenue"] * margin - out["partner_cost"]
    out["hire_months"] = [
        productive_months(horizon, lead, ramp)
        for lead, ramp in zip(
            r["months_to_hire"].astype(float), r["ramp_up_months"].astype(float), strict=True
        )
    ]
    paid = (horizon - r["months_to_hire"].astype(float)).clip(lower=0)
    out["hire_revenue"] = r["monthly_revenue"] * out["hire_months"]
    out["people_cost"] = r["hires"] * (r["recruiting_cost"] + r["cost_per_hire"] / 12 * paid)
    out["hire_cost"] = out["people_cost"] + r["build_cost"]
    out["hire_left"] = out["hire_revenue"] * margin - out["hire_cost"]
    out["advantage"] = out["partner_left"] - out["hire_left"]
    out["better"] = np.select(
        [out["advantage"] > 0, out["advantage"] < 0, out["advantage"] == 0],
        [PARTNER, HIRING, EITHER],
        "",
    )
    out["why"] = np.where(
        amount.isna(),
        np.where(
            r["partner_id"].isna(),
            "no partner investment given and no partner named",
            "no partner investment given or recorded for the partner",
        ),
        "",
    )
    return out


# --------------------------------------------------------------------------- report words

#: :data:`RECORD_FACTOR` in words.
TIMES = "twice" if RECORD_FACTOR == 2 else f"{RECORD_FACTOR:g} times"


def _record_word(above) -> str:
    """An assumption against the track record, in words ("—" when not known)."""
    if above is None or pd.isna(above):
        return MISSING
    return f"More than {TIMES} the record" if above else f"Within {TIMES} the record"


def record_sentence(t: pd.DataFrame, currency: str) -> str | None:
    """The capabilities whose revenue a month assumed is above the named partner's track
    record (module docstring), the first :data:`RECORD_NAMED` with both figures, the others
    counted (:func:`~playbook.formatting.name_list`); ``None`` when there is none."""
    above = t[t["above_record"].fillna(False).astype(bool)]
    if not len(above):
        return None
    parts = [
        f"'{r.capability}' assumes {fmt_money(r.assumed_monthly, currency)} a month, where "
        f"{r.partner} brought {fmt_money(r.actual_monthly, currency)} a month in the reporting "
        "window"
        for r in above.itertuples()
    ]
    return (
        f"The revenue assumed is more than {TIMES} the partner's track record: "
        + name_list(parts, limit=RECORD_NAMED, sep="; ")
        + ". Check these assumptions before choosing the partner route."
    )


#: Capabilities :func:`record_sentence` names with both figures (each is a long clause).
RECORD_NAMED = 3


def view(t: pd.DataFrame, currency: str, horizon: float) -> pd.DataFrame:
    """The comparison (:func:`compare`), formatted: each route's cost and margin left over
    ``horizon`` months, the better route and by how much."""

    def money(v):
        return fmt_money(v, currency)

    months = fmt_int(horizon)
    better = t["better"].map(
        {PARTNER: "Partner route", HIRING: "Hiring and building", EITHER: "Either"}
    )
    return pd.DataFrame(
        {
            "Capability": t["capability"],
            "Partner": t["partner"].replace("", "None named"),
            "Revenue a month: assumed": t["assumed_monthly"].map(money),
            "Revenue a month: the partner's record": t["actual_monthly"].map(money),
            "Assumed against the record": [_record_word(v) for v in t["above_record"]],
            f"Partner route: cost over {months} months": t["partner_cost"].map(money),
            f"Hiring route: cost over {months} months": t["hire_cost"].map(money),
            "Partner route: margin left": t["partner_left"].map(money),
            "Hiring route: margin left": t["hire_left"].map(money),
            "Better route": better.fillna(MISSING).where(t["why"] == "", MISSING),
            "Difference in margin left": t["advantage"].abs().map(money),
            "Partner investment": t["investment"].map(money),
            "Investment from": t["investment_source"].replace(
                {"given": "Capability routes table", "recorded investments": "Investments table"}
            ),
            "Margin shared with the partner": t["margin_shared"].map(money),
            "Hiring route: people cost": t["people_cost"].map(money),
            "Partner route: months of full output": t["partner_months"].map(lambda v: f"{v:.1f}"),
            "Hiring route: months of full output": t["hire_months"].map(lambda v: f"{v:.1f}"),
            "Why not priced": t["why"],
        }
    )


#: The columns of :func:`view` shown on screen (the workbook has them all).
def screen_columns(horizon: float) -> list[str]:
    """The on-screen columns of :func:`view` for ``horizon`` months."""
    months = fmt_int(horizon)
    return [
        "Capability",
        "Partner",
        "Revenue a month: assumed",
        "Revenue a month: the partner's record",
        "Assumed against the record",
        f"Partner route: cost over {months} months",
        f"Hiring route: cost over {months} months",
        "Partner route: margin left",
        "Hiring route: margin left",
        "Better route",
        "Difference in margin left",
    ]


def findings(t: pd.DataFrame, currency: str, horizon: float) -> list[str]:
    """One or two sentences: how many capabilities each route wins over the horizon, and the
    largest difference; the capabilities not priced are counted, never taken as a route."""
    priced = t[t["why"] == ""]
    out = []
    if not len(priced):
        return [
            "No capability is priced both ways: the partner investment is missing for each "
            f"({plural(len(t), 'capability', 'capabilities')})."
        ]
    wins = int((priced["better"] == PARTNER).sum())
    text = (
        f"Over {fmt_int(horizon)} months the partner route leaves more margin than hiring and "
        f"building for {fmt_int(wins)} of {plural(len(priced), 'capability', 'capabilities')} "
        "priced both ways"
    )
    top = priced.loc[priced["advantage"].abs().idxmax()]
    route = "the partner route" if top["advantage"] > 0 else "hiring and building"
    text += (
        f"; the largest gap is '{top['capability']}', where {route} leaves "
        f"{fmt_money(abs(top['advantage']), currency)} more"
    )
    out.append(text + ".")
    record = record_sentence(t, currency)
    if record:
        out.append(record)
    unpriced = len(t) - len(priced)
    if unpriced:
        out.append(
            f"{plural(unpriced, 'capability', 'capabilities')} not priced: no partner "
            "investment given or recorded."
        )
    return out


def records(t: pd.DataFrame, horizon: float) -> list[dict]:
    """Each capability as ``results.json`` records it: id, both routes' cost and margin left
    over ``horizon`` months, the advantage and the better route (``None`` when not priced),
    the revenue a month assumed and the partner's actual one (``None`` when not known)."""

    def num(v):
        return None if pd.isna(v) else float(v)

    return [
        {
            "capability_id": str(r.capability_id),
            "months": float(horizon),
            "partner_cost": num(r.partner_cost),
            "hire_cost": num(r.hire_cost),
            "partner_left": num(r.partner_left),
            "hire_left": num(r.hire_left),
            "advantage": num(r.advantage),
            "better": r.better or None,
            "assumed_monthly": num(r.assumed_monthly),
            "actual_monthly": num(r.actual_monthly),
        }
        for r in t.itertuples()
    ]


def key_finding(
    t: pd.DataFrame | None, currency: str, horizon: float, section: str
) -> KeyFinding | None:
    """The key finding of the largest partner advantage (money at stake: that advantage), or
    ``None`` when no capability's partner route leaves more."""
    if t is None:
        return None
    ahead = t[(t["why"] == "") & (t["advantage"] > 0)]
    if not len(ahead):
        return None
    top = ahead.loc[ahead["advantage"].idxmax()]
    who = f" through {top['partner']}" if top["partner"] else ""
    text = (
        f"Getting '{top['capability']}'{who} rather than hiring and building it leaves "
        f"{fmt_money(top['advantage'], currency)} more margin over {fmt_int(horizon)} months."
    )
    if pd.notna(top["above_record"]) and top["above_record"]:
        text += (
            f" It assumes {fmt_money(top['assumed_monthly'], currency)} of revenue a month, "
            f"more than {TIMES} the {fmt_money(top['actual_monthly'], currency)} a month "
            f"{top['partner']} brought in the reporting window: check it first."
        )
    return KeyFinding(text, float(top["advantage"]), Urgency.OPPORTUNITY, section)


def definitions(horizon: float) -> list[str]:
    """ "How these figures are defined" for the partner-or-hiring section."""
    return [
        f"Partner route or hiring: both routes over the same {fmt_int(horizon)} months from the "
        "decision, undiscounted. Output starts after the months the partner needs to deliver "
        "(no ramp-up) or the months to hire, then rises evenly to full over the ramp-up "
        "months; revenue = revenue a month × months of full output.",
        "Partner route cost = the investment in the partner (given, or the partner's recorded "
        "investments up to the as-of date) + the share of the revenue the partner keeps. "
        "Hiring route cost = hires × (recruiting cost + yearly cost ÷ 12 × months employed) + "
        "the one-off build cost. Margin left = revenue × gross margin − the route's cost.",
        "Money already invested counts: an investment taken from the investments table is "
        "already spent, yet it is counted as a cost of the partner route like a future one "
        "(each route is priced whole, not only what is still to pay from today).",
        "The partner's record: its program revenue (won deals it sourced or influenced) closed "
        "in the reporting window ÷ the window's months, beside the revenue a month assumed for "
        f"the capability; — when no partner is named. An assumption more than {TIMES} the "
        "record is flagged.",
    ]
