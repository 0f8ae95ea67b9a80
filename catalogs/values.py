"""Parsing single values the way Danish suppliers write them: "1.234,50", "25%", "31-12-2025", "3 dage".

Every parser raises `FieldProblem` with an error code; the line builder turns it into a `LineError`.
"""

import re
from datetime import date, datetime
from decimal import Decimal

from catalogs import errors
from catalogs.gs1 import is_valid_gs1

ACTIONS = {
    **dict.fromkeys(("add", "a", "new", "ny", "tilføj", "tilfoej", "opret"), "add"),
    **dict.fromkeys(("replace", "erstat"), "replace"),
    **dict.fromkeys(("update", "u", "change", "opdater", "opdatér", "ret", "ændr", "aendr"), "update"),
    **dict.fromkeys(("delete", "d", "remove", "slet", "fjern", "udgået", "udgår", "udgaaet"), "delete"),
}

# UBL code lists are exact (Peppol ActionCode_line and OIOUBL catalogueactioncode-1.1); case is forgiven.
UBL_ACTIONS = {"add": "add", "replace": "replace", "update": "update", "delete": "delete"}

_CURRENCY_WORDS = re.compile(r"^(?:dkk|kr\.?|eur|€)\s*|\s*(?:dkk|kr\.?|,-|eur|€)$", re.IGNORECASE)
_GROUPED_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_GROUPED_COMMA = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_SIMPLE = re.compile(r"([+-]?\d+)(?:([.,])(\d+))?")
_GTIN_NOISE = re.compile(r"[\s-]")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


class FieldProblem(ValueError):
    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


def parse_decimal(
    value: object, decimal_mark: str | None = None, what: str = "number", code: str = errors.BAD_QUANTITY
) -> Decimal:
    """A Decimal from a cell. With both separators the last one is the decimal mark ("1.234,50", "1,234.50").

    One kind only: a comma is a decimal comma unless `decimal_mark` is "."; a dot is a decimal point unless
    `decimal_mark` is "," and the dots group thousands ("1.234" → 1234). Floats are refused on purpose.
    """
    if isinstance(value, Decimal):
        return _finite(value, value, what, code)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise FieldProblem(code, f"{what} is not a number: {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    simple = _SIMPLE.fullmatch(value)
    if simple:
        whole, separator, fraction = simple.groups()
        if separator is None:
            return Decimal(whole)
        # "1.234" with a decimal comma (or "1,234" with a decimal point) groups thousands: slow path decides.
        if len(fraction) != 3 or separator == (decimal_mark or ","):
            return Decimal(f"{whole}.{fraction}")
    text = _CURRENCY_WORDS.sub("", value.strip()).replace("\u00a0", "").replace(" ", "").replace("'", "")
    if "," in text and "." in text:
        thousands, mark = (".", ",") if text.rfind(",") > text.rfind(".") else (",", ".")
        whole, _, fraction = text.lstrip("+-").rpartition(mark)
        grouped = _GROUPED_DOT if thousands == "." else _GROUPED_COMMA
        if not grouped.match(whole) or not fraction.isdigit():
            raise FieldProblem(code, f"{what} is not a number: {value!r}")
        text = text.replace(thousands, "").replace(mark, ".")
    elif "," in text:
        if text.count(",") > 1 or (decimal_mark == "." and _GROUPED_COMMA.match(text.lstrip("+-"))):
            if not _GROUPED_COMMA.match(text.lstrip("+-")):
                raise FieldProblem(code, f"{what} is not a number: {value!r}")
            text = text.replace(",", "")
        else:
            text = text.replace(",", ".")
    elif text.count(".") > 1 or (decimal_mark == "," and _GROUPED_DOT.match(text.lstrip("+-"))):
        if not _GROUPED_DOT.match(text.lstrip("+-")):
            raise FieldProblem(code, f"{what} is not a number: {value!r}")
        text = text.replace(".", "")
    if not _NUMBER.match(text):
        raise FieldProblem(code, f"{what} is not a number: {value!r}")
    return _finite(Decimal(text), value, what, code)


def _finite(number: Decimal, raw: object, what: str, code: str) -> Decimal:
    if not number.is_finite():
        raise FieldProblem(code, f"{what} is not a number: {raw!r}")
    return number


def parse_price(value: object, decimal_mark: str | None = None) -> Decimal:
    price = parse_decimal(value, decimal_mark, "price", errors.BAD_PRICE)
    if price < 0:
        raise FieldProblem(errors.NEGATIVE_PRICE, f"price must not be negative: {value}")
    return price


def parse_positive(value: object, what: str, decimal_mark: str | None = None) -> Decimal:
    number = parse_decimal(value, decimal_mark, what, errors.BAD_QUANTITY)
    if number <= 0:
        raise FieldProblem(errors.BAD_QUANTITY, f"{what} must be greater than zero: {value}")
    return number


def parse_vat(value: object, decimal_mark: str | None = None) -> Decimal:
    text = value.strip().removesuffix("%").strip() if isinstance(value, str) else value
    rate = parse_decimal(text, decimal_mark, "VAT rate", errors.BAD_VAT)
    if not 0 <= rate <= 100:
        raise FieldProblem(errors.BAD_VAT, f"VAT rate must be a percentage between 0 and 100: {value}")
    return rate


def parse_gtin(value: object) -> str:
    text = as_text(value)
    if not text.isdigit():
        text = _GTIN_NOISE.sub("", text)
    if not is_valid_gs1(text):
        raise FieldProblem(
            errors.BAD_GTIN, f"GTIN must be 8, 12, 13 or 14 digits with a valid check digit: {value}"
        )
    return text


def parse_unspsc(value: object) -> str:
    text = re.sub(r"[\s.-]", "", as_text(value))
    if not (len(text) == 8 and text.isdigit()):
        raise FieldProblem(errors.BAD_UNSPSC, f"UNSPSC code must be 8 digits: {value}")
    return text


def parse_currency(value: object) -> str:
    text = as_text(value).strip().upper()
    if text == "KR":
        return "DKK"
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise FieldProblem(errors.BAD_CURRENCY, f"currency must be a three-letter ISO 4217 code: {value}")
    return text


def parse_action(value: object, words: dict[str, str] = ACTIONS) -> str:
    action = words.get(as_text(value).strip().casefold())
    if action is None:
        raise FieldProblem(errors.BAD_ACTION, f"action must be Add, Replace, Update or Delete: {value}")
    return action


def parse_date(value: object) -> date:
    """ISO dates, Danish day-first dates ("31-12-2025", "31.12.2025", "31/12/2025") and spreadsheet dates."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = as_text(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y%m%d", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise FieldProblem(errors.BAD_DATE, f"date must be YYYY-MM-DD or DD-MM-YYYY: {value}")


def parse_lead_time(value: object) -> int:
    """Whole days; "3", "3 dage", "2 uger" and "1 week" are understood."""
    text = as_text(value).strip().lower()
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*([a-zæøå.]*)", text)
    factor = {
        "": 1,
        "d": 1,
        "dag": 1,
        "dage": 1,
        "day": 1,
        "days": 1,
        "hverdage": 1,
        "u": 7,
        "uge": 7,
        "uger": 7,
        "week": 7,
        "weeks": 7,
    }.get(match[2].rstrip(".") if match else "x")
    if not match or factor is None:
        raise FieldProblem(errors.BAD_QUANTITY, f"lead time must be a number of days: {value}")
    days = Decimal(match[1].replace(",", ".")) * factor
    return int(days.to_integral_value(rounding="ROUND_CEILING"))


def as_text(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
