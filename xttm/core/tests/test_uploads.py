"""Uploaded documents: size and type limits judged by content, stored off the static root, served by scope."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve, reverse
from docx import Document
from openpyxl import Workbook

from xttm.core.uploads import check_upload
from xttm.emulation import services as emulation_services
from xttm.emulation.forms import InitiativeForm
from xttm.emulation.models import NominationDocument
from xttm.promotion.factories import SchemeFactory
from xttm.promotion.models import Attachment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
HTML = b"<html><script>alert(document.cookie)</script></html>"


def docx_bytes() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("to-trinh.pdf", PDF),
        ("bao-cao.docx", docx_bytes()),
        ("so-lieu.xlsx", xlsx_bytes()),
        ("anh.PNG", PNG),
        ("anh.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 16),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16),
    ],
)
def test_it_accepts_documents_whose_content_matches_their_name(name, content):
    check_upload(upload(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("to-trinh.pdf", HTML),  # a script dressed as a PDF
        ("bao-cao.docx", b"MZ\x90\x00" + b"\x00" * 60),  # an executable
        ("so-lieu.xlsx", docx_bytes()),  # a Word file named as a workbook
        ("bao-cao.pdf", docx_bytes()),
        ("nen.xlsx", b"PK\x03\x04" + b"\x00" * 40),  # a zip that is no workbook
        ("trang.html", HTML),
        ("khong-duoi", PDF),
    ],
)
def test_it_refuses_a_file_whose_content_is_not_an_allowed_type(name, content):
    with pytest.raises(ValidationError) as caught:
        check_upload(upload(name, content))
    assert caught.value.code == "bad_type"
    assert name in caught.value.messages[0]


def test_it_refuses_a_file_over_the_size_limit(settings):
    settings.XTTM_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("lon.pdf", PDF + b"0" * 1024))
    assert caught.value.code == "too_large"
    check_upload(upload("vua.pdf", PDF))


def test_a_partner_officers_disguised_attachment_is_refused_and_nothing_is_stored(
    client_as, partner_org, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    scheme = SchemeFactory(lead=partner_org)

    response = client_as("partner_officer").post(
        reverse("promotion:attachment-add", args=[scheme.pk]),
        {"title": "Tờ trình", "file": upload("to-trinh.pdf", HTML)},
        follow=True,
    )

    assert response.status_code == 200
    assert "không đúng định dạng cho phép" in response.content.decode()
    assert Attachment.objects.count() == 0
    assert list(tmp_path.rglob("*")) == []


def test_a_partner_officers_pdf_is_attached_and_downloaded_only_through_the_scoped_view(
    client_as, partner_org, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    scheme = SchemeFactory(lead=partner_org)
    client_as("partner_officer").post(
        reverse("promotion:attachment-add", args=[scheme.pk]),
        {"title": "Tờ trình", "file": upload("to-trinh.pdf", PDF)},
    )
    attachment = Attachment.objects.get()
    stored = Path(attachment.file.path)

    assert stored.read_bytes() == PDF
    assert stored.is_relative_to(tmp_path)
    download = client_as("partner_officer").get(
        reverse("promotion:attachment-download", args=[attachment.pk])
    )
    assert b"".join(download.streaming_content) == PDF
    assert (
        client_as("outsider")
        .get(reverse("promotion:attachment-download", args=[attachment.pk]))
        .status_code
        == 404
    )
    # No URL serves the media directory: the file is reachable only through the view above.
    with pytest.raises(Resolver404):
        resolve(f"{django_settings.MEDIA_URL}{attachment.file.name}")
    assert client_as("admin").get(f"/media/{attachment.file.name}").status_code == 404


def test_uploads_are_stored_outside_the_static_root():
    media = Path(django_settings.MEDIA_ROOT).resolve()
    static = Path(django_settings.STATIC_ROOT).resolve()
    assert not media.is_relative_to(static)
    assert not static.is_relative_to(media)
    assert all(
        not media.is_relative_to(Path(d).resolve()) for d in django_settings.STATICFILES_DIRS
    )


def test_the_secretariat_cannot_attach_a_disguised_file_to_a_dossier(
    client_as, personas, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    nomination = emulation_services.nominate_adhoc(
        personas["staff"].person,
        code="BK_BO",
        achieved_on=datetime.date(2025, 6, 1),
        achievement="Tổ chức hội chợ",
        actor=personas["emulation_secretariat"],
    )

    response = client_as("emulation_secretariat").post(
        reverse("emulation:nomination-dossier", args=[nomination.pk]),
        {"kind": "other", "file": upload("ho-so.pdf", HTML)},
        follow=True,
    )

    assert "không đúng định dạng cho phép" in response.content.decode()
    assert NominationDocument.objects.count() == 0
    assert list(tmp_path.rglob("*")) == []


def test_an_initiative_certificate_must_be_an_allowed_document(personas):
    unit = personas["staff"].person.unit
    data = {
        "title": "Sáng kiến số hóa hồ sơ",
        "kind": "initiative",
        "unit": unit.pk,
        "scope": "unit",
        "year": 2024,
        "recognised_on": "2024-11-15",
    }
    bad = InitiativeForm(data, {"certificate": upload("gcn.pdf", HTML)})
    good = InitiativeForm(data, {"certificate": upload("gcn.pdf", PDF)})

    assert "certificate" in bad.errors
    assert "certificate" not in good.errors
