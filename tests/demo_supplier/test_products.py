"""The shops sell the portal's agreement items, with a few deliberate differences for the cart checks."""

from decimal import Decimal

from app.demo_supplier.catalogue_source import agreement_lines
from app.demo_supplier.images import product_svg
from app.demo_supplier.products import catalogue_for
from app.demo_supplier.shops import DATALOSNINGER, NORDFRUGT, SHOPS, shop_by_cvr
from catalogs.units import UNIT_CODES


def test_the_shops_are_the_seeded_suppliers():
    assert (NORDFRUGT.name, NORDFRUGT.cvr, NORDFRUGT.agreement_number) == (
        "Nordfrugt Engros A/S",
        "30876547",
        "50.90",
    )
    assert (DATALOSNINGER.name, DATALOSNINGER.cvr, DATALOSNINGER.agreement_number) == (
        "Dataløsninger A/S",
        "33421788",
        "02.04",
    )
    assert DATALOSNINGER.protocols == ("cxml", "oci") and NORDFRUGT.protocols == ("cxml",)
    assert shop_by_cvr("33421788") is DATALOSNINGER


def test_agreement_items_match_the_agreement_catalogue():
    for shop in SHOPS:
        lines = agreement_lines(shop.agreement_number)
        for product in catalogue_for(shop).products.values():
            line = lines.get(product.item_number)
            if product.on_agreement:
                assert line is not None and product.agreement_price == line.unit_price()
                assert (product.gtin, product.agreement_unit) == (line.gtin, line.orderable_unit)
            else:
                assert line is None


def test_every_flag_has_an_example_in_each_shop():
    for shop in SHOPS:
        products = catalogue_for(shop).products.values()
        assert any(p.price_above_agreement for p in products)
        assert any(not p.on_agreement for p in products)
        assert any(p.unit_differs for p in products)
        others = [
            p for p in products if p.on_agreement and not p.price_above_agreement and not p.unit_differs
        ]
        assert len(others) >= 20


def test_the_pancake_ingredients_are_clean_and_in_stock():
    food = catalogue_for(NORDFRUGT)
    for name in ("Hvedemel", "Æg", "Salt", "Sukker", "Sødmælk", "Rapsolie"):
        hits = [p for p in food.products.values() if p.name.startswith(name + " ")]
        assert hits, name
        assert all(p.on_agreement and not p.price_above_agreement and not p.unit_differs for p in hits)
        assert all(p.stock_text == "På lager" for p in hits)


def test_units_are_rec_20_and_prices_decimal():
    for shop in SHOPS:
        for product in catalogue_for(shop).products.values():
            assert product.unit in UNIT_CODES
            assert isinstance(product.price, Decimal) and product.price > 0
            assert product.related and product.item_number not in product.related


def test_pc_bundles_are_a_pc_and_services():
    it = catalogue_for(DATALOSNINGER)
    bundle = it.bundles["pc-pakke-14"]
    names = [it.products[n].name for n, _ in bundle.components]
    assert names[0].startswith("Bærbar PC")
    assert all(it.products[n].is_service for n, _ in bundle.components[1:])
    assert any("DEP" in n for n in names) and any("Gravering" in n for n in names)
    assert any("Image" in n for n in names)


def test_pictures_are_inline_svg_hidden_from_screen_readers():
    product = catalogue_for(NORDFRUGT).get("NF-1001")
    svg = product_svg(product)
    assert (
        svg.startswith("<svg")
        and 'aria-hidden="true"' in svg
        and "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
