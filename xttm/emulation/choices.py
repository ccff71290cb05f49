"""Choices of the emulation app, with the allowed transitions of each workflow as data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    AGENCY = "agency", _("Cấp Cục")
    MINISTRY = "ministry", _("Cấp Bộ")
    CLUSTER = "cluster", _("Khối, cụm thi đua")
    UNIT = "unit", _("Cấp đơn vị")


class MovementForm(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Theo đợt, chuyên đề")


class RatingCode(models.TextChoices):
    HTXSNV = "HTXSNV", _("Hoàn thành xuất sắc nhiệm vụ")
    HTTNV = "HTTNV", _("Hoàn thành tốt nhiệm vụ")
    HTNV = "HTNV", _("Hoàn thành nhiệm vụ")
    KHTNV = "KHTNV", _("Không hoàn thành nhiệm vụ")


class HonourCode(models.TextChoices):
    """Titles (danh hiệu) and forms (hình thức) of glossary.md."""

    LDTT = "LDTT", _("Lao động tiên tiến")
    CSTDCS = "CSTDCS", _("Chiến sĩ thi đua cơ sở")
    CSTD_BO = "CSTD_BO", _("Chiến sĩ thi đua cấp Bộ")
    CSTD_TQ = "CSTD_TQ", _("Chiến sĩ thi đua toàn quốc")
    TTLDTT = "TTLDTT", _("Tập thể lao động tiên tiến")
    TTLDXS = "TTLDXS", _("Tập thể lao động xuất sắc")
    CO_TD_BO = "CO_TD_BO", _("Cờ thi đua của Bộ")
    CO_TD_CP = "CO_TD_CP", _("Cờ thi đua của Chính phủ")
    GIAY_KHEN = "GIAY_KHEN", _("Giấy khen")
    BK_BO = "BK_BO", _("Bằng khen của Bộ trưởng")
    BK_TTG = "BK_TTG", _("Bằng khen của Thủ tướng Chính phủ")
    HCLD_3 = "HCLD_3", _("Huân chương Lao động hạng Ba")
    HCLD_2 = "HCLD_2", _("Huân chương Lao động hạng Nhì")
    HCLD_1 = "HCLD_1", _("Huân chương Lao động hạng Nhất")


TITLE_CODES = frozenset(
    {"LDTT", "CSTDCS", "CSTD_BO", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TD_BO", "CO_TD_CP"}
)


class HonourKind(models.TextChoices):
    PERIODIC = "periodic", _("Theo công trạng, thường xuyên")
    ADHOC = "adhoc", _("Đột xuất")
    THEMATIC = "thematic", _("Theo đợt, chuyên đề")
    CAREER = "career", _("Quá trình cống hiến")
    FOREIGN = "foreign", _("Đối ngoại")


class Scope(models.TextChoices):
    UNIT = "unit", _("Cơ sở")
    MINISTRY = "ministry", _("Cấp Bộ")
    NATIONAL = "national", _("Toàn quốc")


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Sáng kiến")
    RESEARCH = "research", _("Đề tài khoa học")


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DEMOTION = "demotion", _("Hạ bậc lương")
    REMOVAL = "removal", _("Cách chức")
    DISMISSAL = "dismissal", _("Buộc thôi việc")


class HoldKind(models.TextChoices):
    DISCIPLINE_REVIEW = "discipline_review", _("Đang xem xét kỷ luật")
    INVESTIGATION = "investigation", _("Đang điều tra")
    INSPECTION = "inspection", _("Đang thanh tra, kiểm tra")
    COMPLAINT = "complaint", _("Đang xác minh khiếu nại, tố cáo")


class LeaveKind(models.TextChoices):
    MATERNITY = "maternity", _("Nghỉ thai sản")
    INJURY = "injury", _("Điều trị thương tật")
    TRAINING = "training", _("Đi học, đào tạo")
    SICK = "sick", _("Nghỉ ốm")
    UNPAID = "unpaid", _("Nghỉ không lương")
    OTHER = "other", _("Khác")


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã gửi")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")


REGISTRATION_TRANSITIONS = {
    RegistrationStatus.DRAFT: {RegistrationStatus.SUBMITTED},
    RegistrationStatus.SUBMITTED: {RegistrationStatus.APPROVED, RegistrationStatus.RETURNED},
    RegistrationStatus.RETURNED: {RegistrationStatus.SUBMITTED},
    RegistrationStatus.APPROVED: set(),
}


class AssessmentKind(models.TextChoices):
    SELF = "self", _("Tự đánh giá")
    OFFICIAL = "official", _("Đánh giá")


class ReviewKind(models.TextChoices):
    MIDTERM = "midterm", _("Sơ kết")
    FINAL = "final", _("Tổng kết")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang bình xét")
    CLOSED = "closed", _("Đã kết thúc")


class NominationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề nghị")
    PASSED = "passed", _("Hội đồng thông qua")
    FAILED = "failed", _("Không đạt")
    DECIDED = "decided", _("Đã có quyết định")
    WITHDRAWN = "withdrawn", _("Rút đề nghị")


NOMINATION_TRANSITIONS = {
    NominationStatus.PROPOSED: {
        NominationStatus.PASSED,
        NominationStatus.FAILED,
        NominationStatus.WITHDRAWN,
        NominationStatus.DECIDED,  # ad-hoc short path: no council vote
    },
    NominationStatus.PASSED: {NominationStatus.DECIDED},
    NominationStatus.FAILED: set(),
    NominationStatus.DECIDED: set(),
    NominationStatus.WITHDRAWN: set(),
}


class DocumentKind(models.TextChoices):
    SUBMISSION = "submission", _("Tờ trình")
    REPORT = "report", _("Báo cáo thành tích")
    MINUTES = "minutes", _("Biên bản bình xét")
    CERTIFICATE = "certificate", _("Giấy chứng nhận sáng kiến")
    OTHER = "other", _("Khác")


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Chuẩn bị")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã đóng")


SESSION_TRANSITIONS = {
    SessionStatus.DRAFT: {SessionStatus.OPEN},
    SessionStatus.OPEN: {SessionStatus.CLOSED},
    SessionStatus.CLOSED: set(),
}


class Vote(models.TextChoices):
    YES = "yes", _("Đồng ý")
    NO = "no", _("Không đồng ý")
    ABSTAIN = "abstain", _("Không biểu quyết")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


DECISION_TRANSITIONS = {
    DecisionStatus.DRAFT: {DecisionStatus.ISSUED},
    DecisionStatus.ISSUED: set(),
}
