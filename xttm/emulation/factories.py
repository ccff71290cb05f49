"""Factories of the emulation app, shared by the tests and the demo data."""

import datetime

import factory

from xttm.accounts.factories import UserFactory
from xttm.directory.factories import PersonFactory, UnitFactory

from .choices import HonourKind, Level, MovementForm, Scope
from .models import (
    Commendation,
    Criterion,
    Discipline,
    Initiative,
    InitiativeAuthor,
    Movement,
    Rating,
    ReviewHold,
    Round,
)


class MovementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Movement

    name = factory.Sequence(lambda n: f"Phong trào thi đua số {n}")
    level = Level.AGENCY
    form = MovementForm.REGULAR
    launched_on = datetime.date(2025, 1, 10)
    starts_on = datetime.date(2025, 1, 1)
    ends_on = datetime.date(2025, 12, 31)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    movement = factory.SubFactory(MovementFactory)
    code = factory.Sequence(lambda n: f"tc-{n}")
    name = factory.Sequence(lambda n: f"Tiêu chí {n}")
    weight = 1
    max_score = 10


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    person = factory.SubFactory(PersonFactory)
    year = 2024
    code = "HTTNV"


class CommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commendation

    person = factory.SubFactory(PersonFactory)
    code = "LDTT"
    year = 2024
    kind = HonourKind.PERIODIC


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    title = factory.Sequence(lambda n: f"Sáng kiến cải tiến quy trình số {n}")
    unit = factory.SubFactory(UnitFactory)
    scope = Scope.UNIT
    year = 2024
    recognised_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 11, 15))
    certificate_number = factory.Sequence(lambda n: f"{n}/GCN-XTTM")


def initiative_of(person, **kwargs) -> Initiative:
    """An initiative whose sole author is `person`."""
    initiative = InitiativeFactory(unit=person.unit, **kwargs)
    InitiativeAuthor.objects.create(initiative=initiative, person=person, share=100)
    return initiative


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discipline

    person = factory.SubFactory(PersonFactory)
    level = "reprimand"
    starts_on = datetime.date(2024, 3, 1)
    ends_on = datetime.date(2024, 9, 1)


class ReviewHoldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewHold

    person = factory.SubFactory(PersonFactory)
    kind = "complaint"
    starts_on = datetime.date(2025, 1, 1)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    name = factory.Sequence(lambda n: f"Bình xét năm 2024 đợt {n}")
    year = 2024
    opened_on = datetime.date(2025, 1, 5)


__all__ = [
    "CommendationFactory",
    "CriterionFactory",
    "DisciplineFactory",
    "InitiativeFactory",
    "MovementFactory",
    "RatingFactory",
    "ReviewHoldFactory",
    "RoundFactory",
    "UserFactory",
    "initiative_of",
]
