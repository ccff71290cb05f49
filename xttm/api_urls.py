"""The REST API, version 1: one router for every app."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from xttm.directory.api import views as directory

router = DefaultRouter()
router.register("directory/provinces", directory.ProvinceViewSet, basename="province")
router.register("directory/organizations", directory.OrganizationViewSet, basename="organization")
router.register("directory/units", directory.UnitViewSet, basename="unit")
router.register("directory/people", directory.PersonViewSet, basename="person")
router.register("directory/enterprises", directory.EnterpriseViewSet, basename="enterprise")

urlpatterns = [
    *router.urls,
    path("promotion/", include("xttm.promotion.api.urls")),
    path("emulation/", include("xttm.emulation.api.urls")),
    path("reports/", include("xttm.reports.api.urls")),
]
