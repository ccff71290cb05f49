"""URLs of the reports app."""

from django.urls import path

from xttm.core.db_router import use_replica

from . import emulation_views, views

app_name = "reports"

# Dashboards, exports and reports built on the spot read from the read replica when
# one is configured (DATABASE_REPLICA_URL); jobs and their polling use the primary.

urlpatterns = [
    path("", use_replica(views.ProgrammeDashboardView.as_view()), name="programme"),
    path("export.xlsx", use_replica(views.ProgrammeExportView.as_view()), name="programme-export"),
    path(
        "report/<slug:kind>/",
        use_replica(views.ProgrammeReportNowView.as_view()),
        name="report-now",
    ),
    path("jobs/<slug:kind>/start/", views.ReportStartView.as_view(), name="job-start"),
    path("jobs/<int:pk>/", views.JobView.as_view(), name="job"),
    path("jobs/<int:pk>/download/", views.JobDownloadView.as_view(), name="job-download"),
    path(
        "emulation/",
        use_replica(emulation_views.EmulationDashboardView.as_view()),
        name="emulation",
    ),
    path(
        "emulation/export.xlsx",
        use_replica(emulation_views.EmulationExportView.as_view()),
        name="emulation-export",
    ),
]
