"""Lexical cues around a predicate (negation, modality, claims, support verbs).

Why data: which words negate or report is language knowledge that users tune
for their sources; ``data/coding/cues.yaml`` (format ``foedus-cues/1``)
documents each list. ``report_verbs`` make the events in their clause the
speaker's claims, unless the speaker reports its own state's or
organisation's act (see ``polarity.self_report``): then the event keeps the
speaker as ``claimed_by`` and its own modality.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .problems import LoadProblem, report
from .yamlfile import format_name, load_yaml

FORMAT = "foedus-cues/1"
KEYS = ("negators", "negating_verbs", "without", "future_aux", "future_verbs", "future_adjs",
        "hypothetical_aux", "conditional_marks", "report_verbs", "denial_verbs", "support_verbs", "pronouns",
        "support_objects", "temporal", "hypothetical_nouns", "question_words", "person_pronouns",
        "thing_pronouns", "crowd_nouns", "relational_nouns", "self_description_verbs", "reflexives",
        "counterfactual_verbs", "name_heads", "place_target_slots", "evaluation_verbs",
        "earlier_marks", "earlier_spans", "support_particles", "scope_target_roots", "scope_target_preps",
        "intent_roots", "threat_roots", "story_target_roots", "permission_verbs", "provision_subjects",
        "provision_verbs", "reciprocal_verbs", "dyadic_roots", "treaty_words", "accusation_roots", "non_state_roles",
        "joint_codes", "undergo_verbs", "channel_roles", "standing_conflict_nouns", "condition_nouns",
        "speech_nouns", "rejection_codes")


@dataclass(frozen=True)
class Cues:
    negators: frozenset[str] = frozenset()
    negating_verbs: frozenset[str] = frozenset()
    without: frozenset[str] = frozenset()
    future_aux: frozenset[str] = frozenset()
    future_verbs: frozenset[str] = frozenset()
    future_adjs: frozenset[str] = frozenset()
    hypothetical_aux: frozenset[str] = frozenset()
    conditional_marks: frozenset[str] = frozenset()
    report_verbs: frozenset[str] = frozenset()
    denial_verbs: frozenset[str] = frozenset()
    support_verbs: frozenset[str] = frozenset()
    support_particles: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    support_objects: frozenset[str] = frozenset()
    temporal: frozenset[str] = frozenset()
    hypothetical_nouns: frozenset[str] = frozenset()
    question_words: frozenset[str] = frozenset()
    person_pronouns: frozenset[str] = frozenset()
    thing_pronouns: frozenset[str] = frozenset()
    crowd_nouns: frozenset[str] = frozenset()
    relational_nouns: frozenset[str] = frozenset()
    self_description_verbs: frozenset[str] = frozenset()
    reflexives: frozenset[str] = frozenset()
    counterfactual_verbs: frozenset[str] = frozenset()
    permission_verbs: frozenset[str] = frozenset()
    provision_subjects: frozenset[str] = frozenset()
    provision_verbs: frozenset[str] = frozenset()
    name_heads: frozenset[str] = frozenset()
    place_target_slots: frozenset[str] = frozenset()
    evaluation_verbs: frozenset[str] = frozenset()
    reciprocal_verbs: frozenset[str] = frozenset()
    dyadic_roots: frozenset[str] = frozenset()
    treaty_words: frozenset[str] = frozenset()
    earlier_marks: frozenset[str] = frozenset()
    earlier_spans: frozenset[str] = frozenset()
    scope_target_roots: frozenset[str] = frozenset()
    scope_target_preps: frozenset[str] = frozenset()
    intent_roots: frozenset[str] = frozenset()
    threat_roots: frozenset[str] = frozenset()
    story_target_roots: frozenset[str] = frozenset()
    accusation_roots: frozenset[str] = frozenset()
    non_state_roles: frozenset[str] = frozenset()
    joint_codes: frozenset[str] = frozenset()
    undergo_verbs: frozenset[str] = frozenset()
    channel_roles: frozenset[str] = frozenset()
    standing_conflict_nouns: frozenset[str] = frozenset()
    condition_nouns: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()
    rejection_codes: frozenset[str] = frozenset()
    problems: tuple[LoadProblem, ...] = ()


def load_cues(path: Path | None = None) -> Cues:
    path = path or Path(str(resources.files("foedus") / "data" / "coding" / "cues.yaml"))
    problems: list[LoadProblem] = []
    if format_name(path) != FORMAT:
        report(problems, str(path), 1, f"expected '# format: {FORMAT}'")
        return Cues(problems=tuple(problems))
    data = load_yaml(path) or {}
    values: dict[str, frozenset[str]] = {}
    for key in KEYS:
        items = data.get(key)
        if not isinstance(items, list):
            report(problems, str(path), 1, f"missing list {key!r}")
            items = []
        values[key] = frozenset(str(w).lower() for w in items)
    return Cues(**values, problems=tuple(problems))


@lru_cache(maxsize=1)
def default_cues() -> Cues:
    return load_cues()
