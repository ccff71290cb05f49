"""Storage: static files (hashed names and gzip, without brotli) and writes that fail cleanly."""

import contextlib
import errno
from pathlib import Path

from django.utils.translation import gettext as _
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Brotli at its highest level takes over a minute for the admin and API docs' files on
    two cores, on every fresh `serve`; gzip alone is a few seconds and every browser reads it."""

    def create_compressor(self, **kwargs):
        kwargs.setdefault("use_brotli", False)
        return super().create_compressor(**kwargs)


class FileWriteError(Exception):
    """A file the server could not write (a full disk above all); the message is for the user."""


def explain_write_error(exc: OSError, name: str = "") -> str:
    """A Vietnamese sentence for a failed write: a full disk is named as such."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) and not name:
        return _(
            "Không tạo được tệp: ổ đĩa máy chủ đã đầy. "
            "Hãy báo quản trị hệ thống giải phóng dung lượng rồi thử lại."
        )
    if not name:
        return _("Không tạo được tệp: {reason}").format(
            reason=exc.strerror or exc.__class__.__name__
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _(
            "Không ghi được tệp “{name}”: ổ đĩa máy chủ đã đầy. "
            "Hãy báo quản trị hệ thống giải phóng dung lượng rồi thử lại."
        ).format(name=name)
    return _("Không ghi được tệp “{name}”: {reason}").format(
        name=name, reason=exc.strerror or exc.__class__.__name__
    )


def save_or_explain(fieldfile, name: str, content) -> str:
    """Save `content` into a FileField under `name`; on failure leave no half file and explain.

    Django's FileSystemStorage writes straight to the final path, so a disk
    that fills up mid-write leaves a truncated file behind; it is removed here.
    """
    storage = fieldfile.storage
    target = storage.get_available_name(
        fieldfile.field.generate_filename(fieldfile.instance, name),
        max_length=fieldfile.field.max_length,
    )
    try:
        saved = storage.save(target, content, max_length=fieldfile.field.max_length)
    except OSError as exc:
        with contextlib.suppress(OSError):
            storage.delete(target)
        raise FileWriteError(explain_write_error(exc, Path(name).name)) from exc
    fieldfile.name = saved
    fieldfile._committed = True
    return saved
