"""The demo catalogues: a few thousand items with Danish names, realistic prices, units, content and labels.

Written as supplier CSV files (semicolon, Danish decimal commas) and imported through the real import, so the demo
exercises the same path as a supplier's file.
"""

import random
from decimal import Decimal
from io import StringIO

from catalogs.gs1 import gs1_check_digit

# name, contents, unit, price range per unit, UNSPSC, labels it may carry
FOOD = [
    ("Hvedemel", ["1 kg", "2 kg", "25 kg"], "pose", (9, 160), "50221101", ["Ø-mærket", "Nøglehulsmærket"]),
    ("Rugmel", ["1 kg", "2 kg"], "pose", (11, 40), "50221101", ["Ø-mærket", "Nøglehulsmærket"]),
    ("Grahamsmel", ["1 kg"], "pose", (12, 30), "50221101", ["Ø-mærket"]),
    ("Æg", ["10 stk", "30 stk", "180 stk"], "bakke", (28, 420), "50131600", ["Ø-mærket"]),
    ("Salt", ["1 kg", "500 g"], "pakke", (5, 20), "50171551", []),
    ("Sukker", ["1 kg", "2 kg", "25 kg"], "pose", (9, 210), "50161509", []),
    ("Sødmælk", ["1 l", "6 x 1 l"], "stk", (11, 80), "50131701", ["Ø-mærket"]),
    ("Letmælk", ["1 l", "6 x 1 l"], "stk", (10, 75), "50131701", ["Ø-mærket", "Nøglehulsmærket"]),
    ("Rapsolie", ["1 l", "5 l"], "flaske", (22, 120), "50151513", ["Ø-mærket"]),
    ("Smør", ["250 g", "500 g"], "stk", (18, 45), "50131702", ["Ø-mærket"]),
    ("Havregryn", ["500 g", "1 kg"], "pakke", (8, 30), "50221102", ["Ø-mærket", "Nøglehulsmærket"]),
    ("Kaffebønner", ["500 g", "1 kg"], "pose", (60, 190), "50201706", ["Fairtrade", "Ø-mærket"]),
    ("Formalet kaffe", ["400 g", "500 g"], "pose", (40, 90), "50201706", ["Fairtrade", "Ø-mærket"]),
    ("Te, sort", ["100 stk"], "æske", (25, 70), "50201712", ["Fairtrade", "Ø-mærket"]),
    ("Rugbrød", ["1 kg", "500 g"], "stk", (20, 40), "50181901", ["Nøglehulsmærket", "Ø-mærket"]),
    ("Æbler", ["1 kg", "2 kg"], "pose", (15, 45), "50301500", ["Ø-mærket"]),
    ("Æblejuice", ["1 l", "6 x 1 l"], "stk", (14, 90), "50202304", ["Ø-mærket"]),
    ("Bananer", ["1 kg"], "kg", (12, 25), "50301600", ["Fairtrade", "Ø-mærket"]),
    ("Gulerødder", ["1 kg", "5 kg"], "pose", (8, 40), "50405600", ["Ø-mærket"]),
    ("Kartofler", ["2 kg", "10 kg"], "sæk", (15, 70), "50407100", ["Ø-mærket"]),
    ("Løg", ["1 kg", "5 kg"], "pose", (8, 35), "50407000", ["Ø-mærket"]),
    ("Hakkede tomater", ["400 g", "2,5 kg"], "dåse", (6, 45), "50461800", ["Ø-mærket"]),
    ("Pasta, fusilli", ["500 g", "5 kg"], "pose", (8, 90), "50192100", ["Ø-mærket", "Fuldkornsmærket"]),
    ("Ris, parboiled", ["1 kg", "5 kg"], "pose", (12, 85), "50221300", ["Ø-mærket"]),
    ("Hakket oksekød 8-12 %", ["500 g", "2 kg"], "bakke", (35, 190), "50112004", []),
    ("Kyllingebryst", ["1 kg", "2,5 kg"], "pose", (70, 260), "50112005", []),
    ("Laksefilet", ["1 kg"], "pose", (140, 240), "50121537", ["MSC", "ASC"]),
    ("Yoghurt naturel", ["1 l"], "stk", (12, 28), "50131703", ["Ø-mærket", "Nøglehulsmærket"]),
    ("Skyr", ["1 kg"], "stk", (20, 40), "50131703", ["Nøglehulsmærket"]),
    ("Ost, skiveskåret 30+", ["1 kg"], "pakke", (70, 130), "50131800", ["Nøglehulsmærket"]),
    ("Leverpostej", ["500 g"], "bakke", (15, 35), "50112000", []),
    ("Frosne ærter", ["1 kg", "2,5 kg"], "pose", (15, 60), "50451500", ["Ø-mærket"]),
    ("Bagepulver", ["100 g"], "pakke", (6, 15), "50181700", []),
    ("Vanillesukker", ["100 g"], "pakke", (8, 20), "50161509", ["Ø-mærket"]),
    ("Rosiner", ["500 g"], "pose", (15, 40), "50302400", ["Ø-mærket"]),
]
FOOD_BRANDS = ["Nordgaarden", "Kornkammeret", "Grøn Høst", "Engtoft", "Køkkenets Bedste", "Havbrugeren"]

OFFICE = [
    (
        "Kopipapir A4 80 g",
        ["500 ark", "2500 ark"],
        "pakke",
        (35, 180),
        "14111507",
        ["Svanemærket", "EU Ecolabel"],
    ),
    ("Kuglepen, blå", ["10 stk", "50 stk"], "æske", (25, 120), "44121704", []),
    ("Blyant HB", ["12 stk"], "æske", (15, 45), "44121706", ["FSC"]),
    ("Post-it-blok 76 x 76 mm", ["12 stk"], "pakke", (60, 140), "14111514", []),
    ("Ringbind A4, 2-rings", ["1 stk", "10 stk"], "stk", (15, 200), "44122003", ["Svanemærket"]),
    ("Hæftemaskine", ["1 stk"], "stk", (60, 250), "44121615", []),
    ("Tusch, whiteboard", ["4 stk"], "pakke", (30, 80), "44121708", []),
    ("Kuverter C5", ["500 stk"], "æske", (90, 220), "14111511", ["Svanemærket"]),
    ("Saks, 21 cm", ["1 stk"], "stk", (25, 90), "44121618", []),
    ("Tegnepapir A3", ["250 ark"], "pakke", (60, 160), "14111506", ["FSC"]),
    ("Farveblyanter", ["24 stk"], "æske", (30, 120), "44121706", []),
    ("Limstift", ["20 g"], "stk", (8, 25), "31201610", ["Svanemærket"]),
]
OFFICE_BRANDS = ["Skriveriet", "Kontorlinjen", "Papirhuset", "Nordpen"]

CLEANING = [
    (
        "Håndsæbe uden parfume",
        ["500 ml", "5 l"],
        "flaske",
        (15, 160),
        "53131608",
        ["Svanemærket", "Astma-Allergi"],
    ),
    ("Opvaskemiddel", ["1 l", "5 l"], "flaske", (15, 110), "47131811", ["Svanemærket", "EU Ecolabel"]),
    ("Køkkenrulle", ["4 rl", "24 rl"], "pakke", (20, 160), "14111703", ["Svanemærket"]),
    ("Toiletpapir", ["8 rl", "64 rl"], "pakke", (25, 290), "14111704", ["Svanemærket", "EU Ecolabel"]),
    ("Affaldssække 60 l", ["50 stk"], "rulle", (30, 80), "47121701", ["Blå Engel"]),
    ("Engangshandsker nitril, str. M", ["100 stk"], "æske", (40, 110), "42132203", []),
    ("Gulvsæbe", ["1 l", "5 l"], "dunk", (20, 140), "47131800", ["Svanemærket"]),
    ("Mikrofiberklud", ["10 stk"], "pakke", (40, 120), "47131500", []),
    ("Opvasketabs", ["100 stk"], "spand", (80, 220), "47131811", ["Svanemærket"]),
    ("Servietter, hvide", ["500 stk"], "pakke", (25, 70), "14111705", ["Svanemærket"]),
]
CLEANING_BRANDS = ["Renfix", "Skinne", "Nordrent", "Plejehuset"]

IT = [
    ('Bærbar PC 14" 16 GB RAM 512 GB SSD', "EA", (6500, 9800), "43211503", ["TCO Certified", "Energy Star"]),
    ('Bærbar PC 15,6" 32 GB RAM 1 TB SSD', "EA", (9000, 13800), "43211503", ["TCO Certified"]),
    ("Stationær PC, mini, 16 GB RAM", "EA", (5200, 8200), "43211507", ["TCO Certified", "Energy Star"]),
    ('Skærm 24" IPS', "EA", (1200, 2200), "43211902", ["TCO Certified", "Energy Star"]),
    ('Skærm 27" USB-C', "EA", (2200, 3900), "43211902", ["TCO Certified"]),
    ("Dockingstation USB-C", "EA", (1100, 2400), "43211603", []),
    ("Tastatur, dansk layout", "EA", (150, 650), "43211706", []),
    ("Mus, trådløs", "EA", (120, 450), "43211708", []),
    ("Headset med mikrofon", "EA", (300, 1400), "43211609", []),
    ('Tablet 10" 128 GB', "EA", (2800, 5200), "43211509", ["TCO Certified"]),
    ('Taske til bærbar 14"', "EA", (200, 500), "43191501", []),
]
IT_SERVICES = [
    ("DEP-tilmelding (Apple Business Manager)", "EA", (75, 150), "81111811"),
    ("Autopilot-registrering (Windows)", "EA", (75, 150), "81111811"),
    ("Gravering af navn og kommunelogo", "EA", (120, 250), "82121505"),
    ("Image-installation, kommunens standardimage", "EA", (250, 450), "81111811"),
    ("Asset-mærkning med stregkode", "EA", (25, 60), "81112306"),
    ("Levering og opsætning på arbejdsplads", "HUR", (450, 750), "81112306"),
]
IT_BRANDS = ["Nordtek", "Databox", "Kontorteknik", "Vikingdata"]


def _gtin(rng: random.Random) -> str:
    body = "57" + "".join(str(rng.randrange(10)) for _ in range(10))
    return body + str(gs1_check_digit(body))


def _price(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(str(round(rng.uniform(low, high), 2)))


def _csv(rows: list[list[str]]) -> bytes:
    out = StringIO()
    out.write("Varenr;EAN;Varenavn;Beskrivelse;Mærke;UNSPSC;Enhed;Indhold;Pris;Moms;Mærker\n")
    for row in rows:
        out.write(";".join(v.replace(";", ",") for v in row) + "\n")
    return out.getvalue().encode("utf-8")


def _goods(
    prefix: str,
    products: list,
    brands: list[str],
    variants: list[tuple[str, str]],  # type: ignore[type-arg]
    seed: int,
) -> bytes:
    """Every product from every brand in every size and variant; a variant is (before, after) the name."""
    rng = random.Random(seed)
    rows, number = [], 1000
    for name, contents, unit, (low, high), unspsc, labels in products:
        for brand in brands:
            for before, after in variants:
                for content in contents:
                    number += 1
                    label = "|".join(
                        lb for lb in labels if rng.random() < (0.9 if "kologisk" in before else 0.3)
                    )
                    size = content.split(" x ")[-1]
                    scale = 1 + contents.index(content) * 2
                    price = _price(rng, low, min(high, low * 1.6 * scale))
                    full = f"{before}{name.lower() if before else name}{after}"
                    description = f"{full} {content} fra {brand}."
                    rows.append(
                        [
                            f"{prefix}{number}",
                            _gtin(rng),
                            f"{full} {size}, {brand}",
                            description,
                            brand,
                            unspsc,
                            unit,
                            content,
                            f"{price}".replace(".", ","),
                            "25",
                            label,
                        ]
                    )
    return _csv(rows)


def food_catalogue() -> bytes:
    variants = [("", ""), ("Økologisk ", ""), ("Dansk ", ""), ("", ", storkøkken")]
    return _goods("NF-", FOOD, FOOD_BRANDS, variants, seed=5090)


def office_catalogue() -> bytes:
    variants = [("", ""), ("", " – sort"), ("", " – rød"), ("", " – grøn"), ("Genbrugs-", "")]
    return _goods("KH-", OFFICE, OFFICE_BRANDS, variants, seed=5055)


def consumables_catalogue() -> bytes:
    variants = [("", ""), ("Parfumefri ", ""), ("", ", storkøkkenpakning")]
    return _goods("RF-", CLEANING, CLEANING_BRANDS, variants, seed=5020)


def it_catalogue() -> bytes:
    rng = random.Random(204)
    rows, number = [], 5000
    for name, unit, (low, high), unspsc, labels in IT:
        for brand in IT_BRANDS:
            for warranty, factor in (("1 års", 1.0), ("3 års", 1.12), ("5 års", 1.25)):
                number += 1
                price = _price(rng, low * factor, high * factor)
                rows.append(
                    [
                        f"DL-{number}",
                        _gtin(rng),
                        f"{name}, {brand}, {warranty} garanti",
                        f"{name} fra {brand} med {warranty} garanti på stedet.",
                        brand,
                        unspsc,
                        unit,
                        "",
                        f"{price}".replace(".", ","),
                        "25",
                        "|".join(lb for lb in labels if rng.random() < 0.7),
                    ]
                )
    for name, unit, (low, high), unspsc in IT_SERVICES:
        number += 1
        rows.append(
            [
                f"DL-{number}",
                "",
                name,
                f"{name}. Bestilles sammen med udstyret.",
                "Dataløsninger",
                unspsc,
                unit,
                "",
                f"{_price(rng, low, high)}".replace(".", ","),
                "25",
                "",
            ]
        )
    return _csv(rows)


# agreement number, supplier CVR, file name, generator
DEMO_CATALOGUES = [
    ("50.90", "30876547", "nordfrugt-5090.csv", food_catalogue),
    ("50.55", "25547128", "kontorhuset-5055.csv", office_catalogue),
    ("50.20", "19876535", "renfix-5020.csv", consumables_catalogue),
    ("02.04", "33421788", "datalosninger-0204.csv", it_catalogue),
]
