import gc
import io
import os

import pytest

from catalogs import CatalogFileError, CatalogueLine, LineError, detect_format, read_catalogue

from .conftest import FIXTURES, read_all, write

CSV = "Varenr;Varenavn;Pris\nA;Mel;1,00\nB;Salt;abc\n"


@pytest.mark.parametrize(
    "first, expected",
    [
        (b"PK\x03\x04rest", "xlsx"),
        (b"<?xml", "ubl"),
        (b"\xef\xbb\xbf  <Catalogue", "ubl"),
        ("<Catalogue".encode("utf-16"), "ubl"),
        (b"Varenr;Pris", "csv"),
        (b"", "csv"),
    ],
)
def test_detect_format(first, expected):
    assert detect_format(first) == expected


def test_legacy_xls_is_refused():
    with pytest.raises(CatalogFileError) as failure:
        detect_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert failure.value.code == "unsupported_format"


def test_binary_file_objects_and_explicit_format():
    lines, errors, reader = read_all(io.BytesIO(CSV.encode()), format="csv")
    assert [line.supplier_item_number for line in lines] == ["A"] and errors[0].code == "bad_price"
    with open(FIXTURES / "peppol_catalogue.xml", "rb") as fh:
        lines, _, reader = read_all(fh)
    assert reader.header.format == "ubl" and len(lines) == 3


def test_non_seekable_stream_is_spooled():
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes):
            self._data = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    lines, _, _ = read_all(Pipe(CSV.encode()))
    assert [line.name for line in lines] == ["Mel"]
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(Pipe(CSV.encode()), max_bytes=10)
    assert failure.value.code == "too_large"


@pytest.mark.parametrize("name", ["kontor_utf8_bom.csv", "peppol_catalogue.xml"])
def test_file_over_the_size_cap(name):
    path = FIXTURES / name
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(path, max_bytes=os.path.getsize(path) - 1)
    assert failure.value.code == "too_large"
    assert read_catalogue(path, max_bytes=os.path.getsize(path)).header is not None


def test_summary_counts_every_line_once(tmp_path):
    content = "Varenr;Varenavn;Pris;EAN\nA;Mel;abc;123\nB;Salt;1;\nA;Igen;1;\n;Ingen;1;\n"
    entries = list(reader := read_catalogue(write(tmp_path, "s.csv", content)))
    summary = reader.summary
    assert (summary.lines_read, summary.accepted, summary.rejected) == (4, 1, 3)
    assert summary.accepted + summary.rejected == summary.lines_read
    assert summary.errors == sum(isinstance(e, LineError) for e in entries) == 4
    assert sum(isinstance(e, CatalogueLine) for e in entries) == summary.accepted


def test_a_reader_is_read_once():
    reader = read_catalogue(FIXTURES / "kontor_utf8_bom.csv")
    list(reader)
    with pytest.raises(RuntimeError):
        iter(reader)


def test_context_manager_closes_the_file():
    with read_catalogue(FIXTURES / "kontor_utf8_bom.csv") as reader:
        first = next(iter(reader))
    assert first.supplier_item_number == "K-100"


def test_unknown_format_argument():
    with pytest.raises(ValueError):
        read_catalogue(FIXTURES / "kontor_utf8_bom.csv", format="json")


def test_a_callers_file_stays_open():
    fh = io.BytesIO(CSV.encode())
    list(read_catalogue(fh))
    assert not fh.closed
    broken = io.BytesIO(b"Farve;Str\nred;M\n")
    with pytest.raises(CatalogFileError):
        read_catalogue(broken)
    gc.collect()
    assert not broken.closed
