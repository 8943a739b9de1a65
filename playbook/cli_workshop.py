"""``playbook workshop CLIENT``: a client's trends presented live (registered on the
``playbook`` group by :mod:`playbook.cli`; the work is :mod:`playbook.workshop`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from playbook import check_cache
from playbook.config import DEMO_WORKSPACE
from playbook.problems import Severity, printable
from playbook.problems import errors as problem_errors


@click.command()
@click.argument("workspace", type=click.Path(path_type=Path), default=DEMO_WORKSPACE)
@click.option(
    "--notebook",
    "first",
    default="",
    help="Open on this trend (e.g. 03) instead of the contents page; all trends are served.",
)
@click.option("--port", type=int, default=8866, show_default=True, help="Port to listen on.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default is reachable from this machine only.",
)
@click.option("--param", "params", multiple=True, help="NAME=VALUE for the trends, as in run.")
@click.option("--no-browser", is_flag=True, help="Print the address without opening a browser.")
def workshop(
    workspace: Path, first: str, port: int, host: str, params: tuple[str, ...], no_browser: bool
) -> None:
    """Present WORKSPACE's trends live in the browser, with no code on screen (Ctrl-C stops).

    Answers saved in the room are written into the workspace (the previous file kept in its
    .history folder), so the next `playbook run` reports them."""
    import signal

    from playbook import workshop as room
    from playbook.cli import _print_problems, _say
    from playbook.exceptions import RunError

    def stopped(*_):  # `kill`: stop like Ctrl-C, so the server and session folder go too
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stopped)
    checked = check_cache.check(workspace)
    if checked.workspace is None or any(p.level == Severity.ERROR for p in checked.problems):
        _print_problems(problem_errors(checked.problems))
        _say(f"{workspace}: not opened — the workspace has errors (see above).", style="red")
        sys.exit(1)
    try:
        with room.Room(checked.workspace, first, list(params), host, port) as live:
            if not room.is_loopback(host):
                _say(
                    f"Listening on {host}: anyone who can reach this machine sees the client's "
                    "data and can change its answers.",
                    style="yellow",
                )
            _say(f"Workshop for {checked.workspace.profile.name}: {live.address}", style="green")
            _say("Press Ctrl-C to stop.")
            if not no_browser:
                import webbrowser

                webbrowser.open(live.address)
            live.wait()
    except RunError as exc:
        raise click.UsageError(printable(str(exc))) from None
    except KeyboardInterrupt:
        _say("\nWorkshop stopped.")
