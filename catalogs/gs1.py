"""GS1 check digits for GTIN-8/12/13/14 and GLN (EAN location numbers).

GS1 General Specifications §7.9.1: weight the data digits 3, 1, 3, … starting from the rightmost data digit,
and the check digit brings the weighted sum up to a multiple of ten.
"""


def gs1_check_digit(data_digits: str) -> int:
    """The check digit for a string of data digits (the code without its last digit)."""
    if not data_digits.isdigit():
        raise ValueError("GS1 data must be digits only")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(data_digits)))
    return (10 - total % 10) % 10


def is_valid_gs1(code: str, lengths: tuple[int, ...] = (8, 12, 13, 14)) -> bool:
    """True when `code` is all digits, of one of `lengths`, and its last digit is the right check digit."""
    if code.isascii():
        # The same weighted sum done in C: each byte is 48 + its digit, and the 48s are taken off by length.
        digits = code.encode()
        size = len(digits)
        if not digits.isdigit() or size not in lengths:
            return False
        return (sum(digits) + 2 * sum(digits[-2::-2]) - 48 * (size + size // 2 * 2)) % 10 == 0
    if not code.isdigit() or len(code) not in lengths:
        return False
    return gs1_check_digit(code[:-1]) == int(code[-1])


def is_valid_gln(code: str) -> bool:
    """A GLN (EAN location number) is always 13 digits."""
    return is_valid_gs1(code, lengths=(13,))
