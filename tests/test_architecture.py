"""The house rules of ARCHITECTURE.md, checked: imports flow downwards through the layers, and a
trend module imports no other trend's modules."""

import ast

import pytest

from playbook.config import PACKAGE_DIR

LAYERS = [  # highest first, as in ARCHITECTURE.md
    {
        "cli",
        "template",
        "demo",
        "demo_platform",
        "crm_import",
        "cli_compare",
        "demo_copies",
        "workshop",
        "cli_workshop",
        "demo_docs",
        "demo_landscape",
        "demo_offers",
        "demo_program",
        "demo_comms",
        "cli_materials",
        "demo_materials",
    },
    {
        "runner",
        "schedule",
        "cluster",
        "kernels",
        "spare",
        "rundir",
        "html_export",
        "workbook",
        "workbook_stream",
        "workbook_rows",
        "summary_page",
        "executive",
        "partner360",
        "pack",
        "browser",
        "report_frame",
        "run_record",
        "compare",
        "portfolio",
        "history",
        "history_lists",
        "materials",
        "materials_files",
        "materials_forms",
    },
    {"notebook", "widgets", "display", "charts", "chart_style", "kernel_reset"},
    {
        "requirements",
        "requirements_findings",
        "requirements_views",
        "requirements_gaps",
        "requirements_document",
        "payback",
        "payback_views",
        "overlap",
        "acquisition",
        "acquisition_findings",
        "offers",
        "offers_views",
        "ideal_partner",
        "readiness",
        "readiness_views",
        "readiness_summary",
        "platform_map",
        "platform_needs",
        "platform_sourcing",
        "platform_sourcing_views",
        "platform_views",
        "platform_kit_views",
        "platform_findings",
        "buyin",
        "buyin_views",
        "buyin_summary",
        "analytics",
        "analytics_findings",
        "analytics_notes",
        "analytics_views",
        "metrics",
        "partner_types",
        "partner_types_findings",
        "partner_types_views",
        "landscape",
        "landscape_findings",
        "landscape_views",
        "landscape_org",
        "landscape_stack",
        "landscape_mindshare",
        "landscape_extra_views",
        "landscape_extra_findings",
        "communication",
        "communication_findings",
        "communication_views",
        "buyin_routes",
        "buyin_reference",
        "partner_types_screen",
        "partner_types_screen_views",
        "communication_contacts",
        "communication_questions",
        "communication_personas",
        "communication_tools",
        "communication_people_views",
        "communication_people_findings",
    },
    {
        "check_cache",
        "workspace",
        "snapshot",
        "forked",
        "sources",
        "parse",
        "checks",
        "consistency",
        "fills",
        "fill_rules",
        "partner_links",
        "attribution",
        "splits",
        "profile",
        "normalise",
        "crm_presets",
        "readers",
        "profile_parts",
        "profile_params",
        "profile_yaml",
        "quality",
        "gaps",
    },
    {
        "deals",
        "staff",
        "params",
        "results",
        "headlines",
        "formatting",
        "fragments",
        "labels",
        "palette",
        "readiness_bank",
        "benchmark",
        "industry",
        "program_reference",
        "engagement",
    },
    {"schema", "problems", "exceptions", "config"},
]
TRENDS = [
    {
        "requirements",
        "requirements_findings",
        "requirements_views",
        "requirements_gaps",
        "requirements_document",
        "payback",
        "payback_views",
    },
    {"overlap", "acquisition", "acquisition_findings", "offers", "offers_views", "ideal_partner"},
    {
        "readiness",
        "readiness_summary",
        "readiness_views",
        "platform_map",
        "platform_needs",
        "platform_sourcing",
        "platform_sourcing_views",
        "platform_views",
        "platform_kit_views",
        "platform_findings",
    },
    {"buyin", "buyin_summary", "buyin_views", "buyin_routes", "buyin_reference"},
    {"analytics", "analytics_findings", "analytics_notes", "analytics_views", "metrics"},
    {
        "partner_types",
        "partner_types_findings",
        "partner_types_views",
        "partner_types_screen",
        "partner_types_screen_views",
    },
    {
        "landscape",
        "landscape_findings",
        "landscape_views",
        "landscape_org",
        "landscape_stack",
        "landscape_mindshare",
        "landscape_extra_views",
        "landscape_extra_findings",
    },
    {
        "communication",
        "communication_findings",
        "communication_views",
        "communication_contacts",
        "communication_questions",
        "communication_personas",
        "communication_tools",
        "communication_people_views",
        "communication_people_findings",
    },
]
LAYER_OF = {m: i for i, layer in enumerate(LAYERS) for m in layer}
MODULES = sorted(p.stem for p in PACKAGE_DIR.glob("*.py") if p.stem != "__init__")


def imports_of(module: str) -> set[str]:
    """The playbook modules ``module`` imports (at any depth of its code)."""
    tree = ast.parse((PACKAGE_DIR / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("playbook"):
            if node.module == "playbook":
                found |= {alias.name for alias in node.names}
            else:
                found.add(node.module.split(".")[1])
    return found - {module}


def test_every_module_has_a_layer():
    assert set(MODULES) == set(LAYER_OF)


@pytest.mark.parametrize("module", MODULES)
def test_imports_flow_downwards(module):
    upward = {m for m in imports_of(module) if LAYER_OF[m] < LAYER_OF[module]}
    assert not upward, f"{module} imports from a layer above it: {sorted(upward)}"


@pytest.mark.parametrize("module", sorted(set().union(*TRENDS)))
def test_a_trend_imports_no_other_trend(module):
    own = next(t for t in TRENDS if module in t)
    others = set().union(*TRENDS) - own
    assert not imports_of(module) & others
