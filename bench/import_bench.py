"""Catalogue import benchmark: a 1M-line CSV and a 100k-line UBL catalogue, on SQLite and PostgreSQL.

    python bench/import_bench.py                      # SQLite, 1,000,000 CSV lines and 100,000 UBL lines
    python bench/import_bench.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench
    python bench/import_bench.py --items 200000 --ubl-items 20000

Each measurement runs in a fresh child process, so its peak memory (max RSS) is its own; a reader process the
import starts for a large file is added in (`peak_mb` is the two peaks summed, `reader_peak_mb` the reader's).
The raw floor, measured in the same run on the same data, is the time to insert the same rows with a plain
executemany (SQLite) or COPY (PostgreSQL) and build the search index over them, given their texts counted as the
import counts them; the rows are parsed, converted and counted before the clock starts.
Targets: 1M lines in <= 30 s on SQLite and <= 3x the floor; peak memory <= 500 MB.
"""

import argparse
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"

SUPPLIER_CVR = "30876547"
AGREEMENT = "50.90"


def _prepare_database(url: str) -> None:
    from app.agreements import service as agreements
    from app.agreements.schemas import AgreementCreate
    from app.cli import migrate
    from app.kit.db import make_engine
    from app.suppliers import service as suppliers
    from app.suppliers.schemas import SupplierCreate
    from tests.databases import recreate_database

    recreate_database(url)
    migrate.upgrade(url)
    from sqlalchemy.orm import Session

    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        suppliers.create_supplier(session, "bench", SupplierCreate(name="Bench Engros A/S", cvr=SUPPLIER_CVR))
        agreements.create_agreement(
            session, "bench", AgreementCreate(number=AGREEMENT, title="Fødevarer", supplier_cvr=SUPPLIER_CVR)
        )
    engine.dispose()


def _child(target, url: str, path: str, queue) -> None:  # type: ignore[no-untyped-def]
    import os

    os.environ["PORTAL_DATABASE_URL"] = url
    started, cpu_started = time.perf_counter(), time.process_time()
    detail = target(url, path)
    seconds = time.perf_counter() - started - detail.pop("untimed", 0.0)
    # A reader process runs beside the importer: its peak (the largest child's, once reaped) counts too. Adding
    # the two peaks overstates the memory the two held at once, never understates it.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    queue.put(
        {
            "seconds": round(seconds, 2),
            "peak_mb": round(own + children),
            "reader_peak_mb": round(children),
            "cpu_seconds": round(time.process_time() - cpu_started, 2),
            **detail,
        }
    )


def run_import(url: str, path: str) -> dict:  # type: ignore[type-arg]
    from sqlalchemy.orm import Session

    from app.catalogue import service
    from app.kit.db import make_engine

    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        version = service.import_catalogue(
            session,
            "bench",
            supplier_cvr=SUPPLIER_CVR,
            agreement_number=AGREEMENT,
            source=path,
            source_name=Path(path).name,
            activate=True,
        )
        counts = {"lines": version.lines_read, "accepted": version.accepted, "rejected": version.rejected}
    engine.dispose()
    return counts


def run_floor(url: str, path: str) -> dict:  # type: ignore[type-arg]
    """Plain executemany/COPY of the already-parsed rows, then the index build given their texts counted."""
    from sqlalchemy.orm import Session

    from app.catalogue import bulk
    from app.catalogue.lines import item_rows
    from app.catalogue.search import index_version
    from app.catalogue.text_tally import TextTally
    from app.kit.db import make_engine
    from app.models import CatalogueVersion, VersionStatus
    from app.models.base import utcnow
    from catalogs.model import CatalogueLine
    from catalogs.read import read_catalogue

    parse_started = time.perf_counter()
    with read_catalogue(path) as reader:
        lines = [line for line in reader if isinstance(line, CatalogueLine)]
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        from app.agreements.repository import find_national_by_number
        from app.suppliers import repository as suppliers

        supplier = suppliers.get_by_cvr(session, SUPPLIER_CVR)
        agreement = find_national_by_number(session, AGREEMENT)
        version = CatalogueVersion(
            supplier_id=supplier.id,
            agreement_id=agreement.id,
            number=99,
            status=VersionStatus.draft,
            source_name="floor",
            source_format="csv",
            uploaded_by_label="bench",
            created_at=utcnow(),
        )
        session.add(version)
        session.flush()
        # The rows exactly as the import writes them (Decimals and dates as text), built before the clock starts.
        row = item_rows(version.id, reader.header.valid_from, reader.header.valid_to)
        rows = [row(line) for line in lines]
        # And the texts counted as the import counts them while it reads, which the index build is given.
        tally = TextTally()
        tally.add(rows)
        untimed = time.perf_counter() - parse_started
        started = time.perf_counter()
        bulk.insert_items(session, rows)
        index_version(session, version.id, tally.counts)
        floor = time.perf_counter() - started
        session.rollback()
    engine.dispose()
    return {"rows": len(rows), "untimed": untimed, "insert_and_index_seconds": round(floor, 2)}


def measure(target, url: str, path: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    process = multiprocessing.Process(target=_child, args=(target, url, path, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--ubl-items", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "bench"))
    from catalog_data import write_csv, write_ubl

    OUT.mkdir(parents=True, exist_ok=True)
    csv_path = OUT / f"catalogue-{args.items}-{args.seed}.csv"
    ubl_path = OUT / f"catalogue-{args.ubl_items}-{args.seed}.xml"
    for path, writer, n in ((csv_path, write_csv, args.items), (ubl_path, write_ubl, args.ubl_items)):
        if not path.exists():
            print(f"generating {path.name} …", flush=True)
            writer(path, n, args.seed)

    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp(prefix='import-bench-')) / 'bench.db'}"
    backend = url.split(":", 1)[0].split("+")[0]
    results: dict[str, object] = {"backend": backend, "items": args.items, "ubl_items": args.ubl_items}

    _prepare_database(url)
    results["csv_import"] = measure(run_import, url, str(csv_path))
    _prepare_database(url)
    results["csv_floor"] = measure(run_floor, url, str(csv_path))
    _prepare_database(url)
    results["ubl_import"] = measure(run_import, url, str(ubl_path))

    csv_import, floor = results["csv_import"], results["csv_floor"]
    ratio = csv_import["seconds"] / floor["insert_and_index_seconds"]  # type: ignore[index]
    results["ratio_to_floor"] = round(ratio, 2)
    print(json.dumps(results, indent=2))
    print(
        f"\n{backend}: {args.items:,} CSV lines imported and activated in {csv_import['seconds']} s "  # type: ignore[index]
        f"(peak {csv_import['peak_mb']} MB); raw floor {floor['insert_and_index_seconds']} s; "  # type: ignore[index]
        f"ratio {ratio:.2f}"
    )
    ubl = results["ubl_import"]
    print(
        f"{backend}: {args.ubl_items:,} UBL lines imported and activated in {ubl['seconds']} s "  # type: ignore[index]
        f"(peak {ubl['peak_mb']} MB)"
    )
    (OUT / f"import-{backend}-{args.items}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
