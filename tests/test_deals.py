"""Shared deal concepts (playbook.deals)."""

import pandas as pd

from playbook import deals


def test_window_is_whole_months_ending_at_as_of():
    assert deals.window("2026-09-29", 12) == (pd.Timestamp("2025-10-01"),
                                              pd.Timestamp("2026-09-29"))
