"""Importer of the annual ratings (xếp loại) from xlsx/csv, by staff or unit code and year.

A rating's natural key is (person or unit, year), not one field, so this
importer overrides stage 2's matching; parsing (stage 1) and the all-or-nothing
save (stage 3) are the framework's.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xttm.core.importing import (
    CellError,
    Column,
    Importer,
    Lookup,
    _Planned,
    choice_parser,
    options_of,
    parse_integer,
)
from xttm.directory.models import Person, Unit

from .choices import RatingCode
from .models import Rating
from .scope import edits


class RatingImporter(Importer):
    """Annual ratings of people (by staff code) and units (by unit code)."""

    name = "ratings"
    label = gettext_lazy("xếp loại hằng năm")
    model = Rating
    key = "person"
    sheet_title = "Xếp loại"
    columns = (
        Column(
            "person",
            "Mã cán bộ",
            ("Mã CB", "Mã nhân viên", "Staff code"),
            hint="Để trống nếu là xếp loại tập thể.",
        ),
        Column(
            "unit",
            "Mã đơn vị",
            ("Mã tập thể", "Unit code"),
            hint="Chỉ ghi với xếp loại của tập thể.",
        ),
        Column("year", "Năm", ("Năm đánh giá", "Year"), required=True, parse=parse_integer),
        Column(
            "code",
            "Xếp loại",
            ("Mức độ hoàn thành nhiệm vụ", "Kết quả", "Rating"),
            required=True,
            parse=choice_parser(RatingCode, {}),
            options=options_of(RatingCode),
        ),
        Column("note", "Ghi chú", ("Note",)),
    )

    @cached_property
    def people(self) -> Lookup:
        lookup = Lookup(_("cán bộ"))
        for person in Person.objects.all():
            lookup.add(person, person.code)
        return lookup

    @cached_property
    def units(self) -> Lookup:
        lookup = Lookup(_("đơn vị"))
        for unit in Unit.objects.all():
            lookup.add(unit, unit.code)
        return lookup

    def clean_person(self, value):
        return self.people.get(value)

    def clean_unit(self, value):
        return self.units.get(value)

    def clean_year(self, value):
        if not 1990 <= value <= 2100:
            raise CellError(_("Năm không hợp lệ."))
        return value

    def clean_row(self, values, row):
        if bool(values.get("person")) == bool(values.get("unit")):
            raise CellError(_("Ghi đúng một trong hai: mã cán bộ hoặc mã đơn vị."), field="person")
        return values

    def validate(self, tables, result):
        # actor None: the `xttm import ratings FILE` command, run by whoever runs the server.
        if self.actor is not None and not edits(self.actor):
            result.add_error(_("Bạn không có quyền nhập xếp loại."))
            return []
        cleaned, seen = [], {}
        for table in tables:
            for row in table.rows:
                values = self.clean_cells(row, table.headers, result)
                if values is None:
                    continue
                subject = values.get("person") or values.get("unit")
                key = (type(subject).__name__, subject.pk, values["year"])
                if key in seen:
                    result.add_error(
                        _("{subject} năm {year} trùng với dòng {row}.").format(
                            subject=subject, year=values["year"], row=seen[key].number
                        ),
                        sheet=row.sheet,
                        row=row.number,
                    )
                    continue
                seen[key] = row
                cleaned.append((row, values, table.headers))
        if result.errors:
            return []
        existing = {
            (("Person", r.person_id) if r.person_id else ("Unit", r.unit_id)) + (r.year,): r
            for r in Rating.objects.filter(year__in={k[2] for k in seen})
        }
        plan = []
        for row, values, headers in cleaned:
            subject = values.get("person") or values.get("unit")
            values.setdefault("person", None)
            values.setdefault("unit", None)
            instance = existing.get((type(subject).__name__, subject.pk, values["year"]))
            created = instance is None
            if created:
                instance = Rating()
            if not self.apply(instance, values) and not created:
                result.unchanged += 1
                continue
            if self.full_clean(instance, values, row, headers, result):
                plan.append(_Planned(row, instance, created))
        return plan
