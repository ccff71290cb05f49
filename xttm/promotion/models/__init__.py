"""Models of the national programme, re-exported from their modules."""

from .brand import BrandApplicant, BrandCycle, BrandProduct, Facility, NetworkStaffing
from .programme import ContentRate, ProgrammeYear, SupportContent
from .results import (
    Activity,
    Deal,
    ExchangeRate,
    Notification,
    Participation,
    ResultRollup,
    ResultSummary,
)
from .schemes import (
    Adjustment,
    Appraisal,
    ApprovalBatch,
    Attachment,
    BatchItem,
    BudgetLine,
    CostItem,
    Scheme,
    SchemeEvent,
    SchemeVersion,
)

__all__ = [
    "Activity",
    "Adjustment",
    "Appraisal",
    "ApprovalBatch",
    "Attachment",
    "BatchItem",
    "BrandApplicant",
    "BrandCycle",
    "BrandProduct",
    "BudgetLine",
    "ContentRate",
    "CostItem",
    "Deal",
    "ExchangeRate",
    "Facility",
    "NetworkStaffing",
    "Notification",
    "Participation",
    "ProgrammeYear",
    "ResultRollup",
    "ResultSummary",
    "Scheme",
    "SchemeEvent",
    "SchemeVersion",
    "SupportContent",
]
