"""URLs of the emulation app."""

from django.urls import path

from . import record_views, views

app_name = "emulation"

urlpatterns = [
    path("", views.MovementListView.as_view(), name="movement-list"),
    path("movements/new/", views.MovementCreateView.as_view(), name="movement-create"),
    path("movements/<int:pk>/", views.MovementDetailView.as_view(), name="movement-detail"),
    path("movements/files/<int:pk>/", views.MovementFileView.as_view(), name="movement-file"),
    path(
        "movements/<int:pk>/criteria/",
        record_views.CriteriaView.as_view(),
        name="movement-criteria",
    ),
    path("movements/<int:pk>/assess/", views.AssessmentView.as_view(), name="movement-assess"),
    path("movements/<int:pk>/reviews/new/", views.ReviewCreateView.as_view(), name="review-create"),
    path("reviews/<int:pk>/report.docx", views.ReviewReportView.as_view(), name="review-report"),
    path("registrations/", views.RegistrationListView.as_view(), name="registration-list"),
    path("registrations/new/", views.RegistrationCreateView.as_view(), name="registration-create"),
    path(
        "registrations/unit/new/",
        record_views.UnitRegistrationCreateView.as_view(),
        name="registration-unit-create",
    ),
    path(
        "registrations/consolidate/",
        record_views.RegistrationConsolidateView.as_view(),
        name="registration-consolidate",
    ),
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
    path("commendations/", record_views.CommendationListView.as_view(), name="commendation-list"),
    path(
        "commendations/new/",
        record_views.CommendationCreateView.as_view(),
        name="commendation-create",
    ),
    path(
        "commendations/<int:pk>/edit/",
        record_views.CommendationUpdateView.as_view(),
        name="commendation-edit",
    ),
    path("initiatives/", record_views.InitiativeListView.as_view(), name="initiative-list"),
    path("initiatives/new/", record_views.InitiativeCreateView.as_view(), name="initiative-create"),
    path(
        "initiatives/<int:pk>/edit/",
        record_views.InitiativeUpdateView.as_view(),
        name="initiative-edit",
    ),
    path("discipline/", record_views.DisciplineListView.as_view(), name="discipline-list"),
    path("discipline/new/", record_views.DisciplineCreateView.as_view(), name="discipline-create"),
    path(
        "discipline/<int:pk>/edit/",
        record_views.DisciplineUpdateView.as_view(),
        name="discipline-edit",
    ),
    path("holds/", record_views.ReviewHoldListView.as_view(), name="hold-list"),
    path("holds/new/", record_views.ReviewHoldCreateView.as_view(), name="hold-create"),
    path("holds/<int:pk>/edit/", record_views.ReviewHoldUpdateView.as_view(), name="hold-edit"),
    path("holds/<int:pk>/lift/", record_views.ReviewHoldLiftView.as_view(), name="hold-lift"),
    path("leave/", record_views.LeaveListView.as_view(), name="leave-list"),
    path("leave/new/", record_views.LeaveCreateView.as_view(), name="leave-create"),
    path("leave/<int:pk>/edit/", record_views.LeaveUpdateView.as_view(), name="leave-edit"),
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
