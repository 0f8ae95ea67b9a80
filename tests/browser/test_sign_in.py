"""A requisitioner signs in through a real browser and sees the start page in Danish."""

import pytest

from app.demo.seed import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_requisitioner_signs_in_and_sees_danish_start_page(page):
    page.goto("/")
    assert "/login" in page.url
    assert page.locator("html").get_attribute("lang") == "da"
    page.get_by_label("E-mail").fill("pia@sobjerg.example")
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/")
    assert page.get_by_role("heading", level=1).inner_text() == "Velkommen, Pia Pædagog"
    assert page.get_by_role("navigation", name="Hovedmenu").is_visible()
    assert "50.90 Fødevarer" in page.content()
    assert "Børnehuset Solsikken" in page.content()


def test_skip_link_is_the_first_stop_for_the_keyboard(page):
    page.goto("/login")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Gå til hovedindhold"


def test_wrong_password_shows_danish_error_and_keeps_the_email(page):
    page.goto("/login")
    page.get_by_label("E-mail").fill("pia@sobjerg.example")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_role("button", name="Log ind").click()
    assert page.get_by_role("alert").inner_text() == "Forkert e-mail eller adgangskode."
    assert page.get_by_label("E-mail").input_value() == "pia@sobjerg.example"


def test_english_can_be_chosen_and_is_remembered(page):
    page.goto("/login")
    page.get_by_label("E-mail").fill("lene@sobjerg.example")
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/")
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("button", name="Skift sprog").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Lene Leder"
    page.goto("/users")
    assert page.get_by_role("heading", level=1).inner_text() == "Users"
