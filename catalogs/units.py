"""Units of measure: UN/ECE Rec 20 codes, the Danish and English words suppliers write instead, and pack
contents.

OIOUBL 2.1 uses Rec 20 rev 4 (with package codes such as PK, BX, CT); Peppol uses Rec 20 rev 11e plus Rec 21
package codes with an X prefix (XPK, XBX, XCT). Both spellings are accepted and kept as the supplier wrote
them, because orders must echo the supplier's own unit back.
"""

import re
from decimal import Decimal, InvalidOperation

# Codes seen in trade catalogues: Rec 20 quantity units, then package codes valid in rev 4 and as X-codes.
MEASURE_CODES = {
    "EA": "each",
    "C62": "one",
    "H87": "piece",
    "PCE": "piece",
    "NAR": "number of articles",
    "E48": "service unit",
    "PR": "pair",
    "NPR": "number of pairs",
    "DZN": "dozen",
    "GRO": "gross",
    "SET": "set",
    "KT": "kit",
    "LS": "lump sum",
    "ZZ": "mutually defined",
    "KGM": "kilogram",
    "GRM": "gram",
    "MGM": "milligram",
    "TNE": "tonne",
    "LTR": "litre",
    "DLT": "decilitre",
    "CLT": "centilitre",
    "MLT": "millilitre",
    "MTQ": "cubic metre",
    "MTR": "metre",
    "CMT": "centimetre",
    "MMT": "millimetre",
    "KMT": "kilometre",
    "MTK": "square metre",
    "HUR": "hour",
    "MIN": "minute",
    "DAY": "day",
    "WEE": "week",
    "MON": "month",
    "ANN": "year",
    "KWH": "kilowatt hour",
}
PACKAGE_CODES = {
    "PK": "package",
    "BX": "box",
    "CT": "carton",
    "CS": "case",
    "BG": "bag",
    "BO": "bottle",
    "CA": "can",
    "CX": "can, cylindrical",
    "TN": "tin",
    "RO": "roll",
    "TU": "tube",
    "PA": "packet",
    "SA": "sack",
    "BE": "bundle",
    "JR": "jar",
    "PL": "pail",
    "BJ": "bucket",
    "PX": "pallet",
    "PU": "tray",
    "CR": "crate",
    "RL": "reel",
    "DR": "drum",
    "CQ": "cartridge",
    "EN": "envelope",
    "ST": "sheet",
    "PT": "pot",
    "TB": "tub",
    "SH": "sachet",
    "AE": "aerosol",
    "CI": "canister",
    "BK": "basket",
    "PO": "pouch",
}
UNIT_CODES = MEASURE_CODES | PACKAGE_CODES | {"X" + code: name for code, name in PACKAGE_CODES.items()}

# Words keyed by their folded form (lower case, no dots or spaces).
UNIT_WORDS = {
    **dict.fromkeys(
        [
            "stk",
            "styk",
            "styks",
            "stykker",
            "st",
            "pcs",
            "pc",
            "piece",
            "pieces",
            "each",
            "ea",
            "enhed",
            "enheder",
            "unit",
            "units",
        ],
        "EA",
    ),
    **dict.fromkeys(["pk", "pak", "pakke", "pakker", "pakning", "pack", "package", "pkt"], "PK"),
    **dict.fromkeys(["kg", "kilo", "kilogram"], "KGM"),
    **dict.fromkeys(["g", "gr", "gram"], "GRM"),
    **dict.fromkeys(["mg", "milligram"], "MGM"),
    **dict.fromkeys(["l", "ltr", "lt", "liter", "litre", "litres", "liters"], "LTR"),
    **dict.fromkeys(["dl", "deciliter"], "DLT"),
    **dict.fromkeys(["cl", "centiliter"], "CLT"),
    **dict.fromkeys(["ml", "milliliter", "millilitre"], "MLT"),
    **dict.fromkeys(["ks", "kasse", "kasser", "case", "cases"], "CS"),
    **dict.fromkeys(["krt", "kart", "karton", "kartoner", "carton", "cartons", "ctn"], "CT"),
    **dict.fromkeys(["aeske", "aesker", "box", "boxes", "bx"], "BX"),
    **dict.fromkeys(["ps", "pose", "poser", "bag", "bags"], "BG"),
    **dict.fromkeys(["bk", "bakke", "bakker", "tray", "trays"], "PU"),
    **dict.fromkeys(["fl", "flaske", "flasker", "bottle", "bottles"], "BO"),
    **dict.fromkeys(["ds", "daase", "daaser", "dase", "can", "cans"], "CA"),
    **dict.fromkeys(["rl", "rulle", "ruller", "roll", "rolls"], "RO"),
    **dict.fromkeys(["saet", "set", "sets"], "SET"),
    **dict.fromkeys(["par", "pair", "pairs", "pr"], "PR"),
    **dict.fromkeys(["time", "timer", "hour", "hours", "hr", "h"], "HUR"),
    **dict.fromkeys(["m", "meter", "metre", "mtr", "lbm"], "MTR"),
    **dict.fromkeys(["cm"], "CMT"),
    **dict.fromkeys(["mm"], "MMT"),
    **dict.fromkeys(["m2", "kvm", "sqm"], "MTK"),
    **dict.fromkeys(["m3"], "MTQ"),
    **dict.fromkeys(["dag", "dage", "day", "days"], "DAY"),
    **dict.fromkeys(["uge", "uger", "week", "weeks"], "WEE"),
    **dict.fromkeys(["maaned", "maaneder", "md", "mdr", "month", "months"], "MON"),
    **dict.fromkeys(["aar", "year", "years"], "ANN"),
    **dict.fromkeys(["dusin", "dozen", "dz"], "DZN"),
    **dict.fromkeys(["tube", "tuber"], "TU"),
    **dict.fromkeys(["spand", "spande", "bucket"], "BJ"),
    **dict.fromkeys(["palle", "paller", "pallet"], "PX"),
    **dict.fromkeys(["saek", "saekke", "sack"], "SA"),
    **dict.fromkeys(["glas", "jar"], "JR"),
    **dict.fromkeys(["dunk", "dunke", "canister"], "CI"),
    **dict.fromkeys(["bundt", "bundle"], "BE"),
    **dict.fromkeys(["ark", "sheet", "sheets"], "ST"),
    **dict.fromkeys(["kwh"], "KWH"),
}

# Content units convert to one comparison unit so "500 g" and "1 kg" compare per kilogram.
COMPARISON = {
    "KGM": ("KGM", Decimal(1)),
    "GRM": ("KGM", Decimal("0.001")),
    "MGM": ("KGM", Decimal("0.000001")),
    "TNE": ("KGM", Decimal(1000)),
    "LTR": ("LTR", Decimal(1)),
    "DLT": ("LTR", Decimal("0.1")),
    "CLT": ("LTR", Decimal("0.01")),
    "MLT": ("LTR", Decimal("0.001")),
    "MTQ": ("LTR", Decimal(1000)),
    "MTR": ("MTR", Decimal(1)),
    "CMT": ("MTR", Decimal("0.01")),
    "MMT": ("MTR", Decimal("0.001")),
    "KMT": ("MTR", Decimal(1000)),
    "MTK": ("MTK", Decimal(1)),
    "EA": ("EA", Decimal(1)),
    "C62": ("EA", Decimal(1)),
    "H87": ("EA", Decimal(1)),
    "PCE": ("EA", Decimal(1)),
    "NAR": ("EA", Decimal(1)),
    "DZN": ("EA", Decimal(12)),
    "GRO": ("EA", Decimal(144)),
    "ST": ("EA", Decimal(1)),
    "XST": ("EA", Decimal(1)),
    "HUR": ("HUR", Decimal(1)),
    "MIN": ("HUR", Decimal(1) / Decimal(60)),
}

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "²": "2", "³": "3"})
_CONTENT = re.compile(
    r"^(?:ca\.?\s*)?(?:(?P<count>\d+)\s*[x×*]\s*)?(?P<qty>\d+(?:[.,]\d+)?)?\s*(?P<unit>[^\d\s].*?)?\.?$",
    re.IGNORECASE,
)


def unit_code(text: str) -> str | None:
    """The Rec 20/21 code for a code or a unit word ("stk", "Kasse", "kg"), or None when unknown."""
    raw = text.strip()
    # An upper-case code wins; otherwise words first: Danish "st" means a piece while code ST is a sheet.
    if raw in UNIT_CODES:
        return raw
    folded = raw.lower().translate(_FOLD).replace(".", "").replace(" ", "")
    word = UNIT_WORDS.get(folded) or UNIT_WORDS.get(folded.replace("oe", "o"))
    return word or (raw.upper() if raw.upper() in UNIT_CODES else None)


def parse_content(text: str) -> tuple[Decimal, str] | None:
    """Net content of one orderable unit: "1 kg", "500 g", "10 stk", "6 x 1 l", "2,5 kg" → (quantity, code).

    A bare number counts pieces. Returns None when the text is not a content statement.
    """
    match = _CONTENT.match(text.strip().replace("\u00a0", " "))
    if not match or not (match["qty"] or match["unit"]):
        return None
    try:
        quantity = Decimal(match["qty"].replace(",", ".")) if match["qty"] else Decimal(1)
    except InvalidOperation:
        return None
    if match["count"]:
        quantity *= int(match["count"])
    code = unit_code(match["unit"]) if match["unit"] else "EA"
    if code is None or quantity <= 0:
        return None
    return quantity, code


def comparison(unit: str) -> tuple[str, Decimal] | None:
    """The comparison unit for a content unit, and how much of it one content unit is (GRM → KGM × 0.001)."""
    return COMPARISON.get(unit.upper())
