"""Messages of the engine in Vietnamese and English: plain dicts, `.format()` with named fields.

The engine is pure, so it does not use Django's gettext: rules produce `Msg`
objects (a key and parameters) and `render()` turns them into text in the
requested language. Parameters wrapped in the small marker types below are
rendered by language (a title code becomes its name, a date dd/mm/yyyy…).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

LANGS = ("vi", "en")


@dataclass(frozen=True)
class Msg:
    """A message before rendering: a key of MESSAGES and its parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


_new_object = object.__new__


def new_frozen[T](cls: type[T], /, **fields: Any) -> T:
    """cls(**fields) for a frozen dataclass with no __post_init__, every field given.

    The frozen __init__ sets each field through object.__setattr__; the engine
    makes a Result and a Verdict per person and code, where that was a tenth
    of its time. The object is the same (fields, equality, hash, repr).
    """
    made = _new_object(cls)
    made.__dict__.update(fields)
    return made


def msg(key: str, **params: Any) -> Msg:
    """Msg(key, params), made without the frozen dataclass's __init__.

    A round makes about forty messages a person; the frozen __init__ goes
    through object.__setattr__ per field, which was half the cost of each.
    The object is the same (same fields, equality, hash and repr).
    """
    message = _new_object(Msg)
    fields = message.__dict__
    fields["key"] = key
    fields["params"] = params
    return message


class Code(str):
    """A title or award code, rendered as its name."""


class Level(str):
    """A discipline level, rendered in words."""


class AwardKind(str):
    """A kind of commendation (periodic, adhoc…), rendered in words."""


class ScopeAtLeast(str):
    """An initiative scope taken as a minimum ("ministry scope or wider")."""


class Ids(tuple):
    """Initiative or person ids, joined with commas."""


class Codes(tuple):
    """Several title codes, rendered as names joined with commas."""


class Years(tuple):
    """Several years: "năm 2023" / "các năm 2023, 2024" in Vietnamese."""


@dataclass(frozen=True)
class NoUnit:
    """Stands for the people whose unit is not given (a quota group of its own).

    A dataclass so that any two are equal: results keep their messages
    unrendered, and two evaluations of the same facts must compare equal.
    """


@dataclass(frozen=True)
class Span:
    """A range of years: "năm 2024" / "các năm 2022–2024" in Vietnamese."""

    first: int
    last: int


@dataclass(frozen=True)
class DisciplinePeriod:
    level: str
    start: date
    end: date | None


@dataclass(frozen=True)
class CountedLeave:
    """The leave kinds that count as working time (training only when short)."""

    kinds: tuple[str, ...]
    training_months: int


TITLE_NAMES = {
    "vi": {
        "LDTT": "Lao động tiên tiến",
        "CSTDCS": "Chiến sĩ thi đua cơ sở",
        "CSTD_BO": "Chiến sĩ thi đua cấp Bộ",
        "CSTD_TQ": "Chiến sĩ thi đua toàn quốc",
        "TTLDTT": "Tập thể lao động tiên tiến",
        "TTLDXS": "Tập thể lao động xuất sắc",
        "CO_TD_BO": "Cờ thi đua của Bộ",
        "CO_TD_CP": "Cờ thi đua của Chính phủ",
        "GIAY_KHEN": "Giấy khen",
        "BK_BO": "Bằng khen của Bộ trưởng",
        "BK_TTG": "Bằng khen của Thủ tướng Chính phủ",
        "HCLD_3": "Huân chương Lao động hạng Ba",
        "HCLD_2": "Huân chương Lao động hạng Nhì",
        "HCLD_1": "Huân chương Lao động hạng Nhất",
    },
    "en": {
        "LDTT": "Advanced Worker",
        "CSTDCS": "Grassroots Emulation Soldier",
        "CSTD_BO": "Ministry Emulation Soldier",
        "CSTD_TQ": "National Emulation Soldier",
        "TTLDTT": "Advanced Labour Collective",
        "TTLDXS": "Excellent Labour Collective",
        "CO_TD_BO": "Ministry Emulation Flag",
        "CO_TD_CP": "Government Emulation Flag",
        "GIAY_KHEN": "Certificate of Commendation",
        "BK_BO": "Minister's Certificate of Merit",
        "BK_TTG": "Prime Minister's Certificate of Merit",
        "HCLD_3": "Labour Order, third class",
        "HCLD_2": "Labour Order, second class",
        "HCLD_1": "Labour Order, first class",
    },
}

WORDS = {
    "vi": {
        "level.reprimand": "khiển trách",
        "level.warning": "cảnh cáo",
        "level.demotion": "giáng chức",
        "level.removal": "cách chức",
        "level.dismissal": "buộc thôi việc",
        "kind.periodic": "theo công trạng",
        "kind.adhoc": "đột xuất",
        "kind.thematic": "theo đợt, chuyên đề",
        "kind.career": "quá trình cống hiến",
        "kind.foreign": "đối ngoại",
        "scope.unit": "cấp cơ sở trở lên",
        "scope.ministry": "cấp Bộ trở lên",
        "scope.national": "toàn quốc",
        "leave.maternity": "nghỉ thai sản",
        "leave.injury": "điều trị thương tích",
        "leave.training": "đào tạo, bồi dưỡng dưới {months} tháng",
        "leave.sick": "nghỉ ốm",
        "leave.unpaid": "nghỉ không lương",
        "leave.other": "nghỉ khác",
        "none": "chưa có",
        "ongoing": "chưa kết thúc",
        "no_unit": "nhóm người không thuộc đơn vị nào",
        "year": "năm {year}",
        "years": "các năm {years}",
        "span": "các năm {first}–{last}",
        "discipline": "{level} từ {start} đến {end}",
    },
    "en": {
        "level.reprimand": "reprimand",
        "level.warning": "warning",
        "level.demotion": "demotion",
        "level.removal": "removal from office",
        "level.dismissal": "dismissal",
        "kind.periodic": "periodic",
        "kind.adhoc": "ad hoc",
        "kind.thematic": "thematic",
        "kind.career": "for career service",
        "kind.foreign": "foreign",
        "scope.unit": "unit scope or wider",
        "scope.ministry": "ministry scope or wider",
        "scope.national": "national scope",
        "leave.maternity": "maternity leave",
        "leave.injury": "injury treatment",
        "leave.training": "training under {months} months",
        "leave.sick": "sick leave",
        "leave.unpaid": "unpaid leave",
        "leave.other": "other leave",
        "none": "none",
        "ongoing": "ongoing",
        "no_unit": "the group of people with no unit",
        "year": "{year}",
        "years": "{years}",
        "span": "{first}–{last}",
        "discipline": "{level} from {start} to {end}",
    },
}

MESSAGES = {
    "vi": {
        # Conditions (the rule in words).
        "rule.under_review": "Không đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo",
        "rule.counted_from": "Thành tích chỉ được tính từ năm {year} (sau kỷ luật {discipline})",
        "rule.rating_at_least": "Xếp loại {rating} trở lên năm {year}",
        "rule.working_time": "Có từ {months} tháng công tác trở lên trong năm {year} (tính cả thời gian {counted})",
        "rule.no_discipline": "Không bị kỷ luật từ mức {level} trở lên trong năm {year}",
        "rule.title_in_year": "Đạt danh hiệu {title} năm {year}",
        "rule.cstdcs_basis": "Xếp loại HTXSNV năm {year}, hoặc có sáng kiến hoặc đề tài khoa học được công nhận năm {year}, chưa sử dụng",
        "rule.cstdcs_initiative": "Có sáng kiến hoặc đề tài khoa học được công nhận năm {year}, chưa sử dụng (bắt buộc)",
        "rule.quota": "Số {title} không quá {percent}% số người đạt {base} của đơn vị (xếp thứ tự theo mức xếp loại, rồi phạm vi sáng kiến, rồi mã người)",
        "rule.title_consecutive": "Đạt {title} {count} năm liên tục {first}–{last}",
        "rule.rating_consecutive": "Xếp loại {rating} {count} năm liên tục {first}–{last}",
        "rule.initiatives": "Có {count} sáng kiến hoặc đề tài phạm vi {scope} được công nhận trong {span}, chưa dùng cho danh hiệu hoặc hình thức khen thưởng khác",
        "rule.title_twice": "Hai lần liên tiếp đạt {title}: năm {first} và năm {last}",
        "rule.bk_bo_basis": "Tiêu chí d: đạt Chiến sĩ thi đua cơ sở {count} năm liên tục, hoặc xếp loại HTXSNV từ {count} năm liên tục trở lên, tính đến năm {year}",
        "rule.bk_bo_council": "Tiêu chí a–c (lập thành tích xuất sắc trong phong trào thi đua do Bộ phát động; có nhiều thành tích hoặc thành tích đột xuất; có đóng góp lớn) do Hội đồng Thi đua – Khen thưởng xem xét; hệ thống không tự đánh giá",
        "rule.award_held": "Đã được tặng {title} (khen thưởng theo công trạng)",
        "rule.rating_run_after": "Xếp loại {rating} trở lên từ {count} năm liên tục trở lên tính đến năm {year}, sau {title}",
        "rule.title_count": "Trong thời gian đó có ít nhất {count} năm đạt {title}",
        "rule.rating_count": "Trong thời gian đó có ít nhất {count} năm xếp loại {rating}",
        "rule.unit_rating": "Đơn vị xếp loại {rating} trở lên năm {year}",
        "rule.members_ldtt": "Từ {percent}% thành viên trở lên đạt Lao động tiên tiến năm {year}",
        "rule.members_complete": "{percent}% thành viên hoàn thành nhiệm vụ (xếp loại {rating} trở lên) năm {year}",
        "rule.members_cstdcs": "Có ít nhất {count} thành viên đạt Chiến sĩ thi đua cơ sở năm {year}",
        "rule.members_discipline": "Không có thành viên bị kỷ luật từ mức {level} trở lên trong năm {year}",
        "rule.leads_cluster": "Dẫn đầu khối, cụm thi đua năm {year}",
        "rule.shared": "Sáng kiến {ids} cũng được đề xuất cho {titles}: mỗi sáng kiến chỉ dùng cho một danh hiệu hoặc hình thức khen thưởng, nên chỉ chọn được một",
        # What is missing, in words a secretary understands.
        "missing.under_review": "đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo: chỉ xét khi đã có kết luận",
        "missing.counted_from": "chỉ tính thành tích từ năm {year} (sau kỷ luật {discipline})",
        "missing.rating_at_least": "cần xếp loại {rating} trở lên năm {year} (hiện tại: {now})",
        "missing.recruited_late": "tuyển dụng ngày {recruited} nên chỉ có {days} ngày công tác trong năm {year}; cần ít nhất {months} tháng ({required} ngày)",
        "missing.working_time": "chỉ có {days} ngày công tác trong năm {year} ({off} ngày nghỉ không được tính); cần ít nhất {months} tháng ({required} ngày)",
        "missing.disciplined": "bị kỷ luật {discipline} nên không được xét năm {year}",
        "missing.title_in_year": "cần đạt {title} năm {year}",
        "missing.cstdcs_basis": "cần xếp loại HTXSNV năm {year}, hoặc một sáng kiến hoặc đề tài được công nhận năm {year} chưa dùng để khen thưởng",
        "missing.cstdcs_initiative": "cần một sáng kiến hoặc đề tài được công nhận năm {year} chưa dùng để khen thưởng (với thành tích năm {year}, sáng kiến là bắt buộc)",
        "missing.quota": "vượt tỷ lệ {percent}%: {unit} có {base_count} người đạt {base} nên chỉ được {slots} {title}; xếp thứ {rank}/{candidates} ứng viên",
        "missing.title_for_consecutive": "cần {title} năm {year} để đủ {count} năm liên tục",
        "missing.initiatives": "cần thêm {lacking} sáng kiến hoặc đề tài phạm vi {scope} được công nhận trong {span}, chưa dùng để khen thưởng",
        "missing.initiative_used": "sáng kiến {id} đã dùng cho {title} năm {year}",
        "missing.initiative_proposed": "sáng kiến {id} dành cho {title} năm {year} trong lần xét này",
        "missing.title_for_twice": "cần {title} năm {year} để đủ hai lần liên tiếp",
        "missing.bk_bo_basis": "cần Chiến sĩ thi đua cơ sở {cstdcs_years} hoặc xếp loại HTXSNV {htxsnv_years} để đủ {count} năm liên tục",
        "missing.bk_bo_council": "hoặc được Hội đồng Thi đua – Khen thưởng xét theo tiêu chí a–c",
        "missing.award_held": "cần {title} khen thưởng theo công trạng",
        "missing.award_not_counted": "{title} năm {year} là khen thưởng {kind}, không được tính làm điều kiện",
        "missing.after_discipline": "thành tích chỉ tính từ năm {first} (sau kỷ luật) nên cần {count} năm liên tục từ năm đó (sớm nhất năm {earliest})",
        "missing.award_before_discipline": "{title} năm {year} có trước khi hết kỷ luật nên không được tính",
        "missing.too_soon": "mới có {have} năm kể từ sau {title} năm {base}; cần {count} năm (sớm nhất năm {earliest})",
        "missing.rating_years": "cần xếp loại {rating} trở lên {years} để đủ {count} năm liên tục",
        "missing.title_count": "cần thêm {lacking} năm đạt {title} trong {span}",
        "missing.rating_count": "cần thêm {lacking} năm xếp loại {rating} trong {span}",
        "missing.unit_rating": "cần đơn vị được xếp loại {rating} trở lên năm {year} (hiện tại: {now})",
        "missing.no_members": "không có thành viên nào của đơn vị trong dữ liệu",
        "missing.members_ldtt": "cần thêm {lacking} thành viên đạt Lao động tiên tiến năm {year} (hiện có {have}/{total}, cần {need})",
        "missing.members_complete": "thành viên chưa hoàn thành nhiệm vụ hoặc chưa có xếp loại năm {year}: {ids}",
        "missing.members_cstdcs": "cần ít nhất {count} thành viên đạt Chiến sĩ thi đua cơ sở năm {year}",
        "missing.members_disciplined": "thành viên bị kỷ luật từ mức {level} trở lên năm {year}: {ids}",
        "missing.leads_cluster": "cần được khối, cụm thi đua bình chọn dẫn đầu năm {year}",
        # The facts file.
        "io.bad_json": "không phải JSON hợp lệ: {error} (dòng {line}, cột {column})",
        "io.cannot_read": "không đọc được tệp: {error}",
        "io.not_object": "phải là một đối tượng JSON {{…}}",
        "io.not_list": "phải là một danh sách [...]",
        "io.unknown_key": "khóa không hợp lệ; các khóa được phép: {allowed}",
        "io.duplicate_key": "khóa bị lặp lại",
        "io.missing_key": "thiếu khóa bắt buộc",
        "io.not_int": "{value} không phải số nguyên",
        "io.bad_year": "{value} không phải năm hợp lệ (1900–2200)",
        "io.not_string": "{value} không phải chuỗi ký tự",
        "io.empty": "không được để trống",
        "io.not_bool": "{value} không phải true hoặc false",
        "io.bad_date": "{value} không phải ngày hợp lệ dạng YYYY-MM-DD",
        "io.bad_choice": "{value} không phải {what} hợp lệ ({choices})",
        "io.duplicate_id": "{value} trùng mã với {other}",
        "io.date_order": "ngày kết thúc {end} trước ngày bắt đầu {start}",
        "io.no_year": 'chưa có năm xét: ghi "year" trong tệp hoặc dùng --year',
        "what.rating": "mức xếp loại",
        "what.person_title": "mã danh hiệu cá nhân",
        "what.unit_title": "mã danh hiệu tập thể",
        "what.award": "mã hình thức khen thưởng",
        "what.award_kind": "loại khen thưởng",
        "what.scope": "phạm vi sáng kiến",
        "what.initiative_kind": "loại sáng kiến",
        "what.level": "mức kỷ luật",
        "what.leave_kind": "loại nghỉ",
        "what.gender": "giới tính",
    },
    "en": {
        "rule.under_review": "Not under discipline review, investigation, inspection or complaint verification",
        "rule.counted_from": "Achievements count only from {year} (after the discipline: {discipline})",
        "rule.rating_at_least": "Rated {rating} or better in {year}",
        "rule.working_time": "At least {months} months' working time in {year} (counting {counted})",
        "rule.no_discipline": "No discipline at {level} level or above in {year}",
        "rule.title_in_year": "{title} in {year}",
        "rule.cstdcs_basis": "Rated HTXSNV in {year}, or an initiative or S&T project recognised in {year} and not used before",
        "rule.cstdcs_initiative": "An initiative or S&T project recognised in {year} and not used before (mandatory)",
        "rule.quota": "{title} for at most {percent}% of the unit's {base} holders (ordered by rating, then initiative scope, then id)",
        "rule.title_consecutive": "{title} in {count} consecutive years, {first}–{last}",
        "rule.rating_consecutive": "Rated {rating} in {count} consecutive years, {first}–{last}",
        "rule.initiatives": "{count} initiative(s) or S&T project(s) of {scope} recognised in {span}, not used for another title or award",
        "rule.title_twice": "{title} twice in a row: {first} and {last}",
        "rule.bk_bo_basis": "Criterion d: Grassroots Emulation Soldier in {count} consecutive years, or rated HTXSNV in {count} or more consecutive years, up to {year}",
        "rule.bk_bo_council": "Criteria a–c (outstanding in a movement launched by the ministry; many or ad-hoc achievements; a large contribution) are for the Emulation and Commendation Council; the system does not judge them",
        "rule.award_held": "Holds a periodic (merit) {title}",
        "rule.rating_run_after": "Rated {rating} or better for {count} or more consecutive years up to {year}, after the {title}",
        "rule.title_count": "At least {count} of those years with {title}",
        "rule.rating_count": "At least {count} of those years rated {rating}",
        "rule.unit_rating": "The unit rated {rating} or better in {year}",
        "rule.members_ldtt": "At least {percent}% of members Advanced Workers in {year}",
        "rule.members_complete": "{percent}% of members completed their tasks (rated {rating} or better) in {year}",
        "rule.members_cstdcs": "At least {count} member(s) Grassroots Emulation Soldier in {year}",
        "rule.members_discipline": "No member disciplined at {level} level or above in {year}",
        "rule.leads_cluster": "Leads its emulation cluster in {year}",
        "rule.shared": "Initiative(s) {ids} also proposed for {titles}: an initiative serves only one title or award, so only one can be chosen",
        "missing.under_review": "under discipline review, investigation, inspection or complaint verification: considered only once it has ended",
        "missing.counted_from": "achievements count only from {year} (after the discipline: {discipline})",
        "missing.rating_at_least": "needs a rating of {rating} or better in {year} (now: {now})",
        "missing.recruited_late": "recruited on {recruited}, so only {days} days' working time in {year}; needs at least {months} months ({required} days)",
        "missing.working_time": "only {days} days' working time in {year} ({off} days of leave do not count); needs at least {months} months ({required} days)",
        "missing.disciplined": "disciplined ({discipline}), so not considered for {year}",
        "missing.title_in_year": "needs {title} in {year}",
        "missing.cstdcs_basis": "needs an HTXSNV rating in {year}, or an unused initiative or S&T project recognised in {year}",
        "missing.cstdcs_initiative": "needs an unused initiative or S&T project recognised in {year} (mandatory for achievements of {year})",
        "missing.quota": "over the {percent}% quota: {unit} has {base_count} {base} holders, so at most {slots} may be {title}; ranked {rank} of {candidates} candidates",
        "missing.title_for_consecutive": "needs {title} in {year} to complete {count} consecutive years",
        "missing.initiatives": "needs {lacking} more unused initiative(s) or S&T project(s) of {scope} recognised in {span}",
        "missing.initiative_used": "initiative {id} was already used for {title} {year}",
        "missing.initiative_proposed": "initiative {id} goes to {title} {year} in this evaluation",
        "missing.title_for_twice": "needs {title} in {year} to make two in a row",
        "missing.bk_bo_basis": "needs Grassroots Emulation Soldier in {cstdcs_years} or an HTXSNV rating in {htxsnv_years} to complete {count} consecutive years",
        "missing.bk_bo_council": "or a council decision under criteria a–c",
        "missing.award_held": "needs a periodic (merit) {title}",
        "missing.award_not_counted": "the {title} of {year} is {kind}, which never counts as a prerequisite",
        "missing.after_discipline": "achievements count only from {first} (after the discipline), so {count} consecutive years are needed from then (at the earliest in {earliest})",
        "missing.award_before_discipline": "the {title} of {year} predates the end of the discipline and does not count",
        "missing.too_soon": "only {have} year(s) since the {title} of {base}; needs {count} (at the earliest in {earliest})",
        "missing.rating_years": "needs a rating of {rating} or better in {years} to complete {count} consecutive years",
        "missing.title_count": "needs {title} in {lacking} more of the years {span}",
        "missing.rating_count": "needs {lacking} more year(s) rated {rating} in {span}",
        "missing.unit_rating": "needs the unit rated {rating} or better in {year} (now: {now})",
        "missing.no_members": "no members of the unit in the facts",
        "missing.members_ldtt": "needs {lacking} more members Advanced Workers in {year} (now {have} of {total}, needs {need})",
        "missing.members_complete": "members who did not complete their tasks or have no rating in {year}: {ids}",
        "missing.members_cstdcs": "needs at least {count} member(s) Grassroots Emulation Soldier in {year}",
        "missing.members_disciplined": "members disciplined at {level} level or above in {year}: {ids}",
        "missing.leads_cluster": "needs to be voted the leader of its emulation cluster in {year}",
        "io.bad_json": "not valid JSON: {error} (line {line}, column {column})",
        "io.cannot_read": "cannot read the file: {error}",
        "io.not_object": "must be a JSON object {{…}}",
        "io.not_list": "must be a list [...]",
        "io.unknown_key": "unknown key; allowed keys: {allowed}",
        "io.duplicate_key": "key repeated",
        "io.missing_key": "required key is missing",
        "io.not_int": "{value} is not an integer",
        "io.bad_year": "{value} is not a valid year (1900–2200)",
        "io.not_string": "{value} is not a string",
        "io.empty": "must not be empty",
        "io.not_bool": "{value} is not true or false",
        "io.bad_date": "{value} is not a valid date (YYYY-MM-DD)",
        "io.bad_choice": "{value} is not a valid {what} ({choices})",
        "io.duplicate_id": "{value} repeats the id at {other}",
        "io.date_order": "the end {end} is before the start {start}",
        "io.no_year": 'no year to judge: put "year" in the file or pass --year',
        "what.rating": "rating",
        "what.person_title": "individual title code",
        "what.unit_title": "collective title code",
        "what.award": "award code",
        "what.award_kind": "award kind",
        "what.scope": "initiative scope",
        "what.initiative_kind": "initiative kind",
        "what.level": "discipline level",
        "what.leave_kind": "leave kind",
        "what.gender": "gender",
    },
}


def _date(value: date, lang: str) -> str:
    # Vietnamese readers expect dd/mm/yyyy; English output keeps ISO, unambiguous.
    return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()


def _number(value: Any, lang: str) -> str:
    if isinstance(value, (Decimal, Fraction, float)) and value == int(value):
        return str(int(value))
    if isinstance(value, (Decimal, float)):
        text = format(value, "f").rstrip("0")
        return text.replace(".", ",") if lang == "vi" else text
    return str(value)


def _param(value: Any, lang: str) -> str:
    if type(value) is int or type(value) is str:
        return str(value)  # most parameters: years, counts, codes; skip the matching
    words = WORDS[lang]
    match value:
        case Code():
            return TITLE_NAMES[lang].get(value, str(value))
        case Level():
            return words[f"level.{value}"]
        case AwardKind():
            return words[f"kind.{value}"]
        case ScopeAtLeast():
            return words[f"scope.{value}"]
        case Codes():
            return ", ".join(TITLE_NAMES[lang].get(code, code) for code in value)
        case Ids():
            return ", ".join(str(item) for item in value)
        case Years():
            joined = ", ".join(str(year) for year in value)
            return words["year" if len(value) == 1 else "years"].format(year=joined, years=joined)
        case Span(first=first, last=last):
            if first == last:
                return words["year"].format(year=first)
            return words["span"].format(first=first, last=last)
        case DisciplinePeriod(level=level, start=start, end=end):
            return words["discipline"].format(
                level=words[f"level.{level}"],
                start=_date(start, lang),
                end=_date(end, lang) if end else words["ongoing"],
            )
        case CountedLeave(kinds=kinds, training_months=months):
            return ", ".join(words[f"leave.{kind}"].format(months=months) for kind in kinds)
        case None:
            return words["none"]
        case NoUnit():
            return words["no_unit"]
        case bool():
            return "true" if value else "false"
        case date():
            return _date(value, lang)
        case int() | float() | Decimal() | Fraction():
            return _number(value, lang)
        case _:
            return str(value)


def render(message: Msg, lang: str = "vi") -> str:
    """The message's text in `lang` (vi or en)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    params = {name: _param(value, lang) for name, value in message.params.items()}
    return MESSAGES[lang][message.key].format(**params)


@functools.lru_cache(maxsize=8192)
def _render_frozen(key: str, params: tuple, lang: str) -> str:
    return render(Msg(key, {name: value for name, _kind, value in params}), lang)


def render_cached(message: Msg | str, lang: str) -> str:
    """render(), remembered (text passes through): most rule texts are the same for
    every person of a round (same year, same title), so each is rendered once."""
    if isinstance(message, str):
        return message
    # The type is part of the key: 2024 and Code("2024") render differently.
    params = tuple((name, type(value), value) for name, value in message.params.items())
    try:
        return _render_frozen(message.key, params, lang)
    except TypeError:  # an unhashable parameter (a list, a mutable dataclass)
        return render(message, lang)
