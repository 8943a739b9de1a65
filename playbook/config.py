"""Project paths, resolved once so notebooks never depend on the working directory (except
the default reports folder, which is the user's: ``./reports``)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
DATA_DIR = PROJECT_ROOT / "data"
DEMO_WORKSPACE = DATA_DIR / "demo-client"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
#: Where ``playbook run`` writes its run folders by default: ``reports`` under the current
#: working directory (relative on purpose: never inside an installed package's checkout).
DEFAULT_REPORTS_DIR = Path("reports")
