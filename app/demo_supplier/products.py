"""What the two shops sell: items picked from the portal's agreement catalogues, plus a few of their own.

Most shop items equal their agreement line. A few differ on purpose, so that every check the portal makes on
a returned cart has something to find:
- price above the agreement price (`markup`),
- not on the agreement at all (`shop_only`),
- sold in another unit than the agreement line (`unit`).
"""

import re
import zlib
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from app.demo.catalogue_data import FOOD, FOOD_BRANDS, IT, IT_BRANDS, IT_SERVICES
from app.demo_supplier.catalogue_source import lines_by
from app.demo_supplier.shops import DATALOSNINGER, NORDFRUGT, DemoShop
from catalogs import CatalogueLine
from catalogs.gs1 import gs1_check_digit

CENT = Decimal("0.01")


class Stock(StrEnum):
    in_stock = "in_stock"
    low = "low"
    backorder = "backorder"
    service = "service"


STOCK_TEXT = {
    Stock.in_stock: "På lager",
    Stock.low: "Få på lager",
    Stock.backorder: "Skaffevare, levering 5-7 hverdage",
    Stock.service: "Ydelse, udføres før levering",
}
LEAD_TIME_DAYS = {Stock.in_stock: 1, Stock.low: 1, Stock.backorder: 7, Stock.service: 3}


@dataclass(frozen=True)
class Product:
    """One shop item. `price` is per unit; `price_per` > 1 means the shop quotes per that many units."""

    item_number: str
    name: str
    description: str
    unit: str
    price: Decimal
    unspsc: str
    stock: Stock
    gtin: str | None = None
    brand: str | None = None
    agreement_price: Decimal | None = None
    agreement_unit: str | None = None
    price_per: int = 1
    long_text: str | None = None
    labels: tuple[str, ...] = ()
    # Würth sends its AuxID with a trailing newline and indentation; one item here does too (reference §6).
    wurth_aux: bool = False
    related: tuple[str, ...] = ()

    @property
    def is_service(self) -> bool:
        return self.stock is Stock.service

    @property
    def lead_time_days(self) -> int:
        return LEAD_TIME_DAYS[self.stock]

    @property
    def stock_text(self) -> str:
        return STOCK_TEXT[self.stock]

    @property
    def quoted_price(self) -> Decimal:
        return self.price * self.price_per

    @property
    def on_agreement(self) -> bool:
        return self.agreement_price is not None

    @property
    def price_above_agreement(self) -> bool:
        return self.agreement_price is not None and self.price > self.agreement_price

    @property
    def unit_differs(self) -> bool:
        return self.agreement_unit is not None and self.agreement_unit != self.unit


@dataclass(frozen=True)
class Bundle:
    """A PC package: the PC and the services it needs, added to the cart as separate lines."""

    slug: str
    name: str
    description: str
    components: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Variation:
    """How a shop item departs from its agreement line; the default is not at all."""

    markup: Decimal | None = None
    unit: str | None = None
    price_per: int = 1
    wurth_aux: bool = False
    long_text: str | None = None


@dataclass
class ShopCatalogue:
    shop: DemoShop
    products: dict[str, Product]
    bundles: dict[str, Bundle] = field(default_factory=dict)

    def get(self, item_number: str) -> Product | None:
        return self.products.get(item_number.strip())

    def find(self, product_id: str) -> Product | None:
        """By item number or GTIN: OCI DETAIL and VALIDATE send whichever EXT_PRODUCT_ID carried."""
        key = product_id.strip()
        return self.get(key) or next((p for p in self.products.values() if p.gtin == key), None)

    def search(self, query: str) -> list[Product]:
        words = [fold(w) for w in query.split() if w.strip()]
        if not words:
            return list(self.products.values())
        return [p for p in self.products.values() if all(w in _haystack(p) for w in words)]

    def related(self, product: Product) -> list[Product]:
        return [self.products[n] for n in product.related if n in self.products]


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e"})


def fold(text: str) -> str:
    # Danish staff type "smor" for smør and "aeg" for æg; fold both sides the same way.
    return text.casefold().translate(_FOLD).replace("oe", "o").replace("aa", "a")


def _haystack(product: Product) -> str:
    return fold(
        " ".join(filter(None, (product.name, product.description, product.item_number, product.gtin)))
    )


def _gtin(body: str) -> str:
    return body + str(gs1_check_digit(body))


def _stock(item_number: str) -> Stock:
    # Fixed per item, so the demo and the tests see the same stock on every start.
    bucket = zlib.crc32(item_number.encode()) % 20
    return Stock.in_stock if bucket < 14 else Stock.low if bucket < 17 else Stock.backorder


def _display_name(line: CatalogueLine) -> str:
    """ "Sødmælk 6 x 1 l, Nordgaarden": the food names leave out the pack, so take it from the description."""
    match = re.fullmatch(rf"(.+) fra {re.escape(line.brand or '')}\.", line.description or "")
    return f"{match.group(1)}, {line.brand}" if match else line.name or line.supplier_item_number


def _from_line(line: CatalogueLine, variation: Variation, stock: Stock | None = None) -> Product:
    agreement_price = line.unit_price()
    assert agreement_price is not None, line.supplier_item_number
    markup = variation.markup or Decimal(1)
    price = (agreement_price * markup).quantize(CENT, rounding=ROUND_HALF_UP)
    return Product(
        item_number=line.supplier_item_number,
        name=_display_name(line),
        description=line.description or "",
        unit=variation.unit or line.orderable_unit,
        price=price,
        unspsc=line.unspsc or "",
        stock=stock or _stock(line.supplier_item_number),
        gtin=line.gtin,
        brand=line.brand,
        agreement_price=agreement_price,
        agreement_unit=line.orderable_unit,
        price_per=variation.price_per,
        long_text=variation.long_text,
        labels=tuple(line.labels),
        wurth_aux=variation.wurth_aux,
    )


def _with_related(products: list[Product], related: dict[str, tuple[str, ...]]) -> dict[str, Product]:
    """Explicit relations first, then the nearest UNSPSC neighbours (class, family, segment) up to four."""
    by_number = {p.item_number: p for p in products}
    result = {}
    for product in products:
        chosen = [n for n in related.get(product.item_number, ()) if n in by_number]
        for digits in (6, 4, 2):
            chosen += [
                p.item_number
                for p in products
                if p.unspsc[:digits] == product.unspsc[:digits]
                and p.item_number != product.item_number
                and p.item_number not in chosen
            ][: max(0, 4 - len(chosen))]
        result[product.item_number] = replace(product, related=tuple(chosen[:6]))
    return result


# --- Nordfrugt: the food wholesaler ---------------------------------------------------------------------

PANCAKE = ("Hvedemel", "Æg", "Salt", "Sukker", "Sødmælk", "Rapsolie")
ORGANIC = ("Hvedemel", "Æg", "Sødmælk")
FOOD_VARIATIONS = {
    "Kaffebønner": Variation(markup=Decimal("1.07")),
    "Laksefilet": Variation(markup=Decimal("1.12")),
    "Æblejuice": Variation(unit="LTR"),
    "Hvedemel": Variation(wurth_aux=True),
}


def _food_products() -> list[Product]:
    brand = FOOD_BRANDS[0]
    by_description = lines_by(NORDFRUGT.agreement_number, "description")
    products = []
    for name, contents, *_ in FOOD:
        variation = FOOD_VARIATIONS.get(name, Variation())
        stock = Stock.in_stock if name in PANCAKE else None
        chosen = contents if name in PANCAKE else contents[:1]
        for content in chosen:
            line = by_description[f"{name} {content} fra {brand}."]
            products.append(_from_line(line, variation, stock))
        if name in ORGANIC:
            line = by_description[f"Økologisk {name.lower()} {contents[0]} fra {brand}."]
            products.append(_from_line(line, variation, stock))
    products.append(
        Product(
            item_number="NF-9001",
            name="Ahornsirup, ren, 250 ml, Nordgaarden",
            description="Canadisk ahornsirup grad A til pandekager og grød.",
            unit="BO",
            price=Decimal("42.95"),
            unspsc="50161800",
            stock=Stock.in_stock,
            gtin=_gtin("570141700900"),
            brand="Nordgaarden",
        )
    )
    return products


def _food_catalogue() -> ShopCatalogue:
    products = _food_products()
    # One of each other pancake ingredient, and the syrup first: what a cook buying flour also needs.
    first = {name: next(p for p in products if p.name.startswith(name + " ")) for name in PANCAKE}
    related = {
        p.item_number: (
            "NF-9001",
            *(f.item_number for n, f in first.items() if not p.name.startswith(n + " ")),
        )
        for p in products
        if p.name.split(" ")[0] in PANCAKE
    }
    related["NF-9001"] = tuple(f.item_number for f in first.values())
    return ShopCatalogue(NORDFRUGT, _with_related(products, related))


# --- Dataløsninger: the IT shop ------------------------------------------------------------------------

IT_VARIATIONS = {
    'Skærm 27" USB-C': Variation(markup=Decimal("1.06")),
    "Dockingstation USB-C": Variation(markup=Decimal("1.04")),
    "Levering og opsætning på arbejdsplads": Variation(unit="EA"),
    # Quoted per 100 labels: a buyer that ignores PRICEUNIT reads a price a hundred times too high.
    "Asset-mærkning med stregkode": Variation(price_per=100),
}
PC_SPECS = {
    'Bærbar PC 14" 16 GB RAM 512 GB SSD': 'Intel Core Ultra 5, 14" IPS 1920x1200, 16 GB RAM, 512 GB SSD, '
    "Wi-Fi 6E, 2 x USB-C med opladning, fingeraftrykslæser, dansk tastatur. Vægt 1,3 kg.",
    'Bærbar PC 15,6" 32 GB RAM 1 TB SSD': 'Intel Core Ultra 7, 15,6" IPS 1920x1080, 32 GB RAM, 1 TB SSD, '
    "Wi-Fi 6E, HDMI, 3 x USB-C, numerisk tastatur, dansk layout. Vægt 1,7 kg.",
    "Stationær PC, mini, 16 GB RAM": "Intel Core i5, 16 GB RAM, 512 GB SSD, 2 x DisplayPort, VESA-beslag "
    "medfølger. Kan monteres bag skærmen.",
}


def _it_products() -> list[Product]:
    brand = IT_BRANDS[0]
    by_name = lines_by(DATALOSNINGER.agreement_number, "name")
    products = []
    for name, *_ in IT:
        variation = IT_VARIATIONS.get(name, Variation())
        if name in PC_SPECS:
            variation = Variation(markup=variation.markup, long_text=PC_SPECS[name])
        for warranty in ("1 års", "3 års"):
            products.append(_from_line(by_name[f"{name}, {brand}, {warranty} garanti"], variation))
    for name, *_ in IT_SERVICES:
        products.append(_from_line(by_name[name], IT_VARIATIONS.get(name, Variation()), Stock.service))
    products += [
        Product(
            item_number="DL-9001",
            name="USB-C-kabel 2 m, 100 W, Nordtek",
            description="USB-C til USB-C, 100 W opladning og 10 Gbit/s data.",
            unit="EA",
            price=Decimal("149.00"),
            unspsc="26121600",
            stock=Stock.in_stock,
            gtin=_gtin("571932600900"),
            brand="Nordtek",
        ),
        Product(
            item_number="DL-9002",
            name='Privatlivsfilter 14", magnetisk, Nordtek',
            description="Skærmfilter der skjuler skærmen fra siden. Til borgerrettede arbejdspladser.",
            unit="EA",
            price=Decimal("389.00"),
            unspsc="43211902",
            stock=Stock.low,
            gtin=_gtin("571932600901"),
            brand="Nordtek",
        ),
    ]
    return products


def _item(products: list[Product], prefix: str) -> str:
    return next(p.item_number for p in products if p.name.startswith(prefix))


def _it_catalogue() -> ShopCatalogue:
    products = _it_products()
    laptop14 = _item(products, 'Bærbar PC 14" 16 GB RAM 512 GB SSD, Nordtek, 3 års')
    laptop15 = _item(products, 'Bærbar PC 15,6" 32 GB RAM 1 TB SSD, Nordtek, 3 års')
    mini = _item(products, "Stationær PC, mini, 16 GB RAM, Nordtek, 3 års")
    screen = _item(products, 'Skærm 24" IPS, Nordtek, 3 års')
    dep, autopilot, engraving, image = (
        _item(products, prefix) for prefix in ("DEP-", "Autopilot-", "Gravering", "Image-installation")
    )
    setup = _item(products, "Levering og opsætning")
    bundles = [
        Bundle(
            "pc-pakke-14",
            'PC-pakke: bærbar 14" klar til brug',
            'Bærbar PC 14" med 3 års garanti, DEP-tilmelding, gravering af navn og logo og kommunens image.',
            ((laptop14, 1), (dep, 1), (engraving, 1), (image, 1)),
        ),
        Bundle(
            "pc-pakke-15",
            'PC-pakke: bærbar 15,6" med Windows Autopilot',
            'Bærbar PC 15,6" med 3 års garanti, Autopilot-registrering, gravering og kommunens image.',
            ((laptop15, 1), (autopilot, 1), (engraving, 1), (image, 1)),
        ),
        Bundle(
            "arbejdsplads",
            "Stationær arbejdsplads med to skærme",
            'Mini-PC, to 24" skærme, image-installation, levering og opsætning på arbejdspladsen.',
            ((mini, 1), (screen, 2), (image, 1), (setup, 1)),
        ),
    ]
    pcs = [p.item_number for p in products if p.unspsc.startswith("432115")]
    services = [p.item_number for p in products if p.is_service]
    accessories = [_item(products, "Dockingstation"), _item(products, "Mus, trådløs"), "DL-9001", "DL-9002"]
    related = dict.fromkeys(pcs, (dep, engraving, image, *accessories))
    related |= dict.fromkeys(services + accessories, (laptop14, laptop15, mini))
    return ShopCatalogue(DATALOSNINGER, _with_related(products, related), {b.slug: b for b in bundles})


_CATALOGUES: dict[str, ShopCatalogue] = {}


def catalogue_for(shop: DemoShop) -> ShopCatalogue:
    """Built on first use (the agreement catalogues take a moment to generate), then kept."""
    if shop.slug not in _CATALOGUES:
        build = _food_catalogue if shop is NORDFRUGT else _it_catalogue
        _CATALOGUES[shop.slug] = build()
    return _CATALOGUES[shop.slug]
