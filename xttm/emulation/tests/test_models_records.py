"""Models keep their own invariants: settings by date, one subject per record, one rating a year."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.emulation.factories import RatingFactory
from xttm.emulation.models import EmulationSetting, Rating, setting

pytestmark = pytest.mark.django_db


def test_a_setting_falls_back_from_the_code_to_the_family_to_the_default():
    assert setting("threshold_percent.CSTD_BO") == Decimal("90")
    assert setting("threshold_percent.LDTT") == Decimal("70")
    EmulationSetting.objects.create(key="threshold_percent", value=75, effective_from="2025-01-01")
    assert setting("threshold_percent.LDTT", datetime.date(2025, 6, 1)) == Decimal("75")
    assert setting("threshold_percent.LDTT", datetime.date(2024, 6, 1)) == Decimal("70")
    assert setting("threshold_percent.CSTD_BO", datetime.date(2025, 6, 1)) == Decimal("90")


def test_an_unknown_setting_is_an_error_not_a_silent_zero():
    with pytest.raises(KeyError):
        setting("treshold_percent")


def test_a_setting_changes_are_kept_in_history():
    row = EmulationSetting.objects.create(
        key="base_salary_vnd", value=2340000, effective_from="2024-07-01"
    )
    row.value = 2600000
    row.save()

    assert [h.value for h in row.history.order_by("history_date")] == [
        Decimal("2340000"),
        Decimal("2600000"),
    ]


def test_a_rating_is_about_a_person_or_a_unit_never_both_nor_neither():
    person, unit = PersonFactory(), UnitFactory()

    for subject in ({"person": person, "unit": unit}, {"person": None, "unit": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Rating.objects.create(year=2024, code="HTTNV", **subject)

    assert Rating.objects.count() == 0


def test_one_rating_per_person_and_year():
    rating = RatingFactory(year=2024)

    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(person=rating.person, year=2024, code="HTNV")

    assert Rating.objects.get().code == rating.code
