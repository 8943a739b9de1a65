"""profile.yaml written to hurt: alias bombs, deep nesting, repeated keys, unsafe client ids,
unknown currencies; each refused with a short message naming the line or key (issue 10)."""

from __future__ import annotations

import os
import time

import pytest
from click.testing import CliRunner
from conftest import TINY, only, problems_of, write_workspace

from playbook.cli import main
from playbook.profile_parts import CLIENT_ID_RULE

HEAD = "name: X\nclient_id: a\n"
ONE_LINE = (
    "expected one line of text without control characters (line breaks, escapes, "
    "bidirectional overrides)"
)


def _profile_error(tmp_path, profile):
    ws = write_workspace(tmp_path / "ws", TINY, profile=profile)
    return only([p for p in problems_of(ws) if p.file == "profile.yaml"])


def _bomb(levels: int) -> str:
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    return HEAD + "notes:\n" + "\n".join("  " + line for line in lines) + "\n"


@pytest.mark.parametrize("levels", [7, 8])
def test_alias_bomb_is_refused_before_it_expands(tmp_path, levels):
    start = time.monotonic()
    p = _profile_error(tmp_path, _bomb(levels))
    assert time.monotonic() - start < 5
    assert (p.row, p.value) == (5, "l1: &l1 [*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0,*l0]")
    assert p.expected == (
        "not valid YAML: alias *l0 is not accepted in profile.yaml: write the value out "
        "instead of referring to an anchor (&name) at line 5, column 12"
    )
    assert len(str(p)) < 400


def test_deeply_nested_lists_are_refused_without_a_traceback(tmp_path):
    p = _profile_error(tmp_path, HEAD + "notes: " + "[" * 5000 + "]" * 5000 + "\n")
    assert p.row == 3 and p.value == "notes: " + "[" * 72 + "…"
    assert p.expected == (
        "not valid YAML: lists and mappings nested more than 20 levels deep at line 3, column 27"
    )


@pytest.mark.parametrize(
    "line, where",
    [("name: Y\n", "(lines 1 and 3)"), ("client_id: b\n", "(lines 2 and 3)")],
)
def test_a_key_given_twice_is_an_error_naming_both_lines(tmp_path, line, where):
    p = _profile_error(tmp_path, HEAD + line)
    assert (p.row, p.value) == (3, line.strip())
    key = line.partition(":")[0]
    assert p.expected == (
        f"not valid YAML: key '{key}' is given twice {where}; keep one at line 3, column 1"
    )


def test_a_key_given_twice_in_a_flow_mapping_is_refused(tmp_path):
    p = _profile_error(tmp_path, HEAD + "files: {deals: a.csv, deals: b.csv}\n")
    assert p.expected == (
        "not valid YAML: key 'deals' is given twice on line 3; keep one at line 3, column 23"
    )


@pytest.mark.parametrize(
    "value, shown, why",
    [
        ("null", "None", "expected text; "),
        ("''", "", ""),
        ("[]", "[]", "expected text; "),
        ("[a, b]", "['a', 'b']", "expected text; "),
        ("true", "True", "expected text; "),
        ("a" * 300, "a" * 79 + "…", ""),
        ("../other", "../other", ""),
        ("'.hidden'", ".hidden", ""),
        ("'a b'", "a b", ""),
    ],
)
def test_client_id_must_be_a_short_safe_name(tmp_path, value, shown, why):
    p = _profile_error(tmp_path, f"name: X\nclient_id: {value}\n")
    assert (p.column, p.value) == ("client_id", shown)
    assert p.expected == (
        f"Value error, {why}the client id is {CLIENT_ID_RULE} (it names the run folders); "
        "no run until it is set "
        "(the rest of profile.yaml is still checked)"
    )


@pytest.mark.parametrize("value", ["acme-2026_v1.0", "007", "7", "'" + "a" * 64 + "'"])
def test_safe_client_ids_are_accepted(tmp_path, value):
    ws = write_workspace(tmp_path / "ws", TINY, profile=f"name: X\nclient_id: {value}\n")
    assert [p for p in problems_of(ws) if p.file == "profile.yaml"] == []


def test_unknown_currency_code_is_refused(tmp_path):
    p = _profile_error(tmp_path, HEAD + "currency: ZZZ\n")
    assert (p.column, p.value) == ("currency", "ZZZ")
    assert p.expected == (
        "Value error, expected the ISO 4217 code of a current currency, in capitals, such as "
        "USD, EUR or GBP; `currency` is ignored, the rest of profile.yaml applies"
    )


@pytest.mark.parametrize("value", ["0", "-5", "99999999999999999999"])
def test_timeout_outside_one_second_to_a_day_is_refused(tmp_path, value):
    result = CliRunner().invoke(main, ["run", "--out", str(tmp_path), "--timeout", value])
    assert result.exit_code == 2
    assert (
        f"Invalid value for '--timeout': {value} is not in the range 1<=x<=86400." in result.output
    )
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- neighbours


def test_long_values_are_cut_in_messages(tmp_path):
    p = _profile_error(tmp_path, HEAD + "date_order: " + "Q" * 100_000 + "\n")
    assert (p.column, p.value) == ("date_order", "Q" * 79 + "…")


def test_long_unknown_key_is_cut_in_messages(tmp_path):
    p = _profile_error(tmp_path, HEAD + "files: {" + "t" * 500 + ": x.csv}\n")
    assert p.column == "files." + "t" * 113 + "…"
    assert p.expected.startswith("unknown table '" + "t" * 79 + "…'; expected one of")


@pytest.mark.parametrize(
    "value, message",
    [
        ('"' + "N" * 300 + '"', "expected at most 200 characters, not 300"),
        ('"Acme\\x1b]0;owned\\x07"', ONE_LINE),
        ('"Acme\\nInc"', ONE_LINE),
        ('"Acme\\u202eoC"', ONE_LINE),
        ('"Acme\\u2028Inc"', ONE_LINE),
        ('"  "', "expected the client's name, not blank"),
    ],
)
def test_client_name_is_one_line_of_reasonable_length(tmp_path, value, message):
    p = _profile_error(tmp_path, f"name: {value}\nclient_id: a\n")
    assert p.column == "name"
    assert p.expected == (
        f"Value error, {message}; no run until it is set (the rest of profile.yaml is still "
        "checked)"
    )


def test_date_order_is_read_in_any_case(tmp_path):
    ws = write_workspace(tmp_path / "ws", TINY, profile=HEAD + "date_order: dmy\n")
    assert [p for p in problems_of(ws) if p.file == "profile.yaml"] == []


def test_python_tags_are_refused_by_name(tmp_path):
    p = _profile_error(tmp_path, HEAD + "notes: !!python/object/apply:os.system [id]\n")
    assert p.expected == (
        "not valid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' at line 3, column 8"
    )


@pytest.mark.parametrize(
    "yaml_text, column, value, message",
    [
        (
            "requirement_criteria: [{name: Fit, weight: .inf}]",
            "requirement_criteria.0.weight",
            "inf",
            "Input should be a finite number; `requirement_criteria.0` is ignored",
        ),
        (
            "org_units: [{name: N, targets: {referral_revenue: -5}}]",
            "org_units.0.targets.referral_revenue",
            "-5",
            "Input should be greater than or equal to 0; `org_units.0` is ignored",
        ),
        (
            "org_units: [{name: N, targets: {program_members: .nan}}]",
            "org_units.0.targets.program_members",
            "nan",
            "Input should be a finite number; `org_units.0` is ignored",
        ),
    ],
)
def test_numbers_in_the_profile_are_finite_and_targets_not_negative(
    tmp_path, yaml_text, column, value, message
):
    p = _profile_error(tmp_path, HEAD + yaml_text + "\n")
    assert (p.column, p.value) == (column, value)
    assert p.expected == message + ", the rest of profile.yaml applies"


def _ws_with_profile(tmp_path, make):
    ws = write_workspace(tmp_path / "ws", TINY)
    (ws / "profile.yaml").unlink()
    make(ws / "profile.yaml")
    return only([p for p in problems_of(ws) if p.file == "profile.yaml"])


def test_profile_that_is_a_folder_or_a_pipe_is_refused(tmp_path):
    p = _ws_with_profile(tmp_path, lambda f: f.mkdir())
    assert p.expected == "a folder, not a file: not read"
    p = _ws_with_profile(tmp_path / "b", os.mkfifo)
    assert p.expected == "not a regular file (a named pipe, socket or device): not read"


def test_profile_linked_from_outside_the_workspace_is_not_read(tmp_path):
    other = tmp_path / "other-client.yaml"
    other.write_text("name: Other Client\nclient_id: other\n")
    p = _ws_with_profile(tmp_path, lambda f: f.symlink_to(other))
    assert p.expected == (
        "a link to a file outside the workspace: not read; copy the file into the workspace"
    )


def test_huge_profile_is_refused_unread(tmp_path):
    p = _ws_with_profile(
        tmp_path, lambda f: f.write_text(HEAD + "notes: '" + "x" * 2_000_000 + "'\n")
    )
    assert p.expected == (
        "profile.yaml is 2,000,031 bytes; expected at most 1,000,000 (a profile is a few kB)"
    )


def test_merge_keys_are_refused_with_a_clear_message(tmp_path):
    p = _profile_error(tmp_path, HEAD + "<<: {name: B}\n")
    assert (p.row, p.value) == (3, "<<: {name: B}")
    assert p.expected == (
        "not valid YAML: merge keys (<<) are not accepted in profile.yaml: write the keys out "
        "at line 3, column 1"
    )


def test_a_key_with_a_terminal_escape_is_shown_escaped(tmp_path):
    p = _profile_error(tmp_path, HEAD + '"\\e]0;owned\\a": 1\n')
    assert p.column == "\\x1b]0;owned\\x07"
    assert (
        p.expected
        == "unknown key; `\\x1b]0;owned\\x07` is ignored, the rest of profile.yaml applies"
    )
