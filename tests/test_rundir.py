"""The run folder (playbook.rundir)."""

from __future__ import annotations

from playbook.rundir import RunFolder


def test_run_folders_never_collide(tmp_path):
    from datetime import datetime

    now = datetime(2026, 1, 2, 3, 4, 5)
    first = RunFolder.create(tmp_path, "acme", now)
    first.path.rename(first.final)
    second = RunFolder.create(tmp_path, "acme", now)
    assert first.final.name == "acme-20260102-030405"
    assert second.final.name == "acme-20260102-030405-2"
    assert second.path.name.startswith(".") and second.path.name.endswith(".partial")
    assert RunFolder.create(tmp_path, "../../etc", now).final.parent == tmp_path
