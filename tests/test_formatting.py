"""Number formats in reports; every expected text written out by hand."""

import math

import pandas as pd

from playbook.formatting import MISSING, fmt_int, fmt_money, fmt_percent, fmt_ratio, format_frame


def test_each_format_and_missing_as_a_dash():
    assert fmt_money(1234.5, "USD") == "USD\u00a01,234"  # round half to even: 1234.5 -> 1,234
    assert fmt_money(-163709, "EUR") == "\u2212EUR\u00a0163,709"  # one way: sign before currency
    assert fmt_money(-0.4, "EUR") == "EUR\u00a00"  # rounds to zero: no sign
    assert fmt_percent(-0.05) == "\u22125.0%" and fmt_percent(-0.0001) == "0.0%"
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
