"""Secrets never reach a log: SharedSecret contents and OCI password fields are blanked."""

from punchout import build_setup_request, redact_fields, redact_secrets
from punchout.model import SetupRequest


def test_shared_secret_is_blanked_in_our_own_setup_request(envelope):
    data = build_setup_request(SetupRequest("c", "https://portal.example/r", envelope))
    assert b"sesam-luk-dig-op" in data
    redacted = redact_secrets(data)
    assert "sesam-luk-dig-op" not in redacted
    assert "<SharedSecret></SharedSecret>" in redacted
    assert "HOLBAEK-KOMMUNE" in redacted


def test_any_case_prefix_attributes_and_markup_inside():
    text = '<sharedsecret>a</sharedsecret><x:SharedSecret type="p">\n <b>c</b>\n</x:SharedSecret >'
    assert redact_secrets(text) == '<sharedsecret></sharedsecret><x:SharedSecret type="p"></x:SharedSecret >'


def test_oci_passwords_in_query_strings_and_forms():
    url = "https://shop.example/oci?USERNAME=holbaek&PASSWORD=hemmeligt&HOOK_URL=x"
    assert redact_secrets(url) == "https://shop.example/oci?USERNAME=holbaek&PASSWORD=&HOOK_URL=x"
    html = '<input type="hidden" name="pwd" value="hemmeligt"><input name="USERNAME" value="holbaek">'
    assert (
        redact_secrets(html)
        == '<input type="hidden" name="pwd" value=""><input name="USERNAME" value="holbaek">'
    )


def test_redact_fields_and_custom_secret_names():
    fields = [("USERNAME", "holbaek"), ("Passwort", "geheim"), ("KUNDENSCHLUESSEL", "k1")]
    assert redact_fields(fields, secret_words=("PASS", "SCHLUESSEL")) == [
        ("USERNAME", "holbaek"),
        ("Passwort", ""),
        ("KUNDENSCHLUESSEL", ""),
    ]
