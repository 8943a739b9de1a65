"""The headline registry: each figure read from ``results.json`` is the figure its report card
shows, and changes are worded and judged as a client reads them."""

import json

import pytest

from playbook import headlines
from playbook.headlines import HEADLINES_BY_KEY, change_text, shown, values, verdict


def test_every_headline_is_the_cards_figure(demo_run):
    """One truth: the registry's value, formatted, is the text the card shows under its label."""
    results = json.loads((demo_run / "results.json").read_text(encoding="utf-8"))
    found = values(results)
    for h in headlines.HEADLINES:
        card = results[h.notebook]["headline"]
        assert h.label in card, (h.key, card)
        assert found[h.key] is not None, h.key
        assert card[h.label].startswith(shown(h, found[h.key], "USD")), (h.key, card[h.label])


def test_demo_values_worked_out_by_hand(demo_run):
    """The demo's figures as the issue notes quote them."""
    found = values(json.loads((demo_run / "results.json").read_text(encoding="utf-8")))
    assert found["01.invested"] == 6_810_800
    assert found["01.paid_back"] == 19
    assert found["02.potential"] == 8_727_200
    assert round(found["03.index"]) == 59
    assert found["04.checklist"] == 0.5  # 9 of 18 items done
    assert found["05.revenue"] == 10_129_100
    assert found["06.quick_wins"] == 0.325  # 13 of 40
    assert (found["08.transaction"], found["08.value"]) == (10, 30)
    assert found["07.mindshare"] == 10  # of 40 partners measured, below their rating
    # 06: the four types' sourced revenue, 587,300 + 1,297,800 + 1,880,900 + 1,123,800
    assert found["06.sourced"] == 4_889_800


def test_a_missing_figure_is_none_never_zero():
    found = values({"05-analytics": {"figures": {"revenue": None}}})
    assert found["05.revenue"] is None


def test_mindshare_below_rating_counts_below_and_far_below_only():
    figures = {"Below the rating": 3, "Far below the rating": 1, "As rated": 5, "Not compared": 2}
    found = values({"07-partner-landscape": {"figures": {"mindshare": figures}}})
    assert found["07.mindshare"] == 4
    nobody = {"mindshare": {"Not compared": 4}}
    assert values({"07-partner-landscape": {"figures": nobody}})["07.mindshare"] is None
    assert found["01.invested"] is None  # report not in the run
    assert found["08.overdue"] is None


@pytest.mark.parametrize(
    ("key", "before", "now", "text", "judged"),
    [
        ("05.revenue", 100_000, 112_000, "+USD\u00a012,000", "better"),
        ("05.revenue", 112_000, 100_000, "\u2212USD\u00a012,000", "worse"),
        ("03.gaps", 7, 4, "\u22123", "better"),
        ("06.quick_wins", 0.30, 0.325, "+2.5 pts", "better"),
        ("03.index", 59.44, 59.2, "no change", "same"),
        ("01.invested", 100, 200, "+USD\u00a0100", ""),
        ("05.revenue", None, 100, "\u2014", ""),
    ],
)
def test_change_text_and_verdict(key, before, now, text, judged):
    h = HEADLINES_BY_KEY[key]
    delta = headlines.change(h, before, now)
    assert change_text(h, delta, "USD") == text
    assert verdict(h, delta) == judged


def test_a_median_of_counts_between_two_whole_numbers_keeps_its_half():
    """The portfolio's median of 'Paid back' over 11, 12, 19 and 20 clients' counts is 15.5,
    never cut to 15; a whole count shows without decimals."""
    paid_back = HEADLINES_BY_KEY["01.paid_back"]
    assert shown(paid_back, 15.5, "USD") == "15.5"
    assert shown(paid_back, 11.75, "USD") == "11.8"
    assert shown(paid_back, 12.0, "USD") == "12"
