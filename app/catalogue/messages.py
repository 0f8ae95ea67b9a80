"""Plain-language names for the catalogue readers' error codes, shown to the procurement office."""

from app.kit.i18n import _


def describe(code: str) -> str:
    texts = {
        "missing_field": _("A required field is empty"),
        "bad_price": _("The price is not a number"),
        "negative_price": _("The price is below zero"),
        "bad_gtin": _("The GTIN/EAN has a wrong check digit or length"),
        "bad_unspsc": _("The UNSPSC code is not 8 digits"),
        "unknown_unit": _("Unknown unit"),
        "bad_quantity": _("The quantity is not valid"),
        "bad_date": _("The date is not valid"),
        "bad_vat": _("The VAT rate is not valid"),
        "bad_currency": _("Unknown currency"),
        "bad_action": _("Unknown action code"),
        "bad_row": _("The line cannot be read"),
        "duplicate_item": _("The item number appears earlier in the file"),
        "missing_column": _("A required column is missing"),
        "wrong_document_type": _("The file is not a catalogue"),
        "unsafe_xml": _("The XML file contains a DOCTYPE or entities, which are not allowed"),
        "bad_xml": _("The XML is not well-formed"),
        "truncated": _("The file ends too early"),
        "too_large": _("The file is too large"),
        "bad_encoding": _("The file's character encoding cannot be read (use UTF-8 or Windows-1252)"),
        "empty_file": _("The file is empty"),
        "unsupported_format": _("The file format is not supported (use CSV, XLSX or UBL XML)"),
        "bad_mapping": _("The column mapping is not valid"),
        "unknown_sheet": _("The worksheet was not found"),
    }
    return texts.get(code, code)
