"""The CSV fast paths (runs of rows a column at a time, single rows, lines split without the csv module, value
caches) must give exactly what the full path gives: the same lines, errors, line numbers and summary."""

import csv
import io
import random

import pytest

from catalogs import csv_reader, rows, text_lines
from catalogs.batch import _all_valid
from catalogs.gs1 import gs1_check_digit, is_valid_gs1
from catalogs.records import record_runs

from .conftest import read_all, write

HEADING = (
    "Varenr;EAN;Varenavn;Beskrivelse;Enhed;Indhold;Pris;Prisenhed;Valuta;Moms;Gyldig fra;Gyldig til;"
    "Min. antal;Leveringstid;Mærker;Søgeord\n"
)
UNITS = ["stk", "Kasse", "kg", "EA", "pk.", "æske", "XBX", "st", "l"]
CONTENTS = ["1 kg", "500 g", "6 x 1 l", "2,5 kg", "10", "", "ca. 2 kg", "10 stk"]
PRICES = ["12,50", "12.5", "7", "1.234,50", "kr 99,95", "0,99", "1234,5"]
LABELS = ["", "Svanemærket", "Svanen, EU Ecolabel", "FSC|PEFC", "Ukendt mærke", "svanemaerket"]
DATES = ["2025-01-01", "31-12-2025", "01.02.2025", ""]


def gtin(r: random.Random, size: int = 13) -> str:
    body = "".join(r.choice("0123456789") for _ in range(size - 1))
    return body + str(gs1_check_digit(body))


def catalogue(r: random.Random, count: int, bad_rate: float = 0.0, line_break: str = "\n") -> str:
    """A CSV whose cells repeat from a few spellings, with quoted multi-line descriptions, and some bad values."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator=line_break)
    writer.writerow(HEADING.strip().split(";"))
    for _ in range(count):
        row = [
            f"V{r.randint(0, count * 20)}",
            r.choice([gtin(r), gtin(r, 8), gtin(r, 14), "", " " + gtin(r)]),
            r.choice(["Mel", "Salt", 'Skærm 24"', "Kaffe, hel"]),
            r.choice(["Hvedemel.", "Mel\nfra Jylland", "Mel\r\nøko", " pad ", ""]),
            r.choice(UNITS),
            r.choice(CONTENTS),
            r.choice(PRICES) if r.random() < 0.5 else f"{r.randint(0, 999)},{r.randint(0, 99):02d}",
            r.choice(["1", "", "100 stk"]),
            r.choice(["DKK", "kr", "EUR", ""]),
            r.choice(["25", "25%", "0", ""]),
            r.choice(DATES),
            r.choice(["2026-12-31", ""]),
            r.choice(["1", "5", ""]),
            r.choice(["2", "3 dage", ""]),
            r.choice(LABELS),
            r.choice(["mel, kaffe", "", "it; skærm"]),
        ]
        if r.random() < bad_rate:
            at = r.randrange(len(row))
            row[at] = r.choice(["abc", "-5", "2020-01-01", "5700000002948", "xx", ""])
        if r.random() < bad_rate:
            row = row[: r.randrange(len(row))] if r.random() < 0.5 else [*row, "stray"]
        writer.writerow(row)
    return out.getvalue()


def full_path_only(monkeypatch):
    """Every row through `LineBuilder.build`, and every record through the csv module, as before the fast
    paths."""
    monkeypatch.setattr(csv_reader, "batch_function", lambda plan: lambda rows, starts, multiline: None)
    monkeypatch.setattr(rows, "_row_function", lambda plan: lambda row, start, multiline: None)
    monkeypatch.setattr(
        csv_reader, "feed_runs", lambda feed, reader, delimiter: record_runs(feed_reader(feed))
    )


def feed_reader(feed: text_lines.LineFeed) -> "_Counted":
    """A csv.reader straight on the text stream, the feed has not read from it yet."""
    reader = csv.reader(feed._text, delimiter=";", quotechar='"', doublequote=True, strict=True)
    return _Counted(reader, feed.number)


class _Counted:
    """A csv.reader whose line count starts where the heading search stopped."""

    def __init__(self, reader, offset):
        self._reader, self._offset = reader, offset

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._reader)

    @property
    def line_num(self):
        return self._reader.line_num + self._offset


def entries(path, **options):
    lines, errors, reader = read_all(path, **options)
    return lines, errors, reader.summary


@pytest.mark.parametrize("seed, bad_rate, line_break", [(1, 0.0, "\n"), (2, 0.02, "\r\n"), (3, 0.2, "\n")])
def test_fast_paths_match_the_full_path(tmp_path, monkeypatch, seed, bad_rate, line_break):
    path = write(tmp_path, "c.csv", catalogue(random.Random(seed), 700, bad_rate, line_break))
    fast = entries(path)
    with monkeypatch.context() as patch:
        full_path_only(patch)
        full = entries(path)
    assert fast == full
    assert fast[0] and (bad_rate == 0 or fast[1])


def test_caches_give_the_same_values_for_many_distinct_spellings(tmp_path, monkeypatch):
    # More distinct prices, contents and dates than a cache holds, so the caches are cleared and refilled.
    monkeypatch.setattr(rows, "CACHE_LIMIT", 16)
    r = random.Random(7)
    body = "".join(
        f"V{i};{gtin(r)};Vare {i % 7};;stk;{i % 300 + 1} g;{i % 997},{i % 100:02d};;DKK;{i % 26};"
        f"{1 + i % 28:02d}-01-2025;;{i % 40 + 1};{i % 9} dage;{r.choice(LABELS)};k{i % 50}\n"
        for i in range(2000)
    )
    path = write(tmp_path, "many.csv", HEADING + body)
    fast = entries(path)
    with monkeypatch.context() as patch:
        full_path_only(patch)
        full = entries(path)
    assert fast == full and len(fast[0]) == 2000


def test_lines_never_share_their_lists(tmp_path):
    path = write(
        tmp_path, "l.csv", HEADING + "".join(f"V{i};;Mel;;stk;;1,00;;;;;;;;FSC;mel\n" for i in range(300))
    )
    lines, errors, _ = read_all(path)
    assert errors == [] and len({id(line.labels) for line in lines}) == 300
    lines[0].labels.append("x")
    assert lines[1].labels == ["FSC"] and lines[2].keywords == ["mel"]


def test_duplicates_within_and_across_runs(tmp_path):
    items = [f"V{i}" for i in range(400)]
    items[20] = items[10]
    items[350] = items[5]
    path = write(tmp_path, "d.csv", HEADING + "".join(f"{item};;Mel;;stk;;1,00\n" for item in items))
    lines, errors, reader = read_all(path)
    assert [(e.line, e.reason) for e in errors] == [
        (22, "item number V10 already appears at line 12; the first one is kept"),
        (352, "item number V5 already appears at line 7; the first one is kept"),
    ]
    assert len(lines) == 398 and reader.summary.rejected == 2


CSV_PIECES = ["a", "bø", ";", '"', '""', "\r", "\n", "\r\n", " ", "\x00", "x" * 40]


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 4096])
def test_line_feed_splits_lines_like_a_text_stream(chunk, monkeypatch):
    monkeypatch.setattr(text_lines, "CHUNK_CHARS", chunk)
    r = random.Random(chunk)
    for _ in range(300):
        text = "".join(r.choice(CSV_PIECES) for _ in range(r.randint(0, 40)))
        expected = list(io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8", newline=""))
        feed = text_lines.LineFeed(
            io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8", newline=""), 0
        )
        assert list(feed) == expected and feed.number == len(expected)


@pytest.mark.parametrize("chunk", [5, 64, 256 * 1024])
def test_records_split_without_the_csv_module_match_it(chunk, monkeypatch):
    monkeypatch.setattr(text_lines, "CHUNK_CHARS", chunk)
    r = random.Random(chunk)
    for _ in range(200):
        text = "".join(r.choice(CSV_PIECES) for _ in range(r.randint(0, 300)))
        expected = runs_of(text, lambda stream: record_runs(csv.reader(stream, delimiter=";", strict=True)))
        assert runs_of(text, by_feed) == expected, repr(text)


def runs_of(text: str, make) -> list[tuple]:
    """Each run as (rows, starts, multiline, error message, error line)."""
    stream = io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8", newline="")
    return [(*run[:3], str(run.error), run.error_line) for run in make(stream)]


def by_feed(stream):
    feed = text_lines.LineFeed(stream, 0)
    return text_lines.feed_runs(feed, csv.reader(feed, delimiter=";", strict=True), ";")


def test_column_check_of_gtins_matches_one_by_one():
    r = random.Random(5)
    for _ in range(2000):
        size = r.choice([8, 12, 13, 14])
        codes = [gtin(r, size) for _ in range(r.randint(1, 150))]
        if r.random() < 0.3:
            at = r.randrange(len(codes))
            codes[at] = codes[at][:-1] + str((int(codes[at][-1]) + r.randint(1, 9)) % 10)
        if r.random() < 0.1:
            codes[0] = "9" * (size - 1) + str(gs1_check_digit("9" * (size - 1)))
        assert _all_valid(codes) == all(map(is_valid_gs1, codes))
    assert _all_valid([]) and not _all_valid(["5700000002947", "5700000-02947"])
