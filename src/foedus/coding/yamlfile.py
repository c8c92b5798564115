"""YAML reading that remembers line numbers.

Why: a loader must name ``file:line`` for every malformed entry so that a user
can fix their own pattern or evaluation file; plain ``yaml.safe_load`` forgets
where things were.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

LINE_KEY = "__line__"


class _LineLoader(yaml.SafeLoader):
    """A safe loader that adds ``__line__`` (1-based) to every mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


# YAML 1.1 reads on/off/yes/no as booleans; patterns use "on" and "off" as
# prepositions and particles, so only true/false are booleans here.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; mappings carry their line under ``__line__``."""
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)


def format_name(path: Path) -> str | None:
    """The ``# format: NAME/VERSION`` declared in the file's leading comments."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                break
            if line.lower().startswith("# format:"):
                return line.split(":", 1)[1].strip()
    return None
