"""Number formats in reports; every expected text written out by hand."""

import math

import pandas as pd

from playbook.formatting import (
    CELL_NAMES,
    MISSING,
    fmt_int,
    fmt_money,
    fmt_percent,
    fmt_ratio,
    format_frame,
    name_list,
)


def test_each_format_and_missing_as_a_dash():
    assert fmt_money(1234.5, "USD") == "USD\u00a01,234"  # round half to even: 1234.5 -> 1,234
    assert fmt_money(-163709, "EUR") == "\u2212EUR\u00a0163,709"  # one way: sign before currency
    assert fmt_money(-0.4, "EUR") == "EUR\u00a00"  # rounds to zero: no sign
    assert fmt_percent(-0.05) == "\u22125.0%" and fmt_percent(-0.00000001) == "0.0%"
    # a share too small for one decimal gets up to three more, to its first digit
    assert fmt_percent(-0.0001) == "\u22120.01%" and fmt_percent(0.000087) == "0.01%"
    assert fmt_percent(0.0004) == "0.04%" and fmt_percent(0.0000012) == "0.0001%"
    assert fmt_percent(0.0004, 0) == "0.04%" and fmt_percent(0.004, 0) == "0.4%"
    assert fmt_percent(0) == "0.0%" and fmt_percent(0, 0) == "0%"
    assert fmt_money(1234.567, "USD", decimals=2) == "USD\u00a01,234.57"
    assert fmt_ratio(3.4812) == "3.48" and fmt_ratio(12345.0, decimals=0) == "12,345"
    assert fmt_percent(0.123) == "12.3%" and fmt_percent(1) == "100.0%"
    assert fmt_int(1234.0) == "1,234"
    for fmt in (fmt_ratio, fmt_percent, fmt_int):
        assert fmt(None) == fmt(math.nan) == fmt(pd.NA) == MISSING == "\u2014"
    assert fmt_money(None, "USD") == MISSING


def test_format_frame_formats_named_columns_and_dashes_the_rest():
    frame = pd.DataFrame(
        {"name": ["A", None], "revenue": [1500.0, None], "share": [0.25, 0.5], "n": [3.0, 4.0]}
    )
    out = format_frame(frame, money=["revenue"], percent=["share"], integer=["n"], currency="GBP")
    assert out.to_dict("list") == {
        "name": ["A", MISSING],
        "revenue": ["GBP\u00a01,500", MISSING],
        "share": ["25.0%", "50.0%"],
        "n": ["3", "4"],
    }


# --------------------------------------------------------------------------- name_list

TWELVE = list("ABCDEFGHIJKL")


def test_name_list_names_the_first_limit_then_counts_the_rest():
    assert name_list(TWELVE, limit=5) == "A, B, C, D, E and 7 more"
    assert name_list(TWELVE) == "A, B, C, D, E and 7 more"  # prose default: 5
    assert name_list(TWELVE, limit=CELL_NAMES) == "A, B, C, D, E, F, G, H, I, J and 2 more"


def test_name_list_empty_one_and_exactly_limit():
    assert name_list([]) == ""
    assert name_list([], empty="—") == "—"
    assert name_list([None, float("nan"), ""], empty="—") == "—"  # blanks are no names
    assert name_list(["Solo"]) == "Solo"
    assert name_list(["Solo"], and_last=True) == "Solo"
    assert name_list(list("ABCDE"), limit=5) == "A, B, C, D, E"
    assert name_list(list("ABCDE"), limit=5, and_last=True) == "A, B, C, D and E"
    assert name_list(list("ABCDEF"), limit=5, and_last=True) == "A, B, C, D, E and 1 more"


def test_name_list_merges_repeated_names_and_keeps_the_count_true():
    # 3 × "Free track", 2 × "Bonus", then C, D, E, F: 9 values, 6 distinct texts.
    values = ["Free track", "Bonus", "Free track", "C", "Bonus", "Free track", "D", "E", "F"]
    assert name_list(values, limit=3) == "Free track ×3, Bonus ×2, C and 3 more"
    assert name_list(values, limit=6) == "Free track ×3, Bonus ×2, C, D, E, F"
    # the more counted are every appearance not named: 240 partners, 2 names named
    assert name_list(["X"] * 240 + ["Y"] * 240 + ["Z"] * 240, limit=2) == (
        "X ×240, Y ×240 and 240 more"
    )


def test_name_list_large_count_has_a_thousands_separator():
    names = [f"Partner {i}" for i in range(1239)]
    assert name_list(names, limit=5) == (
        "Partner 0, Partner 1, Partner 2, Partner 3, Partner 4 and 1,234 more"
    )
    assert name_list(["Same"] * 1234) == "Same ×1,234"


def test_name_list_other_separator_repeats_it_before_the_count():
    assert name_list(["a, b", "c", "d"], limit=2, sep="; ") == "a, b; c; and 1 more"
    assert name_list(["a, b", "c"], limit=2, sep="; ") == "a, b; c"
