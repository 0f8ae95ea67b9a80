"""Writing the parts every cXML document shares: the envelope, credentials, money, addresses, extrinsics.

Element order follows the cXML 1.2.071 DTD, which enforces it (reference §5); every builder here appends
children in exactly the DTD's sequence.
"""

import os
import secrets
import socket
import time
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from lxml import etree

from punchout.errors import BuildError
from punchout.model import Address, Contact, Credential, Envelope
from punchout.values import format_decimal, format_timestamp
from punchout.xmlsafe import XML_LANG

DEFAULT_VERSION = "1.2.071"
DTD_URL = "http://xml.cxml.org/schemas/cXML/{version}/{dtd}"


@lru_cache(maxsize=1)
def _hostname() -> str:
    return socket.gethostname() or "localhost"


def new_payload_id(host: str | None = None) -> str:
    """`<epoch-ms>.<pid>.<random>@<host>`, the form the cXML User's Guide recommends (reference §3).

    Keep the id when retrying the same document; a new document gets a new id.
    """
    return (
        f"{time.time_ns() // 1_000_000}.{os.getpid()}.{secrets.randbelow(10**12):012d}@{host or _hostname()}"
    )


def cxml_timestamp(value: datetime | None = None, tz: str | None = None) -> str:
    """Now (or `value`) as ISO 8601 with a numeric offset, Europe/Copenhagen unless `tz` says otherwise."""
    return format_timestamp(value, tz)


def new_buyer_cookie() -> str:
    """A random BuyerCookie: unique per session and opaque, never an authenticator (reference §5)."""
    return secrets.token_urlsafe(24)


def sub(
    parent: etree._Element, tag: str, content: str | None = None, /, **attrs: str | None
) -> etree._Element:
    """Append a child; attributes whose value is None are left out. Use `lang=` for xml:lang."""
    el = etree.SubElement(parent, tag)
    for name, value in attrs.items():
        if value is not None:
            el.set(XML_LANG if name == "lang" else name, value)
    if content is not None:
        el.text = content
    return el


def start_document(
    envelope: Envelope | None,
    *,
    payload_id: str | None = None,
    timestamp: datetime | None = None,
    tz: str | None = None,
    lang: str = "da-DK",
) -> etree._Element:
    """The `<cXML>` root, with a Header when an envelope is given (Requests and Messages need one)."""
    root = etree.Element("cXML")
    root.set("payloadID", payload_id or new_payload_id())
    root.set("timestamp", cxml_timestamp(timestamp, tz))
    root.set(XML_LANG, envelope.lang if envelope else lang)
    if envelope is not None:
        header = sub(root, "Header")
        _credentials(sub(header, "From"), envelope.from_credentials, "From", with_secret=False)
        _credentials(sub(header, "To"), envelope.to_credentials, "To", with_secret=False)
        sender = sub(header, "Sender")
        _credentials(sender, envelope.sender_credentials, "Sender", with_secret=True)
        sub(sender, "UserAgent", envelope.user_agent)
    return root


def _credentials(parent: etree._Element, creds: list[Credential], role: str, *, with_secret: bool) -> None:
    # From/To/Sender all require Credential+ (cXML DTD, Header). The SharedSecret travels only in Sender:
    # From and To are read by every hop, and a secret there would leak.
    if not creds:
        raise BuildError(f"the cXML Header needs at least one {role} credential")
    for cred in creds:
        el = sub(parent, "Credential", domain=cred.domain)
        sub(el, "Identity", cred.identity)
        if with_secret and cred.shared_secret:
            sub(el, "SharedSecret", cred.shared_secret)


def request_or_message(root: etree._Element, tag: str, envelope: Envelope) -> etree._Element:
    if envelope.deployment_mode not in ("production", "test"):
        raise BuildError(f"deploymentMode must be production or test, not {envelope.deployment_mode!r}")
    return sub(root, tag, deploymentMode=envelope.deployment_mode)


def serialize(root: etree._Element, version: str | None = None, dtd: str = "cXML.dtd") -> bytes:
    """UTF-8 bytes with the XML declaration and `<!DOCTYPE cXML SYSTEM "…/<version>/<dtd>">`."""
    doctype = f'<!DOCTYPE cXML SYSTEM "{DTD_URL.format(version=version or DEFAULT_VERSION, dtd=dtd)}">'
    body = etree.tostring(root, encoding="UTF-8", doctype=doctype)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def add_money(parent: etree._Element, amount: Decimal, currency: str | None) -> etree._Element:
    # Money@currency is #REQUIRED and ISO 4217 (cXML DTD, Money).
    if not currency or len(currency) != 3:
        raise BuildError(f"Money needs a 3-letter ISO 4217 currency, not {currency!r}")
    return sub(parent, "Money", format_decimal(amount), currency=currency.upper())


def add_extrinsics(parent: etree._Element, extrinsics: dict[str, str]) -> None:
    for name, value in extrinsics.items():
        sub(parent, "Extrinsic", value, name=name)


def add_description(parent: etree._Element, text: str, lang: str, short_name: str | None = None) -> None:
    # Description is mixed content with xml:lang #REQUIRED and at most one ShortName (reference §6).
    el = sub(parent, "Description", text, lang=lang)
    if short_name:
        sub(el, "ShortName", short_name)


def add_address(parent: etree._Element, tag: str, address: Address) -> etree._Element:
    """ShipTo/BillTo: `(Address, …)` where Address is `(Name, PostalAddress?, Email?, …)` (cXML DTD)."""
    wrapper = sub(parent, tag)
    el = sub(
        wrapper,
        "Address",
        isoCountryCode=address.country_code,
        addressID=address.address_id,
        addressIDDomain=address.address_id_domain,
    )
    sub(el, "Name", address.name, lang=address.lang)
    if address.street or address.city:
        _postal_address(el, address)
    if address.email:
        sub(el, "Email", address.email)
    return wrapper


def _postal_address(parent: etree._Element, address: Address) -> None:
    # PostalAddress (DeliverTo*, Street+, City, Municipality?, State?, PostalCode?, Country, Extrinsic*).
    if not address.street or not address.city:
        raise BuildError(f"address {address.name!r} needs at least one street line and a city")
    postal = sub(parent, "PostalAddress")
    for line in address.deliver_to:
        sub(postal, "DeliverTo", line)
    for line in address.street:
        sub(postal, "Street", line)
    sub(postal, "City", address.city)
    if address.municipality:
        sub(postal, "Municipality", address.municipality)
    if address.postal_code:
        sub(postal, "PostalCode", address.postal_code)
    sub(postal, "Country", address.country_name or address.country_code, isoCountryCode=address.country_code)


def add_contacts(parent: etree._Element, contacts: Iterable[Contact]) -> None:
    # Contact (Name, PostalAddress*, Email*, …) with role NMTOKEN, e.g. role="endUser" (reference §5).
    for contact in contacts:
        el = sub(parent, "Contact", role=contact.role)
        sub(el, "Name", contact.name, lang=contact.lang)
        if contact.email:
            sub(el, "Email", contact.email)


def add_comments(parent: etree._Element, comments: str | None, lang: str = "da") -> None:
    if comments:
        sub(parent, "Comments", comments, lang=lang)
