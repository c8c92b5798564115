"""Offline language identification with py3langid (the langid.py model).

Why a library: a maintained statistical model names the language it found
for some 100 languages (so a rejection can say "Chinese", not "no article
text"), ships its model inside the package (nothing is downloaded at run
time) and classifies a text in well under a millisecond. We restrict it to
languages with a two-letter ISO 639-1 code: the rarer three-letter varieties
in its model (Wu Chinese, Cantonese, Egyptian Arabic ...) would otherwise
take texts of their major language away from it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["detect_language"]

_LETTER = re.compile(r"[^\W\d_]")
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


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code of the text's language and a confidence in [0, 1].

    Returns ``(None, 0.0)`` when the text has no letters.
    """
    prefix = (text or "")[:PREFIX_CHARS]
    letters = len(_LETTER.findall(prefix))
    if letters == 0:
        return None, 0.0
    lang, prob = _identifier().classify(prefix)
    return str(lang), round(float(prob) * min(1.0, 0.5 + letters / (2 * _FULL_EVIDENCE)), 3)
