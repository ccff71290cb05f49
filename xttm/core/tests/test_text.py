"""Folding Vietnamese text so that search ignores diacritics on every database."""

from xttm.core.text import fold, fold_key


def test_folding_drops_diacritics_and_case():
    assert fold("Đà Nẵng") == "da nang"
    assert fold("ĐẮK LẮK") == "dak lak"
    assert fold("Thừa  Thiên\tHuế") == "thua thien hue"


def test_folding_an_empty_value_gives_an_empty_string():
    assert fold(None) == ""
    assert fold("") == ""


def test_header_keys_ignore_spaces_and_punctuation():
    assert fold_key("Mã số thuế (MST)") == "masothuemst"
    assert fold_key("ma so thue") == "masothue"
