"""Uploaded documents: a size limit and a type allow-list judged by the content, not the name.

A name says nothing about a file: `hoso.pdf` may be HTML with a script or an
executable. Each accepted type is recognised by its first bytes (and, for the
Office formats, by the parts inside the zip), and the extension must agree.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls (Compound File Binary)
# Office Open XML: the part that tells a Word file from a workbook or a presentation.
OOXML_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ALLOWED = ("pdf", "docx", "xlsx", "pptx", "doc", "xls", "png", "jpg", "jpeg")


def sniff(upload) -> str | None:
    """The type the content shows ("pdf", "docx", "png"…), or None when it is none we accept."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(OLE):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names:
            for kind, part in OOXML_PARTS.items():
                if part in names:
                    return kind
    return None


def check_upload(upload) -> None:
    """Raise a ValidationError (in Vietnamese) unless the file is small enough and of an allowed type."""
    limit = settings.XTTM_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Tệp “{name}” lớn hơn giới hạn {limit} MB.").format(
                name=upload.name, limit=round(limit / 1024 / 1024, 1)
            ),
            code="too_large",
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    found = sniff(upload)
    agrees = (
        found == extension
        or (found == "jpg" and extension == "jpeg")
        or (found == "ole" and extension in ("doc", "xls"))
    )
    if extension not in ALLOWED or not agrees:
        raise ValidationError(
            _(
                "Tệp “{name}” không đúng định dạng cho phép (PDF, Word, Excel, PowerPoint, "
                "PNG, JPEG) hoặc nội dung không khớp phần mở rộng."
            ).format(name=upload.name),
            code="bad_type",
        )
