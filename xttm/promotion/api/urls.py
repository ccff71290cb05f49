"""API routes of the promotion app, under /api/v1/promotion/."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("years", views.ProgrammeYearViewSet)
router.register("contents", views.SupportContentViewSet)
router.register("rates", views.ContentRateViewSet)
router.register("schemes", views.SchemeViewSet)
router.register("events", views.SchemeEventViewSet)
router.register("appraisals", views.AppraisalViewSet)
router.register("batches", views.ApprovalBatchViewSet)
router.register("adjustments", views.AdjustmentViewSet)
router.register("budget-lines", views.BudgetLineViewSet)
router.register("activities", views.ActivityViewSet)
router.register("participations", views.ParticipationViewSet)
router.register("deals", views.DealViewSet)
router.register("exchange-rates", views.ExchangeRateViewSet)
router.register("brand-cycles", views.BrandCycleViewSet)
router.register("brand-applicants", views.BrandApplicantViewSet)
router.register("brand-products", views.BrandProductViewSet)
router.register("facilities", views.FacilityViewSet)
router.register("staffing", views.NetworkStaffingViewSet)
router.register("notifications", views.NotificationViewSet)

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="promotion-summary"),
    *router.urls,
]
