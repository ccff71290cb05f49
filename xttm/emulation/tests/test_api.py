"""The emulation API: the same scopes as the pages; ballots never reveal a choice."""

import pytest

from xttm.directory.models import Person
from xttm.emulation import services
from xttm.emulation.factories import RatingFactory

from .conftest import make_session

pytestmark = pytest.mark.django_db

API = "/api/v1/emulation/"


def test_staff_see_only_their_own_ratings_over_the_api(client_as, nominee):
    hong = Person.objects.get(code="cb-staff")
    RatingFactory(person=hong, year=2024, code="HTTNV")
    RatingFactory(person=nominee, year=2024, code="KHTNV")

    body = client_as("staff").get(f"{API}ratings/").json()

    assert [(r["person"], r["code"]) for r in body["results"]] == [(hong.pk, "HTTNV")]


def test_the_tally_appears_over_the_api_only_after_close(
    client_as, secretary, council, nominee, round_
):
    session = make_session(
        secretary,
        council,
        [services.nominate(round_, nominee, code="LDTT", actor=secretary)],
        round_,
    )
    client = client_as("council_member")

    response = client.post(
        f"{API}sessions/{session.pk}/vote/", {"item": session.items.get().pk, "choice": "yes"}
    )
    before = client.get(f"{API}sessions/{session.pk}/").json()
    services.close_session(session, actor=secretary)
    after = client.get(f"{API}sessions/{session.pk}/").json()

    assert response.status_code == 200
    assert before["items"][0]["tally"] is None
    assert before["items"][0]["i_voted"] is True
    assert after["items"][0]["tally"] == {"yes": 1, "no": 0, "abstain": 0, "passed": False}


def test_a_vote_after_close_is_refused_over_the_api(client_as, secretary, council, nominee, round_):
    session = make_session(
        secretary,
        council,
        [services.nominate(round_, nominee, code="LDTT", actor=secretary)],
        round_,
    )
    services.close_session(session, actor=secretary)

    response = client_as("council_member").post(
        f"{API}sessions/{session.pk}/vote/", {"item": session.items.get().pk, "choice": "yes"}
    )

    assert response.status_code == 400
    assert session.items.get().votes_cast == 0


def test_ballot_receipts_hold_no_choice_for_anyone(client_as, secretary, council, nominee, round_):
    session = make_session(
        secretary,
        council,
        [services.nominate(round_, nominee, code="LDTT", actor=secretary)],
        round_,
    )
    item = session.items.get()
    services.cast_ballot(item, voter=council[0], choice="no")
    services.cast_ballot(item, voter=council[1], choice="yes")

    as_admin = client_as("admin").get(f"{API}ballots/").json()["results"]
    as_member = client_as("council_member").get(f"{API}ballots/").json()["results"]

    assert len(as_admin) == 2
    assert {tuple(sorted(b)) for b in as_admin} == {("cast_at", "id", "item", "member", "written")}
    assert len(as_member) == 1


def test_a_council_member_does_not_see_sessions_they_do_not_sit_on(
    client_as, secretary, council, nominee, round_
):
    session = make_session(
        secretary,
        council[1:],
        [services.nominate(round_, nominee, code="LDTT", actor=secretary)],
        round_,
    )

    client = client_as("council_member")

    assert client.get(f"{API}sessions/{session.pk}/").status_code == 404
    assert client.get(f"{API}nominations/").json()["results"] == []


def test_the_facts_endpoint_serves_the_eligibility_file(client_as, nominee):
    RatingFactory(person=nominee, year=2024, code="HTXSNV")

    response = client_as("emulation_secretariat").get(
        f"{API}people-facts/{nominee.pk}/", {"year": 2024}
    )

    assert response.status_code == 200
    assert response.json()["people"][0]["ratings"] == {"2024": "HTXSNV"}
    assert (
        client_as("staff").get(f"{API}people-facts/{nominee.pk}/", {"year": 2024}).status_code
        == 404
    )


def test_a_year_out_of_range_is_a_clear_400_not_a_crash(client_as, nominee):
    response = client_as("emulation_secretariat").get(
        f"{API}people-facts/{nominee.pk}/", {"year": 99999}
    )

    assert response.status_code == 400
    assert (
        client_as("emulation_secretariat")
        .get(f"{API}people-facts/abc/", {"year": 2024})
        .status_code
        == 404
    )
