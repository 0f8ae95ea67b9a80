"""Reading the parts every received cXML document shares: envelope, credentials, status, money, addresses.

Lenient on input (reference §11): element and attribute names in any case, empty attributes treated as
missing, several Credentials per party, timestamps in any of the forms seen in the wild.
"""

from decimal import Decimal

from lxml import etree

from punchout.errors import MalformedDocumentError
from punchout.model import Address, Contact, Credential, Envelope, Status
from punchout.values import parse_timestamp, to_decimal
from punchout.xmlsafe import (
    attr,
    child,
    child_text,
    children,
    cxml_version,
    descendants,
    lang_of,
    local,
    text,
)

SUCCESS_TEXT = {200: "OK", 201: "Accepted", 204: "No Content"}


def require_root(root: etree._Element) -> None:
    if local(root) != "cxml":
        raise MalformedDocumentError(f"expected a cXML document, got <{root.tag}>", xpath="/")


def payload_of(root: etree._Element, kind: str, name: str) -> etree._Element:
    """The `name` element inside the root's Request, Response or Message (`kind`), or a clear error."""
    require_root(root)
    element = child(root, f"{kind}/{name}")
    if element is None:
        raise MalformedDocumentError(f"no {name} in this cXML document", xpath=f"/cXML/{kind}/{name}")
    return element


def read_credentials(parent: etree._Element | None, *, keep_secret: bool = False) -> list[Credential]:
    creds = []
    for el in children(parent, "Credential"):
        identity = text(child(el, "Identity")) or ""
        secret = text(child(el, "SharedSecret")) if keep_secret else None
        creds.append(Credential(attr(el, "domain") or "", identity, secret))
    return creds


def read_envelope(root: etree._Element, *, keep_sender_secret: bool = False) -> Envelope:
    """The Header. A Sender SharedSecret is kept only for the supplier side, which must check it."""
    header = child(root, "Header")
    carrier = child(root, "Request")
    if carrier is None:
        carrier = child(root, "Message")
    return Envelope(
        from_credentials=read_credentials(child(header, "From")),
        to_credentials=read_credentials(child(header, "To")),
        sender_credentials=read_credentials(child(header, "Sender"), keep_secret=keep_sender_secret),
        user_agent=child_text(header, "Sender/UserAgent") or "",
        deployment_mode=attr(carrier, "deploymentMode") or "production",
        lang=lang_of(root) or "",
        payload_id=attr(root, "payloadID"),
        timestamp=parse_timestamp(attr(root, "timestamp")),
        version=cxml_version(root),
    )


def scrub_shared_secrets(root: etree._Element) -> int:
    """Blank every SharedSecret in place and return how many there were.

    The DTD says credentials "should not be sent within Message documents transported via an end user's
    browser"; some carts do it anyway (reference §14). We never use them and never keep them.
    """
    found = list(descendants(root, "SharedSecret"))
    for el in found:
        for c in list(el):
            el.remove(c)
        el.text = None
    return len(found)


def read_status(el: etree._Element | None, *, implied: bool = False) -> Status:
    """Status@code/@text plus the detail in its content, e.g. <Status code="400" text="…">why</Status>."""
    if el is None:
        if implied:
            # A Message without Status implies <Status code="200" text="OK"/> (cXML DTD, Message).
            return Status(200, "OK")
        raise MalformedDocumentError("no Status element in the response", xpath="/cXML/Response/Status")
    raw_code = attr(el, "code")
    if raw_code is None or not raw_code.isdigit():
        raise MalformedDocumentError(f"Status code {raw_code!r} is not a number", xpath="Status/@code")
    code = int(raw_code)
    return Status(code, attr(el, "text") or SUCCESS_TEXT.get(code, ""), text(el))


def read_money(el: etree._Element | None) -> tuple[Decimal | None, str | None]:
    """Amount and currency of a Money child of `el`. An empty currency counts as missing (reference §15)."""
    if el is None:
        return None, None
    # Inline rather than `child`: every cart line has a price, and this runs for each.
    money = next((c for c in el if isinstance(c.tag, str) and local(c) == "money"), None)
    if money is None:
        return None, None
    currency = attr(money, "currency")
    return to_decimal(text(money)), currency.upper() if currency else None


def read_address(wrapper: etree._Element | None) -> Address | None:
    """ShipTo/BillTo → Address; None when absent."""
    el = child(wrapper, "Address")
    if el is None:
        return None
    postal = child(el, "PostalAddress")
    country = child(postal, "Country")
    return Address(
        name=child_text(el, "Name") or "",
        street=[t for t in (text(s) for s in children(postal, "Street")) if t],
        city=child_text(postal, "City"),
        postal_code=child_text(postal, "PostalCode"),
        country_code=(attr(country, "isoCountryCode") or attr(el, "isoCountryCode") or "").upper(),
        country_name=text(country),
        deliver_to=[t for t in (text(d) for d in children(postal, "DeliverTo")) if t],
        email=child_text(el, "Email"),
        address_id=attr(el, "addressID"),
        address_id_domain=attr(el, "addressIDDomain"),
        municipality=child_text(postal, "Municipality"),
        lang=lang_of(child(el, "Name")) or "da",
    )


def read_contact(el: etree._Element) -> Contact:
    return Contact(
        name=child_text(el, "Name") or "",
        email=child_text(el, "Email"),
        role=attr(el, "role"),
        lang=lang_of(child(el, "Name")) or "da",
    )


def read_extrinsics(*parents: etree._Element | None) -> dict[str, str]:
    """Extrinsic name → text. Names are not standardised (reference §5); the first of a name wins."""
    found: dict[str, str] = {}
    for parent in parents:
        for el in children(parent, "Extrinsic"):
            name = attr(el, "name")
            if name and name not in found:
                found[name] = text(el) or ""
    return found
