"""Interactive widgets for live sessions (``interactive=True``).

Widgets exist only in a live kernel; batch reports show static tables and charts instead. The
callbacks are plain functions in the calculation modules so tests can drive them.
"""

from __future__ import annotations

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from playbook import analytics, analytics_views, metrics
from playbook.display import show_table
from playbook.exceptions import ReadinessSaveError
from playbook.fragments import render


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
        with out:
            out.clear_output()
            show_table(analytics_views.level_view(view, level.value, currency))

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
        with out:
            out.clear_output()
            show_table(payback_views.investment_view(table, currency))

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
        with out:
            out.clear_output()
            show_table(
                overlap.matrix_view(overlap.overlap_matrix(matches, ours, pick.value), min_count),
                index=True,
            )

    pick.observe(refresh, names="value")
    refresh()
    box = widgets.VBox([pick, out])
    display(box)
    return box


def readiness_form(workspace, items: pd.DataFrame) -> widgets.VBox:
    """Score the readiness assessment live; Save writes the workspace's readiness table
    (previous version kept) through :func:`playbook.sources.save_answers`."""
    from playbook import sources

    rows, controls = [], []
    for item in items.itertuples():
        score = widgets.Dropdown(
            options=[("not answered", None)] + [(str(i), i) for i in range(6)],
            value=None if pd.isna(item.score) else int(item.score),
            layout=widgets.Layout(width="140px"),
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
            [(i, s.value, e.value) for i, s, e in controls],
            columns=["item_id", "score", "evidence"],
        )
        try:
            path = sources.save_answers(workspace, answers)
            status.value = render("fragments/readiness_status.html.j2", path=str(path), error=None)
        except (ReadinessSaveError, OSError) as exc:
            status.value = render("fragments/readiness_status.html.j2", path=None, error=str(exc))

    save.on_click(on_save)
    box = widgets.VBox(rows + [widgets.HBox([save, status])])
    display(box)
    return box
