import json
from collections import Counter

from bench import catalog_data
from catalogs.gs1 import is_valid_gs1

from .conftest import read_all


def test_same_seed_gives_the_same_bytes(tmp_path):
    for writer, suffix in ((catalog_data.write_csv, "csv"), (catalog_data.write_ubl, "xml")):
        first, second, other = (tmp_path / f"{name}.{suffix}" for name in ("a", "b", "c"))
        writer(first, 600, 7)
        writer(second, 600, 7)
        writer(other, 600, 8)
        assert first.read_bytes() == second.read_bytes() != other.read_bytes()


def test_csv_reads_back_without_errors(tmp_path):
    path = tmp_path / "k.csv"
    catalog_data.write_csv(path, 2000, 3)
    lines, errors, reader = read_all(path)
    assert errors == [] and reader.summary.accepted == 2000
    assert all(is_valid_gs1(line.gtin) for line in lines if line.gtin)
    assert sum(line.gtin is None for line in lines) == 2000 // catalog_data.SERVICE_EVERY
    assert any("\n" in (line.description or "") for line in lines)
    assert {"Ø-mærket", "Svanemærket", "Fairtrade", "TCO Certified"} <= {
        label for line in lines for label in line.labels
    }
    assert sum(line.comparison_price() is not None for line in lines) > 1000
    assert any(line.name.startswith("DEP-tilmelding") for line in lines)


def test_ubl_reads_back_without_errors(tmp_path):
    path = tmp_path / "k.xml"
    catalog_data.write_ubl(path, 1500, 3)
    lines, errors, reader = read_all(path)
    assert errors == [] and reader.summary.accepted == 1500
    assert reader.header.syntax == "peppol" and reader.header.seller_cvr == "12345674"
    csv_path = tmp_path / "k.csv"
    catalog_data.write_csv(csv_path, 1500, 3)
    from_csv, _, _ = read_all(csv_path)
    assert [(a.supplier_item_number, a.price, a.comparison_price()) for a in lines] == [
        (b.supplier_item_number, b.price, b.comparison_price()) for b in from_csv
    ]


def test_queries_are_deterministic_mixed_and_point_at_real_items():
    queries = catalog_data.queries(seed=5, items_in_catalogue=3000)
    assert len(queries) >= 200 and queries == catalog_data.queries(seed=5, items_in_catalogue=3000)
    kinds = Counter(query.kind for query in queries)
    assert set(kinds) == {"narrow", "broad", "prefix", "item_number", "gtin", "typo", "ascii"}
    assert min(kinds.values()) >= 25
    numbers = {catalog_data.item_number(5, i): catalog_data.gtin(5, i) for i in range(3000)}
    for query in queries:
        if query.kind == "item_number":
            assert query.text == query.expected_item and query.text in numbers
        if query.kind == "gtin":
            assert numbers[query.expected_item] == query.text and is_valid_gs1(query.text)


def test_command_line(tmp_path):
    out = tmp_path / "q.json"
    catalog_data.main(["queries", str(out), "--items", "500", "--queries", "210"])
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 210
    catalog_data.main(["csv", str(tmp_path / "c.csv"), "--items", "10", "--seed", "1"])
    assert len((tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()) >= 11
