"""The demo data: the rows it promises, valid tax codes, every province, idempotent, deterministic."""

import datetime
import hashlib
import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory, override_settings

from xttm.accounts.roles import Role
from xttm.core.demo import ENTERPRISE_COUNT, demo_logins, seed_demo
from xttm.directory.choices import OrganizationKind, ProvinceSystem
from xttm.directory.models import Body, Enterprise, Organization, Person, Province, Unit
from xttm.directory.taxcode import is_valid_tax_code

# Hashing eight demo passwords with the production hasher costs seconds per seed.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _counts() -> dict[str, int]:
    return {
        "organizations": Organization.objects.count(),
        "organization history": Organization.history.count(),
        "units": Unit.objects.count(),
        "bodies": Body.objects.count(),
        "people": Person.objects.count(),
        "people history": Person.history.count(),
        "enterprises": Enterprise.objects.count(),
        "enterprise history": Enterprise.history.count(),
        "users": get_user_model().objects.count(),
    }


def _digest() -> str:
    """A fingerprint of everything a user would see of the seeded enterprises and staff."""
    sha = hashlib.sha256()
    for row in Enterprise.objects.order_by("tax_code").values_list(
        "tax_code",
        "name",
        "english_name",
        "province__system",
        "province__code",
        "sector",
        "size",
        "ownership",
        "address",
        "phone",
        "registered_by__code",
    ):
        sha.update(repr(row).encode())
    for row in Person.objects.order_by("code").values_list(
        "code", "full_name", "date_of_birth", "unit__code", "email"
    ):
        sha.update(repr(row).encode())
    for row in Organization.objects.order_by("code").values_list("code", "name", "address"):
        sha.update(repr(row).encode())
    return sha.hexdigest()


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the whole class, in a transaction rolled back after its last test."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        with transaction.atomic():
            summary = seed_demo()
            yield summary
            transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded")
class TestTheSeededDemo:
    def test_it_reports_exactly_what_it_created(self, seeded):
        assert (
            seeded.organizations,
            seeded.units,
            seeded.bodies,
            seeded.people,
            seeded.enterprises,
            seeded.users,
        ) == (81, 11, 4, 42, 2000, 8)
        assert ENTERPRISE_COUNT == 2000
        assert seeded.new_logins == [username for username, _, _ in demo_logins()]

    def test_the_network_has_a_centre_and_a_department_in_each_of_the_34_provinces(self):
        by_kind = {
            kind: Organization.objects.filter(kind=kind).count() for kind in OrganizationKind
        }
        assert by_kind == {
            OrganizationKind.AGENCY: 1,
            OrganizationKind.PROVINCIAL_CENTRE: 34,
            OrganizationKind.DEPARTMENT: 34,
            OrganizationKind.ASSOCIATION: 12,
            OrganizationKind.OTHER: 0,
        }
        centres = Organization.objects.filter(kind=OrganizationKind.PROVINCIAL_CENTRE)
        assert centres.values("province").distinct().count() == 34
        assert not Organization.objects.exclude(province__system=ProvinceSystem.NEW_34).exists()
        assert Organization.objects.get(code="ttxt-danang").province.code == "48"
        assert Organization.objects.get(code="vasep").short_name == "VASEP"

    def test_the_agency_has_its_unit_tree_heads_bodies_and_staff(self):
        agency = Organization.objects.get(code="vietrade")
        assert agency.units.count() == 11
        assert set(
            Unit.objects.filter(parent__code="van-phong").values_list("code", flat=True)
        ) == {"vpdd-da-nang", "vpdd-ho-chi-minh"}
        for unit in agency.units.all():
            assert unit.head is not None and unit.head.unit_id == unit.pk, unit
        assert Unit.objects.get(code="lanh-dao-cuc").head.position == "Cục trưởng"
        assert sorted(agency.bodies.values_list("kind", flat=True)) == [
            "admin",
            "party",
            "union",
            "youth",
        ]
        assert Person.objects.count() == 42
        assert Person.objects.values("full_name").distinct().count() == 42
        assert Person.objects.filter(recruited_on=datetime.date(2024, 8, 15)).count() == 1
        assert not Person.objects.filter(memberships=None).exists()
        assert Person.objects.filter(memberships__kind="youth").count() == 8

    def test_every_tax_code_is_valid_and_branches_carry_their_parents_code(self):
        codes = list(Enterprise.objects.values_list("tax_code", flat=True))
        assert len(codes) == 2000
        assert [code for code in codes if not is_valid_tax_code(code)] == []
        branches = [code for code in codes if "-" in code]
        assert len(branches) == 20
        assert all(code[:10] in codes and code.endswith("-001") for code in branches)

    def test_enterprises_span_all_34_provinces_and_some_keep_an_old_one(self):
        provinces = Province.objects.filter(enterprises__isnull=False).distinct()
        assert {p.current.code for p in provinces.select_related("successor")} == set(
            Province.objects.current().values_list("code", flat=True)
        )
        old = Enterprise.objects.filter(province__system=ProvinceSystem.OLD_63).count()
        assert 500 < old < 900
        assert (
            Enterprise.objects.filter(province__code="79").count()
            > Enterprise.objects.filter(province__code="12").count()
        )

    def test_enterprises_are_searchable_without_diacritics(self):
        first = Enterprise.objects.get(tax_code="1070000005")
        assert first.name == "Công ty Cổ phần Cơ khí Nam Việt"
        assert first.search_text == first.build_search_text()
        assert Enterprise.objects.search("co khi nam viet").filter(pk=first.pk).exists()
        assert not Enterprise.objects.filter(search_text="").exists()

    def test_there_is_a_login_per_role_and_each_works_with_its_printed_password(self):
        User = get_user_model()
        per_role = {role: User.objects.filter(groups__name=role).count() for role in Role}
        # Two partner officers: one of a provincial centre, one of an association.
        assert per_role == {role: 2 if role == Role.PARTNER_OFFICER else 1 for role in Role}
        request = RequestFactory().post("/accounts/login/")
        for username, password, _label in demo_logins():
            assert authenticate(request, username=username, password=password) is not None
        admin = authenticate(request, username="admin", password="admin")
        assert admin.is_superuser and admin.is_staff and admin.has_role(Role.ADMIN)

    def test_agency_logins_are_linked_to_staff_and_partners_to_their_organisation(self):
        User = get_user_model()
        assert User.objects.get(username="lanhdao").person.position == "Cục trưởng"
        assert User.objects.get(username="chuongtrinh").person.unit.code == "chuong-trinh"
        assert User.objects.get(username="canbo").person.position == "Chuyên viên"
        assert User.objects.get(username="doitac").organization.code == "ttxt-danang"
        doitac2 = User.objects.get(username="doitac2")
        assert doitac2.organization.kind == OrganizationKind.ASSOCIATION
        assert not hasattr(doitac2, "person")

    def test_a_second_run_creates_nothing(self):
        before = _counts()
        again = seed_demo()
        assert again.created == 0
        assert again.new_logins == []
        assert _counts() == before

    def test_the_command_prints_the_logins(self):
        out = io.StringIO()
        call_command("seed-demo", stdout=out)
        text = out.getvalue()
        assert "không tạo thêm" in text
        assert "admin / admin — Quản trị hệ thống" in text
        assert "doitac / doitac — Cán bộ đơn vị chủ trì" in text


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=FAST_HASHERS)
def test_two_seeds_of_fresh_databases_are_identical():
    digests = []
    for _ in range(2):
        with transaction.atomic():
            seed_demo()
            digests.append(_digest())
            transaction.set_rollback(True)  # the next seed starts from an empty database
        assert not Enterprise.objects.exists()
    assert digests[0] == digests[1]
