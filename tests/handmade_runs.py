"""Hand-made run folders (a ``manifest.json`` and a ``results.json``) for the tests of
``playbook compare``, ``playbook portfolio`` and ``run --portfolio``: no notebook runs."""

from __future__ import annotations

import json
from pathlib import Path

NOTEBOOKS = {
    "01": "01-requirements-investment",
    "02": "02-mvp-acquisition",
    "03": "03-readiness",
    "04": "04-organisation-buy-in",
    "05": "05-analytics",
    "06": "06-partner-types",
}


def make_run(
    out: Path,
    name: str,
    client_id: str,
    as_of: str,
    figures: dict[str, dict],
    started: str = "2026-10-01T09:00:00",
    client_name: str | None = None,
    inputs: dict | None = None,
    parameters: dict[str, dict] | None = None,
    failed: tuple[str, ...] = (),
    currency: str = "USD",
) -> Path:
    """A finished run folder ``out/name``: ``figures`` maps a report number (``"03"``) to the
    figures it recorded; ``failed`` report numbers are in the manifest as failed, with no
    results; ``parameters`` maps a report number to its recorded parameters."""
    path = out / name
    path.mkdir(parents=True)
    results, notebooks = {}, []
    for number in sorted(set(figures) | set(failed)):
        nb = NOTEBOOKS[number]
        ok = number not in failed
        notebooks.append(
            {
                "notebook": nb,
                "status": "ok" if ok else "failed",
                "parameters": {"workspace": "/x", "notebook_id": nb, "snapshot": "/s"}
                | (parameters or {}).get(number, {}),
            }
        )
        if ok:
            results[nb] = {
                "notebook": nb,
                "as_of": as_of,
                "currency": currency,
                "figures": figures[number],
            }
    manifest = {
        "client": {"name": client_name or client_id.title(), "client_id": client_id},
        "started": started,
        "status": "failed" if failed else "ok",
        "notebooks": notebooks,
        "inputs": inputs or {},
    }
    (path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (path / "results.json").write_text(json.dumps(results), encoding="utf-8")
    (path / "index.html").write_text("<html></html>", encoding="utf-8")
    return path
