"""The ``foedus_timex`` spaCy component.

Runs after the model (it uses the parse for tense and attachment) and leaves
``doc._.timexes`` (every expression) and ``doc._.sentences`` (one
:class:`~foedus.records.SentenceInfo` per sentence) for the event coder.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import ensure_extensions
from .lexicon import default_lexicon, load_lexicon
from .normalise import find_timexes, warm_dateparser, warm_grammar
from .sentence_dates import sentence_infos


class TimexComponent:
    """Normalises time expressions against ``doc._.published``."""

    def __init__(self, nlp: Language, name: str, lexicon: str = "") -> None:
        ensure_extensions()
        self.name = name
        self.lexicon = load_lexicon(Path(lexicon)) if lexicon else default_lexicon()
        warm_grammar(self.lexicon)
        warm_dateparser()

    def __call__(self, doc: Doc) -> Doc:
        timexes = find_timexes(doc._.text, doc._.published, doc, self.lexicon)
        doc._.timexes = timexes
        doc._.sentences = sentence_infos(doc, timexes)
        return doc


@Language.factory("foedus_timex", default_config={"lexicon": ""})
def make_timex(nlp: Language, name: str, lexicon: str) -> TimexComponent:
    return TimexComponent(nlp, name, lexicon)
