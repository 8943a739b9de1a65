"""The demo client's trend 7 additions: stack positions, where the program sits, and the
answers to the outsourcing question set.

Drawn from a generator of its own (:data:`SEED`), never from the demo's main stream, so every
other table of the demo stays as it was. The story:

* **Stack**: integrators and marketplaces sit *above* us (they implement and sell Lumenar ERP),
  cloud platforms *below* (Lumenar runs on them), ISVs mostly *beside* us (complementary
  products; a third build on our platform, above us); about one partner in twenty-five is not
  placed yet. So the program reaches both up and down the stack.
* **Reporting lines**: the program reports into business development (where seven of its ten
  people sit in the staff file) and works with sales and marketing, but not with product
  management: one of the seed report's two lines of advice is met.
* **Outsourcing**: scored in the workshop; no provider quote yet (cost left blank), speed not
  applicable (the program has run since 2021); the answers make a partial case.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SEED = 7007

#: Partner type → (stack positions, their probabilities).
_STACK = {
    "integrator": (("above",), (1.0,)),
    "ecosystem": (("above",), (1.0,)),
    "platform": (("below",), (1.0,)),
    "isv": (("beside", "above"), (0.65, 0.35)),
}
#: Share of partners left without a stack position (not placed yet).
_UNPLACED = 0.04

#: ``profile.yaml`` keys of the demo client added here.
PROFILE = {
    "program_organisation": {
        "reports_to": "business_development",
        "integrated_with": ["sales", "marketing"],
    }
}

#: The outsourcing answers scored with the client (``outsourcing.csv``).
OUTSOURCING = pd.DataFrame(
    [
        ("capacity", 4, "", "Quarterly reviews with the smaller partners keep slipping"),
        ("skills", 2, "", "Two channel managers ran partner programs before"),
        ("speed", "", "yes", "The program has run since 2021"),
        ("cost", "", "", "No provider quote yet"),
        ("focus", 1, "", "Partnering is part of the product strategy"),
        ("reach", 4, "", "No partner serves energy; APAC is thin"),
        ("contacts", 3, "", ""),
        ("control", 3, "", "Contracts would stay with us; partner data is the open question"),
    ],
    columns=["item_id", "score", "not_applicable", "evidence"],
)


def stack_positions(partners: pd.DataFrame) -> pd.Series:
    """A stack position per partner, by type (module docstring); "" when not placed."""
    rng = np.random.default_rng(SEED)
    out = []
    for ptype in partners["type"]:
        values, probs = _STACK[ptype]
        pick = str(rng.choice(values, p=probs))
        out.append("" if rng.random() < _UNPLACED else pick)
    return pd.Series(out, index=partners.index)


def extend(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The demo's tables with the stack position column added to ``partners`` and the
    ``outsourcing`` answers added."""
    partners = tables["partners"]
    return {
        **tables,
        "partners": partners.assign(stack_position=stack_positions(partners)),
        "outsourcing": OUTSOURCING,
    }
