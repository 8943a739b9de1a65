"""Report sections the client's data cannot fill, and what would fill them.

A section whose table, column or ``profile.yaml`` setting is missing is not drawn from nothing:
the report says in one line which file and which column(s) would fill it (:class:`Gap`, wording
generated from :mod:`playbook.schema`), and the run's summary page lists every such section per
notebook ("What this client's data could not show"), from what the notebooks recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook import schema
from playbook.profile import Profile

#: ``Gap.table`` for a setting of the client's ``profile.yaml`` rather than a table.
PROFILE = "profile.yaml"


def _join(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class Gap:
    """Section ``section`` is not shown because table ``table`` (a schema table name, or
    :data:`PROFILE` for ``profile.yaml``) was not supplied (``columns`` empty) or has no value
    in any of ``columns`` (for :data:`PROFILE`: the settings are not set)."""

    section: str
    table: str
    columns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.table == PROFILE:
            unknown = [c for c in self.columns if c not in Profile.model_fields]
            if unknown or not self.columns:
                raise ValueError(f"profile.yaml has no setting {unknown or self.columns}")
            return
        spec = schema.table(self.table)
        for name in self.columns:
            spec.column(name)  # KeyError for a column the schema does not have

    @property
    def file(self) -> str:
        """The file that would fill the section: ``<table>.csv`` or ``profile.yaml``."""
        return PROFILE if self.table == PROFILE else schema.table(self.table).filename

    @property
    def reason(self) -> str:
        """Why the section is not shown, e.g. ``no investments.csv was supplied``."""
        if self.table == PROFILE:
            return f"profile.yaml sets no {_join(self.columns)}"
        if not self.columns:
            return f"no {self.file} was supplied"
        return f"{self.file} has no value in {_join(self.columns)}"

    @property
    def fill(self) -> str:
        """What would fill it, e.g. ``fill investments.csv (columns investment_id, …)``."""
        if self.table == PROFILE:
            return f"add {_join(self.columns)} to profile.yaml"
        if not self.columns:
            required = [c.name for c in schema.table(self.table).columns if c.required]
            noun = "column" if len(required) == 1 else "columns"
            return f"fill {self.file} ({noun} {', '.join(required)})"
        noun = "column" if len(self.columns) == 1 else "columns"
        return f"fill {noun} {_join(self.columns)} of {self.file}"

    @property
    def text(self) -> str:
        """The one line shown in place of the section."""
        return f"{self.section}: not shown — {self.reason}; {self.fill} to show it."

    def as_dict(self) -> dict[str, str]:
        """The gap as recorded in the notebook's results (for the summary page)."""
        return {
            "section": self.section,
            "file": self.file,
            "columns": ", ".join(self.columns),
            "reason": self.reason,
            "fill": self.fill,
        }
