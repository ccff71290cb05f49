"""Who sees what: every page and list asked as the secretariat, staff, council and outsiders."""

import pytest
from django.urls import reverse

from xttm.directory.factories import PersonFactory
from xttm.directory.models import Person
from xttm.emulation import services
from xttm.emulation.factories import RatingFactory, RoundFactory
from xttm.emulation.models import Rating, Session

from .conftest import make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def hong(personas):
    return Person.objects.get(code="cb-staff")


def test_staff_open_their_own_profile_and_nobody_elses(client_as, hong, nominee):
    client = client_as("staff")

    assert client.get(reverse("emulation:my-profile")).url == reverse(
        "emulation:person-profile", args=[hong.pk]
    )
    assert client.get(reverse("emulation:person-profile", args=[hong.pk])).status_code == 200
    assert client.get(reverse("emulation:person-profile", args=[nominee.pk])).status_code == 404
    assert (
        client.get(
            reverse("emulation:person-profile", args=[nominee.pk]), {"format": "json"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["partner_officer", "programme_officer", "outsider"])
def test_officers_outside_emulation_see_nothing_here(client_as, persona, nominee):
    RatingFactory(person=nominee, year=2024)
    round_ = RoundFactory()
    client = client_as(persona)

    assert client.get(reverse("emulation:person-profile", args=[nominee.pk])).status_code == 404
    assert client.get(reverse("emulation:round-detail", args=[round_.pk])).status_code == 404
    assert list(client.get(reverse("emulation:rating-list")).context["table"].data) == []
    assert client.get(reverse("emulation:my-profile")).status_code == 404


def test_staff_list_only_their_own_ratings(client_as, hong, nominee):
    RatingFactory(person=hong, year=2024, code="HTTNV")
    RatingFactory(person=nominee, year=2024, code="KHTNV")

    table = client_as("staff").get(reverse("emulation:rating-list")).context["table"]

    assert [r.person for r in table.data] == [hong]


def test_leadership_reads_every_rating(client_as, hong, nominee):
    RatingFactory(person=hong, year=2024)
    RatingFactory(person=nominee, year=2024)

    table = client_as("leadership").get(reverse("emulation:rating-list")).context["table"]

    assert len(table.data) == Rating.objects.count() == 2


def test_only_the_secretariat_opens_rounds_and_launches_movements(client_as):
    for persona in ("staff", "council_member", "leadership"):
        client = client_as(persona)
        assert client.get(reverse("emulation:round-create")).status_code == 403, persona
        assert client.get(reverse("emulation:movement-create")).status_code == 403, persona
    assert (
        client_as("emulation_secretariat").get(reverse("emulation:round-create")).status_code == 200
    )


def test_a_council_member_sees_only_the_sessions_they_sit_on(
    client_as, secretary, council, nominee, round_
):
    mine = make_session(
        secretary,
        council,
        [services.nominate(round_, nominee, code="LDTT", actor=secretary)],
        round_,
    )
    other_person = PersonFactory(code="cb-other")
    theirs = make_session(
        secretary,
        council[1:],
        [services.nominate(round_, other_person, code="LDTT", actor=secretary)],
        round_,
    )
    client = client_as("council_member")

    assert client.get(reverse("emulation:session-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("emulation:session-detail", args=[theirs.pk])).status_code == 404
    assert [s.pk for s in client.get(reverse("emulation:session-list")).context["table"].data] == [
        mine.pk
    ]


def test_the_session_page_shows_no_tally_before_close(
    client_as, secretary, council, nominee, round_
):
    session = make_session(
        secretary,
        council,
        [services.nominate(round_, nominee, code="LDTT", actor=secretary)],
        round_,
    )
    item = session.items.get()
    services.cast_ballot(item, voter=council[0], choice="no")

    for persona in ("emulation_secretariat", "admin", "council_member"):
        response = client_as(persona).get(reverse("emulation:session-detail", args=[session.pk]))
        page = response.content.decode()
        assert response.context["show_tally"] is False, persona
        assert "Không đồng ý</th>" not in page, persona
        assert "Không thông qua" not in page, persona

    services.close_session(session, actor=secretary)
    page = (
        client_as("council_member")
        .get(reverse("emulation:session-detail", args=[session.pk]))
        .content.decode()
    )
    assert "Không đồng ý</th>" in page


def test_a_member_cannot_vote_in_a_session_they_do_not_sit_on(
    client_as, secretary, council, nominee, round_
):
    session = make_session(
        secretary,
        council[1:],
        [services.nominate(round_, nominee, code="LDTT", actor=secretary)],
        round_,
    )
    item = session.items.get()

    response = client_as("council_member").post(
        reverse("emulation:session-vote", args=[session.pk, item.pk]), {"choice": "yes"}
    )

    item.refresh_from_db()
    assert response.status_code == 404
    assert item.votes_cast == 0
    assert Session.objects.get().status == "open"
