"""``playbook workshop CLIENT``: the eight trends served live for one client, with no code on
screen, for a consultant walking the client through them.

The engine is `Voilà <https://voila.readthedocs.io>`_ (notebooks as web applications, code
hidden). The committed notebooks are never edited: :func:`prepare` writes a *session folder*
(a temporary folder, removed when the workshop stops) holding

* a copy of each selected notebook with the client's parameters injected after its parameters
  cell by papermill's :func:`~papermill.parameterize.parameterize_notebook` (``workspace``: the
  client's folder, absolute; ``interactive = True`` where the notebook declares it; any
  ``--param`` values), exactly as ``playbook run`` injects its own, and the page's navigation
  (contents, previous and next trend) on top;
* ``00-contents.ipynb``, the contents page: the client's name and the trends in order, each a
  link to its page (rendered through the autoescaping templates, so client text is escaped,
  and kept as a markdown cell: see :func:`markdown_cell`);
* a Jupyter kernel spec running this interpreter (so the ``playbook`` package the command runs
  is the one the pages compute with, whatever other ``python3`` kernels the machine has), and a
  Voilà template, the ``lab`` one without the icons it fetches from a CDN and with the reports'
  stylesheet, so the pages work offline and look like the written reports.

The server listens on loopback (``127.0.0.1``) unless another address is given; the command
prints the contents page's address (:func:`url`). What a client changes in the room is saved
into the workspace itself (the readiness form, :func:`playbook.widgets.readiness_form`), so the
next ``playbook run CLIENT`` reports it.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from playbook.config import PACKAGE_DIR
from playbook.exceptions import RunError
from playbook.fragments import render
from playbook.params import declared

#: The name of the kernel spec and of the Voilà template a session folder holds.
KERNEL = "playbook-workshop"
TEMPLATE = "playbook-workshop"
#: The contents page's notebook in a session folder.
CONTENTS = "00-contents.ipynb"
#: Voilà's default port; ``--port`` chooses another.
DEFAULT_PORT = 8866

#: The Voilà lab template's stylesheet links to a CDN (icon font); a workshop page fetches
#: nothing from outside, so the session's template drops them (the widgets use no icon).
_CDN_LINKS = (
    '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@^5/'
    'css/all.min.css" type="text/css" />',
    '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@^5/'
    'css/v4-shims.min.css" type="text/css" />',
)


@dataclass(frozen=True)
class Page:
    """One trend page of a session: its number (``"03"``), title and notebook file name."""

    number: str
    title: str
    file: str


@dataclass(frozen=True)
class Session:
    """A prepared session folder: where it is, the client's name and its trend pages in order."""

    folder: Path
    client: str
    pages: tuple[Page, ...]


def title_of(notebook: dict) -> str:
    """A notebook's title: its first heading without the ``NN ·`` number (``"Readiness
    assessment"``), or its file name's words when it has no heading."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown" and cell["source"].lstrip().startswith("# "):
            line = cell["source"].lstrip()[2:].splitlines()[0].strip()
            return line.split("·", 1)[1].strip() if "·" in line else line
    return ""


def _title(notebook: Path) -> str:
    """The title of a committed notebook (:func:`title_of`), else its file name's words."""
    import nbformat

    return title_of(nbformat.read(notebook, as_version=4)) or notebook.stem[3:].replace("-", " ")


def session_parameters(notebook: Path, workspace: Path, extra: dict | None = None) -> dict:
    """The values injected into one notebook of a session: ``workspace`` (absolute),
    ``interactive = True`` when the notebook declares ``interactive``, and the ``extra`` values
    (already checked by :func:`playbook.params.parse_params`) for that notebook."""
    params = {"workspace": str(Path(workspace).resolve())}
    if "interactive" in declared(notebook):
        params["interactive"] = True
    params.update(extra or {})
    return params


def markdown_cell(html: str):
    """A markdown cell holding ``html`` (already escaped: from a template of ours) on one line.

    Voilà renders markdown cells on the server, links as written (a link in a code cell's
    output would open a new browser tab for every trend). One line, so no blank line in client
    text can end the HTML block and let markdown read the rest."""
    import nbformat

    return nbformat.v4.new_markdown_cell(" ".join(html.split("\n")))


def _session_copy(notebook: Path, params: dict, nav: str):
    """``notebook`` with ``params`` injected after its parameters cell, the page's navigation
    ``nav`` (HTML) on top, and the session's kernel spec named in its metadata."""
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    nb = load_notebook_node(str(notebook))
    nb = parameterize_notebook(nb, params, kernel_name="python3", language="python")
    nb.cells.insert(0, markdown_cell(nav))
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Playbook", "language": "python"}
    return nb


def contents_notebook(client: str, pages: list[dict]):
    """The contents page: one markdown cell, :func:`contents_html`."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells.append(markdown_cell(contents_html(client, pages)))
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Playbook", "language": "python"}
    return nb


def contents_html(client: str, pages: list[dict]) -> str:
    """The contents page's HTML: the client's name and a link per trend page, in order (each
    ``{"number", "title", "file"}``); every value escaped."""
    return render("fragments/workshop_contents.html.j2", client=client, pages=pages)


def nav_html(pages: list[dict], number: str) -> str:
    """A trend page's navigation: the contents page, the previous and the next trend of
    ``pages`` around the page numbered ``number``; every value escaped."""
    at = [p["number"] for p in pages].index(number)
    return render(
        "fragments/workshop_nav.html.j2",
        contents=CONTENTS,
        previous=pages[at - 1] if at > 0 else None,
        next=pages[at + 1] if at + 1 < len(pages) else None,
    )


def _kernel_spec(folder: Path) -> None:
    """A kernel spec in ``folder/jupyter/kernels`` that runs this interpreter, with this
    package importable."""
    spec = folder / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    path = os.pathsep.join(p for p in (str(PACKAGE_DIR.parent), os.environ.get("PYTHONPATH")) if p)
    kernel = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Playbook",
        "language": "python",
        "env": {"PYTHONPATH": path},
    }
    (spec / "kernel.json").write_text(json.dumps(kernel, indent=1), encoding="utf-8")


def _voila_template(folder: Path) -> None:
    """The session's Voilà template: ``lab`` without its CDN links (icon font, diagram
    script), plus the reports' stylesheet
    (``templates/style/playbook.css.j2``) and a page title naming the trend."""
    template = folder / "jupyter" / "voila" / "templates" / TEMPLATE
    template.mkdir(parents=True)
    (template / "conf.json").write_text(json.dumps({"base_template": "lab"}), encoding="utf-8")
    css = render("style/playbook.css.j2")
    drops = "".join(f"|replace({link!r}, '')" for link in _CDN_LINKS)
    page = (
        "{%- extends 'lab/index.html.j2' -%}\n"
        "{%- block notebook_css -%}{{ super()" + drops + " }}\n"
        "<style>{% raw %}" + css.replace("{% endraw %}", "") + "{% endraw %}</style>\n"
        "{%- endblock notebook_css -%}\n"
        "{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
    )
    (template / "index.html.j2").write_text(page, encoding="utf-8")


def prepare(
    workspace: Path,
    folder: Path,
    client: str,
    notebooks: list[Path],
    extra: dict[str, dict] | None = None,
) -> Session:
    """Write the session folder for ``workspace`` into ``folder`` (which must be empty or not
    exist): the parameterised copies of ``notebooks``, the contents page, the kernel spec and the
    Voilà template. ``extra`` maps a notebook's file name to further parameter values."""
    import nbformat

    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    pages = [{"number": nb.name[:2], "title": _title(nb), "file": nb.name} for nb in notebooks]
    for notebook, page in zip(notebooks, pages, strict=True):
        params = session_parameters(notebook, workspace, (extra or {}).get(notebook.name))
        nav = nav_html(pages, page["number"])
        nbformat.write(_session_copy(notebook, params, nav), folder / notebook.name)
    nbformat.write(contents_notebook(client, pages), folder / CONTENTS)
    _kernel_spec(folder)
    _voila_template(folder)
    return Session(folder, client, tuple(Page(**p) for p in pages))


def is_loopback(host: str) -> bool:
    """True when ``host`` is a loopback address or ``localhost`` (reachable from this machine
    only)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url(host: str, port: int, page: str = CONTENTS) -> str:
    """The address of ``page`` (a notebook file of the session) on the workshop server."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/voila/render/{page}"


def voila_command(session: Session, host: str, port: int) -> list[str]:
    """The command line that serves ``session`` with Voilà on ``host``:``port``: code hidden,
    the session's template and kernel, no traceback shown to the room (a cell's error says that
    it failed; the terminal has the details), no browser opened by Voilà itself."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(session.folder),
        "--no-browser",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.ip={host}",
        f"--template={TEMPLATE}",
        "--theme=light",
        "--Voila.log_level=WARN",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--MappingKernelManager.default_kernel_name={KERNEL}",
        # A page left (another trend opened) asks Voilà to shut its kernel down with a POST its
        # script sends without the XSRF cookie Voilà never set (refused: 403, the kernel kept
        # running). The request names the kernel's random id: it cannot be forged elsewhere.
        "--Voila.tornado_settings",
        "disable_check_xsrf=True",
        # A kernel whose page was closed without saying so is stopped after 10 idle minutes;
        # a page still open keeps its kernel.
        "--MappingKernelManager.cull_idle_timeout=600",
        "--MappingKernelManager.cull_interval=60",
    ]


def voila_environment(session: Session) -> dict[str, str]:
    """The environment of the Voilà server: the session's kernel spec and template found first
    (``JUPYTER_PATH``), this package importable."""
    env = dict(os.environ)
    data = str(session.folder / "jupyter")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (data, env.get("JUPYTER_PATH")) if p)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PACKAGE_DIR.parent), env.get("PYTHONPATH")) if p
    )
    return env


def port_free(host: str, port: int) -> bool:
    """True when nothing listens on ``host``:``port`` yet."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        return sock.connect_ex((host, port)) != 0


def wait_listening(process: subprocess.Popen, host: str, port: int, timeout: float = 60) -> None:
    """Wait until the server accepts connections; :class:`RunError` if it exits or does not
    answer within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RunError(
                f"the workshop server stopped at start (exit status {process.returncode}); "
                "its messages are above"
            )
        if not port_free(host, port):
            return
        time.sleep(0.2)
    raise RunError(f"the workshop server did not answer on {host}:{port} within {timeout:.0f} s")


def start(session: Session, host: str, port: int) -> subprocess.Popen:
    """Start the Voilà server for ``session`` (its own process group, so stopping it stops its
    kernels) and return once it listens."""
    if not port_free(host, port):
        raise RunError(f"port {port} on {host} is already in use; choose another with --port")
    process = subprocess.Popen(
        voila_command(session, host, port),
        env=voila_environment(session),
        start_new_session=True,
    )
    try:
        wait_listening(process, host, port)
    except BaseException:
        stop(process)
        raise
    return process


def stop(process: subprocess.Popen, timeout: float = 10) -> None:
    """Stop the server started by :func:`start` and its kernels (SIGTERM to its process group,
    SIGKILL after ``timeout`` seconds)."""
    import signal

    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


class Room:
    """One workshop: the session folder prepared in a temporary folder, the server started on
    entering, stopped and the folder removed on leaving (also on Ctrl-C or an error).

    ``workspace`` is the validated :class:`~playbook.workspace.Workspace`; ``first`` a trend
    number to open on (``""``: the contents page); ``params`` ``NAME=VALUE`` pairs checked like
    ``playbook run --param``, over the client's own values in its profile (its ``parameters``
    section), as in a run. :attr:`address` is the page to open.
    """

    def __init__(self, workspace, first: str, params: list[str], host: str, port: int):
        from playbook import profile_params
        from playbook.params import parse_params
        from playbook.runner import discover_notebooks

        self.notebooks = discover_notebooks()
        given = parse_params(params, self.notebooks) if params else {}
        found = {nb.name: declared(nb) for nb in self.notebooks}
        mine, bad = profile_params.resolve(workspace.profile.parameters, found)
        if bad:
            raise RunError("; ".join(str(p) for p in bad))
        self.extra, _ = profile_params.merged(given, mine)
        numbers = [nb.name[:2] for nb in self.notebooks]
        wanted = first.strip().zfill(2) if first.strip() else ""
        if wanted and wanted not in numbers:
            raise RunError(f"--notebook {first}: no such trend; available: {', '.join(numbers)}")
        self.page = next((nb.name for nb in self.notebooks if nb.name[:2] == wanted), CONTENTS)
        self.workspace, self.host, self.port = workspace, host, port
        self.process: subprocess.Popen | None = None
        self.session: Session | None = None

    @property
    def address(self) -> str:
        """The address of the page the workshop opens on."""
        return url(self.host, self.port, self.page)

    def __enter__(self) -> Room:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="playbook-workshop-"))
        try:
            self.session = prepare(
                self.workspace.path,
                folder,
                self.workspace.profile.name,
                self.notebooks,
                self.extra,
            )
            self.process = start(self.session, self.host, self.port)
        except BaseException:
            self._clean(folder)
            raise
        return self

    def wait(self) -> int:
        """Block until the server stops; its exit status."""
        return self.process.wait() if self.process else 0

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            stop(self.process)
        if self.session is not None:
            self._clean(self.session.folder)

    @staticmethod
    def _clean(folder: Path) -> None:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
