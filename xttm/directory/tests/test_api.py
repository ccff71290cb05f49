"""The directory API: token auth, the list pages' filters, the models' scopes."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from xttm.directory.factories import EnterpriseFactory, PersonFactory, province
from xttm.directory.models import Enterprise

pytestmark = pytest.mark.django_db


def api_as(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_the_api_refuses_an_anonymous_caller():
    response = APIClient().get("/api/v1/directory/enterprises/")
    assert response.status_code == 401


def test_enterprises_are_searched_without_diacritics_over_the_api(personas):
    EnterpriseFactory(name="Công ty TNHH Thực phẩm Đà Nẵng", province=province("48"))
    EnterpriseFactory(name="Công ty Dệt may")
    response = api_as(personas["partner_officer"]).get(
        "/api/v1/directory/enterprises/", {"q": "thuc pham"}
    )
    assert response.status_code == 200
    assert [e["name"] for e in response.json()["results"]] == ["Công ty TNHH Thực phẩm Đà Nẵng"]


def test_people_over_the_api_follow_the_same_scope_as_the_pages(personas):
    PersonFactory(full_name="Trần Văn Bình")
    staff_view = api_as(personas["staff"]).get("/api/v1/directory/people/").json()
    assert [p["full_name"] for p in staff_view["results"]] == ["Lê Thị Hồng"]
    secretariat_view = api_as(personas["emulation_secretariat"]).get("/api/v1/directory/people/")
    assert secretariat_view.json()["count"] == 2
    assert api_as(personas["outsider"]).get("/api/v1/directory/people/").json()["count"] == 0


def test_a_partner_creates_an_enterprise_over_the_api_and_it_is_registered_to_them(
    personas, partner_org
):
    response = api_as(personas["partner_officer"]).post(
        "/api/v1/directory/enterprises/",
        {"tax_code": "100109106", "name": "Công ty API", "province": province("48").pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["tax_code"] == "0100109106"
    assert Enterprise.objects.get().registered_by == partner_org


def test_a_bad_tax_code_over_the_api_gets_the_same_vietnamese_message(personas):
    response = api_as(personas["programme_officer"]).post(
        "/api/v1/directory/enterprises/",
        {"tax_code": "0100109107", "name": "Sai", "province": province("01").pk},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"tax_code": ["Mã số thuế “0100109107” sai chữ số kiểm tra."]}
    assert Enterprise.objects.count() == 0


def test_a_staff_member_cannot_create_an_enterprise_over_the_api(personas):
    response = api_as(personas["staff"]).post(
        "/api/v1/directory/enterprises/",
        {"tax_code": "0100109106", "name": "Không được", "province": province("01").pk},
        format="json",
    )
    assert response.status_code == 403
    assert Enterprise.objects.count() == 0


def test_the_openapi_schema_and_docs_are_served(client_as):
    client = client_as("programme_officer")
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/directory/enterprises/" in schema.content
    assert client.get("/api/docs/").status_code == 200
