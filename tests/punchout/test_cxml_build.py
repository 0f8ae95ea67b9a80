"""Documents we send: DTD element order, DOCTYPE, payloadID, timestamps, credentials, setup requests."""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from punchout import (
    BuildError,
    CartLine,
    Contact,
    ItemRef,
    SetupRequest,
    build_profile_request,
    build_setup_request,
    cxml_timestamp,
    new_buyer_cookie,
    new_payload_id,
    parse_setup_request,
)
from tests.punchout.conftest import child_names, tree

PAYLOAD_ID = re.compile(r"^\d{13}\.\d+\.\d+@[^@\s]+$")


def setup_request(envelope, town_hall, **changes) -> SetupRequest:
    values = {
        "buyer_cookie": "cookie-1",
        "browser_form_post_url": "https://portal.example/punchout/return/one-time-token",
        "envelope": envelope,
        "extrinsics": {
            "UserEmail": "anna@holbaek.example",
            "UniqueName": "anna",
            "FirstName": "Anna",
            "LastName": "Æbelø",
            "CostCenter": "4711",
        },
        "contacts": [Contact("Anna Æbelø", "anna@holbaek.example")],
        "ship_to": town_hall,
    }
    values.update(changes)
    return SetupRequest(**values)


def test_doctype_names_the_default_version(envelope, town_hall):
    data = build_setup_request(setup_request(envelope, town_hall))
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert b'<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.071/cXML.dtd">' in data


def test_version_is_configurable(envelope):
    data = build_profile_request(envelope, version="1.2.063")
    assert b"/cXML/1.2.063/cXML.dtd" in data


def test_setup_request_children_follow_the_dtd_order(envelope, town_hall):
    line = CartLine(1, Decimal(2), "KH-1001", "aux", Decimal("12.50"), "DKK", "Kuglepen", None, "PK")
    request = setup_request(
        envelope, town_hall, operation="edit", selected_item=ItemRef("KH-1001"), items=[line]
    )
    setup = tree(build_setup_request(request)).find("Request/PunchOutSetupRequest")
    assert setup.get("operation") == "edit"
    # cXML 1.2.071: BuyerCookie, Extrinsic*, BrowserFormPost?, Contact*, SupplierSetup?, ShipTo?,
    # SelectedItem?, ItemOut*
    assert child_names(setup) == ["BuyerCookie"] + ["Extrinsic"] * 5 + [
        "BrowserFormPost",
        "Contact",
        "ShipTo",
        "SelectedItem",
        "ItemOut",
    ]
    assert [e.get("name") for e in setup.findall("Extrinsic")] == [
        "UserEmail",
        "UniqueName",
        "FirstName",
        "LastName",
        "CostCenter",
    ]
    assert setup.findtext("BrowserFormPost/URL").endswith("/one-time-token")
    assert setup.find("Contact").get("role") == "endUser"


def test_header_order_and_shared_secret_only_in_sender(envelope, town_hall):
    root = tree(build_setup_request(setup_request(envelope, town_hall)))
    assert child_names(root) == ["Header", "Request"]
    assert child_names(root.find("Header")) == ["From", "To", "Sender"]
    assert len(root.findall("Header/From/Credential")) == 2
    envelope.from_credentials[0].shared_secret = "must-not-leak"
    root = tree(build_setup_request(setup_request(envelope, town_hall)))
    secrets = root.findall(".//SharedSecret")
    assert [s.getparent().getparent().tag for s in secrets] == ["Sender"]
    assert child_names(root.find("Header/Sender")) == ["Credential", "UserAgent"]


def test_payload_ids_are_unique_and_well_formed():
    ids = {new_payload_id() for _ in range(500)}
    assert len(ids) == 500
    assert all(PAYLOAD_ID.match(i) for i in ids)
    assert new_payload_id("portal.example").endswith("@portal.example")


def test_explicit_payload_id_and_timestamp_are_used(envelope):
    data = build_profile_request(envelope, payload_id="retry-1@x", timestamp=datetime(2026, 11, 22, 10, 15))
    root = tree(data)
    assert root.get("payloadID") == "retry-1@x"
    assert root.get("timestamp") == "2026-11-22T10:15:00+01:00"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 22, 10, 15), "2026-11-22T10:15:00+01:00"),
        (datetime(2026, 7, 1, 9, 0, 0, 123456), "2026-07-01T09:00:00+02:00"),
        (datetime(2026, 11, 22, 9, 15, tzinfo=UTC), "2026-11-22T10:15:00+01:00"),
    ],
)
def test_timestamps_carry_a_numeric_offset_with_colon(moment, expected):
    assert cxml_timestamp(moment) == expected


def test_timestamp_zone_is_configurable():
    assert cxml_timestamp(datetime(2026, 1, 1, 12, 0), tz="UTC") == "2026-01-01T12:00:00+00:00"


def test_now_timestamp_has_an_offset():
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", cxml_timestamp())


def test_buyer_cookies_are_random():
    assert len({new_buyer_cookie() for _ in range(100)}) == 100


def test_profile_request_is_an_empty_request(envelope):
    root = tree(build_profile_request(envelope))
    assert child_names(root.find("Request")) == ["ProfileRequest"]
    assert len(root.find("Request/ProfileRequest")) == 0


def test_test_deployment_mode_is_explicit(envelope, town_hall):
    envelope.deployment_mode = "test"
    root = tree(build_setup_request(setup_request(envelope, town_hall)))
    assert root.find("Request").get("deploymentMode") == "test"


def test_setup_request_round_trips_through_the_shop_parser(envelope, town_hall):
    request = setup_request(envelope, town_hall, selected_item=ItemRef("KH-1001", "cfg 7"))
    parsed = parse_setup_request(build_setup_request(request))
    assert parsed.buyer_cookie == "cookie-1"
    assert parsed.operation == "create"
    assert parsed.extrinsics == request.extrinsics
    assert parsed.contacts == request.contacts
    assert parsed.ship_to == town_hall
    assert parsed.selected_item == ItemRef("KH-1001", "cfg 7")
    assert parsed.envelope.sender_credentials[0].shared_secret == "sesam-luk-dig-op"
    assert parsed.envelope.version == "1.2.071"


@pytest.mark.parametrize(
    "changes",
    [{"operation": "source"}, {"operation": "Create"}, {"buyer_cookie": ""}],
    ids=["unsupported-operation", "wrong-case-operation", "no-cookie"],
)
def test_invalid_setup_requests_are_refused(envelope, town_hall, changes):
    with pytest.raises(BuildError):
        build_setup_request(setup_request(envelope, town_hall, **changes))


def test_header_without_a_to_credential_is_refused(envelope, town_hall):
    envelope.to_credentials = []
    with pytest.raises(BuildError):
        build_setup_request(setup_request(envelope, town_hall))
