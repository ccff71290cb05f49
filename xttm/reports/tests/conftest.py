"""A small programme over 2010–2015 built from the shared factories, its summary rebuilt from the rows,
and a recomputation of any filter straight from the raw rows (the oracle the dashboard must equal)."""

import datetime
import random
from decimal import Decimal

import pytest

from xttm.directory.choices import ProvinceSystem
from xttm.directory.factories import EnterpriseFactory, province
from xttm.promotion.choices import APPROVED_STATES, DealKind, SchemeStatus
from xttm.promotion.factories import (
    ActivityFactory,
    DealFactory,
    ParticipationFactory,
    ProgrammeYearFactory,
    SchemeFactory,
    content,
)
from xttm.promotion.models import Activity, BudgetLine, Deal, Participation, Scheme
from xttm.promotion.summary import ProvinceMap, rebuild_summary

OLD = ProvinceSystem.OLD_63
# Where domestic activities happen: new provinces (one unchanged, two merged) and old ones.
PLACES = [
    ("01", "2025"),
    ("48", "2025"),
    ("79", "2025"),
    ("49", OLD),
    ("74", OLD),
    ("77", OLD),
    ("01", OLD),
]
ABROAD = ["JP", "US", "DE"]
STATES = [
    SchemeStatus.SUBMITTED,
    SchemeStatus.APPROVED,
    SchemeStatus.IN_PROGRESS,
    SchemeStatus.SETTLED,
]


def build_programme(leads, *, seed=7, schemes=24, years=(2010, 2015)):
    """Schemes, budget lines, activities, participations and deals spread over the dimensions."""
    rng = random.Random(seed)
    contents = [content("fair_abroad"), content("domestic_fair"), content("vn_goods_fair")]
    enterprises = [EnterpriseFactory() for _ in range(8)]
    for year in range(years[0], years[1] + 1):
        ProgrammeYearFactory(year=year, budget_vnd=Decimal(70_000_000_000 + year))
    for i in range(schemes):
        kind = contents[i % len(contents)]
        year = rng.randint(*years)
        abroad = kind.code == "fair_abroad"
        place = None if abroad else province(*PLACES[rng.randrange(len(PLACES))])
        scheme = SchemeFactory(
            year=year,
            content_type=kind,
            lead=leads[i % len(leads)],
            country=rng.choice(ABROAD) if abroad else "VN",
            city="Tokyo" if abroad else "",
            province=place,
            status=STATES[i % len(STATES)],
            support_requested=Decimal(rng.randint(1, 30) * 100_000_000),
            costs=False,
        )
        if scheme.status in APPROVED_STATES:
            approved = Decimal(rng.randint(1, 10) * 100_000_000)
            BudgetLine.objects.create(
                scheme=scheme,
                year=year,
                approved=approved,
                disbursed=approved / 2,
                settled=approved / 4,
            )
            scheme.support_approved = approved
            scheme.save(update_fields=["support_approved"])
        for a in range(rng.randint(0, 2)):
            activity = ActivityFactory(
                scheme=scheme,
                start_date=datetime.date(year, 3 + a, 10),
                end_date=datetime.date(year, 3 + a, 14),
                country=scheme.country,
                province=place,
            )
            for enterprise in rng.sample(enterprises, rng.randint(0, 4)):
                ParticipationFactory(
                    activity=activity,
                    enterprise=enterprise,
                    support_vnd=Decimal(rng.randint(1, 9) * 10_000_000),
                )
            for _d in range(rng.randint(0, 3)):
                usd = Decimal(rng.randint(1, 500) * 1000)
                DealFactory(
                    activity=activity,
                    enterprise=rng.choice(enterprises),
                    kind=rng.choice(DealKind.values),
                    signed_on=activity.end_date,
                    value=usd,
                    value_usd=usd,
                    value_vnd=usd * 25000,
                )
    return rebuild_summary()


def recompute(f, user_lead=None) -> dict:
    """The filtered figures summed in Python over every raw row: the oracle for the dashboard."""
    provinces = ProvinceMap()
    field = 1 if f.system == OLD else 0
    total = dict.fromkeys(
        ["schemes", "schemes_approved", "budget_approved", "budget_disbursed", "budget_settled",
         "participations", "deals", "value_usd", "value_vnd"],
        0,
    )  # fmt: skip
    by_province: dict = {}

    def keep(year, scheme, country, province_id):
        country = country or ""
        if not f.year_from <= year <= f.year_to:
            return False
        if f.line and scheme.line != f.line:
            return False
        if f.content_type and scheme.content_type.code != f.content_type:
            return False
        lead = f.lead if f.lead is not None else user_lead
        if lead is not None and scheme.lead_id != lead:
            return False
        if f.country and (country in ("", "VN")) != (f.country == "VN"):
            return False
        if f.country and f.country != "VN" and country != f.country:
            return False
        place = provinces(province_id if country in ("", "VN") else None)[field]
        if f.province is not None and place != f.province:
            return False
        return place

    def add(place, **measures):
        row = by_province.setdefault(place, dict.fromkeys(total, 0))
        for name, value in measures.items():
            total[name] += value
            row[name] += value

    schemes = {
        s.pk: s for s in Scheme.objects.select_related("content_type").exclude(status="draft")
    }
    for s in schemes.values():
        place = keep(s.year, s, str(s.country or ""), s.province_id)
        if place is not False:
            add(place, schemes=1, schemes_approved=int(s.status in APPROVED_STATES))
    for b in BudgetLine.objects.all():
        s = schemes[b.scheme_id]
        place = keep(b.year, s, str(s.country or ""), s.province_id)
        if place is not False:
            add(
                place,
                budget_approved=b.approved,
                budget_disbursed=b.disbursed,
                budget_settled=b.settled,
            )
    activities = {a.pk: a for a in Activity.objects.all()}
    for p in Participation.objects.all():
        a = activities[p.activity_id]
        place = keep(a.start_date.year, schemes[a.scheme_id], str(a.country or ""), a.province_id)
        if place is not False:
            add(place, participations=1)
    for d in Deal.objects.all():
        a = activities[d.activity_id]
        place = keep(a.start_date.year, schemes[a.scheme_id], str(a.country or ""), a.province_id)
        if place is not False:
            add(place, deals=1, value_usd=d.value_usd, value_vnd=d.value_vnd)
    return {"total": total, "by_province": by_province}


@pytest.fixture
def programme_data(db, agency, partner_org, other_org):
    """The programme built once per test, led by the agency, the partner's centre and an association."""
    build_programme([agency, partner_org, other_org])
    return {"agency": agency, "partner": partner_org, "other": other_org}


@pytest.fixture
def reference_rows(transactional_db):
    """Provinces and role groups again, for a test outside a transaction.

    A transactional test ends by flushing every table, the data migrations' rows
    included, so whatever ran before may have left them empty (both loaders are
    idempotent; tests/browser/conftest.py does the same).
    """
    import importlib

    from django.contrib.auth.models import Group

    from xttm.directory.models import Province
    from xttm.directory.places import load_provinces

    if not Province.objects.exists():
        load_provinces(Province)
    role_groups = importlib.import_module("xttm.accounts.migrations.0003_role_groups")
    for name in role_groups.ROLES:
        Group.objects.get_or_create(name=name)
