"""The headless browser that prints the client pack: found on the machine, run as a subprocess.

No browser is downloaded and none is driven through a library at run time: the playbook looks
for the one the machine has (``PLAYBOOK_BROWSER``, else ``chromium``, ``chromium-browser``,
``google-chrome`` on ``PATH``) and asks it to print one HTML file to PDF, with a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from playbook.exceptions import PackError

#: Executables looked for on ``PATH``, in this order.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

#: Environment variable naming the browser to use (a path or a name on ``PATH``).
ENV_VAR = "PLAYBOOK_BROWSER"

INSTALL_HINT = "install Chromium (apt-get install chromium on Debian/Ubuntu)"


def find_browser() -> str:
    """The browser executable to print with: ``PLAYBOOK_BROWSER`` when set (and then only it),
    else the first of :data:`CANDIDATES` on ``PATH``. Raises :class:`PackError` saying how to
    install one when there is none."""
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen:
        found = shutil.which(chosen)
        if found:
            return found
        raise PackError(
            f"{ENV_VAR}={chosen} is not a browser that can be run; {INSTALL_HINT} "
            f"or point {ENV_VAR} at a Chromium or Chrome executable."
        )
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise PackError(
        f"no headless browser found to print the PDF pack (looked for {', '.join(CANDIDATES)} "
        f"and {ENV_VAR}); {INSTALL_HINT}."
    )


def _last_line(text: str) -> str:
    """The last line of the browser's output that is not about the desktop bus (which headless
    Chromium always complains about), for an error message."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and "dbus" not in ln]
    return lines[-1][:300] if lines else "no message"


def print_pdf(browser: str, html: Path, pdf: Path, timeout: float = 180) -> None:
    """Print ``html`` to ``pdf`` with headless ``browser`` (A4 or as the page's ``@page`` rule
    says, no browser header or footer). Raises :class:`PackError` when the browser fails, times
    out or writes no PDF; the browser and its helper processes are stopped on a time-out."""
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="playbook-browser-") as profile:
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",  # bookmarks from the headings
            f"--print-to-pdf={pdf}",
            html.resolve().as_uri(),
        ]
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,  # its own group: a time-out stops every helper process
        )
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise PackError(
                f"the browser ({browser}) did not finish printing the PDF pack within "
                f"{timeout:g} s."
            ) from None
    if proc.returncode != 0:
        raise PackError(
            f"the browser ({browser}) failed to print the PDF pack (exit status "
            f"{proc.returncode}: {_last_line(output)})."
        )
    if not pdf.exists() or pdf.read_bytes()[:5] != b"%PDF-":
        raise PackError(f"the browser ({browser}) wrote no PDF ({_last_line(output)}).")
