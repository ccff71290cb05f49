"""The round page shows each nomination's warnings, computed for all of them in a few queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xttm.directory.factories import PersonFactory
from xttm.emulation import services
from xttm.emulation.factories import CommendationFactory
from xttm.emulation.models import Registration

pytestmark = pytest.mark.django_db

CLASH = (
    "Một thành tích chỉ một hình thức khen thưởng (Luật Thi đua, khen thưởng Điều 5): "
    "Trần Văn Nam cũng được đề nghị Bằng khen của Thủ tướng Chính phủ năm 2024 trong đợt này."
)
NOT_REGISTERED = (
    "Trần Văn Nam chưa có đăng ký thi đua được duyệt cho năm 2024. Theo tham số "
    "“đăng ký bắt buộc với danh hiệu thường xuyên – chỉ cảnh báo”, đề nghị vẫn được xét."
)


def add_nominations(round_, secretary, start, count):
    """`count` more nominations, a mix of titles and forms, some of them with warnings."""
    for n in range(start, start + count):
        person = PersonFactory(code=f"cb-{n}", full_name=f"Cán bộ số {n}")
        if n % 3 == 0:
            Registration.objects.create(
                person=person, year=round_.year, aimed_code="LDTT", status="approved"
            )
        if n % 2 == 0:
            CommendationFactory(
                person=person, code="BK_TTG", year=round_.year, decision_reference="1/QĐ"
            )
        services.nominate(round_, person, code="LDTT" if n % 2 else "BK_BO", actor=secretary)


def page_queries(client, round_):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(round_.get_absolute_url())
    assert response.status_code == 200
    return len(queries), response


def test_the_round_page_shows_each_nominations_warnings(client_as, secretary, nominee, round_):
    services.nominate(round_, nominee, code="BK_BO", actor=secretary)
    services.nominate(round_, nominee, code="BK_TTG", actor=secretary)
    services.nominate(round_, nominee, code="LDTT", actor=secretary)

    _, response = page_queries(client_as("emulation_secretariat"), round_)

    warnings = {n.code: n.warnings for n in response.context["nominations"]}
    assert warnings["BK_BO"] == [CLASH]
    assert warnings["LDTT"] == [NOT_REGISTERED]
    assert response.content.decode().count("nomination-warnings") == 3


def test_the_round_page_reads_warnings_in_the_same_queries_for_3_or_12_nominations(
    client_as, secretary, round_
):
    client = client_as("leadership")
    add_nominations(round_, secretary, 0, 3)
    few, first = page_queries(client, round_)
    add_nominations(round_, secretary, 3, 9)
    many, second = page_queries(client, round_)

    assert len(first.context["nominations"]) == 3
    assert len(second.context["nominations"]) == 12
    # Forms clashing with a decided BK_TTG (6), titles without a registration (4).
    assert sum(bool(n.warnings) for n in second.context["nominations"]) == 10
    assert many == few
