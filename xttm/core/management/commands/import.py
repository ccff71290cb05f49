"""`xttm import {enterprises,people,…} FILE [--dry-run]`: import a spreadsheet, print a JSON summary.

Exit codes: 0 saved (or a clean dry run), 1 some rows refused and nothing
saved, 2 the file could not be read at all.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from xttm.core.importing import IMPORTERS, get_importer
from xttm.core.jobs import one_import_of_a_kind_at_a_time


class Command(BaseCommand):
    help = "Nhập doanh nghiệp, cán bộ… từ tệp .xlsx hoặc .csv; lưu tất cả hoặc không lưu gì."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS), help="Loại dữ liệu cần nhập.")
        parser.add_argument("file", help="Đường dẫn tệp .xlsx hoặc .csv.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ kiểm tra và báo cáo, không lưu gì.",
        )

    def handle(self, *args, kind, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("Không tìm thấy tệp “{path}”.").format(path=file), returncode=2)
        with one_import_of_a_kind_at_a_time(kind):
            result = get_importer(kind)().run(path, filename=path.name, dry_run=dry_run)
        self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        if result.file_error:
            raise CommandError(result.errors[0]["message"], returncode=2)
        if result.errors:
            raise CommandError(
                _("Có {count} lỗi; không lưu dòng nào.").format(
                    count=len(result.errors) + result.errors_left_off
                ),
                returncode=1,
            )
