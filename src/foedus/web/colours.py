"""Fixed colours for the partners in relations charts (web and image files).

Why fixed: a reader who has learnt that Russia is the red line must find it
red on every chart, whatever partners are asked for and in whatever order.
"""

from __future__ import annotations

# Partner lines keep one colour on every chart and page, chosen to be read at
# a glance: Russia and the CSTO in reds, the United States in blue, the EU in
# its gold, France in violet, Iran in green, Turkey in orange, Georgia in teal.
PARTNER_COLOURS = {
    "RUS": "#c62828", "CSTO": "#8e3b2e", "USA": "#1f5fbf", "EU": "#d4a20b", "FRA": "#7b3fa0",
    "IRN": "#2e8b57", "TUR": "#ef7d16", "GEO": "#159a9c", "AZE": "#4aa3df", "ARM": "#d35400",
    "CHN": "#e0457b", "NATO": "#2c3e73", "UN": "#5b9bd5", "OSCE": "#7f8c8d", "UKR": "#e6c229",
    "DEU": "#4d4d4d", "GBR": "#9b1b30", "KAZ": "#00a3a3",
}
# For any other partner, in order of appearance (none of them used above).
SPARE_COLOURS = ("#8c6d31", "#637939", "#843c39", "#7b4173", "#3182bd", "#636363", "#bd9e39", "#ad494a")


def partner_colours(partners: list[str]) -> dict[str, str]:
    """A fixed colour for each partner: its own if it has one, else a spare one."""
    out: dict[str, str] = {}
    spare = iter(SPARE_COLOURS)
    for p in partners:
        out[p] = PARTNER_COLOURS.get(p) or next(spare, "#999999")
    return out
