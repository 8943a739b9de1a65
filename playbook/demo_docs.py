"""The demo client's requirement criteria with a target and a description each (trend 1's
Requirements Documents): fixed values, no random draws, so every other demo table and figure
stays as it was (the weights, must-haves and minimums are those the fit scores always used)."""

from __future__ import annotations

#: What each demo criterion means and how the demo client scores it (0–5).
_DESCRIPTIONS = {
    "Technical capability": (
        "Can they build, integrate and support a solution on our products? 0: no technical "
        "staff; 3: an integration delivered with a comparable product; 5: certified "
        "developers and an integration with ours in production."
    ),
    "Market reach": (
        "How many of the customers we want can they reach: regions, industries and sales "
        "capacity. 5: strong in our target regions and industries."
    ),
    "Customer overlap": (
        "How many of their customers are our customers or prospects (report 02 counts the "
        "shared accounts). 5: a large share."
    ),
    "Cultural fit": (
        "Do they work as we do: open with information, quick to decide, willing to plan jointly."
    ),
    "Financial stability": (
        "Can they fund their side of the partnership for three years: revenue trend, "
        "profitability, funding."
    ),
}


def criteria() -> list[dict]:
    """The demo profile's ``requirement_criteria``: name, weight, must-have and minimum as
    before, plus a ``target`` (all but cultural fit, to show a criterion without one) and a
    ``description``."""
    rows = [
        {
            "name": "Technical capability",
            "weight": 3,
            "must_have": True,
            "min_score": 2,
            "target": 4,
        },
        {"name": "Market reach", "weight": 2, "target": 3},
        {"name": "Customer overlap", "weight": 3, "target": 3},
        {"name": "Cultural fit", "weight": 1},
        {
            "name": "Financial stability",
            "weight": 1,
            "must_have": True,
            "min_score": 2,
            "target": 3,
        },
    ]
    return [row | {"description": _DESCRIPTIONS[row["name"]]} for row in rows]
