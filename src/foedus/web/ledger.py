"""Where the ledger page gets the commitment ledger from.

The ledger is computed by :mod:`foedus.ledger.report`. The page depends only
on its contract (``build_ledger(con) -> list[dict]``, ``explain(con, key) ->
dict``) through a *provider*, so the page can be tested with a fake and keeps
working, with a clear message, when the ledger cannot be built.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

import duckdb

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def own_rationale(text: str | None, shared: str | None) -> str:
    """What a guarantor's rationale adds to its invocation's rationale.

    The ledger explains each guarantor in full, so every guarantor's text
    repeats the invocation's (the request, the trigger, the verdict). The
    page shows the invocation's text once and, per guarantor, only the
    sentences the invocation's text does not already contain ('' if none).
    """
    if not text:
        return ""
    if not shared:
        return text
    said = {s.strip() for s in _SENTENCE_END.split(shared)}
    return " ".join(s.strip() for s in _SENTENCE_END.split(text) if s.strip() not in said)


class LedgerProvider(Protocol):
    def build_ledger(self, con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]: ...

    def explain(self, con: duckdb.DuckDBPyConnection, key: str) -> dict[str, Any]: ...


class LedgerUnavailable(RuntimeError):
    """The ledger cannot be built; the message says why."""


class ModuleLedger:
    """The real ledger, imported when first asked for."""

    def _module(self) -> Any:
        try:
            from foedus.ledger import report
        except Exception as exc:  # ImportError, or an error inside the module
            raise LedgerUnavailable(f"{type(exc).__name__}: {exc}") from exc
        for name in ("build_ledger", "explain"):
            if not callable(getattr(report, name, None)):
                raise LedgerUnavailable(f"foedus.ledger.report has no {name}()")
        return report

    def build_ledger(self, con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
        return self._module().build_ledger(con)

    def explain(self, con: duckdb.DuckDBPyConnection, key: str) -> dict[str, Any]:
        return self._module().explain(con, key)
