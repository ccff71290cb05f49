"""The result importers validate and write in chunks: a file of many chunks is still all or nothing."""

import datetime
import io
import threading
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from xttm.core.importing import TableLedger
from xttm.directory.factories import EnterpriseFactory, tax_code_for
from xttm.directory.models import Enterprise
from xttm.promotion import summary
from xttm.promotion.choices import SchemeStatus
from xttm.promotion.factories import ActivityFactory, ExchangeRateFactory
from xttm.promotion.importers import DealImporter, ParticipationImporter
from xttm.promotion.models import Deal, Participation, ResultSummary

CHUNK = 4  # rows a chunk in these tests, so a file of a few dozen rows spans many chunks
# The required columns: number, activity, tax code, kind, date, value, currency.
DEAL_HEADER = tuple(c.header for c in DealImporter.columns if c.required)


@pytest.fixture
def activity(scheme_in):
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 1), currency="USD", rate_to_vnd=Decimal("25000")
    )
    return ActivityFactory(scheme=scheme_in(SchemeStatus.IN_PROGRESS), code="HD-2026-0001")


def workbook(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def deal_rows(enterprise, count, *, value="1000"):
    return [
        (f"GD-{n:03d}", "HD-2026-0001", enterprise.tax_code, "Hợp đồng", "12/03/2026", value, "USD")
        for n in range(count)
    ]


def importer(kind, actor):
    chosen = kind(actor=actor)
    chosen.chunk_rows = CHUNK
    return chosen


def stored_state():
    """Everything an import may touch, as plain values."""
    return (
        list(Deal.objects.order_by("code").values_list()),
        Deal.history.count(),
        list(Participation.objects.order_by("pk").values_list()),
        list(Enterprise.objects.order_by("pk").values_list("pk", "tax_code", "name")),
        sorted(ResultSummary.objects.values_list(*summary.KEY_FIELDS, *summary.MEASURES)),
    )


def test_a_bad_row_in_the_last_chunk_saves_nothing_of_the_chunks_before_it(activity, personas):
    enterprise = EnterpriseFactory()
    officer = personas["partner_officer"]
    importer(DealImporter, officer).run(workbook([DEAL_HEADER, *deal_rows(enterprise, 5)]))
    before = stored_state()
    # 30 rows: the first five change value, the rest are new, and the 29th has a date that is no date.
    rows = deal_rows(enterprise, 30, value="2000")
    rows[28] = (*rows[28][:4], "31/02/2026", *rows[28][5:])
    result = importer(DealImporter, officer).run(workbook([DEAL_HEADER, *rows]))
    assert [(e["row"], e["column"]) for e in result.errors] == [(30, "Ngày ký")]
    assert "không tồn tại" in result.errors[0]["message"]
    assert (result.created, result.updated) == (0, 0)
    assert stored_state() == before
    assert summary.verify_summary() == []


def test_an_enterprise_a_first_chunk_creates_is_not_kept_when_a_later_chunk_fails(
    activity, personas
):
    header = ("Mã hoạt động", "Mã số thuế", "Tên doanh nghiệp", "Tỉnh/Thành phố", "Số gian hàng")
    rows = [("HD-2026-0001", tax_code_for(7000 + n), f"Công ty {n}", "Huế", 1) for n in range(12)]
    rows.append(
        ("HD-2026-0001", tax_code_for(7100), "", "", 1)
    )  # unknown, and nothing to create it
    before = stored_state()
    result = importer(ParticipationImporter, personas["partner_officer"]).run(
        workbook([header, *rows])
    )
    assert [e["row"] for e in result.errors] == [14]
    assert "hãy ghi tên doanh nghiệp và tỉnh" in result.errors[0]["message"]
    assert stored_state() == before


def test_a_row_repeating_a_key_of_an_earlier_chunk_is_named_with_the_row_it_repeats(
    activity, personas
):
    enterprise = EnterpriseFactory()
    rows = deal_rows(enterprise, 10)
    rows.append(rows[1])  # GD-001 again, two chunks later
    before = stored_state()
    result = importer(DealImporter, personas["partner_officer"]).run(workbook([DEAL_HEADER, *rows]))
    assert [(e["row"], e["message"]) for e in result.errors] == [
        (12, "Dòng trùng với dòng 3 (trang “Sheet”).")
    ]
    assert stored_state() == before


def test_repeats_are_found_among_keys_the_writer_has_stored_and_keys_still_queued(
    activity, personas, monkeypatch
):
    # Keys go to the table six at a time: after two chunks of four, the writer stores the
    # first eight; the third chunk's four are still queued when the fourth chunk repeats rows
    # of both.
    monkeypatch.setattr(TableLedger, "WRITE_KEYS", 6)
    written = []
    write = TableLedger.write

    def spy(self, connection, pending):
        if pending:
            written.append((threading.current_thread().name, sum(len(h) for h, _p in pending)))
        return write(self, connection, pending)

    monkeypatch.setattr(TableLedger, "write", spy)
    enterprise = EnterpriseFactory()
    rows = deal_rows(enterprise, 12)
    rows += [rows[1], rows[9]]  # GD-001 (stored by the writer), GD-009 (still queued)
    before = stored_state()
    result = importer(DealImporter, personas["partner_officer"]).run(workbook([DEAL_HEADER, *rows]))
    assert [(e["row"], e["message"]) for e in result.errors] == [
        (14, "Dòng trùng với dòng 3 (trang “Sheet”)."),
        (15, "Dòng trùng với dòng 11 (trang “Sheet”)."),
    ]
    assert stored_state() == before
    on_writer = [count for name, count in written if name.startswith("xttm-writer")]
    assert on_writer == [8]  # one write for two chunks' keys; the third's went with the look-up
    assert [count for name, count in written if not name.startswith("xttm-writer")] == [4]


def references_checked_at_each_write(kind, actor, rows, *, dry_run) -> list[bool]:
    """Run an import; after each chunk's write, try a deal naming no activity, and say whether
    PostgreSQL refused it at once (the checks run as each statement ends) or let it wait for
    the commit (deferred). The trial row is rolled back either way."""
    answers = []
    chosen = importer(kind, actor)
    insert_new = chosen.insert_new

    def insert_then_try(connection, new_columns):
        insert_new(connection, new_columns)
        with connection.cursor() as cursor:
            cursor.execute("SAVEPOINT trial")
            try:
                cursor.execute(
                    "INSERT INTO promotion_deal (code, activity_id, enterprise_id, kind,"
                    " signed_on, value, currency, rate_to_vnd, rate_date, value_vnd, value_usd,"
                    " rate_is_fallback, product_group, counterpart_country)"
                    " VALUES ('TRIAL', -1, -1, 'contract', '2026-03-12', 1, 'VND', 1, '2026-03-12', 1, 0,"
                    " false, '', '')"
                )
                answers.append(False)
            except IntegrityError:
                answers.append(True)
            cursor.execute("ROLLBACK TO SAVEPOINT trial")

    chosen.insert_new = insert_then_try
    result = chosen.run(workbook([DEAL_HEADER, *rows]), dry_run=dry_run)
    assert result.ok, result.errors
    return answers


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SET CONSTRAINTS is PostgreSQL's")
def test_an_import_has_its_references_checked_as_each_chunk_is_written_not_at_commit(
    activity, personas
):
    enterprise = EnterpriseFactory()
    officer = personas["partner_officer"]
    rows = deal_rows(enterprise, 10)
    assert references_checked_at_each_write(DealImporter, officer, rows, dry_run=False) == [
        True,
        True,
        True,
    ]
    assert Deal.objects.count() == 10
    # Django's default is back for the rest of the transaction: a dangling reference waits.
    with connection.cursor() as cursor:
        cursor.execute("SAVEPOINT after")
        cursor.execute("UPDATE promotion_deal SET activity_id = -1 WHERE code = %s", [rows[0][0]])
        cursor.execute("ROLLBACK TO SAVEPOINT after")
    # A dry run, rolled back, never runs its queued checks, so it leaves them deferred.
    Deal.objects.all().delete()
    assert references_checked_at_each_write(DealImporter, officer, rows, dry_run=True) == [
        False,
        False,
        False,
    ]


def test_a_file_of_many_chunks_writes_every_row_its_history_and_an_exact_summary(
    activity, personas
):
    enterprise = EnterpriseFactory()
    officer = personas["partner_officer"]
    result = importer(DealImporter, officer).run(
        workbook([DEAL_HEADER, *deal_rows(enterprise, 30)])
    )
    assert (result.ok, result.created) == (True, 30)
    assert (
        Deal.objects.filter(value_vnd=Decimal("25000000"), value_usd=Decimal("1000")).count() == 30
    )
    history = Deal.history.filter(history_type="+", history_user=officer)
    assert sorted(history.values_list("code", flat=True)) == [f"GD-{n:03d}" for n in range(30)]
    # Each history row holds its record's every value (PostgreSQL reuses the record's COPY line).
    own = [f.attname for f in Deal._meta.concrete_fields]
    assert sorted(history.values_list(*own)) == sorted(Deal.objects.values_list(*own))
    assert summary.verify_summary() == []
    again = importer(DealImporter, officer).run(workbook([DEAL_HEADER, *deal_rows(enterprise, 30)]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 30)
    assert Deal.history.count() == 30


def test_a_dry_run_of_many_chunks_writes_nothing(activity, personas):
    enterprise = EnterpriseFactory()
    before = stored_state()
    result = importer(DealImporter, personas["partner_officer"]).run(
        workbook([DEAL_HEADER, *deal_rows(enterprise, 30)]), dry_run=True
    )
    assert (result.ok, result.created) == (True, 30)
    assert stored_state() == before


PARTICIPATION_HEADER = ("Mã hoạt động", "Mã số thuế", "Số gian hàng", "Kinh phí hỗ trợ (đồng)")


def test_a_cell_left_blank_only_in_a_later_chunk_keeps_the_stored_value_or_takes_the_default(
    activity, personas
):
    # The first chunks read their columns in one pass; the blank booths cells of the last
    # chunk send that column back to the cell-by-cell reading, which must keep the rules.
    officer = personas["partner_officer"]
    stored = EnterpriseFactory()
    importer(ParticipationImporter, officer).run(
        workbook([PARTICIPATION_HEADER, ("HD-2026-0001", stored.tax_code, 5, 1000)])
    )
    newcomers = [EnterpriseFactory() for _ in range(9)]
    rows = [("HD-2026-0001", e.tax_code, 2, 3000) for e in newcomers[:8]]
    rows += [
        ("HD-2026-0001", newcomers[8].tax_code, "", 3000),  # new: the default, no booth
        ("HD-2026-0001", stored.tax_code, "  ", 7000),  # stored: its five booths stay
    ]
    result = importer(ParticipationImporter, officer).run(workbook([PARTICIPATION_HEADER, *rows]))
    assert (result.ok, result.created, result.updated) == (True, 9, 1)
    booths = dict(Participation.objects.values_list("enterprise__tax_code", "booths"))
    assert booths[newcomers[8].tax_code] == 0
    assert booths[stored.tax_code] == 5
    assert Participation.objects.get(enterprise=stored).support_vnd == Decimal("7000")
    assert summary.verify_summary() == []


def test_wrong_cells_of_many_columns_are_named_row_by_row_in_the_order_of_the_columns(
    activity, personas, settings
):
    settings.XTTM_IMPORT_MAX_CELL_CHARS = 12
    enterprise = EnterpriseFactory()
    rows = deal_rows(enterprise, 10)
    rows[9] = (rows[9][0], "HD-2026-0001-QUÁ-DÀI", *rows[9][2:5], "nhiều", rows[9][6])
    rows[6] = (*rows[6][:4], "", rows[6][5], "??")
    before = stored_state()
    result = importer(DealImporter, personas["partner_officer"]).run(workbook([DEAL_HEADER, *rows]))
    assert [(e["row"], e["column"]) for e in result.errors] == [
        (8, "Ngày ký"),
        (8, "Loại tiền"),
        (11, "Mã hoạt động"),
        (11, "Giá trị"),
    ]
    assert result.errors[0]["message"] == "Thiếu Ngày ký."
    assert result.errors[2]["message"] == "Ô dài quá 12 ký tự."
    assert stored_state() == before


def test_a_result_importer_with_a_row_hook_is_refused_at_once_since_chunks_never_call_it():
    class WithRowHook(DealImporter):
        def clean_row(self, values, row):
            raise AssertionError("never reached")

    with pytest.raises(TypeError, match="clean_row"):
        WithRowHook()


def test_repeats_are_named_with_the_files_first_row_and_in_row_order_with_other_errors(
    activity, personas
):
    enterprise = EnterpriseFactory()
    rows = deal_rows(enterprise, 8)
    rows[4] = rows[0]  # row 6 repeats row 2, an earlier chunk's
    rows[5] = rows[0]  # row 7 repeats it too, and row 6 of its own chunk
    rows[6] = (*rows[6][:4], "31/02/2026", *rows[6][5:])  # row 8: a date that is no date
    before = stored_state()
    result = importer(DealImporter, personas["partner_officer"]).run(workbook([DEAL_HEADER, *rows]))
    assert [(e["row"], e["message"]) for e in result.errors] == [
        (6, "Dòng trùng với dòng 2 (trang “Sheet”)."),
        (7, "Dòng trùng với dòng 2 (trang “Sheet”)."),
        (8, result.errors[2]["message"]),
    ]
    assert (result.errors[2]["column"], "không tồn tại" in result.errors[2]["message"]) == (
        "Ngày ký",
        True,
    )
    assert stored_state() == before


def test_participations_update_an_activity_with_stored_records_and_name_repeats_at_a_new_one(
    activity, personas
):
    # The first activity has records stored before the file: its rows change them. The second
    # has none: its rows are all new. A third, new too, has a row repeated two chunks later.
    ActivityFactory(scheme=activity.scheme, code="HD-2026-0002")
    enterprises = EnterpriseFactory.create_batch(8)
    header = ("Mã hoạt động", "Mã số thuế", "Số gian hàng", "Kinh phí hỗ trợ")
    stored = [("HD-2026-0001", e.tax_code, 1, "1") for e in enterprises[:4]]
    importer(ParticipationImporter, personas["partner_officer"]).run(workbook([header, *stored]))
    rows = [("HD-2026-0001", e.tax_code, 3, "5000000") for e in enterprises[:4]]
    rows += [("HD-2026-0002", e.tax_code, 2, "4000000") for e in enterprises]
    good = importer(ParticipationImporter, personas["partner_officer"])
    result = good.run(workbook([header, *rows]))
    assert result.as_json()["errors"] == []
    assert (result.created, result.updated) == (8, 4)
    assert (
        sorted(Participation.objects.values_list("activity__code", "booths", "support_vnd"))
        == [("HD-2026-0001", 3, Decimal(5000000))] * 4 + [("HD-2026-0002", 2, Decimal(4000000))] * 8
    )
    assert summary.verify_summary() == []

    third = ActivityFactory(scheme=activity.scheme, code="HD-2026-0003")
    before = stored_state()
    again = [(third.code, e.tax_code, 1, "1000") for e in enterprises]
    again.append(again[1])  # row 3 again, in the third chunk
    result = importer(ParticipationImporter, personas["partner_officer"]).run(
        workbook([header, *again])
    )
    assert [(e["row"], e["message"]) for e in result.errors] == [
        (10, "Dòng trùng với dòng 3 (trang “Sheet”).")
    ]
    assert stored_state() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="sequences are PostgreSQL's here")
def test_new_records_ids_come_from_their_tables_sequence_named_once_per_import(db):
    deals = DealImporter()
    with CaptureQueriesContext(connection) as asked, connection.cursor() as cursor:
        assert deals._id_sequence(cursor) == "public.promotion_deal_id_seq"
        # Asked once: the import's later chunks reuse the name.
        assert deals._id_sequence(cursor) == "public.promotion_deal_id_seq"
        assert len(asked) == 1

        class SessionImporter(DealImporter):
            model = Session  # its key is a string, drawn from no sequence

        with pytest.raises(ValueError, match="takes no ids from a sequence"):
            SessionImporter()._id_sequence(cursor)


def test_an_import_asks_which_activities_hold_records_once_however_many_its_file_names(
    activity, personas
):
    # Twenty rows at one activity, then twenty at five: the same enterprises, the same chunks.
    # Asked as each activity came up, the question waited for the writer mid-chunk.
    others = [ActivityFactory(scheme=activity.scheme, code=f"HD-2026-010{n}") for n in range(4)]
    enterprises = EnterpriseFactory.create_batch(20)
    one = [(activity.code, e.tax_code, 1, "1000") for e in enterprises]
    codes = [activity.code] + [a.code for a in others]
    five = [(codes[n // 4], e.tax_code, 1, "1000") for n, e in enumerate(enterprises)]
    asked = []
    # The first run warms the process's caches (the provinces' names), so it is not counted.
    for rows in (one, one, five):
        with CaptureQueriesContext(connection) as queries:
            result = importer(ParticipationImporter, personas["partner_officer"]).run(
                workbook([PARTICIPATION_HEADER, *rows]), dry_run=True
            )
        assert (result.ok, result.created) == (True, 20)
        asked.append(len(queries))
    assert asked[1] == asked[2]


def test_participations_of_activities_taking_turns_down_the_file_are_summed_to_each(
    activity, personas
):
    # Activities alternate row by row, across chunks: each run of one is summed on its own.
    second = ActivityFactory(scheme=activity.scheme, code="HD-2026-0002")
    enterprises = EnterpriseFactory.create_batch(9)
    rows = [
        (activity.code if n % 2 else second.code, e.tax_code, 1, f"{n + 1}000000")
        for n, e in enumerate(enterprises)
    ]
    result = importer(ParticipationImporter, personas["partner_officer"]).run(
        workbook([PARTICIPATION_HEADER, *rows])
    )
    assert (result.ok, result.created) == (True, 9)
    assert summary.verify_summary() == []
    support = {
        code: sum(r.support_vnd for r in Participation.objects.filter(activity__code=code))
        for code in (activity.code, second.code)
    }
    assert support == {activity.code: Decimal(20_000_000), second.code: Decimal(25_000_000)}


def test_imported_participations_take_ids_a_record_saved_after_them_does_not_collide_with(
    activity, personas
):
    enterprises = EnterpriseFactory.create_batch(10)
    rows = [(activity.code, e.tax_code, 1, "1000") for e in enterprises]
    result = importer(ParticipationImporter, personas["partner_officer"]).run(
        workbook([PARTICIPATION_HEADER, *rows])
    )
    assert (result.ok, result.created) == (True, 10)
    ids = sorted(Participation.objects.values_list("pk", flat=True))
    assert len(set(ids)) == 10
    later = Participation.objects.create(activity=activity, enterprise=EnterpriseFactory())
    assert later.pk > ids[-1]
