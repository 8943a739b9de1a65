"""Who owns a partner's action-plan items (playbook.staff.manager_names), by hand."""

import pandas as pd

from playbook.requirements import partner_owners
from playbook.staff import manager_names

PARTNERS = pd.DataFrame(
    {"partner_id": ["A", "B", "C", "D"], "manager_id": ["S1", "S2", None, "S9"]}
)
STAFF = pd.DataFrame({"staff_id": ["S1", "S2", "S1"], "name": ["Maya Okafor", "  ", "Dup"]})


def test_a_partner_owner_is_its_managers_name_else_the_staff_id_else_nobody():
    # A: S1 is named (the first row of a repeated id); B: S2 has a blank name, so its id;
    # C: no manager; D: S9 is not in the staff table, so its id.
    assert manager_names(PARTNERS, STAFF).to_dict() == {
        "A": "Maya Okafor",
        "B": "S2",
        "C": "",
        "D": "S9",
    }
    assert manager_names(PARTNERS, None).to_dict() == {"A": "S1", "B": "S2", "C": "", "D": "S9"}
    no_column = PARTNERS.drop(columns="manager_id")
    assert manager_names(no_column, STAFF).to_dict() == {"A": "", "B": "", "C": "", "D": ""}


def test_report_01_and_02_owners_are_the_same_people_without_the_blanks():
    assert partner_owners(PARTNERS, STAFF) == {"A": "Maya Okafor", "B": "S2", "D": "S9"}
