"""Value conversions shared by the cXML and OCI code: numbers, timestamps, GTINs, tax rates, UNSPSC codes.

Money and quantities are always `Decimal`; a float would turn 0.1 + 0.2 into 0.30000000000000004.
"""

import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Europe/Copenhagen"
_HUNDRED = Decimal(100)

# ISO 8601 with optional fraction and an offset with or without the colon (OCA emits "+0100").
_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
# The Ruby `Time#to_s` form seen in Coupa samples: "Mon May 19 18:29:48 +0000 2008" (reference §15).
_RUBY = "%a %b %d %H:%M:%S %z %Y"


def to_decimal(raw: str | None) -> Decimal | None:
    """A finite Decimal from text, or None for empty or unreadable text. Never accepts NaN or Infinity."""
    if raw is None:
        return None
    cleaned = raw.strip().replace(" ", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def format_decimal(value: Decimal) -> str:
    """Plain notation without exponent, keeping the given precision (cXML %r8 / OCI CHAR fields)."""
    if value == value.to_integral_value() and value.as_tuple().exponent > 0:
        value = value.quantize(Decimal(1))
    return format(value, "f")


def round_money(value: Decimal, places: int = 2) -> Decimal:
    # Commercial rounding for comparing totals; Python's default would be banker's rounding (style.md §2.8).
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def tidy(value: Decimal, max_places: int = 4) -> Decimal:
    """Cap the number of decimals of a computed amount; keep fewer if the value has fewer."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -max_places:
        return round_money(value, max_places)
    return value


def zone(tz: str | None = None) -> ZoneInfo:
    return ZoneInfo(tz or DEFAULT_TZ)


def parse_timestamp(raw: str | None, tz: str | None = None) -> datetime | None:
    """Read the timestamp forms found in the wild; None when nothing sensible can be made of it.

    The DTD requires a zone (%datetime.tz), yet carts arrive without one, with "+0200", with "Z", date-only,
    or in Ruby's `Time#to_s` form (reference §15). A missing zone is read as local time in `tz`.
    """
    if not raw or not raw.strip():
        return None
    raw = raw.strip()
    match = _ISO.match(raw)
    if match:
        year, month, day, hour, minute, second, fraction, offset = match.groups()
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        naive = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), micro
        )
        if offset is None:
            return naive.replace(tzinfo=zone(tz))
        if offset.upper() == "Z":
            return naive.replace(tzinfo=UTC)
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return naive.replace(tzinfo=timezone(sign * delta))
    try:
        return datetime.strptime(raw, _RUBY)
    except ValueError:
        return None


def format_timestamp(value: datetime | None = None, tz: str | None = None) -> str:
    """ISO 8601 with a numeric offset and a colon, e.g. 2026-11-22T10:15:00+01:00 (reference §9).

    Never "Z" (reportedly refused) and never "+0100" (what `strftime('%z')` gives).
    """
    target = zone(tz)
    if value is None:
        value = datetime.now(target)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=target)
    else:
        value = value.astimezone(target)
    return value.replace(microsecond=0).isoformat()


def format_date(value: date | datetime) -> str:
    # cXML %date (e.g. requestedDeliveryDate) is usually date-only (cxml-php README, "Date vs DateTime").
    return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()


def is_valid_gtin(code: str | None) -> bool:
    """GS1 General Specifications §7.9.1: GTIN-8/12/13/14 with a correct mod-10 check digit."""
    if not code or not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return False
    body = code[:-1]
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == int(code[-1])


def tax_rate_percent(raw: Decimal | None) -> Decimal | None:
    """A tax rate as a percentage, whether the supplier sent a fraction (0.250) or a percentage (25.000).

    Both occur in real carts (reference §15). Below 1 is read as a fraction: no real VAT rate is below 1 %,
    and a fraction of 1 or more would mean 100 % tax or more.
    """
    if raw is None:
        return None
    if 0 < raw < 1:
        return (raw * _HUNDRED).normalize()
    return raw


def unspsc_commodity(code: str | None) -> str | None:
    """An 8-digit UNSPSC commodity code; 10-digit codes lose their 2-digit business-function suffix.

    Danish catalogue rules use 8 digits and real carts send 10 (reference §6, product.md §5).
    """
    if not code:
        return None
    digits = code.strip()
    if not digits.isdigit():
        return None
    if len(digits) == 10:
        return digits[:8]
    return digits if len(digits) == 8 else None
