"""Danish and GS1 identifiers: CVR and GLN/EAN location numbers (see shared formats reference §5)."""

from app.kit.errors import InvalidInput
from app.kit.i18n import _
from catalogs.gs1 import is_valid_gln

# Erhvervsstyrelsen's CVR modulus-11 weights.
_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def normalise_cvr(value: str) -> str:
    """Accept '12345678', 'DK12345678' or '12 34 56 78'; return the 8 digits (Peppol emits 8 digits, scheme 0184)."""
    digits = value.strip().upper().removeprefix("DK").replace(" ", "")
    return digits


def is_valid_cvr(value: str) -> bool:
    digits = normalise_cvr(value)
    if len(digits) != 8 or not digits.isdigit() or digits[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(digits, _CVR_WEIGHTS, strict=True)) % 11 == 0


def check_cvr(value: str, field: str = "cvr") -> str:
    digits = normalise_cvr(value)
    if not is_valid_cvr(digits):
        raise InvalidInput(
            _("CVR number %(value)s is not valid: it must be 8 digits that pass the modulus-11 check.")
            % {"value": value},
            code="invalid_cvr",
            field=field,
        )
    return digits


def check_gln(value: str, field: str = "gln") -> str:
    digits = value.strip().replace(" ", "")
    if not is_valid_gln(digits):
        raise InvalidInput(
            _("EAN/GLN number %(value)s is not valid: it must be 13 digits with a correct GS1 check digit.")
            % {"value": value},
            code="invalid_gln",
            field=field,
        )
    return digits
