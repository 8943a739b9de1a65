"""The shipped readiness question bank (trend 3), in our own wording.

Each item is scored 0–5 by the client (0 = not at all, 5 = fully in place). ``recommendation``
is what the gap list suggests when the item scores low.
"""

from __future__ import annotations

import pandas as pd

DIMENSIONS = (
    "customer_needs",
    "ecosystem_delivery",
    "industry_coverage",
    "goal_alignment",
    "platform_readiness",
    "program_operations",
)

_ITEMS = [
    (
        "CN1",
        "customer_needs",
        "We have written down the top problems customers buy us to solve.",
        "Interview ten recent customers and list the problems they hired us for.",
    ),
    (
        "CN2",
        "customer_needs",
        "We know which customer needs we do not meet ourselves.",
        "List the requests sales lost or deferred last year and group them by need.",
    ),
    (
        "CN3",
        "customer_needs",
        "Customer needs are reviewed with product management every quarter.",
        "Add a quarterly needs review with product management to the program calendar.",
    ),
    (
        "ED1",
        "ecosystem_delivery",
        "For each unmet need we know which partner could deliver it.",
        "Map every unmet need to at least two candidate partners.",
    ),
    (
        "ED2",
        "ecosystem_delivery",
        "Partners have delivered a joint solution to a customer.",
        "Pick one unmet need and run a joint pilot with a single partner.",
    ),
    (
        "ED3",
        "ecosystem_delivery",
        "Partner-delivered work is measured for quality.",
        "Add customer satisfaction on partner-delivered projects to the scorecard.",
    ),
    (
        "IC1",
        "industry_coverage",
        "We know our customers' split by industry.",
        "Tag every customer account with an industry in the CRM.",
    ),
    (
        "IC2",
        "industry_coverage",
        "We know our partners' split by industry.",
        "Tag every partner with its main industry.",
    ),
    (
        "IC3",
        "industry_coverage",
        "Our top industries each have at least two capable partners.",
        "Recruit partners for the industries with customers but few partners.",
    ),
    (
        "GA1",
        "goal_alignment",
        "We have asked each strategic partner for its goals.",
        "Hold a goals session with each strategic partner and record the answers.",
    ),
    (
        "GA2",
        "goal_alignment",
        "Joint goals and milestones are written and agreed.",
        "Write a one-page joint plan per strategic partner with dated milestones.",
    ),
    (
        "GA3",
        "goal_alignment",
        "We review goal progress with partners at least twice a year.",
        "Schedule half-yearly joint reviews.",
    ),
    (
        "PR1",
        "platform_readiness",
        "Our platform has documented public APIs partners can build on.",
        "Publish an API reference and a versioning policy for partners.",
    ),
    (
        "PR2",
        "platform_readiness",
        "We offer a starter kit (sample code, sandbox) to technical partners.",
        "Build a starter kit: sandbox tenant, sample integration and a test suite.",
    ),
    (
        "PR3",
        "platform_readiness",
        "We certify partner-built integrations.",
        "Define a certification checklist and review process for integrations.",
    ),
    (
        "PO1",
        "program_operations",
        "The program has a named owner and a budget.",
        "Name a program owner and agree a yearly budget.",
    ),
    (
        "PO2",
        "program_operations",
        "We track investment, payback and ROI per partner.",
        "Record every partner investment and review payback each quarter.",
    ),
    (
        "PO3",
        "program_operations",
        "Partner metrics are reported on a fixed schedule.",
        "Publish the analytics report to leadership every quarter.",
    ),
]


def question_bank() -> pd.DataFrame:
    """The question bank: ``item_id``, ``dimension``, ``question``, ``recommendation``."""
    return pd.DataFrame(_ITEMS, columns=["item_id", "dimension", "question", "recommendation"])
