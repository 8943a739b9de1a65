"""Parsing of messy export values: one parametrised table per kind of column."""

import pandas as pd
import pytest

from playbook import normalise


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1234", 1234.0),
        ("$1,234.50", 1234.5),
        ("(300)", -300.0),
        ("USD 2,000", 2000.0),
        ("12 USD", 12.0),
        ("-5", -5.0),
        ("  7 ", 7.0),
        ("1,000,000", 1_000_000.0),
    ],
)
def test_money_accepted(raw, expected):
    values, bad, _ = normalise.parse_number(pd.Series([raw]), money=True, currency="USD")
    assert not bad[0]
    assert values[0] == expected


@pytest.mark.parametrize("raw", ["1.234,56", "1,23", "€100", "abc", "12,34,5", "7%"])
def test_money_rejected_when_ambiguous_or_foreign(raw):
    values, bad, _ = normalise.parse_number(pd.Series([raw]), money=True, currency="USD")
    assert bad[0]
    assert pd.isna(values[0])


def test_blank_cells_are_missing_not_bad():
    values, bad, _ = normalise.parse_number(pd.Series(["", "NA", None, "n/a"]), money=True)
    assert values.isna().all()
    assert not bad.any()


def test_percent_accepts_sign():
    values, bad, changed = normalise.parse_number(pd.Series(["7%", "4"]), percent=True)
    assert list(values) == [7.0, 4.0]
    assert list(changed) == [True, False]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2024-03-31", "2024-03-31"),
        ("03/31/2024", "2024-03-31"),
        ("3/4/2024", "2024-03-04"),
        ("2024-01-05 00:00:00", "2024-01-05"),
    ],
)
def test_dates_accepted(raw, expected):
    values, bad, _ = normalise.parse_date(pd.Series([raw]))
    assert not bad[0]
    assert values[0] == pd.Timestamp(expected)


@pytest.mark.parametrize(
    "raw, expected, changed",
    [
        ("2024-01-02 13:45:00", "2024-01-02", True),
        ("2024-01-02T23:30:00Z", "2024-01-02", True),
        ("2024-01-02T13:45:00.000+0000", "2024-01-02", True),
        ("1/2/2024 1:45 PM", "2024-01-02", True),
        ("03/31/2024, 23:59", "2024-03-31", True),
        ("2024-01-05 00:00:00", "2024-01-05", False),
        ("2024-01-05 00:00", "2024-01-05", False),
    ],
)
def test_timestamps_keep_their_calendar_date(raw, expected, changed):
    values, bad, was_changed = normalise.parse_date(pd.Series([raw, "2024-01-01"]))
    assert not bad[0] and values[0] == pd.Timestamp(expected)
    assert was_changed[0] == changed


def test_day_first_timestamp():
    values, bad, _ = normalise.parse_date(pd.Series(["31.03.2024 13:45"]), "DMY")
    assert not bad[0] and values[0] == pd.Timestamp("2024-03-31")


@pytest.mark.parametrize("raw", ["2024-01-02 25:00", "2024-01-02 13:45 tomorrow", "1/2/2024 13:61"])
def test_timestamps_with_an_impossible_time_are_rejected(raw):
    _, bad, _ = normalise.parse_date(pd.Series([raw]))
    assert bad[0]


@pytest.mark.parametrize("raw", ["31/03/2024", "2024-02-30", "1/2/24", "March 3rd"])
def test_dates_rejected(raw):
    _, bad, _ = normalise.parse_date(pd.Series([raw]))
    assert bad[0]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("31/03/2024", "2024-03-31"),
        ("03/04/2024", "2024-04-03"),
        ("3.4.2024", "2024-04-03"),
        ("2024-03-31", "2024-03-31"),
    ],
)
def test_day_first_dates_accepted_when_the_workspace_says_so(raw, expected):
    values, bad, changed = normalise.parse_date(pd.Series([raw, "2024-01-01"]), "DMY")
    assert not bad[0] and values[0] == pd.Timestamp(expected)
    assert changed[0] == ("/" in raw or "." in raw)


@pytest.mark.parametrize("raw", ["03/31/2024", "30/02/2024", "1/2/24"])
def test_day_first_rejects_what_cannot_be_day_first(raw):
    _, bad, _ = normalise.parse_date(pd.Series([raw]), "DMY")
    assert bad[0]


def test_unknown_date_order_is_a_programming_error():
    with pytest.raises(ValueError, match="date_order"):
        normalise.parse_date(pd.Series(["2024-01-01"]), "YMD")


def test_enum_case_spaces_hyphens_and_aliases():
    values, bad, changed = normalise.parse_enum(
        pd.Series([" Won ", "closed-won", "LOST", "maybe", ""]),
        ("won", "lost"),
        {"closed_won": "won"},
    )
    assert list(values[:3]) == ["won", "won", "lost"]
    assert list(bad) == [False, False, False, True, False]
    assert changed[:3].all()


def test_enum_value_none_is_a_value_when_allowed():
    values, bad, _ = normalise.parse_enum(pd.Series(["None"]), ("none", "expert"))
    assert values[0] == "none" and not bad[0]


def test_bool_and_int():
    values, bad, _ = normalise.parse_bool(pd.Series(["Yes", "n", "TRUE", "maybe"]))
    assert list(values[:3]) == [True, False, True] and bad[3]
    ints, bad, _ = normalise.parse_int(pd.Series(["3", "1,000", "3.5"]))
    assert list(ints[:2]) == [3, 1000] and bad[2]


def test_month_accepts_date_and_truncates():
    values, bad, _ = normalise.parse_month(pd.Series(["2024-03", "2024-03-15", "03/2024"]))
    assert str(values[0]) == "2024-03" and str(values[1]) == "2024-03" and bad[2]


@pytest.mark.parametrize(
    "raw",
    [
        "9" * 400,
        "1e400",
        "Infinity",
        "-inf",
        "1,23,4",
        "1 234",
        "--5",
        "(-5)",
        "-(5)",
        "(-$5)",
        "٣",
    ],
)
def test_number_that_is_not_finite_ambiguous_or_unreadable_is_bad_never_blank(raw):
    values, bad, changed = normalise.parse_number(pd.Series([raw]), money=True, currency="USD")
    assert bad[0] and pd.isna(values[0]) and not changed[0]


@pytest.mark.parametrize(
    "raw, expected", [("１２３", 123.0), ("＄１，２００", 1200.0), ("（５）", -5.0)]
)
def test_full_width_number_reads_as_ascii(raw, expected):
    values, bad, changed = normalise.parse_number(pd.Series([raw]), money=True, currency="USD")
    assert (values[0], bad[0], changed[0]) == (expected, False, True)


def test_largest_number_has_fifteen_digits():
    values, bad, _ = normalise.parse_int(pd.Series(["999,999,999,999,999", "1000000000000000"]))
    assert list(bad) == [False, True]
    assert values[0] == 999_999_999_999_999 and pd.isna(values[1])


def test_canonical_token_of_a_long_repeating_column_is_computed_per_distinct_value():
    column = pd.Series([" Big Box ", "big-box", "X  y"] * 400, dtype=object, name="product")
    got = normalise.canonical_token(column)
    assert got.tolist() == ["big_box", "big_box", "x_y"] * 400
    assert got.name == "product" and got.index.equals(column.index)


def test_names_normalise_as_pythons_re_would_on_every_kind_of_space():
    """The name key keeps Python's ``\\s`` (every Unicode space) while pyarrow runs the
    patterns: worked out value by value with ``re`` and the documented steps."""
    import re

    from playbook.normalise import LEGAL_SUFFIXES

    suffix = r"(?:\s(?:" + "|".join(LEGAL_SUFFIXES) + r"))+$"

    def by_hand(v: str) -> str | None:
        s = v.lower().replace("&", " and ").replace(".", "")
        s = re.sub(r"[^\w]+", " ", s).strip()
        s = re.sub(r"^the\s", "", re.sub(suffix, "", s))
        s = re.sub(r"\s+", " ", s).strip()
        return s or None

    values = [
        "The\xa0Acme\u2003Inc",
        "ACME,\x0bInc.",
        "the  Foo\tLLC ltd",
        "Société\u3000Générale SA",
        "Thebes Co",
        "the\u1680x",
        "Ünïcode\x1cGmbH",
        "plain name",
    ]
    got = normalise.normalise_name(pd.Series(values)).tolist()
    assert got == [by_hand(v) for v in values]
    assert got[:4] == ["acme", "acme", "foo", "société générale"]
