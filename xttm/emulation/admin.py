"""Django admin: a fallback entry path for administrators (the pages are the main path)."""

from django.contrib import admin

from xttm.core.admin import AuditedAdmin

from . import models


class AuthorInline(admin.TabularInline):
    model = models.InitiativeAuthor
    extra = 1


@admin.register(models.Initiative)
class InitiativeAdmin(AuditedAdmin):
    list_display = ("title", "unit", "scope", "year", "certificate_number")
    list_filter = ("scope", "year", "kind")
    search_fields = ("title", "certificate_number")
    inlines = [AuthorInline]


class CriterionInline(admin.TabularInline):
    model = models.Criterion
    extra = 1


@admin.register(models.Movement)
class MovementAdmin(AuditedAdmin):
    list_display = ("name", "level", "form", "starts_on", "ends_on")
    inlines = [CriterionInline]


for model in (
    models.Rating,
    models.Commendation,
    models.Discipline,
    models.ReviewHold,
    models.Review,
    models.Exemplar,
    models.Lesson,
    models.EmulationSetting,
):
    admin.site.register(model, AuditedAdmin)
admin.site.register(models.Leave)
admin.site.register(models.ClusterLead)
# Sessions, ballots and decisions change only through the services (secrecy,
# frozen tallies): they are deliberately absent from the admin.
