"""Tax codes: checked with python-stdnum, written one canonical way."""

import pytest

from xttm.directory.taxcode import TaxCodeError, is_valid_tax_code, normalize_tax_code


def test_a_valid_ten_digit_code_is_kept_as_it_is():
    assert normalize_tax_code("0100109106") == "0100109106"


def test_a_branch_code_is_written_with_a_dash_before_the_branch_number():
    assert normalize_tax_code("0100109106001") == "0100109106-001"
    assert normalize_tax_code("0100109106-001") == "0100109106-001"


def test_a_code_that_lost_its_leading_zero_in_a_spreadsheet_gets_it_back():
    assert normalize_tax_code(100109106) == "0100109106"
    assert normalize_tax_code(100109106.0) == "0100109106"
    assert normalize_tax_code("100109106001") == "0100109106-001"


def test_a_wrong_check_digit_is_refused_in_vietnamese():
    with pytest.raises(TaxCodeError) as exc:
        normalize_tax_code("0100109107")
    assert str(exc.value) == "Mã số thuế “0100109107” sai chữ số kiểm tra."


def test_a_code_of_the_wrong_length_is_refused_in_vietnamese():
    with pytest.raises(TaxCodeError) as exc:
        normalize_tax_code("12345")
    assert str(exc.value) == "Mã số thuế “12345” phải có 10 chữ số, hoặc 13 chữ số với chi nhánh."


def test_letters_are_refused():
    assert not is_valid_tax_code("01001O9106")
    assert not is_valid_tax_code(None)
