"""Council members voting at the same moment, each from their own connection: the tally is exact."""

import pytest
from django.db import connection

from xttm.core.concurrency import at_once
from xttm.emulation import services
from xttm.emulation.models import Ballot, SessionItem
from xttm.emulation.services import ServiceError

from .conftest import make_session

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: several connections voting at once (SQLite's in-memory test "
        "database is private to one connection); CI runs it on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_five_members_voting_at_once_are_all_counted_exactly(secretary, council, nominee, round_):
    nomination = services.nominate(round_, nominee, code="LDTT", actor=secretary)
    session = make_session(secretary, council, [nomination], round_)
    item = session.items.get()
    choices = ["yes", "yes", "no", "yes", "abstain"]

    outcomes = at_once(
        *(
            lambda member=member, choice=choice: services.cast_ballot(
                SessionItem.objects.get(pk=item.pk), voter=member, choice=choice
            )
            for member, choice in zip(council, choices, strict=True)
        )
    )

    assert outcomes == [None] * 5
    item.refresh_from_db()
    assert (item.yes_count, item.no_count, item.abstain_count) == (3, 1, 1)
    assert Ballot.objects.filter(item=item).count() == 5
    assert session.members.filter(present=True).count() == 5


def test_one_member_voting_twice_at_once_is_counted_once(secretary, council, nominee, round_):
    nomination = services.nominate(round_, nominee, code="LDTT", actor=secretary)
    session = make_session(secretary, council, [nomination], round_)
    item = session.items.get()

    outcomes = at_once(
        lambda: services.cast_ballot(item, voter=council[0], choice="yes"),
        lambda: services.cast_ballot(item, voter=council[0], choice="no"),
    )

    refusals = [o for o in outcomes if isinstance(o, ServiceError)]
    assert [str(r) for r in refusals] == ["Thành viên đã bỏ phiếu cho nội dung này."], outcomes
    item.refresh_from_db()
    assert item.yes_count + item.no_count == 1
    assert Ballot.objects.filter(item=item).count() == 1


def test_votes_racing_the_close_are_either_counted_or_refused_never_lost(
    secretary, council, nominee, round_
):
    nomination = services.nominate(round_, nominee, code="LDTT", actor=secretary)
    session = make_session(secretary, council, [nomination], round_)
    item = session.items.get()

    outcomes = at_once(
        *(lambda m=m: services.cast_ballot(item, voter=m, choice="yes") for m in council[:4]),
        lambda: services.close_session(session, actor=secretary),
    )

    counted = sum(1 for o in outcomes[:4] if o is None)
    refused = [str(o) for o in outcomes[:4] if isinstance(o, ServiceError)]
    assert outcomes[4] is None
    assert refused == ["Phiên họp không mở bỏ phiếu; kết quả đã chốt."] * (4 - counted)
    item.refresh_from_db()
    assert item.yes_count == counted == Ballot.objects.filter(item=item).count()
