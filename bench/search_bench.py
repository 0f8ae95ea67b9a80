"""Catalogue search at scale: index build time and per-class search latency, against the raw full-text floor.

    python bench/search_bench.py --items 1000000
    python bench/search_bench.py --items 1000000 --database-url postgresql+psycopg://user@host/search_bench

A fresh database (an SQLite file in a temporary directory unless a URL is given; a PostgreSQL database of that
name is dropped and created) is migrated, one municipality gets one agreement with one active version, and the
items of `bench/catalog_data.py` are bulk-loaded straight into catalogue_item (the import is benchmarked
elsewhere). Then `index_version` is timed, and every query of `catalog_data.queries()` runs in process through
`app.catalogue.search.search`, facets included: one untimed warm-up pass, then `--rounds` timed passes. Also
timed: `suggest` for the prefix queries, and the broad words sorted by price (every match ordered).

Over HTTP: a real uvicorn server (one worker, its own process, on loopback) serves the same database, and the same
queries go to `GET /api/v1/catalog/search` with a bearer token of the bench user through one keep-alive httpx
client: again one warm-up pass and `--rounds` timed passes, each sample the whole request from the client's side
(token check, search, JSON). Its floor is `GET /api/v1/me` with the same token: what any API request costs
before a search begins. `--no-http` skips it.

`--reuse` keeps the database a previous run built (same URL, same `--items` and `--seed`): it is migrated to head
and searched as it is, without loading or indexing; `--reindex` with it indexes the version again first (timed as
above, then VACUUM ANALYZE), for when the index layout changed. Every figure below is still measured the same way.

The floor is an unranked first page of one term straight from the full-text index (SQLite:
`SELECT rowid FROM catalogue_search_fts WHERE catalogue_search_fts MATCH 'term' LIMIT 20`; PostgreSQL: the GIN
`@@` query with LIMIT 20), for the broad words. Peak RSS is the process high-water mark (`getrusage`), printed
after loading and after indexing, so the second figure bounds what the index build needed.
"""

import argparse
import os
import resource
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402
from sqlalchemy import create_engine, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.auth.principal import Principal  # noqa: E402
from app.auth.service import create_api_token  # noqa: E402
from app.catalogue.search import SearchParams, index_version, search, suggest  # noqa: E402
from app.catalogue.search.analysis import strict  # noqa: E402
from app.catalogue.search.expr import BODY, NAME, PART, Term, to_tsquery  # noqa: E402
from app.cli import migrate  # noqa: E402
from app.kit.db import make_engine  # noqa: E402
from app.models import (  # noqa: E402
    Agreement,
    AgreementMembership,
    CatalogueVersion,
    Municipality,
    Role,
    Supplier,
    User,
    UserRole,
    VersionStatus,
)
from app.models.base import utcnow  # noqa: E402
from bench import catalog_data  # noqa: E402

BATCH = 50_000
UNITS = {**catalog_data._PEPPOL_UNITS}
CONTENT = {"kg": ("KGM", 1), "g": ("KGM", 1000), "l": ("LTR", 1), "ml": ("LTR", 1000)}


def fresh_database(url: str | None) -> str:
    if url is None:
        return f"sqlite:///{Path(tempfile.mkdtemp(prefix='search-bench-')) / 'bench.db'}"
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database or "").unlink(missing_ok=True)
        return url
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
    return url


def existing(session: Session) -> tuple[int, int, int]:
    """(version, user, municipality) of a database a previous run built."""
    version_id = session.scalars(select(CatalogueVersion.id).where(CatalogueVersion.status == VersionStatus.active)
                                 .order_by(CatalogueVersion.id)).first()
    user = session.scalars(select(User).where(User.email == "bench@benchby.example")).first()
    if version_id is None or user is None:
        raise SystemExit("--reuse: no bench catalogue in this database; run once without --reuse")
    return version_id, user.id, user.municipality_id


def setup(session: Session) -> tuple[int, int, int]:
    """One municipality, supplier, joined agreement, active version and user: (version, user, municipality)."""
    town = Municipality(name="Benchby Kommune", cvr="29189846", gln="5798000000001")
    supplier = Supplier(name="Benchmark Grossist A/S", cvr="12345674", gln="5790000000001")
    session.add_all([town, supplier])
    session.flush()
    agreement = Agreement(number="50.40", title="Fødevarer m.m.", valid_from=None, binding=True)
    agreement.suppliers = [supplier]
    session.add(agreement)
    session.flush()
    session.add(AgreementMembership(municipality_id=town.id, agreement_id=agreement.id, joined_at=utcnow()))
    version = CatalogueVersion(supplier_id=supplier.id, agreement_id=agreement.id, number=1,
                               status=VersionStatus.active, source_name="bench.csv", source_format="csv",
                               uploaded_by_label="bench", created_at=utcnow(), activated_at=utcnow())
    user = User(municipality_id=town.id, email="bench@benchby.example", name="Bench", password_hash="x",
                is_active=True, language="da")
    user.roles = [UserRole(role=Role.requisitioner)]
    session.add_all([version, user])
    session.flush()
    return version.id, user.id, town.id


def _content(text_value: str | None) -> tuple[Decimal | None, str | None, str | None, Decimal]:
    """(content quantity, its unit, comparison unit, content in that unit) from '6 x 1 l', '500 g', '10 stk'."""
    if not text_value:
        return None, None, None, Decimal(1)
    count = Decimal(text_value.split(" x ")[0]) if " x " in text_value else Decimal(1)
    amount, unit = text_value.split(" x ")[-1].replace(",", ".").split()
    quantity = Decimal(amount) * count
    code, per = CONTENT.get(unit, (None, 1))
    return quantity, catalog_data._CONTENT_CODES.get(unit), code, quantity / per


def item_rows(version_id: int, n: int, seed: int, sqlite: bool):  # type: ignore[no-untyped-def]
    for line, item in enumerate(catalog_data.items(n, seed), start=1):
        price = Decimal(item["price"])
        quantity, content_unit, comparison_unit, divisor = _content(item["content"])
        comparison = (price / divisor).quantize(Decimal("0.0001")) if comparison_unit else None
        values = (version_id, line, item["number"], item["gtin"], item["name"], item["description"], item["brand"],
                  item["brand"], item["unspsc"], UNITS[item["unit"]], quantity, content_unit, price, 1, price,
                  comparison_unit, comparison, "DKK", 25, "|".join(item["labels"]) or None)
        yield tuple(float(v) if sqlite and isinstance(v, Decimal) else v for v in values)


ITEM_COLUMNS = ("version_id", "line_number", "supplier_item_number", "gtin", "name", "description", "brand",
                "manufacturer", "unspsc", "orderable_unit", "content_quantity", "content_unit", "price",
                "base_quantity", "unit_price", "comparison_unit", "comparison_price", "currency", "vat_rate", "labels")


def load_items(session: Session, version_id: int, n: int, seed: int) -> None:
    sqlite = session.get_bind().dialect.name == "sqlite"
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    columns = ", ".join(ITEM_COLUMNS)
    if not sqlite:
        with raw.cursor() as cursor, cursor.copy(f"COPY catalogue_item ({columns}) FROM STDIN") as copy:
            for row in item_rows(version_id, n, seed, sqlite):
                copy.write_row(row)
        return
    statement = f"INSERT INTO catalogue_item ({columns}) VALUES ({', '.join('?' for _ in ITEM_COLUMNS)})"
    batch: list[tuple] = []
    cursor = raw.cursor()
    for row in item_rows(version_id, n, seed, sqlite):
        batch.append(row)
        if len(batch) == BATCH:
            cursor.executemany(statement, batch)
            batch.clear()
    cursor.executemany(statement, batch)


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    return f"p50 {at(0.50):7.2f}  p95 {at(0.95):7.2f}  p99 {at(0.99):7.2f} ms  (n={len(ordered)})"


def floor(session: Session, version_id: int, words: list[str], rounds: int) -> list[float]:
    """One term, unranked, first page: FTS5 MATCH on SQLite; on PostgreSQL the GIN `@@` through the migration's
    catalogue_search_match (left to itself the planner sometimes scans the table for a LIMIT 20), the term in any
    column as the lexemes are stored there."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    statement = text("SELECT rowid FROM catalogue_search_fts WHERE catalogue_search_fts MATCH :term LIMIT 20" if sqlite
                     else "SELECT catalogue_search_match(CAST(:term AS tsquery), ARRAY[CAST(:version AS bigint)], "
                          "NULL, NULL, 20)")
    terms = [strict(word) if sqlite else to_tsquery(Term(strict(word), (NAME, PART, BODY))) for word in words]
    samples = []
    for _ in range(rounds + 1):
        for term in terms:
            started = time.perf_counter()
            session.execute(statement, {"term": term, "version": version_id}).all()
            samples.append(time.perf_counter() - started)
    return samples[len(words):]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(url: str) -> tuple[subprocess.Popen, str]:  # type: ignore[type-arg]
    """uvicorn with the app, one worker, on a free loopback port; returns once /healthz answers."""
    port = _free_port()
    env = {**os.environ, "PORTAL_DATABASE_URL": url, "PORTAL_ENVIRONMENT": "development",
           "PORTAL_SECRET_KEY": secrets.token_urlsafe(48), "PORTAL_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--no-access-log", "--log-level", "warning"],
        cwd=Path(__file__).resolve().parent.parent, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return server, base
        except httpx.TransportError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"uvicorn exited with {server.returncode}")
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("uvicorn did not answer /healthz within 60 s")


def over_http(engine, url: str, user_id: int, queries: list[catalog_data.Query],  # type: ignore[no-untyped-def]
              rounds: int) -> dict[str, list[float]]:
    """Per-class request times against a uvicorn server; the first pass warms its caches and is not counted."""
    with Session(engine) as session, session.begin():
        token = create_api_token(session, session.scalars(select(User).where(User.id == user_id)).one(), "bench")
    server, base = start_server(url)
    samples: dict[str, list[float]] = defaultdict(list)
    try:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
            for round_number in range(rounds + 1):
                for query in queries:
                    started = time.perf_counter()
                    response = client.get("/api/v1/catalog/search", params={"q": query.text})
                    elapsed = time.perf_counter() - started
                    response.raise_for_status()
                    if round_number:
                        samples[query.kind].append(elapsed)
                        samples["all"].append(elapsed)
            # What every API request pays before any search: token check, principal, a small JSON answer.
            for round_number in range(rounds + 1):
                for _ in queries:
                    started = time.perf_counter()
                    client.get("/api/v1/me").raise_for_status()
                    if round_number:
                        samples["floor: GET /api/v1/me"].append(time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return samples


def build_index(engine, version_id: int) -> None:  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        started, cpu = time.perf_counter(), time.process_time()
        with session.begin():
            indexed = index_version(session, version_id)
            built, cpu = time.perf_counter() - started, time.process_time() - cpu
        committed = time.perf_counter() - started
    print(f"index_version: {indexed:,} rows in {built:.1f} s ({committed:.1f} s with commit; this process used "
          f"{cpu:.1f} s CPU); peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    # A re-index leaves the old rows in the heap and the GIN index until VACUUM (docs/performance.md).
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "ANALYZE" if engine.dialect.name == "sqlite" else "VACUUM ANALYZE")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--database-url")
    parser.add_argument("--queries", type=int, default=210)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-http", action="store_true", help="skip the measurement over HTTP")
    parser.add_argument("--reuse", action="store_true",
                        help="search the catalogue a previous run left in --database-url; no load, no index")
    parser.add_argument("--reindex", action="store_true", help="with --reuse: index the version again first")
    args = parser.parse_args(argv)

    if args.reuse and not args.database_url:
        parser.error("--reuse needs --database-url")
    url = args.database_url if args.reuse else fresh_database(args.database_url)
    migrate.upgrade(url)
    engine = make_engine(url)
    print(f"database: {engine.dialect.name}, {args.items:,} items{' (reused)' if args.reuse else ''}; load average "
          f"{' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    if args.reuse:
        with Session(engine) as session:
            version_id, user_id, town_id = existing(session)
    else:
        with Session(engine) as session, session.begin():
            version_id, user_id, town_id = setup(session)
            started = time.perf_counter()
            load_items(session, version_id, args.items, args.seed)
        print(f"load catalogue_item (not the subject): {time.perf_counter() - started:.1f} s; "
              f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if not args.reuse or args.reindex:
        build_index(engine, version_id)

    queries = catalog_data.queries(args.queries, args.seed, args.items)
    samples: dict[str, list[float]] = defaultdict(list)
    first_hit: dict[str, list[bool]] = defaultdict(list)
    empty: dict[str, int] = defaultdict(int)
    principal = Principal(user_id=user_id, email="bench@benchby.example", name="Bench", municipality_id=town_id,
                          municipality_name="Benchby Kommune", department_id=None, language="da",
                          coverage={Role.requisitioner: None})
    with Session(engine) as session:
        for round_number in range(args.rounds + 1):
            for query in queries:
                started = time.perf_counter()
                result = search(session, principal, SearchParams(q=query.text))
                elapsed = time.perf_counter() - started
                session.rollback()  # one unit of work per request
                if round_number == 0:
                    empty[query.kind] += not result.items
                    if query.expected_item:
                        first_hit[query.kind].append(
                            bool(result.items) and result.items[0].supplier_item_number == query.expected_item)
                    continue
                samples[query.kind].append(elapsed)
                samples["all"].append(elapsed)
        for round_number in range(args.rounds + 1):  # as-you-type suggestions for the prefixes
            for query in queries:
                if query.kind == "prefix":
                    started = time.perf_counter()
                    suggest(session, principal, query.text)
                    if round_number:
                        samples["suggest (prefix)"].append(time.perf_counter() - started)
                    session.rollback()
        broad = sorted(set(catalog_data.BROAD_WORDS))
        for word in broad:  # the broad words again, sorted by price: every match is ordered in the database
            for round_number in range(args.rounds + 1):
                started = time.perf_counter()
                search(session, principal, SearchParams(q=word, sort="price"))
                if round_number:
                    samples["broad, sort=price"].append(time.perf_counter() - started)
                session.rollback()
        raw = floor(session, version_id, broad, args.rounds)
        session.rollback()

    print("\nsearch, in process, facets included (ms):")
    for kind, values in samples.items():
        hits = first_hit.get(kind)
        extra = f"  first hit right {sum(hits)}/{len(hits)}" if hits else ""
        zero = f"  no result {empty[kind]}" if empty.get(kind) else ""
        print(f"  {kind:18} {percentiles(values)}{extra}{zero}")
    print(f"\nraw floor, unranked first page of one broad term: {percentiles(raw)}")
    ratio = statistics.median(samples["broad"]) / statistics.median(raw)
    print(f"ratio broad search / floor (p50): {ratio:.0f}x")
    if not args.no_http:
        http = over_http(engine, url, user_id, queries, args.rounds)
        print("\nsearch over HTTP (uvicorn on loopback, bearer token, httpx keep-alive) (ms):")
        for kind, values in http.items():
            print(f"  {kind:18} {percentiles(values)}")
    print(f"\nload average after the run: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    engine.dispose()


if __name__ == "__main__":
    main()
