"""Jinja templates for the shop pages, with Danish number formats.

The shop is a fictional Danish supplier, so its pages are written in Danish directly, without gettext: they
are not the portal's pages and need no English version.
"""

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from app.demo_supplier.images import product_svg

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates"

UNIT_NAMES = {
    "EA": "stk.",
    "PCE": "stk.",
    "BG": "pose",
    "PU": "bakke",
    "PK": "pakke",
    "BO": "flaske",
    "CA": "dåse",
    "SA": "sæk",
    "BX": "æske",
    "KGM": "kg",
    "LTR": "liter",
    "HUR": "time",
}


def kroner(value: Decimal | None) -> str:
    """1234.5 → "1.234,50 kr." as Danish shops write it."""
    if value is None:
        return ""
    text = format(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), ",.2f")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".") + " kr."


def number(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return text.replace(".", ",")


def unit_name(code: str) -> str:
    return UNIT_NAMES.get(code, code)


templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
templates.env.filters["kr"] = kroner
templates.env.filters["number"] = number
templates.env.filters["unit"] = unit_name
templates.env.globals["product_svg"] = lambda product, size=160: Markup(product_svg(product, size))
