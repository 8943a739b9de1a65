"""Trend 8 — the tool inventory: which partner-communication tools the client has, and which
stage of the partner journey each serves.

The seed report names five kinds of tool (:data:`SEED_KINDS`: CRM, marketing automation, direct
response, survey, partner portal). Input: the optional table ``tools``, one row per tool and
journey stage it serves.

Definitions
-----------
* A tool is **in use** unless its ``status`` is ``planned``.
* A kind is **in use** when at least one tool of that kind is in use; **planned** when its only
  tools are planned; **none** (``no_tool``) when the table has no tool of that kind. The table
  lists the tools the client has, so a kind it does not list is a measured absence, shown as
  "no tool yet".
* A journey stage (visitor, lead, partner, advocate; the unknown stage has no one to talk to yet)
  is **served** when a tool in use names it; a stage no tool in use names is **unserved**.
"""

from __future__ import annotations

import pandas as pd

from playbook.schema import JOURNEY_STAGES, TOOL_KINDS

#: The kinds of tool the seed report asks a client to choose.
SEED_KINDS = tuple(k for k in TOOL_KINDS if k != "other")
#: The journey stages a tool can serve (nobody to reach before a company is a visitor).
SERVED_STAGES = tuple(s for s in JOURNEY_STAGES if s != "unknown")


def _in_use(tools: pd.DataFrame) -> pd.Series:
    return tools["status"].fillna("in_use") != "planned"


def _stages(rows: pd.DataFrame) -> list[str]:
    order = {s: i for i, s in enumerate(JOURNEY_STAGES)}
    return sorted(set(rows["stage"].dropna()), key=order.get)


def inventory(tools: pd.DataFrame) -> pd.DataFrame:
    """Per kind (the seed's five, then any other kind listed): ``status`` (in use / planned /
    no_tool), the tools in use and planned (names) and the stages the tools in use serve."""
    use = _in_use(tools)
    kinds = [
        *SEED_KINDS,
        *(k for k in TOOL_KINDS if k not in SEED_KINDS and (tools["kind"] == k).any()),
    ]
    rows = []
    for kind in kinds:
        mine = tools[tools["kind"] == kind]
        live, planned = mine[use.reindex(mine.index)], mine[~use.reindex(mine.index)]
        status = "in_use" if len(live) else ("planned" if len(planned) else "no_tool")
        rows.append(
            {
                "kind": kind,
                "status": status,
                "in_use": sorted(set(live["tool"])),
                "planned": sorted(set(planned["tool"]) - set(live["tool"])),
                "stages": _stages(live),
            }
        )
    return pd.DataFrame(rows)


def stage_coverage(tools: pd.DataFrame) -> pd.DataFrame:
    """Per journey stage a tool can serve: the tools in use naming it (``tools``) and the kinds
    they are; ``served`` False when none does."""
    live = tools[_in_use(tools)]
    rows = []
    for stage in SERVED_STAGES:
        here = live[live["stage"] == stage]
        rows.append(
            {
                "stage": stage,
                "tools": sorted(set(here["tool"])),
                "kinds": sorted(set(here["kind"]), key=list(TOOL_KINDS).index),
                "served": bool(len(here)),
            }
        )
    return pd.DataFrame(rows)
