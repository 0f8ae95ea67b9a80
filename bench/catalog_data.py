"""A deterministic, realistic Danish e-catalogue for benchmarks: food, office goods, cleaning, IT and IT
services.

The same seed always gives the same bytes. Items are written one at a time, so a million lines never sit in
memory. Item numbers and GTINs are pure functions of (seed, index), which lets `queries` point at real items
without generating the catalogue.

    python bench/catalog_data.py csv out.csv --items 1000000
    python bench/catalog_data.py ubl out.xml --items 100000 --seed 7
    python bench/catalog_data.py queries queries.json
"""

import argparse
import csv
import json
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

# (name, contents, unit, price per unit range in DKK, commodity code, labels it may carry)
FOOD = [
    ("Hvedemel", ["1 kg", "2 kg", "25 kg"], "pose", (9, 180), "50221101", ["Ø-mærket", "Nøglehulsmærket"]),
    ("Rugmel", ["1 kg", "2 kg"], "pose", (11, 40), "50221101", ["Ø-mærket", "Nøglehulsmærket"]),
    ("Havregryn", ["500 g", "1 kg"], "pakke", (8, 30), "50221102", ["Ø-mærket", "Nøglehulsmærket"]),
    ("Sødmælk", ["1 l", "6 x 1 l"], "stk", (11, 80), "50131701", ["Ø-mærket"]),
    ("Letmælk", ["1 l", "6 x 1 l"], "stk", (10, 75), "50131701", ["Ø-mærket", "Nøglehulsmærket"]),
    ("Smør", ["250 g", "500 g"], "stk", (18, 45), "50131702", ["Ø-mærket"]),
    ("Økologisk æg", ["10 stk", "30 stk"], "bakke", (30, 95), "50131600", ["Ø-mærket"]),
    ("Kaffebønner", ["500 g", "1 kg"], "pose", (60, 190), "50201706", ["Fairtrade", "Ø-mærket"]),
    ("Formalet kaffe", ["400 g", "500 g"], "pose", (40, 90), "50201706", ["Fairtrade", "Ø-mærket"]),
    ("Rugbrød", ["1 kg", "500 g"], "stk", (20, 40), "50181901", ["Nøglehulsmærket", "Ø-mærket"]),
    ("Rapsolie", ["1 l", "5 l"], "flaske", (25, 120), "50151513", ["Ø-mærket"]),
    ("Æbler", ["1 kg", "2 kg"], "pose", (15, 45), "50301500", ["Ø-mærket"]),
    ("Æblejuice", ["1 l", "6 x 1 l"], "stk", (14, 90), "50202304", ["Ø-mærket"]),
    ("Gulerødder", ["1 kg", "5 kg"], "pose", (8, 40), "50405600", ["Ø-mærket"]),
    ("Kartofler", ["2 kg", "10 kg"], "sæk", (15, 70), "50407100", ["Ø-mærket"]),
    ("Hakkede tomater", ["400 g", "2,5 kg"], "dåse", (6, 45), "50461800", ["Ø-mærket"]),
    ("Pasta penne", ["500 g", "3 kg"], "pose", (10, 70), "50192600", ["Ø-mærket", "Nøglehulsmærket"]),
    ("Laksefilet", ["1 kg", "500 g"], "pakke", (120, 260), "50121539", ["MSC", "ASC"]),
    ("Torskefilet", ["1 kg"], "pakke", (110, 220), "50121537", ["MSC"]),
    ("Grøn te", ["20 stk", "100 stk"], "æske", (20, 110), "50201712", ["Fairtrade", "Ø-mærket"]),
]
OFFICE = [
    ("Kopipapir A4 80 g", ["500 ark", "2500 ark"], "pakke", (35, 190), "14111507", ["FSC", "Svanemærket"]),
    ("Kuglepen", ["10 stk", "50 stk"], "æske", (25, 160), "44121701", ["Svanemærket"]),
    ("Hæftemaskine", [], "stk", (45, 300), "44121615", []),
    ("Hæfteklammer 24/6", ["1000 stk", "5000 stk"], "æske", (8, 40), "44122107", []),
    ("Notesblok A5 linjeret", ["10 stk"], "pakke", (40, 120), "14111514", ["FSC", "Svanemærket"]),
    ("Ringbind A4", [], "stk", (15, 60), "44122003", ["Svanemærket"]),
    ("Whiteboard marker", ["4 stk", "10 stk"], "pakke", (30, 110), "44121708", ["Svanemærket"]),
    ("Kuverter C5", ["500 stk"], "æske", (90, 250), "44121506", ["FSC", "Svanemærket"]),
    ("Blyant HB", ["12 stk"], "æske", (20, 70), "44121706", ["FSC"]),
    ("Toner sort", [], "stk", (350, 1500), "44103103", ["Blå Engel"]),
]
CLEANING = [
    ("Håndsæbe", ["500 ml", "5 l"], "flaske", (20, 180), "53131608", ["Svanemærket", "EU Ecolabel"]),
    ("Opvaskemiddel", ["1 l", "5 l"], "flaske", (20, 150), "47131810", ["Svanemærket", "EU Ecolabel"]),
    ("Gulvsæbe", ["1 l", "5 l"], "dunk", (25, 170), "47131801", ["Svanemærket"]),
    ("Toiletpapir 2-lags", ["64 rl"], "sæk", (150, 320), "14111704", ["Svanemærket", "FSC"]),
    ("Køkkenrulle", ["32 rl"], "sæk", (120, 280), "14111703", ["Svanemærket"]),
    ("Affaldssække 60 l", ["50 stk", "250 stk"], "rulle", (30, 200), "47121701", ["Blå Engel"]),
    ("Mikrofiberklud", ["10 stk"], "pakke", (40, 120), "47131502", []),
    ("Nitrilhandsker str. M", ["100 stk"], "æske", (35, 90), "42132203", []),
    ("Hånddesinfektion", ["500 ml", "5 l"], "flaske", (30, 260), "53131626", ["Svanemærket"]),
    ("Håndklædeark", ["3000 stk"], "kasse", (180, 420), "14111703", ["Svanemærket", "EU Ecolabel"]),
]
IT = [
    ('Bærbar PC 14"', [], "stk", (5500, 16000), "43211503", ["TCO Certified", "Energy Star"]),
    ("Stationær PC", [], "stk", (4500, 12000), "43211507", ["TCO Certified", "Energy Star"]),
    ('Skærm 24"', [], "stk", (900, 2400), "43211902", ["TCO Certified", "Energy Star"]),
    ('Skærm 27"', [], "stk", (1400, 4200), "43211902", ["TCO Certified", "Energy Star"]),
    ("Tastatur dansk", [], "stk", (120, 900), "43211706", []),
    ("Trådløs mus", [], "stk", (90, 700), "43211708", []),
    ("Dockingstation USB-C", [], "stk", (900, 2900), "43211602", ["TCO Certified"]),
    ("Headset med mikrofon", [], "stk", (300, 2200), "43211905", ["TCO Certified"]),
]
SERVICES = [
    ("DEP-tilmelding", "stk", (50, 150), "81111811"),
    ("Gravering af logo", "stk", (60, 200), "82121908"),
    ("Image-installation", "stk", (150, 450), "81111811"),
    ("Opsætning af arbejdsplads", "time", (650, 1100), "81111811"),
    ("Bortskaffelse af IT-udstyr", "stk", (80, 300), "76121900"),
]
BRANDS = {
    "food": ["Nordmølle", "Fynsk Mejeri", "Kaffekompagniet", "Grøn Gård", "Vestkyst Fisk", "Solmark"],
    "office": ["Skrivo", "Arkivex", "Papirhuset", "Blækfabrikken"],
    "cleaning": ["Rentex", "Skumma", "Hygiejnia", "Klar"],
    "it": ["Datanord", "Skærmland", "Tastaro", "Klikk"],
}
VARIANTS = {
    "food": ["", "", "økologisk", "fintmalet", "glutenfri", "dansk"],
    "office": ["", "blå", "sort", "rød", "genbrugsmateriale"],
    "cleaning": ["", "uden parfume", "koncentreret", "allergivenlig"],
    "it": ["", "16 GB", "32 GB", "sort", "sølv"],
}
COLUMNS = (
    "Varenr;EAN;Varenavn;Beskrivelse;Mærke;Producent;UNSPSC;Enhed;Indhold;Pris;Prisenhed;Valuta;Moms;"
    "Gyldig fra;Gyldig til;Min. antal;Leveringstid;Billede;Mærker;Søgeord"
).split(";")
SERVICE_EVERY = 50
BROAD_WORDS = "mel kaffe papir sæbe skærm pc handsker mælk smør æg te toner juice pen".split()
TYPOS = "hvedmel kafebønner kopipair smøør tolietpapir nitrilhandker skræm håndsæbbe rugmell".split()
# How people type æ, ø and å on a keyboard without them.
ASCII_FORMS = "smor|smoer|oekologisk|okologisk|aeble|aebler|haandsaebe|kaffebonner|sodmaelk|baerbar pc".split(
    "|"
)


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    kind: str
    expected_item: str | None = None


def item_number(seed: int, index: int) -> str:
    # 7919 is coprime to 10, so the mapping is one-to-one for the first hundred million indices.
    return f"V{(index * 7919 + seed * 104729) % 10**8:08d}"


def gtin(seed: int, index: int) -> str | None:
    if index % SERVICE_EVERY == SERVICE_EVERY - 1:
        return None
    body = f"57{(index * 9973 + seed * 7) % 10**10:010d}"
    return body + str(_check_digit(body))


def _check_digit(body: str) -> int:
    """GS1 check digit as in catalogs.gs1, done with C-level sums: the generic one is a third of the run time.
    The tests check every generated GTIN with catalogs.gs1.is_valid_gs1."""
    return (10 - (3 * sum(map(int, body[-1::-2])) + sum(map(int, body[-2::-2]))) % 10) % 10


def items(n: int, seed: int) -> Iterator[dict]:
    rng = random.Random(seed)
    draw = rng.random  # indexing with random() is several times cheaper than choice() for a million items
    groups = [("food", FOOD), ("office", OFFICE), ("cleaning", CLEANING), ("it", IT)]
    for index in range(n):
        number, code = item_number(seed, index), gtin(seed, index)
        if code is None:
            name, unit, (low, high), unspsc = SERVICES[int(draw() * len(SERVICES))]
            yield {
                "number": number,
                "gtin": None,
                "name": name,
                "brand": None,
                "unit": unit,
                "content": None,
                "price": _price(draw(), low, high),
                "unspsc": unspsc,
                "labels": [],
                "lead": 5,
                "moq": 1,
                "description": f"{name} udført af certificeret tekniker.",
                "keywords": ["service", "it"],
            }
            continue
        group, products = groups[int(draw() * 4)]
        name, contents, unit, (low, high), unspsc, labels = products[int(draw() * len(products))]
        variants, brands = VARIANTS[group], BRANDS[group]
        variant, brand = variants[int(draw() * len(variants))], brands[int(draw() * len(brands))]
        content = contents[int(draw() * len(contents))] if contents else None
        chosen = [label for label in labels if draw() < 0.4]
        if variant == "økologisk" and "Ø-mærket" not in chosen:
            chosen.append("Ø-mærket")
        full = (
            f"{name} {variant} {content}"
            if variant and content
            else f"{name} {variant or content or ''}".rstrip()
        )
        description = f"{full} fra {brand}."
        if index % 97 == 0:
            description += '\nLeveres på palle; "kan ikke deles".'
        yield {
            "number": number,
            "gtin": code,
            "name": full,
            "brand": brand,
            "unit": unit,
            "content": content,
            "price": _price(draw(), low, high),
            "unspsc": unspsc,
            "labels": chosen,
            "lead": _LEADS[int(draw() * 4)],
            "moq": _MOQS[int(draw() * 5)],
            "description": description,
            "keywords": [group, name.split()[0]],
        }


def write_csv(path: str | Path, n: int = 1_000_000, seed: int = 42) -> None:
    """Semicolon CSV in UTF-8 with Danish decimal commas, the way a Danish Excel exports it."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        writer.writerow(COLUMNS)
        for item in items(n, seed):
            writer.writerow(_csv_row(item))


def write_ubl(path: str | Path, n: int = 1_000_000, seed: int = 42) -> None:
    """A Peppol BIS Catalogue 3 document with one CatalogueLine per item."""
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(_UBL_HEAD.format(id=f"BENCH-{seed}"))
        for index, item in enumerate(items(n, seed), start=1):
            out.write(_ubl_line(index, item))
        out.write("</Catalogue>\n")


def queries(n: int = 200, seed: int = 42, items_in_catalogue: int = 1_000_000) -> list[Query]:
    """A deterministic mix of search queries, tagged by class, cycling through every class."""
    rng = random.Random(seed + 1)
    goods = FOOD + OFFICE + CLEANING + IT
    food = {product[0] for product in FOOD}

    def narrow() -> Query:
        name, contents, *_ = rng.choice(goods)
        organic = "økologisk " if name in food and rng.random() < 0.3 else ""
        return Query(f"{organic}{name.lower()} {contents[0] if contents else ''}".strip(), "narrow")

    makers = {
        "narrow": narrow,
        "broad": lambda: Query(rng.choice(BROAD_WORDS), "broad"),
        "prefix": lambda: Query(rng.choice(goods)[0].lower().split()[0][: rng.randint(3, 6)], "prefix"),
        "item_number": lambda: _exact(rng, seed, items_in_catalogue, item_number, "item_number"),
        "gtin": lambda: _exact(rng, seed, items_in_catalogue, gtin, "gtin"),
        "typo": lambda: Query(rng.choice(TYPOS), "typo"),
        "ascii": lambda: Query(rng.choice(ASCII_FORMS), "ascii"),
    }
    kinds = list(makers)
    return [makers[kinds[i % len(kinds)]]() for i in range(max(n, 0))]


def _exact(rng: random.Random, seed: int, count: int, make, kind: str) -> Query:
    while True:
        index = rng.randrange(max(count, 1))
        value = make(seed, index)
        if value:
            return Query(value, kind, item_number(seed, index))


def _price(fraction: float, low: int, high: int) -> str:
    return f"{low + (high - low) * fraction:.2f}"


_LEADS = (1, 2, 3, 5)
_MOQS = (1, 1, 1, 2, 5)
_CSV_FIXED = ("1", "DKK", "25", "2025-01-01", "2026-12-31")
# Peppol takes package units as UN/ECE Rec 21 codes with an X prefix.
_PEPPOL_UNITS = dict(
    pair.split("=")
    for pair in "stk=EA time=HUR pose=XBG pakke=XPK æske=XBX flaske=XBO bakke=XPU dåse=XCA sæk=XSA kasse=XCS "
    "rulle=XRO dunk=XCI".split()
)
_CONTENT_CODES = {"kg": "KGM", "g": "GRM", "l": "LTR", "ml": "MLT", "stk": "C62", "ark": "C62", "rl": "XRO"}


def _csv_row(item: dict) -> list:
    brand, price = item["brand"] or "", item["price"].replace(".", ",")
    head = [item["number"], item["gtin"] or "", item["name"], item["description"], brand, brand]
    middle = [
        item["unspsc"],
        item["unit"],
        item["content"] or "",
        price,
        *_CSV_FIXED,
        item["moq"],
        item["lead"],
    ]
    image = f"https://billeder.example.dk/{item['number']}.jpg"
    return [*head, *middle, image, ", ".join(item["labels"]), ", ".join(item["keywords"])]


def _ubl_line(index: int, item: dict) -> str:
    unit = _PEPPOL_UNITS[item["unit"]]
    parts = [
        f"<cac:CatalogueLine><cbc:ID>{index}</cbc:ID><cbc:ActionCode>Add</cbc:ActionCode>",
        f"<cbc:OrderableUnit>{unit}</cbc:OrderableUnit>",
    ]
    if item["content"]:
        quantity, word = item["content"].replace(",", ".").split(" x ")[-1].split()
        count = int(item["content"].split(" x ")[0]) if " x " in item["content"] else 1
        code = _CONTENT_CODES[word]
        parts.append(
            f'<cbc:ContentUnitQuantity unitCode="{code}">{_num(quantity, count)}</cbc:ContentUnitQuantity>'
        )
    parts.append(f"<cbc:MinimumOrderQuantity>{item['moq']}</cbc:MinimumOrderQuantity>")
    parts.append(
        f'<cac:RequiredItemLocationQuantity><cbc:LeadTimeMeasure unitCode="DAY">{item["lead"]}'
        "</cbc:LeadTimeMeasure><cac:Price>"
        f'<cbc:PriceAmount currencyID="DKK">{item["price"]}</cbc:PriceAmount>'
        f'<cbc:BaseQuantity unitCode="{unit}">1</cbc:BaseQuantity></cac:Price>'
        "</cac:RequiredItemLocationQuantity><cac:Item>"
    )
    parts.append(
        f"<cbc:Description>{escape(item['description'])}</cbc:Description>"
        f"<cbc:Name>{escape(item['name'])}</cbc:Name>"
    )
    parts += [f"<cbc:Keyword>{escape(k)}</cbc:Keyword>" for k in item["keywords"]]
    if item["brand"]:
        parts.append(f"<cbc:BrandName>{escape(item['brand'])}</cbc:BrandName>")
    parts.append(
        f"<cac:SellersItemIdentification><cbc:ID>{item['number']}</cbc:ID></cac:SellersItemIdentification>"
    )
    if item["gtin"]:
        parts.append(
            f'<cac:StandardItemIdentification><cbc:ID schemeID="0160">{item["gtin"]}</cbc:ID>'
            "</cac:StandardItemIdentification>"
        )
    parts.append(
        f'<cac:CommodityClassification><cbc:ItemClassificationCode listID="TST">{item["unspsc"]}'
        "</cbc:ItemClassificationCode></cac:CommodityClassification>"
    )
    parts += [
        f"<cac:Certificate><cbc:ID>{escape(label)}</cbc:ID>"
        "<cbc:CertificateTypeCode>NA</cbc:CertificateTypeCode>"
        f"<cbc:CertificateType>{escape(label)}</cbc:CertificateType></cac:Certificate>"
        for label in item["labels"]
    ]
    parts.append(
        "<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>"
        "VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item></cac:CatalogueLine>\n"
    )
    return "".join(parts)


def _num(quantity: str, count: int) -> str:
    return format((Decimal(quantity) * count).normalize(), "f")


_UBL_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<Catalogue xmlns="urn:oasis:names:specification:ubl:schema:xsd:Catalogue-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:catalogue:3</cbc:CustomizationID>
<cbc:ProfileID>urn:fdc:peppol.eu:poacc:bis:catalogue_only:3</cbc:ProfileID>
<cbc:ID>{id}</cbc:ID>
<cbc:ActionCode>Replace</cbc:ActionCode>
<cbc:IssueDate>2025-01-01</cbc:IssueDate>
<cac:ValidityPeriod>
<cbc:StartDate>2025-01-01</cbc:StartDate><cbc:EndDate>2026-12-31</cbc:EndDate>
</cac:ValidityPeriod>
<cac:ReferencedContract><cbc:ID>SKI-50.40</cbc:ID></cac:ReferencedContract>
<cac:ProviderParty><cbc:EndpointID schemeID="0184">12345674</cbc:EndpointID>
<cac:PartyName><cbc:Name>Benchmark Grossist A/S</cbc:Name></cac:PartyName></cac:ProviderParty>
<cac:ReceiverParty><cbc:EndpointID schemeID="0088">5798000000001</cbc:EndpointID>
<cac:PartyName><cbc:Name>Eksempel Kommune</cbc:Name></cac:PartyName></cac:ReceiverParty>
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["csv", "ubl", "queries"])
    parser.add_argument("out", help="output file")
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args(argv)
    if args.kind == "csv":
        write_csv(args.out, args.items, args.seed)
    elif args.kind == "ubl":
        write_ubl(args.out, args.items, args.seed)
    else:
        found = queries(args.queries, args.seed, args.items)
        Path(args.out).write_text(
            json.dumps([asdict(q) for q in found], ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
