"""The participation and deal importers on a messy real-world workbook, from the UI and the command line."""

import datetime
import io
import json
import unicodedata
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from xttm.directory.factories import EnterpriseFactory, tax_code_for
from xttm.directory.models import Enterprise
from xttm.promotion import summary
from xttm.promotion.choices import SchemeStatus
from xttm.promotion.factories import ActivityFactory, ExchangeRateFactory, SchemeFactory
from xttm.promotion.importers import DealImporter, ParticipationImporter
from xttm.promotion.models import Deal, Participation


@pytest.fixture
def activity(scheme_in):
    return ActivityFactory(scheme=scheme_in(SchemeStatus.IN_PROGRESS), code="HD-2026-0001")


def workbook(
    rows, title_rows=(("DANH SÁCH DOANH NGHIỆP THAM GIA HỘI CHỢ FOODEX 2026",), ())
) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in [*title_rows, *rows]:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def messy_participations(known):
    return workbook(
        [
            # Unaccented, oddly cased headers; a stray column; the amount typed Vietnamese-style.
            (
                "STT",
                "ma hoat dong",
                "MST",
                "Ten DN",
                "tinh/tp",
                "So gian hang",
                "Kinh phí hỗ trợ",
                "Ghi chú",
            ),
            (1, "hd-2026-0001", known.tax_code, "", "", 2, "45.000.000", "đã ký"),
            (
                2,
                " HD-2026-0001 ",
                tax_code_for(9001),
                "Công ty TNHH Cà phê Mới",
                "Quảng Nam",
                "1",
                "30000000 đ",
                "",
            ),
            (None, None, None, None, None, None, None, None),
            (
                3,
                "HD-2026-0001",
                tax_code_for(9002),
                "Hợp tác xã Chè",
                "TP. Hồ Chí Minh",
                "",
                "",
                "",
            ),
        ]
    )


def test_the_participation_importer_reads_a_messy_workbook_and_creates_unknown_enterprises(
    activity, personas
):
    known = EnterpriseFactory()
    result = ParticipationImporter(actor=personas["partner_officer"]).run(
        messy_participations(known), filename="ds.xlsx"
    )
    assert result.as_json()["errors"] == []
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert sorted(
        Participation.objects.values_list("enterprise__tax_code", "booths", "support_vnd")
    ) == sorted(
        [
            (known.tax_code, 2, Decimal("45000000")),
            (tax_code_for(9001), 1, Decimal("30000000")),
            (tax_code_for(9002), 0, Decimal("0")),
        ]
    )
    new = Enterprise.objects.get(tax_code=tax_code_for(9001))
    assert (new.name, new.province.name, new.registered_by_id) == (
        "Công ty TNHH Cà phê Mới",
        "Quảng Nam",
        personas["partner_officer"].organization_id,
    )
    assert summary.verify_summary() == []


def test_reimporting_the_same_file_changes_nothing(activity, personas):
    known = EnterpriseFactory()
    data = messy_participations(known)
    ParticipationImporter(actor=personas["partner_officer"]).run(data, filename="ds.xlsx")
    again = ParticipationImporter(actor=personas["partner_officer"]).run(data, filename="ds.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Participation.objects.count() == 3
    assert summary.verify_summary() == []


def test_one_bad_row_saves_nothing_and_every_error_names_its_row_and_column(activity, personas):
    data = workbook(
        [
            ("Mã hoạt động", "Mã số thuế", "Tên doanh nghiệp", "Tỉnh/Thành phố"),
            ("HD-2026-0001", tax_code_for(9003), "Công ty A", "Đà Nẵng"),
            ("HD-2026-0001", tax_code_for(9004), "", ""),
            ("HD-KHONG-CO", tax_code_for(9005), "Công ty C", "Huế"),
            ("HD-2026-0001", "0100109107", "Công ty D", "Huế"),
        ]
    )
    result = ParticipationImporter(actor=personas["partner_officer"]).run(data, filename="ds.xlsx")
    errors = [(e["row"], e["column"], e["message"][:40]) for e in result.as_json()["errors"]]
    assert [row for row, _c, _m in errors] == [6, 7, 5]
    assert "hãy ghi tên doanh nghiệp và tỉnh" in result.errors[-1]["message"]
    assert "Không tìm thấy hoạt động “HD-KHONG-CO”" in result.errors[0]["message"]
    assert not Participation.objects.exists()
    assert not Enterprise.objects.filter(tax_code=tax_code_for(9003)).exists()


def test_a_partner_may_not_import_into_another_organisations_activity(
    activity, personas, other_org
):
    ActivityFactory(
        scheme=SchemeFactory(lead=other_org, status=SchemeStatus.IN_PROGRESS), code="HD-KHAC"
    )
    data = workbook([("Mã hoạt động", "MST"), ("HD-KHAC", EnterpriseFactory().tax_code)])
    result = ParticipationImporter(actor=personas["partner_officer"]).run(data, filename="x.xlsx")
    assert "Không tìm thấy hoạt động “HD-KHAC”" in result.errors[0]["message"]
    assert not Participation.objects.exists()


def deals_workbook(enterprise):
    return workbook(
        [
            (
                "Số HĐ",
                "Mã hoạt động",
                "MST",
                "Loại giao dịch",
                "Ngày ký",
                "Trị giá",
                "Tiền tệ",
                "Nước đối tác",
                "Mã HS",
            ),
            (
                "FX-001",
                "HD-2026-0001",
                enterprise.tax_code,
                "HĐ",
                "12/03/2026",
                "1.250.000,50",
                "usd",
                "Nhật Bản",
                9,
            ),
            (
                "FX-002",
                "HD-2026-0001",
                enterprise.tax_code,
                "MOU",
                datetime.date(2026, 3, 13),
                0,
                "USD",
                "Japan",
                "",
            ),
            (
                "FX-003",
                "HD-2026-0001",
                enterprise.tax_code,
                "Doanh số",
                "13/03/2026",
                "200.000.000",
                "VNĐ",
                "",
                "",
            ),
        ]
    )


def test_the_deal_importer_prices_each_row_at_write_time_and_reimports_as_unchanged(
    activity, personas
):
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 12), currency="USD", rate_to_vnd=Decimal("25000")
    )
    enterprise = EnterpriseFactory()
    data = deals_workbook(enterprise)
    result = DealImporter(actor=personas["partner_officer"]).run(data, filename="gd.xlsx")
    assert result.as_json()["errors"] == []
    assert result.created == 3
    first = Deal.objects.get(code="FX-001")
    assert (
        first.kind,
        first.value,
        first.value_vnd,
        first.counterpart_country.code,
        first.product_group,
    ) == (
        "contract",
        Decimal("1250000.50"),
        Decimal("31250012500"),
        "JP",
        "09",
    )
    sale = Deal.objects.get(code="FX-003")
    assert (sale.value_usd, sale.rate_is_fallback) == (Decimal("8000.00"), True)
    again = DealImporter(actor=personas["partner_officer"]).run(data, filename="gd.xlsx")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert summary.verify_summary() == []


def test_the_command_imports_deals_with_a_dry_run_and_a_json_summary(activity, tmp_path, capsys):
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 12), currency="USD", rate_to_vnd=Decimal("25000")
    )
    path = tmp_path / "gd.xlsx"
    path.write_bytes(deals_workbook(EnterpriseFactory()))
    call_command("import", "deals", str(path), "--dry-run")
    out = json.loads(capsys.readouterr().out)
    assert (out["created"], out["dry_run"], out["errors"]) == (3, True, [])
    assert not Deal.objects.exists()
    call_command("import", "deals", str(path))
    assert Deal.objects.count() == 3


def test_the_import_page_takes_a_file_and_offers_the_blank_template(
    client_as, activity, post_import
):
    client = client_as("partner_officer")
    known = EnterpriseFactory()
    upload = SimpleUploadedFile("ds.xlsx", messy_participations(known))
    response = post_import(client, reverse("promotion:participation-import"), {"file": upload})
    assert "Đã nhập xong." in response.content.decode()
    assert Participation.objects.count() == 3
    template = client.get(reverse("promotion:participation-import-template"))
    headers = [c.value for c in load_workbook(io.BytesIO(template.content)).active[1]]
    assert headers[:4] == ["Mã hoạt động", "Mã số thuế", "Tên doanh nghiệp", "Tỉnh/Thành phố"]


def test_staff_may_not_open_the_import_page(client_as):
    assert client_as("staff").get(reverse("promotion:deal-import")).status_code == 403


def decomposed(text: str) -> str:
    """The text as a keyboard typing combining marks ("tổ hợp") sends it."""
    return unicodedata.normalize("NFD", text)


def test_text_typed_with_combining_marks_and_stray_spaces_is_stored_composed_and_trimmed(
    activity, personas
):
    # Cells are cleaned by their column's reader: once per distinct value in a column whose
    # values repeat (kind, country, province), once per cell in the others (code, name).
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 12), currency="USD", rate_to_vnd=Decimal("25000")
    )
    headers = ("Số HĐ", "Mã hoạt động", "MST", "Tên doanh nghiệp", "Tỉnh", "Loại", "Ngày ký")
    rows = [
        (
            f"  FX-10{n} ",
            " HD-2026-0001",
            tax_code_for(9100),
            decomposed("  Công ty Cổ phần Hạt điều Bình Phước  "),
            decomposed(" Đồng Nai "),
            decomposed(" Hợp đồng  "),
            "12/03/2026",
        )
        for n in range(3)
    ]
    data = workbook(
        [
            (*headers, "Giá trị", "Loại tiền", "Quốc gia đối tác"),
            *((*row, "1000", " usd ", decomposed("Nhật Bản ")) for row in rows),
        ]
    )

    result = DealImporter(actor=personas["partner_officer"]).run(data, filename="gd.xlsx")

    assert result.as_json()["errors"] == []
    assert result.created == result.rows == 3
    deals = Deal.objects.select_related("enterprise__province").order_by("code")
    assert [d.code for d in deals] == ["FX-100", "FX-101", "FX-102"]
    assert {(d.kind, d.currency, d.counterpart_country.code) for d in deals} == {
        ("contract", "USD", "JP")
    }
    enterprise = deals[0].enterprise
    assert enterprise.name == "Công ty Cổ phần Hạt điều Bình Phước"
    assert enterprise.province.name == "Đồng Nai"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1000", Decimal("1000.00")),
        ("12,5", Decimal("12.50")),
        ("1.250.000,75", Decimal("1250000.75")),
    ],
)
def test_amounts_within_the_fields_digits_are_stored(activity, personas, typed, stored):
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 12), currency="USD", rate_to_vnd=Decimal("25000")
    )
    enterprise = EnterpriseFactory()
    data = workbook(
        [
            ("Số HĐ", "Mã hoạt động", "MST", "Loại", "Ngày ký", "Giá trị", "Loại tiền"),
            ("FX-1", "HD-2026-0001", enterprise.tax_code, "HĐ", "12/03/2026", typed, "USD"),
        ]
    )

    result = DealImporter(actor=personas["partner_officer"]).run(data, filename="gd.xlsx")

    assert result.as_json()["errors"] == []
    assert Deal.objects.get(code="FX-1").value == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1,505", "2 chữ số thập phân"),  # three places where the field keeps two
        ("1" + "0" * 18, "18 chữ số trước dấu phẩy"),  # 19 whole digits where it takes 18
    ],
)
def test_an_amount_the_field_cannot_hold_is_refused_on_its_cell_and_nothing_is_saved(
    activity, personas, typed, message
):
    enterprise = EnterpriseFactory()
    data = workbook(
        [
            ("Số HĐ", "Mã hoạt động", "MST", "Loại", "Ngày ký", "Giá trị", "Loại tiền"),
            ("FX-1", "HD-2026-0001", enterprise.tax_code, "HĐ", "12/03/2026", typed, "USD"),
        ]
    )

    result = DealImporter(actor=personas["partner_officer"]).run(data, filename="gd.xlsx")

    (error,) = result.as_json()["errors"]
    assert (error["row"], error["column"]) == (4, "Giá trị")
    assert message in error["message"]
    assert not Deal.objects.exists()


def test_a_deal_in_a_currency_with_no_rate_is_refused_on_its_row_and_nothing_is_saved(
    activity, personas
):
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 12), currency="USD", rate_to_vnd=Decimal("25000")
    )
    enterprise = EnterpriseFactory()
    data = workbook(
        [
            ("Số HĐ", "Mã hoạt động", "MST", "Loại", "Ngày ký", "Giá trị", "Loại tiền"),
            ("FX-1", "HD-2026-0001", enterprise.tax_code, "HĐ", "12/03/2026", "100", "USD"),
            ("FX-2", "HD-2026-0001", enterprise.tax_code, "HĐ", "12/03/2026", "100", "JPY"),
            ("FX-3", "HD-2026-0001", enterprise.tax_code, "HĐ", "12/03/2026", "100", "USD"),
        ]
    )

    result = DealImporter(actor=personas["partner_officer"]).run(data, filename="gd.xlsx")

    assert [(e["row"], e["message"]) for e in result.as_json()["errors"]] == [
        (5, "Chưa có tỷ giá JPY vào hoặc trước ngày 12/03/2026.")
    ]
    assert not Deal.objects.exists()
