"""URLs of the promotion app."""

from django.urls import path

from . import import_views, views

app_name = "promotion"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("years/<int:year>/", views.DashboardView.as_view(), name="dashboard-year"),
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("network/", views.NetworkView.as_view(), name="network"),
    path("settings/", views.SettingsView.as_view(), name="settings"),
    path("settings/rates/new/", views.ContentRateCreateView.as_view(), name="contentrate-create"),
    path(
        "settings/years/new/", views.ProgrammeYearCreateView.as_view(), name="programmeyear-create"
    ),
    path("schemes/", views.SchemeListView.as_view(), name="scheme-list"),
    path("schemes/new/", views.SchemeFormView.as_view(), name="scheme-create"),
    path("schemes/<int:pk>/", views.SchemeDetailView.as_view(), name="scheme-detail"),
    path("schemes/<int:pk>/edit/", views.SchemeFormView.as_view(), name="scheme-update"),
    path(
        "schemes/<int:pk>/move/<str:to_state>/", views.SchemeMoveView.as_view(), name="scheme-move"
    ),
    path("schemes/<int:pk>/attachments/", views.AttachmentAddView.as_view(), name="attachment-add"),
    path(
        "attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment-download"
    ),
    path("schemes/<int:pk>/budget/", views.BudgetLineView.as_view(), name="budget-line"),
    path("batches/new/", views.BatchCreateView.as_view(), name="batch-create"),
    path("schemes/<int:pk>/appraisals/", views.AppraisalView.as_view(), name="scheme-appraise"),
    path(
        "schemes/<int:pk>/activities/new/",
        views.ActivityCreateView.as_view(),
        name="activity-create",
    ),
    path("activities/", views.ActivityListView.as_view(), name="activity-list"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity-detail"),
    path(
        "activities/<int:pk>/participations/",
        views.ParticipationAddView.as_view(),
        name="participation-add",
    ),
    path("activities/<int:pk>/deals/new/", views.DealCreateView.as_view(), name="deal-create"),
    path("participations/", views.ParticipationListView.as_view(), name="participation-list"),
    path(
        "participations/import/",
        import_views.ParticipationImportView.as_view(),
        name="participation-import",
    ),
    path(
        "participations/import/template.xlsx",
        import_views.ParticipationImportTemplateView.as_view(),
        name="participation-import-template",
    ),
    path("deals/", views.DealListView.as_view(), name="deal-list"),
    path("deals/import/", import_views.DealImportView.as_view(), name="deal-import"),
    path(
        "deals/import/template.xlsx",
        import_views.DealImportTemplateView.as_view(),
        name="deal-import-template",
    ),
    path("rates/", views.ExchangeRateListView.as_view(), name="exchangerate-list"),
    path("rates/new/", views.ExchangeRateCreateView.as_view(), name="exchangerate-create"),
    path("notifications/", views.NotificationListView.as_view(), name="notification-list"),
    path("notifications/<int:pk>/", views.NotificationOpenView.as_view(), name="notification-open"),
]
