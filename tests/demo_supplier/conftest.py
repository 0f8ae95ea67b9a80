"""The demo supplier app on its own, with a clock the tests can wind forward, plus a buyer's side of things:
setup requests as the portal sends them, and the return form as the browser would post it."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from lxml import html

from app.demo_supplier import create_supplier_app
from app.demo_supplier.shops import DemoShop
from punchout import (
    CartLine,
    Credential,
    Envelope,
    ItemRef,
    SetupRequest,
    build_setup_request,
    parse_setup_response,
)
from tests.punchout.conftest import cxml_dtd, needs_dtd, tree  # noqa: F401 - fixtures and helpers reused

ORIGIN = "http://testserver"
RETURN_URL = "http://127.0.0.1:8000/punchout/return/one-time-token-123"


@dataclass
class Clock:
    now: float = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def shop_client(clock: Clock) -> Iterator[TestClient]:
    app = create_supplier_app(ORIGIN, secret_key="demo-supplier-test-key", clock=clock)
    with TestClient(app, base_url=ORIGIN, follow_redirects=False) as client:
        yield client


def envelope(shop: DemoShop, secret: str | None = None) -> Envelope:
    """As the portal sends it: the municipality is From, the shop is To, the portal is Sender."""
    buyer = shop.buyer_identities[0]
    return Envelope(
        from_credentials=[Credential(buyer.domain, buyer.identity)],
        to_credentials=[Credential(shop.supplier_identity.domain, shop.supplier_identity.identity)],
        sender_credentials=[
            Credential(
                shop.sender_identity.domain, shop.sender_identity.identity, secret or shop.shared_secret
            )
        ],
        user_agent="ehandel-portal test",
    )


def setup_request(
    shop: DemoShop,
    operation: str = "create",
    *,
    secret: str | None = None,
    items: list[CartLine] | None = None,
    selected: str | None = None,
    cookie: str = "buyer-cookie-42",
) -> bytes:
    return build_setup_request(
        SetupRequest(
            buyer_cookie=cookie,
            browser_form_post_url=RETURN_URL,
            envelope=envelope(shop, secret),
            operation=operation,
            selected_item=ItemRef(selected) if selected else None,
            items=items or [],
        )
    )


def post_cxml(client: TestClient, body: bytes):  # type: ignore[no-untyped-def]
    return client.post("/cxml", content=body, headers={"Content-Type": "text/xml; charset=UTF-8"})


def open_shop(client: TestClient, shop: DemoShop, operation: str = "create", **kwargs) -> str:  # type: ignore[no-untyped-def]
    """Punch out and follow the StartPage; returns the session's shop path, e.g. /s/<token>/."""
    reply = post_cxml(client, setup_request(shop, operation, **kwargs))
    response = parse_setup_response(reply.content)
    assert response.ok, (response.status_code, response.status_detail)
    start = client.get(response.start_url.removeprefix(ORIGIN))
    assert start.status_code == 303, start.text
    return start.headers["location"]


def shop_path(location: str) -> str:
    """/s/<token>/ from wherever the start page sent us (a product page, a query string)."""
    token = location.split("/")[2]
    return f"/s/{token}/"


def return_fields(page: str) -> list[tuple[str, str]]:
    """The hidden fields of the auto-submitting return form, in order, as the browser would post them."""
    form = html.fromstring(page).get_element_by_id("return-form")
    return [(i.get("name"), i.get("value") or "") for i in form.iter("input") if i.get("type") == "hidden"]


def return_action(page: str) -> tuple[str, str | None]:
    form = html.fromstring(page).get_element_by_id("return-form")
    return form.get("action"), form.get("target")
