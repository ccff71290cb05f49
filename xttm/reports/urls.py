"""URLs of the reports app."""

from django.urls import path

from . import emulation_views, views

app_name = "reports"

urlpatterns = [
    path("", views.ProgrammeDashboardView.as_view(), name="programme"),
    path("export.xlsx", views.ProgrammeExportView.as_view(), name="programme-export"),
    path("report/<slug:kind>/", views.ProgrammeReportNowView.as_view(), name="report-now"),
    path("jobs/<slug:kind>/start/", views.ReportStartView.as_view(), name="job-start"),
    path("jobs/<int:pk>/", views.JobView.as_view(), name="job"),
    path("jobs/<int:pk>/download/", views.JobDownloadView.as_view(), name="job-download"),
    path("emulation/", emulation_views.EmulationDashboardView.as_view(), name="emulation"),
    path(
        "emulation/export.xlsx",
        emulation_views.EmulationExportView.as_view(),
        name="emulation-export",
    ),
]
