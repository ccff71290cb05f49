"""The library of exemplary models (điển hình tiên tiến) and lessons learned (bài học kinh nghiệm)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xttm.directory.models import Person, SearchableModel, SearchableQuerySet, Unit

from ..scope import reads_all
from .movements import Movement, Review


class LibraryQuerySet(SearchableQuerySet):
    def for_user(self, user):
        """Spreading the best is the point: every signed-in agency user reads the library."""
        if not user.is_authenticated:
            return self.none()
        if reads_all(user):
            return self
        return self.filter(Q(people__user=user) | Q(is_published=True)).distinct()


class LibraryEntry(SearchableModel):
    """Common fields of an exemplar and a lesson: linked people, units, movement, review."""

    SEARCH_FIELDS = ("title", "body")

    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    movement = models.ForeignKey(
        Movement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("phong trào"),
    )
    review = models.ForeignKey(
        Review,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("từ sơ kết, tổng kết"),
    )
    people = models.ManyToManyField(Person, blank=True, related_name="+", verbose_name=_("cá nhân"))
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("tập thể"))
    is_published = models.BooleanField(_("công bố"), default=True)
    recorded_on = models.DateField(_("ngày ghi nhận"))

    objects = LibraryQuerySet.as_manager()

    class Meta:
        abstract = True


class Exemplar(LibraryEntry):
    """An exemplary model found in a review, to be spread (nhân rộng)."""

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")
        ordering = ["-recorded_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("emulation:exemplar-detail", args=[self.pk])


class Lesson(LibraryEntry):
    """A lesson learned from a movement's review."""

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bài học kinh nghiệm")
        verbose_name_plural = _("bài học kinh nghiệm")
        ordering = ["-recorded_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("emulation:lesson-detail", args=[self.pk])
