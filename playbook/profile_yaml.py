"""Reading ``profile.yaml`` as YAML that a hostile or careless file cannot abuse.

:func:`load_profile_yaml` is ``yaml.safe_load`` (no Python objects, no custom tags) with three
refusals, each raised as a :class:`yaml.YAMLError` that names the line, *before* anything large
is built:

- **aliases** (``*name``): a profile has no need for anchors, and aliases are how a few hundred
  bytes expand into gigabytes (the "billion laughs"); the value is to be written out instead;
- **nesting deeper than** :data:`MAX_DEPTH` lists or mappings (no real profile goes past 4);
  thousands of levels would exhaust Python's recursion;
- **a key given twice** in one mapping: YAML would silently keep the last value; and merge
  keys (``<<``), which would hide a key given twice.
"""

from __future__ import annotations

import yaml

#: The deepest nesting of lists and mappings accepted (a profile needs 4: ``value_from`` →
#: ``deals.stage`` → ``values`` → entry).
MAX_DEPTH = 20


class _ProfileLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` refusing aliases, deep nesting, repeated keys and merge keys."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None,
                None,
                f"alias *{_short(event.anchor)} is not accepted in profile.yaml: "
                "write the value out instead of referring to an anchor (&name)",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"lists and mappings nested more than {MAX_DEPTH} levels deep",
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        "merge keys (<<) are not accepted in profile.yaml: write the keys out",
                        key_node.start_mark,
                    )
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                try:
                    first = seen.get(key)
                    seen[key] = first or line
                except TypeError:
                    continue  # an unhashable key: SafeLoader reports it
                if first is not None:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"key {_short(str(key))!r} is given twice "
                        + (f"(lines {first} and {line})" if first != line else f"on line {line}")
                        + "; keep one",
                        key_node.start_mark,
                    )
        return super().construct_mapping(node, deep=deep)


def _short(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters (an ellipsis marks the cut)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_profile_yaml(text: str):
    """The data of ``profile.yaml`` text, as ``yaml.safe_load`` reads it; ``yaml.YAMLError``
    (with the line) for an alias, nesting deeper than :data:`MAX_DEPTH` or a repeated key."""
    return yaml.load(text, Loader=_ProfileLoader)  # a SafeLoader subclass


class _NoAliasDumper(yaml.SafeDumper):
    """``yaml.SafeDumper`` writing a value used twice out twice (profile.yaml refuses
    aliases)."""

    def ignore_aliases(self, data):
        return True


def dump_profile_yaml(data, **options) -> str:
    """``data`` as YAML text that :func:`load_profile_yaml` reads back: ``yaml.safe_dump``
    with ``options``, never an anchor or alias."""
    return yaml.dump(data, Dumper=_NoAliasDumper, **options)
