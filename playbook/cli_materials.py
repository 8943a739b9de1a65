"""``playbook materials CLIENT``: the printable, editable workshop materials of a client
(registered on the ``playbook`` group by :mod:`playbook.cli`; what they hold is
:mod:`playbook.materials`, the files :mod:`playbook.materials_files`)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from playbook import check_cache
from playbook.config import DEMO_WORKSPACE
from playbook.exceptions import NotebookInputError
from playbook.labels import plural
from playbook.problems import errors as problem_errors
from playbook.problems import printable
from playbook.requirements_document import write_requirement_documents

#: Where ``playbook materials`` writes by default: ``materials/<client_id>`` under the current
#: folder (never inside the workspace, whose own files they are not).
DEFAULT_MATERIALS_DIR = Path("materials")
#: The sub-folder of the materials holding the Partner Requirements Documents (Word).
REQUIREMENTS_DIR = "requirements"


def _as_of(ws, as_of: str):
    """The as-of date the materials state, as the reports take it: ``as_of`` (YYYY-MM-DD),
    else the latest deal date, else today."""
    import pandas as pd

    from playbook.deals import latest_deal_date
    from playbook.params import parse_as_of

    if as_of:
        return parse_as_of(as_of)
    latest = latest_deal_date(ws.table("deals"))
    return pd.Timestamp.today().normalize() if latest is None else latest


@click.command()
@click.argument("workspace", type=click.Path(path_type=Path), default=DEMO_WORKSPACE)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write into [default: materials/CLIENT_ID under the current folder].",
)
@click.option("--as-of", "as_of", default="", help="YYYY-MM-DD; default: the latest deal date.")
@click.option("--replace", is_flag=True, help="Overwrite materials written there before.")
def materials(workspace: Path, out: Path | None, as_of: str, replace: bool) -> None:
    """Write WORKSPACE's workshop materials: the agenda with the pre-work of each trend, the
    readiness questionnaire (one per respondent, pre-filled), the channel checklist and the
    partner plans, each as a printable page and an editable Excel file; and a Partner
    Requirements Document per partner (Word) with a blank one for a new partner."""
    from playbook import materials_files
    from playbook.cli import _print_problems, _say

    checked = check_cache.check(workspace)
    ws = checked.workspace
    if ws is None:  # no readable profile: nothing to write the materials for
        _print_problems(problem_errors(checked.problems))
        _say(f"{workspace}: no materials written — the workspace cannot be read (see above).")
        sys.exit(1)
    errors = problem_errors(checked.problems)
    if errors:  # a workspace being filled in: the agenda says what is still missing
        _say(
            f"{workspace}: {plural(len(errors), 'error')} (`playbook check` lists them); the "
            "materials are written from the rows that could be read, and the agenda marks what "
            "is missing."
        )
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", ws.profile.client_id).strip(".-") or "client"
    folder = out if out is not None else DEFAULT_MATERIALS_DIR / safe
    taken = [folder / f for f in materials_files.FILES.values() if (folder / f).exists()]
    if (folder / REQUIREMENTS_DIR).exists():
        taken.append(folder / REQUIREMENTS_DIR)
    if taken and not replace:
        raise click.ClickException(
            printable(
                f"{folder} already holds materials ({', '.join(f.name for f in taken)}); "
                "they may be filled in: choose another --out, or --replace to overwrite them"
            )
        )
    try:
        day = _as_of(ws, as_of)
    except NotebookInputError as exc:
        raise click.ClickException(printable(str(exc))) from None
    written = materials_files.write_materials(ws, folder, day.date().isoformat())
    documents = write_requirement_documents(ws, folder / REQUIREMENTS_DIR, day)
    _say(f"Workshop materials for {ws.profile.name} written to {folder}:")
    for file in written:
        _say(f"  {file.name}")
    _say(
        f"  {REQUIREMENTS_DIR}/: {plural(len(documents) - 1, 'Partner Requirements Document')} "
        "(Word, one per partner or candidate with scores) and a blank one for a new partner"
    )
