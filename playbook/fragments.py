"""HTML fragments for notebooks and reports, rendered through autoescaping jinja2 templates.

Every piece of HTML the package shows (captions, text, lists, document sections, the notebook
header, the assumptions table, widget labels and messages) comes from a small template in
``playbook/templates/fragments/``. The environment escapes every value, so client text (partner
names, notes, ids) can never inject markup; only table bodies produced by pandas
(``DataFrame.to_html(escape=True)``, which escapes every cell) are passed in as
:class:`markupsafe.Markup`.
"""

from __future__ import annotations

from functools import cache

import jinja2

from playbook import palette
from playbook.config import TEMPLATES_DIR


@cache
def environment() -> jinja2.Environment:
    """The one shared environment over ``playbook/templates/``: autoescaping, strict undefined,
    :mod:`playbook.palette` as the global ``palette``."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["palette"] = palette  # the shared stylesheet (style/playbook.css.j2) reads it
    return env


def render(template_name: str, **context) -> str:
    """Render ``template_name`` (relative to ``playbook/templates/``, e.g.
    ``"fragments/text.html.j2"``) with ``context``; every value is HTML-escaped."""
    return environment().get_template(template_name).render(**context)
