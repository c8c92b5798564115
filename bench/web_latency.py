"""Dashboard latency on a large synthetic database.

Builds (once, with DuckDB SQL, no Python loops) a database of N events
(default 1,000,000) with ~1.5 reports each and one document per 10 events,
then requests every page ~30 times with varied filters through the ASGI test
client and prints p50/p95 per page. The goal is p95 < 300 ms.

Requests that follow each other share the dashboard's connection to the file
(``web/database.py``); with ``--cold`` each request comes after the dashboard
has let the file go (it waits out ``IDLE_RELEASE``), so each opens the file and
starts with DuckDB's cache empty, as a user's first click after a pause does.

    python bench/web_latency.py [--events 1000000] [--db /tmp/foedus-bench.duckdb] [--runs 30] [--cold]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from foedus.store.db import connect

ACTORS = ["ARM", "AZE", "RUS", "USA", "FRA", "IRN", "TUR", "GEO", "UKR", "CHN", "DEU", "GBR", "ISR", "IND",
          "KAZ", "BLR", "KGZ", "TJK", "SYR", "IRQ"]
ORGS = ["CSTO", "EU", "NATO", "UN", "OSCE"]
OUTLETS = ["Reuters", "TASS", "Armenpress", "Azertac", "AP", "AFP", "BBC", "Interfax", "Al Jazeera", "RFE/RL"]


def build(path: Path, n_events: int) -> None:
    """Fill a new database with synthetic documents, events and reports."""
    con = connect(path)
    n_docs = max(n_events // 10, 1)
    keys = ACTORS + ORGS
    con.execute("SET preserve_insertion_order = false")
    con.execute(
        """
        INSERT INTO documents (doc_id, content_hash, text_hash, outlet, outlet_source, title, title_source,
            published, published_source, author_source, language_source, raw_text, text, n_words)
        SELECT 'd' || i, 'h' || i, 't' || i, (?::VARCHAR[])[1 + i % 10], 'given', 'Synthetic report ' || i,
               'given', DATE '2020-01-01' + CAST(i % 1826 AS INTEGER), 'given', 'unknown', 'given',
               'Forces attacked positions; 12 soldiers were killed. Officials met in the capital.',
               'Forces attacked positions; 12 soldiers were killed. Officials met in the capital.', 12
        FROM range(?) t(i)
        """,
        [OUTLETS, n_docs],
    )
    con.execute(
        f"""
        CREATE TEMP TABLE ev AS
        SELECT i,
               (?::VARCHAR[])[1 + CAST(floor(pow(random(), 2) * {len(keys)}) AS INTEGER)] AS s,
               (?::VARCHAR[])[1 + CAST(floor(pow(random(), 2) * {len(keys)}) AS INTEGER)] AS t,
               1 + CAST(floor(random() * 20) AS INTEGER) AS rootn,
               DATE '2020-01-01' + CAST(floor(random() * 1826) AS INTEGER) AS d,
               random() < 0.03 AS neg, random() < 0.05 AS claimed
        FROM range(?) r(i)
        """,
        [keys, keys, n_events],
    )
    orgs = ORGS
    con.execute(
        """
        CREATE TEMP TABLE evx AS
        SELECT i, 'e' || i AS event_id, d AS date, 'day' AS date_precision,
               CASE WHEN list_contains(?::VARCHAR[], s) THEN 'IGO' || s ELSE s || 'GOV' END AS source_code,
               s AS source_name,
               CASE WHEN list_contains(?::VARCHAR[], s) THEN NULL ELSE s END AS source_country,
               CASE WHEN list_contains(?::VARCHAR[], s) THEN s ELSE NULL END AS source_org, 'GOV' AS source_role,
               CASE WHEN list_contains(?::VARCHAR[], t) THEN 'IGO' || t ELSE t || 'GOV' END AS target_code,
               t AS target_name,
               CASE WHEN list_contains(?::VARCHAR[], t) THEN NULL ELSE t END AS target_country,
               CASE WHEN list_contains(?::VARCHAR[], t) THEN t ELSE NULL END AS target_org, 'GOV' AS target_role,
               lpad(rootn::VARCHAR, 2, '0') || '0' AS cameo, lpad(rootn::VARCHAR, 2, '0') AS root,
               CASE WHEN rootn <= 5 THEN 1 WHEN rootn <= 9 THEN 2 WHEN rootn <= 14 THEN 3 ELSE 4 END AS quad_class,
               CASE WHEN rootn <= 9 THEN (10 - rootn) * 0.9 ELSE -(rootn - 9) * 0.9 END AS goldstein,
               neg AS negated, 'asserted' AS modality,
               CASE WHEN claimed THEN s || 'GOV' END AS claimed_by_code, CASE WHEN claimed THEN s END AS claimed_by_name,
               1 + i % 2 AS mentions
        FROM ev
        """,
        [orgs] * 6,
    )
    # Reports: one or two per event, each in its own document (and so its own outlet).
    con.execute(
        f"""
        INSERT INTO event_mentions (mention_id, event_id, doc_id, sent_index, sent_start, sent_end, sentence,
            date, date_precision, outlet, published, source_code, source_name, source_country, source_org,
            source_role, source_key, target_code, target_name, target_country, target_org, target_role, target_key,
            cameo, root, quad_class, goldstein, negated, modality, claimed_by_code, trigger_start, trigger_end,
            trigger_text, pattern_id)
        SELECT e.event_id || ':' || k, e.event_id, d.doc_id, k, 0, 51,
               'Forces attacked positions; 12 soldiers were killed.', e.date, 'day', d.outlet, d.published,
               e.source_code, e.source_name, e.source_country, e.source_org, e.source_role,
               coalesce(e.source_org, e.source_country),
               e.target_code, e.target_name, e.target_country, e.target_org, e.target_role,
               coalesce(e.target_org, e.target_country),
               e.cameo, e.root, e.quad_class, e.goldstein, e.negated, e.modality, e.claimed_by_code,
               7, 15, 'attacked', 'bench'
        FROM evx e, range(2) r(k), documents d
        WHERE k < e.mentions AND d.doc_id = 'd' || ((e.i * 7 + k * 13) % {n_docs})
        """
    )
    con.execute(
        """
        INSERT INTO events (event_id, date, date_precision, source_code, source_name, source_country, source_org,
            source_role, target_code, target_name, target_country, target_org, target_role, cameo, root,
            quad_class, goldstein, negated, modality, claimed_by_code, claimed_by_name, mentions, sources,
            documents, source_key, target_key, outlets)
        SELECT e.event_id, e.date, e.date_precision, e.source_code, e.source_name, e.source_country, e.source_org,
               e.source_role, e.target_code, e.target_name, e.target_country, e.target_org, e.target_role,
               e.cameo, e.root, e.quad_class, e.goldstein, e.negated, e.modality, e.claimed_by_code,
               e.claimed_by_name, e.mentions, len(o.outlets), e.mentions,
               coalesce(e.source_org, e.source_country), coalesce(e.target_org, e.target_country), o.outlets
        FROM evx e JOIN (
            SELECT event_id, list_sort(list(DISTINCT outlet)) AS outlets FROM event_mentions GROUP BY event_id
        ) o USING (event_id)
        ORDER BY e.i
        """
    )
    con.execute("CHECKPOINT")
    con.close()


def measure(db: Path, runs: int, cold: bool = False) -> list[tuple[str, float, float, float]]:
    from fastapi.testclient import TestClient

    from foedus.web.app import create_app
    from foedus.web.database import IDLE_RELEASE

    rnd = random.Random(7)
    years = ["2020", "2021", "2022", "2023", "2024"]

    def dates() -> dict[str, str]:
        y = rnd.choice(years)
        return {"start": f"{y}-01-01", "end": f"{y}-{rnd.choice(['03', '06', '12'])}-28"}

    pages = {
        "overview": lambda: ("/", {}),
        "timeline": lambda: ("/timeline", {"actor": rnd.choice(ACTORS), **dates(),
                                           **rnd.choice([{}, {"cameo": "19"}, {"negated": "exclude"},
                                                         {"outlet": rnd.choice(OUTLETS)}, {"order": "-date"}])}),
        "timeline dyad": lambda: ("/timeline", {"actor": rnd.choice(ACTORS), "other": rnd.choice(ACTORS + ORGS),
                                                "page": str(rnd.randint(1, 5))}),
        "relations": lambda: ("/relations", {"focal": rnd.choice(ACTORS),
                                             "freq": rnd.choice(["week", "month", "year"])}),
        "relations+outlet": lambda: ("/relations", {"focal": rnd.choice(ACTORS), "outlet": rnd.choice(OUTLETS)}),
        "network": lambda: ("/network", dates()),
        "outlets": lambda: ("/outlets", rnd.choice([{}, {"outlet": rnd.choice(OUTLETS)}])),
        "figures": lambda: ("/corroborate", {"actor": rnd.choice(ACTORS), **dates()}),
        "event": lambda: (f"/event/e{rnd.randint(0, 999_999)}", {}),
        "document": lambda: (f"/doc/d{rnd.randint(0, 99_999)}", {}),
        "timeline csv": lambda: ("/timeline", {"actor": rnd.choice(ACTORS), "format": "csv", "limit": "1000"}),
    }
    out = []
    # the app answers only its own host names (localhost by default)
    with TestClient(create_app(db, ledger_provider=_NoLedger()), base_url="http://localhost") as client:
        for name, make in pages.items():
            times = []
            for _ in range(runs):
                path, params = make()
                if cold:
                    time.sleep(IDLE_RELEASE + 0.2)
                t0 = time.perf_counter()
                r = client.get(path, params=params)
                times.append((time.perf_counter() - t0) * 1000)
                if r.status_code not in (200, 404):
                    raise SystemExit(f"{name}: {path} {params} -> {r.status_code}")
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            out.append((name, statistics.median(times), p95, max(times)))
    return out


class _NoLedger:
    def build_ledger(self, con):
        return []

    def explain(self, con, key):
        raise KeyError(key)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/foedus-bench.duckdb"))
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--cold", action="store_true", help="each request after the dashboard let the file go")
    args = ap.parse_args()
    if args.rebuild and args.db.exists():
        args.db.unlink()
    if not args.db.exists():
        t0 = time.perf_counter()
        build(args.db, args.events)
        print(f"built {args.db} with {args.events:,} events in {time.perf_counter() - t0:.1f} s")
    rows = measure(args.db, args.runs, args.cold)
    print(f"{'page':<18} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, p50, p95, mx in rows:
        flag = "" if p95 < 300 else "  > 300 ms"
        print(f"{name:<18} {p50:8.1f} {p95:8.1f} {mx:8.1f}{flag}")


if __name__ == "__main__":
    main()
