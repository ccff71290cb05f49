"""Council sessions and secret ballots.

Secrecy by construction: a member's choice is never stored against the member.
Casting a ballot adds one to a counter of the agenda item (yes / no / abstain)
and writes a `Ballot` row that records only *that* the member voted (and
whether in writing); both happen in one transaction. No page or API can show a
member's choice because no table holds it. The counters are shown only once
the session is closed, and closing freezes them: services refuse any vote on a
closed session, and the update that counts a vote matches on the open state.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import SessionStatus
from ..scope import reads_all
from .deliberation import Nomination, Round


class SessionQuerySet(models.QuerySet):
    def for_user(self, user):
        """The emulation side reads all; a council member the sessions they sit on."""
        if not user.is_authenticated:
            return self.none()
        if reads_all(user):
            return self
        return self.filter(members__user=user).distinct()


class Session(models.Model):
    """A session of the Emulation and Commendation Council, voting on an agenda of nominations."""

    name = models.CharField(_("tên phiên họp"), max_length=255)
    round = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("đợt bình xét"),
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.DRAFT
    )
    quorum_percent = models.DecimalField(
        _("tỷ lệ tối thiểu có mặt (%)"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Ghi lại từ tham số khi mở phiên."),
    )
    present_count = models.PositiveSmallIntegerField(
        _("số thành viên có mặt"), null=True, blank=True, help_text=_("Ghi lại khi đóng phiên.")
    )
    quorum_met = models.BooleanField(_("đủ số lượng"), null=True, blank=True)
    closed_at = models.DateTimeField(_("lúc đóng"), null=True, blank=True)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thư ký"),
    )

    objects = SessionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiên họp hội đồng")
        verbose_name_plural = _("phiên họp hội đồng")
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("emulation:session-detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == SessionStatus.CLOSED


class SessionMember(models.Model):
    """A member of the council for this session; `present` is marked by the secretary or by voting."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="members", verbose_name=_("phiên họp")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thành viên"),
    )
    role = models.CharField(_("chức danh trong hội đồng"), max_length=60, blank=True)
    present = models.BooleanField(_("có mặt"), default=False)

    class Meta:
        verbose_name = _("thành viên phiên họp")
        verbose_name_plural = _("thành viên phiên họp")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="session_member_once")
        ]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class SessionItemQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(session__in=Session.objects.for_user(user))


class SessionItem(models.Model):
    """A nomination on a session's agenda, with its running tally (shown only after close)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="items", verbose_name=_("phiên họp")
    )
    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.PROTECT,
        related_name="session_items",
        verbose_name=_("đề nghị"),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    threshold_percent = models.DecimalField(
        _("ngưỡng thông qua (%)"),
        max_digits=7,
        decimal_places=4,
        help_text=_(
            "Tỷ lệ phiếu đồng ý trên tổng số thành viên, ghi lại khi đưa vào chương trình."
        ),
    )
    yes_count = models.PositiveSmallIntegerField(_("đồng ý"), default=0)
    no_count = models.PositiveSmallIntegerField(_("không đồng ý"), default=0)
    abstain_count = models.PositiveSmallIntegerField(_("không biểu quyết"), default=0)
    passed = models.BooleanField(_("thông qua"), null=True, blank=True)

    objects = SessionItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("nội dung biểu quyết")
        verbose_name_plural = _("nội dung biểu quyết")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="session_item_once"),
        ]

    def __str__(self):
        return str(self.nomination)

    @property
    def votes_cast(self) -> int:
        return self.yes_count + self.no_count + self.abstain_count


class BallotQuerySet(models.QuerySet):
    def for_user(self, user):
        """A member sees their own receipts; the emulation side sees who voted (never how)."""
        if not user.is_authenticated:
            return self.none()
        if reads_all(user):
            return self
        return self.filter(member__user=user)


class Ballot(models.Model):
    """The receipt that a member voted on an agenda item. It holds no choice (see module doc)."""

    item = models.ForeignKey(
        SessionItem, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("nội dung")
    )
    member = models.ForeignKey(
        SessionMember,
        on_delete=models.CASCADE,
        related_name="ballots",
        verbose_name=_("thành viên"),
    )
    written = models.BooleanField(
        _("phiếu bằng văn bản"),
        default=False,
        help_text=_("Thành viên vắng mặt gửi phiếu, thư ký nhập."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    cast_at = models.DateTimeField(_("lúc bỏ phiếu"), auto_now_add=True)

    objects = BallotQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")
        ordering = ["item", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="ballot_one_per_member_item"),
        ]

    def __str__(self):
        return f"{self.member} – {self.item}"
