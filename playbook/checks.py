"""Cross-table rules: what no single table can check on its own.

Each check takes the parsed tables (keyed by table name) and the file or sheet each came from,
and appends a :class:`~playbook.problems.Problem` per offending row to ``problems``: ids that
point at no row of the table they refer to, rules across the columns of a row, and names that
must match a list in profile.yaml.
"""

from __future__ import annotations

import pandas as pd

from playbook.consistency import to_discuss
from playbook.deals import (
    is_closed,
    is_direct_deal,
    is_partner_deal,
    is_won,
    latest_deal_date,
)
from playbook.partner_links import RESOLVED_COLUMNS, unknown_partner_messages
from playbook.problems import Problem, Severity, has_errors
from playbook.profile import Profile
from playbook.schema import TABLES


def check_references(
    tables: dict[str, pd.DataFrame],
    sources: dict[str, str],
    problems: list[Problem],
    unreadable: frozenset | set = frozenset(),
) -> None:
    """Every ``ref`` column's ids must exist in the table they point at. A table in
    ``unreadable`` (its file could not be read, or another error says why it cannot be used) is
    not checked against; one not supplied gives a warning that its ids are not checked."""
    for spec in TABLES:
        if spec.name not in tables:
            continue
        frame = tables[spec.name]
        for col in spec.columns:
            if col.kind != "ref" or col.ref is None:
                continue
            target_table, target_col = col.ref.split(".")
            values = frame[col.name]
            present = values.notna()
            if not present.any():
                continue
            if target_table in unreadable:
                continue  # its file could not be read: that error says enough
            if target_table not in tables:  # optional table left out: nothing to check against
                problems.append(
                    Problem(
                        sources[spec.name],
                        None,
                        col.name,
                        None,
                        f"refers to {target_table}, which was not supplied: "
                        "these ids are not checked",
                        level=Severity.WARNING,
                    )
                )
                continue
            known = tables[target_table][target_col].dropna().to_numpy()  # hashed once, in C
            unknown = present & ~values.isin(known)
            explain = {}
            if (spec.name, col.name) in RESOLVED_COLUMNS and unknown.any():
                explain = unknown_partner_messages(values[unknown].unique(), tables["partners"])
            for idx in unknown[unknown].index:
                value = values.at[idx]
                problems.append(
                    Problem(
                        sources[spec.name],
                        int(frame.at[idx, "_row"]),
                        col.name,
                        str(value),
                        explain.get(value, f"no such {target_col} in {target_table}"),
                    )
                )


def check_consistency(
    tables: dict[str, pd.DataFrame], sources: dict[str, str], problems: list[Problem]
) -> None:
    """Rules that involve more than one column of a row. A deal split into credit lines
    (:mod:`playbook.splits`) is reported once per finding, not once per line."""
    first = len(problems)
    deals = tables.get("deals")
    if deals is not None:
        src = sources["deals"]
        bad = deals.attrs.get("bad_cells", set())
        unparsed_close = deals["_row"].isin({r for r, c in bad if c == "close_date"})
        partnered = is_partner_deal(deals)
        unparsed_partner = deals["_row"].isin({r for r, c in bad if c == "partner_id"})
        for idx in deals.index[partnered & deals["partner_id"].isna() & ~unparsed_partner]:
            problems.append(
                Problem(
                    src,
                    int(deals.at[idx, "_row"]),
                    "partner_id",
                    "",
                    f"a {deals.at[idx, 'attribution']} deal needs a partner_id",
                )
            )
        for idx in deals.index[is_direct_deal(deals) & deals["partner_id"].notna()]:
            problems.append(
                Problem(
                    src,
                    int(deals.at[idx, "_row"]),
                    "attribution",
                    "direct",
                    "a deal with a partner_id must be sourced or influenced",
                )
            )
        closed = is_closed(deals)
        for idx in deals.index[closed & deals["close_date"].isna() & ~unparsed_close]:
            problems.append(
                Problem(
                    src,
                    int(deals.at[idx, "_row"]),
                    "close_date",
                    "",
                    "a won or lost deal needs a close_date",
                )
            )
        unparsed_amount = deals["_row"].isin({r for r, c in bad if c == "amount"})
        for idx in deals.index[is_won(deals) & deals["amount"].isna() & ~unparsed_amount]:
            problems.append(
                Problem(
                    src,
                    int(deals.at[idx, "_row"]),
                    "amount",
                    "",
                    "a won deal needs an amount: it is revenue",
                )
            )
        early = deals["close_date"].notna() & (deals["close_date"] < deals["created_date"])
        for idx in deals.index[early]:
            problems.append(
                Problem(
                    src,
                    int(deals.at[idx, "_row"]),
                    "close_date",
                    str(deals.at[idx, "close_date"].date()),
                    "close_date must not be before created_date "
                    f"({deals.at[idx, 'created_date'].date()})",
                )
            )
    problems[first:] = list(dict.fromkeys(problems[first:]))  # credit lines share their row
    accounts = tables.get("partner_accounts")
    if accounts is not None:
        src = sources["partner_accounts"]
        empty = (
            accounts["account_name"].isna()
            & accounts["domain"].isna()
            & accounts["domain_hash"].isna()
        )
        for idx in accounts.index[empty]:
            problems.append(
                Problem(
                    src,
                    int(accounts.at[idx, "_row"]),
                    "domain",
                    "",
                    "each row needs a domain, an account_name or a domain_hash",
                )
            )
    check_conversation_contacts(tables, sources, problems)
    check_readiness_rows(tables, sources, problems)


def check_conversation_contacts(
    tables: dict[str, pd.DataFrame], sources: dict[str, str], problems: list[Problem]
) -> None:
    """A conversation's ``contact_id`` must be one of its own partner's contacts
    (``partner_contacts.partner_id``); an id no contact has is :func:`check_references`'s."""
    log, contacts = tables.get("conversations"), tables.get("partner_contacts")
    if log is None or contacts is None:
        return
    works_for = contacts.drop_duplicates("contact_id").set_index("contact_id")["partner_id"]
    employer = log["contact_id"].map(works_for)
    wrong = employer.notna() & log["partner_id"].notna() & (employer != log["partner_id"])
    for idx in log.index[wrong]:
        problems.append(
            Problem(
                sources["conversations"],
                int(log.at[idx, "_row"]),
                "contact_id",
                str(log.at[idx, "contact_id"]),
                f"this contact works for partner {employer.at[idx]}, not for the "
                f"conversation's partner {log.at[idx, 'partner_id']}",
            )
        )


def check_readiness_rows(
    tables: dict[str, pd.DataFrame], sources: dict[str, str], problems: list[Problem]
) -> None:
    """A readiness answer marked not applicable carries no score (one or the other)."""
    answers = tables.get("readiness")
    if answers is None or "not_applicable" not in answers:
        return
    both = answers["not_applicable"].fillna(False).astype(bool) & answers["score"].notna()
    for idx in answers.index[both]:
        problems.append(
            Problem(
                sources["readiness"],
                int(answers.at[idx, "_row"]),
                "score",
                f"{answers.at[idx, 'score']:g}",
                "a question marked not applicable takes no score: leave the score blank, or "
                "set not_applicable to no",
            )
        )


def check_profile_names(
    profile: Profile,
    tables: dict[str, pd.DataFrame],
    sources: dict[str, str],
    problems: list[Problem],
) -> None:
    """Names that must match a list in profile.yaml (criteria, competitors)."""
    checks = [
        (
            "requirement_scores",
            "criterion",
            {c.name for c in profile.requirement_criteria},
            "requirement_criteria",
        ),
        ("competitor_partnerships", "competitor", set(profile.competitors), "competitors"),
    ]
    for table_name, column, known, key in checks:
        frame = tables.get(table_name)
        if frame is None:
            continue
        unknown = frame[column].notna() & ~frame[column].isin(known)
        for idx in frame.index[unknown]:
            problems.append(
                Problem(
                    sources[table_name],
                    int(frame.at[idx, "_row"]),
                    column,
                    str(frame.at[idx, column]),
                    f"not listed in profile.yaml `{key}` ({', '.join(sorted(known)) or 'empty'})",
                )
            )


def check_answers_against_data(
    tables: dict[str, pd.DataFrame], sources: dict[str, str], problems: list[Problem]
) -> None:
    """Warn where the client's answers contradict its own data (:mod:`playbook.consistency`),
    as of the default as-of date (the latest deal date). Skipped while there are errors (the
    data is not reliable yet) or without partners and deals."""
    if has_errors(problems) or "deals" not in tables or "partners" not in tables:
        return
    as_of = latest_deal_date(tables["deals"])
    if as_of is None:
        return
    for point in to_discuss(tables, as_of):
        problems.append(
            Problem(
                sources[point.table],
                point.row,
                point.column,
                None,
                f"to discuss with the client (as of {as_of.date().isoformat()}, the latest deal "
                f"date): {point.says}, but {point.shows}",
                level=Severity.WARNING,
            )
        )
