"""Reading must not keep the file's lines: memory stays flat however long the catalogue is."""

import tracemalloc
from pathlib import Path

import pytest

from catalogs import read_catalogue

STATM = Path("/proc/self/statm")


def lean_csv(path: Path, count: int) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("Varenr;Varenavn;Pris\n")
        out.writelines(f"V{i:07d};Hvedemel økologisk {i % 97} kg;{i % 500},95\n" for i in range(count))
    return path


def resident_bytes() -> int:
    return int(STATM.read_text().split()[1]) * 4096


@pytest.mark.skipif(not STATM.exists(), reason="needs /proc to sample resident memory cheaply")
def test_200k_lines_stream_in_flat_memory(tmp_path):
    # Resident memory is sampled as the lines stream by; tracemalloc would make this run ten times longer.
    path = lean_csv(tmp_path / "big.csv", 200_000)
    reader = read_catalogue(path)
    baseline = peak = resident_bytes()
    for count, _entry in enumerate(reader, start=1):
        if count % 10_000 == 0:
            peak = max(peak, resident_bytes())
    assert reader.summary.accepted == 200_000
    # Keeping the lines would cost far more than 200 MB; the duplicate check keeps only the item numbers.
    assert peak - baseline < 50 * 1024 * 1024


def test_tracemalloc_peak_does_not_grow_with_the_file(tmp_path):
    def peak_for(count: int) -> int:
        path = lean_csv(tmp_path / f"{count}.csv", count)
        tracemalloc.start()
        try:
            for _entry in read_catalogue(path):
                pass
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak_for(1_000), peak_for(5_000)
    # 4,000 more lines may add their item numbers (about 150 bytes each), never the lines themselves.
    assert large - small < 4_000 * 400
    assert large < 5 * 1024 * 1024
