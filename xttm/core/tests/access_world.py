"""The data the access-control walk runs on: one of every routed object, for two organisations.

The partner officer's organisation (Đà Nẵng's centre) owns the "own" rows; the
outsider's organisation owns the "foreign" rows, whose names carry FOREIGN so a
page, export or API answer that shows another organisation's data is caught by
a plain substring search.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from xttm.core.models import ImportJob
from xttm.directory.factories import EnterpriseFactory, PersonFactory, UnitFactory
from xttm.emulation import services as emulation_services
from xttm.emulation.choices import DocumentKind, LeaveKind, ReviewKind
from xttm.emulation.factories import (
    CommendationFactory,
    DisciplineFactory,
    MovementFactory,
    RatingFactory,
    ReviewHoldFactory,
    RoundFactory,
    initiative_of,
)
from xttm.emulation.models import (
    EmulationSetting as Setting,
)
from xttm.emulation.models import (
    Exemplar,
    Leave,
    Lesson,
    MovementAttachment,
    NominationDocument,
    Review,
)
from xttm.promotion.choices import AdjustmentKind, SchemeStatus
from xttm.promotion.factories import (
    ActivityFactory,
    BrandApplicantFactory,
    DealFactory,
    ExchangeRateFactory,
    FacilityFactory,
    NetworkStaffingFactory,
    ParticipationFactory,
    ProgrammeYearFactory,
    SchemeFactory,
)
from xttm.promotion.models import (
    Adjustment,
    Appraisal,
    ApprovalBatch,
    Attachment,
    BrandProduct,
    BudgetLine,
    ContentRate,
    Notification,
    SchemeEvent,
    SupportContent,
)
from xttm.reports.models import ReportJob

FOREIGN = "ZQXNGOAI"  # appears only in rows of the other organisation
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Side:
    """The rows one organisation owns."""

    scheme: object = None
    activity: object = None
    participation: object = None
    deal: object = None
    attachment: object = None
    budget_line: object = None
    event: object = None
    appraisal: object = None
    adjustment: object = None
    staffing: object = None
    notification: object = None
    job: object = None
    import_job: object = None
    enterprise: object = None


@dataclass
class World:
    personas: dict
    own: Side = field(default_factory=Side)
    foreign: Side = field(default_factory=Side)
    objects: dict = field(default_factory=dict)


def _side(world, side, org, officer, marker):
    """A scheme and everything hanging off it, led by `org`."""
    admin = world.personas["admin"]
    # Enterprises are a shared register (every user finds every enterprise): no marker.
    side.enterprise = EnterpriseFactory()
    # Names that start like spreadsheet formulas: every export must write them as text.
    side.scheme = SchemeFactory(
        lead=org, status=SchemeStatus.DRAFT, title=f'=HYPERLINK("http://x.invalid")Đề án {marker}'
    )
    side.activity = ActivityFactory(scheme=side.scheme, name=f"@SUM(1+1) Hội chợ {marker}")
    side.participation = ParticipationFactory(activity=side.activity, enterprise=side.enterprise)
    side.deal = DealFactory(
        activity=side.activity, enterprise=side.enterprise, code=f"HD-{marker or 'RIENG'}-1"
    )
    side.attachment = Attachment.objects.create(
        scheme=side.scheme, title=f"Tờ trình {marker}", file=ContentFile(PDF, name="to-trinh.pdf")
    )
    side.budget_line = BudgetLine.objects.create(
        scheme=side.scheme, year=2026, approved=Decimal("1000000")
    )
    side.event = SchemeEvent.objects.create(
        scheme=side.scheme, from_status="draft", to_status="submitted", actor=officer
    )
    side.appraisal = Appraisal.objects.create(scheme=side.scheme, appraiser=admin)
    side.adjustment = Adjustment.objects.create(
        scheme=side.scheme, kind=AdjustmentKind.TIME_PLACE, requested_by=officer
    )
    side.staffing = NetworkStaffingFactory(organization=org, year=2025)
    side.notification = Notification.objects.create(
        recipient=officer, text=f"Thông báo {marker}", link="/promotion/"
    )
    side.job = ReportJob.objects.create(user=officer, kind=ReportJob.Kind.PROGRAMME_XLSX)
    side.job.file.save("bao-cao.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    side.job.status = ReportJob.Status.DONE
    side.job.save()
    # An interrupted import of the officer's: its page and its retry belong to them alone.
    side.import_job = ImportJob.objects.create(
        user=officer,
        kind="participations",
        file=ContentFile(b"PK\x03\x04", name=f"tham-gia{marker}.xlsx"),
        filename=f"tham-gia-{marker}.xlsx",
        status=ImportJob.Status.FAILED,
        error=f"Bị gián đoạn {marker}",
    )


def build_world(personas, partner_org, other_org) -> World:
    world = World(personas=personas)
    ProgrammeYearFactory(year=2026)
    ExchangeRateFactory()
    _side(world, world.own, partner_org, personas["partner_officer"], "")
    _side(world, world.foreign, other_org, personas["outsider"], FOREIGN)
    o = world.objects
    o["content"] = SupportContent.objects.first()
    o["rate"] = ContentRate.objects.create(
        content=o["content"], effective_from=datetime.date(2026, 1, 1)
    )
    o["batch"] = ApprovalBatch.objects.create(
        year=2026, number=1, decision_number="1/QĐ-BCT", decision_date=datetime.date(2026, 1, 5)
    )
    o["brand_applicant"] = BrandApplicantFactory(enterprise=world.own.enterprise)
    o["brand_cycle"] = o["brand_applicant"].cycle
    o["brand_product"] = BrandProduct.objects.create(
        applicant=o["brand_applicant"], name="Cà phê rang xay"
    )
    o["facility"] = FacilityFactory()

    # Emulation: the staff persona's own records, a council, a decision naming them.
    staff_person = personas["staff"].person
    unit = staff_person.unit
    o["unit"] = unit
    o["person"] = staff_person
    o["other_person"] = PersonFactory(code="cb-khac", full_name="Phạm Văn Khác", unit=unit)
    o["other_unit"] = UnitFactory(organization=unit.organization, code="xtxk", name="Phòng XTXK")
    movement = MovementFactory(name="Phong trào thi đua năm 2025")
    movement.people.add(staff_person)
    o["movement"] = movement
    o["movement_attachment"] = MovementAttachment.objects.create(
        movement=movement, title="Kế hoạch", file=ContentFile(PDF, name="ke-hoach.pdf")
    )
    o["review"] = Review.objects.create(
        movement=movement, kind=ReviewKind.FINAL, held_on=datetime.date(2025, 12, 20)
    )
    secretary = personas["emulation_secretariat"]
    o["registration"] = emulation_services.register(
        staff_person, year=2025, aimed_code="LDTT", actor=personas["staff"]
    )
    o["rating"] = RatingFactory(person=staff_person, year=2024)
    o["commendation"] = CommendationFactory(person=staff_person, year=2023)
    o["initiative"] = initiative_of(staff_person, year=2024)
    o["discipline"] = DisciplineFactory(person=o["other_person"])
    o["hold"] = ReviewHoldFactory(person=o["other_person"])
    o["leave"] = Leave.objects.create(
        person=staff_person,
        kind=LeaveKind.SICK,
        starts_on=datetime.date(2025, 2, 1),
        ends_on=datetime.date(2025, 2, 10),
    )
    o["round"] = RoundFactory()
    nomination = emulation_services.nominate_adhoc(
        staff_person,
        code="BK_BO",
        achieved_on=datetime.date(2025, 6, 1),
        achievement="Tổ chức hội chợ",
        actor=secretary,
    )
    o["nomination"] = nomination
    o["document"] = NominationDocument.objects.create(
        nomination=nomination, kind=DocumentKind.OTHER, file=ContentFile(PDF, name="ho-so.pdf")
    )
    other_nomination = emulation_services.nominate_adhoc(
        o["other_person"],
        code="BK_BO",
        achieved_on=datetime.date(2025, 6, 1),
        achievement="Tổ chức hội thảo",
        actor=secretary,
    )
    session = emulation_services.create_session(
        name="Phiên họp Hội đồng",
        held_on=datetime.date(2025, 6, 10),
        secretary=secretary,
        members=[personas["council_member"]],
        nominations=[other_nomination],
    )
    o["session"] = session
    o["item"] = session.items.get()
    o["decision"] = emulation_services.draft_decision(
        [nomination],
        number="9/QĐ-XTTM",
        signed_on=datetime.date(2025, 6, 5),
        signer_name="Nguyễn Văn Cục",
        actor=secretary,
    )
    o["exemplar"] = Exemplar.objects.create(
        title="Gương điển hình", body="…", recorded_on=datetime.date(2025, 3, 1)
    )
    o["lesson"] = Lesson.objects.create(
        title="Bài học kinh nghiệm", body="…", recorded_on=datetime.date(2025, 3, 1)
    )
    o["setting"] = Setting.objects.create(
        key="quorum_percent", value=Decimal("66.67"), effective_from=datetime.date(2020, 1, 1)
    )
    user = personas["partner_officer"]
    o["uidb64"] = urlsafe_base64_encode(force_bytes(user.pk))
    o["token"] = default_token_generator.make_token(user)
    return world
