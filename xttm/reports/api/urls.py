"""API routes of the reports app, under /api/v1/reports/."""

from django.urls import path

from xttm.core.db_router import use_replica

from . import views

urlpatterns = [
    path(
        "programme/",
        use_replica(views.ProgrammeFiguresView.as_view()),
        name="reports-api-programme",
    ),
]
