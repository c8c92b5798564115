"""Mark evidence spans in an article's text, safely.

Why server-side and segment by segment: the text is untrusted, so it is
escaped piece by piece and only our own ``<mark>`` tags are added; and spans
may overlap (a trigger inside its sentence, a quote across two sentences), so
the text is cut at every span boundary and each piece is wrapped in the marks
active over it. The HTML is always well nested, whatever the offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    cls: str  # CSS class: evidence | trigger | quote | selected
    anchor: str | None = None  # id put on the first piece, for #links
    title: str | None = None

    @property
    def layer(self) -> tuple[int, int]:
        return (self.start, -self.end)


def highlight(text: str, spans: list[Span]) -> Markup:
    """``text`` as escaped HTML with ``spans`` wrapped in ``<mark>``."""
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        active = sorted((s for s in spans if s.start <= a and b <= s.end), key=lambda s: s.layer)
        opened = 0
        for s in active:
            attrs = f' class="{escape(s.cls)}"'
            if s.anchor and s.start == a:
                attrs += f' id="{escape(s.anchor)}"'
            if s.title:
                attrs += f' title="{escape(s.title)}"'
            out.append(f"<mark{attrs}>")
            opened += 1
        out.append(str(escape(text[a:b])))
        out.append("</mark>" * opened)
    return Markup("".join(out))
