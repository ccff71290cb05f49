"""API routes of the emulation app, under /api/v1/emulation/."""

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("movements", views.MovementViewSet)
router.register("registrations", views.RegistrationViewSet)
router.register("ratings", views.RatingViewSet)
router.register("commendations", views.CommendationViewSet)
router.register("initiatives", views.InitiativeViewSet)
router.register("disciplines", views.DisciplineViewSet)
router.register("holds", views.ReviewHoldViewSet)
router.register("leaves", views.LeaveViewSet)
router.register("rounds", views.RoundViewSet)
router.register("nominations", views.NominationViewSet)
router.register("sessions", views.SessionViewSet)
router.register("ballots", views.BallotViewSet)
router.register("decisions", views.DecisionViewSet)
router.register("exemplars", views.ExemplarViewSet)
router.register("lessons", views.LessonViewSet)
router.register("settings", views.EmulationSettingViewSet)
router.register("people-facts", views.PersonFactsViewSet, basename="person-facts")
router.register("units-facts", views.UnitFactsViewSet, basename="unit-facts")

urlpatterns = router.urls
