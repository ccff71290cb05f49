"""API routes of the reports app, under /api/v1/reports/."""

from django.urls import path

from . import views

urlpatterns = [
    path("programme/", views.ProgrammeFiguresView.as_view(), name="reports-api-programme"),
]
