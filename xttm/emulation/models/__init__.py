"""Models of emulation and commendation, split by stage of the yearly cycle."""

from .council import Ballot, Session, SessionItem, SessionMember
from .decisions import Decision, DecisionRecipient
from .deliberation import Nomination, NominationDocument, NominationEvent, Round
from .library import Exemplar, Lesson
from .movements import (
    Assessment,
    Criterion,
    Movement,
    MovementAttachment,
    Registration,
    RegistrationEvent,
    Review,
    Score,
)
from .records import (
    ClusterLead,
    Commendation,
    Discipline,
    Initiative,
    InitiativeAuthor,
    Leave,
    Rating,
    ReviewHold,
)
from .settings import EmulationSetting, setting

__all__ = [
    "Assessment",
    "Ballot",
    "ClusterLead",
    "Commendation",
    "Criterion",
    "Decision",
    "DecisionRecipient",
    "Discipline",
    "EmulationSetting",
    "Exemplar",
    "Initiative",
    "InitiativeAuthor",
    "Leave",
    "Lesson",
    "Movement",
    "MovementAttachment",
    "Nomination",
    "NominationDocument",
    "NominationEvent",
    "Rating",
    "Registration",
    "RegistrationEvent",
    "Review",
    "ReviewHold",
    "Round",
    "Score",
    "Session",
    "SessionItem",
    "SessionMember",
    "setting",
]
