"""Display helpers: client text escaped, long tables scroll but keep every row."""

import pandas as pd
import pytest

from playbook import display as show


@pytest.fixture
def shown(monkeypatch):
    out: list[str] = []
    monkeypatch.setattr(show, "display", lambda obj: out.append(obj.data))
    return out


def test_short_table_is_plain_and_escaped(shown):
    show.show_table(pd.DataFrame({"name": ["<b>x</b>"]}), caption="<i>c</i>")
    [html] = shown
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "&lt;i&gt;c&lt;/i&gt;" in html
    assert "playbook-scroll" not in html


def test_long_table_scrolls_and_keeps_every_row(shown):
    show.show_table(pd.DataFrame({"n": range(480)}), caption="Partners")
    [html] = shown
    assert "<b>Partners</b> (480 rows)" in html
    assert html.count("<tr") == 481  # header + every row
    assert html.startswith("<p>") and 'class="playbook-scroll"' in html
