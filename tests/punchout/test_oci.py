"""SAP OCI 4.0/5.0: call-up fields and URL, cart parsing (any case, long text, PRICEUNIT), shop fields."""

from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

import pytest

from punchout import (
    CURRENCY_MISMATCH,
    DUPLICATE_LINE,
    MISSING_PRICE,
    NEGATIVE_QUANTITY,
    BuildError,
    Cart,
    CartLine,
    MalformedDocumentError,
    build_oci_call_up,
    build_oci_cart_fields,
    oci_call_up_url,
    parse_oci_cart,
)

HOOK = "https://portal.example/punchout/oci-return/one-time-token"
LOGIN = [("USERNAME", "holbaek"), ("PASSWORD", "hemmeligt")]

WUERTH_LIKE = [
    ("NEW_ITEM-DESCRIPTION[1]", "Træskrue 5x100 rustfri"),
    ("NEW_ITEM-QUANTITY[1]", "100.000"),
    ("NEW_ITEM-UNIT[1]", "PCE"),
    ("NEW_ITEM-PRICE[1]", "10.000"),
    ("NEW_ITEM-PRICEUNIT[1]", "100"),
    ("NEW_ITEM-CURRENCY[1]", "DKK"),
    ("NEW_ITEM-VENDORMAT[1]", "031710    005  100"),
    ("NEW_ITEM-MATGROUP[1]", "31161500"),
    ("NEW_ITEM-LEADTIME[1]", "3"),
    ("NEW_ITEM-EXT_PRODUCT_ID[1]", "4006381333931"),
    ("NEW_ITEM-MANUFACTMAT[1]", "TS-5100-A2"),
    ("NEW_ITEM-VENDOR[1]", "100234"),
    ("NEW_ITEM-CONTRACT[1]", "SKI-50.40"),
    ("NEW_ITEM-LONGTEXT_1:132[]", "Træskrue med torx-kærv, "),
    ("NEW_ITEM-LONGTEXT_1:132[]", "rustfri A2, 100 stk."),
    ("new_item-description[2]", "Kabel 3G1,5"),
    ("new_item-quantity[2]", "1.5"),
    ("new_item-unit[2]", "MTR"),
    ("new_item-price[2]", "22.72"),
    ("new_item-currency[2]", "DKK"),
    ("new_item-ext_product_id[2]", "KAB-3G15"),
    ("NEW_ITEM-LONGTEXT_2:132[]", "Installationskabel, grå"),
]


class TestCallUp:
    def test_standard_fields_in_order(self):
        assert build_oci_call_up(HOOK, LOGIN) == [
            *LOGIN,
            ("HOOK_URL", HOOK),
            ("~OkCode", "ADDI"),
            ("~TARGET", "_top"),
            ("~CALLER", "CTLG"),
        ]

    def test_validate_function_with_product_and_quantity(self):
        fields = build_oci_call_up(
            HOOK,
            LOGIN,
            function="validate",
            supported_functions={"VALIDATE", "DETAIL"},
            product_id="4006381333931",
            quantity=Decimal("2.000"),
        )
        assert fields[-3:] == [
            ("FUNCTION", "VALIDATE"),
            ("PRODUCTID", "4006381333931"),
            ("QUANTITY", "2.000"),
        ]

    def test_detail_and_background_search(self):
        assert build_oci_call_up(HOOK, function="DETAIL", product_id="X1")[-2:] == [
            ("FUNCTION", "DETAIL"),
            ("PRODUCTID", "X1"),
        ]
        assert build_oci_call_up(HOOK, function="BACKGROUND_SEARCH", search_string="kuglepen")[-2:] == [
            ("FUNCTION", "BACKGROUND_SEARCH"),
            ("SEARCHSTRING", "kuglepen"),
        ]

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"function": "BACKGROUND_SEARCH", "search_string": "x", "supported_functions": {"DETAIL"}},
            {"function": "VALIDATE", "product_id": "X1"},
            {"function": "DETAIL"},
            {"function": "ORDER"},
        ],
        ids=["unsupported-by-shop", "validate-without-quantity", "detail-without-product", "unknown"],
    )
    def test_function_misuse_is_refused(self, kwargs):
        with pytest.raises(BuildError):
            build_oci_call_up(HOOK, **kwargs)

    def test_hook_url_query_kept_or_split(self):
        hook = HOOK + "?session=42&lang=da"
        assert ("HOOK_URL", hook) in build_oci_call_up(hook)
        split = build_oci_call_up(hook, split_hook_query=True)
        assert split[:3] == [("HOOK_URL", HOOK), ("session", "42"), ("lang", "da")]

    def test_extra_fields_come_last(self):
        fields = build_oci_call_up(HOOK, extra_fields=[("OCI_VERSION", "5.0"), ("sap-client", "100")])
        assert fields[-2:] == [("OCI_VERSION", "5.0"), ("sap-client", "100")]

    def test_get_url_keeps_the_catalogue_query(self):
        url = oci_call_up_url("https://shop.example/oci?shop=dk", build_oci_call_up(HOOK, LOGIN))
        parts = urlsplit(url)
        assert parse_qsl(parts.query)[:4] == [("shop", "dk"), *LOGIN, ("HOOK_URL", HOOK)]


class TestCart:
    @pytest.fixture(scope="class")
    def cart(self):
        return parse_oci_cart(WUERTH_LIKE, expected_currency="DKK")

    def test_priceunit_gives_the_unit_price(self, cart):
        line = cart.lines[0]
        # Würth FR: QUANTITY 100, PRICE 10.000 per PRICEUNIT 100 → 0.10 per piece (reference §12).
        assert (line.quantity, line.unit_price, line.line_total) == (
            Decimal(100),
            Decimal("0.1"),
            Decimal(10),
        )
        assert (line.price_basis.quantity, line.price_basis.price) == (Decimal(100), Decimal("10.000"))

    def test_fields_map_to_the_line(self, cart):
        line = cart.lines[0]
        assert line.supplier_part_id == "031710    005  100"
        assert (line.unit_of_measure, line.currency, line.lead_time_days) == ("PCE", "DKK", 3)
        assert line.classification == [("MaterialGroup", "31161500")]
        assert (line.manufacturer_part_id, line.gtin) == ("TS-5100-A2", "4006381333931")
        assert line.extrinsics == {
            "EXT_PRODUCT_ID": "4006381333931",
            "VENDOR": "100234",
            "CONTRACT": "SKI-50.40",
        }

    def test_long_text_chunks_are_joined_in_order(self, cart):
        assert cart.lines[0].long_text == "Træskrue med torx-kærv, rustfri A2, 100 stk."
        assert cart.lines[1].long_text == "Installationskabel, grå"

    def test_lowercase_field_names_and_no_priceunit(self, cart):
        line = cart.lines[1]
        assert (line.description, line.quantity, line.unit_price) == (
            "Kabel 3G1,5",
            Decimal("1.5"),
            Decimal("22.72"),
        )
        # EXT_PRODUCT_ID is the shop's key (needed for VALIDATE) and no GTIN here.
        assert (line.supplier_part_id, line.gtin, line.price_basis) == ("KAB-3G15", None, None)

    def test_cart_level(self, cart):
        assert (cart.protocol, cart.buyer_cookie, cart.operation_allowed) == ("oci", None, "create")
        assert (cart.currency, cart.total, cart.recomputed_total) == ("DKK", None, Decimal("44.08"))
        assert cart.warnings == []
        assert cart.raw_fields == WUERTH_LIKE

    def test_multidict_and_mapping_inputs(self):
        class FormData:  # the shape of Starlette's FormData: repeated keys only via multi_items()
            def multi_items(self):
                return WUERTH_LIKE

        assert parse_oci_cart(FormData()).lines[0].long_text.endswith("100 stk.")
        mapping = {
            "NEW_ITEM-QUANTITY[1]": "2",
            "NEW_ITEM-PRICE[1]": "5",
            "NEW_ITEM-LONGTEXT_1:132[]": ["a", "b"],
        }
        assert parse_oci_cart(mapping).lines[0].long_text == "ab"


def one_line(**fields) -> list[tuple[str, str]]:
    base = {"DESCRIPTION": "Vare", "QUANTITY": "1", "PRICE": "10", "CURRENCY": "DKK", "UNIT": "EA"}
    base.update(fields)
    return [(f"NEW_ITEM-{k}[1]", v) for k, v in base.items()]


def test_currency_mismatch():
    cart = parse_oci_cart(one_line(CURRENCY="EUR"), expected_currency="DKK")
    assert [w.code for w in cart.warnings] == [CURRENCY_MISMATCH]


def test_empty_currency_is_filled_from_the_connection():
    assert parse_oci_cart(one_line(CURRENCY=""), expected_currency="dkk").lines[0].currency == "DKK"


def test_negative_quantity_and_missing_price():
    cart = parse_oci_cart(one_line(QUANTITY="-1", PRICE=""))
    assert [(w.code, w.severity) for w in cart.warnings] == [
        (NEGATIVE_QUANTITY, "error"),
        (MISSING_PRICE, "warning"),
    ]


def test_duplicate_lines_are_kept_and_flagged():
    fields = one_line() + [(name.replace("[1]", "[2]"), value) for name, value in one_line()]
    cart = parse_oci_cart(fields)
    assert len(cart.lines) == 2 and [w.code for w in cart.warnings] == [DUPLICATE_LINE]


def test_bracket_form_long_text_belongs_to_its_own_line():
    fields = one_line() + [(n.replace("[1]", "[2]"), v) for n, v in one_line(PRICE="11")]
    fields += [("NEW_ITEM-LONGTEXT[2]", "Lang tekst til linje 2")]
    assert [ln.long_text for ln in parse_oci_cart(fields).lines] == [None, "Lang tekst til linje 2"]


def test_decimal_comma_is_read_with_a_warning():
    cart = parse_oci_cart(one_line(PRICE="12,50"))
    assert cart.lines[0].unit_price == Decimal("12.50")
    assert [w.code for w in cart.warnings] == ["decimal_comma"]


@pytest.mark.parametrize(
    "fields", [[("USERNAME", "x")], one_line(QUANTITY="")], ids=["no-items", "no-quantity"]
)
def test_unusable_carts_are_malformed(fields):
    with pytest.raises(MalformedDocumentError):
        parse_oci_cart(fields)


def test_demo_shop_fields_round_trip():
    long_description = "Skrivebordslampe med LED, dæmpbar, sort, inklusive bordklemme og 2 m ledning"
    cart = Cart(
        "oci",
        currency="DKK",
        lines=[
            CartLine(
                1,
                Decimal(2),
                "KH-2002",
                unit_price=Decimal("249.00"),
                description=long_description,
                unit_of_measure="EA",
                classification=[("UNSPSC", "39111500")],
                gtin="5701234567899",
            ),
        ],
    )
    fields = build_oci_cart_fields(cart)
    names = dict(fields)
    assert names["NEW_ITEM-DESCRIPTION[1]"] == long_description[:40]
    assert names["NEW_ITEM-QUANTITY[1]"] == "2.000"
    assert (names["NEW_ITEM-MATGROUP[1]"], names["NEW_ITEM-EXT_PRODUCT_ID[1]"]) == (
        "39111500",
        "5701234567899",
    )
    line = parse_oci_cart(fields).lines[0]
    assert (line.long_text, line.unit_price, line.gtin) == (
        long_description,
        Decimal("249.00"),
        "5701234567899",
    )


def test_demo_shop_fields_keep_priceunit_and_chunk_long_text():
    cart = parse_oci_cart(WUERTH_LIKE[:15] + [("NEW_ITEM-LONGTEXT_1:132[]", "x" * 200)])
    fields = build_oci_cart_fields(cart)
    assert ("NEW_ITEM-PRICEUNIT[1]", "100") in fields and ("NEW_ITEM-PRICE[1]", "10.000") in fields
    chunks = [v for k, v in fields if k == "NEW_ITEM-LONGTEXT_1:132[]"]
    assert [len(c) for c in chunks] == [132, 112]
    assert parse_oci_cart(fields).lines[0].unit_price == Decimal("0.1")


def test_demo_shop_refuses_quantities_oci_cannot_carry():
    cart = Cart("oci", lines=[CartLine(1, Decimal("1.2345"), "X", unit_price=Decimal(1), currency="DKK")])
    with pytest.raises(BuildError):
        build_oci_cart_fields(cart)


AWKWARD_NAMES = [
    "NEW_ITEM-PRICE[1]",
    "new_item-price[2]",
    "  NEW_ITEM-UNIT[3]\t",
    "NEW_ITEM-PRICE[1]X",
    "XNEW_ITEM-PRICE[1]",
    "NEW_ITEM-LONGTEXT_4:132[]",
    "new_item-longtext_4:132[2] ",
    "NEW_ITEM-LONGTEXT[5]",
    "NEW_ITEM-PRICE[]",
    "NEW_ITEM-Straße[6]",
    "",
    "~OKCode",
    "NEW_ITEM-PRICE[٣]",
]


@pytest.mark.parametrize("extra", [[], ["NEW_ITEM-PRICE\n[7]"], ["NEW_ITEM-UNIT[8]\n"]])
def test_names_read_together_as_one_at_a_time(extra):
    from punchout.oci_cart import _one_name, _read_names

    pairs = [(name, "v") for name in AWKWARD_NAMES + extra]
    assert _read_names(pairs) == [_one_name(name) for name, _ in pairs]
    assert _read_names(pairs)[0] == ("", "", "PRICE", "1")
