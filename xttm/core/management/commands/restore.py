"""`xttm restore FILE`: bring back a backup made by `xttm backup`, then check it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from xttm.core.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và tệp đính kèm từ một bản sao lưu (ghi đè dữ liệu hiện có)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--yes", action="store_true", help="không hỏi lại (dữ liệu hiện có sẽ bị thay thế)"
        )

    def handle(self, *args, file, yes=False, **options):
        archive = Path(file)
        try:
            manifest = read_manifest(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not yes:
            raise CommandError(
                "Khôi phục sẽ thay toàn bộ dữ liệu hiện có bằng bản sao lưu lúc "
                f"{manifest['created_at']}. Chạy lại với --yes để xác nhận."
            )
        try:
            differences = restore_backup(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if differences:
            lines = [
                f"  {t}: {saved} dòng trong bản sao lưu, {found} sau khôi phục"
                for t, (saved, found) in sorted(differences.items())
            ]
            raise CommandError("Khôi phục không khớp bản sao lưu:\n" + "\n".join(lines))
        self.stdout.write(
            f"Đã khôi phục {len(manifest['tables'])} bảng; số dòng và mã kiểm tra khớp."
        )
