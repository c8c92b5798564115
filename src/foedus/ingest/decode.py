"""Bytes to text, refusing what is not text, and naming the encoding used.

Why here and not in cleaning: a binary file or an unreadable encoding must be
named as such ("binary content", "no text encoding fits"), not surface later
as an empty or garbled article. Order: a byte-order mark (UTF-8/16/32) says
the encoding outright; then UTF-8; then the charset an HTML page declares;
then charset-normalizer's detection over legacy encodings (Windows-1251,
Latin-1, Shift-JIS ...). Binary data is refused before any guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))
# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer's "chaos" above this is no text in any encoding.
_MAX_CHAOS = 0.2


class DecodeError(ValueError):
    """The input is not text we can read; the message is the one-line reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec used ("utf-8", "utf-16", "cp1251", ...)
    how: str  # bom | utf-8 | declared | detected


def _bom(body: bytes) -> str | None:
    for mark, codec in _BOMS:
        if body.startswith(mark):
            return codec
    return None


def _refuse_binary(sample: bytes) -> None:
    if b"\x00" in sample:
        raise DecodeError("binary content (NUL bytes), not a text document")
    controls = sum(1 for b in sample if b in _CONTROL)
    if sample and controls / len(sample) > 0.02:
        raise DecodeError(f"binary content ({controls} control bytes in the first {len(sample)}), not a text document")


def decode_bytes(body: bytes, kind: str) -> Decoded:
    """Decode a document's bytes; raises ``DecodeError`` with the reason."""
    bom = _bom(body)
    if bom:
        try:
            return Decoded(body.decode(bom), bom.replace("-sig", ""), "bom")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"starts with a {bom} byte-order mark but does not decode as {bom} ({exc.reason})") from None
    _refuse_binary(body[:65536])
    try:
        return Decoded(body.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if kind == "html":
        m = _CHARSET.search(body[:4096])
        if m:
            charset = m.group(1).decode("ascii", "replace")
            try:
                return Decoded(body.decode(charset), codecs.lookup(charset).name, "declared")
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: detect instead
    from charset_normalizer import from_bytes

    best = from_bytes(body[: 1024 * 1024]).best()
    if best is not None and best.chaos <= _MAX_CHAOS:
        try:
            return Decoded(body.decode(best.encoding), best.encoding, "detected")
        except (LookupError, UnicodeDecodeError):
            pass
    raise DecodeError(
        f"no text encoding fits: not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
        "and no legacy encoding detected"
    )
