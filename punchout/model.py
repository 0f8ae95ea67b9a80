"""Plain data for punch-out documents: what we send, what we receive, and the cart in between.

No behaviour beyond small derived properties; building and parsing live in their own modules. Money and
quantities are `Decimal` throughout.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from punchout.values import tidy

OPERATIONS = ("create", "edit", "inspect")


@dataclass(slots=True)
class Credential:
    """cXML Credential: a free-string domain (NetworkID, DUNS, GLN, CVR …) and the Identity in it."""

    domain: str
    identity: str
    shared_secret: str | None = None


@dataclass(slots=True)
class Envelope:
    """The cXML Header (From, To, Sender) plus the attributes of the Request/Message around the payload."""

    from_credentials: list[Credential] = field(default_factory=list)
    to_credentials: list[Credential] = field(default_factory=list)
    sender_credentials: list[Credential] = field(default_factory=list)
    user_agent: str = "ehandel-portal"
    deployment_mode: str = "production"
    lang: str = "da-DK"
    payload_id: str | None = None
    timestamp: datetime | None = None
    version: str | None = None


@dataclass(slots=True)
class Address:
    name: str
    street: list[str] = field(default_factory=list)
    city: str | None = None
    postal_code: str | None = None
    country_code: str = "DK"
    country_name: str | None = None
    deliver_to: list[str] = field(default_factory=list)
    email: str | None = None
    address_id: str | None = None
    address_id_domain: str | None = None
    municipality: str | None = None
    lang: str = "da"


@dataclass(slots=True)
class Contact:
    name: str
    email: str | None = None
    role: str | None = "endUser"
    lang: str = "da"


@dataclass(slots=True)
class PriceBasis:
    """cXML PriceBasisQuantity, and OCI PRICEUNIT as its special case (conversion factor 1, same unit).

    `price` is the Money exactly as quoted for `quantity` units of `unit_of_measure`; we keep it so that an
    echo to the supplier repeats their figure rather than our division.
    """

    quantity: Decimal
    conversion_factor: Decimal = Decimal(1)
    unit_of_measure: str | None = None
    description: str | None = None
    price: Decimal | None = None


@dataclass(slots=True)
class Warning:  # shadows the builtin on purpose: the name is part of the interface the web layer imports
    """A flag on a parsed cart. `code` is a stable string; `severity` "error" means: do not import."""

    code: str
    message: str
    detail: dict = field(default_factory=dict)
    severity: str = "warning"


CartWarning = Warning


@dataclass(slots=True)
class CartLine:
    """One cart line (cXML ItemIn or OCI NEW_ITEM-*[n]); also what we echo as ItemOut for edit/inspect.

    `unit_price` is per ordered unit, after PriceBasisQuantity or PRICEUNIT. `supplier_part_auxiliary_id`
    is the content between its tags, byte for byte, markup included: never trim or rebuild it.
    """

    line_number: int
    quantity: Decimal
    supplier_part_id: str | None = None
    supplier_part_auxiliary_id: str | None = None
    unit_price: Decimal | None = None
    currency: str | None = None
    description: str | None = None
    short_name: str | None = None
    unit_of_measure: str | None = None
    classification: list[tuple[str, str]] = field(default_factory=list)
    manufacturer_part_id: str | None = None
    manufacturer_name: str | None = None
    lead_time_days: int | None = None
    gtin: str | None = None
    price_basis: PriceBasis | None = None
    tax_amount: Decimal | None = None
    tax_rate: Decimal | None = None
    extrinsics: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    buyer_part_id: str | None = None
    description_lang: str | None = None
    descriptions: dict[str, str] = field(default_factory=dict)
    long_text: str | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def line_total(self) -> Decimal | None:
        """Quantity times unit price, computed from the quoted price basis when there is one."""
        basis = self.price_basis
        if basis is not None and basis.price is not None and basis.quantity:
            return tidy(basis.price * basis.conversion_factor * self.quantity / basis.quantity)
        if self.unit_price is None:
            return None
        return tidy(self.unit_price * self.quantity)


@dataclass(slots=True)
class Cart:
    """A returned cart: cXML PunchOutOrderMessage or an OCI form. `raw_xml` never holds a SharedSecret."""

    protocol: str
    buyer_cookie: str | None = None
    operation_allowed: str = "create"
    currency: str | None = None
    total: Decimal | None = None
    recomputed_total: Decimal | None = None
    lines: list[CartLine] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    status_code: int = 200
    status_text: str = "OK"
    raw_xml: str | None = None
    raw_fields: list[tuple[str, str]] | None = None
    payload_id: str | None = None
    timestamp: datetime | None = None
    quote_status: str | None = None
    shipping_amount: Decimal | None = None
    tax_amount: Decimal | None = None
    envelope: Envelope | None = None

    @property
    def errors(self) -> list[Warning]:
        return [w for w in self.warnings if w.severity == "error"]

    def has_warning(self, code: str) -> bool:
        return any(w.code == code for w in self.warnings)

    @property
    def no_change(self) -> bool:
        """Status 204 on a PunchOutOrderMessage: the user left the shop without changing the cart (§4)."""
        return self.status_code == 204

    @property
    def outcome(self) -> str:
        """ "no_change", "cancelled" (empty create), "clear_lines" (empty edit: confirm first!) or "cart".

        User's Guide §5.6.4.3 via reference §6: 204 and "empty on edit" are different outcomes.
        """
        if self.no_change:
            return "no_change"
        if self.lines:
            return "cart"
        return "clear_lines" if self.operation_allowed == "edit" else "cancelled"


@dataclass(slots=True)
class ItemRef:
    """SelectedItem's ItemID: a level-2 link to one store, aisle or product (cXML DTD, SelectedItem)."""

    supplier_part_id: str
    supplier_part_auxiliary_id: str | None = None


@dataclass(slots=True)
class SetupRequest:
    """PunchOutSetupRequest. `items` are the earlier lines, sent as ItemOut for edit and inspect."""

    buyer_cookie: str
    browser_form_post_url: str
    envelope: Envelope
    operation: str = "create"
    extrinsics: dict[str, str] = field(default_factory=dict)
    contacts: list[Contact] = field(default_factory=list)
    ship_to: Address | None = None
    selected_item: ItemRef | None = None
    items: list[CartLine] = field(default_factory=list)


@dataclass(slots=True)
class SetupResponse:
    status_code: int
    status_text: str
    start_url: str | None = None
    status_detail: str | None = None
    payload_id: str | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status_code < 300 and bool(self.start_url)


@dataclass(slots=True)
class Status:
    """A cXML Status. HTTP 200 often carries a cXML error, so always look here (reference §4)."""

    code: int
    text: str
    detail: str | None = None
    payload_id: str | None = None
    in_reply_to: str | None = None

    @property
    def ok(self) -> bool:
        # 200 OK, 201 Accepted, 204 No Content, 280/281 forwarded (officeluv/cxml status.rb, reference §4).
        return 200 <= self.code < 300

    @property
    def retryable(self) -> bool:
        return self.code >= 500


@dataclass(slots=True)
class ProfileResponse:
    """ProfileResponse: the transactions a supplier supports, each with its URL and options."""

    transactions: dict[str, str] = field(default_factory=dict)
    transaction_options: dict[str, dict[str, str]] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)
    punchout_operations: list[str] | None = None
    effective_date: datetime | None = None
    status_code: int = 200
    status_text: str = "OK"

    def supports(self, request_name: str) -> bool:
        wanted = request_name.lower()
        return any(name.lower() == wanted for name in self.transactions)
