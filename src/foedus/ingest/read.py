"""Reading inputs: files, folders, gzip, JSON/JSONL records and manifests.

Reading is deliberately separate from cleaning: it only turns paths into raw
items (bytes or decoded text plus the metadata the crawler gave) or into
rejections with a reason, so a bad file never stops the batch and nothing here
needs spaCy or the database.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import stat
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
_FORMAT_NAMES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
                 ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
MANIFEST_NAMES = {"manifest.csv", "manifest.json"}
MANIFEST_FIELDS = ("url", "outlet", "title", "published", "author", "language")


@dataclass(frozen=True)
class RawItem:
    """One document as read, before cleaning."""

    path: str  # display path (as given, or file inside a folder)
    kind: str  # "text" | "html"
    body: bytes  # raw bytes of the article (text or html)
    source_format: str  # txt | html | json | jsonl, prefixed "gz+" when compressed
    record_index: int | None = None
    given: dict[str, Any] = field(default_factory=dict)  # metadata from manifest or record

    @property
    def content_hash(self) -> str:
        # Two records with the same body are the same content: the record's
        # position is not hashed on purpose.
        return hashlib.sha256(self.body).hexdigest()

    @property
    def doc_id(self) -> str:
        return self.content_hash[:16]


@dataclass(frozen=True)
class Rejection:
    path: str
    reason: str


@dataclass(frozen=True)
class Skipped:
    """A file passed over on purpose (a manifest, an unsupported type in a folder)."""

    path: str
    reason: str


class Manifest:
    """Per-document metadata a crawler recorded, keyed by file name or relative path.

    Why both keys: crawls are moved around; a manifest row `file=a/b.txt` must
    still match `b.txt` ingested from inside `a/`, and a bare name must match
    wherever the file sits, as long as it is unambiguous.
    """

    def __init__(self, rows: Iterable[dict[str, Any]], origin: str) -> None:
        self.origin = origin
        self.by_path: dict[str, dict[str, Any]] = {}
        self.by_name: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            key = str(row.get("file") or "").strip().replace("\\", "/")
            if not key:
                continue
            meta = {k: (str(v).strip() if v is not None else None) for k, v in row.items() if k != "file"}
            meta = {k: v for k, v in meta.items() if v}
            self.by_path[key.lstrip("./")] = meta
            self.by_name.setdefault(Path(key).name, []).append(meta)

    def lookup(self, rel_path: str) -> dict[str, Any] | None:
        rel = rel_path.replace("\\", "/").lstrip("./")
        if rel in self.by_path:
            return self.by_path[rel]
        for key, meta in self.by_path.items():
            if rel.endswith("/" + key) or key.endswith("/" + rel):
                return meta
        named = self.by_name.get(Path(rel).name)
        if named and len(named) == 1:
            return named[0]
        return None

    def __len__(self) -> int:
        return len(self.by_path)


# A manifest field longer than this is no metadata (a title, a URL, a date):
# the manifest is refused with the reason rather than read half.
MAX_FIELD_CHARS = 64 * 1024
MAX_MANIFEST_BYTES = 50 * 1024 * 1024


class ManifestError(ValueError):
    """A manifest that cannot be used; the message is the one-line reason."""


def parse_json(text: str) -> Any:
    """``json.loads`` that names deep nesting as a reason instead of crashing."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply to be a document or a manifest") from None


def load_manifest(path: str | Path) -> Manifest:
    """Read a CSV or JSON manifest (a list of objects, or {"documents": [...]}).

    Raises ``ManifestError`` with a one-line reason for anything unusable: not
    a regular file, too large, not UTF-8, malformed or too deeply nested JSON,
    a CSV without a ``file`` column, a field over ``MAX_FIELD_CHARS``.
    """
    p = Path(path)
    try:
        if not p.is_file():
            raise ManifestError(f"{p}: not a regular file")
        if p.stat().st_size > MAX_MANIFEST_BYTES:
            raise ManifestError(f"{p}: manifest over {MAX_MANIFEST_BYTES // (1024 * 1024)} MB")
        text = p.read_bytes().decode("utf-8-sig")
        if p.suffix.lower() == ".json":
            obj = parse_json(text)
            rows = obj.get("documents", []) if isinstance(obj, dict) else obj
            if not isinstance(rows, list):
                raise ManifestError(f"{p}: a JSON manifest must be a list of objects or {{'documents': [...]}}")
            rows = [r for r in rows if isinstance(r, dict)]
        else:
            reader = csv.DictReader(io.StringIO(text))
            if not reader.fieldnames or "file" not in reader.fieldnames:
                found = ", ".join(str(f) for f in (reader.fieldnames or [])) or "none"
                raise ManifestError(f"{p}: a CSV manifest needs a 'file' column (columns found: {found})")
            rows = list(reader)
    except ManifestError:
        raise
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{p}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{p}: malformed JSON ({exc.msg} at line {exc.lineno})") from None
    except csv.Error as exc:
        raise ManifestError(f"{p}: malformed CSV ({exc})") from None
    except (ValueError, OSError) as exc:
        raise ManifestError(f"{p}: {exc}") from None
    for n, row in enumerate(rows, start=2 if p.suffix.lower() != ".json" else 1):
        for key, value in row.items():
            if isinstance(value, str) and len(value) > MAX_FIELD_CHARS or isinstance(key, str) and len(key) > MAX_FIELD_CHARS:
                raise ManifestError(f"{p}: row {n}: field '{str(key)[:40]}' is over {MAX_FIELD_CHARS // 1024} KB")
    return Manifest(rows, str(p))


def _suffixes(path: Path) -> tuple[bool, str]:
    """(gzipped, inner suffix) of a path: 'a.txt.gz' -> (True, '.txt')."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return True, Path(name[:-3]).suffix
    return False, path.suffix.lower()


def _read_bytes(path: Path, gz: bool, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes, so a huge file is refused without loading it all."""
    opener = gzip.open if gz else open
    with opener(path, "rb") as fh:  # type: ignore[operator]
        return fh.read(limit + 1)


def _records(path: Path, display: str, body: bytes, fmt: str, given: dict[str, Any]) -> Iterator[RawItem | Rejection]:
    """JSON/JSONL records with ``text`` or ``html`` plus metadata fields."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield Rejection(display, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
        return
    records: list[tuple[int, Any]] = []
    if fmt.endswith("jsonl"):
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((n, parse_json(line)))
            except json.JSONDecodeError as exc:
                yield Rejection(f"{display}:{n}", f"malformed JSON line ({exc.msg})")
            except ValueError as exc:
                yield Rejection(f"{display}:{n}", str(exc))
    else:
        try:
            obj = parse_json(text)
        except json.JSONDecodeError as exc:
            yield Rejection(display, f"malformed JSON ({exc.msg} at line {exc.lineno})")
            return
        except ValueError as exc:
            yield Rejection(display, str(exc))
            return
        items = obj.get("documents", obj) if isinstance(obj, dict) else obj
        items = items if isinstance(items, list) else [items]
        records = list(enumerate(items, start=1))
    for n, rec in records:
        where = f"{display}:{n}"
        if not isinstance(rec, dict):
            yield Rejection(where, "record is not a JSON object")
            continue
        html, txt = rec.get("html"), rec.get("text")
        if not (isinstance(html, str) and html.strip()) and not (isinstance(txt, str) and txt.strip()):
            yield Rejection(where, "record has no 'text' or 'html' field")
            continue
        meta = dict(given)
        for key in MANIFEST_FIELDS:
            if rec.get(key):
                meta[key] = str(rec[key])
        for key in ("date", "publication_date", "published_at"):
            if rec.get(key) and "published" not in meta:
                meta["published"] = str(rec[key])
        if rec.get("source") and "outlet" not in meta:
            meta["outlet"] = str(rec["source"])
        extra = {k: v for k, v in rec.items() if k not in {"text", "html", *MANIFEST_FIELDS}}
        if extra:
            meta["extra"] = extra
        kind = "html" if isinstance(html, str) and html.strip() else "text"
        content = html if kind == "html" else txt
        yield RawItem(where, kind, content.encode("utf-8"), fmt, n, meta)


def _walk(root: Path) -> Iterator[Path]:
    """Files below ``root`` in a stable order (restarts see the same order);
    links to folders are yielded too (never descended), so they are reported."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        links = [d for d in dirnames if (Path(dirpath) / d).is_symlink()]
        for name in sorted([*filenames, *links]):
            yield Path(dirpath) / name


def _not_regular(path: Path) -> str | None:
    """Why ``path`` (after links) is no regular file, or None: a FIFO, socket or
    device would block or stream forever."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a folder" if stat.S_ISDIR(mode)
            else "not a regular file")
    return f"not a regular file ({kind})"


def _outside(file: Path, root: Path) -> bool:
    """Whether a link inside ``root`` leads out of it."""
    try:
        file.resolve().relative_to(root.resolve())
        return False
    except ValueError:
        return True


@dataclass(frozen=True)
class InputFile:
    """A file to read, found but not yet opened, with the manifest's metadata
    for it: cheap to list and to send to another process or machine, which
    then reads it (:func:`read_input`)."""

    path: str
    given: dict[str, Any] = field(default_factory=dict)


def iter_inputs(
    paths: Iterable[str | Path],
    manifest: Manifest | None = None,
    max_bytes: int = 20 * 1024 * 1024,
    follow_links: bool = False,
) -> Iterator[RawItem | Rejection | Skipped]:
    """Every document found under ``paths``, in a deterministic order
    (:func:`list_inputs`, each file read as it comes)."""
    for entry in list_inputs(paths, manifest, follow_links):
        if isinstance(entry, InputFile):
            yield from read_input(entry, max_bytes)
        else:
            yield entry


def read_input(entry: InputFile, max_bytes: int = 20 * 1024 * 1024) -> Iterator[RawItem | Rejection]:
    """The documents (or the rejection) of one listed file."""
    yield from _read_one(Path(entry.path), entry.path, entry.given, max_bytes)


def list_inputs(
    paths: Iterable[str | Path],
    manifest: Manifest | None = None,
    follow_links: bool = False,
) -> Iterator[InputFile | Rejection | Skipped]:
    """Every file found under ``paths``, in a deterministic order, unread.

    Every file found is accounted for: read (an item or a rejection with its
    reason) or skipped with its reason (a manifest, an unsupported type, not a
    regular file, a link leading out of the ingested folder). Only regular
    files are read; links inside a folder that lead out of it are not followed
    unless ``follow_links``. A ``manifest.csv``/``manifest.json`` inside an
    ingested folder is that folder's manifest (and not an article); an
    explicit ``manifest`` wins over it for the rows it has.
    """
    for given in paths:
        root = Path(given)
        if not root.exists() and not root.is_symlink():
            yield Rejection(str(given), "no such file or folder")
            continue
        if root.is_dir():
            local: Manifest | None = None
            for name in sorted(MANIFEST_NAMES):
                if (root / name).exists():
                    try:
                        local = load_manifest(root / name)
                    except ManifestError as exc:
                        yield Rejection(str(root / name), f"unreadable manifest: {exc}")
                    break
            for file in _walk(root):
                rel = file.relative_to(root).as_posix()
                if file.is_symlink() and file.is_dir():
                    yield Skipped(str(file), "a link to a folder (not followed)")
                    continue
                if file.is_symlink() and not follow_links and _outside(file, root):
                    yield Skipped(str(file), "a link to a file outside the folder (not followed; use --follow-links)")
                    continue
                if file.name.lower() in MANIFEST_NAMES:
                    yield Skipped(str(file), "manifest")
                    continue
                gz, suffix = _suffixes(file)
                if suffix not in SUPPORTED:
                    yield Skipped(str(file), f"unsupported file type '{suffix or file.name}' (read: txt, html, json, jsonl, optionally .gz)")
                    continue
                why = _not_regular(file)
                if why:
                    yield Skipped(str(file), why)
                    continue
                meta = (manifest.lookup(rel) if manifest else None) or (local.lookup(rel) if local else None)
                yield InputFile(str(file), meta or {})
        else:
            why = _not_regular(root)
            if why:
                yield Rejection(str(root), why)
                continue
            gz, suffix = _suffixes(root)
            if suffix not in SUPPORTED:
                yield Rejection(str(root), f"unsupported file type '{suffix or root.name}' (expected txt, html, json, jsonl, optionally .gz)")
                continue
            meta = manifest.lookup(root.name) if manifest else None
            if meta is None and manifest:
                meta = manifest.lookup(str(root))
            yield InputFile(str(root), meta or {})


def _read_one(file: Path, display: str, meta: dict[str, Any], max_bytes: int) -> Iterator[RawItem | Rejection]:
    gz, suffix = _suffixes(file)
    fmt = ("gz+" if gz else "") + _FORMAT_NAMES[suffix]
    try:
        body = _read_bytes(file, gz, max_bytes)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        what = "corrupt gzip data" if gz and not isinstance(exc, FileNotFoundError) else "cannot read"
        yield Rejection(display, f"{what}: {exc}")
        return
    if len(body) > max_bytes:
        size = file.stat().st_size
        yield Rejection(display, f"too large: over {max_bytes // (1024 * 1024)} MB (file is {size / 1e6:.1f} MB on disk)")
        return
    if not body.strip():
        yield Rejection(display, "empty file")
        return
    if suffix in JSON_SUFFIXES or suffix in JSONL_SUFFIXES:
        yield from _records(file, display, body, fmt, meta)
        return
    kind = "html" if suffix in HTML_SUFFIXES else "text"
    yield RawItem(display, kind, body, fmt, None, dict(meta))
