"""Registrations: draft → submitted → approved / returned; a unit head decides members'."""

import pytest

from xttm.accounts.factories import UserFactory
from xttm.accounts.roles import Role
from xttm.directory.factories import PersonFactory
from xttm.directory.models import Person
from xttm.emulation import services
from xttm.emulation.models import Registration, RegistrationEvent
from xttm.emulation.services import ServiceError

pytestmark = pytest.mark.django_db


@pytest.fixture
def hong(personas):
    return Person.objects.get(code="cb-staff")


@pytest.fixture
def head(hong):
    user = UserFactory(username="t_head", roles=[Role.STAFF])
    person = PersonFactory(code="cb-head", unit=hong.unit, user=user)
    hong.unit.head = person
    hong.unit.save()
    return user


def test_a_staff_member_registers_and_submits_and_the_head_approves(personas, hong, head):
    staff = personas["staff"]
    registration = services.register(
        hong, year=2025, aimed_code="CSTDCS", commitments="Hoàn thành 100% kế hoạch", actor=staff
    )
    services.submit_registration(registration, actor=staff)
    services.approve_registration(registration, actor=head)

    registration.refresh_from_db()
    assert registration.status == "approved"
    assert list(
        RegistrationEvent.objects.values_list("from_status", "to_status", "actor__username")
    ) == [
        ("draft", "submitted", "t_staff"),
        ("submitted", "approved", "t_head"),
    ]
    assert registration.history.count() == 3


def test_a_returned_registration_keeps_the_reason_and_can_be_resubmitted(personas, hong, head):
    staff = personas["staff"]
    registration = services.register(hong, year=2025, aimed_code="LDTT", actor=staff)
    services.submit_registration(registration, actor=staff)
    services.return_registration(registration, actor=head, reason="Cam kết chưa đo được")
    services.submit_registration(registration, actor=staff)

    registration.refresh_from_db()
    assert (registration.status, registration.return_reason) == ("submitted", "")


def test_staff_cannot_approve_their_own_registration(personas, hong):
    staff = personas["staff"]
    registration = services.register(hong, year=2025, aimed_code="LDTT", actor=staff)
    services.submit_registration(registration, actor=staff)

    with pytest.raises(ServiceError):
        services.approve_registration(registration, actor=staff)

    registration.refresh_from_db()
    assert registration.status == "submitted"
    assert RegistrationEvent.objects.count() == 1


def test_a_head_of_another_unit_cannot_approve(personas, hong):
    other = UserFactory(username="t_other_head", roles=[Role.STAFF])
    other_person = PersonFactory(code="cb-other-head", user=other)
    other_person.unit.head = other_person
    other_person.unit.save()
    registration = services.register(hong, year=2025, aimed_code="LDTT", actor=personas["staff"])
    services.submit_registration(registration, actor=personas["staff"])

    with pytest.raises(ServiceError):
        services.approve_registration(registration, actor=other)

    assert Registration.objects.get().status == "submitted"


def test_an_approved_registration_cannot_be_returned(personas, hong, secretary):
    registration = services.register(hong, year=2025, aimed_code="LDTT", actor=personas["staff"])
    services.submit_registration(registration, actor=personas["staff"])
    services.approve_registration(registration, actor=secretary)

    with pytest.raises(ServiceError, match="Không thể chuyển"):
        services.return_registration(registration, actor=secretary, reason="muộn")

    assert Registration.objects.get().status == "approved"


def test_a_stale_page_loses_the_race(personas, hong, secretary):
    registration = services.register(hong, year=2025, aimed_code="LDTT", actor=personas["staff"])
    services.submit_registration(registration, actor=personas["staff"])
    stale = Registration.objects.get(pk=registration.pk)
    services.approve_registration(registration, actor=secretary)

    with pytest.raises(ServiceError, match="người khác thay đổi"):
        services.return_registration(stale, actor=secretary, reason="trùng")

    assert Registration.objects.get().status == "approved"


def test_staff_cannot_register_someone_else(personas, nominee):
    with pytest.raises(ServiceError):
        services.register(nominee, year=2025, aimed_code="LDTT", actor=personas["staff"])

    assert Registration.objects.count() == 0
