"""Two officers acting on the same scheme at the same moment, from two real connections."""

import pytest
from django.db import connection

from xttm.core.concurrency import at_once
from xttm.promotion import services
from xttm.promotion.choices import SchemeStatus
from xttm.promotion.models import BudgetLine, Scheme, SchemeEvent, SchemeVersion

from .conftest import DOC

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: two connections writing at once (SQLite's in-memory test "
        "database is private to one connection); CI runs it on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_of_two_officers_approving_at_once_exactly_one_succeeds_and_the_other_is_told_why(
    scheme_in, personas
):
    scheme = scheme_in(SchemeStatus.APPRAISED)
    # Both officers opened the scheme while it was still "appraised".
    pages = [Scheme.objects.get(pk=scheme.pk) for _ in range(2)]
    officers = [personas["leadership"], personas["programme_officer"]]

    outcomes = at_once(
        *(
            lambda page=page, officer=officer: services.approve_scheme(page, actor=officer, **DOC)
            for page, officer in zip(pages, officers, strict=True)
        )
    )

    events = [o for o in outcomes if isinstance(o, SchemeEvent)]
    refusals = [o for o in outcomes if isinstance(o, services.Refused)]
    assert (len(events), len(refusals)) == (1, 1), outcomes
    assert str(refusals[0]) == (
        "Đề án vừa được người khác chuyển sang “Đã phê duyệt”; "
        "thao tác của bạn không được thực hiện. Hãy tải lại trang."
    )
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.APPROVED
    assert SchemeEvent.objects.filter(scheme=scheme, to_status=SchemeStatus.APPROVED).count() == 1
    assert SchemeEvent.objects.get(scheme=scheme, to_status=SchemeStatus.APPROVED).actor == (
        events[0].actor
    )
    # The loser's budget lines and version were rolled back with its transaction.
    assert sum(b.approved for b in BudgetLine.objects.filter(scheme=scheme)) == (
        scheme.support_approved
    )
    assert SchemeVersion.objects.filter(scheme=scheme).count() == 1


def test_of_an_approval_and_a_rejection_at_once_exactly_one_lands(scheme_in, personas):
    scheme = scheme_in(SchemeStatus.APPRAISED)
    approve_page, reject_page = (Scheme.objects.get(pk=scheme.pk) for _ in range(2))

    outcomes = at_once(
        lambda: services.approve_scheme(approve_page, actor=personas["leadership"], **DOC),
        lambda: services.transition(
            reject_page,
            SchemeStatus.REJECTED,
            actor=personas["programme_officer"],
            reason="Không đủ điều kiện.",
            **DOC,
        ),
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["Refused", "SchemeEvent"], outcomes
    scheme.refresh_from_db()
    winner = next(o for o in outcomes if isinstance(o, SchemeEvent))
    assert scheme.status == winner.to_status
    assert SchemeEvent.objects.filter(scheme=scheme).count() == 1
