"""Live widgets: the readiness form shows client text escaped and reports what Save did."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import HOSTILE_TEXT, TOKEN

from playbook import sources, widgets
from playbook.exceptions import ReadinessSaveError


@pytest.fixture(autouse=True)
def no_display(monkeypatch):
    monkeypatch.setattr(widgets, "display", lambda obj: None)


def form(item_id="R1", question="Is there a partner budget?", score=None, evidence=None):
    items = pd.DataFrame(
        {
            "item_id": [item_id, "R2"],
            "question": [question, "Who owns it?"],
            "score": [score, 3.0],
            "evidence": [evidence, "CFO"],
        }
    )
    return widgets.readiness_form("/nowhere", items)


def labels(box) -> list[str]:
    return [row.children[0].value for row in box.children[:-1]]


def save(box, monkeypatch, result) -> str:
    """Click Save with ``sources.save_answers`` returning ``result`` (raising it if an error);
    the status text shown."""

    def fake(workspace, answers):
        fake.answers = answers
        if isinstance(result, Exception):
            raise result
        return result

    monkeypatch.setattr(sources, "save_answers", fake)
    button, status = box.children[-1].children
    button.click()
    return status.value


def test_form_labels_markup():
    assert labels(form()) == ["<b>R1</b> Is there a partner budget?", "<b>R2</b> Who owns it?"]


def test_form_escapes_item_id():
    """The id was once put in the label unescaped; it is client text like the question."""
    box = form(item_id="<script>alert(1)</script>")
    assert labels(box)[0] == (
        "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b> Is there a partner budget?"
    )


def test_form_controls_start_from_the_saved_answers():
    box = form(score=4.0, evidence="board minutes")
    _, score, evidence = box.children[0].children
    assert score.value == 4 and evidence.value == "board minutes"
    _, score, evidence = form().children[0].children
    assert score.value == widgets.NOT_ANSWERED and evidence.value == ""
    assert score.label == "not answered"  # shown as such, never a blank box


def test_save_status_markup(monkeypatch):
    box = form()
    assert (
        save(box, monkeypatch, Path("/ws/readiness.csv"))
        == "Saved to /ws/readiness.csv. The previous answers are kept in /ws/.history. "
        "The next written report shows these answers."
    )
    assert (
        save(box, monkeypatch, ReadinessSaveError("unknown question ids: R9"))
        == "<b>Not saved:</b> unknown question ids: R9"
    )
    assert (
        save(box, monkeypatch, PermissionError("read-only workspace"))
        == "<b>Not saved:</b> read-only workspace"
    )


def test_save_passes_the_raw_ids_not_their_escaped_display(monkeypatch):
    box = form(item_id="R&D <1>")
    save(box, monkeypatch, Path("/ws/readiness.csv"))
    answers = sources.save_answers.answers
    assert list(answers["item_id"]) == ["R&D <1>", "R2"]
    assert answers["score"].isna().tolist() == [True, False] and answers["score"].iloc[1] == 3
    assert list(answers["evidence"]) == ["", "CFO"]


# --------------------------------------------------------------------------- escaping table

FRAGMENTS = {  # name -> the widget HTML showing client text `s`
    "label item_id": lambda s, mp: labels(form(item_id=s))[0],
    "label question": lambda s, mp: labels(form(question=s))[0],
    "saved path": lambda s, mp: save(form(), mp, Path("/ws") / s / "readiness.csv"),
    "not saved message": lambda s, mp: save(form(), mp, ReadinessSaveError(s)),
}


@pytest.mark.parametrize(("raw", "escaped"), HOSTILE_TEXT, ids=[r for r, _ in HOSTILE_TEXT])
@pytest.mark.parametrize("fragment", list(FRAGMENTS))
def test_every_widget_fragment_escapes_client_text(monkeypatch, fragment, raw, escaped):
    benign = FRAGMENTS[fragment](TOKEN, monkeypatch)
    html = FRAGMENTS[fragment](raw, monkeypatch)
    assert TOKEN in benign
    assert html == benign.replace(TOKEN, escaped)
    if raw != escaped:
        assert html.replace(escaped, "").count(raw) == benign.count(raw)


@pytest.fixture
def table(tiny):
    """The analytics drill-down of the tiny fixture over 2024."""
    from playbook import analytics
    from playbook.workspace import load_workspace

    ws = load_workspace(tiny)
    return analytics.drilldown(analytics.Inputs.from_workspace(ws), "2024-01-01", "2024-12-31")


def test_drilldown_widgets_drive_the_view(table):
    from playbook import widgets

    box = widgets.analytics_drilldown(table, "USD")
    level, area, metric = box.children[0].children
    assert level.value == "area" and metric.value == "revenue_per_person"
    level.value = "manager"  # the callback re-renders without error
    area.value = "North"
    assert [o for o in area.options] == ["(all)", "North", "South"]


def scored(scores: dict) -> pd.DataFrame:
    """Two dimensions' items as :func:`playbook.readiness.scored_items` gives them."""
    ids = list(scores)
    return pd.DataFrame(
        {
            "item_id": ids,
            "dimension": ["A" if i.startswith("A") else "B" for i in ids],
            "question": [f"question {i}" for i in ids],
            "score": [float("nan") if v is None else float(v) for v in scores.values()],
            "evidence": [None] * len(ids),
            "recommendation": [f"fix {i}" for i in ids],
        }
    )


def test_a_changed_answer_redraws_every_section_that_follows_it():
    """The live form: changing one score recomputes what follows from the answers as they
    stand (here the mean score), in every section; other answers are kept."""
    items = scored({"A1": 4, "A2": None, "B1": 1})
    answers = widgets.Answers(items)
    seen = []
    first = answers.follow(lambda it: seen.append(it["score"].mean()) or it["score"].mean())
    assert first == 2.5  # (4 + 1) / 2: the unanswered A2 is left out, never 0
    answers.set("A2", 5)
    answers.set("B1", None)
    assert seen == [2.5, 10 / 3, 4.5]  # (4+5+1)/3, then (4+5)/2
    assert list(answers.items["score"].fillna(-1)) == [4, 5, -1]
    assert list(items["score"].fillna(-1)) == [4, -1, 1]  # the starting answers untouched


def test_the_form_tells_the_answers_of_every_changed_score():
    items = scored({"A1": 4, "B1": 1})
    answers = widgets.Answers(items)
    box = widgets.readiness_form("/nowhere", items, on_change=answers.set)
    box.children[1].children[1].value = 3  # B1: 1 -> 3
    assert list(answers.items["score"]) == [4, 3]
    box.children[0].children[1].value = widgets.NOT_ANSWERED  # A1
    assert answers.items["score"].isna().tolist() == [True, False]
