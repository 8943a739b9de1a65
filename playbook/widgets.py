"""Interactive widgets for live sessions (``interactive=True``).

Widgets exist only in a live kernel; batch reports show static tables and charts instead. The
callbacks are plain functions in the calculation modules so tests can drive them.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from playbook import analytics, analytics_views, metrics, readiness
from playbook.display import show_table
from playbook.exceptions import ReadinessSaveError
from playbook.fragments import render


def draw(out: widgets.Output, section, *args):
    """Draw ``section(*args)`` into the output area ``out``, replacing what it showed; return
    what ``section`` returned.

    What ``section`` displays is captured and set as the area's outputs in one widget update,
    never by displaying inside the area (``with out:``) or clearing it: that routes the
    kernel's messages through the area while the page is being executed, which can leave
    Voilà's execution waiting for ever ("Executing 6 of 16": voila-dashboards/voila#1428,
    #1522; jupyter/nbclient#312)."""
    from IPython.utils.capture import capture_output

    with capture_output(stdout=False, stderr=False, display=True) as captured:
        result = section(*args)
    out.outputs = tuple(
        {"output_type": "display_data", "data": o.data, "metadata": o.metadata}
        for o in captured.outputs
    )
    return result


def analytics_drilldown(table: pd.DataFrame, currency: str) -> widgets.VBox:
    """Level / area / metric selectors over a :func:`playbook.analytics.drilldown` table."""
    level = widgets.Dropdown(options=list(analytics.LEVELS), value="area", description="Level")
    areas = sorted(a for a in table.loc[table["level"] == "area", "group"].unique())
    area = widgets.Dropdown(options=["(all)"] + areas, value="(all)", description="Area")
    metric = widgets.Dropdown(
        options=[(m.label, m.key) for m in metrics.METRICS],
        value="revenue_per_person",
        description="Sort by",
    )
    out = widgets.Output()

    def refresh(_=None):
        view = analytics_views.drilldown_view(
            table, level.value, None if area.value == "(all)" else area.value, metric.value
        )
        draw(out, show_table, analytics_views.level_view(view, level.value, currency))

    for w in (level, area, metric):
        w.observe(refresh, names="value")
    refresh()
    box = widgets.VBox([widgets.HBox([level, area, metric]), out])
    display(box)
    return box


def payback_controls(
    partners: pd.DataFrame,
    investments: pd.DataFrame,
    deals: pd.DataFrame,
    as_of,
    assumptions,
    currency: str,
) -> widgets.VBox:
    """Sliders for credit share and discount rate that recompute the investment table live."""
    from dataclasses import replace

    from playbook import payback, payback_views

    share = widgets.FloatSlider(
        value=assumptions.credit_share, min=0, max=1, step=0.05, description="Credit share"
    )
    rate = widgets.FloatSlider(
        value=assumptions.discount_rate, min=0, max=0.3, step=0.01, description="Discount rate"
    )
    out = widgets.Output()

    def refresh(_=None):
        a = replace(assumptions, credit_share=share.value, discount_rate=rate.value)
        table = payback.investment_table(partners, investments, deals, as_of, a)
        draw(out, show_table, payback_views.investment_view(table, currency))

    for w in (share, rate):
        w.observe(refresh, names="value")
    refresh()
    box = widgets.VBox([widgets.HBox([share, rate]), out])
    display(box)
    return box


def overlap_matrix_picker(
    matches: pd.DataFrame, ours: pd.DataFrame, per_partner: pd.DataFrame, min_count: int | None
) -> widgets.VBox:
    """A partner selector showing that partner's overlap matrix."""
    from playbook import overlap

    options = [
        (str(n), pid) for pid, n in zip(per_partner["partner_id"], per_partner["name"], strict=True)
    ]
    pick = widgets.Dropdown(options=options, description="Partner")
    out = widgets.Output()

    def refresh(_=None):
        matrix = overlap.matrix_view(overlap.overlap_matrix(matches, ours, pick.value), min_count)
        draw(out, lambda: show_table(matrix, index=True))

    pick.observe(refresh, names="value")
    refresh()
    box = widgets.VBox([pick, out])
    display(box)
    return box


#: The readiness form's choice for a question not answered. A value of its own, not ``None``
#: (a dropdown whose value is ``None`` shows nothing selected: a blank box in the room).
NOT_ANSWERED = ""


def answer(choice) -> int | None:
    """A readiness dropdown's choice as a score: 0–5, or ``None`` for not answered."""
    return None if choice == NOT_ANSWERED or choice is None else int(choice)


def readiness_form(workspace, items: pd.DataFrame, on_change=None) -> widgets.VBox:
    """Score the readiness assessment live; Save writes the workspace's readiness table
    (previous version kept) through :func:`playbook.sources.save_answers` and says where.

    ``on_change(item_id, score)`` is called whenever an answer's score changes (``None``:
    unanswered), so the scores can be recomputed on the spot (:class:`Answers`)."""
    from playbook import sources

    rows, controls = [], []
    for item in items.itertuples():
        score = widgets.Dropdown(
            options=[("not answered", NOT_ANSWERED)] + [(str(i), i) for i in range(6)],
            # several respondents' median may be a half point: the nearest score, half up
            value=NOT_ANSWERED if pd.isna(item.score) else int(float(item.score) + 0.5),
            layout=widgets.Layout(width="140px"),
        )
        if on_change is not None:
            score.observe(
                lambda change, item_id=item.item_id: on_change(item_id, answer(change["new"])),
                names="value",
            )
        evidence = widgets.Text(
            value="" if pd.isna(item.evidence) else str(item.evidence),
            placeholder="evidence",
            layout=widgets.Layout(width="260px"),
        )
        label = widgets.HTML(
            value=render(
                "fragments/readiness_label.html.j2", item_id=item.item_id, question=item.question
            ),
            layout=widgets.Layout(width="520px"),
        )
        rows.append(widgets.HBox([label, score, evidence]))
        controls.append((item.item_id, score, evidence))
    status = widgets.HTML()
    save = widgets.Button(description="Save answers", button_style="primary")

    def on_save(_):
        answers = pd.DataFrame(
            [(i, answer(s.value), e.value) for i, s, e in controls],
            columns=["item_id", "score", "evidence"],
        )
        try:
            path = sources.save_answers(workspace, answers)
            status.value = render(
                "fragments/readiness_status.html.j2",
                path=str(path),
                history=str(Path(path).parent / sources.HISTORY_DIR),
                error=None,
            )
        except (ReadinessSaveError, OSError) as exc:
            status.value = render(
                "fragments/readiness_status.html.j2", path=None, history=None, error=str(exc)
            )

    save.on_click(on_save)
    box = widgets.VBox(rows + [widgets.HBox([save, status])])
    display(box)
    return box


class Answers:
    """The readiness answers as they stand in the room: :attr:`items` (the question bank with
    the current scores, :func:`playbook.readiness.scored_items`) and the sections shown from
    them (:meth:`follow`), each redrawn whenever an answer changes in the form."""

    def __init__(self, items: pd.DataFrame):
        self.items = items.copy()
        self._redraws: list = []

    def set(self, item_id: str, score: float | None) -> None:
        """Change one answer (``None``: unanswered) and redraw every section that follows."""
        self.items = readiness.with_score(self.items, item_id, score)
        for redraw in self._redraws:
            redraw()

    def follow(self, section):
        """Show ``section(items)`` in an output area of its own, redrawn from the current
        answers on every change; return what its first drawing returned."""
        out = widgets.Output()
        display(out)

        def redraw():
            return draw(out, section, self.items)

        self._redraws.append(redraw)
        return redraw()


def readiness_session(workspace, items: pd.DataFrame) -> Answers:
    """The readiness form (:func:`readiness_form`) wired to an :class:`Answers`: a notebook
    shows its scores, radar and gap list through :meth:`Answers.follow`, so they follow every
    answer given in the room."""
    answers = Answers(items)
    readiness_form(workspace, items, on_change=answers.set)
    return answers
