"""The one jinja2 environment every HTML fragment is rendered through."""

import jinja2
import pytest

from playbook import fragments


def test_one_cached_autoescaping_strict_environment():
    env = fragments.environment()
    assert env is fragments.environment()
    assert env.autoescape is True and env.undefined is jinja2.StrictUndefined
    assert fragments.render("fragments/text.html.j2", text="<x>", heading="") == "<p>&lt;x&gt;</p>"


def test_a_missing_template_value_is_an_error_not_blank():
    with pytest.raises(jinja2.UndefinedError):
        fragments.render("fragments/text.html.j2", text="x")
