"""Choices of the national programme, and the scheme workflow as data (which role may move a scheme where)."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from xttm.accounts.roles import Role


class Line(models.TextChoices):
    """The four lines of the programme."""

    EXPORT = "export", _("XTTM phát triển ngoại thương")
    DOMESTIC = "domestic", _("XTTM thị trường trong nước")
    REMOTE = "remote", _("XTTM miền núi, biên giới và hải đảo")
    BRAND = "brand", _("Chương trình Thương hiệu quốc gia")


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã nộp")
    NEEDS_SUPPLEMENT = "needs_supplement", _("Cần bổ sung")
    APPRAISED = "appraised", _("Đã thẩm định")
    APPROVED = "approved", _("Đã phê duyệt")
    CONTRACTED = "contracted", _("Đã ký hợp đồng giao nhiệm vụ")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    ADJUSTMENT_REQUESTED = "adjustment_requested", _("Đề nghị điều chỉnh")
    REPORTED = "reported", _("Đã báo cáo kết quả")
    ACCEPTED = "accepted", _("Đã nghiệm thu")
    SETTLED = "settled", _("Đã quyết toán")
    REJECTED = "rejected", _("Không phê duyệt")
    CANCELLED = "cancelled", _("Đã hủy")


# States in which a scheme counts as approved in the figures (an approved budget exists).
APPROVED_STATES = frozenset(
    {
        SchemeStatus.APPROVED,
        SchemeStatus.CONTRACTED,
        SchemeStatus.IN_PROGRESS,
        SchemeStatus.ADJUSTMENT_REQUESTED,
        SchemeStatus.REPORTED,
        SchemeStatus.ACCEPTED,
        SchemeStatus.SETTLED,
    }
)


@dataclass(frozen=True)
class TransitionRule:
    """Who may make one move, and the service (a function name in services.py) that makes it.

    `lead_only` roles act only on schemes their organisation leads.
    """

    roles: tuple[str, ...]
    service: str
    label: str
    needs_document: bool = False


S = SchemeStatus
PARTNER = Role.PARTNER_OFFICER
PROGRAMME = Role.PROGRAMME_OFFICER
LEADERSHIP = Role.LEADERSHIP
ADMIN = Role.ADMIN

_cancel = TransitionRule((PROGRAMME, LEADERSHIP, ADMIN), "cancel_scheme", _("Hủy đề án"), True)

TRANSITIONS: dict[str, dict[str, TransitionRule]] = {
    S.DRAFT: {
        S.SUBMITTED: TransitionRule((PARTNER, PROGRAMME, ADMIN), "submit_scheme", _("Nộp đề án"))
    },
    S.SUBMITTED: {
        S.NEEDS_SUPPLEMENT: TransitionRule(
            (PROGRAMME, ADMIN), "request_supplement", _("Yêu cầu bổ sung")
        ),
        S.APPRAISED: TransitionRule((PROGRAMME, ADMIN), "appraise_scheme", _("Thẩm định")),
        S.REJECTED: TransitionRule(
            (PROGRAMME, LEADERSHIP, ADMIN), "reject_scheme", _("Không phê duyệt"), True
        ),
    },
    S.NEEDS_SUPPLEMENT: {
        S.SUBMITTED: TransitionRule((PARTNER, PROGRAMME, ADMIN), "submit_scheme", _("Nộp bổ sung"))
    },
    S.APPRAISED: {
        S.APPROVED: TransitionRule(
            (PROGRAMME, LEADERSHIP, ADMIN), "approve_scheme", _("Phê duyệt"), True
        ),
        S.REJECTED: TransitionRule(
            (PROGRAMME, LEADERSHIP, ADMIN), "reject_scheme", _("Không phê duyệt"), True
        ),
    },
    S.APPROVED: {
        S.CONTRACTED: TransitionRule(
            (PROGRAMME, ADMIN), "contract_scheme", _("Ký hợp đồng giao nhiệm vụ"), True
        ),
        S.CANCELLED: _cancel,
    },
    S.CONTRACTED: {
        S.IN_PROGRESS: TransitionRule(
            (PARTNER, PROGRAMME, ADMIN), "start_scheme", _("Bắt đầu thực hiện")
        ),
        S.CANCELLED: _cancel,
    },
    S.IN_PROGRESS: {
        S.ADJUSTMENT_REQUESTED: TransitionRule(
            (PARTNER, PROGRAMME, ADMIN), "request_adjustment", _("Đề nghị điều chỉnh")
        ),
        S.REPORTED: TransitionRule(
            (PARTNER, PROGRAMME, ADMIN), "report_results", _("Báo cáo kết quả")
        ),
        S.CANCELLED: _cancel,
    },
    S.ADJUSTMENT_REQUESTED: {
        # Time or place: the programme board (programme officer); anything else: the Minister
        # (leadership). The service checks which one the pending adjustment needs.
        S.IN_PROGRESS: TransitionRule(
            (PROGRAMME, LEADERSHIP, ADMIN), "decide_adjustment", _("Quyết định điều chỉnh"), True
        ),
        S.CANCELLED: _cancel,
    },
    S.REPORTED: {
        S.ACCEPTED: TransitionRule((PROGRAMME, ADMIN), "accept_results", _("Nghiệm thu"), True),
        S.CANCELLED: _cancel,
    },
    S.ACCEPTED: {
        S.SETTLED: TransitionRule((PROGRAMME, ADMIN), "settle_scheme", _("Quyết toán"), True),
        S.CANCELLED: _cancel,
    },
    S.SETTLED: {},
    S.REJECTED: {},
    S.CANCELLED: {},
}


def rule_for(from_state: str, to_state: str) -> TransitionRule | None:
    return TRANSITIONS.get(from_state, {}).get(to_state)


class AdjustmentKind(models.TextChoices):
    TIME_PLACE = "time_place", _("Thời gian, địa điểm (Ban Chủ nhiệm Chương trình duyệt)")
    OTHER = "other", _("Nội dung khác (Bộ trưởng duyệt)")


class AdjustmentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REFUSED = "refused", _("Không duyệt")


class ActivityKind(models.TextChoices):
    FAIR = "fair", _("Hội chợ, triển lãm")
    MISSION = "mission", _("Đoàn giao dịch thương mại")
    BUYERS = "buyers", _("Đoàn doanh nghiệp nước ngoài vào Việt Nam")
    CONFERENCE = "conference", _("Hội nghị, hội thảo")
    TRAINING = "training", _("Đào tạo, tập huấn")
    VN_GOODS_FAIR = "vn_goods_fair", _("Phiên chợ hàng Việt")
    ONLINE = "online", _("Trực tuyến")


class DealKind(models.TextChoices):
    CONTRACT = "contract", _("Hợp đồng")
    MOU = "mou", _("Biên bản ghi nhớ")
    TRANSACTION = "transaction", _("Giao dịch")
    SALE = "sale", _("Doanh số bán hàng")


class FacilityKind(models.TextChoices):
    CENTRE = "centre", _("Trung tâm XTTM")
    EXHIBITION = "exhibition", _("Trung tâm hội chợ, triển lãm")
    FAIRGROUND = "fairground", _("Khu hội chợ")
    TRADE_CENTRE = "trade_centre", _("Trung tâm thương mại")
    ECOMMERCE = "ecommerce", _("Hỗ trợ thương mại điện tử")


class BrandResult(models.TextChoices):
    PENDING = "pending", _("Đang xét")
    RECOGNISED = "recognised", _("Đạt Thương hiệu quốc gia")
    NOT_RECOGNISED = "not_recognised", _("Không đạt")


# Scores out of 1,000 of the national brand selection.
BRAND_MAX = {"quality": 300, "innovation": 180, "pioneering": 520}
