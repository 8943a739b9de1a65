"""Partner type names the client sets (profile.yaml partner_type_labels): checked like every
profile key, shown through labels.label everywhere a type is shown, and put back."""

from playbook import labels
from playbook.problems import Problem
from playbook.profile import Profile
from playbook.profile_parts import validated


def test_client_names_beat_the_playbook_labels_and_are_put_back():
    labels.use_client_labels({"isv": "Software partners", "integrator": "Consultancies"})
    assert labels.label("isv") == "Software partners"
    assert labels.label("ISV") == "Software partners"
    assert labels.label("platform") == "Platform"
    assert labels.type_phrase("isv") == "Software partners"
    assert labels.type_phrase("integrator") == "Consultancies partners"
    labels.use_client_labels({"ecosystem": "Marketplaces"})
    assert labels.label("isv") == "ISV"  # an earlier client's names do not linger
    labels.use_client_labels(None)
    assert labels.label("ecosystem") == "Ecosystem"
    assert labels.type_phrase("isv") == "ISV partners"


def test_the_profile_key_is_checked_entry_by_entry():
    problems: list[Problem] = []
    base = {"name": "Acme", "client_id": "acme"}
    ok = validated(
        Profile, {**base, "partner_type_labels": {"isv": " Software partners "}}, problems
    )
    assert ok.partner_type_labels == {"isv": "Software partners"} and problems == []
    bad = validated(Profile, {**base, "partner_type_labels": {"reseller": "Resellers"}}, problems)
    assert bad.partner_type_labels == {}  # the key is left out; the rest applies
    assert "unknown partner type" in problems[0].expected and "reseller" in problems[0].expected
    problems.clear()
    validated(Profile, {**base, "partner_type_labels": {"isv": "x" * 61}}, problems)
    assert "at most 60 characters" in problems[0].expected


def test_client_labels_hold_inside_the_block_and_the_earlier_ones_come_back():
    from playbook import labels

    labels.use_client_labels({"platform": "Marketplace partners"})
    with labels.client_labels_in_use({"isv": "Software partners"}):
        assert labels.label("isv") == "Software partners"
        assert labels.label("platform") == "Platform"  # replaced, not added to
    assert labels.label("isv") == "ISV"
    assert labels.label("platform") == "Marketplace partners"
