"""Display helpers: client text escaped, long tables scroll but keep every row."""

import re

import pandas as pd
import pytest
from conftest import HOSTILE_TEXT, TOKEN

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


def test_long_table_shows_its_first_rows_and_says_where_the_rest_are(shown):
    show.show_table(pd.DataFrame({"n": range(480, 0, -1)}), caption="Partners")
    [html] = shown
    assert "<b>Partners</b> (480 rows)" in html
    assert html.count("<tr") == 51  # header + the first 50 rows, in the caller's order
    assert "<td>480</td>" in html and "<td>431</td>" in html and "<td>430</td>" not in html
    assert html.startswith('<p class="playbook-caption">') and 'class="playbook-scroll"' in html
    assert html.endswith(
        '<p class="playbook-more">Showing the first 50 of 480 rows, in the order above; all 480 '
        "are in the Excel workbook (results.xlsx), on this table's sheet.</p>"
    )
    [recorded] = show.recorded_tables()[-1:]
    assert len(recorded["rows"]) == 480  # the workbook keeps every row


def test_table_of_exactly_screen_rows_is_whole(shown):
    frame = pd.DataFrame({"n": range(show.SCREEN_ROWS)})
    show.show_table(frame, caption="Partners")
    [html] = shown
    assert html.count("<tr") == show.SCREEN_ROWS + 1 and "Showing the first" not in html


# --------------------------------------------------------------------------- exact markup

SCROLL = '<div class="playbook-scroll" style="max-height:38em;overflow:auto">'
MORE = (
    '<p class="playbook-more">Showing the first 50 of 1,200 rows, in the order above; all 1,200 '
    "are in the Excel workbook (results.xlsx), on this table's sheet.</p>"
)


def test_table_markup_with_and_without_caption(shown):
    short = pd.DataFrame({"n": [1, 2]})
    long = pd.DataFrame({"n": range(1200)})
    show.show_table(short)
    show.show_table(short, caption="Top partners")
    show.show_table(long, caption="Partners")
    show.show_table(long)
    assert shown == [
        show.table_html(short),
        '<p class="playbook-caption"><b>Top partners</b></p>' + show.table_html(short),
        '<p class="playbook-caption"><b>Partners</b> (1,200 rows)</p>'
        + SCROLL
        + show.table_html(long.head(50))
        + "</div>"
        + MORE,
        SCROLL + show.table_html(long.head(50)) + "</div>" + MORE,
    ]


def test_table_of_exactly_scroll_rows_does_not_scroll(shown):
    frame = pd.DataFrame({"n": range(show.SCROLL_ROWS)})
    show.show_table(frame, caption="Partners")
    assert shown == ['<p class="playbook-caption"><b>Partners</b></p>' + show.table_html(frame)]


def test_text_and_list_markup(shown):
    show.show_text("Revenue grew.")
    show.show_text("Revenue grew.", heading="Finding")
    show.show_list(["North", "South"])
    show.show_list(["North"], heading="Areas")
    show.show_list([])
    assert shown == [
        "<p>Revenue grew.</p>",
        "<h4>Finding</h4><p>Revenue grew.</p>",
        "<ul><li>North</li><li>South</li></ul>",
        "<h4>Areas</h4><ul><li>North</li></ul>",
        "<ul></ul>",
    ]


def test_not_supplied_markup_names_the_file_and_columns_that_would_fill_it(shown):
    show.not_supplied("staff")
    show.not_supplied("partners", "Interest and influence grid", ("interest", "influence"))
    assert shown == [
        '<p class="playbook-gap"><b>This section: not shown</b> — no staff.csv was supplied; '
        "fill staff.csv (columns staff_id, area) to show it.</p>",
        '<p class="playbook-gap"><b>Interest and influence grid: not shown</b> — partners.csv '
        "has no value in interest and influence; fill columns interest and influence of "
        "partners.csv to show it.</p>",
    ]


def test_every_kind_of_missing_cell_shows_as_a_dash():
    """pandas writes na_rep for NaN only: None showed as "None" (07's starting point with a
    blank category) and pd.NA as "<NA>"; dates and floats keep their own formatting."""
    frame = pd.DataFrame(
        {
            "text": pd.array(["x", None], dtype="string"),
            "object": [None, "y"],
            "float": [1.5, float("nan")],
            "int": pd.array([1, None], dtype="Int64"),
            "date": [pd.Timestamp("2024-01-01"), pd.NaT],
        }
    )
    cells = re.findall(r"<td>(.*?)</td>", show.table_html(frame))
    assert cells == ["x", "—", "1.5", "1", "2024-01-01", "—", "y", "—", "—", "—"]


def test_an_empty_table_is_one_line_not_a_header_over_nothing(shown):
    show.show_table(pd.DataFrame({"Partner": []}), caption="Slowest partners")
    show.show_table(pd.DataFrame({"Partner": []}))
    assert shown == ["<p>Slowest partners — none.</p>", "<p>Nothing to list.</p>"]


def test_documents_markup_with_missing_values_as_dashes(shown):
    docs = [
        {"name": "Alpha Apps", "area": "North", "notes": None},
        {"name": 7, "area": float("nan")},
    ]
    show.show_documents(docs, "name", {"area": "Area", "notes": "Notes"})
    show.show_documents([], "name", {"area": "Area"})
    assert shown == [
        '<section class="playbook-doc"><h4>Alpha Apps</h4><table><tr><th>Area</th><td>North</td>'
        "</tr><tr><th>Notes</th><td>—</td></tr></table></section>"
        '<section class="playbook-doc"><h4>7</h4><table><tr><th>Area</th><td>—</td></tr>'
        "<tr><th>Notes</th><td>—</td></tr></table></section>",
        "",
    ]


def test_header_markup(shown):
    show.show_header("Tiny Test Co", pd.Timestamp("2024-06-30 15:00"), "USD", "05 · Analytics")
    show.show_header(
        "C",
        "2024-06-30",
        "EUR",
        "Analytics",
        "2023-07-01 to 2024-06-30 (12 months)",
        "the latest deal date in the data",
    )
    assert shown == [
        '<div class="playbook-header" data-client="Tiny Test Co" data-title="05 · Analytics">'
        '<dl class="playbook-facts">\n<div><dt>Client</dt><dd>Tiny Test Co</dd></div>\n'
        "<div><dt>Figures as of</dt><dd>2024-06-30</dd></div>\n"
        "<div><dt>Currency</dt><dd>USD</dd></div>\n</dl></div>",
        '<div class="playbook-header" data-client="C" data-title="Analytics">'
        '<dl class="playbook-facts">\n<div><dt>Client</dt><dd>C</dd></div>\n'
        "<div><dt>Figures as of</dt><dd>2024-06-30 (the latest deal date in the data)</dd></div>\n"
        "<div><dt>Currency</dt><dd>EUR</dd></div>\n"
        "<div><dt>Reporting window</dt><dd>2023-07-01 to 2024-06-30 (12 months)</dd></div>\n"
        "</dl></div>",
    ]


def test_header_notes_on_the_data_in_client_words(shown):
    show.show_header(
        "C",
        "2024-06-30",
        "USD",
        "nb",
        notes=[
            "deals.amount: open deals without an amount: pipeline value unknown (3 rows)",
            "accounts.account_id: no accounts table: one account per distinct "
            "deals.account_id, named by its id (12 rows)",
            "deals.partner_id: 2 partner names read as partners (5 rows; each listed by "
            "playbook check)",
        ],
    )
    [html] = shown
    assert '<section class="playbook-notes"><h2>Notes on the data</h2>' in html
    assert "<li>Amount in deals: open deals without an amount: pipeline value unknown " in html
    assert (
        "<li>Account id in accounts: no accounts table: one account per distinct account id "
        "in deals, named by its id (12 rows)</li>"
    ) in html
    assert "(5 rows; each listed by the data check)" in html
    assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b", re.sub(r"<[^>]+>", "", html))


# --------------------------------------------------------------------------- the environment


# --------------------------------------------------------------------------- escaping table
# Every fragment x hostile client strings: the value must come out escaped wherever it lands,
# and the output must be exactly the benign output with the value replaced by its escaped form.


FRAGMENTS = {  # name -> show the client text `s` through that fragment
    "table caption": lambda s: show.show_table(pd.DataFrame({"n": [1]}), caption=s),
    "long table caption": lambda s: show.show_table(pd.DataFrame({"n": range(30)}), caption=s),
    "text": lambda s: show.show_text(s),
    "text heading": lambda s: show.show_text("t", heading=s),
    "list item": lambda s: show.show_list(["a", s]),
    "list heading": lambda s: show.show_list(["a"], heading=s),
    "not supplied": lambda s: show.not_supplied("staff", s),
    "document title": lambda s: show.show_documents([{"t": s, "a": "v"}], "t", {"a": "A"}),
    "document label": lambda s: show.show_documents([{"t": "T", "a": "v"}], "t", {"a": s}),
    "document value": lambda s: show.show_documents([{"t": "T", "a": s}], "t", {"a": "A"}),
    "header client": lambda s: show.show_header(s, "2024-06-30", "USD", "nb"),
    "header currency": lambda s: show.show_header("C", "2024-06-30", s, "nb"),
    "header title": lambda s: show.show_header("C", "2024-06-30", "USD", s),
    "header window": lambda s: show.show_header("C", "2024-06-30", "USD", "nb", s),
    "header as-of note": lambda s: show.show_header("C", "2024-06-30", "USD", "nb", "", s),
    "header note": lambda s: show.show_header("C", "2024-06-30", "USD", "nb", notes=[s]),
}


def assert_escaped(html: str, benign: str, raw: str, escaped: str) -> None:
    """``html`` shows ``raw`` only as ``escaped``, exactly where ``benign`` shows TOKEN."""
    assert TOKEN in benign
    assert html == benign.replace(TOKEN, escaped)
    assert escaped in html
    if raw != escaped:  # what is left once the escaped form is taken out has no raw copy
        assert html.replace(escaped, "").count(raw) == benign.count(raw)


@pytest.mark.parametrize(("raw", "escaped"), HOSTILE_TEXT, ids=[r for r, _ in HOSTILE_TEXT])
@pytest.mark.parametrize("fragment", list(FRAGMENTS))
def test_every_fragment_escapes_client_text(shown, fragment, raw, escaped):
    FRAGMENTS[fragment](TOKEN)
    FRAGMENTS[fragment](raw)
    benign, html = shown
    assert_escaped(html, benign, raw, escaped)


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('"><img src=x onerror=alert(1)>', '"&gt;&lt;img src=x onerror=alert(1)&gt;'),
        ("&amp;", "&amp;amp;"),
    ],
)
def test_table_cells_and_headers_are_escaped_by_pandas(shown, raw, escaped):
    """Table bodies come from pandas (escapes <, > and &; quotes are harmless in text)."""
    show.show_table(pd.DataFrame({raw: [raw]}))
    [html] = shown
    assert html.count(escaped) == 2 and raw not in html.replace(escaped, "")


def test_many_documents_show_the_first_and_record_all_for_the_workbook(shown):
    docs = [{"name": f"P{i}", "goal": "grow"} for i in range(30)]
    show.forget_tables()
    show.show_documents(docs, title_field="name", fields={"goal": "Goal"}, caption="Personas")
    cards, note = shown
    assert cards.count("<h4") + cards.count("<h3") >= 1 and "P24" in cards and "P25" not in cards
    assert note == (
        "<p>Showing the first 25 of 30; all 30 are in the Excel workbook (results.xlsx).</p>"
    )
    [table] = show.recorded_tables()
    assert table["caption"] == "Personas" and table["columns"] == ["Name", "Goal"]
    assert len(table["rows"]) == 30 and table["rows"][29] == ["P29", "grow"]


def test_a_chart_is_an_image_whose_alt_text_is_its_title_escaped(shown):
    """The chart's title (wrapped over two lines on the chart) is its alt text on one line."""
    import matplotlib.pyplot as plt

    plt.close("all")  # figures other tests left open are not this one's to free
    fig, ax = plt.subplots()
    ax.set_title('Acme <b>"&"</b> signs\nthe most')
    show.show_figure(fig)
    [html] = shown
    assert html.startswith('<img src="data:image/png;base64,iVBOR')
    assert html.endswith('alt="Acme &lt;b&gt;&#34;&amp;&#34;&lt;/b&gt; signs the most">')
    assert not plt.get_fignums()  # freed


def test_the_matrix_shows_as_many_columns_as_the_caller_allows(shown):
    """13 columns (a partner and 12 components): 8 by default, the rest named as in the
    workbook; all 13 with ``max_columns=13``."""
    frame = pd.DataFrame([[f"v{i}" for i in range(13)]], columns=[f"c{i}" for i in range(13)])
    show.show_table(frame)
    assert "<th>c7</th>" in shown[0] and "<th>c8</th>" not in shown[0]
    assert "5 more columns in the Excel workbook" in shown[0]
    show.show_table(frame, max_columns=13)
    assert "<th>c12</th>" in shown[1] and "more column" not in shown[1]
