"""URLs of the emulation app."""

from django.urls import path

from . import views

app_name = "emulation"

urlpatterns = [
    path("", views.MovementListView.as_view(), name="movement-list"),
    path("movements/new/", views.MovementCreateView.as_view(), name="movement-create"),
    path("movements/<int:pk>/", views.MovementDetailView.as_view(), name="movement-detail"),
    path("movements/<int:pk>/assess/", views.AssessmentView.as_view(), name="movement-assess"),
    path("movements/<int:pk>/reviews/new/", views.ReviewCreateView.as_view(), name="review-create"),
    path("reviews/<int:pk>/report.docx", views.ReviewReportView.as_view(), name="review-report"),
    path("registrations/", views.RegistrationListView.as_view(), name="registration-list"),
    path("registrations/new/", views.RegistrationCreateView.as_view(), name="registration-create"),
    path(
        "registrations/<int:pk>/",
        views.RegistrationDetailView.as_view(),
        name="registration-detail",
    ),
    path(
        "registrations/<int:pk>/<str:action>/",
        views.RegistrationActionView.as_view(),
        name="registration-action",
    ),
    path("me/", views.MyProfileView.as_view(), name="my-profile"),
    path("people/<int:pk>/", views.ProfileView.as_view(kind="person"), name="person-profile"),
    path("units/<int:pk>/", views.ProfileView.as_view(kind="unit"), name="unit-profile"),
    path("ratings/", views.RatingListView.as_view(), name="rating-list"),
    path("ratings/import/", views.RatingImportView.as_view(), name="rating-import"),
    path(
        "ratings/import/template.xlsx",
        views.RatingImportTemplateView.as_view(),
        name="rating-import-template",
    ),
    path("commendations/", views.CommendationListView.as_view(), name="commendation-list"),
    path("initiatives/", views.InitiativeListView.as_view(), name="initiative-list"),
    path("rounds/", views.RoundListView.as_view(), name="round-list"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round-create"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("rounds/<int:pk>/nominate/", views.NominateView.as_view(), name="round-nominate"),
    path("rounds/<int:pk>/session/", views.SessionCreateView.as_view(), name="session-create"),
    path("nominations/adhoc/", views.AdhocNominationView.as_view(), name="nomination-adhoc"),
    path("nominations/<int:pk>/", views.NominationDetailView.as_view(), name="nomination-detail"),
    path(
        "nominations/<int:pk>/dossier/",
        views.NominationDossierView.as_view(),
        name="nomination-dossier",
    ),
    path(
        "nominations/<int:pk>/files/<int:document>/",
        views.NominationFileView.as_view(),
        name="nomination-file",
    ),
    path(
        "nominations/<int:pk>/<str:kind>.docx",
        views.NominationDocumentView.as_view(),
        name="nomination-document",
    ),
    path(
        "nominations/<int:nomination>/decision/",
        views.DecisionCreateView.as_view(),
        name="nomination-decision",
    ),
    path("sessions/", views.SessionListView.as_view(), name="session-list"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session-detail"),
    path("sessions/<int:pk>/minutes.docx", views.MinutesView.as_view(), name="session-minutes"),
    path("sessions/<int:pk>/items/<int:item>/vote/", views.VoteView.as_view(), name="session-vote"),
    path(
        "sessions/<int:session>/decision/",
        views.DecisionCreateView.as_view(),
        name="session-decision",
    ),
    path(
        "sessions/<int:pk>/<str:action>/", views.SessionActionView.as_view(), name="session-action"
    ),
    path("decisions/", views.DecisionListView.as_view(), name="decision-list"),
    path("decisions/<int:pk>/", views.DecisionDetailView.as_view(), name="decision-detail"),
    path("decisions/<int:pk>/issue/", views.DecisionIssueView.as_view(), name="decision-issue"),
    path(
        "decisions/<int:pk>/download/<str:kind>/",
        views.DecisionDocumentView.as_view(),
        name="decision-document",
    ),
    path("exemplars/", views.ExemplarListView.as_view(), name="exemplar-list"),
    path("exemplars/new/", views.ExemplarCreateView.as_view(), name="exemplar-create"),
    path("exemplars/<int:pk>/", views.ExemplarDetailView.as_view(), name="exemplar-detail"),
    path("lessons/", views.LessonListView.as_view(), name="lesson-list"),
    path("lessons/new/", views.LessonCreateView.as_view(), name="lesson-create"),
    path("lessons/<int:pk>/", views.LessonDetailView.as_view(), name="lesson-detail"),
    path("settings/", views.SettingListView.as_view(), name="setting-list"),
    path("settings/new/", views.SettingCreateView.as_view(), name="setting-create"),
]
