"""POST /cxml: the answers a buyer gets, always HTTP 200 with the outcome in the cXML Status."""

import pytest

from app.demo_supplier.shops import DATALOSNINGER, NORDFRUGT
from punchout import (
    Credential,
    build_profile_request,
    parse_profile_response,
    parse_setup_response,
    parse_status,
)
from tests.demo_supplier.conftest import ORIGIN, envelope, needs_dtd, post_cxml, setup_request, tree


class TestProfile:
    def test_lists_the_transactions_and_operations(self, shop_client):
        reply = post_cxml(shop_client, build_profile_request(envelope(NORDFRUGT)))
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("text/xml")
        profile = parse_profile_response(reply.content)
        assert profile.supports("PunchOutSetupRequest")
        assert profile.transactions["PunchOutSetupRequest"] == f"{ORIGIN}/cxml"
        assert profile.punchout_operations == ["create", "edit", "inspect"]

    def test_wrong_secret_is_refused(self, shop_client):
        reply = post_cxml(shop_client, build_profile_request(envelope(NORDFRUGT, "forkert")))
        assert (reply.status_code, parse_status(reply.content).code) == (200, 401)


class TestSetup:
    @pytest.mark.parametrize("shop", [NORDFRUGT, DATALOSNINGER], ids=lambda s: s.slug)
    def test_good_secret_gives_a_start_page_on_the_shops_origin(self, shop_client, shop):
        reply = post_cxml(shop_client, setup_request(shop))
        response = parse_setup_response(reply.content)
        assert (reply.status_code, response.status_code) == (200, 200)
        assert response.start_url.startswith(f"{ORIGIN}/start/")

    def test_wrong_secret_is_401_inside_http_200(self, shop_client):
        reply = post_cxml(shop_client, setup_request(NORDFRUGT, secret="gæt-en-hemmelighed"))
        status = parse_status(reply.content)
        assert reply.status_code == 200
        assert (status.code, status.text) == (401, "Unauthorized")
        assert b"StartPage" not in reply.content

    def test_one_shops_secret_does_not_open_the_other(self, shop_client):
        reply = post_cxml(shop_client, setup_request(NORDFRUGT, secret=DATALOSNINGER.shared_secret))
        assert parse_status(reply.content).code == 401

    def test_unknown_buyer_is_401(self, shop_client):
        request = setup_request(NORDFRUGT).replace(
            NORDFRUGT.buyer_identities[0].identity.encode(), b"5790000000999"
        )
        assert parse_status(post_cxml(shop_client, request).content).code == 401

    def test_unknown_supplier_is_401(self, shop_client):
        request = setup_request(NORDFRUGT).replace(NORDFRUGT.supplier_identity.identity.encode(), b"123")
        assert parse_status(post_cxml(shop_client, request).content).code == 401

    def test_any_of_several_from_credentials_may_be_the_known_buyer(self, shop_client):
        env = envelope(DATALOSNINGER)
        env.from_credentials.insert(0, Credential("DUNS", "000000000"))
        reply = post_cxml(shop_client, build_profile_request(env))
        assert parse_profile_response(reply.content).status_code == 200

    def test_credential_domains_compare_without_case(self, shop_client):
        request = setup_request(NORDFRUGT).replace(b'domain="NetworkID"', b'domain="networkid"')
        assert parse_setup_response(post_cxml(shop_client, request).content).ok

    @pytest.mark.parametrize("operation", [b"source", b"frobnicate"])
    def test_unsupported_operation_is_450(self, shop_client, operation):
        request = setup_request(NORDFRUGT).replace(b'operation="create"', b'operation="' + operation + b'"')
        reply = post_cxml(shop_client, request)
        assert (reply.status_code, parse_status(reply.content).code) == (200, 450)

    def test_return_url_must_be_a_web_address(self, shop_client):
        request = setup_request(NORDFRUGT).replace(
            b"http://127.0.0.1:8000/punchout/return/", b"javascript:alert(1)//"
        )
        assert parse_status(post_cxml(shop_client, request).content).code == 400


class TestOtherDocuments:
    def test_not_xml_is_400(self, shop_client):
        reply = post_cxml(shop_client, b"this is not xml")
        assert (reply.status_code, parse_status(reply.content).code) == (200, 400)

    def test_entities_are_refused(self, shop_client):
        bomb = b'<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY a "aaaa">]><cXML>&a;</cXML>'
        assert parse_status(post_cxml(shop_client, bomb).content).code == 400

    def test_an_order_request_is_accepted(self, shop_client):
        order = setup_request(NORDFRUGT).replace(
            b'<PunchOutSetupRequest operation="create">',
            b'<OrderRequest><OrderRequestHeader orderID="PO-1"/>',
        )
        order = order[: order.index(b"<BuyerCookie>")] + b"</OrderRequest></Request></cXML>"
        status = parse_status(post_cxml(shop_client, order).content)
        assert (status.code, status.detail) == (200, "Order PO-1 received by Nordfrugt Engros A/S")


@needs_dtd
class TestDtd:
    def assert_valid(self, dtd, data: bytes) -> None:
        assert dtd.validate(tree(data)), dtd.error_log.filter_from_errors()

    def test_setup_response(self, shop_client, cxml_dtd):
        self.assert_valid(cxml_dtd, post_cxml(shop_client, setup_request(NORDFRUGT)).content)

    def test_profile_response(self, shop_client, cxml_dtd):
        self.assert_valid(
            cxml_dtd, post_cxml(shop_client, build_profile_request(envelope(NORDFRUGT))).content
        )

    def test_status_response(self, shop_client, cxml_dtd):
        self.assert_valid(
            cxml_dtd, post_cxml(shop_client, setup_request(NORDFRUGT, secret="forkert")).content
        )
