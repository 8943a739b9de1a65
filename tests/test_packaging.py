"""The project's own promises: README commands, CI, environment.yml vs pyproject, docs."""

import re
import tomllib

import yaml

from playbook.config import PROJECT_ROOT
from playbook.template import data_dictionary


def _name_and_bound(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(
        map(_name_and_bound, project["dependencies"] + project["optional-dependencies"]["test"])
    )
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda = dict(
        _name_and_bound(d)
        for d in env["dependencies"]
        if isinstance(d, str) and _name_and_bound(d)[0] not in ("python", "pip")
    )
    assert conda == wanted


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_one():
    readme = (PROJECT_ROOT / "README.md").read_text()
    commands = re.findall(r"```bash\n#[^\n]*\n([^\n]*python3 -m venv[^\n]+)\n```", readme)
    assert len(commands) == 2
    assert "playbook run data/demo-client" in commands[0]
    assert commands[1].endswith("pytest")
    assert commands[1] in (PROJECT_ROOT / ".ci" / "run").read_text()


def test_nbconvert_floor_excludes_the_embed_images_flaw():
    deps = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert "nbconvert>=7.17.1" in deps


def test_data_dictionary_is_current():
    committed = (PROJECT_ROOT / "docs" / "data-dictionary.md").read_text()
    assert committed == data_dictionary() + "\n", "run `playbook dictionary`"


def test_ruff_clean():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_ruff_format_clean():
    """Formatting is ruff's, not each author's: `ruff format .` fixes what this finds."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
