"""`xttm eligibility FILE.json [--year Y] [--lang en]`: run the rules engine on a facts file.

Prints one JSON report on stdout (eligibility-io.md). Exit code 0 when the
file is valid, whatever the verdicts; 2 with the JSON path of the first
problem on stderr when it is not. The database is never touched, so the
command works on a machine with no database at all.
"""

from django.core.management.base import BaseCommand, CommandError

from xttm.emulation.rules import FactsError, dumps, evaluate, read_facts, report_to_dict
from xttm.emulation.rules.explain import LANGS, msg, render
from xttm.emulation.rules.io import MAX_YEAR, MIN_YEAR


class Command(BaseCommand):
    help = (
        "Xét điều kiện danh hiệu thi đua, hình thức khen thưởng từ tệp dữ kiện JSON; "
        "in báo cáo JSON (không dùng cơ sở dữ liệu)."
    )
    # No system checks and no migration checks: both would reach for the
    # project's database and apps, and this command must run without them.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp dữ kiện JSON (xem docs: eligibility-io).")
        parser.add_argument("--year", type=int, help='Năm xét; mặc định là khóa "year" trong tệp.')
        parser.add_argument(
            "--lang",
            choices=LANGS,
            default="vi",
            help="Ngôn ngữ của lời giải thích: vi (mặc định) hoặc en.",
        )

    def handle(self, *args, file, year=None, lang="vi", **options):
        try:
            facts = read_facts(file, lang=lang)
            judged = year if year is not None else facts.year
            if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
                raise FactsError("--year", render(msg("io.bad_year", value=year), lang))
            if judged is None:
                raise FactsError("year", render(msg("io.no_year"), lang))
        except FactsError as error:
            raise CommandError(str(error), returncode=2) from error
        report = evaluate(facts, judged, lang=lang)
        self.stdout.write(dumps(report_to_dict(report)))
