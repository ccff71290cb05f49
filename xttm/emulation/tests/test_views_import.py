"""Annual ratings imported from a spreadsheet: all rows or none, by staff or unit code and year."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.emulation.factories import RatingFactory
from xttm.emulation.importers import RatingImporter
from xttm.emulation.models import Rating

pytestmark = pytest.mark.django_db


def xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Bảng xếp loại năm 2024"])
    ws.append(["Mã cán bộ", "Mã đơn vị", "Năm", "Xếp loại", "Ghi chú"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def run(content, actor, dry_run=False):
    return RatingImporter(actor=actor).run(
        io.BytesIO(content), filename="xep-loai.xlsx", dry_run=dry_run
    )


def test_ratings_of_people_and_units_are_created_and_updated(secretary):
    lan = PersonFactory(code="cb-lan")
    UnitFactory(code="xtxk")
    RatingFactory(person=lan, year=2023, code="HTNV")

    result = run(
        xlsx(
            [
                ["cb-lan", "", 2023, "HTTNV", ""],
                ["cb-lan", "", 2024, "Hoàn thành xuất sắc nhiệm vụ", ""],
                ["", "xtxk", 2024, "htxsnv", "Tập thể"],
            ]
        ),
        secretary,
    )

    assert (result.created, result.updated, result.errors) == (2, 1, [])
    assert set(Rating.objects.values_list("person__code", "unit__code", "year", "code")) == {
        ("cb-lan", None, 2023, "HTTNV"),
        ("cb-lan", None, 2024, "HTXSNV"),
        (None, "xtxk", 2024, "HTXSNV"),
    }


def test_one_bad_row_saves_nothing_and_names_the_row(secretary):
    PersonFactory(code="cb-lan")

    result = run(
        xlsx([["cb-lan", "", 2024, "HTTNV", ""], ["cb-khong-co", "", 2024, "HTTNV", ""]]), secretary
    )

    assert Rating.objects.count() == 0
    assert [(e["row"], e["column"], e["message"]) for e in result.errors] == [
        (4, "Mã cán bộ", "Không tìm thấy cán bộ “cb-khong-co”.")
    ]


def test_the_same_person_and_year_twice_is_refused(secretary):
    PersonFactory(code="cb-lan")

    result = run(
        xlsx([["cb-lan", "", 2024, "HTTNV", ""], ["cb-lan", "", 2024, "HTNV", ""]]), secretary
    )

    assert Rating.objects.count() == 0
    assert "trùng với dòng 3" in result.errors[0]["message"]


def test_staff_may_not_import_ratings(client_as):
    PersonFactory(code="cb-lan")
    upload = SimpleUploadedFile("x.xlsx", xlsx([["cb-lan", "", 2024, "HTXSNV", ""]]))

    response = client_as("staff").post(reverse("emulation:rating-import"), {"file": upload})

    assert response.status_code == 403
    assert Rating.objects.count() == 0


def test_the_secretariat_imports_through_the_page(client_as, post_import):
    PersonFactory(code="cb-lan")
    upload = SimpleUploadedFile("x.xlsx", xlsx([["cb-lan", "", 2024, "HTXSNV", ""]]))

    response = post_import(
        client_as("emulation_secretariat"), reverse("emulation:rating-import"), {"file": upload}
    )

    assert response.status_code == 200
    assert Rating.objects.get().code == "HTXSNV"
    template = client_as("emulation_secretariat").get(reverse("emulation:rating-import-template"))
    assert template.status_code == 200


def test_the_import_command_knows_ratings(tmp_path):
    from django.core.management import call_command

    PersonFactory(code="cb-lan")
    path = tmp_path / "xep-loai.xlsx"
    path.write_bytes(xlsx([["cb-lan", "", 2024, "HTTNV", ""]]))

    call_command("import", "ratings", str(path), stdout=io.StringIO())

    assert Rating.objects.get().code == "HTTNV"
