"""Fixtures of the emulation tests: a round with a nomination, a council of members."""

import datetime

import pytest

from xttm.accounts.factories import UserFactory
from xttm.accounts.roles import Role
from xttm.directory.factories import PersonFactory
from xttm.emulation import services
from xttm.emulation.factories import RoundFactory


@pytest.fixture
def secretary(personas):
    return personas["emulation_secretariat"]


@pytest.fixture
def council(personas):
    """Five council members; the persona `council_member` is the first."""
    others = [UserFactory(username=f"t_hd{n}", roles=[Role.COUNCIL_MEMBER]) for n in range(2, 6)]
    return [personas["council_member"], *others]


@pytest.fixture
def nominee(db):
    return PersonFactory(code="cb-nominee", full_name="Trần Văn Nam")


@pytest.fixture
def round_(db):
    return RoundFactory(name="Bình xét năm 2024", year=2024)


def make_session(secretary, council, nominations, round_=None, opened=True):
    session = services.create_session(
        name="Phiên họp Hội đồng TĐKT tháng 1/2025",
        held_on=datetime.date(2025, 1, 20),
        secretary=secretary,
        members=council,
        nominations=nominations,
        round=round_,
    )
    if opened:
        services.open_session(session, actor=secretary)
        session.refresh_from_db()
    return session
