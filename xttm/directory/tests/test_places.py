"""The two maps of provinces and the 2025 merger, as loaded by the data migration."""

import pytest

from xttm.directory.choices import ProvinceSystem
from xttm.directory.models import Province

pytestmark = pytest.mark.django_db


def test_there_are_34_provinces_in_force_and_63_before_july_2025():
    assert Province.objects.current().count() == 34
    assert Province.objects.old().count() == 63


def test_every_old_province_maps_to_exactly_one_new_one():
    assert Province.objects.old().filter(successor__isnull=True).count() == 0
    assert set(Province.objects.old().values_list("successor__system", flat=True)) == {
        ProvinceSystem.NEW_34
    }


def test_eleven_provinces_were_left_unchanged():
    unchanged = [p.name for p in Province.objects.current() if p.predecessors.count() == 1]
    assert len(unchanged) == 11
    assert "Cao Bằng" in unchanged and "Hà Nội" in unchanged


def test_codes_are_never_the_key_alone_new_15_is_lao_cai_but_old_15_is_yen_bai():
    assert Province.objects.get(system=ProvinceSystem.NEW_34, code="15").name == "Lào Cai"
    yen_bai = Province.objects.get(system=ProvinceSystem.OLD_63, code="15")
    assert yen_bai.name == "Yên Bái"
    assert yen_bai.successor.name == "Lào Cai"


@pytest.mark.parametrize(
    ("new_code", "old_names"),
    [
        ("79", {"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"}),
        ("80", {"Long An", "Tây Ninh"}),
        ("37", {"Hà Nam", "Nam Định", "Ninh Bình"}),
        ("48", {"Đà Nẵng", "Quảng Nam"}),
    ],
)
def test_merged_provinces_follow_the_national_assembly_resolution(new_code, old_names):
    new = Province.objects.get(system=ProvinceSystem.NEW_34, code=new_code)
    assert set(new.predecessors.values_list("name", flat=True)) == old_names


def test_province_names_are_found_without_diacritics():
    found = Province.objects.current().search("dak lak")
    assert list(found.values_list("name", flat=True)) == ["Đắk Lắk"]


def test_loading_the_provinces_again_changes_nothing():
    from xttm.directory.places import load_provinces

    before = list(Province.objects.values_list("pk", "system", "code", "name", "successor_id"))
    assert load_provinces(Province) == (34, 63)
    after = list(Province.objects.values_list("pk", "system", "code", "name", "successor_id"))
    assert before == after
