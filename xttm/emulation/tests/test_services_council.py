"""The council's secret ballot: thresholds of all members, quorum, a tally frozen at close."""

from decimal import Decimal

import pytest

from xttm.emulation import services
from xttm.emulation.models import Ballot, EmulationSetting, SessionItem
from xttm.emulation.services import ServiceError

from .conftest import make_session

pytestmark = pytest.mark.django_db


def nominate(round_, person, secretary, code):
    return services.nominate(round_, person, code=code, actor=secretary)


def vote_all(session, council, choices):
    item = session.items.get()
    for member, choice in zip(council, choices, strict=False):
        services.cast_ballot(item, voter=member, choice=choice)
    return item


def test_a_cstd_bo_nomination_fails_with_four_yes_out_of_five_members(
    secretary, council, nominee, round_
):
    nomination = nominate(round_, nominee, secretary, "CSTD_BO")
    session = make_session(secretary, council, [nomination], round_)

    vote_all(session, council, ["yes", "yes", "yes", "yes", "no"])
    services.close_session(session, actor=secretary)

    item = SessionItem.objects.get(session=session)
    nomination.refresh_from_db()
    assert (item.threshold_percent, item.yes_count, item.no_count, item.passed) == (
        Decimal("90"),
        4,
        1,
        False,
    )
    assert nomination.status == "failed"


def test_an_ldtt_nomination_passes_with_four_yes_out_of_five(secretary, council, nominee, round_):
    nomination = nominate(round_, nominee, secretary, "LDTT")
    session = make_session(secretary, council, [nomination], round_)

    vote_all(session, council, ["yes", "yes", "yes", "yes", "abstain"])
    services.close_session(session, actor=secretary)

    nomination.refresh_from_db()
    assert SessionItem.objects.get(session=session).passed is True
    assert nomination.status == "passed"


def test_the_threshold_counts_all_members_not_only_those_present(
    secretary, council, nominee, round_
):
    nomination = nominate(round_, nominee, secretary, "LDTT")
    session = make_session(secretary, council, [nomination], round_)

    # 4 present and all say yes: 4/5 = 80% ≥ 70%; 3 would be 60%.
    vote_all(session, council, ["yes", "yes", "yes"])
    services.close_session(session, actor=secretary)

    assert SessionItem.objects.get(session=session).passed is False


def test_without_quorum_nothing_passes(secretary, council, nominee, round_):
    EmulationSetting.objects.create(key="threshold_percent", value=20, effective_from="2020-01-01")
    nomination = nominate(round_, nominee, secretary, "LDTT")
    session = make_session(secretary, council, [nomination], round_)

    vote_all(session, council, ["yes", "yes", "yes"])  # 3 of 5 present < 2/3
    services.close_session(session, actor=secretary)

    session.refresh_from_db()
    assert (session.present_count, session.quorum_met) == (3, False)
    assert SessionItem.objects.get(session=session).passed is False


def test_an_absent_members_written_vote_counts_the_same(secretary, council, nominee, round_):
    nomination = nominate(round_, nominee, secretary, "CSTD_BO")
    session = make_session(secretary, council, [nomination], round_)
    item = vote_all(session, council[:4], ["yes"] * 4)

    services.cast_ballot(item, voter=council[4], choice="yes", actor=secretary, written=True)
    services.close_session(session, actor=secretary)

    assert SessionItem.objects.get(session=session).passed is True
    assert Ballot.objects.get(member__user=council[4]).written is True


def test_a_vote_after_close_is_refused_and_the_counts_stay(secretary, council, nominee, round_):
    nomination = nominate(round_, nominee, secretary, "LDTT")
    session = make_session(secretary, council, [nomination], round_)
    item = vote_all(session, council[:4], ["yes", "yes", "no", "yes"])
    services.close_session(session, actor=secretary)

    with pytest.raises(ServiceError, match="kết quả đã chốt"):
        services.cast_ballot(item, voter=council[4], choice="no")

    item.refresh_from_db()
    assert (item.yes_count, item.no_count, item.abstain_count) == (3, 1, 0)
    assert Ballot.objects.filter(item=item).count() == 4


def test_a_member_cannot_vote_twice(secretary, council, nominee, round_):
    nomination = nominate(round_, nominee, secretary, "LDTT")
    session = make_session(secretary, council, [nomination], round_)
    item = vote_all(session, council[:1], ["yes"])

    with pytest.raises(ServiceError, match="đã bỏ phiếu"):
        services.cast_ballot(item, voter=council[0], choice="no")

    item.refresh_from_db()
    assert (item.yes_count, item.no_count) == (1, 0)


def test_nobody_votes_for_a_present_member_nor_outside_the_council(
    secretary, council, nominee, round_, personas
):
    nomination = nominate(round_, nominee, secretary, "LDTT")
    session = make_session(secretary, council, [nomination], round_)
    item = session.items.get()

    with pytest.raises(ServiceError, match="thay thành viên"):
        services.cast_ballot(item, voter=council[0], choice="yes", actor=secretary)
    with pytest.raises(ServiceError, match="không phải thành viên"):
        services.cast_ballot(item, voter=personas["staff"], choice="yes")

    item.refresh_from_db()
    assert item.votes_cast == 0


def test_no_table_holds_a_members_choice(secretary, council, nominee, round_):
    """Secrecy by construction: the receipt's fields name who voted, never how."""
    nomination = nominate(round_, nominee, secretary, "LDTT")
    session = make_session(secretary, council, [nomination], round_)
    vote_all(session, council[:1], ["no"])

    fields = {f.name for f in Ballot._meta.get_fields()}
    assert fields == {"id", "item", "member", "written", "entered_by", "cast_at"}
    assert set(Ballot.objects.values().get()) == {
        "id",
        "item_id",
        "member_id",
        "written",
        "entered_by_id",
        "cast_at",
    }


def test_thresholds_are_settings_with_effective_dates(secretary, council, nominee, round_):
    EmulationSetting.objects.create(
        key="threshold_percent.CSTD_BO", value=80, effective_from="2025-01-01"
    )
    EmulationSetting.objects.create(
        key="threshold_percent.CSTD_BO", value=60, effective_from="2026-01-01"
    )
    nomination = nominate(round_, nominee, secretary, "CSTD_BO")
    session = make_session(secretary, council, [nomination], round_)  # held 2025-01-20

    vote_all(session, council, ["yes", "yes", "yes", "yes", "no"])
    services.close_session(session, actor=secretary)

    item = SessionItem.objects.get(session=session)
    assert (item.threshold_percent, item.passed) == (Decimal("80.0000"), True)


def test_a_council_member_cannot_close_the_session(secretary, council, nominee, round_):
    nomination = nominate(round_, nominee, secretary, "LDTT")
    session = make_session(secretary, council, [nomination], round_)

    with pytest.raises(ServiceError):
        services.close_session(session, actor=council[0])

    session.refresh_from_db()
    assert session.status == "open"
