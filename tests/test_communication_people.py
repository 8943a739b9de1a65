"""Trend 8's people, question sets, personas and tools by hand: contacts per partner, the
synchronisation check, aim high, automated share, question-set scores, candidates classed,
personas fed by report cards and research, the tool inventory, and what the report concludes."""

import csv
import json
from collections import Counter

import pandas as pd

from playbook import communication_contacts as cc
from playbook import communication_people_findings as pf
from playbook import communication_people_views as pv
from playbook import communication_personas as cp
from playbook import communication_questions as cq
from playbook import communication_tools as ct
from playbook.checks import check_conversation_contacts

D = pd.Timestamp
START, END = "2024-01-01", "2024-12-31"
ENG = pd.DataFrame(
    {
        "partner_id": list("ABCD"),
        "name": ["Alpha", "Beta", "Gamma", "Delta"],
        "type": ["isv", "isv", "integrator", "ecosystem"],
        "model": ["transaction", "value", "value", "transaction"],
    }
)


def _log(rows):
    return pd.DataFrame(
        rows,
        columns=["partner_id", "date", "contact_id", "staff_id", "automated", "shared_log"],
    ).assign(date=lambda f: pd.to_datetime(f["date"]), medium="Call")


#: A: S1 and S2 (one unshared) and an automated message; B: two calls five months apart, both by
#: S1 and shared; C: S1 (shared not known) and S3 (shared); D: only after the as-of date.
LOG = _log(
    [
        ("A", "2024-11-01", "K1", "S1", False, True),
        ("A", "2024-12-01", "K1", "S2", False, False),
        ("A", "2024-12-15", "K1", None, True, True),
        ("B", "2024-01-10", "K3", "S1", False, True),
        ("B", "2024-06-10", "K3", "S1", False, True),
        ("C", "2024-12-01", None, "S1", False, None),
        ("C", "2024-12-20", None, "S3", False, True),
        ("D", "2025-01-05", "K5", "S1", False, False),
    ]
)
CONTACTS = pd.DataFrame(
    {
        "contact_id": ["K1", "K2", "K3", "K4", "K5"],
        "partner_id": ["A", "A", "B", "B", "D"],
        "name": ["Ann", None, "Cy", "Di", "Ed"],
        "level": ["staff", "senior_manager", "manager", "executive", None],
        "owner_id": ["S1", "S1", "S1", "S2", "S1"],
        "persona_id": ["PE1", "PE1", None, "PE3", None],
    }
)


def test_synchronisation_by_hand():
    """A: two people, one unshared → out of sync; silences 30, 14 and 16 days → 30. B: one
    person, all shared; 152 days from 10 Jan to 10 Jun, 204 from 10 Jun to 31 Dec → long
    silence. C: two people, none unshared but one not known → not known (19 days longest).
    D: its only conversation is after the as-of date → none logged."""
    s = cc.synchronisation(LOG, ENG, START, END, 90).set_index("partner_id")
    assert list(s.index) == ["D", "A", "B", "C"]
    assert s["status"].map(str).to_dict() == {
        "D": "no_conversation",
        "A": "out_of_sync",
        "B": "long_silence",
        "C": "sync_not_known",
    }
    assert s["conversations"].to_dict() == {"D": 0, "A": 3, "B": 2, "C": 2}
    assert s["our_people"].to_dict() == {"D": [], "A": ["S1", "S2"], "B": ["S1"], "C": ["S1", "S3"]}
    assert s["unshared"].to_dict() == {"D": 0, "A": 1, "B": 0, "C": 0}
    assert s.loc[["A", "B", "C"], "longest_silence"].to_dict() == {"A": 30, "B": 204, "C": 19}
    sync = {k: None if pd.isna(v) else bool(v) for k, v in s["out_of_sync"].items()}
    assert sync == {"D": False, "A": True, "B": False, "C": None}


def test_longest_silence_in_whole_days_whatever_the_order_and_time_of_day():
    """A, logged out of order: 1 Mar 10:00 and 09:00 (0 days), 11 Mar 08:00 (9 days 22 h → 9),
    then to the as-of date 31 Mar (19 days 16 h → 19). B: one call on 2 Jan, 89 days before
    31 Mar (2024 is a leap year). C: 1 Jan and 30 Mar, 89 days apart, then 1 day."""
    log = _log(
        [
            ("A", "2024-03-11 08:00", "K1", "S1", False, True),
            ("A", "2024-03-01 10:00", "K1", "S1", False, True),
            ("B", "2024-01-02 00:00", "K3", "S1", False, True),
            ("A", "2024-03-01 09:00", "K1", "S1", False, True),
            ("C", "2024-03-30 00:00", None, "S1", False, True),
            ("C", "2024-01-01 00:00", None, "S1", False, True),
        ]
    )
    s = cc.synchronisation(log, ENG, START, "2024-03-31", 90).set_index("partner_id")
    assert s.loc[["A", "B", "C"], "longest_silence"].tolist() == [19, 89, 89]
    assert pd.isna(s.loc["D", "longest_silence"])


def test_grouped_lists_keep_the_rows_order_per_id():
    """Values per id in the rows' order; an id without rows gets an empty list, a blank key
    belongs to no id."""
    keys = pd.Series(["B", "A", None, "B", "A"])
    lists = cc.grouped_lists(keys, pd.Series([1, 2, 3, 4, 5]), pd.Index(["A", "B", "C"]))
    assert lists.to_dict() == {"A": [2, 5], "B": [1, 4], "C": []}


def test_a_partner_spoken_to_by_one_person_is_in_step_even_without_a_shared_log():
    log = _log([("B", "2024-12-01", "K3", "S1", False, False)])
    s = cc.synchronisation(log, ENG[ENG["partner_id"] == "B"], START, END, 90)
    assert s["status"].map(str).tolist() == ["in_step"]


def test_contact_coverage_by_hand():
    cov = cc.contact_coverage(CONTACTS, ENG).set_index("partner_id")
    assert cov["contacts"].to_dict() == {"A": 2, "B": 2, "C": 0, "D": 1}
    assert cov["senior_contacts"].to_dict() == {"A": 1, "B": 1, "C": 0, "D": 0}
    assert cov["highest_level"].fillna("none").to_dict() == {
        "A": "senior_manager",
        "B": "executive",
        "C": "none",
        "D": "none",
    }
    assert cov["owners"].to_dict() == {"A": 1, "B": 2, "C": 0, "D": 1}
    assert cov["single_threaded"].to_dict() == {"A": False, "B": False, "C": False, "D": True}


def test_aim_high_by_hand():
    """A (transaction) knows a senior manager (K2) but spoke in the window only to K1 (staff),
    three times: aim higher, 0 % senior. D spoke to K5 (no level) after the as-of date only:
    not assessed."""
    aim = cc.aim_high(CONTACTS, LOG, ENG, START, END).set_index("partner_id")
    assert list(aim.index) == ["A", "D"]
    assert aim.loc["A", "highest_contact"] == "senior_manager"
    assert aim.loc["A", "spoken_to"] == "staff"
    assert aim.loc["A", "conversations_with_level"] == 3
    assert aim.loc["A", "senior_share"] == 0
    assert bool(aim.loc["A", "aim_higher"]) is True
    assert pd.isna(aim.loc["D", "aim_higher"]) and pd.isna(aim.loc["D", "spoken_to"])


def test_automation_by_hand():
    """A: 3 in the window, all known, 1 automated → 33.3 % < 60 %: below. B, C: none automated
    (value partners: no target). Transaction totals: A and D, 3 known, 1 automated."""
    log = pd.concat([LOG, _log([("C", "2024-12-24", None, "S1", None, True)])], ignore_index=True)
    auto, totals = cc.automation(log, ENG, START, END, 0.6)
    auto = auto.set_index("partner_id")
    assert auto["known"].to_dict() == {"A": 3, "B": 2, "C": 2, "D": 0}
    assert auto["conversations"].to_dict() == {"A": 3, "B": 2, "C": 3, "D": 0}
    assert auto.loc["A", "automated_share"] == 1 / 3
    assert bool(auto.loc["A", "below_target"]) is True
    assert pd.isna(auto.loc["B", "below_target"]) and pd.isna(auto.loc["D", "automated_share"])
    t = totals.set_index("model")
    assert t.loc["transaction", ["conversations", "known", "automated"]].tolist() == [3, 3, 1]
    assert t.loc["value", "automated_share"] == 0
    assert t["partners"].to_dict() == {"transaction": 2, "value": 2}


ANSWERS = pd.DataFrame(
    {
        "partner_id": ["P", "P", "P", "P", "P", "Q", "Q", "Q", "X", "P"],
        "item_id": ["VP1", "VP2", "VP3", "VP4", "TP1", "TP1", "TP2", "TP3", "VP1", "ZZ9"],
        "score": [4, 2, None, 5, 1, 3, None, 5, 3, 4],
        "not_applicable": [None, False, None, True, None, None, True, False, None, None],
    }
)
CLASSES = pd.DataFrame(
    {
        "partner_id": ["P", "Q", "R"],
        "name": ["Pee", "Queue", "Arr"],
        "model": ["value", "transaction", "value"],
    }
)


def test_question_scores_leave_out_unanswered_and_not_applicable():
    """P (value): VP1 4 and VP2 2 count; VP3 blank, VP4 not applicable, TP1 (other set) and
    ZZ9 (no such question) do not: 3.0, index 60, weak on domain experts. Q: TP1 3, TP3 5 →
    4.0. R: nothing answered → no score."""
    s = cq.partner_scores(ANSWERS, CLASSES, 3).set_index("partner_id")
    assert s["questions"].to_dict() == {"P": 5, "Q": 3, "R": 5}
    assert s["answered"].to_dict() == {"P": 2, "Q": 2, "R": 0}
    assert s["not_applicable"].to_dict() == {"P": 1, "Q": 1, "R": 0}
    assert s.loc["P", "score"] == 3.0 and s.loc["P", "index"] == 60
    assert s.loc["Q", "score"] == 4.0 and pd.isna(s.loc["R", "score"])
    assert s["weak"].to_dict() == {"P": ["Domain experts"], "Q": [], "R": []}
    assert cq.unknown_items(ANSWERS) == ["ZZ9"]
    items = cq.item_summary(ANSWERS, CLASSES, 3).set_index("item_id")
    assert items.loc["VP1", ["partners", "answered", "mean", "weak"]].tolist() == [2, 1, 4.0, 0]
    assert items.loc["VP2", ["answered", "weak"]].tolist() == [1, 1]
    assert items.loc["VP4", ["answered", "not_applicable"]].tolist() == [0, 1]
    assert items.loc["TP1", ["partners", "answered", "mean"]].tolist() == [1, 1, 3.0]


def test_candidates_classed_like_partners_of_their_type():
    eng = pd.DataFrame(
        {
            "partner_id": list("ABCDE"),
            "name": list("ABCDE"),
            "type": ["isv", "isv", "isv", "integrator", "integrator"],
            "model": ["transaction", "transaction", "value", "value", "transaction"],
        }
    )
    partners = pd.DataFrame(
        {
            "partner_id": ["X", "Y", "Z", "W", "A"],
            "name": ["Ex", "Why", "Zed", "Dub", "A"],
            "type": ["isv", "integrator", "platform", "ecosystem", "isv"],
            "status": ["candidate"] * 4 + ["active"],
            "engagement_model": [None, None, None, "value", None],
        }
    )
    personas = pd.DataFrame(
        {
            "partner_type": ["integrator", "integrator", "integrator"],
            "engagement_model": ["value", "value", "transaction"],
        }
    )
    c = cp.classify_candidates(partners, eng, personas).set_index("partner_id")
    assert c["model"].fillna("none").to_dict() == {
        "X": "transaction",
        "Y": "value",
        "Z": "none",
        "W": "value",
    }
    assert c["basis"].to_dict() == {
        "X": "2 of 3 active partners of its type",
        "Y": "2 of 3 personas of its type",
        "Z": "no active partner or persona of its type to go by",
        "W": "set by hand",
    }


PERSONAS = pd.DataFrame(
    {
        "persona_id": ["PE1", "PE2", "PE3"],
        "name": ["Ivan", "Rita", "Frank"],
        "partner_type": ["isv", "isv", None],
        "engagement_model": ["value", "transaction", "transaction"],
        "role": ["Architect", "Rep", "VP operations"],
    }
)


def test_personas_cover_partners_and_report_cards_feed_them():
    """PE1 covers B, PE2 covers A, PE3 (any type) A and D; C (integrator, value) has none.
    Report cards: isv A (grade A, 10 won) and A2 (C, 4 won); ecosystem D (D, 2 won)."""
    cover, bare = cp.persona_coverage(PERSONAS, ENG, CONTACTS)
    assert cover["partners"].tolist() == [1, 1, 2]
    assert cover["contacts"].tolist() == [2, 0, 1] and cover["notes"].isna().all()
    assert bare.to_dict("records") == [{"type": "integrator", "model": "value", "partners": 1}]
    eng = pd.concat([ENG, pd.DataFrame({"partner_id": ["A2"], "type": ["isv"]})])
    cards = pd.DataFrame(
        {
            "partner_id": ["A", "A2", "D"],
            "grade": ["A", "C", "D"],
            "deal_volume": [10, 4, 2],
            "win_rate": [0.5, 0.25, 0.1],
            "deal_velocity": [30, 60, 90],
            "certification": [3, 1, 0],
            "responsiveness": [80, 40, None],
        }
    )
    ev = cp.card_evidence(cards, eng, PERSONAS).set_index("partner_type")
    assert ev["personas"].to_dict() == {"ecosystem": "Frank", "isv": "Rita; Frank"}
    assert ev["partners"].to_dict() == {"ecosystem": 1, "isv": 2}
    assert ev.loc["isv", ["best", "best_deal_volume", "rest_deal_volume"]].tolist() == [1, 10, 4]
    assert ev.loc["ecosystem", "best"] == 0 and pd.isna(ev.loc["ecosystem", "best_win_rate"])
    assert ev.loc["ecosystem", "rest_win_rate"] == 0.1


def test_research_coverage_per_persona_and_function():
    notes = pd.DataFrame(
        {
            "date": [D("2024-01-01")] * 6 + [D("2025-06-01")],
            "function": [
                "sales",
                "marketing",
                "support",
                "sales",
                "partner_team",
                "marketing",
                "support",
            ],
            "persona_id": ["PE1", "PE1", "PE1", "PE2", None, "PE9", "PE2"],
        }
    )
    r = cp.research_coverage(cp.notes_until(notes, END), PERSONAS)
    assert r["persona_id"].fillna("none").tolist() == ["PE1", "PE2", "PE3", "none"]
    assert r[["sales", "marketing", "support", "other"]].values.tolist() == [
        [1, 1, 1, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 1, 0, 1],
    ]
    assert r["missing"].tolist() == [
        [],
        ["marketing", "support"],
        ["sales", "marketing", "support"],
        [],
    ]


def test_tool_inventory_and_stages():
    tools = pd.DataFrame(
        {
            "tool": ["Salesforce", "Salesforce", "HubSpot", "Portal", "Typeform", "Zapier"],
            "kind": ["crm", "crm", "marketing_automation", "partner_portal", "survey", "other"],
            "stage": ["lead", "partner", "visitor", "partner", None, "advocate"],
            "status": ["in_use", None, "in_use", "planned", "in_use", None],
        }
    )
    inv = ct.inventory(tools).set_index("kind")
    assert inv["status"].to_dict() == {
        "crm": "in_use",
        "marketing_automation": "in_use",
        "direct_response": "no_tool",
        "survey": "in_use",
        "partner_portal": "planned",
        "other": "in_use",
    }
    assert inv.loc["crm", "stages"] == ["lead", "partner"] and inv.loc["survey", "stages"] == []
    assert inv.loc["partner_portal", "planned"] == ["Portal"]
    st = ct.stage_coverage(tools).set_index("stage")
    assert st["tools"].to_dict() == {
        "visitor": ["HubSpot"],
        "lead": ["Salesforce"],
        "partner": ["Salesforce"],
        "advocate": ["Zapier"],
    }
    assert st["served"].all()


def test_findings_name_partners_out_of_sync_with_an_action_for_their_manager():
    sync = cc.synchronisation(LOG, ENG, START, END, 90)
    tools = pd.DataFrame(
        {"tool": ["Salesforce"], "kind": ["crm"], "stage": ["lead"], "status": [None]}
    )
    out = pf.people_findings(
        pf.PeopleParts(sync=sync, inventory=ct.inventory(tools), stages=ct.stage_coverage(tools)),
        pd.Series({"A": 1000.0, "B": 500.0}),
        "USD",
        pd.Series({"S1": "Sam One", "S2": "Sue Two"}),
        pd.Series({"A": "Ann Lee"}),
        0.5,
    )
    assert [t.replace("\xa0", " ") for t in out.takeaways] == [
        "Out of step: 1 partner spoken to by several of our people without a shared log (Alpha; "
        "USD 1,000 of program revenue); 2 active partners with a long silence or no "
        "conversation logged in the window.",
        "Tools: no marketing automation, direct response, survey or partner portal tool; no tool "
        "in use for visitors, partners or advocates.",
    ]
    assert [(k.stake, k.section) for k in out.key_findings] == [
        (1000.0, pf.SECTION_CONTACTS),
        (None, pf.SECTION_TOOLS),
    ]
    assert [(a.action, a.owner) for a in out.actions] == [
        (
            "Put every conversation with Alpha in the shared log (Sam One, Sue Two spoke with its "
            "people).",
            "Ann Lee",
        )
    ]
    assert out.figures["sync"]["A"] == "out_of_sync"
    assert out.headline == {"Partners out of sync": "1"}


def test_views_show_dashes_for_what_is_not_known():
    s = pv.sync_view(cc.synchronisation(LOG, ENG, START, END, 90), pd.Series({"S1": "Sam"}))
    assert s["Our people"].tolist() == ["—", "Sam, S2", "Sam", "Sam, S3"]
    assert s["Last conversation"].iloc[0] == "—"
    assert pv.contacts_view(cc.contact_coverage(CONTACTS, ENG))["Highest level"].tolist() == [
        "—",
        "—",
        "Senior manager",
        "Executive",
    ]


def test_a_conversation_names_a_contact_of_its_own_partner():
    tables = {
        "conversations": LOG.assign(_row=range(2, 2 + len(LOG))),
        "partner_contacts": CONTACTS,
    }
    problems = []
    bad = tables["conversations"].copy()
    bad.loc[bad.index[3], "contact_id"] = "K1"  # B's conversation names A's contact
    check_conversation_contacts(
        {**tables, "conversations": bad}, {"conversations": "c.csv"}, problems
    )
    assert [(p.row, p.column, p.value) for p in problems] == [(5, "contact_id", "K1")]
    assert "works for partner A, not for the conversation's partner B" in problems[0].expected


def _demo_rows(demo, table: str) -> list[dict]:
    with open(demo / f"{table}.csv", newline="") as f:
        return list(csv.DictReader(f))


def test_demo_conversation_log_tells_its_story(demo):
    """Read with the csv module only: every conversation names a contact of its own partner,
    dated in the 12 months to the as-of date; automated ones have nobody of ours and are
    logged; a few partners were spoken to by someone other than the contact's owner without a
    shared log entry; a few partners hang on one contact."""
    contacts = {r["contact_id"]: r for r in _demo_rows(demo, "partner_contacts")}
    log = _demo_rows(demo, "conversations")
    assert all(contacts[r["contact_id"]]["partner_id"] == r["partner_id"] for r in log)
    assert all("2025-10-01" <= r["date"] <= "2026-09-30" for r in log)
    automated = [r for r in log if r["automated"] == "yes"]
    assert automated and all(r["staff_id"] == "" and r["shared_log"] == "yes" for r in automated)
    unshared = {
        r["partner_id"]
        for r in log
        if r["shared_log"] == "no" and r["staff_id"] != contacts[r["contact_id"]]["owner_id"]
    }
    assert 3 <= len(unshared) <= 10
    per_partner = Counter(c["partner_id"] for c in contacts.values())
    assert 3 <= sum(n == 1 for n in per_partner.values()) <= 12


def test_every_view_shows_an_empty_frame_without_failing():
    """No active partner, no card, no answer: each function returns a frame its view shows."""
    none = ENG.iloc[0:0]
    empty_log = LOG.iloc[0:0]
    assert pv.sync_view(cc.synchronisation(empty_log, none, START, END), pd.Series()).empty
    assert pv.aim_high_view(cc.aim_high(CONTACTS.iloc[0:0], empty_log, none, START, END)).empty
    auto, totals = cc.automation(empty_log, none, START, END)
    assert pv.automation_view(auto).empty and pv.automation_totals_view(totals).empty
    assert pv.evidence_view(cp.card_evidence(pd.DataFrame(), none, PERSONAS)).empty
    cover, bare = cp.persona_coverage(PERSONAS, none)
    assert cover["partners"].tolist() == [0, 0, 0] and pv.bare_view(bare).empty
    assert pv.scores_view(cq.partner_scores(ANSWERS.iloc[0:0], CLASSES.iloc[0:0])).empty


def test_demo_report_names_the_partners_out_of_sync_the_log_shows(demo, demo_run):
    """Report 08 of the demo run against the conversation log re-read with the csv module: a
    partner is out of sync when two or more of our people held its (not automated)
    conversations in the window and one of them is not in the shared log: 8 of the 40."""
    by_partner: dict[str, list[dict]] = {}
    for r in _demo_rows(demo, "conversations"):
        if r["automated"] == "no":
            by_partner.setdefault(r["partner_id"], []).append(r)
    expected = sorted(
        p
        for p, rows in by_partner.items()
        if len({r["staff_id"] for r in rows}) >= 2 and any(r["shared_log"] == "no" for r in rows)
    )
    results = json.loads((demo_run / "results.json").read_text(encoding="utf-8"))
    report = results["08-partner-communication"]
    sync = report["figures"]["sync"]
    assert sorted(p for p, s in sync.items() if s == "out_of_sync") == expected
    assert len(expected) == 8 and len(sync) == 40
    assert report["headline"]["Partners out of sync"] == "8"


def test_majorities_per_type_ignore_blanks_and_call_a_tie_no_majority():
    from playbook.communication_personas import _majorities

    frame = pd.DataFrame(
        {
            "type": ["isv", "isv", "isv", "platform", "platform"],
            "model": ["value", "value", None, "value", "transaction"],
        }
    )
    # isv: 2 of its 3 partners are value (the blank one counts in the 3); platform: 1-1, a tie
    assert _majorities(frame, "type", "model") == {
        "isv": ("value", 2, 3),
        "platform": (None, 1, 2),
    }


def test_card_evidence_names_ten_personas_a_cell_and_merges_repeats():
    """The three personas six times over (18 rows, as in a client copied six times): the isv
    cell names Rita and Frank once each with ×6; then 12 more isv transaction personas P01–P12
    after them: ten texts named (Rita, Frank, P01–P08), the rest counted: 4 personas."""
    cards = pd.DataFrame({"partner_id": ["A"], "grade": ["A"]})
    cards = cards.assign(**{m: [1.0] for m in cp.EVIDENCE_MEASURES})
    six = pd.concat([PERSONAS] * 6, ignore_index=True)
    ev = cp.card_evidence(cards, ENG, six).set_index("partner_type")
    assert ev.loc["isv", "personas"] == "Rita ×6; Frank ×6"
    more = pd.DataFrame(
        {
            "name": [f"P{i:02d}" for i in range(1, 13)],
            "partner_type": ["isv"] * 12,
            "engagement_model": ["transaction"] * 12,
        }
    )
    ev = cp.card_evidence(cards, ENG, pd.concat([PERSONAS, more])).set_index("partner_type")
    assert ev.loc["isv", "personas"] == (
        "Rita; Frank; P01; P02; P03; P04; P05; P06; P07; P08; and 4 more"
    )
