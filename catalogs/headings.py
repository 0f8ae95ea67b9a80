"""The column headings Danish and English supplier files use, and how a heading is recognised.

Headings are compared case- and accent-insensitively with punctuation ignored, so "Vare nr.", "VARENR" and
"Varenr" are one heading.
"""

import re
import unicodedata

ALIASES: dict[str, list[str]] = {
    "supplier_item_number": [
        "Varenr",
        "Varenummer",
        "Vare nr",
        "Lev varenr",
        "Leverandørvarenummer",
        "Leverandør varenr",
        "Leverandørvarenr",
        "SKU",
        "Item number",
        "Item no",
        "Item ID",
        "Supplier item number",
        "Supplier part number",
        "Supplier part ID",
        "Artikelnummer",
        "Art nr",
        "Article number",
        "Produktnummer",
        "Product number",
        "Product ID",
        "Varekode",
        "Sellers item ID",
    ],
    "gtin": [
        "EAN",
        "GTIN",
        "EAN-nummer",
        "EAN nr",
        "EAN-kode",
        "EAN13",
        "GTIN-13",
        "GTIN-14",
        "Stregkode",
        "Barcode",
        "UPC",
    ],
    "name": [
        "Varenavn",
        "Navn",
        "Name",
        "Produktnavn",
        "Product name",
        "Item name",
        "Betegnelse",
        "Varebetegnelse",
        "Varetekst",
        "Titel",
        "Title",
    ],
    "description": [
        "Beskrivelse",
        "Description",
        "Lang beskrivelse",
        "Long description",
        "Produktbeskrivelse",
        "Varebeskrivelse",
        "Product description",
    ],
    "brand": ["Mærke", "Brand", "Varemærke", "Brand name", "Mærkenavn"],
    "manufacturer": ["Producent", "Fabrikant", "Manufacturer", "Producentnavn", "Manufacturer name"],
    "manufacturer_item_number": [
        "Producentvarenr",
        "Producentvarenummer",
        "Producent varenr",
        "Producentnummer",
        "Fabrikantvarenr",
        "Fabrikant varenr",
        "Fabrikantnummer",
        "MPN",
        "Part number",
        "Manufacturer part number",
        "Manufacturer item number",
        "Mfr part number",
    ],
    "unspsc": ["UNSPSC", "UNSPSC kode", "UNSPSC code", "UNSPSC-kode"],
    "unit": [
        "Enhed",
        "Unit",
        "Salgsenhed",
        "Enhedskode",
        "Unit code",
        "UOM",
        "Unit of measure",
        "Ordreenhed",
        "Bestillingsenhed",
        "Orderable unit",
        "Sales unit",
    ],
    "content": [
        "Indhold",
        "Content",
        "Pakningsstørrelse",
        "Pack size",
        "Nettoindhold",
        "Net content",
        "Pakning",
    ],
    "content_unit": ["Indholdsenhed", "Content unit"],
    "price": [
        "Pris",
        "Price",
        "Nettopris",
        "Net price",
        "Enhedspris",
        "Unit price",
        "Pris ekskl moms",
        "Pris ex moms",
        "Pris DKK",
        "Salgspris",
        "Aftalepris",
        "Kontraktpris",
    ],
    "base_quantity": ["Prisenhed", "Pris pr", "Base quantity", "Price per", "Prisantal", "Pris pr antal"],
    "currency": ["Valuta", "Currency", "Valutakode", "Currency code"],
    "vat_rate": ["Moms", "VAT", "Momssats", "Momsprocent", "Moms %", "VAT rate", "VAT %", "Tax rate"],
    "valid_from": ["Gyldig fra", "Valid from", "Startdato", "Start date", "Fra dato", "Pris gyldig fra"],
    "valid_to": [
        "Gyldig til",
        "Valid to",
        "Slutdato",
        "End date",
        "Til dato",
        "Udløbsdato",
        "Pris gyldig til",
    ],
    "minimum_order_quantity": [
        "Min antal",
        "MOQ",
        "Minimumskøb",
        "Minimum order quantity",
        "Min ordre",
        "Mindste antal",
        "Minimumsantal",
        "Min køb",
        "Minimum quantity",
    ],
    "order_increment": [
        "Antal pr kolli",
        "Increment",
        "Order increment",
        "Order quantity increment",
        "Kolli",
        "Bestillingsinterval",
    ],
    "lead_time_days": ["Leveringstid", "Lead time", "Lead time days", "Leveringstid dage", "Levering dage"],
    "image_url": [
        "Billede",
        "Image",
        "Billed-URL",
        "Billede URL",
        "Image URL",
        "Billedlink",
        "Picture",
        "Foto",
    ],
    "labels": ["Mærker", "Labels", "Miljømærker", "Miljømærke", "Mærkning", "Eco labels", "Ecolabels"],
    "certificates": ["Certifikater", "Certificates", "Certificering", "Certificeringer"],
    "keywords": ["Søgeord", "Keywords", "Nøgleord", "Search words", "Tags"],
    "action": ["Handling", "Action", "Aktion", "Action code", "Ændringskode"],
    "orderable_unit_factor_rate": ["Omregningsfaktor", "Orderable unit factor", "Unit factor"],
}


def heading_key(heading: str) -> str:
    text = heading.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", text)


_BY_KEY = {heading_key(alias): name for name, aliases in ALIASES.items() for alias in aliases}


def recognise(heading: str) -> str | None:
    """The field a heading stands for; a parenthesised suffix such as "Pris (DKK)" is ignored if need be."""
    return _BY_KEY.get(heading_key(heading)) or _BY_KEY.get(heading_key(re.sub(r"\(.*?\)", "", heading)))
