"""Reading knowledge files (YAML) so that every entry knows its line.

Why one module: every knowledge loader (actors, patterns, treaties, ...) must
report a malformed entry as ``file:line: reason`` and skip it, and PyYAML
forgets positions once it builds Python objects. Here each mapping gets its
first line under :data:`LINE`; the loaders validate entries themselves.

Two choices a loader makes:
- ``dates_as_text``: keep ``2020-13-45`` as text so that a bad date is
  reported against its entry instead of failing the whole file;
- ``strict_bools``: YAML 1.1 reads on/off/yes/no as booleans, but in our data
  they are words ("call on", "cut off"); only true/false are booleans then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LINE = "__line__"
_FORMAT = re.compile(r"^#\s*format:\s*([A-Za-z0-9_-]+)/(\d+)\s*$", re.MULTILINE)
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    """A malformed line or entry of a knowledge file, reported and skipped."""

    where: str  # file:line
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class DataFileError(ValueError):
    """A whole file cannot be used; ``line`` is where the trouble starts (0 if unknown)."""

    def __init__(self, path: str | Path, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = str(path)
        self.line = line
        self.reason = reason


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        mapping[loader.construct_object(key_node, deep=True)] = loader.construct_object(value_node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


def _construct_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


@lru_cache(maxsize=4)
def line_loader(dates_as_text: bool = False, strict_bools: bool = False) -> type:
    """A safe YAML loader class recording the line of every mapping."""
    base = yaml.SafeLoader if strict_bools else _Base  # resolver tables are editable on the Python loader

    class LineLoader(base):  # type: ignore[misc,valid-type]
        pass

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    if dates_as_text:
        LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_text)
    if strict_bools:
        LineLoader.yaml_implicit_resolvers = {
            k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
            for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        LineLoader.add_implicit_resolver(
            "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
        )
    return LineLoader


def parse(text: str, path: str | Path, *, dates_as_text: bool = False, strict_bools: bool = False) -> Any:
    """Parse YAML text; raise :class:`DataFileError` naming the line of a syntax error."""
    try:
        return yaml.load(text, Loader=line_loader(dates_as_text, strict_bools))  # noqa: S506 (SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise DataFileError(path, line, f"YAML syntax error: {getattr(exc, 'problem', None) or exc}") from None
    except (ValueError, TypeError) as exc:
        raise DataFileError(path, 0, f"unreadable YAML value: {exc}") from None


def read_text(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path, 0, f"cannot read file: {exc}") from None


def load(path: str | Path, *, dates_as_text: bool = False, strict_bools: bool = False) -> Any:
    """Read and parse a YAML knowledge file."""
    return parse(read_text(path), path, dates_as_text=dates_as_text, strict_bools=strict_bools)


def declared_format(text: str) -> tuple[str, int] | None:
    """The ``# format: NAME/VERSION`` a file declares in its header comments."""
    m = _FORMAT.search(text[:4000])
    return (m.group(1), int(m.group(2))) if m else None
