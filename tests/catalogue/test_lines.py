"""Item rows carry what `CatalogueLine`'s own methods work out, as the text the database would be given for it."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.catalogue.lines import item_row, item_rows
from catalogs.model import CatalogueLine
from catalogs.read import read_catalogue

FIXTURES = Path(__file__).parents[1] / "catalogs" / "fixtures"


def _reference(
    version_id: int, line: CatalogueLine, header_from: date | None, header_to: date | None
) -> tuple:
    """The row as it was built before rows became text: values the driver adapted with str and isoformat."""
    values = (
        version_id, line.line_number, line.supplier_item_number, line.gtin,
        (line.name or line.supplier_item_number)[:500], line.description, line.brand, line.manufacturer,
        line.manufacturer_item_number, line.unspsc, line.orderable_unit, line.content_quantity, line.content_unit,
        line.price, line.base_quantity, line.unit_price(), line.comparison_unit, line.comparison_price(4),
        line.currency, line.vat_rate, line.line_valid_from or line.valid_from or header_from,
        line.line_valid_to or line.valid_to or header_to, line.minimum_order_quantity, line.order_increment,
        line.lead_time_days, line.image_url, "|".join(line.labels) or None,
    )  # fmt: skip
    return tuple(
        str(v) if isinstance(v, Decimal) else v.isoformat() if isinstance(v, date) else v for v in values
    )


def _line(**fields: object) -> CatalogueLine:
    return CatalogueLine(
        **{"supplier_item_number": "A-1", "name": "Mel", "price": Decimal("12.95"), **fields}
    )  # type: ignore[arg-type]


LINES = [
    _line(),
    _line(content_quantity=Decimal("2"), content_unit="KGM", orderable_unit="BG"),
    _line(content_quantity=Decimal("500"), content_unit="GRM", base_quantity=Decimal("2")),
    _line(content_quantity=Decimal("1.0"), content_unit="LTR", orderable_unit_factor_rate=Decimal("12")),
    _line(content_quantity=Decimal("1"), content_unit="LTR", price=Decimal("7.333")),
    _line(content_quantity=Decimal("0"), content_unit="KGM"),  # no comparison price, but a comparison unit
    _line(content_quantity=Decimal("3"), content_unit="XYZ"),  # content that cannot be compared
    _line(orderable_unit="KGM", price=Decimal("89.5")),  # loose goods are their own content
    _line(content_quantity=Decimal("6"), content_unit="", orderable_unit="LTR"),
    _line(price=None, name=None, valid_from=date(2026, 1, 1), line_valid_to=date(2026, 6, 30)),
    _line(minimum_order_quantity=Decimal("2.5"), order_increment=Decimal("0.5"), labels=["Ø-mærket", "FSC"]),
    _line(name="x" * 600, lead_time_days=3, vat_rate=Decimal("0")),
]


class TestItemRows:
    @pytest.mark.parametrize("line", LINES)
    def test_a_row_carries_what_the_line_works_out(self, line: CatalogueLine) -> None:
        header = (date(2025, 1, 1), date(2027, 12, 31))
        assert item_rows(7, *header)(line) == _reference(7, line, *header)
        assert item_row(7, line, None, None) == _reference(7, line, None, None)

    def test_cached_values_are_not_mixed_up_between_lines(self) -> None:
        row = item_rows(7, None, None)
        # Twice round, so the second pass reads the caches the first filled.
        assert [row(line) for line in LINES * 2] == [_reference(7, line, None, None) for line in LINES * 2]

    @pytest.mark.parametrize(
        "name",
        ["kontor_utf8_bom.csv", "foedevarer_cp1252.csv", "peppol_catalogue.xml", "oioubl_catalogue.xml"],
    )
    def test_every_line_of_the_sample_files(self, name: str) -> None:
        with read_catalogue(FIXTURES / name) as reader:
            header = (reader.header.valid_from, reader.header.valid_to)
            row = item_rows(3, *header)
            lines = [entry for entry in reader if isinstance(entry, CatalogueLine)]
        assert lines
        assert [row(line) for line in lines] == [_reference(3, line, *header) for line in lines]
