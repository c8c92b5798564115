"""Bytes to text, refusing what is not text.

Why here and not in cleaning: a binary file or a wrong encoding must be named
as such ("binary content", "not valid UTF-8 at byte N"), not surface later as
an empty or garbled article.
"""

from __future__ import annotations

import re

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


class DecodeError(ValueError):
    """The input is not text we can read; the message is the one-line reason."""


def decode(body: bytes, kind: str) -> str:
    """Decode UTF-8 (or the charset an HTML page declares); refuse binary data."""
    sample = body[:65536]
    if b"\x00" in sample:
        raise DecodeError("binary content (NUL bytes), not a text document")
    controls = sum(1 for b in sample if b in _CONTROL)
    if sample and controls / len(sample) > 0.02:
        raise DecodeError(f"binary content ({controls} control bytes in the first {len(sample)}), not a text document")
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if kind == "html":
        m = _CHARSET.search(body[:4096])
        if m:
            charset = m.group(1).decode("ascii", "replace")
            try:
                return body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                raise DecodeError(
                    f"page declares charset {charset!r} but does not decode with it, nor as UTF-8"
                ) from None
    raise DecodeError(
        f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}); re-encode the file as UTF-8"
    )
