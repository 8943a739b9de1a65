"""The two guards on client text we output: :func:`printable` for the terminal and
:func:`formula_safe` for CSV cells."""

from __future__ import annotations

import pytest

from playbook.problems import formula_safe, printable


@pytest.mark.parametrize(
    "text, shown",
    [
        ("a\x1b]0;title\x07b", "a\\x1b]0;title\\x07b"),  # OSC: retitle the window
        ("\x1b[2J", "\\x1b[2J"),  # clear the screen
        ("x\x9b2Jy", "x\\x9b2Jy"),  # C1 CSI, one byte
        ("over\rwrite\x08\x7f", "over\\x0dwrite\\x08\\x7f"),  # CR, backspace, DEL
        ("abc\u202edef", "abc\\u202edef"),  # right-to-left override
        ("two\nlines\tand a tab, Zoë ÄÖ €", "two\nlines\tand a tab, Zoë ÄÖ €"),
    ],
)
def test_printable_shows_control_characters_as_escapes(text, shown):
    assert printable(text) == shown


@pytest.mark.parametrize(
    "value, written",
    [
        ("=1+1", "'=1+1"),
        ("+P002", "'+P002"),
        ("-5", "'-5"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        ("", ""),
        (5, 5),
        (None, None),
    ],
)
def test_formula_safe_prefixes_a_quote_to_what_a_spreadsheet_would_run(value, written):
    assert formula_safe(value) == written
