"""Trend 3 — the ecosystem platform: what its sections conclude (:func:`summarise`), and how
that joins the readiness report's result (:func:`extend`).

Notebook 03 builds the readiness result with :func:`playbook.readiness_summary.summarise` and
the platform result here, then records one result: ``extend(readiness, platform)``.

Definitions
-----------
* **Takeaways**: at most :data:`TAKEAWAYS` sentences, in this order of priority: development
  needs, developer communities against the other channels, the starter kit's effect, the
  platform map. A section whose table was not supplied says nothing here.
* **Key findings**: open needs no partner could meet, priced at their in-house estimate
  (:attr:`Urgency.OPPORTUNITY`: work a partner could take on); running builds on deprecated or
  retired components (:attr:`Urgency.FIX`); the starter kit's effect when both medians are
  known (:attr:`Urgency.OPPORTUNITY`).
* **Actions**: one per open need without a chosen partner (brief the best candidate, else post
  it in the best developer community), owner the need's ``owner``; one per build to migrate;
  one per build waiting too long for a first build. No due date: the data sets none.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from playbook.formatting import fmt_int, fmt_money, fmt_percent
from playbook.labels import label, plural
from playbook.results import Action, KeyFinding, TrendResult, Urgency

#: The report's section headings (also the ``section`` of key findings and actions).
MAP = "Ecosystem platform map"
NEEDS = "Development needs and the partners who could meet them"
SOURCING = "Where technical partners are found"
KIT = "Starter kit: contents, use and time to first build"

#: Most takeaways the platform sections add to the report.
TAKEAWAYS = 3
#: The platform's headline on 03's report card (and :mod:`playbook.headlines`' "03.needs").
NEEDS_HEADLINE = "Needs without a partner"


def _needs_finding(summary: dict | None, currency: str) -> list[str]:
    if not summary or not summary["needs"]:
        return []
    text = f"{plural(summary['open'], 'development need')} open"
    if summary["open_cost_known"]:
        text += f" (estimated {fmt_money(summary['open_cost'], currency)} to build in-house)"
    if summary["needs_partner"]:
        text += (
            f"; {fmt_int(summary['needs_partner'])} without a partner chosen, of which "
            f"{fmt_int(summary['matched'])} could go to a partner we know and "
            f"{fmt_int(summary['unmatched'])} to none"
        )
    return [text + "."]


def _community_finding(compare: dict | None) -> list[str]:
    if compare is None:
        return []
    c, o = compare["communities"], compare["others"]
    text = (
        f"Developer communities brought {plural(c['found'], 'partner')}: "
        f"{fmt_percent(c['rate'])} signed and {fmt_int(c['building'])} build on the platform"
    )
    if o["found"]:
        text += (
            f", against {fmt_percent(o['rate'])} signed and {fmt_int(o['building'])} building "
            f"of the {fmt_int(o['found'])} from the other channels"
        )
    return [text + "."]


def _kit_finding(effect: dict | None) -> list[str]:
    if not effect or pd.isna(effect["saved_days"]):
        return []
    w, wo = round(effect["with_days"]), round(effect["without_days"])
    return [
        f"Partners with the starter kit reached a first build in a median of "
        f"{plural(w, 'day')}, against {plural(wo, 'day')} without it "
        f"({plural(effect['with_n'], 'build')} with, {fmt_int(effect['without_n'])} without)."
    ]


def _map_finding(cmap: pd.DataFrame | None) -> list[str]:
    if cmap is None or cmap.empty:
        return []
    used = int((cmap["building"] > 0).sum())
    text = f"Partners build on {fmt_int(used)} of the {plural(len(cmap), 'platform component')}"
    unused = int(cmap["unused"].sum())
    if unused:
        text += f"; {fmt_int(unused)} open for building {'has' if unused == 1 else 'have'} none"
    moving = int(cmap["to_migrate"].sum())
    if moving:
        text += f"; {plural(moving, 'running build')} must move off deprecated components"
    return [text + "."]


def _key_findings(cmap, matched, summary, effect, currency) -> list[KeyFinding]:
    out = []
    if summary and summary["unmatched"]:
        unmatched = matched[matched["need_id"].isin(summary["unmatched_ids"])]
        cost = pd.to_numeric(unmatched["estimated_cost"], errors="coerce")
        stake = float(cost.sum()) if cost.notna().any() else None
        needs = plural(summary["unmatched"], "development need")
        text = f"{needs} without any partner able to meet it"
        if stake is not None:
            text += f", estimated {fmt_money(stake, currency)} to build in-house"
            if cost.notna().sum() < len(unmatched):
                text += f" ({fmt_int(cost.notna().sum())} of them estimated)"
        out.append(KeyFinding(text + ".", stake, Urgency.OPPORTUNITY, NEEDS))
    if cmap is not None and cmap["to_migrate"].sum():
        moving = int(cmap["to_migrate"].sum())
        names = list(cmap.loc[cmap["to_migrate"] > 0, "name"])
        out.append(
            KeyFinding(
                f"{plural(moving, 'partner build')} still {'runs' if moving == 1 else 'run'} on "
                f"components being switched off: {', '.join(names)}.",
                None,
                Urgency.FIX,
                MAP,
            )
        )
    out += [KeyFinding(t, None, Urgency.OPPORTUNITY, KIT) for t in _kit_finding(effect)]
    return out


def _need_actions(matched, best_channel) -> list[Action]:
    if matched is None:
        return []
    out = []
    for n in matched.loc[matched["needs_partner"].astype(bool)].itertuples(index=False):
        if n.best is not None and len(n.best):
            what = f"Brief {n.best['partner'].iloc[0]} on the development need '{n.need}'"
        elif best_channel:
            where = " or ".join(best_channel["channels"])
            what = f"Post the development need '{n.need}' in {where}"
        else:
            what = f"Post the development need '{n.need}' where developers gather"
        owner = n.owner if isinstance(getattr(n, "owner", None), str) else ""
        out.append(Action(what + ".", owner, "", "Development need", NEEDS, Urgency.OPPORTUNITY))
    return out


def _whose(name: str) -> str:
    """``name`` as a possessive: "Beta's", "Atlas Solutions'"."""
    return f"{name}'" if str(name).endswith("s") else f"{name}'s"


def _other_actions(moves, use, components) -> list[Action]:
    out = []
    for m in (moves if moves is not None else pd.DataFrame()).itertuples(index=False):
        out.append(
            Action(
                f"Move {_whose(m.partner)} build off {m.component} "
                f"({label(m.component_status).lower()}).",
                "",
                "",
                "Platform migration",
                MAP,
                Urgency.FIX,
            )
        )
    if use is not None and len(use):
        names = components.set_index("component_id")["name"] if len(components) else {}
        for u in use[use["overdue"]].itertuples(index=False):
            component = names.get(u.component_id, u.component_id)
            out.append(
                Action(
                    f"Unblock {_whose(u.partner)} first build on {component}: waiting "
                    f"{plural(round(u.waiting_days), 'day')}.",
                    "",
                    "",
                    "Starter kit",
                    KIT,
                    Urgency.FIX,
                )
            )
    return out


def summarise(
    *,
    currency: str,
    cmap: pd.DataFrame | None = None,
    moves: pd.DataFrame | None = None,
    components: pd.DataFrame | None = None,
    matched: pd.DataFrame | None = None,
    needs: dict | None = None,
    best_channel: dict | None = None,
    funnel: pd.DataFrame | None = None,
    compare: dict | None = None,
    unrecorded: int | None = None,
    use: pd.DataFrame | None = None,
    effect: dict | None = None,
    adoption: dict | None = None,
) -> TrendResult:
    """What the platform sections conclude. Each argument is ``None`` when its section was not
    shown: ``cmap`` / ``moves`` (:mod:`playbook.platform_map` ``component_map`` /
    ``migrations``), ``components`` (the table), ``matched`` / ``needs`` / ``best_channel``
    (:mod:`playbook.platform_needs` ``match_needs`` / ``needs_summary`` /
    ``best_community``), ``funnel`` / ``compare`` / ``unrecorded`` (``channel_funnel`` /
    ``communities_against_others`` / ``unrecorded``), ``use`` / ``effect`` / ``adoption``
    (``kit_use`` / ``kit_effect`` / ``kit_adoption``)."""
    components = components if components is not None else pd.DataFrame(columns=["component_id"])
    findings = [
        *_needs_finding(needs, currency),
        *_community_finding(compare),
        *_kit_finding(effect),
        *_map_finding(cmap),
    ]
    return TrendResult(
        findings=findings[:TAKEAWAYS],
        figures={"platform": _figures(cmap, needs, funnel, compare, unrecorded, effect, adoption)},
        # open development needs with no partner chosen; "—" without a register (never 0)
        headline={NEEDS_HEADLINE: fmt_int(needs["needs_partner"]) if needs else "—"},
        key_findings=_key_findings(cmap, matched, needs, effect, currency),
        actions=[
            *_need_actions(matched, best_channel),
            *_other_actions(moves, use, components),
        ],
    )


def _figures(cmap, needs, funnel, compare, unrecorded, effect, adoption) -> dict:
    """Machine-readable figures for ``results.json`` (missing: the section was not shown)."""
    out: dict = {}
    if cmap is not None:
        out |= {
            "components": len(cmap),
            "components_built_on": int((cmap["building"] > 0).sum()),
            "unused_components": list(cmap.loc[cmap["unused"], "component_id"]),
            "builds_to_migrate": int(cmap["to_migrate"].sum()),
        }
    if needs is not None:
        out["needs"] = dict(needs)
    if funnel is not None:
        out["channels"] = {
            r.channel: {"found": r.found, "signed": r.signed, "building": r.building}
            for r in funnel.itertuples(index=False)
        }
        out["partners_without_channel"] = unrecorded
    if compare is not None:
        out["communities"] = compare["communities"]
        out["other_channels"] = compare["others"]
    if effect is not None:
        out["kit"] = {**effect, **(adoption or {})}
    return out


def extend(base: TrendResult, extra: TrendResult) -> TrendResult:
    """``base`` (the readiness result) with ``extra`` (the platform result) added: takeaways,
    key findings, actions and headline figures after base's, figures merged (base's keys win),
    the sections not shown of both."""
    return replace(
        base,
        findings=[*base.findings, *extra.findings],
        figures={**extra.figures, **base.figures},
        headline={
            **base.headline,
            **{k: v for k, v in extra.headline.items() if k not in base.headline},
        },
        not_shown=[*base.not_shown, *(g for g in extra.not_shown if g not in base.not_shown)],
        key_findings=[*base.key_findings, *extra.key_findings],
        actions=[*base.actions, *extra.actions],
        partners=[*base.partners, *extra.partners],
    )
