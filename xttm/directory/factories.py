"""Factories for the directory, shared by the tests and the demo data (`xttm seed-demo`)."""

import datetime

import factory
from stdnum.vn import mst

from .choices import (
    BodyKind,
    EmploymentCategory,
    EnterpriseSize,
    Gender,
    OrganizationKind,
    Ownership,
    ProvinceSystem,
    Sector,
)
from .models import Body, Enterprise, Organization, Person, Province, Unit

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Công"]
GIVEN_F = ["Lan", "Hương", "Mai", "Hà", "Linh", "Thảo", "Trang", "Hạnh", "Yến", "Nga", "Vân"]
GIVEN_M = ["Hùng", "Dũng", "Nam", "Sơn", "Tuấn", "Long", "Hải", "Phong", "Khánh", "Bình"]
TRADES = [
    "Thực phẩm",
    "Nông sản",
    "Dệt may",
    "Gỗ",
    "Thủy sản",
    "Cà phê",
    "Điện tử",
    "Cơ khí",
    "Thủ công mỹ nghệ",
    "Da giày",
    "Gạo",
    "Hồ tiêu",
    "Điều",
    "Nhựa",
    "Chè",
]
FORMS = [
    "Công ty TNHH",
    "Công ty Cổ phần",
    "Công ty TNHH MTV",
    "Hợp tác xã",
    "Doanh nghiệp tư nhân",
]
PLACES = [
    "Sài Gòn",
    "Hà Thành",
    "Mekong",
    "Tây Nguyên",
    "Hồng Hà",
    "Phương Nam",
    "Việt Á",
    "An Phát",
    "Thành Công",
    "Hưng Thịnh",
    "Bình Minh",
    "Đại Dương",
    "Trường Sơn",
]


def tax_code_for(n: int) -> str:
    """A valid 10-digit tax code derived from n (deterministic, for demo and tests).

    About one prefix in eleven has no valid check digit; those are skipped.
    """
    base = 100_000_000 + n * 7
    while True:
        prefix = f"{base % 1_000_000_000:09d}"
        digit = mst.calc_check_digit(prefix)
        if len(digit) == 1 and prefix[2:9] != "0000000":
            return prefix + digit
        base += 1


def person_name(n: int, gender: str) -> str:
    surname = SURNAMES[n % len(SURNAMES)]
    if gender == Gender.FEMALE:
        return f"{surname} {MIDDLE_F[n // 3 % len(MIDDLE_F)]} {GIVEN_F[n // 5 % len(GIVEN_F)]}"
    return f"{surname} {MIDDLE_M[n // 3 % len(MIDDLE_M)]} {GIVEN_M[n // 5 % len(GIVEN_M)]}"


def province(code: str, system: str = ProvinceSystem.NEW_34) -> Province:
    """Provinces come from the data migration; factories look them up, never create them."""
    return Province.objects.get(system=system, code=code)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Trung tâm Xúc tiến thương mại số {n}")
    kind = OrganizationKind.PROVINCIAL_CENTRE
    province = factory.LazyFunction(lambda: province("01"))


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    organization = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.AGENCY)
    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Phòng số {n}")


def many_units(count: int, *, code: str = "cuc-many") -> dict[str, Unit]:
    """`count` units "Phòng nghiệp vụ 000"… (codes p-000…) of one agency, written at once: more
    than a picker lists, as in the national data. By code."""
    agency = OrganizationFactory(code=code)
    units = [
        Unit(organization=agency, code=f"p-{i:03d}", name=f"Phòng nghiệp vụ {i:03d}")
        for i in range(count)
    ]
    for unit in units:
        unit.search_text = unit.build_search_text()
    Unit.objects.bulk_create(units)
    return {u.code: u for u in Unit.objects.filter(organization=agency)}


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("organization", "kind")

    organization = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.AGENCY)
    kind = BodyKind.PARTY
    name = factory.LazyAttribute(lambda o: f"{BodyKind(o.kind).label} {o.organization}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"cb-{n:04d}")
    gender = factory.Sequence(lambda n: Gender.FEMALE if n % 2 else Gender.MALE)
    full_name = factory.LazyAttributeSequence(lambda o, n: person_name(n, o.gender))
    date_of_birth = factory.Sequence(lambda n: datetime.date(1965 + n % 32, 1 + n % 12, 1 + n % 28))
    unit = factory.SubFactory(UnitFactory)
    position = "Chuyên viên"
    employment_category = EmploymentCategory.CIVIL_SERVANT
    recruited_on = factory.Sequence(lambda n: datetime.date(2000 + n % 20, 1 + n % 12, 1))


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise
        django_get_or_create = ("tax_code",)

    tax_code = factory.Sequence(tax_code_for)
    name = factory.Sequence(
        lambda n: (
            f"{FORMS[n % len(FORMS)]} {TRADES[n // 5 % len(TRADES)]} "
            f"{PLACES[n // 7 % len(PLACES)]} {n}"
        )
    )
    province = factory.LazyFunction(lambda: province("01"))
    sector = factory.Sequence(lambda n: [Sector.C, Sector.A, Sector.G][n % 3])
    size = factory.Sequence(lambda n: list(EnterpriseSize)[n % 4])
    ownership = factory.Sequence(
        lambda n: [Ownership.PRIVATE, Ownership.FOREIGN, Ownership.STATE][n % 3]
    )
