"""Danish is the default language, so every message the code and templates use must have a Danish text."""

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app.kit.i18n import current_language, format_date, format_datetime, format_money, format_number

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _extracted() -> set[str]:
    found: set[str] = set()
    methods = [("app/**.py", "python"), ("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=methods, options_map=options, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_has_a_danish_translation():
    with open(ROOT / "app/locale/da/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle, locale="da")
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and (m.string if isinstance(m.string, str) else all(m.string))
    }
    missing = sorted(_extracted() - translated)
    assert not missing, "add Danish translations for:\n" + "\n".join(missing)


@pytest.fixture
def danish():
    token = current_language.set("da")
    yield
    current_language.reset(token)


@pytest.fixture
def english():
    token = current_language.set("en")
    yield
    current_language.reset(token)


class TestDanishFormats:
    def test_money(self, danish):
        assert format_money(Decimal("1234.5")) == "1.234,50 kr."
        assert format_money(Decimal("-0.5")) == "-0,50 kr."

    def test_date(self, danish):
        assert format_date(date(2026, 11, 22)) == "22-11-2026"

    def test_datetime_is_shown_in_copenhagen_time(self, danish):
        assert format_datetime(datetime(2026, 7, 1, 10, 0, tzinfo=UTC)) == "01-07-2026 12:00"

    def test_number(self, danish):
        assert format_number(Decimal("1234.25")) == "1.234,25"


class TestEnglishFormats:
    def test_money_and_date(self, english):
        assert format_money(Decimal("1234.5")) == "DKK 1,234.50"
        assert format_date(date(2026, 11, 22)) == "22 Nov 2026"
