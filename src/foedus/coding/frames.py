"""Frames: how a governing verb turns its complement's code into its own.

Why a table: "asked X to send troops", "pledged to send troops", "refused to
send troops" and "threatened to send troops" share one complement; the
frame decides 0234, 0334, 1224 or 138 by the complement's code, and the same
table serves every verb of the frame. Data: ``data/coding/frames.yaml``
(format ``foedus-frames/1``, documented in its header).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .problems import LoadProblem, report
from .yamlfile import LINE_KEY, format_name, load_yaml

FORMAT = "foedus-frames/1"
MODALITIES = frozenset({"asserted", "claimed", "future", "hypothetical", "threatened"})


@dataclass(frozen=True)
class Frame:
    name: str
    default: str
    mapping: dict[str, str]
    inner: str = "drop"  # drop | keep
    modality: str = "asserted"
    negate: bool = False
    control: str = "subject"  # subject | object
    target_from_inner: str | None = None  # target | source | inner | None
    crowd_code: str | None = None  # code when the source is an unnamed crowd

    def code_for(self, inner_code: str | None) -> str:
        """The frame's code for a complement code (longest matching prefix)."""
        if inner_code:
            for n in range(len(inner_code), 1, -1):
                hit = self.mapping.get(inner_code[:n])
                if hit:
                    return hit
        return self.default


@dataclass(frozen=True)
class Frames:
    frames: dict[str, Frame] = field(default_factory=dict)
    problems: tuple[LoadProblem, ...] = ()

    def get(self, name: str) -> Frame | None:
        return self.frames.get(name)


def load_frames(path: Path | None = None) -> Frames:
    path = path or Path(str(resources.files("foedus") / "data" / "coding" / "frames.yaml"))
    problems: list[LoadProblem] = []
    if format_name(path) != FORMAT:
        report(problems, str(path), 1, f"expected '# format: {FORMAT}'")
        return Frames({}, tuple(problems))
    data = load_yaml(path) or {}
    out: dict[str, Frame] = {}
    for name, spec in (data.get("frames") or {}).items():
        if name == LINE_KEY:
            continue
        line = spec.get(LINE_KEY, 0) if isinstance(spec, dict) else 0
        try:
            mapping = {str(k): str(v) for k, v in (spec.get("map") or {}).items() if k != LINE_KEY}
            frame = Frame(
                name=str(name), default=str(spec["default"]), mapping=mapping,
                inner=str(spec.get("inner", "drop")), modality=str(spec.get("modality", "asserted")),
                negate=bool(spec.get("negate", False)), control=str(spec.get("control", "subject")),
                target_from_inner=spec.get("target_from_inner"),
                crowd_code=str(spec["crowd"]) if spec.get("crowd") else None,
            )
            if frame.inner not in {"drop", "keep"} or frame.modality not in MODALITIES:
                raise ValueError("inner must be drop|keep and modality a known modality")
            if frame.control not in {"subject", "object"}:
                raise ValueError("control must be subject|object")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            report(problems, str(path), line, f"frame {name!r}: {exc}")
            continue
        out[str(name)] = frame
    return Frames(out, tuple(problems))


@lru_cache(maxsize=1)
def default_frames() -> Frames:
    return load_frames()
