"""The commitment ledger: what treaties promise, who invoked them, what the
guarantors did, and whether promises were kept, each verdict with its evidence.

Public entry points (the CLI and the web dashboard call these):
``build_ledger``, ``explain``, ``scenario``, ``load_registry``,
``record_override``, ``record_invocation``, ``extract_pledges``, ``list_pledges``,
``treaty_records``.
"""

from foedus.ledger.analyst import record_invocation
from foedus.ledger.overrides import record_override
from foedus.ledger.pledges import extract_pledges, list_pledges
from foedus.ledger.report import build_ledger, explain, treaty_records
from foedus.ledger.scenario import scenario
from foedus.ledger.treaties import load_registry

__all__ = [
    "build_ledger",
    "explain",
    "extract_pledges",
    "list_pledges",
    "load_registry",
    "record_invocation",
    "record_override",
    "scenario",
    "treaty_records",
]
