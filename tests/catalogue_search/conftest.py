"""A municipality that has joined two agreements (a third it has not), with active, superseded and draft
catalogue versions, all indexed through `index_version`."""

from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from app.auth.principal import Principal
from app.catalogue.search import SearchParams, SearchResult, index_version, search
from app.models import Agreement, CatalogueVersion, Municipality, Role, Supplier, VersionStatus
from tests.catalogue_search.catalogue import ITEMS, add_version
from tests.factories import make_agreement, make_municipality, make_supplier, make_user

OTHER_SUPPLIER_ITEMS = [
    ("B-1", "Hvedemel 1 kg", "9.95", "50221101", "", {"brand": "Møllen"}),
    ("B-2", "Kopipapir A4 80 g 2500 ark", "179.00", "14111507", "FSC", {}),
]
NOT_JOINED_ITEMS = [("C-1", "Safran hvedemel 1 kg", "1.00", "50221101", "", {})]
SUPERSEDED_ITEMS = [("A-OLD", "Forældet rugmel 1 kg", "1.00", "50221101", "", {})]
DRAFT_ITEMS = [("A-NEW", "Udkast hvedemel 1 kg", "1.00", "50221101", "", {})]


@dataclass
class Shop:
    db: Session
    principal: Principal
    stranger: Principal
    main: Agreement
    other: Agreement
    hidden: Agreement
    supplier: Supplier
    other_supplier: Supplier
    active: CatalogueVersion
    superseded: CatalogueVersion

    def find(self, q: str = "", **options: object) -> SearchResult:
        return search(self.db, self.principal, SearchParams(q=q, **options))  # type: ignore[arg-type]

    def names(self, q: str, **options: object) -> list[str]:
        return [hit.name for hit in self.find(q, **options).items]

    def top(self, q: str, **options: object) -> str | None:
        names = self.names(q, **options)
        return names[0] if names else None


@pytest.fixture
def shop(db: Session) -> Shop:
    town, elsewhere = make_municipality(db, "Søbjerg Kommune"), make_municipality(db, "Andeby Kommune")
    supplier, other_supplier = make_supplier(db, "Grossisten A/S"), make_supplier(db, "Møllehuset ApS")
    main = make_agreement(db, "50.80", supplier, joined_by=(town,))
    other = make_agreement(db, "50.81", other_supplier, joined_by=(town,))
    hidden = make_agreement(db, "50.99", other_supplier, joined_by=(elsewhere,))
    superseded = add_version(db, main, supplier, SUPERSEDED_ITEMS, number=1, status=VersionStatus.superseded)
    active = add_version(db, main, supplier, ITEMS, number=2)
    draft = add_version(db, main, supplier, DRAFT_ITEMS, number=3, status=VersionStatus.draft)
    versions = [active, add_version(db, other, other_supplier, OTHER_SUPPLIER_ITEMS),
                add_version(db, hidden, other_supplier, NOT_JOINED_ITEMS)]
    # A superseded version left in the index by mistake must still never be found; a draft is not indexed.
    for version in [superseded, *versions]:
        index_version(db, version.id)
    assert draft.id
    return Shop(db, _requisitioner(db, town), _requisitioner(db, elsewhere), main, other, hidden, supplier,
                other_supplier, active, superseded)


def _requisitioner(db: Session, town: Municipality) -> Principal:
    user = make_user(db, town, f"indkober@{town.id}.example", (Role.requisitioner, None))
    return Principal(user_id=user.id, email=user.email, name=user.name, municipality_id=town.id,
                     municipality_name=town.name, department_id=None, language="da",
                     coverage={Role.requisitioner: None})
