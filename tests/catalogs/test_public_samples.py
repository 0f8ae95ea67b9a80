"""The official OIOUBL catalogue examples, when the shared samples folder is present."""

from datetime import date
from decimal import Decimal

import pytest

from catalogs import CatalogFileError, read_catalogue

from .conftest import SAMPLES, read_all

OIOUBL = SAMPLES / "oioubl-official-examples"
pytestmark = pytest.mark.skipif(not OIOUBL.is_dir(), reason="shared OIOUBL samples are not available")


def sample(name: str):
    path = OIOUBL / name
    if not path.exists():
        pytest.skip(f"{name} is not available")
    return path


def test_catalogue_example():
    lines, errors, reader = read_all(sample("OIOUBL_Catalogue_v2p2.xml"))
    header = reader.header
    assert (header.syntax, header.catalogue_id, header.seller_cvr) == ("oioubl", "CAT-EX-1", "45656787")
    assert (header.valid_from, header.valid_to) == (date(2006, 4, 30), date(2007, 4, 30))
    assert header.receiver.endpoint_id == "5798009811578"
    phone, subscription = lines
    assert (phone.supplier_item_number, phone.price, phone.unspsc) == (
        "87067606",
        Decimal("760.00"),
        "43191501",
    )
    assert phone.line_valid_from == date(2006, 8, 1) and phone.lead_time_days == 3 and phone.vat_rate == 25
    assert subscription.supplier_item_number == "SUB-C" and subscription.valid_to == date(2006, 8, 31)
    # The example reuses one seller's item number for two different items; the second is reported.
    assert [(e.code, e.xpath) for e in errors] == [("duplicate_item", "/Catalogue/CatalogueLine[2]")]
    assert reader.summary.lines_read == 3


def test_pricing_update_example():
    lines, errors, reader = read_all(sample("OIOUBL_CataloguePricingUpdate_v2p2.xml"))
    assert errors == [] and reader.header.document_type == "CataloguePricingUpdate"
    assert [(line.action, line.supplier_item_number, str(line.price)) for line in lines] == [
        ("update", "87493746-121643", "47.50"),
        ("update", "87493746-121645", "71.25"),
    ]


def test_item_specification_update_example():
    lines, errors, _ = read_all(sample("OIOUBL_CatalogueItemSpecificationUpdate_v2p2.xml"))
    assert errors == [] and [line.name for line in lines] == ["A4 Paper", "A3 Paper"]
    assert lines[0].labels == ["Svanemærket"] and lines[0].price is None and lines[0].action == "update"


def test_deletion_example_has_a_header_only():
    lines, errors, reader = read_all(sample("OIOUBL_CatalogueDeletion_v2p2.xml"))
    assert lines == errors == []
    assert reader.header.action == "delete" and reader.header.deleted_catalogue_id == "CAT-EX-2"


def test_invoice_example_is_refused():
    with pytest.raises(CatalogFileError) as failure:
        read_catalogue(sample("OIOUBL_Invoice_v2p2.xml"))
    assert failure.value.code == "wrong_document_type"
