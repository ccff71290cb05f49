"""Scoring a movement's criteria: self-assessment by the subject, assessment and ranking by the secretariat."""

from decimal import Decimal

import pytest
from django.urls import reverse

from xttm.directory.factories import UnitFactory
from xttm.directory.models import Person
from xttm.emulation import services
from xttm.emulation.factories import CriterionFactory, MovementFactory
from xttm.emulation.models import Assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(personas):
    hong = Person.objects.get(code="cb-staff")
    movement = MovementFactory(name="Thi đua năm 2025")
    movement.people.add(hong)
    movement.units.add(hong.unit)
    CriterionFactory(movement=movement, code="a", name="Chuyên môn", weight=3, max_score=10)
    CriterionFactory(movement=movement, code="b", name="Kỷ luật", weight=1, max_score=5)
    return movement


def fields(movement, **values):
    a, b = movement.criteria.order_by("code")
    return {f"c{a.pk}": values["a"], f"c{b.pk}": values["b"]}


def test_staff_assess_themselves_with_a_weighted_total(client_as, movement):
    hong = Person.objects.get(code="cb-staff")

    response = client_as("staff").post(
        reverse("emulation:movement-assess", args=[movement.pk]),
        {
            "subject": f"person:{hong.pk}",
            "kind": "self",
            "period": "2025-Q2",
            **fields(movement, a=8, b=5),
        },
    )

    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert (assessment.person, assessment.kind, assessment.total) == (
        hong,
        "self",
        Decimal("29.00"),
    )


def test_staff_cannot_give_themselves_an_official_score_nor_score_others(
    client_as, movement, nominee
):
    movement.people.add(nominee)
    client = client_as("staff")

    official = client.post(
        reverse("emulation:movement-assess", args=[movement.pk]),
        {
            "subject": f"person:{Person.objects.get(code='cb-staff').pk}",
            "kind": "official",
            "period": "2025-Q2",
            **fields(movement, a=10, b=5),
        },
    )
    other = client.post(
        reverse("emulation:movement-assess", args=[movement.pk]),
        {
            "subject": f"person:{nominee.pk}",
            "kind": "self",
            "period": "2025-Q2",
            **fields(movement, a=10, b=5),
        },
    )

    assert official.status_code == other.status_code == 200  # the form, with its errors
    assert Assessment.objects.count() == 0


def test_a_score_above_the_maximum_is_refused(movement, secretary):
    criterion = movement.criteria.get(code="b")

    with pytest.raises(services.ServiceError, match="từ 0 đến 5"):
        services.record_assessment(
            movement,
            movement.units.get(),
            period="2025-Q2",
            kind="official",
            scores={criterion: (6, "")},
            actor=secretary,
        )

    assert Assessment.objects.count() == 0


def test_the_ranking_orders_units_by_weighted_total(movement, secretary):
    first, second = movement.units.get(), UnitFactory(code="u-2")
    a, b = movement.criteria.order_by("code")
    services.record_assessment(
        movement,
        second,
        period="2025-Q2",
        kind="official",
        scores={a: (6, ""), b: (5, "")},
        actor=secretary,
    )
    services.record_assessment(
        movement,
        first,
        period="2025-Q2",
        kind="official",
        scores={a: (9, ""), b: (1, "")},
        actor=secretary,
    )

    ranking = services.ranking(movement, period="2025-Q2")

    assert [(r.unit, r.total) for r in ranking] == [
        (first, Decimal("28.00")),
        (second, Decimal("23.00")),
    ]
