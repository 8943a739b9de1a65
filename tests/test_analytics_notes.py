"""Trend 5 report notes: the definitions are the docstring's bullets."""

import re

from playbook import analytics_notes


def test_definitions_are_the_docstring_bullets_as_plain_text():
    text = analytics_notes.definitions()
    assert len(text) == analytics_notes.__doc__.split("Definitions")[1].count("\n* ")
    assert not any("``" in t or "**" in t or ":func:" in t for t in text)
    # codes in plain words: a column with its file, a bare code as words
    assert not any(re.search(r"\b[a-z]+_[a-z_]+\b", t) for t in text)
    joined = " ".join(text)
    for decision in (
        "divided by program revenue",
        "missing when any of its program deals leaves the value blank",
        "counts as 1.0 FTE",
        "A person whose end date is the last day counts",
        "an inactive partner without one has no known active period",
        "current value only",
        "the areas add up to the whole program",
        "blank levels are left out",
    ):
        assert decision in joined, decision
