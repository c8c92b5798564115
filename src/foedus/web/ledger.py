"""Where the ledger page gets the commitment ledger from.

The ledger is computed by :mod:`foedus.ledger.report`. The page depends only
on its contract (``build_ledger(con) -> list[dict]``, ``explain(con, key) ->
dict``) through a *provider*, so the page can be tested with a fake and keeps
working, with a clear message, when the ledger cannot be built.
"""

from __future__ import annotations

from typing import Any, Protocol

import duckdb


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
