"""Offline language identification with py3langid (the langid.py model).

Why a library: a maintained statistical model names the language it found
for some 100 languages (so a rejection can say "Chinese", not "no article
text"), ships its model inside the package (nothing is downloaded at run
time) and classifies a text in well under a millisecond. We restrict it to
languages with a two-letter ISO 639-1 code: the rarer three-letter varieties
in its model (Wu Chinese, Cantonese, Egyptian Arabic ...) would otherwise
take texts of their major language away from it.

Most of what we read is plainly English, and the model is big (about 90 MB
in memory, loaded by every process that ingests). A text whose words are
30% or more English function words (spaCy's English stop-word list; English
news has 35-55%, French, German, Spanish, Italian, Dutch, Turkish or
Indonesian news under 20%) is English without asking the model, which is
then loaded only when a text is not plainly English.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["detect_language"]

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A text of at least ENGLISH_MIN_WORDS words, ENGLISH_SHARE of them English
# function words, is English without the model.
ENGLISH_MIN_WORDS = 40
ENGLISH_SHARE = 0.30
# Texts with fewer letters than this are weak evidence: the confidence is
# scaled down so that a caller can tell "not English" from "too short to say".
_FULL_EVIDENCE = 40
# The language is read from the text's first characters: a few thousand are
# ample evidence, and the cost no longer grows with the length of the article.
PREFIX_CHARS = 2000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(sorted({c for c in ident.nb_classes if len(c) == 2 and c != "zxx"}))
    return ident


def plainly_english(text: str) -> bool:
    """Whether ENGLISH_SHARE of the text's words (ENGLISH_MIN_WORDS at least) are English function words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = _WORD.findall(text.lower())
    if len(words) < ENGLISH_MIN_WORDS:
        return False
    return sum(w in STOP_WORDS for w in words) >= ENGLISH_SHARE * len(words)


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code of the text's language and a confidence in [0, 1].

    Returns ``(None, 0.0)`` when the text has no letters.
    """
    prefix = (text or "")[:PREFIX_CHARS]
    if plainly_english(prefix):
        return "en", 1.0
    letters = len(_LETTER.findall(prefix))
    if letters == 0:
        return None, 0.0
    lang, prob = _identifier().classify(prefix)
    return str(lang), round(float(prob) * min(1.0, 0.5 + letters / (2 * _FULL_EVIDENCE)), 3)
