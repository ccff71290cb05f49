"""URLs of the directory."""

from django.urls import path

from . import import_views, views

app_name = "directory"

urlpatterns = [
    path("provinces/", views.ProvinceListView.as_view(), name="province-list"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization-list"),
    path("organizations/new/", views.OrganizationCreateView.as_view(), name="organization-create"),
    path(
        "organizations/<int:pk>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path(
        "organizations/<int:pk>/edit/",
        views.OrganizationUpdateView.as_view(),
        name="organization-update",
    ),
    path("units/", views.UnitListView.as_view(), name="unit-list"),
    path("units/search/", views.UnitSearchView.as_view(), name="unit-search"),
    path("units/new/", views.UnitCreateView.as_view(), name="unit-create"),
    path("units/<int:pk>/", views.UnitDetailView.as_view(), name="unit-detail"),
    path("units/<int:pk>/edit/", views.UnitUpdateView.as_view(), name="unit-update"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/new/", views.PersonCreateView.as_view(), name="person-create"),
    path("people/import/", import_views.PersonImportView.as_view(), name="person-import"),
    path(
        "people/import/template.xlsx",
        import_views.PersonImportTemplateView.as_view(),
        name="person-import-template",
    ),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("people/<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person-update"),
    path("enterprises/", views.EnterpriseListView.as_view(), name="enterprise-list"),
    path("enterprises/new/", views.EnterpriseCreateView.as_view(), name="enterprise-create"),
    path(
        "enterprises/import/", import_views.EnterpriseImportView.as_view(), name="enterprise-import"
    ),
    path(
        "enterprises/import/template.xlsx",
        import_views.EnterpriseImportTemplateView.as_view(),
        name="enterprise-import-template",
    ),
    path("enterprises/<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise-detail"),
    path(
        "enterprises/<int:pk>/edit/", views.EnterpriseUpdateView.as_view(), name="enterprise-update"
    ),
]
