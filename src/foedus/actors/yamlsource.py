"""Reading ``foedus-actors/1`` YAML files with line numbers kept.

Why: a data loader must say *where* an entry is broken (file:line). PyYAML
drops positions after construction, so this loader records the line of every
mapping under the key ``__line__``; the parsers read and discard it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from .model import Problem

FORMAT = "foedus-actors/1"
LINE = "__line__"

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[misc,valid-type]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    # Dates stay text here: PyYAML would raise on "2020-13-45" and lose the
    # whole file; ``date_field`` reports such a date against its entry instead.
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def read_yaml(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The document of a data file, or ``None`` with the reason it is unusable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(f"{path}:0", f"cannot read file: {exc}")]
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (safe loader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        return None, [Problem(f"{path}:{line}", f"YAML syntax error: {getattr(exc, 'problem', exc)}")]
    except (ValueError, TypeError) as exc:
        return None, [Problem(f"{path}:0", f"unreadable YAML value: {exc}")]
    if not isinstance(data, dict):
        return None, [Problem(f"{path}:1", "expected a mapping with 'format' and 'kind' at the top")]
    fmt = data.get("format")
    if fmt != FORMAT:
        return None, [Problem(f"{path}:1", f"unsupported format {fmt!r} (expected {FORMAT!r})")]
    return data, []


class EntryError(ValueError):
    """An entry that cannot be used; the message is the reason shown to the user."""


def where(path: Path, entry: Any) -> str:
    line = entry.get(LINE, 0) if isinstance(entry, dict) else 0
    return f"{path}:{line}"


def text_field(entry: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise EntryError(f"missing required field {key!r}")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise EntryError(f"field {key!r} must be a non-empty string, got {value!r}")
    return value.strip()


def text_list(entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise EntryError(f"field {key!r} must be a list of strings")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise EntryError(f"field {key!r} holds a non-string or empty item {item!r}")
        out.append(item.strip())
    return tuple(out)


def date_field(entry: dict[str, Any], key: str) -> date | None:
    """YYYY-MM-DD (YAML may already have made it a date); ``null`` means open."""
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise EntryError(f"field {key!r} must be a date YYYY-MM-DD or null, got {value!r}")
