"""Decisions: cash from the base salary and multiples in force; issuing records titles and uses."""

import datetime
from decimal import Decimal

import pytest

from xttm.emulation import services
from xttm.emulation.factories import initiative_of
from xttm.emulation.loader import load_facts
from xttm.emulation.models import Commendation, EmulationSetting, Nomination
from xttm.emulation.services import ServiceError

from .conftest import make_session

pytestmark = pytest.mark.django_db

SIGNED = datetime.date(2025, 8, 1)


def passed(round_, person, secretary, council, code, uses=()):
    nomination = services.nominate(round_, person, code=code, actor=secretary)
    if uses:
        Nomination.objects.filter(pk=nomination.pk).update(uses=list(uses))
        nomination.refresh_from_db()
    session = make_session(secretary, council, [nomination], round_)
    item = session.items.get()
    for member in council:
        services.cast_ballot(item, voter=member, choice="yes")
    services.close_session(session, actor=secretary)
    nomination.refresh_from_db()
    return nomination


def test_cash_amounts_follow_decree_152_multiples_of_the_base_salary():
    assert services.cash_for("CSTD_TQ", SIGNED) == (
        Decimal("4.5"),
        Decimal("2340000"),
        Decimal("10530000"),
    )
    assert services.cash_for("CSTD_BO", SIGNED) == (
        Decimal("3.0"),
        Decimal("2340000"),
        Decimal("7020000"),
    )
    assert services.cash_for("CSTDCS", SIGNED)[2] == Decimal("2340000")
    # 0.3 × 2 340 000 = 702 000, rounded up to tens of thousands.
    assert services.cash_for("LDTT", SIGNED)[2] == Decimal("710000")
    assert services.cash_for("BK_TTG", SIGNED)[0] == Decimal("0")


def test_a_new_base_salary_applies_from_its_effective_date():
    EmulationSetting.objects.create(
        key="base_salary_vnd", value=2600000, effective_from="2026-01-01"
    )

    assert services.cash_for("CSTDCS", datetime.date(2025, 12, 31))[2] == Decimal("2340000")
    assert services.cash_for("CSTDCS", datetime.date(2026, 1, 1))[2] == Decimal("2600000")


def test_issuing_a_decision_records_the_title_and_consumes_the_initiative(
    secretary, council, nominee, round_
):
    initiative = initiative_of(nominee, year=2024, scope="ministry")
    nomination = passed(round_, nominee, secretary, council, "CSTDCS", uses=[f"I{initiative.pk}"])
    decision = services.draft_decision(
        [nomination],
        number="12/QĐ-XTTM",
        signed_on=SIGNED,
        signer_name="Vũ Bá Phú",
        actor=secretary,
    )
    services.issue_decision(decision, actor=secretary)

    commendation = Commendation.objects.get(person=nominee)
    nomination.refresh_from_db()
    decision.refresh_from_db()
    assert (commendation.code, commendation.year, commendation.decision) == (
        "CSTDCS",
        2024,
        decision,
    )
    assert list(commendation.uses.all()) == [initiative]
    assert (nomination.status, decision.status, decision.total_vnd) == (
        "decided",
        "issued",
        Decimal("2340000"),
    )
    facts = load_facts(2024, people=[nominee])
    assert facts.people[0].titles[0].uses == (f"I{initiative.pk}",)
    assert services.reward_fund(2025) == Decimal("2340000")


def test_a_nomination_the_council_did_not_pass_cannot_be_decided(secretary, nominee, round_):
    nomination = services.nominate(round_, nominee, code="LDTT", actor=secretary)

    with pytest.raises(ServiceError, match="chưa được Hội đồng thông qua"):
        services.draft_decision(
            [nomination], number="1/QĐ", signed_on=SIGNED, signer_name="A", actor=secretary
        )

    assert Commendation.objects.count() == 0


def test_an_issued_decision_cannot_be_issued_again(secretary, council, nominee, round_):
    nomination = passed(round_, nominee, secretary, council, "LDTT")
    decision = services.draft_decision(
        [nomination], number="2/QĐ", signed_on=SIGNED, signer_name="A", actor=secretary
    )
    services.issue_decision(decision, actor=secretary)

    with pytest.raises(ServiceError):
        services.issue_decision(decision, actor=secretary)

    assert Commendation.objects.count() == 1


def test_an_adhoc_commendation_takes_the_short_path_within_45_days(secretary, nominee):
    nomination = services.nominate_adhoc(
        nominee,
        code="BK_BO",
        achieved_on=datetime.date(2025, 6, 20),
        achievement="Cứu người",
        actor=secretary,
    )
    decision = services.draft_decision(
        [nomination], number="3/QĐ", signed_on=SIGNED, signer_name="A", actor=secretary
    )
    services.issue_decision(decision, actor=secretary)

    assert Commendation.objects.get(person=nominee).kind == "adhoc"


def test_an_adhoc_commendation_after_45_days_is_refused(secretary, nominee):
    nomination = services.nominate_adhoc(
        nominee,
        code="BK_BO",
        achieved_on=datetime.date(2025, 6, 16),
        achievement="Cứu người",
        actor=secretary,
    )

    with pytest.raises(ServiceError, match="45 ngày"):
        services.draft_decision(
            [nomination], number="4/QĐ", signed_on=SIGNED, signer_name="A", actor=secretary
        )

    nomination.refresh_from_db()
    assert nomination.status == "proposed"
    assert Commendation.objects.count() == 0


def test_an_initiative_already_used_cannot_be_used_again(secretary, council, nominee, round_):
    initiative = initiative_of(nominee, year=2024, scope="ministry")
    earlier = Commendation.objects.create(person=nominee, code="BK_BO", year=2023)
    earlier.uses.set([initiative])
    nomination = passed(round_, nominee, secretary, council, "CSTDCS", uses=[f"I{initiative.pk}"])
    decision = services.draft_decision(
        [nomination], number="5/QĐ", signed_on=SIGNED, signer_name="A", actor=secretary
    )

    with pytest.raises(ServiceError, match="đã được dùng"):
        services.issue_decision(decision, actor=secretary)

    decision.refresh_from_db()
    assert decision.status == "draft"
    assert Commendation.objects.filter(code="CSTDCS").count() == 0
