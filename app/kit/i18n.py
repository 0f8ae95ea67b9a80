"""Translations and Danish formats.

Message ids are English; `app/locale/da/LC_MESSAGES/messages.po` holds the Danish text. The .po file is compiled
in memory at first use, so no generated binary lives in the repository. The request's language sits in a context
variable, which FastAPI copies into the worker thread that runs a route.
"""

from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal as _babel_decimal
from babel.support import NullTranslations, Translations

LANGUAGES = {"da": "Dansk", "en": "English"}
DEFAULT_LANGUAGE = "da"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LOCAL_TZ = ZoneInfo("Europe/Copenhagen")
_BABEL_LOCALE = {"da": "da_DK", "en": "en_GB"}

current_language: ContextVar[str] = ContextVar("current_language", default=DEFAULT_LANGUAGE)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "marked, translated where shown"
    """Mark a message for extraction where it is defined (module-level tables); `_()` translates it when shown."""
    return message


@lru_cache
def translations(language: str) -> NullTranslations:
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def pick_language(value: str | None) -> str:
    if value:
        short = value.strip().lower()[:2]
        if short in LANGUAGES:
            return short
    return DEFAULT_LANGUAGE


def _(message: str) -> str:
    return translations(current_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language.get()).ngettext(singular, plural, n)


def format_money(amount: Decimal | None, currency: str = "DKK") -> str:
    """1.234,50 kr. in Danish; DKK 1,234.50 in English."""
    if amount is None:
        return ""
    lang = current_language.get()
    number = _babel_decimal(amount, format="#,##0.00", locale=_BABEL_LOCALE[lang])
    if currency == "DKK":
        return f"{number} kr." if lang == "da" else f"DKK {number}"
    return f"{number} {currency}"


def format_number(value: Decimal | int | None, decimals: int | None = None) -> str:
    if value is None:
        return ""
    pattern = "#,##0" if decimals == 0 else ("#,##0." + "0" * decimals if decimals else "#,##0.####")
    return _babel_decimal(value, format=pattern, locale=_BABEL_LOCALE[current_language.get()])


def format_date(value: date | datetime | None) -> str:
    """22-11-2026 in Danish (the form Danish staff write), 22 Nov 2026 in English."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(LOCAL_TZ).date()
    lang = current_language.get()
    pattern = "dd-MM-yyyy" if lang == "da" else "d MMM yyyy"
    return _babel_date(value, format=pattern, locale=_BABEL_LOCALE[lang])


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    lang = current_language.get()
    pattern = "dd-MM-yyyy HH:mm" if lang == "da" else "d MMM yyyy HH:mm"
    return _babel_datetime(value, format=pattern, tzinfo=LOCAL_TZ, locale=_BABEL_LOCALE[lang])


def language_name(code: str) -> str:
    return Locale.parse(_BABEL_LOCALE[code]).get_display_name(_BABEL_LOCALE[current_language.get()]) or code
