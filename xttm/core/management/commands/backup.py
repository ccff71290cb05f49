"""`xttm backup [FILE]`: a consistent archive of the database and the uploaded files."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from xttm.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp đính kèm vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="tệp đích (mặc định: var/backups/xttm-<thời điểm>.tar.gz)"
        )

    def handle(self, *args, file=None, **options):
        if file:
            target = Path(file)
        else:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            target = Path(settings.VAR_DIR) / "backups" / f"xttm-{stamp}.tar.gz"
        try:
            manifest = create_backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"Đã sao lưu {len(manifest['tables'])} bảng ({rows} dòng) và "
            f"{len(manifest['media_files'])} tệp vào {target}"
        )
