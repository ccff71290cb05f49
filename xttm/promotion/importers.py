"""Importers of results: participations (activity code + tax code) and deals (by their number).

Both accept the messy sheets the directory importers accept (title rows above
the header, Vietnamese or unaccented headers, numbers written '1.234.567'),
save all rows or none, and change nothing when the same file comes again.
An enterprise unknown by its tax code is created from the row when its name
and province are given; otherwise the row is an error.
"""

import abc
import functools
import itertools
import operator

from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from xttm.accounts.roles import Role, has_role
from xttm.core.bulk import (
    among,
    copy_lines,
    copy_rows,
    copy_text,
    insert_rows,
    references_checked_as_written,
)
from xttm.core.importing import (
    BLANK,
    CellError,
    Column,
    Importer,
    Lookup,
    SeenKeys,
    TableLedger,
    choice_parser,
    options_of,
    parse_date,
    parse_integer,
    parse_number,
    parse_text,
)
from xttm.core.overlap import OverlappedWrites
from xttm.core.text import fold_key
from xttm.directory.importers import parse_tax_code, province_lookup
from xttm.directory.models import Enterprise

from . import services, summary
from .choices import DealKind
from .models import Activity, Deal, Participation

_PK = operator.attrgetter(Activity._meta.pk.attname)
SAVE_BATCH = 2_000  # rows per INSERT: well under SQLite's 32,766 parameters
CHUNK = 10_000  # rows validated, resolved and written together (see perf-import, round 7)

ACTIVITY = Column(
    "activity",
    "Mã hoạt động",
    ("Mã HĐ XTTM", "Mã chương trình", "Hoạt động", "Activity code", "Activity"),
    required=True,
    hint="Mã hoạt động như trên trang hoạt động (ví dụ HD-2026-0001).",
)
TAX_CODE = Column(
    "tax_code",
    "Mã số thuế",
    ("MST", "Mã số DN", "Mã số doanh nghiệp", "Mã số thuế (MST)", "Tax code", "Tax ID"),
    required=True,
    parse=parse_tax_code,
    hint="10 chữ số, hoặc 10 chữ số - 3 chữ số với chi nhánh.",
)
ENTERPRISE_NAME = Column(
    "enterprise_name",
    "Tên doanh nghiệp",
    ("Tên DN", "Tên công ty", "Doanh nghiệp", "Tên đơn vị", "Company name", "Company"),
    hint="Bắt buộc khi doanh nghiệp chưa có trong hệ thống (cùng với tỉnh).",
)
PROVINCE = Column(
    "province",
    "Tỉnh/Thành phố",
    ("Tỉnh, thành phố", "Tỉnh thành", "Tỉnh/TP", "Tỉnh", "Địa phương", "Province"),
    hint="Tỉnh của doanh nghiệp (34 tỉnh mới hoặc 63 tỉnh cũ); cần khi doanh nghiệp mới.",
)


def parse_money(value):
    number = parse_number(value)
    if number < 0:
        raise CellError(_("Số tiền không được âm."))
    return number


def parse_currency(value) -> str:
    text = parse_text(value).upper().replace("Đ", "D")
    aliases = {"DONG": "VND", "VNĐ": "VND", "D": "VND", "$": "USD", "US$": "USD", "EURO": "EUR"}
    text = aliases.get(text, text)
    if len(text) != 3 or not text.isalpha():
        raise CellError(
            _("“{value}” không phải mã tiền tệ ISO 4217 (ví dụ USD, EUR, VND).").format(value=value)
        )
    return text


_COUNTRIES: dict[str, str] = {}


def parse_country(value) -> str:
    """A country by ISO code, English or Vietnamese name, with or without diacritics."""
    if not _COUNTRIES:
        from django.utils import translation

        for lang in ("en", "vi"):
            with translation.override(lang):
                for code, name in countries:
                    _COUNTRIES[fold_key(str(name))] = code
        for code, _name in countries:
            _COUNTRIES[fold_key(code)] = code
        _COUNTRIES.update(
            {"my": "US", "hoaky": "US", "usa": "US", "trungquoc": "CN", "hanquoc": "KR", "uk": "GB"}
        )
    found = _COUNTRIES.get(fold_key(parse_text(value)))
    if found is None:
        raise CellError(_("Không nhận ra quốc gia “{value}”.").format(value=parse_text(value)))
    return found


def rows_where(model, fields, **wanted) -> list[tuple]:
    """The `fields` of the rows whose columns are among the given values, in one raw query.

    Django compiles each value of an `__in` lookup on its own; a chunk's thousands of keys
    cost more than the query itself, and these are plain strings and ints.
    """
    from django.db import connection

    if not all(wanted.values()):
        return []
    quote = connection.ops.quote_name
    meta = model._meta
    where, params = [], []
    for name, values in wanted.items():
        where.append(among(quote(meta.get_field(name).column), values, params))
    columns = ", ".join(
        quote(meta.pk.column if f == "pk" else meta.get_field(f).column) for f in fields
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {' AND '.join(where)}", params
        )
        return cursor.fetchall()


def ids_by(model, field, values) -> dict:
    """{value: pk} of the rows whose `field` is among `values`."""
    return dict(rows_where(model, (field, "pk"), **{field: values}))


class ResultImporter(Importer, abc.ABC):
    """Shared stages of the result importers: scoped activity lookup, enterprise find-or-create, summary."""

    enterprise_fields = ("tax_code", "enterprise_name", "province")
    chunk_rows = CHUNK
    counts_rows = True
    repeated_fields = (
        "activity",
        "tax_code",
        "province",
        "kind",
        "signed_on",
        "currency",
        "counterpart_country",
        "product_group",
        # Booths are small counts and support follows the programme's set amounts a booth.
        "booths",
        "support_vnd",
    )

    def scoped_activities(self):
        """The activities the actor may name in a file (all of them with no actor)."""
        qs = Activity.objects.all()
        return qs.for_user(self.actor) if self.actor is not None else qs

    @cached_property
    def activities(self) -> dict[str, Activity]:
        return {fold_key(a.code): a for a in self.scoped_activities().select_related("scheme")}

    @cached_property
    def provinces(self) -> Lookup:
        return province_lookup()

    def clean_activity(self, value) -> Activity:
        activity = self.activities.get(fold_key(parse_text(value)))
        if activity is None:
            raise CellError(
                _("Không tìm thấy hoạt động “{value}”.").format(value=parse_text(value))
            )
        if self.actor is not None and not services.may_record_results(self.actor, activity.scheme):
            raise CellError(
                _("Đề án “{scheme}” chưa được phê duyệt hoặc bạn không được ghi kết quả.").format(
                    scheme=activity.scheme.code
                )
            )
        return activity

    def clean_province(self, value):
        return self.provinces.get(value)

    @classmethod
    def _check_columns(cls) -> None:
        # The natural key may be composite (activity + tax code), so it needs no column of its own.
        owner: dict[str, str] = {}
        for column in cls.columns:
            for key in column.keys():
                if owner.setdefault(key, column.field) != column.field:
                    raise ValueError(f"{cls.__name__}: alias {key!r} names two columns")
        if cls.clean_row is not Importer.clean_row:
            # Chunks are read column by column (`_chunk`), so a row hook would never run.
            raise TypeError(
                f"{cls.__name__}: a result importer checks rows in _chunk, not clean_row"
            )

    @abc.abstractmethod
    def natural_keys(self, columns: dict[str, list]) -> list:
        """Each row's natural key (participations: activity + tax code; deals: the deal number);
        any value for a row with a wrong cell, which is not looked at."""

    @abc.abstractmethod
    def existing(self, keys, enterprises: dict[str, int]) -> dict:
        """The stored records for these natural keys: key → instance. `enterprises` are the
        chunk's known enterprises, tax code → pk."""

    def prepare(self, instance, values) -> None:
        """Compute what is stored at write time (a deal's rates and values)."""

    def validate_and_save(self, tables, result, *, dry_run):
        """Validate and write in chunks of rows, inside the one transaction of the import.

        Every row is validated, so one run names every error; rows are written
        chunk by chunk while none has failed, and the transaction is rolled back
        at the end when one has (or for a dry run). Nothing of a chunk is kept
        once it is written, so memory does not grow with the file: the keys
        already seen go to a temporary table (`SeenKeys`, `TableLedger`), and the
        summary's totals grow with the activities, not the rows. Each chunk is
        written on a second thread while the next is validated (`OverlappedWrites`).
        """
        from django.db import transaction

        self.pending: dict[str, int | None] = {}  # tax code → pk of an enterprise the file creates
        self.known_enterprises: dict[str, int] = {}  # see `enterprise_ids`
        # The activities in scope that held records before the import (participations): asked
        # at the first look-up, before anything is written.
        self.held_activities: set[int] | None = None
        self.provinces_map = summary.ProvinceMap()
        self.delta: dict = {}  # the summary's change by the records changed, then the new ones
        self.totals: dict = {}  # (activity id, deal kind) → [rows, measures…] of new records
        with (
            transaction.atomic(),
            OverlappedWrites() as self.writes,
            references_checked_as_written(self.writes.connection, on=not dry_run),
        ):
            ledger = TableLedger(self.writes.connection, self.writes)
            seen = SeenKeys(ledger)
            for table in tables:
                missing = [
                    c.header for c in self.columns if c.required and c.field not in table.headers
                ]
                if missing:
                    result.add_error(
                        _("Thiếu cột bắt buộc: {columns}.").format(columns=", ".join(missing)),
                        sheet=table.sheet,
                        row=table.header_row,
                    )
                    continue
                sheet, headers = table.sheet, table.headers
                for records in itertools.batched(table.records, self.chunk_rows):
                    self._chunk(sheet, records, headers, seen, result)
            ledger.drop()
            if result.errors:
                transaction.set_rollback(True)
                result.created = result.updated = 0
                return
            for (activity_id, kind), sums in self.totals.items():
                activity = self.activity_by_pk[activity_id]
                summary._add(self.delta, self.contribution_of_new(activity, kind, sums))
            summary.apply_delta(summary.difference(self.delta, {}))
            if dry_run:
                transaction.set_rollback(True)

    @staticmethod
    def _repeated_message(first) -> str:
        return _("Dòng trùng với dòng {row} (trang “{sheet}”).").format(
            row=first[1], sheet=first[0]
        )

    @cached_property
    def activity_by_pk(self) -> dict[int, Activity]:
        return {a.pk: a for a in self.activities.values()}

    def _chunk(self, sheet, records, headers, seen: SeenKeys, result) -> None:
        """Validate a chunk column by column, resolve its enterprises and stored records, and
        write it while no row has failed.

        New records go from the columns of values straight into the insert's rows, with no
        dict or model instance per row; stored records (re-imports) take the model path.
        """
        result.rows += len(records)
        numbers = [number for number, _cells in records]
        columns, notes = self.read_columns(records, headers)
        failed = {at for at, *_rest in notes}
        keys = self.natural_keys(columns)
        # keep: indexes of the rows to resolve; inside: (index, (sheet, row) it repeats) of the
        # rows repeating a row of this chunk.
        keep, inside = seen.add_rows(keys, sheet, numbers, failed)
        repeats = seen.flush()  # rows repeating an earlier chunk's: ((sheet, row), first row)
        earlier = dict(repeats)
        place = {number: at for at, number in enumerate(numbers)}  # a chunk is of one sheet
        # A repeat is named with the file's first row of the key, even when the row it repeats
        # in this chunk repeats an earlier chunk's; each after its row's cell errors (it has
        # none), so the chunk's errors read row by row.
        for where, first in repeats:
            notes.append((place[where[1]], len(headers), self._repeated_message(first), ""))
        for at, first in inside:
            first = earlier.get(first, first)
            notes.append((at, len(headers), self._repeated_message(first), ""))
        self.add_cell_errors(sheet, numbers, notes, result)
        if repeats:
            keep = [at for at in keep if (sheet, numbers[at]) not in earlier]

        tax_codes = columns["tax_code"]
        known = self.enterprise_ids({tax_codes[at] for at in keep})
        # What a new record computes (a deal's prices), worked out before the look-up of stored
        # records: that look-up waits for the writer, which meanwhile ends the last chunk.
        computed = {}
        refused = False
        if self.computed_fields:
            for at in keep:
                try:
                    computed[at] = self.computed(columns, at)
                except services.Refused as exc:
                    computed[at] = exc
                    refused = True
        existing = self.existing([keys[at] for at in keep], known)
        new, changed = [], []  # new: (index, enterprise pk, computed values)
        enterprise_ids = list(map(known.get, map(tax_codes.__getitem__, keep)))
        one_by_one = zip(keep, enterprise_ids, strict=True)  # the rows resolved in the loop
        if not existing and not refused and None not in enterprise_ids:
            # The usual chunk: every row a new record of a stored enterprise, paired in C.
            values = [computed[at] for at in keep] if computed else [()] * len(keep)
            new = list(zip(keep, enterprise_ids, values, strict=True))
            one_by_one = ()
        for at, enterprise_id in one_by_one:
            if enterprise_id is None:
                values = self._row_values(columns, at)
                where = {"sheet": sheet, "row": numbers[at]}
                enterprise_id = self._new_enterprise(values, headers, where, result)
                if enterprise_id is False:
                    continue
            instance = existing.get(keys[at]) if existing else None
            if instance is None:  # the usual row: a new record
                values = computed.get(at, ())
                if values.__class__ is not tuple:  # refused: no rate for its currency and day
                    result.add_error(values.message, sheet=sheet, row=numbers[at])
                    continue
                new.append((at, enterprise_id, values))
                continue
            where = {"sheet": sheet, "row": numbers[at]}
            try:
                model_values = {
                    name: value
                    for name, value in self._row_values(columns, at).items()
                    if name not in self.enterprise_fields
                }
                if self._change(instance, model_values, enterprise_id, where, result):
                    changed.append(instance)
            except services.Refused as exc:
                result.add_error(exc.message, **where)
        new_columns = self.new_columns(columns, new)
        if changed and not result.errors:
            self.write_changed(changed)
        # On the writer thread, while the next chunk is validated: the chunk's keys, so later
        # chunks find their repeats, and its new records while no row has failed.
        self.writes.submit(
            self.write_chunk,
            seen.ledger,
            seen.ledger.take(),
            new_columns if new and not result.errors else None,
        )
        result.created += len(new)
        result.updated += len(changed)

    # Tax code → pk of the stored enterprises found so far. The same few thousand enterprises
    # come back chunk after chunk, so each is looked up once; bounded, so memory stays flat.
    KNOWN_ENTERPRISES = 20_000

    def enterprise_ids(self, tax_codes: set[str]) -> dict[str, int]:
        """The stored enterprises among `tax_codes` (and others found before): tax code → pk."""
        known = self.known_enterprises
        missing = tax_codes.difference(known)
        if missing:
            if len(known) + len(missing) > self.KNOWN_ENTERPRISES:
                known.clear()
                missing = tax_codes
            known.update(ids_by(Enterprise, "tax_code", missing))
        return known

    @staticmethod
    def _row_values(columns: dict[str, list], at: int) -> dict:
        """One row's non-blank values by field (for the rare rows that need a dict)."""
        return {name: cells[at] for name, cells in columns.items() if cells[at] is not BLANK}

    def _new_enterprise(self, values, headers, where, result):
        """The pk of the enterprise the row creates (saved at once, with its history), or False."""
        if values["tax_code"] in self.pending:
            return self.pending[values["tax_code"]]
        if not values.get("enterprise_name") or not values.get("province"):
            result.add_error(
                _(
                    "Không tìm thấy doanh nghiệp có mã số thuế {code}; "
                    "hãy ghi tên doanh nghiệp và tỉnh để tạo mới."
                ).format(code=values["tax_code"]),
                column=headers.get("tax_code", ""),
                **where,
            )
            return False
        enterprise = Enterprise(
            tax_code=values["tax_code"],
            name=values["enterprise_name"],
            province=values["province"],
            registered_by_id=self.actor.organization_id
            if self.actor is not None and has_role(self.actor, Role.PARTNER_OFFICER)
            else None,
        )
        if not result.errors:
            if self.actor is not None:
                enterprise._history_user = self.actor
            enterprise.save()
        self.pending[values["tax_code"]] = enterprise.pk
        return enterprise.pk

    def _change(self, instance, model_values, enterprise_id, where, result) -> bool:
        """Apply the row to a stored record; True when it changed (its old contribution is noted)."""
        if instance.activity_id not in self.activity_by_pk:
            result.add_error(_("Số hiệu đã được đơn vị khác dùng."), **where)
            return False
        before = summary.contribution_of(instance, self.provinces_map)
        changed = self.apply(instance, model_values)
        if instance.enterprise_id != enterprise_id or enterprise_id is None:
            instance.enterprise_id = enterprise_id
            changed = True
        if not changed:
            result.unchanged += 1
            return False
        self.prepare(instance, model_values)
        summary._add(self.delta, before, -1)
        summary._add(self.delta, summary.contribution_of(instance, self.provinces_map))
        return True

    # Fields a new record computes at write time (a deal's rates and values), in the order
    # `computed` returns them.
    computed_fields: tuple[str, ...] = ()

    def computed(self, columns: dict[str, list], at: int) -> tuple:
        """The `computed_fields` of the new record from row `at`; may raise services.Refused."""
        return ()

    def new_columns(self, columns: dict[str, list], new: list[tuple]) -> dict[str, list]:
        """The new records as {column attname: [value of each record]}, their measures added
        to the summary's totals."""
        picked = [at for at, _enterprise, _computed in new]
        # Usually every row of the chunk is new: its columns are taken as they are.
        every = len(picked) == len(columns["activity"])
        careful = self.__dict__.get("_careful", ())

        def of_new(cells: list) -> list:
            return cells if every else [cells[at] for at in picked]

        out: dict[str, list] = {
            "enterprise_id": [enterprise for _at, enterprise, _computed in new],
            "activity_id": list(map(_PK, of_new(columns["activity"]))),
        }
        if self.computed_fields:
            computed = [values for _at, _enterprise, values in new]
            for name, values in zip(
                self.computed_fields,
                zip(*computed, strict=True) if computed else ((),) * len(self.computed_fields),
                strict=True,
            ):
                out[name] = list(values)
        for attname, default in self.defaults.items():
            if attname in out:
                continue
            cells = columns.get(attname)
            if cells is None:
                out[attname] = [default] * len(picked)
            elif attname in careful and BLANK in cells:
                # A blank cell of a new record takes the field's default. Only a column read
                # cell by cell holds blanks (`read_columns`).
                out[attname] = [default if (v := cells[at]) is BLANK else v for at in picked]
            else:
                out[attname] = of_new(cells)
        kinds = out["kind"] if "kind" in out else [""] * len(picked)
        measures = [out[name] for name in self.summed]
        totals = self.totals
        # A file lists an activity's rows together: summed a run of one key at a time, in C.
        start = 0
        for key, run in itertools.groupby(zip(out["activity_id"], kinds, strict=True)):
            end = start + len(list(run))
            sums = totals.setdefault(key, [0] * (1 + len(measures)))
            sums[0] += end - start
            for index, values in enumerate(measures, 1):
                sums[index] += sum(values[start:end])
            start = end
        return out

    def contribution_of_new(self, activity, kind, sums) -> dict:
        """The summary contribution of `sums[0]` new records at an activity, measures summed."""
        record = {"kind": kind, **dict(zip(self.summed, sums[1:], strict=True))}
        part = self.contribution(
            record, summary.activity_dims(activity), activity.scheme, self.provinces_map
        )
        for measures in part.values():
            measures[self.counted] = sums[0]
        return part

    @cached_property
    def defaults(self) -> dict:
        return {
            f.attname: f.get_default()
            for f in self.model._meta.concrete_fields
            if not f.primary_key
        }

    def write_chunk(self, connection, ledger, keys: list, new_columns: dict[str, list] | None):
        ledger.write(connection, keys)
        if new_columns is not None:
            self.insert_new(connection, new_columns)

    def insert_new(self, connection, new_columns: dict[str, list]) -> None:
        """Insert a chunk's new records and their history rows (on the writer thread, hence
        the `connection` passed in: the import's own, inside its transaction)."""
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        columns = list(self.defaults)
        names = ", ".join(quote(c) for c in columns)
        values = [new_columns[c] for c in columns]
        if connection.vendor == "postgresql":
            self._copy_new(connection, new_columns)
            return
        ranges = insert_rows(connection, f"INSERT INTO {table} ({names}) VALUES ", values)
        if self.has_history:
            self.write_history(connection, ranges)

    def _copy_new(self, connection, new_columns: dict[str, list]) -> None:
        """PostgreSQL: the new records and their history rows, each in one COPY.

        The records' ids are drawn from their sequence first, so their history rows
        are written from the same values: copying them back from the table with an
        INSERT … SELECT took longer than the records' own COPY. A history row is the
        record's line of COPY text with the history's own fields after it, so it is
        not formatted twice. Records with no history (participations) take their ids from
        the column's default, as COPY writes them: a round trip a chunk less.
        """
        meta = self.model._meta
        count = len(new_columns["activity_id"])
        with connection.cursor() as cursor:
            values = {}
            if self.has_history:
                cursor.execute(
                    "SELECT nextval(%s::regclass) FROM generate_series(1, %s)",
                    [self._id_sequence(cursor), count],
                )
                values[meta.pk.attname] = [row[0] for row in cursor.fetchall()]
            values.update((name, new_columns[name]) for name in self.defaults)
            columns = [meta.get_field(name).column for name in values]
            lines = copy_rows(cursor, meta.db_table, columns, list(values.values()))
            if self.has_history:
                history, extra = self._history_model_and_extra(connection)
                fields = {
                    f.attname: f for f in history._meta.concrete_fields if f.attname != "history_id"
                }
                if not values.keys() <= fields.keys():
                    raise ValueError(f"{history.__name__} lacks some of the record's fields")
                added = [f for name, f in fields.items() if name not in values]
                # A KeyError: a history field this copy does not know.
                extras = copy_text([[extra[f.attname]] for f in added])
                tail = "\t" + extras[0] if extras else ""
                copy_lines(
                    cursor,
                    history._meta.db_table,
                    [fields[name].column for name in values] + [f.column for f in added],
                    lines,
                    tail,
                )

    def _id_sequence(self, cursor) -> str:
        """The name of the sequence the records' ids come from, asked once per import.

        Written inside the draw, `nextval(pg_get_serial_sequence(…))` looked the
        sequence up again for every id: 0.7 s of the server's time for 100,000 ids,
        against 0.08 s with the name given as a constant.
        """
        name = self.__dict__.get("_sequence")
        if name is None:
            meta = self.model._meta
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
            name = cursor.fetchone()[0]
            if name is None:
                raise ValueError(f"{meta.db_table}.{meta.pk.column} takes no ids from a sequence")
            self._sequence = name
        return name

    def write_changed(self, changed: list) -> None:
        """Save the stored records a chunk changed, with their history."""
        from simple_history.utils import bulk_update_with_history

        fields = [f.name for f in self.model._meta.concrete_fields if not f.primary_key]
        if self.has_history:
            bulk_update_with_history(
                changed, self.model, fields, batch_size=SAVE_BATCH, default_user=self.actor
            )
        else:
            self.model._default_manager.bulk_update(changed, fields, batch_size=SAVE_BATCH)

    @cached_property
    def has_history(self) -> bool:
        return hasattr(self.model._meta, "simple_history_manager_attribute")

    def _history_model_and_extra(self, connection) -> tuple:
        """The history model, and its own fields' values for records the import creates."""
        from django.utils import timezone

        history = getattr(self.model, self.model._meta.simple_history_manager_attribute).model
        extra = {
            "history_date": history._meta.get_field("history_date").get_db_prep_save(
                timezone.now(), connection
            ),
            "history_change_reason": "",
            "history_type": "+",
            "history_user_id": self.actor.pk if self.actor is not None else None,
        }
        return history, extra

    def write_history(self, connection, ranges: list[tuple[int, int]]) -> None:
        """SQLite: the history rows ('+', the actor, now) of the records just inserted, whose
        ids are `ranges` (first, last), copied by the database from the table."""
        history, extra = self._history_model_and_extra(connection)
        quote = connection.ops.quote_name
        own = {f.attname for f in self.model._meta.concrete_fields}
        columns, selects, params = [], [], []
        for f in history._meta.concrete_fields:
            if f.attname == "history_id":
                continue
            columns.append(quote(f.column))
            if f.attname in own:
                selects.append(quote(self.model._meta.get_field(f.attname).column))
            else:
                selects.append("%s")
                # A KeyError: a history field this copy does not know.
                params.append(extra[f.attname])
        sql = "INSERT INTO {} ({}) SELECT {} FROM {} WHERE {} BETWEEN %s AND %s".format(
            quote(history._meta.db_table),
            ", ".join(columns),
            ", ".join(selects),
            quote(self.model._meta.db_table),
            quote(self.model._meta.pk.column),
        )
        with connection.cursor() as cursor:
            for first, last in ranges:
                cursor.execute(sql, [*params, first, last])


class ParticipationImporter(ResultImporter):
    """Participations: one row per enterprise at an activity, keyed by activity code + tax code."""

    name = "participations"
    contribution = staticmethod(summary.participation_contribution)
    counted, summed = "participations", ("support_vnd",)
    label = gettext_lazy("lượt doanh nghiệp tham gia")
    model = Participation
    key = "tax_code"
    sheet_title = "Doanh nghiệp tham gia"
    columns = (
        ACTIVITY,
        TAX_CODE,
        ENTERPRISE_NAME,
        PROVINCE,
        Column(
            "booths",
            "Số gian hàng",
            ("Gian hàng", "Số gian", "Booths"),
            parse=parse_integer,
            number_format="0",
        ),
        Column(
            "support_vnd",
            "Kinh phí hỗ trợ (đồng)",
            (
                "Kinh phí hỗ trợ",
                "Kinh phí được hỗ trợ",
                "Hỗ trợ (VNĐ)",
                "Số tiền hỗ trợ",
                "Support (VND)",
            ),
            parse=parse_money,
            number_format="#,##0",
        ),
    )

    def natural_keys(self, columns):
        activities = columns["activity"]
        # A wrong activity cell is BLANK, whose key is never looked at.
        try:
            ids = list(map(_PK, activities))
        except AttributeError:
            # Asked only now: `BLANK in activities` compares each activity in Python (Model.__eq__).
            ids = [getattr(a, "pk", None) for a in activities]
        return list(zip(ids, columns["tax_code"], strict=True))

    def existing(self, keys, enterprises):
        # An activity with no participation stored before the import can only hold the file's
        # own rows, and those are repeats (`SeenKeys`): not looked up. Which activities hold
        # some is asked once, at the first chunk: asked chunk by chunk, as each activity
        # came up, the question waited for the writer to end the last chunk's COPY.
        held = self.held_activities
        if held is None:
            held = self.held_activities = set(
                self.scoped_activities()
                .filter(Exists(Participation.objects.filter(activity=OuterRef("pk"))))
                .values_list("pk", flat=True)
            )
        pairs = {(a, enterprises[t]) for a, t in keys if t in enterprises and a in held}
        if not pairs:
            return {}
        ids = [
            pk
            for pk, activity, enterprise in rows_where(
                Participation,
                ("pk", "activity_id", "enterprise_id"),
                enterprise_id={e for _a, e in pairs},
                activity_id={a for a, _e in pairs},
            )
            if (activity, enterprise) in pairs
        ]
        if not ids:  # a first import: nothing stored to compare with, no query to build
            return {}
        rows = Participation.objects.select_related("activity__scheme", "enterprise")
        return {(p.activity_id, p.enterprise.tax_code): p for p in rows.filter(pk__in=ids)}


DEAL_KIND_ALIASES = {
    DealKind.CONTRACT: ["HĐ", "Hợp đồng mua bán", "Hợp đồng ký kết", "Contract"],
    DealKind.MOU: ["MOU", "MoU", "Ghi nhớ", "Biên bản ghi nhớ hợp tác", "Thỏa thuận"],
    DealKind.TRANSACTION: ["GD", "Giao dịch thương mại", "Transaction"],
    DealKind.SALE: [
        "Doanh số",
        "Doanh thu",
        "Bán hàng",
        "Doanh số bán hàng tại chỗ",
        "Sale",
        "Sales",
    ],
}


class DealImporter(ResultImporter):
    """Contracts, MoUs, transactions and sales, keyed by their number (Số hợp đồng)."""

    name = "deals"
    contribution = staticmethod(summary.deal_contribution)
    counted, summed = "deals", ("value_vnd", "value_usd")
    label = gettext_lazy("hợp đồng, giao dịch")
    model = Deal
    key = "code"
    sheet_title = "Hợp đồng, giao dịch"
    columns = (
        Column(
            "code",
            "Số hợp đồng",
            ("Số HĐ", "Số hiệu", "Mã giao dịch", "Số biên bản", "Contract number", "Deal code"),
            required=True,
            hint="Số hợp đồng hoặc mã do đơn vị đặt; không trùng nhau.",
        ),
        ACTIVITY,
        TAX_CODE,
        ENTERPRISE_NAME,
        PROVINCE,
        Column(
            "kind",
            "Loại",
            ("Loại giao dịch", "Hình thức", "Kind", "Type"),
            required=True,
            parse=choice_parser(DealKind, DEAL_KIND_ALIASES),
            options=options_of(DealKind),
        ),
        Column(
            "signed_on",
            "Ngày ký",
            ("Ngày", "Ngày giao dịch", "Ngày ký kết", "Date", "Signed on"),
            required=True,
            parse=parse_date,
            hint="dd/mm/yyyy",
            number_format="DD/MM/YYYY",
        ),
        Column(
            "value",
            "Giá trị",
            ("Trị giá", "Giá trị hợp đồng", "Kim ngạch", "Value", "Amount"),
            required=True,
            parse=parse_money,
            number_format="#,##0.00",
        ),
        Column(
            "currency",
            "Loại tiền",
            ("Đơn vị tiền", "Tiền tệ", "Ngoại tệ", "Currency"),
            required=True,
            parse=parse_currency,
            hint="Mã ISO 4217: USD, EUR, JPY, VND…",
        ),
        Column(
            "counterpart_country",
            "Quốc gia đối tác",
            ("Nước đối tác", "Thị trường", "Quốc gia", "Country", "Market"),
            parse=parse_country,
            hint="Tên tiếng Việt, tiếng Anh hoặc mã ISO (JP, US…).",
        ),
        Column(
            "product_group",
            "Nhóm hàng (HS)",
            ("Nhóm hàng", "Mã HS", "Chương HS", "HS", "Product group"),
            hint="Chương HS hai chữ số, ví dụ 09.",
        ),
    )

    def clean_product_group(self, value):
        text = parse_text(value)
        return text.zfill(2) if text.isdigit() else text[:4]

    def natural_keys(self, columns):
        return columns["code"]

    def existing(self, keys, enterprises):
        ids = ids_by(Deal, "code", keys)
        if not ids:
            return {}
        rows = Deal.objects.select_related("activity__scheme", "enterprise")
        return {d.code: d for d in rows.filter(pk__in=ids.values())}

    def apply(self, instance, values):
        # Stored values are compared as stored (Decimal 2 places), so a re-import is "unchanged".
        return super().apply(instance, values)

    @cached_property
    def rates(self):
        # One query per currency and day instead of one per row.
        return functools.cache(services.rate_for)

    def prepare(self, instance, values):
        services.price_deal(instance, rates=self.rates)

    computed_fields = (
        "currency",
        "rate_to_vnd",
        "rate_date",
        "value_vnd",
        "value_usd",
        "rate_is_fallback",
    )

    def computed(self, columns, at):
        return services.deal_prices(
            columns["value"][at], columns["currency"][at], columns["signed_on"][at], self.rates
        )
