import pytest

from app.kit.errors import InvalidInput
from app.kit.identifiers import check_cvr, check_gln, is_valid_cvr
from app.kit.money import parse_decimal, round_money
from catalogs.gs1 import gs1_check_digit, is_valid_gln


class TestCvr:
    @pytest.mark.parametrize("value", ["62761113", "DK62761113", "6276 1113", "29183015"])
    def test_valid(self, value):
        assert is_valid_cvr(value)

    @pytest.mark.parametrize("value", ["62761114", "1234567", "123456789", "abcdefgh", "", "02761113"])
    def test_invalid(self, value):
        assert not is_valid_cvr(value)

    def test_check_returns_eight_digits(self):
        assert check_cvr("DK 62761113") == "62761113"

    def test_check_raises_with_stable_code(self):
        with pytest.raises(InvalidInput) as error:
            check_cvr("12345678")
        assert error.value.code == "invalid_cvr"


class TestGln:
    def test_worked_example_from_the_gs1_rule(self):
        # 5798000880016: weighted sum 94, so the check digit is 6.
        assert gs1_check_digit("579800088001") == 6
        assert is_valid_gln("5798000880016")

    @pytest.mark.parametrize("value", ["5798000880017", "579800088001", "57980008800160", "579800088001X"])
    def test_invalid(self, value):
        with pytest.raises(InvalidInput) as error:
            check_gln(value)
        assert error.value.code == "invalid_gln"


class TestDecimals:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("1.234,50", "1234.50"),
            ("1234,5", "1234.5"),
            ("1234.50", "1234.50"),
            ("1.234.567", "1234567"),
            (" 12 kr.", "12"),
            ("", None),
        ],
    )
    def test_danish_and_machine_forms(self, text, value):
        from decimal import Decimal

        assert parse_decimal(text) == (Decimal(value) if value else None)

    @pytest.mark.parametrize("text", ["abc", "1,2,3", "NaN", "Infinity"])
    def test_garbage(self, text):
        with pytest.raises(ValueError):
            parse_decimal(text)

    def test_rounding_is_half_up(self):
        from decimal import Decimal

        assert round_money(Decimal("0.125")) == Decimal("0.13")
        assert round_money(Decimal("0.135")) == Decimal("0.14")
