"""Fixtures of the promotion tests: a scheme led by the partner's organisation, walked to any state."""

import datetime

import pytest

from xttm.promotion import services
from xttm.promotion.choices import AdjustmentKind
from xttm.promotion.choices import SchemeStatus as S
from xttm.promotion.factories import SchemeFactory
from xttm.promotion.models import Adjustment

DOC = {"document_number": "123/QĐ-XTTM", "document_date": datetime.date(2026, 1, 20)}

# How to reach each state from a draft (each step a service call by the administrator).
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [S.SUBMITTED],
    S.NEEDS_SUPPLEMENT: [S.SUBMITTED, S.NEEDS_SUPPLEMENT],
    S.APPRAISED: [S.SUBMITTED, S.APPRAISED],
    S.REJECTED: [S.SUBMITTED, S.REJECTED],
    S.APPROVED: [S.SUBMITTED, S.APPRAISED, S.APPROVED],
    S.CONTRACTED: [S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CONTRACTED],
    S.IN_PROGRESS: [S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CONTRACTED, S.IN_PROGRESS],
    S.ADJUSTMENT_REQUESTED: [
        S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CONTRACTED, S.IN_PROGRESS, S.ADJUSTMENT_REQUESTED,
    ],
    S.REPORTED: [S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CONTRACTED, S.IN_PROGRESS, S.REPORTED],
    S.ACCEPTED: [
        S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CONTRACTED, S.IN_PROGRESS, S.REPORTED, S.ACCEPTED,
    ],
    S.SETTLED: [
        S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CONTRACTED, S.IN_PROGRESS, S.REPORTED, S.ACCEPTED,
        S.SETTLED,
    ],
    S.CANCELLED: [S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CANCELLED],
}  # fmt: skip


def move_kwargs(to_state: str) -> dict:
    """What each move needs: a reason, a document, the changes of an adjustment."""
    kwargs = {"reason": "Theo ý kiến của Hội đồng thẩm định.", **DOC}
    if to_state == S.ADJUSTMENT_REQUESTED:
        kwargs["changes"] = {
            "start_date": datetime.date(2026, 4, 7),
            "end_date": datetime.date(2026, 4, 11),
        }
    return kwargs


def walk(scheme, to_state: str, actor):
    for step in PATHS[to_state]:
        services.transition(scheme, step, actor=actor, **move_kwargs(step))
    scheme.refresh_from_db()
    return scheme


@pytest.fixture
def scheme_in(personas, partner_org):
    """`scheme_in("approved")`: a scheme of the partner officer's organisation, stored in that state.

    The row is written as stored (fast); `walked_scheme` takes the services' road instead.
    """

    def make(state: str, **fields):
        scheme = SchemeFactory(lead=partner_org, status=state, **fields)
        if state == S.ADJUSTMENT_REQUESTED:
            Adjustment.objects.create(
                scheme=scheme,
                kind=AdjustmentKind.TIME_PLACE,
                changes={"start_date": ["2026-03-10", "2026-04-07"]},
                requested_by=personas["partner_officer"],
            )
        return scheme

    return make


@pytest.fixture
def walked_scheme(personas, partner_org):
    """`walked_scheme("settled")`: a scheme moved to that state by the services, step by step."""

    def make(state: str, **fields):
        scheme = SchemeFactory(lead=partner_org, **fields)
        return walk(scheme, state, personas["admin"])

    return make
