"""The committed demo client is exactly what the seeded generator writes, and covers every table."""

import filecmp

from playbook.demo import generate_demo
from playbook.schema import TABLES
from playbook.workspace import load_workspace


def test_committed_demo_matches_the_generator(tmp_path, demo):
    fresh = generate_demo(tmp_path / "demo")
    names = sorted(p.name for p in demo.iterdir())
    assert names == sorted(p.name for p in fresh.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(demo, fresh, names, shallow=False)
    assert mismatch == [] and errors == []


def test_demo_covers_every_table_with_realistic_shape(demo):
    ws = load_workspace(demo)
    assert all(ws.has(t.name) for t in TABLES)
    partners = ws.table("partners")
    assert set(partners["type"]) == {"isv", "integrator", "platform", "ecosystem"}
    assert len(partners) >= 40 and partners["area"].nunique() >= 3
    assert partners["manager_id"].nunique() >= 6
    deals = ws.table("deals")
    assert len(deals) >= 4000
    assert set(deals["attribution"]) == {"sourced", "influenced", "direct"}
    assert deals["created_date"].dt.year.nunique() >= 5
    assert ws.errors == []
