"""Importers of results: participations (activity code + tax code) and deals (by their number).

Both accept the messy sheets the directory importers accept (title rows above
the header, Vietnamese or unaccented headers, numbers written '1.234.567'),
save all rows or none, and change nothing when the same file comes again.
An enterprise unknown by its tax code is created from the row when its name
and province are given; otherwise the row is an error.
"""

import abc
import functools

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from xttm.accounts.roles import Role, has_role
from xttm.core.importing import (
    CellError,
    Column,
    Importer,
    Lookup,
    _Planned,
    choice_parser,
    options_of,
    parse_date,
    parse_integer,
    parse_number,
    parse_text,
)
from xttm.core.text import fold_key
from xttm.directory.importers import parse_tax_code, province_lookup
from xttm.directory.models import Enterprise

from . import services, summary
from .choices import DealKind
from .models import Activity, Deal, Participation

SAVE_BATCH = 2_000  # rows per INSERT: well under SQLite's 32,766 parameters

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


class ResultImporter(Importer, abc.ABC):
    """Shared stages of the result importers: scoped activity lookup, enterprise find-or-create, summary."""

    enterprise_fields = ("tax_code", "enterprise_name", "province")

    @cached_property
    def activities(self) -> dict[str, Activity]:
        qs = Activity.objects.select_related("scheme")
        if self.actor is not None:
            qs = qs.for_user(self.actor)
        return {fold_key(a.code): a for a in qs}

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

    @abc.abstractmethod
    def natural_key(self, values):
        """The row's natural key (participations: activity + tax code; deals: the deal number)."""

    @abc.abstractmethod
    def existing(self, keys) -> dict:
        """The stored records for these natural keys, in one query: key → instance."""

    def prepare(self, instance, values) -> None:
        """Compute what is stored at write time (a deal's rates and values)."""

    def validate(self, tables, result):
        cleaned, seen = [], {}
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
            for row in table.rows:
                values = self.clean_cells(row, table.headers, result)
                if values is None:
                    continue
                key = self.natural_key(values)
                if key in seen:
                    first = seen[key]
                    result.add_error(
                        _("Dòng trùng với dòng {row} (trang “{sheet}”).").format(
                            row=first.number, sheet=first.sheet
                        ),
                        sheet=row.sheet,
                        row=row.number,
                    )
                    continue
                seen[key] = row
                cleaned.append((row, values, table.headers))
        # Rows that passed the cell checks go on to the enterprise checks, so one run names every error.
        known = Enterprise.objects.in_bulk(
            {v["tax_code"] for _r, v, _h in cleaned}, field_name="tax_code"
        )
        existing = self.existing(list(seen))
        self.pending: dict[str, Enterprise] = {}
        self.provinces_map = summary.ProvinceMap()
        self.before: dict = {}
        plan = []
        for row, values, headers in cleaned:
            where = {"sheet": row.sheet, "row": row.number}
            enterprise = known.get(values["tax_code"]) or self.pending.get(values["tax_code"])
            if enterprise is None:
                if not values.get("enterprise_name") or not values.get("province"):
                    result.add_error(
                        _(
                            "Không tìm thấy doanh nghiệp có mã số thuế {code}; "
                            "hãy ghi tên doanh nghiệp và tỉnh để tạo mới."
                        ).format(code=values["tax_code"]),
                        column=headers.get("tax_code", ""),
                        **where,
                    )
                    continue
                enterprise = Enterprise(
                    tax_code=values["tax_code"],
                    name=values["enterprise_name"],
                    province=values["province"],
                    registered_by_id=self.actor.organization_id
                    if self.actor is not None and has_role(self.actor, Role.PARTNER_OFFICER)
                    else None,
                )
                self.pending[values["tax_code"]] = enterprise
            instance = existing.get(self.natural_key(values))
            created = instance is None
            if created:
                instance = self.model()
            else:
                if instance.activity_id not in {a.pk for a in self.activities.values()}:
                    result.add_error(_("Số hiệu đã được đơn vị khác dùng."), **where)
                    continue
                summary._add(self.before, summary.contribution_of(instance, self.provinces_map))
            model_values = {k: v for k, v in values.items() if k not in self.enterprise_fields}
            changed = self.apply(instance, model_values)
            if instance.enterprise_id != enterprise.pk or enterprise.pk is None:
                instance.enterprise = enterprise
                changed = True
            if not created and not changed:
                result.unchanged += 1
                summary._add(self.before, summary.contribution_of(instance, self.provinces_map), -1)
                continue
            try:
                self.prepare(instance, values)
            except services.Refused as exc:
                result.add_error(exc.message, **where)
                continue
            plan.append(_Planned(row, instance, created))
        return [] if result.errors else plan

    def save(self, plan, result, *, dry_run):
        """All rows in one transaction, written in batches with their history rows.

        A row-by-row `save()` costs two INSERTs and simple-history's per-instance
        manager: 100,000 deals took minutes. A model with history keeps it (the
        bulk helpers of simple-history write it); deals and participations have none.
        """
        from django.db import transaction
        from simple_history.utils import bulk_create_with_history, bulk_update_with_history

        with transaction.atomic():
            for enterprise in self.pending.values():
                if self.actor is not None:
                    enterprise._history_user = self.actor
                enterprise.save()
            created, changed = [], []
            for item in plan:
                item.instance.enterprise = item.instance.enterprise  # the saved pk lands on the FK
                (created if item.created else changed).append(item.instance)
            fields = [f.name for f in self.model._meta.concrete_fields if not f.primary_key]
            if hasattr(self.model._meta, "simple_history_manager_attribute"):
                bulk_create_with_history(
                    created, self.model, batch_size=SAVE_BATCH, default_user=self.actor
                )
                bulk_update_with_history(
                    changed, self.model, fields, batch_size=SAVE_BATCH, default_user=self.actor
                )
            else:
                self.model._default_manager.bulk_create(created, batch_size=SAVE_BATCH)
                self.model._default_manager.bulk_update(changed, fields, batch_size=SAVE_BATCH)
            after: dict = {}
            for instance in created + changed:
                summary._add(after, summary.contribution_of(instance, self.provinces_map))
            result.created, result.updated = len(created), len(changed)
            summary.apply_delta(summary.difference(after, self.before))
            if dry_run:
                transaction.set_rollback(True)


class ParticipationImporter(ResultImporter):
    """Participations: one row per enterprise at an activity, keyed by activity code + tax code."""

    name = "participations"
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

    def natural_key(self, values):
        return (values["activity"].pk, values["tax_code"])

    def existing(self, keys):
        activity_ids = {a for a, _t in keys}
        codes = {t for _a, t in keys}
        rows = Participation.objects.select_related("activity__scheme", "enterprise").filter(
            activity_id__in=activity_ids, enterprise__tax_code__in=codes
        )
        return {(p.activity_id, p.enterprise.tax_code): p for p in rows}


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

    def natural_key(self, values):
        return values["code"]

    def existing(self, keys):
        return Deal.objects.select_related("activity__scheme", "enterprise").in_bulk(
            keys, field_name="code"
        )

    def apply(self, instance, values):
        # Stored values are compared as stored (Decimal 2 places), so a re-import is "unchanged".
        return super().apply(instance, values)

    @cached_property
    def rates(self):
        # One query per currency and day instead of one per row.
        return functools.cache(services.rate_for)

    def prepare(self, instance, values):
        services.price_deal(instance, rates=self.rates)
