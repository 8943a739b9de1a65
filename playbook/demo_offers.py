"""The demo client's recruiting offers (trend 2): fixed rows, no random draw.

Lumenar started recording which offer each recruiting campaign made with its third campaign
(July 2021): the first two name none. Four offers follow, each made by the campaigns of the
tiers it suits: the joint launch package to Low-Hanging Fruit, free certification to
Low-Hanging Fruit and Mid-Level, the higher referral fee to Mid-Level and Cold, not-for-resale
licences to Cold.
With the campaigns' own counts (drawn by :mod:`playbook.demo`, unchanged) this gives a small
sample on purpose: the certification track and the launch package each sign 6 partners, the
licences 2 and the referral fee none, so report 02 judges two offers and says the other two
signed too few to tell.

:func:`offer_tables` adds the ``offer`` column to the demo's campaigns and the ``offers``
table; every other table, and every figure drawn from the demo's random stream, stays as it
was.
"""

from __future__ import annotations

import pandas as pd

#: offer_id, name, what the partner gets, kind, cost to us per partner signed (USD)
OFFERS = [
    (
        "O1",
        "Free certification track",
        "Two engineers certified on Lumenar ERP at no charge, with a 90-day sandbox",
        "free_training",
        2400,
    ),
    (
        "O2",
        "First-year referral bonus",
        "A 20 % referral fee on every deal registered in the first year instead of 10 %",
        "referral_fee",
        3500,
    ),
    (
        "O3",
        "Joint launch package",
        "A co-branded launch webinar, a marketplace listing and USD 5,000 of market "
        "development funds",
        "marketing_funds",
        6500,
    ),
    (
        "O4",
        "Demo licences",
        "Three not-for-resale licences of Lumenar ERP and Lumenar Insights for demos",
        "free_licences",
        1200,
    ),
]

#: campaign_id → offer_id; C001 and C002 recorded no offer.
CAMPAIGN_OFFERS = {
    "C003": "O4",
    "C004": "O3",
    "C005": "O2",
    "C006": "O4",
    "C007": "O3",
    "C008": "O1",
    "C009": "O4",
    "C010": "O3",
    "C011": "O1",
    "C012": "O2",
    "C013": "O1",
    "C014": "O2",
    "C015": "O4",
    "C016": "O3",
    "C017": "O1",
    "C018": "O2",
    "C019": "O1",
    "C020": "O2",
    "C021": "O4",
    "C022": "O3",
    "C023": "O1",
}


def offer_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The demo's ``campaigns`` with its ``offer`` column (last) and the ``offers`` table."""
    campaigns = tables["campaigns"]
    offer = campaigns["campaign_id"].map(CAMPAIGN_OFFERS).fillna("")
    return {
        "campaigns": campaigns.assign(offer=offer),
        "offers": pd.DataFrame(
            OFFERS, columns=["offer_id", "name", "partner_gets", "kind", "cost_per_partner"]
        ),
    }
