"""Top-level URLs: pages, accounts, API, health."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from xttm.core import health, pages
from xttm.directory import import_views

urlpatterns = [
    path("", pages.home, name="home"),
    path("health/", health.health, name="health"),
    path("imports/<int:pk>/", import_views.ImportJobView.as_view(), name="import-job"),
    path(
        "imports/<int:pk>/retry/",
        import_views.ImportJobRetryView.as_view(),
        name="import-job-retry",
    ),
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
