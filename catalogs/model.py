"""The normalised catalogue line every reader produces, and the header and summary of one read.

Prices and quantities are Decimal throughout: a float would turn 12.95 kr into 12.949999… and break invoice
matching later.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from catalogs.errors import LineError
from catalogs.units import comparison

ACTIONS = ("add", "replace", "update", "delete")


@dataclass(slots=True)
class CatalogueLine:
    """One item as the supplier offers it. `line_number` is the file's own line (CSV/XLSX: the heading is
    line 1; XML: the line where the catalogue line starts), `xpath` locates it in XML."""

    supplier_item_number: str
    name: str | None
    action: str = "add"
    line_number: int | None = None
    xpath: str | None = None
    catalogue_line_id: str | None = None
    gtin: str | None = None
    description: str | None = None
    brand: str | None = None
    manufacturer: str | None = None
    manufacturer_item_number: str | None = None
    unspsc: str | None = None
    orderable_unit: str = "EA"
    content_quantity: Decimal | None = None
    content_unit: str | None = None
    price: Decimal | None = None
    base_quantity: Decimal = Decimal(1)
    orderable_unit_factor_rate: Decimal = Decimal(1)
    currency: str = "DKK"
    vat_rate: Decimal = Decimal(25)
    valid_from: date | None = None
    valid_to: date | None = None
    line_valid_from: date | None = None
    line_valid_to: date | None = None
    minimum_order_quantity: Decimal | None = None
    order_increment: Decimal | None = None
    lead_time_days: int | None = None
    image_url: str | None = None
    labels: list[str] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)

    def unit_price(self) -> Decimal | None:
        """Price of one orderable unit: the price is per `base_quantity`, scaled by the orderable-unit factor
        (a case of 12 bottles priced per bottle has factor 12)."""
        if self.price is None:
            return None
        return self.price / self.base_quantity * self.orderable_unit_factor_rate

    @property
    def comparison_unit(self) -> str | None:
        """KGM, LTR, EA (pieces), MTR, MTK or HUR; None when the content cannot be compared."""
        content = self._content()
        return comparison(content[1])[0] if content and comparison(content[1]) else None

    def comparison_price(self, places: int = 2) -> Decimal | None:
        """Price per kg, per litre or per piece, rounded half up to `places` decimals."""
        content = self._content()
        unit_price = self.unit_price()
        if content is None or unit_price is None or comparison(content[1]) is None:
            return None
        amount = content[0] * comparison(content[1])[1]
        if amount <= 0:
            return None
        return (unit_price / amount).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)

    def _content(self) -> tuple[Decimal, str] | None:
        if self.content_quantity is not None and self.content_unit:
            return self.content_quantity, self.content_unit
        # Loose goods sold per kg or per litre are their own content.
        if comparison(self.orderable_unit):
            return Decimal(1), self.orderable_unit
        return None


@dataclass(slots=True)
class Party:
    endpoint_id: str | None = None
    endpoint_scheme: str | None = None
    name: str | None = None
    company_id: str | None = None
    ids: list[tuple[str | None, str]] = field(default_factory=list)


@dataclass(slots=True)
class CatalogueHeader:
    """What the file says about itself. CSV/XLSX fill the first block, UBL the second."""

    format: str
    encoding: str | None = None
    delimiter: str | None = None
    decimal_mark: str | None = None
    sheet: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    unmapped_columns: list[str] = field(default_factory=list)

    document_type: str | None = None
    syntax: str | None = None
    customization_id: str | None = None
    profile_id: str | None = None
    catalogue_id: str | None = None
    name: str | None = None
    version_id: str | None = None
    issue_date: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    action: str | None = None
    contract_id: str | None = None
    related_catalogue_id: str | None = None
    deleted_catalogue_id: str | None = None
    provider: Party | None = None
    receiver: Party | None = None
    seller: Party | None = None
    seller_cvr: str | None = None
    errors: list[LineError] = field(default_factory=list)


@dataclass(slots=True)
class ReadSummary:
    """Counts after a read. Every line counts once: accepted + rejected == lines_read; `errors` counts
    problems, so one rejected line can add several."""

    lines_read: int = 0
    accepted: int = 0
    rejected: int = 0
    errors: int = 0
    by_code: dict[str, int] = field(default_factory=dict)
