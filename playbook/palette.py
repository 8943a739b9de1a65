"""The colours of every report, chart, summary page and workbook: one colour-blind-safe set.

:data:`SERIES` is the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), which
stays distinguishable for the common forms of colour blindness; charts draw series in this
order. :data:`RAG` gives red / amber / green statuses their colours; a status is always written
as its word too, so colour is never the only carrier of meaning. :data:`SEQUENTIAL` is the
matplotlib colour map for heatmaps (low → high in one hue family, never red → green).
"""

from __future__ import annotations

#: Series colours, in the order charts use them (Okabe–Ito).
SERIES = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)

#: The main colour of a single-series chart.
PRIMARY = SERIES[0]

#: Red / amber / green status colours (vermillion, orange, bluish green of the same palette).
RAG = {"red": "#D55E00", "amber": "#E69F00", "green": "#009E73"}

#: Colour map for heatmaps: light to dark blue, readable in grey and by colour-blind readers.
SEQUENTIAL = "Blues"

#: Text, grid and muted colours shared by the HTML pages and the charts.
TEXT = "#1d2733"
MUTED = "#5a6878"
GRID = "#d6dde6"
