"""Top-level URLs: pages, accounts, API, health."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from xttm.core import health, pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("health/", health.health, name="health"),
    path("accounts/", include("xttm.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("directory/", include("xttm.directory.urls")),
    path("promotion/", include("xttm.promotion.urls")),
    path("emulation/", include("xttm.emulation.urls")),
    path("reports/", include("xttm.reports.urls")),
    path("api/v1/", include("xttm.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]
