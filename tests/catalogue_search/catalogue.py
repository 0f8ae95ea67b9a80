"""A small Danish fixture catalogue, written straight into catalogue_version and catalogue_item rows."""

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from app.models import Agreement, CatalogueItem, CatalogueVersion, Supplier, VersionStatus
from app.models.base import utcnow

# (supplier item number, name, unit price, UNSPSC, labels, extra fields)
ITEMS = [
    ("NM-1001", "Hvedemel 1 kg", "12.50", "50221101", "Ø-mærket", {"brand": "Nordmølle", "gtin": "5701234000011"}),
    ("NM-1002", "Hvedemel økologisk 2 kg", "24.00", "50221101", "Ø-mærket", {"brand": "Nordmølle"}),
    ("NM-1003", "Rugmel 1 kg", "14.00", "50221101", "", {"brand": "Nordmølle"}),
    ("NM-1004", "Hvedekerner 1 kg", "18.00", "50221101", "", {"brand": "Nordmølle"}),
    ("NM-1005", "Melis 1 kg", "15.00", "50161509", "", {}),
    ("NM-1006", "Havregryn 1 kg", "12.00", "50221102", "Nøglehulsmærket", {}),
    ("FM-2001", "Sødmælk 1 l", "11.95", "50131701", "", {"brand": "Fynsk Mejeri"}),
    ("FM-2002", "Letmælk 1 l", "10.95", "50131701", "Nøglehulsmærket", {"brand": "Fynsk Mejeri"}),
    ("FM-2003", "Havremælk 1 l", "19.00", "50131701", "Ø-mærket", {}),
    ("FM-2004", "Mælkechokolade 100 g", "15.00", "50161813", "Fairtrade", {}),
    ("FM-2005", "Smør 250 g", "22.00", "50131702", "Ø-mærket", {"description": "Dansk smør, let saltet"}),
    ("FM-2006", "Smørrebrødspapir 500 ark", "49.00", "14111703", "", {}),
    ("GG-3001", "Økologiske æg 10 stk", "39.00", "50131600", "Ø-mærket", {"brand": "Grøn Gård"}),
    ("GG-3002", "Æggebakker af pap 30 stk", "45.00", "24121500", "", {}),
    ("GG-3003", "Ægte vanilje 2 stænger", "49.00", "50171800", "", {}),
    ("GG-3004", "Æblejuice 1 l", "18.00", "50202304", "Ø-mærket", {}),
    ("GG-3005", "Æbler Ingrid Marie 1 kg", "25.00", "50301500", "", {}),
    ("KK-4001", "Kaffebønner 1 kg", "149.00", "50201706", "Fairtrade|Ø-mærket",
     {"description": "Hele bønner, mellemristet", "brand": "Kaffekompagniet"}),
    ("KK-4002", "Formalet kaffe 500 g", "65.00", "50201706", "Fairtrade",
     {"description": "Malet af udvalgte bønner", "brand": "Kaffekompagniet"}),
    ("KK-4003", "Kaffefiltre nr. 4 100 stk", "19.00", "52151700", "Svanemærket", {}),
    ("KK-4004", "Kaffefilter permanent", "89.00", "52151700", "", {}),
    ("KK-4005", "Kaffekapsler 50 stk", "99.00", "50201706", "", {}),
    ("KK-4006", "Grøn te 20 breve", "29.00", "50201712", "Ø-mærket", {}),
    ("MD-5001", "Rugbrød 1 kg", "28.00", "50181901", "", {}),
    ("MD-5002", "Rapsolie 1 l", "25.00", "50151513", "", {}),
    ("MD-5003", "Gulerødder 1 kg", "10.00", "50405600", "Ø-mærket", {}),
    ("MD-5004", "Hakkede tomater 400 g", "7.50", "50461800", "", {}),
    ("MD-5005", "Laksefilet 500 g", "129.00", "50121539", "MSC", {}),
    ("MD-5006", "Kyllingebryst 1 kg", "89.00", "50112000", "", {}),
    ("RX-6001", "Hårshampoo 250 ml", "35.00", "53131628", "Svanemærket", {}),
    ("RX-6002", "Hårbalsam 250 ml", "39.00", "53131628", "", {}),
    ("RX-6003", "Håndsæbe 500 ml", "24.00", "53131608", "Svanemærket", {}),
    ("RX-6004", "Gulvsæbe 1 l", "32.00", "47131801", "Svanemærket", {}),
    ("RX-6005", "Opvaskemiddel 1 l", "21.00", "47131810", "Svanemærket", {}),
    ("RX-6006", "Toiletpapir 2-lags 64 rl", "189.00", "14111704", "Svanemærket|FSC", {}),
    ("RX-6007", "Nitrilhandsker str. M 100 stk", "59.00", "42132203", "", {}),
    ("RX-6008", "Affaldssække 60 l 50 stk", "45.00", "47121701", "", {}),
    ("RX-6009", "Mikrofiberklud 10 stk", "69.00", "47131502", "", {}),
    ("PH-7001", "Kopipapir A4 80 g 500 ark", "42.00", "14111507", "FSC|Svanemærket", {}),
    ("PEN10", "Kuglepen blå 10 stk", "35.00", "44121701", "", {}),
    ("PH-7003", "Hæftemaskine", "129.00", "44121615", "", {}),
    ("PH-7004", "Hæfteklammer 24/6 1000 stk", "12.00", "44122107", "", {}),
    ("PH-7005", "Ringbind A4 sort", "19.00", "44122003", "", {}),
    ("PH-7006", "Whiteboard marker 4 stk", "45.00", "44121708", "", {}),
    ("PH-7007", "Kuverter C5 500 stk", "199.00", "44121506", "FSC", {}),
    ("PH-7008", "Egetræsbord 160 x 80 cm", "4500.00", "56101700", "", {}),
    ("PH-7009", "Kontorstol ergonomisk", "2500.00", "56101500", "", {}),
    ("PH-7010", "Toner sort 305A", "899.00", "44103103", "",
     {"manufacturer": "HP", "manufacturer_item_number": "CE410A"}),
    ("DN-8001", 'Bærbar PC 14" 16 GB', "8999.00", "43211503", "TCO Certified", {}),
    ("DN-8002", "Stationær PC", "6500.00", "43211507", "TCO Certified", {}),
    ("DN-8003", 'Skærm 24"', "1299.00", "43211902", "TCO Certified", {}),
    ("DN-8004", 'Skærm 27"', "2499.00", "43211902", "TCO Certified", {}),
    ("DN-8005", "Tastatur dansk", "299.00", "43211706", "", {}),
    ("DN-8006", "Trådløs mus", "199.00", "43211708", "", {}),
    ("DN-8007", "Dockingstation USB-C", "1499.00", "43211602", "", {}),
    ("DN-8008", "PC-udstyr startpakke", "899.00", "43211500", "", {}),
    ("DN-8009", "DEP-tilmelding", "95.00", "81111811", "", {"description": "Tilmelding af enhed til Apple DEP"}),
    ("DN-8010", "Gravering af logo", "120.00", "82121908", "", {}),
    ("DN-8011", "Image-installation", "300.00", "81111811", "", {}),
]


@dataclass(frozen=True)
class Spec:
    number: str
    name: str
    price: str
    unspsc: str | None = None
    labels: str = ""
    extra: dict | None = None


def add_version(db: Session, agreement: Agreement, supplier: Supplier, specs: list[tuple], *, number: int = 1,
                status: VersionStatus = VersionStatus.active) -> CatalogueVersion:
    version = CatalogueVersion(
        supplier_id=supplier.id, agreement_id=agreement.id, number=number, status=status,
        source_name=f"katalog-{number}.csv", source_format="csv", uploaded_by_label="test", created_at=utcnow(),
        activated_at=utcnow() if status == VersionStatus.active else None, item_count=len(specs),
    )
    db.add(version)
    db.flush()
    for line, raw in enumerate(specs, start=1):
        spec = Spec(*raw)
        price = Decimal(spec.price)
        db.add(CatalogueItem(
            version_id=version.id, line_number=line, supplier_item_number=spec.number, name=spec.name,
            unspsc=spec.unspsc, orderable_unit="EA", price=price, base_quantity=Decimal(1), unit_price=price,
            comparison_price=price * 2 if line % 3 else None, comparison_unit="KGM" if line % 3 else None,
            currency="DKK", vat_rate=Decimal("25.00"), labels=spec.labels or None, **(spec.extra or {}),
        ))
    db.flush()
    return version
