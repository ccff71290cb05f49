"""Shared pieces: a record is about one person or one unit, never both, never neither."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xttm.directory.models import Person, Unit

from ..scope import own_subject_q, reads_all


class SubjectQuerySet(models.QuerySet):
    """Scope of records about a person or a unit: the emulation side reads all, staff their own."""

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if reads_all(user):
            return self
        return self.filter(own_subject_q(user))

    def of(self, subject):
        if isinstance(subject, Person):
            return self.filter(person=subject)
        return self.filter(unit=subject)


def subject_constraint() -> models.CheckConstraint:
    """Put in each subclass's Meta.constraints (named per model)."""
    return models.CheckConstraint(
        condition=Q(person__isnull=False, unit__isnull=True)
        | Q(person__isnull=True, unit__isnull=False),
        name="%(app_label)s_%(class)s_person_or_unit",
    )


class SubjectModel(models.Model):
    """A record about exactly one person or one unit."""

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tập thể"),
    )

    class Meta:
        abstract = True
        constraints = []

    @property
    def subject(self):
        return self.person if self.person_id else self.unit

    @property
    def subject_name(self) -> str:
        return str(self.subject)
