"""A reader process gives the importer exactly what reading in process gives: rows, rejected lines with their
line numbers, counts and whole-file errors; and it never outlives the import."""

import io
from pathlib import Path

import pytest

from app.catalogue import reading
from app.catalogue.batches import LineBatch
from app.catalogue.reading import read_batches
from catalogs.errors import CatalogFileError
from tests.catalogue.conftest import HEADER, csv_file

FIXTURES = Path(__file__).parents[1] / "catalogs" / "fixtures"
# Clean runs, rows the fast paths refuse (bad price, duplicate, missing name, stray cell), a quoted description
# over two lines, blank lines: enough for several batches, so batch boundaries fall among them.
MIXED = csv_file(
    *(
        line
        for n in range(1, 2601)
        for line in (
            [f"V-{n};;Vare {n};stk;1 kg;{n % 97},50;25;Ø-mærket"]
            + ([f"B-{n};;Vare {n};stk;1 kg;abc;25;"] if n % 400 == 0 else [])
            + ([f"V-{n - 1};;Dublet;stk;;1;25;"] if n % 777 == 0 else [])
            + ([f'M-{n};;"To\nlinjer";stk;;2;25;;x'] if n % 999 == 0 else [])
            + ([""] if n % 1234 == 0 else [])
        )
    )
)


def _read(source: object, in_process: bool, **options: object) -> tuple:  # type: ignore[type-arg]
    with read_batches(source, version_id=5, in_process=in_process, **options) as batches:  # type: ignore[arg-type]
        header = batches.header
        read = list(batches)
        summary = batches.summary
    return header, _joined(read), summary


def _joined(batches: list[LineBatch]) -> tuple:  # type: ignore[type-arg]
    return (
        [row for batch in batches for row in batch.rows],
        [number for batch in batches for number in batch.numbers],
        [error for batch in batches for error in batch.rejected],
        batches[-1].lines_read,
    )


class TestSameAsInProcess:
    @pytest.mark.parametrize(
        "name",
        ["kontor_utf8_bom.csv", "foedevarer_cp1252.csv", "peppol_catalogue.xml", "oioubl_catalogue.xml"],
    )
    def test_sample_files(self, name: str) -> None:
        path = str(FIXTURES / name)
        assert _read(path, in_process=False) == _read(path, in_process=True)

    def test_bad_lines_keep_their_line_numbers(self, tmp_path: Path) -> None:
        path = tmp_path / "mixed.csv"
        path.write_bytes(MIXED)
        header, (rows, numbers, rejected, lines_read), summary = here = _read(str(path), in_process=False)
        assert here == _read(str(path), in_process=True)
        assert summary.lines_read == lines_read == summary.accepted + summary.rejected
        assert len(rows) == summary.accepted == len(numbers)
        lines = MIXED.decode().split("\n")
        bad = {error.line: error.code for error in rejected}
        assert bad[lines.index("B-400;;Vare 400;stk;1 kg;abc;25;") + 1] == "bad_price"
        assert bad[lines.index("V-776;;Dublet;stk;;1;25;") + 1] == "duplicate_item"
        assert bad[lines.index('M-999;;"To') + 1] == "bad_row"
        assert {row[1] for row in rows}.isdisjoint(bad)

    def test_a_file_object_is_read_from_where_it_stands(self) -> None:
        upload = io.BytesIO(b"junk before the file" + MIXED)
        upload.seek(len(b"junk before the file"))
        assert _read(upload, in_process=False) == _read(io.BytesIO(MIXED), in_process=True)
        assert upload.tell() == len(b"junk before the file")


class TestWholeFileErrors:
    def test_refused_at_the_start(self, tmp_path: Path) -> None:
        path = tmp_path / "x.csv"
        path.write_bytes(b"Navn;Pris\nHvedemel;25\n")
        with pytest.raises(CatalogFileError) as raised:
            _read(str(path), in_process=False)
        assert raised.value.code == "missing_column"

    def test_refused_half_way_after_batches_were_read(self, tmp_path: Path) -> None:
        path = tmp_path / "truncated.csv"
        path.write_bytes(MIXED + b'T-1;;"never closed;stk;;1;25;\n' + b"x;y\n" * 10)
        with pytest.raises(CatalogFileError) as raised:
            _read(str(path), in_process=False)
        assert raised.value.code == "truncated" and raised.value.line == MIXED.count(b"\n") + 1


class TestProcessLifetime:
    def test_stopping_early_ends_the_reader_process(self, tmp_path: Path) -> None:
        path = tmp_path / "mixed.csv"
        path.write_bytes(MIXED)
        with read_batches(str(path), version_id=1, in_process=False) as batches:
            process = batches._process  # type: ignore[attr-defined]
            next(iter(batches))
        assert process.poll() is not None

    def test_small_files_are_read_in_process(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        path = tmp_path / "small.csv"
        path.write_bytes(csv_file("A;;Mel;stk;;1;25;", header=HEADER))
        with read_batches(str(path), version_id=1) as batches:
            assert not hasattr(batches, "_process")
        monkeypatch.setattr(reading, "PROCESS_MIN_BYTES", 0)
        with read_batches(str(path), version_id=1) as batches:
            assert hasattr(batches, "_process") == reading._spare_cpus()
