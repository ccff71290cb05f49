"""Shared test fixtures: the personas every view is tried as."""

import pytest

from xttm.accounts.factories import UserFactory
from xttm.accounts.roles import Role
from xttm.directory.choices import OrganizationKind
from xttm.directory.factories import OrganizationFactory, PersonFactory, UnitFactory, province


@pytest.fixture
def agency(db):
    return OrganizationFactory(
        code="vietrade",
        name="Cục Xúc tiến thương mại",
        short_name="Vietrade",
        kind=OrganizationKind.AGENCY,
    )


@pytest.fixture
def partner_org(db):
    return OrganizationFactory(
        code="ttxt-danang",
        name="Trung tâm Xúc tiến Thương mại và Đầu tư TP Đà Nẵng",
        kind=OrganizationKind.PROVINCIAL_CENTRE,
        province=province("48"),
    )


@pytest.fixture
def other_org(db):
    return OrganizationFactory(
        code="vinafruit",
        name="Hiệp hội Rau quả Việt Nam",
        kind=OrganizationKind.ASSOCIATION,
        province=province("79"),
    )


@pytest.fixture
def personas(db, agency, partner_org, other_org):
    """One user per role, plus a partner officer of another organisation (the outsider)."""
    unit = UnitFactory(organization=agency, code="van-phong", name="Văn phòng Cục")
    users = {
        "admin": UserFactory(username="t_admin", roles=[Role.ADMIN], organization=agency),
        "leadership": UserFactory(username="t_lead", roles=[Role.LEADERSHIP], organization=agency),
        "programme_officer": UserFactory(
            username="t_prog", roles=[Role.PROGRAMME_OFFICER], organization=agency
        ),
        "partner_officer": UserFactory(
            username="t_partner", roles=[Role.PARTNER_OFFICER], organization=partner_org
        ),
        "outsider": UserFactory(
            username="t_outsider", roles=[Role.PARTNER_OFFICER], organization=other_org
        ),
        "emulation_secretariat": UserFactory(
            username="t_secretariat", roles=[Role.EMULATION_SECRETARIAT], organization=agency
        ),
        "council_member": UserFactory(
            username="t_council", roles=[Role.COUNCIL_MEMBER], organization=agency
        ),
        "staff": UserFactory(username="t_staff", roles=[Role.STAFF], organization=agency),
    }
    PersonFactory(code="cb-staff", full_name="Lê Thị Hồng", unit=unit, user=users["staff"])
    return users


@pytest.fixture
def client_as(client, personas):
    """`client_as("partner_officer")` returns the test client logged in as that persona."""

    def login(name):
        client.force_login(personas[name])
        return client

    return login
