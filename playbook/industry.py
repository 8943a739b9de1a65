"""The industry's own figures, from the seed report, each beside the client's comparable one.

The seed report is Peer2Peer Partners, *8 Hottest Industry Trends for Building a Successful
Ecosystem Program* (interviews with some 20 software-company executives, first quarter of
2017). Each :class:`IndustryFigure` quotes the report's sentence word for word, names where it
stands in the report, the share it states (``low``–``high``, 0–1) and the client figure it is
set beside (a :class:`~playbook.headlines.Headline`, so the client's value is the one its
report shows), with what differs between the two: the survey counts companies or alliances,
a client's figure counts its partners or deals. No verdict is drawn from such a pair; the
page shows both, the difference and the source.
"""

from __future__ import annotations

from dataclasses import dataclass

from playbook import headlines

#: The seed report as a source is named.
SOURCE = (
    "Peer2Peer Partners, “8 Hottest Industry Trends for Building a Successful Ecosystem "
    "Program”, interviews with software-company leaders, first quarter of 2017"
)


@dataclass(frozen=True)
class IndustryFigure:
    """One figure of the seed report: ``key``; ``quote``, its words; ``where`` in the report;
    ``industry``, the figure in plain words; ``low``/``high``, the share it states (0–1);
    ``compares_with``, the client's figure set beside it; ``note``, what differs between
    the two."""

    key: str
    quote: str
    where: str
    industry: str
    low: float
    high: float
    compares_with: headlines.Headline
    note: str


FIGURES: tuple[IndustryFigure, ...] = (
    IndustryFigure(
        key="documented_roi",
        quote=(
            "Over 50% of the respondents to our survey have not documented the initial "
            "investment made in a new Partner, the time to recoup the initial investment and "
            "an ROI projection over time."
        ),
        where="Executive summary",
        industry="Fewer than half of the software companies surveyed document investment, "
        "payback time and an ROI projection for a new partner",
        low=0.0,
        high=0.5,
        compares_with=headlines.HEADLINES_BY_KEY["01.documented"],
        note="The survey counts companies; the client's figure is the share of its active "
        "partners with all three documented (report 01).",
    ),
    IndustryFigure(
        key="alliance_wins",
        quote=(
            "We have learned that 70-80% of Technology Alliances involving the creation of a "
            "solution to a well-defined problem ended up with a winning competitive advantage, "
            "and increased the chances of success in solving the technology problem."
        ),
        where="Trend #3",
        industry="70–80% of technology alliances built on a solution to a well-defined problem "
        "won a competitive advantage",
        low=0.7,
        high=0.8,
        compares_with=headlines.PARTNER_WIN_RATE,
        note="The report counts alliances that won an advantage; the nearest figure in the "
        "client's data is the share of its closed deals with a partner that were won "
        "(report 06).",
    ),
)


def beside(results: dict) -> list[dict]:
    """Every industry figure beside the client's own in a run's merged results: ``label``
    (the client's figure), ``client`` (its value, "—" when the run does not have it, with
    ``why``), ``industry`` (the share and the sentence), ``quote``, ``source``, ``note``."""
    currency = next((r.get("currency") for r in results.values() if r.get("currency")), "")
    rows = []
    for f in FIGURES:
        value = headlines.value_of(f.compares_with, results)
        rows.append(
            {
                "key": f.key,
                "label": f.compares_with.label,
                "client": headlines.shown(f.compares_with, value, currency),
                "why": "" if value is not None else "this run's data could not give it",
                "industry": f.industry,
                "quote": f.quote,
                "source": f"{SOURCE}, {f.where}",
                "note": f.note,
            }
        )
    return rows
