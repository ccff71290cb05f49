"""Criteria computed from the promotion data, with the records behind each score."""

import datetime
from decimal import Decimal

import pytest

from xttm.directory.models import Person
from xttm.emulation import computed
from xttm.emulation.factories import CriterionFactory, MovementFactory
from xttm.emulation.models import Score

promotion = pytest.importorskip("xttm.promotion.factories")

pytestmark = pytest.mark.django_db


@pytest.fixture
def hong(personas):
    return Person.objects.get(code="cb-staff")


def submitted_by(user, **kwargs):
    from xttm.promotion.models import SchemeEvent

    scheme = promotion.SchemeFactory(year=2025, **kwargs)
    SchemeEvent.objects.create(
        scheme=scheme, actor=user, from_status="draft", to_status="submitted"
    )
    return scheme


def test_quarters_and_years_are_date_ranges():
    assert computed.period_range("2025") == (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert computed.period_range("2025-Q1") == (
        datetime.date(2025, 1, 1),
        datetime.date(2025, 3, 31),
    )
    assert computed.period_range("2025-Q4") == (
        datetime.date(2025, 10, 1),
        datetime.date(2025, 12, 31),
    )


def test_participations_and_deals_count_for_the_person_who_submitted_the_scheme(personas, hong):
    scheme = submitted_by(personas["staff"])
    activity = promotion.ActivityFactory(scheme=scheme, end_date=datetime.date(2025, 3, 14))
    promotion.ParticipationFactory(activity=activity)
    promotion.ParticipationFactory(activity=activity)
    promotion.DealFactory(
        activity=activity, signed_on=datetime.date(2025, 3, 12), value_vnd=Decimal("2500000000")
    )
    someone_elses = submitted_by(personas["programme_officer"])
    promotion.ParticipationFactory(
        activity=promotion.ActivityFactory(
            scheme=someone_elses, end_date=datetime.date(2025, 3, 14)
        )
    )

    count, records = computed.participations(hong, "2025")
    value, deals = computed.deal_value(hong, "2025")

    assert count == Decimal(2)
    assert {r["activity"] for r in records} == {activity.code}
    assert (value, len(deals)) == (Decimal("2.50"), 1)
    assert computed.participations(hong.unit, "2025-Q1")[0] == Decimal(2)
    assert computed.participations(hong, "2025-Q2")[0] == Decimal(0)


def test_a_computed_score_is_capped_and_keeps_its_records(personas, hong, secretary):
    scheme = submitted_by(personas["staff"])
    activity = promotion.ActivityFactory(scheme=scheme, end_date=datetime.date(2025, 3, 14))
    for _ in range(3):
        promotion.ParticipationFactory(activity=activity)
    movement = MovementFactory()
    criterion = CriterionFactory(
        movement=movement, computed="participations", max_score=2, weight=2
    )

    assessment = computed.score_computed(movement, hong, period="2025", actor=secretary)

    score = Score.objects.get(assessment=assessment, criterion=criterion)
    assert score.value == Decimal(2)
    assert len(score.records) == 3
    assert assessment.total == Decimal(4)


def test_accepted_schemes_count_in_the_period_of_their_acceptance(personas, hong):
    from django.utils import timezone

    from xttm.promotion.models import SchemeEvent

    scheme = submitted_by(personas["staff"])
    SchemeEvent.objects.create(
        scheme=scheme,
        actor=personas["programme_officer"],
        from_status="reported",
        to_status="accepted",
    )
    this_year = str(timezone.localdate().year)

    count, records = computed.schemes_accepted(hong, this_year)

    assert count == Decimal(1)
    assert records[0]["code"] == scheme.code
    assert computed.schemes_accepted(hong, "2019")[0] == Decimal(0)


def test_reports_filed_after_the_deadline_do_not_count(personas, hong):
    scheme = submitted_by(personas["staff"])
    promotion.ActivityFactory(
        scheme=scheme,
        end_date=datetime.date(2025, 3, 14),
        results_reported_on=datetime.date(2025, 4, 1),
    )
    promotion.ActivityFactory(
        scheme=scheme,
        end_date=datetime.date(2025, 3, 14),
        results_reported_on=datetime.date(2025, 5, 1),
    )
    promotion.ActivityFactory(scheme=scheme, end_date=datetime.date(2025, 3, 14))

    count, records = computed.reports_on_time(hong, "2025")

    assert count == Decimal(1)
    assert [r["on_time"] for r in records] == [True, False, False]
