"""URLs of the promotion app."""

from django.urls import path

from . import import_views, network_views, views

app_name = "promotion"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("years/<int:year>/", views.DashboardView.as_view(), name="dashboard-year"),
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("network/", views.NetworkView.as_view(), name="network"),
    path(
        "brand/cycles/new/", network_views.BrandCycleCreateView.as_view(), name="brandcycle-create"
    ),
    path(
        "brand/cycles/<int:pk>/edit/",
        network_views.BrandCycleUpdateView.as_view(),
        name="brandcycle-update",
    ),
    path(
        "brand/applicants/",
        network_views.BrandApplicantListView.as_view(),
        name="brandapplicant-list",
    ),
    path(
        "brand/applicants/new/",
        network_views.BrandApplicantCreateView.as_view(),
        name="brandapplicant-create",
    ),
    path(
        "brand/applicants/<int:pk>/edit/",
        network_views.BrandApplicantUpdateView.as_view(),
        name="brandapplicant-update",
    ),
    path("brand/products/", network_views.BrandProductListView.as_view(), name="brandproduct-list"),
    path(
        "brand/products/new/",
        network_views.BrandProductCreateView.as_view(),
        name="brandproduct-create",
    ),
    path(
        "brand/products/<int:pk>/edit/",
        network_views.BrandProductUpdateView.as_view(),
        name="brandproduct-update",
    ),
    path("facilities/", network_views.FacilityListView.as_view(), name="facility-list"),
    path("facilities/new/", network_views.FacilityCreateView.as_view(), name="facility-create"),
    path(
        "facilities/<int:pk>/edit/",
        network_views.FacilityUpdateView.as_view(),
        name="facility-update",
    ),
    path("staffing/", network_views.NetworkStaffingListView.as_view(), name="staffing-list"),
    path(
        "staffing/new/", network_views.NetworkStaffingCreateView.as_view(), name="staffing-create"
    ),
    path(
        "staffing/<int:pk>/edit/",
        network_views.NetworkStaffingUpdateView.as_view(),
        name="staffing-update",
    ),
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
    path(
        "attachments/<int:pk>/delete/",
        views.AttachmentDeleteView.as_view(),
        name="attachment-delete",
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
