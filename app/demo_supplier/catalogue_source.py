"""The portal's own demo catalogues, read the way the portal imports them.

The shops sell the same items as the agreement catalogues, so their item numbers, units and agreement prices
must come from the very generator `portal demo` imports; reading it through the real catalogue reader also
gives the same Rec 20 units the portal stores ("pose" → BG).
"""

from functools import cache
from io import BytesIO

from app.demo.catalogue_data import DEMO_CATALOGUES
from catalogs import CatalogueLine, read_catalogue


@cache
def agreement_lines(agreement_number: str) -> dict[str, CatalogueLine]:
    """Every line of the demo catalogue for one agreement, by supplier item number."""
    make = next(make for number, _cvr, _name, make in DEMO_CATALOGUES if number == agreement_number)
    with read_catalogue(BytesIO(make()), format="csv") as catalogue:
        return {line.supplier_item_number: line for line in catalogue if isinstance(line, CatalogueLine)}


def lines_by(agreement_number: str, attribute: str) -> dict[str, CatalogueLine]:
    """The same lines keyed by their name or description, which is how the shops pick them."""
    return {getattr(line, attribute): line for line in agreement_lines(agreement_number).values()}
