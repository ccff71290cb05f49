"""A unit registers its aimed collective title; the secretariat consolidates and approves."""

import pytest
from django.urls import reverse

from xttm.accounts.factories import UserFactory
from xttm.accounts.roles import Role
from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.directory.models import Person
from xttm.emulation import services
from xttm.emulation.models import Registration, RegistrationEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def hong(personas):
    return Person.objects.get(code="cb-staff")


@pytest.fixture
def head(client, hong):
    """The head of Hồng's unit (Văn phòng Cục), logged in."""
    user = UserFactory(username="t_head", roles=[Role.STAFF])
    person = PersonFactory(code="cb-head", unit=hong.unit, user=user)
    hong.unit.head = person
    hong.unit.save()
    client.force_login(user)
    return user


def test_a_unit_head_registers_the_units_collective_title_and_submits_it(client, head, hong):
    response = client.post(
        reverse("emulation:registration-unit-create"),
        {
            "unit": hong.unit.pk,
            "year": "2025",
            "aimed_code": "TTLDXS",
            "commitments": "100% cán bộ hoàn thành nhiệm vụ",
        },
    )
    registration = Registration.objects.get()
    assert response.url == registration.get_absolute_url()
    assert (registration.unit, registration.person, registration.aimed_code) == (
        hong.unit,
        None,
        "TTLDXS",
    )
    assert registration.status == "draft"

    client.post(reverse("emulation:registration-action", args=[registration.pk, "submit"]))

    registration.refresh_from_db()
    assert registration.status == "submitted"


def test_the_unit_form_offers_only_collective_titles_and_the_units_the_user_heads(
    client, head, hong
):
    UnitFactory(code="khac", name="Phòng khác")

    form = client.get(reverse("emulation:registration-unit-create")).context["form"]

    assert [c for c, _label in form.fields["aimed_code"].choices if c] == [
        "TTLDTT",
        "TTLDXS",
        "CO_TD_BO",
        "CO_TD_CP",
    ]
    assert list(form.fields["unit"].queryset) == [hong.unit]


def test_a_unit_head_cannot_register_another_unit(client, head):
    other = UnitFactory(code="khac", name="Phòng khác")

    response = client.post(
        reverse("emulation:registration-unit-create"),
        {"unit": other.pk, "year": "2025", "aimed_code": "TTLDTT"},
    )

    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert Registration.objects.count() == 0


def test_staff_who_head_no_unit_are_refused(client_as, hong):
    response = client_as("staff").post(
        reverse("emulation:registration-unit-create"),
        {"unit": hong.unit.pk, "year": "2025", "aimed_code": "TTLDTT"},
    )

    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_a_unit_head_cannot_approve_their_own_units_registration(client, head, hong):
    registration = services.register(hong.unit, year=2025, aimed_code="TTLDTT", actor=head)
    services.submit_registration(registration, actor=head)

    client.post(reverse("emulation:registration-action", args=[registration.pk, "approve"]))

    registration.refresh_from_db()
    assert registration.status == "submitted"
    assert RegistrationEvent.objects.count() == 1


def test_the_secretariat_consolidates_a_years_submitted_registrations_by_unit(
    client_as, personas, head, hong, secretary
):
    unit_reg = services.register(hong.unit, year=2025, aimed_code="TTLDXS", actor=head)
    services.submit_registration(unit_reg, actor=head)
    staff_reg = services.register(hong, year=2025, aimed_code="LDTT", actor=personas["staff"])
    services.submit_registration(staff_reg, actor=personas["staff"])
    draft = services.register(
        PersonFactory(code="cb-draft", unit=hong.unit),
        year=2025,
        aimed_code="LDTT",
        actor=secretary,
    )
    services.register(hong, year=2024, aimed_code="LDTT", actor=personas["staff"])
    client = client_as("emulation_secretariat")

    page = client.get(reverse("emulation:registration-consolidate"), {"year": 2025})
    [(unit, rows)] = page.context["groups"]
    assert unit == hong.unit
    assert {r.pk for r in rows} == {unit_reg.pk, staff_reg.pk}

    response = client.post(
        reverse("emulation:registration-consolidate"),
        {"year": "2025", "registration": [unit_reg.pk, staff_reg.pk, draft.pk]},
    )

    assert response.url == reverse("emulation:registration-consolidate") + "?year=2025"
    assert dict(Registration.objects.filter(year=2025).values_list("pk", "status")) == {
        unit_reg.pk: "approved",
        staff_reg.pk: "approved",
        draft.pk: "draft",
    }
    assert list(
        RegistrationEvent.objects.filter(to_status="approved").values_list(
            "actor__username", flat=True
        )
    ) == ["t_secretariat", "t_secretariat"]


def test_only_the_secretariat_consolidates(client_as, personas, hong):
    registration = services.register(hong, year=2025, aimed_code="LDTT", actor=personas["staff"])
    services.submit_registration(registration, actor=personas["staff"])

    for persona in ("staff", "leadership", "council_member"):
        response = client_as(persona).post(
            reverse("emulation:registration-consolidate"),
            {"year": "2025", "registration": [registration.pk]},
        )
        assert response.status_code == 403, persona
    registration.refresh_from_db()
    assert registration.status == "submitted"


def test_consolidation_approves_all_chosen_or_none(personas, hong, secretary):
    ready = services.register(hong, year=2025, aimed_code="LDTT", actor=personas["staff"])
    services.submit_registration(ready, actor=personas["staff"])
    draft = services.register(
        PersonFactory(code="cb-draft"), year=2025, aimed_code="LDTT", actor=secretary
    )

    with pytest.raises(services.ServiceError, match="không ở trạng thái chờ duyệt"):
        services.approve_registrations([ready, draft], actor=secretary)

    assert Registration.objects.get(pk=ready.pk).status == "submitted"
    assert RegistrationEvent.objects.filter(to_status="approved").count() == 0
