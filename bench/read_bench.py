"""Time `catalogs.read.read_catalogue` over one file, against the floor of merely splitting it.

    python bench/catalog_data.py csv c1m.csv --items 1000000
    python bench/read_bench.py c1m.csv

The floor is Python's own `csv.reader` splitting the same file into rows with the same encoding and
delimiter (for UBL: lxml's iterparse visiting every catalogue line). The ratio says how much of the read is
our own work; the target for the import is 10 µs per line for a million-line CSV.

Peak RSS comes from `resource.getrusage`, which reports the high-water mark of the whole process, so the
floor runs first (it streams and stays small) and the figure printed is what the read needed.
"""

import argparse
import csv
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalogs.errors import LineError  # noqa: E402
from catalogs.read import read_catalogue  # noqa: E402


def csv_floor(path: Path, encoding: str, delimiter: str) -> tuple[int, float]:
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    started = time.perf_counter()
    rows = 0
    with open(path, encoding=codec, errors="surrogateescape", newline="", buffering=1 << 20) as text:
        for _row in csv.reader(text, delimiter=delimiter, quotechar='"', doublequote=True, strict=True):
            rows += 1
    return rows - 1, time.perf_counter() - started  # the heading row is not a line


def ubl_floor(path: Path) -> tuple[int, float]:
    from lxml import etree

    started = time.perf_counter()
    lines = 0
    with open(path, "rb") as fh:
        for _event, element in etree.iterparse(fh, events=("end",), resolve_entities=False, no_network=True):
            if element.tag.endswith("}CatalogueLine"):
                lines += 1
                element.clear()
                parent = element.getparent()
                while element.getprevious() is not None:
                    del parent[0]
    return lines, time.perf_counter() - started


def read(path: Path) -> tuple[dict[str, int], float, float, object]:
    started, cpu = time.perf_counter(), time.process_time()
    counts = {"entries": 0, "line_errors": 0}
    with read_catalogue(path) as catalogue:
        for entry in catalogue:
            counts["entries"] += 1
            if isinstance(entry, LineError):
                counts["line_errors"] += 1
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        summary, header = catalogue.summary, catalogue.header
    counts.update(lines=summary.lines_read, accepted=summary.accepted, rejected=summary.rejected)
    return counts, seconds, cpu, header


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--no-floor", action="store_true", help="skip the raw parsing floor")
    args = parser.parse_args()

    floor = None
    if not args.no_floor:
        with read_catalogue(args.path) as probe:
            header = probe.header
        if header.format == "csv":
            floor = csv_floor(args.path, header.encoding, header.delimiter)
        elif header.format == "ubl":
            floor = ubl_floor(args.path)

    counts, seconds, cpu, header = read(args.path)
    # Linux reports kilobytes, macOS bytes.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / (1 << 20) if sys.platform == "darwin" else peak / 1024
    lines = counts["lines"]
    print(f"file        {args.path.name} ({header.format}, {args.path.stat().st_size / 1e6:.1f} MB)")
    print(f"lines       {lines}  accepted {counts['accepted']}  rejected {counts['rejected']}")
    print(
        f"read        {seconds:.2f} s  {seconds / max(lines, 1) * 1e6:.2f} µs/line  "
        f"(CPU {cpu:.2f} s: other processes on the machine show in the first figure only)"
    )
    print(f"peak RSS    {peak_mb:.0f} MB")
    if floor is not None:
        rows, floor_seconds = floor
        print(
            f"raw floor   {floor_seconds:.2f} s  {floor_seconds / max(rows, 1) * 1e6:.2f} µs/line "
            f"({rows} rows); read/floor = {seconds / floor_seconds:.1f}x"
        )


if __name__ == "__main__":
    main()
