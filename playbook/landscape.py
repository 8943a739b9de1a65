"""Trend 7 — partner landscape: categories, competitor grid, interest/influence, Partner Grid,
shark or remora, partner-portal readiness.

Definitions
-----------
* **Candidates**: partners with status ``candidate``; the landscape also shows active partners.
* **Competitor ties** of a company: the number of our competitors (profile ``competitors``) that
  already partner with it (``competitor_partnerships``). The **starting point** is the
  candidates ordered by fewest ties, then by interest (high first), then name.
* **Quadrants** of the interest/influence grid, with ``high`` meaning a score at or above the
  midpoint: high influence & high interest *Key players — manage closely*; high influence & low
  interest *Keep satisfied*; low influence & high interest *Keep informed*; both low *Monitor*.
* **Program revenue %** of a partner: its won sourced + influenced revenue closed in the window ÷
  all partner-attributed won revenue in the window × 100.
* **Shark or remora**: *our dependence* = the partner's program revenue %; *their dependence* =
  ``our_share_of_their_business_pct``. Ratio = their ÷ our dependence: ≥ 2 → we are the shark
  (they depend on us), ≤ 0.5 → we are the remora (we depend on them), otherwise mutual.
  Relative size (their employees ÷ ours) is reported beside it.
* **Directory completeness** of a partner: share of the directory fields (name, type, category,
  industry, website, contact e-mail, description) that are filled.
* **Training both ways**: share of active partners trained on our product (a ``partner_on_ours``
  training or ``trained_on_our_product``), and for each key partner the share of our program
  staff with an ``ours_on_partner`` training on it.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import pandas as pd

from playbook.deals import program_revenue
from playbook.formatting import fmt_percent
from playbook.results import TrendResult


class Quadrant(StrEnum):
    """Quadrant of the interest/influence grid (see module docstring)."""

    KEY_PLAYERS = "Key players — manage closely"
    KEEP_SATISFIED = "Keep satisfied"
    KEEP_INFORMED = "Keep informed"
    MONITOR = "Monitor"
    NOT_SCORED = "not scored"  # interest or influence missing


class Position(StrEnum):
    """Shark or remora: who depends on whom (see module docstring)."""

    SHARK = "We are the shark"
    REMORA = "We are the remora"
    MUTUAL = "Mutual"
    NOT_ENOUGH_DATA = "not enough data"


#: ``(high influence, high interest)`` → quadrant.
QUADRANTS = {
    (True, True): Quadrant.KEY_PLAYERS,
    (True, False): Quadrant.KEEP_SATISFIED,
    (False, True): Quadrant.KEEP_INFORMED,
    (False, False): Quadrant.MONITOR,
}
DIRECTORY_FIELDS = (
    "name",
    "type",
    "category",
    "industry",
    "website",
    "contact_email",
    "description",
)
GRID_COLUMNS = [
    "Partner",
    "Our Software",
    "Version",
    "Their Application/Service",
    "Version",
    "Program Revenue %",
]


def current(partners: pd.DataFrame) -> pd.DataFrame:
    """Active partners and candidates (inactive ones are out of the landscape)."""
    return partners[partners["status"].isin(["active", "candidate"])]


def categories(partners: pd.DataFrame) -> pd.DataFrame:
    """Per category: active partners and candidate companies that could fill it."""
    p = current(partners).assign(category=lambda f: f["category"].fillna("(uncategorised)"))
    g = p.groupby("category")
    return pd.DataFrame(
        {
            "active": g.apply(
                lambda x: ", ".join(sorted(x.loc[x["status"] == "active", "name"])),
                include_groups=False,
            ),
            "candidates": g.apply(
                lambda x: ", ".join(sorted(x.loc[x["status"] == "candidate", "name"])),
                include_groups=False,
            ),
            "count": g.size(),
        }
    )


def competitor_grid(
    partners: pd.DataFrame, links: pd.DataFrame, competitors: list[str]
) -> pd.DataFrame:
    """Companies × our competitors: the relationship text (or "yes") where one exists, "" where
    none; plus ``ties`` (number of competitors) and ``status``. Sorted by ties, most first."""
    p = current(partners)
    grid = pd.DataFrame(
        "", index=pd.Index(p["partner_id"], name="partner_id"), columns=list(competitors)
    )
    for r in links[links["partner_id"].isin(grid.index)].itertuples():
        if r.competitor in grid.columns:
            grid.loc[r.partner_id, r.competitor] = (
                r.relationship if isinstance(r.relationship, str) and r.relationship else "yes"
            )
    grid["ties"] = (grid[list(competitors)] != "").sum(axis=1)
    info = p.set_index("partner_id")
    grid.insert(0, "name", info["name"])
    grid.insert(1, "status", info["status"])
    return grid.sort_values(["ties", "name"], ascending=[False, True])


def starting_point(grid: pd.DataFrame, partners: pd.DataFrame) -> pd.DataFrame:
    """Candidates by fewest competitor ties, then highest interest, then name."""
    cand = grid[grid["status"] == "candidate"].join(
        partners.set_index("partner_id")[["interest", "category"]]
    )
    return cand.sort_values(
        ["ties", "interest", "name"], ascending=[True, False, True], na_position="last"
    )[["name", "category", "ties", "interest"]]


def quadrant(interest: float, influence: float, midpoint: float = 3) -> str:
    """Quadrant of the interest/influence grid (at the midpoint counts as high)."""
    if pd.isna(interest) or pd.isna(influence):
        return Quadrant.NOT_SCORED
    return QUADRANTS[(influence >= midpoint, interest >= midpoint)]


def interest_influence(partners: pd.DataFrame, midpoint: float = 3) -> pd.DataFrame:
    """Active partners and candidates with interest, influence and quadrant."""
    p = current(partners)[["partner_id", "name", "status", "interest", "influence"]].copy()
    p["quadrant"] = [
        quadrant(i, f, midpoint) for i, f in zip(p["interest"], p["influence"], strict=True)
    ]
    return p.sort_values(["quadrant", "name"]).reset_index(drop=True)


def program_revenue_pct(partners: pd.DataFrame, deals: pd.DataFrame, start, end) -> pd.Series:
    """Program revenue % per partner id (see module docstring); partners without revenue 0."""
    per = program_revenue(deals, start, end, by="partner_id")
    total = per.sum()
    pct = (per * 100 / total).round(9) if total else per * np.nan
    return pct.reindex(partners["partner_id"]).fillna(0.0)


def _pct_text(v) -> str:
    if v is None or pd.isna(v):
        return ""
    v = round(float(v), 1)
    return f"{v:.0f}" if v.is_integer() else f"{v:.1f}"


def partner_grid(partners: pd.DataFrame, pct: pd.Series) -> pd.DataFrame:
    """The report's Partner Grid for active partners, columns exactly as the report has them:
    Partner, Our Software, Version, Their Application/Service, Version, Program Revenue %.
    Versions are free text, shown as given. Sorted by program revenue %, highest first."""
    p = partners[partners["status"] == "active"].copy()
    p["pct"] = p["partner_id"].map(pct)
    p = p.sort_values(["pct", "name"], ascending=[False, True])
    text = p[["name", "our_software", "our_version", "their_application", "their_version"]]
    grid = pd.DataFrame(text.fillna("").to_numpy(dtype=object))
    grid[5] = [_pct_text(v) for v in p["pct"]]
    grid.columns = GRID_COLUMNS
    return grid


def stated_vs_computed(partners: pd.DataFrame, pct: pd.Series) -> pd.DataFrame:
    """Partners with a stated program revenue %, beside the computed one and the difference."""
    p = partners[partners["stated_program_revenue_pct"].notna()]
    computed = p["partner_id"].map(pct)
    return pd.DataFrame(
        {
            "Partner": p["name"].to_numpy(),
            "Stated %": [_pct_text(v) for v in p["stated_program_revenue_pct"]],
            "Computed %": [f"{v:.1f}" for v in computed],
            "Difference (points)": [
                f"{c - s:+.1f}"
                for c, s in zip(computed, p["stated_program_revenue_pct"], strict=True)
            ],
        }
    )


def shark_or_remora(
    partners: pd.DataFrame, pct: pd.Series, our_employees: int | None
) -> pd.DataFrame:
    """Who depends on whom, per active partner (see module docstring), with an explanation."""
    p = partners[partners["status"] == "active"].copy()
    p["ours"] = p["partner_id"].map(pct)
    p["theirs"] = p["our_share_of_their_business_pct"]
    ratio = p["theirs"] / p["ours"].where(p["ours"] > 0)
    ratio = ratio.where(~(p["ours"].eq(0) & p["theirs"].gt(0)), np.inf)
    p["ratio"] = ratio
    p["position"] = np.select(
        [ratio >= 2, ratio <= 0.5, ratio.notna()],
        [Position.SHARK, Position.REMORA, Position.MUTUAL],
        default=Position.NOT_ENOUGH_DATA,
    )
    p["size"] = p["employees"] / our_employees if our_employees else np.nan

    def explain(r):
        if r.position == Position.NOT_ENOUGH_DATA:
            return "Their share of business through us is not recorded."
        size = (
            ""
            if pd.isna(r.size)
            else f" They are {r.size:.2g}× our size."
            if r.size >= 1
            else f" They are 1/{1 / r.size:.2g} of our size."
        )
        return (
            f"{r.theirs:.0f}% of their business comes through us; they bring "
            f"{r.ours:.1f}% of our program revenue.{size}"
        )

    p["explanation"] = [explain(r) for r in p.itertuples()]
    return (
        p[["partner_id", "name", "ours", "theirs", "ratio", "size", "position", "explanation"]]
        .sort_values(["position", "name"])
        .reset_index(drop=True)
    )


def directory_completeness(partners: pd.DataFrame) -> pd.DataFrame:
    """Per active partner: share of directory fields filled and which are missing."""
    p = partners[partners["status"] == "active"]
    filled = p[list(DIRECTORY_FIELDS)].notna() & p[list(DIRECTORY_FIELDS)].astype(str).ne("")
    out = pd.DataFrame(
        {
            "name": p["name"].to_numpy(),
            "completeness": filled.mean(axis=1).to_numpy(),
            "missing": filled.apply(
                lambda r: ", ".join(f for f in DIRECTORY_FIELDS if not r[f]), axis=1
            ).to_numpy(),
        }
    )
    return out.sort_values(["completeness", "name"]).reset_index(drop=True)


def training_both_ways(
    partners: pd.DataFrame, trainings: pd.DataFrame, staff: pd.DataFrame, key_partners: list[str]
) -> tuple[float, pd.DataFrame]:
    """Share of active partners trained on our product, and per key partner the share of our
    program staff trained on theirs."""
    active = partners[partners["status"] == "active"]
    done = set(trainings.loc[trainings["direction"] == "partner_on_ours", "partner_id"])
    flagged = active["trained_on_our_product"].fillna(False).astype(bool)
    trained = active["partner_id"].isin(done) | flagged
    share_partners = float(trained.mean()) if len(active) else np.nan
    ours = trainings[trainings["direction"] == "ours_on_partner"]
    n_staff = len(staff)
    names = partners.set_index("partner_id")["name"]
    rows = [
        {
            "partner_id": pid,
            "name": names.get(pid, pid),
            "staff_trained": ours.loc[ours["partner_id"] == pid, "staff_id"].nunique(),
            "share": (
                ours.loc[ours["partner_id"] == pid, "staff_id"].nunique() / n_staff
                if n_staff
                else np.nan
            ),
        }
        for pid in key_partners
    ]
    return share_partners, pd.DataFrame(
        rows, columns=["partner_id", "name", "staff_trained", "share"]
    )


# --------------------------------------------------------------------------- report views


def grid_view(grid: pd.DataFrame, competitors: list[str]) -> pd.DataFrame:
    """The competitor grid (:func:`competitor_grid`) with readable headers."""
    out = grid.reset_index(drop=True).rename(
        columns={"name": "Company", "status": "Status", "ties": "Competitor ties"}
    )
    return out[["Company", "Status", *competitors, "Competitor ties"]]


def directory_view(directory: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """The least complete directory entries."""
    d = directory.head(top)
    return pd.DataFrame(
        {
            "Partner": d["name"],
            "Directory complete": d["completeness"].map(fmt_percent),
            "Missing fields": d["missing"],
        }
    )


def training_view(ours: pd.DataFrame) -> pd.DataFrame:
    """Our staff trained on each key partner, formatted."""
    return pd.DataFrame(
        {
            "Key partner": ours["name"],
            "Our staff trained on it": ours["staff_trained"],
            "Share of our team": ours["share"].map(fmt_percent),
        }
    )


def shark_view(s: pd.DataFrame) -> pd.DataFrame:
    """Shark or remora per partner (:func:`shark_or_remora`), formatted."""
    return pd.DataFrame(
        {
            "Partner": s["name"],
            "Their share of our program revenue": s["ours"].map(
                lambda v: "—" if pd.isna(v) else f"{v:.1f}%"
            ),
            "Our share of their business": s["theirs"].map(
                lambda v: "—" if pd.isna(v) else f"{v:.0f}%"
            ),
            "Position": s["position"],
            "Why": s["explanation"],
        }
    )


def summarise(
    *,
    grid: pd.DataFrame | None,
    start_list: pd.DataFrame | None,
    quad: pd.DataFrame,
    pct: pd.Series,
    shark: pd.DataFrame,
    directory: pd.DataFrame,
    trained_share: float | None,
) -> TrendResult:
    """What trend 7 concludes: findings, figures for ``results.json`` and the summary headline.

    ``grid`` from :func:`competitor_grid` and ``start_list`` from :func:`starting_point`
    (``None`` without competitors), ``quad`` from :func:`interest_influence`, ``pct`` from
    :func:`program_revenue_pct`, ``shark`` from :func:`shark_or_remora`, ``directory`` from
    :func:`directory_completeness`, ``trained_share`` the first result of
    :func:`training_both_ways` (``None`` without trainings).
    """
    return TrendResult(
        findings=_findings(grid, start_list, quad, shark, directory, trained_share),
        figures=_figures(grid, quad, pct, shark, directory, trained_share),
        headline=_headline(grid, quad, directory),
    )


def _findings(grid, start_list, quad, shark, directory, trained_share) -> list[str]:
    out = []
    if grid is not None and len(grid):
        cand = grid[grid["status"] == "candidate"]
        if len(cand):
            out.append(
                f"{int((cand['ties'] > 0).sum())} of {len(cand)} candidates already "
                "partner with a competitor of ours."
            )
        if start_list is not None and len(start_list):
            out.append(
                f"Starting point: {start_list.iloc[0]['name']} "
                f"({int(start_list.iloc[0]['ties'])} competitor ties)."
            )
    if quad is not None:
        key = quad[quad["quadrant"] == Quadrant.KEY_PLAYERS]
        out.append(f"{len(key)} partners are key players (high interest and influence).")
    if shark is not None:
        counts = shark["position"].value_counts()
        out.append(
            f"We are the shark with {counts.get(Position.SHARK, 0)} partners and the "
            f"remora with {counts.get(Position.REMORA, 0)}."
        )
    if directory is not None and len(directory):
        out.append(
            f"Partner directory {fmt_percent(directory['completeness'].mean())} complete; "
            f"{fmt_percent(trained_share)} of active partners trained on our product."
        )
    return out


def _figures(grid, quad, pct, shark, directory, trained_share) -> dict:
    out = {
        "program_revenue_pct": pct[pct > 0].to_dict(),
        "quadrants": quad["quadrant"].value_counts().to_dict(),
        "shark_or_remora": shark["position"].value_counts().to_dict(),
        "directory_completeness": float(directory["completeness"].mean())
        if len(directory)
        else None,
        "trained_on_our_product": trained_share,
    }
    if grid is not None:
        out["competitor_ties"] = grid["ties"].to_dict()
    return out


def _headline(grid, quad, directory) -> dict[str, str]:
    out = {
        "Key players": str(int((quad["quadrant"] == Quadrant.KEY_PLAYERS).sum())),
        "Directory complete": fmt_percent(directory["completeness"].mean())
        if len(directory)
        else "—",
    }
    if grid is not None:
        cand = grid[grid["status"] == "candidate"]
        out["Candidates tied to competitors"] = f"{int((cand['ties'] > 0).sum())} of {len(cand)}"
    return out


def key_partners(pct: pd.Series, n: int) -> list[str]:
    """Ids of the ``n`` partners with the highest program revenue %."""
    return list(pct.sort_values(ascending=False).head(n).index)
