"""Importers of the directory: enterprises by tax code, people by staff code (see core/importing.py)."""

import datetime
import re

from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xttm.accounts.roles import Role, has_role
from xttm.core.importing import (
    CellError,
    Column,
    Importer,
    Lookup,
    choice_parser,
    options_of,
    parse_date,
    parse_email,
    parse_text,
    parse_url,
)
from xttm.core.text import fold, fold_key

from .choices import EmploymentCategory, EnterpriseSize, Gender, Ownership, ProvinceSystem, Sector
from .models import ENTERPRISE_EDITORS, Enterprise, Person, Province, Unit
from .taxcode import TaxCodeError, normalize_tax_code

# --- Shared parsers and lookups ----------------------------------------------------

_PROVINCE_PREFIX = re.compile(r"^(?:thanh pho|tp|tinh)(?:[.\s]+|$)")

# Names people write that are in no official list.
PROVINCE_ALIASES = {
    ("2025", "79"): ["TP HCM", "TPHCM", "HCM", "TP.HCM", "Sài Gòn", "Thành phố Hồ Chí Minh"],
    ("2025", "46"): ["Thừa Thiên Huế", "Thừa Thiên - Huế", "TT Huế", "TTH"],
    ("2025", "01"): ["HN"],
    ("2008", "77"): ["BR-VT", "BRVT", "Bà Rịa Vũng Tàu"],
}


def province_key(text: str) -> str:
    """'TP. Hà Nội', 'Thành phố Hà Nội', 'ha noi' → 'hanoi'."""
    return fold_key(_PROVINCE_PREFIX.sub("", fold(text)))


def province_lookup() -> Lookup:
    """Every province by short or full name, with or without diacritics.

    A name of the 34 finds the new province; a name only the 63 had (Quảng
    Nam, Bình Dương…) finds the old-system row, which is what a record made
    from an old list keeps; reports roll it up through `successor`.
    """
    lookup = Lookup(_("tỉnh, thành phố"), normalize=province_key)
    provinces = {(p.system, p.code): p for p in Province.objects.all()}
    for tier, system in enumerate((ProvinceSystem.NEW_34, ProvinceSystem.OLD_63)):
        for (p_system, _code), province in provinces.items():
            if p_system == system:
                lookup.add(province, province.name, province.full_name, tier=tier)
    for (system, code), names in PROVINCE_ALIASES.items():
        if (system, code) in provinces:
            lookup.add(provinces[(system, code)], *names, tier=0)
    return lookup


def parse_phone(value) -> str:
    """A phone typed as a number loses its leading zero (0912… → 912…); give it back."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "0" + parse_text(value)
    return parse_text(value)


def parse_tax_code(value) -> str:
    try:
        return normalize_tax_code(value)
    except TaxCodeError as exc:
        raise CellError(str(exc)) from exc


# VSIC 2018 divisions (two first digits of a code) → section letter.
_VSIC_DIVISIONS = [
    (1, 3, "A"), (5, 9, "B"), (10, 33, "C"), (35, 35, "D"), (36, 39, "E"), (41, 43, "F"),
    (45, 47, "G"), (49, 53, "H"), (55, 56, "I"), (58, 63, "J"), (64, 66, "K"), (68, 68, "L"),
    (69, 75, "M"), (77, 82, "N"), (84, 84, "O"), (85, 85, "P"), (86, 88, "Q"), (90, 93, "R"),
    (94, 96, "S"), (97, 98, "T"), (99, 99, "U"),
]  # fmt: skip
_by_label = choice_parser(Sector)


def parse_sector(value) -> str:
    """A VSIC section letter ('C'), its name, 'C - Công nghiệp…', or a VSIC code ('1010', 4690)."""
    text = parse_text(value)
    if re.fullmatch(r"[A-Ua-u]", text):
        return text.upper()
    if match := re.match(r"^([A-Ua-u])\s*[-.:)–]\s*\S", text):
        return match.group(1).upper()
    if re.fullmatch(r"\d{2,5}", text):
        division = int(text[:2])
        for low, high, section in _VSIC_DIVISIONS:
            if low <= division <= high:
                return section
        raise CellError(_("Mã ngành VSIC “{value}” không tồn tại.").format(value=text))
    return _by_label(value)


# --- Enterprises --------------------------------------------------------------------


class EnterpriseImporter(Importer):
    """Enterprises by tax code (MST). A partner officer's new enterprises are registered to their
    organisation, and they may change only those."""

    name = "enterprises"
    label = gettext_lazy("doanh nghiệp")
    model = Enterprise
    key = "tax_code"
    sheet_title = "Doanh nghiệp"
    columns = (
        Column(
            "tax_code",
            "Mã số thuế",
            ("MST", "Mã số DN", "Mã số doanh nghiệp", "Mã số thuế (MST)", "Tax code", "Tax ID"),
            required=True,
            parse=parse_tax_code,
            hint="10 chữ số, hoặc 10 chữ số - 3 chữ số với chi nhánh (0100109106-001).",
        ),
        Column(
            "name",
            "Tên doanh nghiệp",
            (
                "Tên DN",
                "Tên công ty",
                "Tên đơn vị",
                "Tên",
                "Doanh nghiệp",
                "Company name",
                "Company",
            ),
            required=True,
        ),
        Column(
            "english_name",
            "Tên tiếng Anh",
            ("Tên giao dịch tiếng Anh", "Tên quốc tế", "Tên nước ngoài", "English name"),
        ),
        Column(
            "province",
            "Tỉnh/Thành phố",
            ("Tỉnh, thành phố", "Tỉnh thành", "Tỉnh/TP", "Tỉnh", "Địa phương", "Province", "City"),
            required=True,
            hint="Tên tỉnh, thành phố (34 tỉnh mới hoặc 63 tỉnh cũ), có dấu hoặc không dấu.",
        ),
        Column(
            "sector",
            "Ngành (VSIC)",
            ("Ngành", "Ngành nghề", "Ngành kinh tế", "Lĩnh vực", "VSIC", "Sector", "Industry"),
            parse=parse_sector,
            hint="Chữ cái ngành cấp 1 theo VSIC 2018 (A–U), tên ngành hoặc mã ngành (ví dụ 1010).",
        ),
        Column(
            "size",
            "Quy mô",
            ("Quy mô doanh nghiệp", "Size"),
            parse=choice_parser(
                EnterpriseSize,
                {
                    EnterpriseSize.MICRO: ["DN siêu nhỏ", "Doanh nghiệp siêu nhỏ"],
                    EnterpriseSize.SMALL: ["DN nhỏ", "Doanh nghiệp nhỏ"],
                    EnterpriseSize.MEDIUM: ["DN vừa", "Doanh nghiệp vừa", "Trung bình"],
                    EnterpriseSize.LARGE: ["DN lớn", "Doanh nghiệp lớn"],
                },
            ),
            options=options_of(EnterpriseSize),
        ),
        Column(
            "ownership",
            "Loại hình sở hữu",
            ("Loại hình", "Loại hình doanh nghiệp", "Sở hữu", "Hình thức sở hữu", "Ownership"),
            parse=choice_parser(
                Ownership,
                {
                    Ownership.STATE: ["DNNN", "Doanh nghiệp nhà nước", "Nhà nước"],
                    Ownership.PRIVATE: ["Ngoài nhà nước", "DNTN", "Doanh nghiệp tư nhân"],
                    Ownership.FOREIGN: [
                        "FDI",
                        "Vốn nước ngoài",
                        "Nước ngoài",
                        "Vốn đầu tư nước ngoài",
                    ],
                    Ownership.COOPERATIVE: ["HTX"],
                    Ownership.HOUSEHOLD: ["HKD"],
                },
            ),
            options=options_of(Ownership),
        ),
        Column("address", "Địa chỉ", ("Địa chỉ trụ sở", "Trụ sở", "Trụ sở chính", "Address")),
        Column(
            "phone",
            "Điện thoại",
            ("Số điện thoại", "SĐT", "ĐT", "Tel", "Phone", "Telephone"),
            parse=parse_phone,
        ),
        Column("email", "Email", ("Thư điện tử", "E-mail", "Mail"), parse=parse_email),
        Column(
            "website",
            "Website",
            ("Trang web", "Trang thông tin điện tử", "Web", "URL"),
            parse=parse_url,
        ),
    )

    @cached_property
    def provinces(self) -> Lookup:
        return province_lookup()

    def clean_province(self, value) -> Province:
        return self.provinces.get(value)

    def new_instance(self, values) -> Enterprise:
        enterprise = Enterprise()
        if self._is_partner and self.actor.organization_id:
            enterprise.registered_by_id = self.actor.organization_id
        return enterprise

    def refuse_change(self, instance: Enterprise) -> str | None:
        if self.actor is None or has_role(self.actor, *ENTERPRISE_EDITORS):
            return None
        if self._is_partner and instance.registered_by_id == self.actor.organization_id:
            return None
        return _(
            "Doanh nghiệp “{name}” do đơn vị khác nhập; bạn không được sửa thông tin của doanh nghiệp này."
        ).format(name=instance.name)

    @property
    def _is_partner(self) -> bool:
        return (
            self.actor is not None
            and has_role(self.actor, Role.PARTNER_OFFICER)
            and not has_role(self.actor, *ENTERPRISE_EDITORS)
        )


# --- People -------------------------------------------------------------------------


def parse_code(value) -> str:
    return parse_text(value).replace(" ", "")


class PersonImporter(Importer):
    """Staff members by staff code (mã cán bộ); the unit is found by its code or its name."""

    name = "people"
    label = gettext_lazy("cán bộ")
    model = Person
    key = "code"
    sheet_title = "Cán bộ"
    columns = (
        Column(
            "code",
            "Mã cán bộ",
            ("Mã CB", "Mã số cán bộ", "Mã nhân viên", "Mã NV", "Mã", "Staff code", "Employee ID"),
            required=True,
            parse=parse_code,
            hint="Chữ, số, dấu “-” hoặc “_”, không dấu cách; không trùng nhau.",
        ),
        Column(
            "full_name",
            "Họ và tên",
            ("Họ tên", "Tên cán bộ", "Họ và tên cán bộ", "Full name", "Name"),
            required=True,
        ),
        Column(
            "gender",
            "Giới tính",
            ("Phái", "Gender", "Sex"),
            required=True,
            parse=choice_parser(
                Gender, {Gender.FEMALE: ["Female", "Nữ giới"], Gender.MALE: ["Male", "Nam giới"]}
            ),
            options=options_of(Gender),
        ),
        Column(
            "date_of_birth",
            "Ngày sinh",
            ("Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Sinh ngày", "Date of birth", "DOB"),
            parse=parse_date,
            hint="dd/mm/yyyy",
            number_format="DD/MM/YYYY",
        ),
        Column(
            "unit",
            "Đơn vị",
            ("Đơn vị công tác", "Phòng ban", "Phòng", "Mã đơn vị", "Unit", "Department"),
            required=True,
            hint="Mã hoặc tên đơn vị thuộc Cục.",
        ),
        Column("position", "Chức vụ", ("Chức danh", "Position", "Job title")),
        Column(
            "employment_category",
            "Ngạch/Loại",
            ("Ngạch", "Loại", "Ngạch, loại", "Loại cán bộ", "Đối tượng", "Category"),
            required=True,
            parse=choice_parser(
                EmploymentCategory,
                {
                    EmploymentCategory.OFFICIAL: ["CB"],
                    EmploymentCategory.CIVIL_SERVANT: ["CC", "Civil servant"],
                    EmploymentCategory.PUBLIC_EMPLOYEE: ["VC", "Public employee"],
                    EmploymentCategory.WORKER: [
                        "NLĐ",
                        "Lao động hợp đồng",
                        "Hợp đồng",
                        "HĐLĐ",
                        "Lao động",
                    ],
                },
            ),
            options=options_of(EmploymentCategory),
        ),
        Column(
            "recruited_on",
            "Ngày tuyển dụng",
            (
                "Ngày vào cơ quan",
                "Ngày bắt đầu công tác",
                "Ngày vào ngành",
                "Recruited on",
                "Hire date",
            ),
            parse=parse_date,
            hint="dd/mm/yyyy",
            number_format="DD/MM/YYYY",
        ),
        Column("email", "Email", ("Thư điện tử", "E-mail", "Mail"), parse=parse_email),
        Column(
            "phone",
            "Điện thoại",
            ("Số điện thoại", "SĐT", "ĐT", "Di động", "Phone", "Mobile"),
            parse=parse_phone,
        ),
    )

    @cached_property
    def units(self) -> Lookup:
        lookup = Lookup(_("đơn vị"))
        for unit in Unit.objects.all():
            lookup.add(unit, unit.code, tier=0)
            lookup.add(unit, unit.name, tier=1)
        return lookup

    def clean_unit(self, value) -> Unit:
        return self.units.get(value)

    def clean_row(self, values, row):
        today = datetime.date.today()
        born, recruited = values.get("date_of_birth"), values.get("recruited_on")
        if born and born > today:
            raise CellError(_("Ngày sinh ở tương lai."), field="date_of_birth")
        if born and recruited and recruited <= born:
            raise CellError(_("Ngày tuyển dụng phải sau ngày sinh."), field="recruited_on")
        return values
