"""Factories of the national programme, shared by the tests and the demo data."""

import datetime
from decimal import Decimal

import factory

from xttm.directory.factories import EnterpriseFactory, OrganizationFactory, province

from . import summary
from .choices import ActivityKind, BrandResult, DealKind, FacilityKind, SchemeStatus
from .models import (
    Activity,
    BrandApplicant,
    BrandCycle,
    CostItem,
    Deal,
    ExchangeRate,
    Facility,
    NetworkStaffing,
    Participation,
    ProgrammeYear,
    Scheme,
)
from .reference import ensure_contents


def content(code: str = "fair_abroad"):
    return ensure_contents()[code]


class ProgrammeYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeYear
        django_get_or_create = ("year",)

    year = 2026
    budget_vnd = Decimal("100000000000")
    proposal_deadline = factory.LazyAttribute(lambda o: datetime.date(o.year - 1, 5, 15))


class SchemeFactory(factory.django.DjangoModelFactory):
    """A scheme row as stored; tests move it through the services, never by setting `status`."""

    class Meta:
        model = Scheme
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"DA-{n:05d}")
    year = 2026
    content_type = factory.LazyFunction(lambda: content("fair_abroad"))
    line = factory.LazyAttribute(lambda o: o.content_type.line)
    lead = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Tham gia Hội chợ thực phẩm quốc tế số {n}")
    objectives = "Quảng bá nông sản, thực phẩm Việt Nam; tìm kiếm đối tác nhập khẩu."
    country = "JP"
    city = "Tokyo"
    start_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 3, 10))
    end_date = factory.LazyAttribute(lambda o: datetime.date(o.year, 3, 14))
    planned_booths = 12
    planned_enterprises = 12
    planned_deals = 20
    support_rate = Decimal(100)
    support_requested = Decimal("1200000000")
    status = SchemeStatus.DRAFT

    @factory.post_generation
    def costs(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            CostItem.objects.create(
                scheme=obj, name="Thuê mặt bằng, dàn dựng gian hàng", amount=Decimal("900000000")
            )
            CostItem.objects.create(
                scheme=obj, name="Tuyên truyền, quảng bá", amount=Decimal("300000000")
            )

    @factory.post_generation
    def counted(obj, create, extracted, **kwargs):
        # Rows made here are counted in the summary as the services would count them.
        if create:
            summary.apply_delta(summary.contribution_of(obj))


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    code = factory.Sequence(lambda n: f"HD-{n:05d}")
    scheme = factory.SubFactory(SchemeFactory)
    kind = ActivityKind.FAIR
    name = factory.Sequence(lambda n: f"Hội chợ FOODEX số {n}")
    start_date = factory.LazyAttribute(
        lambda o: o.scheme.start_date or datetime.date(o.scheme.year, 3, 10)
    )
    end_date = factory.LazyAttribute(lambda o: o.scheme.end_date or o.start_date)
    country = factory.LazyAttribute(lambda o: o.scheme.country or "VN")
    city = factory.LazyAttribute(lambda o: o.scheme.city)
    province = factory.LazyAttribute(lambda o: o.scheme.province)
    booths = 12
    visitors = 5000


class ParticipationFactory(factory.django.DjangoModelFactory):
    @factory.post_generation
    def counted(obj, create, extracted, **kwargs):
        if create:
            summary.apply_delta(summary.contribution_of(obj))

    class Meta:
        skip_postgeneration_save = True
        model = Participation

    activity = factory.SubFactory(ActivityFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    booths = 1
    support_vnd = Decimal("50000000")


class ExchangeRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeRate
        django_get_or_create = ("date", "currency")

    date = datetime.date(2026, 3, 1)
    currency = "USD"
    rate_to_vnd = Decimal("25000")


class DealFactory(factory.django.DjangoModelFactory):
    @factory.post_generation
    def counted(obj, create, extracted, **kwargs):
        if create:
            summary.apply_delta(summary.contribution_of(obj))

    class Meta:
        skip_postgeneration_save = True
        model = Deal

    code = factory.Sequence(lambda n: f"HĐ-{n:05d}")
    activity = factory.SubFactory(ActivityFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = DealKind.CONTRACT
    signed_on = datetime.date(2026, 3, 12)
    value = Decimal("100000")
    currency = "USD"
    rate_to_vnd = Decimal("25000")
    rate_date = datetime.date(2026, 3, 12)
    value_vnd = Decimal("2500000000")
    value_usd = Decimal("100000")


class BrandCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrandCycle
        django_get_or_create = ("year",)

    year = 2024
    decision_number = "1234/QĐ-BCT"
    decision_date = datetime.date(2024, 11, 20)


class BrandApplicantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BrandApplicant

    cycle = factory.SubFactory(BrandCycleFactory)
    enterprise = factory.SubFactory(EnterpriseFactory)
    score_quality = 250
    score_innovation = 140
    score_pioneering = 420
    result = BrandResult.PENDING


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    province = factory.LazyFunction(lambda: province("48"))
    kind = FacilityKind.CENTRE
    name = factory.Sequence(lambda n: f"Trung tâm Xúc tiến Thương mại số {n}")


class NetworkStaffingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkStaffing

    organization = factory.SubFactory(OrganizationFactory)
    year = 2025
    headcount = 12
    trained = 8


__all__ = ["EnterpriseFactory", "province"]
