"""The commitment ledger: what treaties promise, who invoked them, what the
guarantors did, and whether promises were kept, each verdict with its evidence.

Public entry points (the CLI and the web dashboard call these):
``build_ledger``, ``explain``, ``scenario``, ``load_registry``,
``record_override``, ``extract_pledges``, ``list_pledges``.
"""

from foedus.ledger.overrides import record_override
from foedus.ledger.pledges import extract_pledges, list_pledges
from foedus.ledger.report import build_ledger, explain
from foedus.ledger.scenario import scenario
from foedus.ledger.treaties import load_registry

__all__ = [
    "build_ledger",
    "explain",
    "extract_pledges",
    "list_pledges",
    "load_registry",
    "record_override",
    "scenario",
]
