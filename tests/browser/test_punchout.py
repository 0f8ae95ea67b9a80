"""Punch-out in a real browser: the portal on one origin, the supplier's shop on another. A kitchen worker shops,
sends the basket home, and sees the lines with an above-agreement flag in the basket."""

import pytest

from app.demo.seed import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def _sign_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/")


def test_punch_out_to_the_demo_supplier_and_back_into_the_basket(page, live_server):
    _sign_in(page, "karl@sobjerg.example")
    page.get_by_role("link", name="Butikker").click()
    page.get_by_role("button", name="Gå til butikken hos Nordfrugt Engros A/S").click()

    # Now on the supplier's origin.
    page.wait_for_url(lambda url: not url.startswith(live_server))
    assert page.get_by_text("Nordfrugt").first.is_visible()
    page.get_by_role("searchbox").fill("kaffebønner")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("button", name="Læg i kurv").first.click()
    page.get_by_role("searchbox").fill("hvedemel")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("button", name="Læg i kurv").first.click()
    page.get_by_role("link", name="Gå til kurven").first.click()
    page.get_by_role("button", name="Overfør kurven til indkøbssystemet").click()

    # The shop's page posts the cart back cross-site; the portal shows it for review.
    page.wait_for_url(f"{live_server}/punchout/sessions/*")
    assert page.get_by_role("heading", level=1).inner_text() == "Kurv fra Nordfrugt Engros A/S"
    review = page.content()
    assert "Pris over aftaleprisen" in review
    assert "Kaffebønner" in review and "Hvedemel" in review
    page.get_by_role("button", name="Læg i kurven").click()

    page.wait_for_url(f"{live_server}/basket")
    basket = page.content()
    assert "2 linjer" in basket
    assert "Pris over aftaleprisen" in basket
    assert page.locator("tr.flagged").count() == 1
