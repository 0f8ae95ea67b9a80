"""Shared helpers for the punch-out protocol tests: fixture paths, a sample envelope, DTD validation."""

from pathlib import Path

import pytest
from lxml import etree

from punchout import Address, Credential, Envelope

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Public interoperability samples live beside the repository, not in it; tests using them skip without them.
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
CXML_DTD = SAMPLES / "cxml-dtd" / "1.2.071" / "cXML.dtd"

needs_dtd = pytest.mark.skipif(not CXML_DTD.exists(), reason="cXML 1.2.071 DTD sample folder not present")


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def tree(data: bytes) -> etree._Element:
    """Parse our own output for inspection (trusted, so the plain parser with DTD loading off is fine)."""
    return etree.fromstring(data, etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False))


def child_names(el: etree._Element) -> list[str]:
    return [c.tag for c in el if isinstance(c.tag, str)]


@pytest.fixture(scope="session")
def cxml_dtd() -> etree.DTD:
    return etree.DTD(str(CXML_DTD))


@pytest.fixture
def envelope() -> Envelope:
    return Envelope(
        from_credentials=[Credential("NetworkID", "HOLBAEK-KOMMUNE"), Credential("GLN", "5790000000000")],
        to_credentials=[Credential("DUNS", "123456789")],
        sender_credentials=[Credential("NetworkID", "HOLBAEK-KOMMUNE", "sesam-luk-dig-op")],
        user_agent="ehandel-portal test",
    )


@pytest.fixture
def town_hall() -> Address:
    return Address(
        name="Holbæk Kommune, Indkøb",
        street=["Kanalstræde 2"],
        city="Holbæk",
        postal_code="4300",
        country_code="DK",
        country_name="Danmark",
        deliver_to=["Att. Anna Æbelø"],
        email="indkob@holbaek.example",
        address_id="5790000000000",
        address_id_domain="GLN",
    )
