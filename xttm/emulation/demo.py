"""Demo data of the emulation app, seeded by `xttm seed-demo` after the directory.

Ten years (2016–2025) of ratings of the agency's 42 staff and 11 units, with
titles, initiatives and awards recorded for 2016–2023; the 2024 titles come from
a real 2024 round run through the services (engine verdicts → nominations →
a closed council session → an issued decision), so the demo shows the whole
path. A 2025 round is left open for the secretariat to deliberate. Chosen staff
exercise every rule (see SPECIAL below); everyone else follows a fixed pattern.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from xttm.directory.models import Body, Person, Unit

from . import loader, rules, services
from .models import (
    Assessment,
    ClusterLead,
    Commendation,
    Criterion,
    Discipline,
    Exemplar,
    Initiative,
    InitiativeAuthor,
    Leave,
    Lesson,
    Movement,
    Rating,
    Registration,
    Review,
    ReviewHold,
    Round,
    Score,
)

_d = datetime.date
YEARS = range(2016, 2026)
RECORDED_UNTIL = 2023  # later titles come from the demo's 2024 round
REGULAR = "Phong trào thi đua thường xuyên năm 2025"
THEMATIC = "Thi đua thực hiện Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam” 2025"
PATTERN = ["HTTNV", "HTXSNV", "HTTNV", "HTTNV", "HTNV", "HTTNV"]
UNIT_PATTERN = ["HTXSNV", "HTTNV", "HTTNV", "HTXSNV"]
# The council of the demo session: the head of the agency chairs it, the
# council-member login and the emulation secretariat sit on it. No extra logins:
# the demo has exactly one login per role.
COUNCIL = ["lanhdao", "hoidong", "thuongtruc"]

# Staff index (vt-001 is 0) -> what makes them a test of a rule.
SPECIAL = {
    0: "HCLD_3 2025: BK_TTG 2019 then 5 years HTTNV+, one HTXSNV, CSTDCS 2021–2023",
    1: "CSTD_BO 2018 and 2021; CSTDCS every year; a ministry initiative 2023 → CSTD_BO 2024",
    11: "6 months of maternity leave in 2025, rated HTTNV → LDTT 2025",
    13: "recruited 15/08/2024 → no LDTT 2024",
    15: "her only BK_BO (2019) is ad-hoc → never BK_TTG",
    16: "BK_BO 2019 (periodic), 5 years HTTNV+, 3 CSTDCS → BK_TTG 2025",
    17: "CSTDCS 2024 consumed her only initiative → no BK_BO 2025",
    21: "under complaint verification since 01/11/2025 → on hold",
    22: "reprimanded with a warning in 2025 → no LDTT; blocks the unit's TTLDTT",
    23: "CSTDCS 2023, 2024, HTXSNV 2025 and a ministry initiative 2025 → CSTD_BO 2025",
    24: "CSTDCS 2022 and 2024 but not 2023 → no CSTD_BO 2025 (names 2023)",
}


def _rating(index: int, year: int) -> str:
    if index in (0, 15, 16):
        return "HTXSNV" if year == 2021 or (index != 0 and year == 2025) else "HTTNV"
    if index in (1, 23):
        return "HTXSNV"
    if index == 24:
        return {2023: "HTNV"}.get(year, "HTXSNV")
    if index == 17:
        return "HTXSNV" if year == 2025 else "HTTNV"
    if index == 11 and year == 2025:
        return "HTTNV"
    return PATTERN[(index + year) % len(PATTERN)]


def seed(stdout=None) -> None:
    """Idempotent: creates only what is missing (the regular movement marks a finished seed)."""
    if Movement.objects.filter(name=REGULAR).exists():
        return
    people = list(
        Person.objects.filter(code__startswith="vt-").select_related("unit").order_by("code")
    )
    if not people:
        return
    with transaction.atomic():
        secretary = get_user_model().objects.get(username="thuongtruc")
        _seed_records(people)
        _seed_round_2024(people, secretary)
        _seed_movements(people, secretary)
        Round.objects.create(
            name="Bình xét thi đua, khen thưởng năm 2025", year=2025, opened_on=_d(2026, 1, 5)
        )
    if stdout is not None:
        stdout.write(
            "Thi đua: 10 năm xếp loại, danh hiệu, sáng kiến; 2 phong trào; phiên họp 2024 đã đóng và quyết định; "
            "đợt bình xét 2025 đang mở.\n"
        )


def _initiative(person, year, scope, title, used_by=None):
    initiative = Initiative.objects.create(
        title=title,
        unit=person.unit,
        scope=scope,
        year=year,
        recognised_on=_d(year, 11, 20),
        certificate_number=f"{year}-{person.code}-{scope}",
        field="Xúc tiến thương mại",
    )
    InitiativeAuthor.objects.create(initiative=initiative, person=person, share=100)
    if used_by is not None:
        used_by.uses.add(initiative)
    return initiative


def _title(person, code, year, kind="periodic", ref=""):
    return Commendation.objects.create(
        person=person,
        code=code,
        year=year,
        kind=kind,
        decision_reference=ref or f"{year + 1}/QĐ-XTTM",
    )


def _seed_records(people) -> None:
    ratings = []
    for index, person in enumerate(people):
        for year in YEARS:
            if person.recruited_on and person.recruited_on.year > year:
                continue
            ratings.append(Rating(person=person, year=year, code=_rating(index, year)))
    Rating.objects.bulk_create(ratings)

    for index, person in enumerate(people):
        for year in range(2016, RECORDED_UNTIL + 1):
            rating = _rating(index, year)
            if not person.recruited_on or person.recruited_on > _d(year, 3, 1):
                continue  # law2013: 10 months of service in the year
            if rating not in ("HTTNV", "HTXSNV"):
                continue
            _title(person, "LDTT", year)
            wants_cstdcs = (
                (index in (0, 15, 16) and year in (2021, 2022, 2023))
                or index == 1
                or (index == 23 and year == 2023)
                or (index == 24 and year == 2022)
                or (index not in SPECIAL and index % 5 == 0 and rating == "HTXSNV")
            )
            if wants_cstdcs:
                title = _title(person, "CSTDCS", year)
                # law2013 years: the initiative was mandatory, and the title consumed it.
                _initiative(
                    person, year, "unit", f"Cải tiến quy trình công việc năm {year}", used_by=title
                )

    by_index = dict(enumerate(people))
    bk_ttg = Commendation.objects.create(
        person=by_index[0], code="BK_TTG", year=2019, decision_reference="1234/QĐ-TTg"
    )
    _initiative(
        by_index[0], 2018, "ministry", "Mô hình kết nối giao thương trực tuyến", used_by=bk_ttg
    )
    for year in (2018, 2021):
        award = _title(by_index[1], "CSTD_BO", year, ref=f"{year + 1}/QĐ-BCT")
        _initiative(
            by_index[1], year, "ministry", f"Giải pháp chuyển đổi số hội chợ {year}", used_by=award
        )
    _initiative(by_index[1], 2023, "ministry", "Cơ sở dữ liệu doanh nghiệp xuất khẩu dùng chung")
    _initiative(by_index[1], 2024, "national", "Nền tảng Vietnam Value số hóa")
    _title(by_index[15], "BK_BO", 2019, kind="adhoc", ref="88/QĐ-BCT")
    _title(by_index[16], "BK_BO", 2019, ref="2020/QĐ-BCT")
    _initiative(by_index[17], 2024, "unit", "Bộ công cụ đánh giá hiệu quả đoàn giao dịch")
    _initiative(by_index[23], 2025, "ministry", "Mạng lưới thương vụ hỗ trợ doanh nghiệp xuất khẩu")
    _initiative(by_index[24], 2025, "ministry", "Chuẩn hóa hồ sơ đề án xúc tiến thương mại")

    Leave.objects.create(
        person=by_index[11], kind="maternity", starts_on=_d(2025, 2, 1), ends_on=_d(2025, 7, 31)
    )
    ReviewHold.objects.create(person=by_index[21], kind="complaint", starts_on=_d(2025, 11, 1))
    Discipline.objects.create(
        person=by_index[22],
        level="warning",
        starts_on=_d(2025, 3, 1),
        ends_on=_d(2026, 2, 28),
        reference="45/QĐ-XTTM",
    )

    units = list(Unit.objects.filter(members__code__startswith="vt-").distinct().order_by("code"))
    for u_index, unit in enumerate(units):
        for year in YEARS:
            code = UNIT_PATTERN[(u_index + year) % len(UNIT_PATTERN)]
            Rating.objects.create(unit=unit, year=year, code=code)
            if year <= RECORDED_UNTIL:
                Commendation.objects.create(
                    unit=unit,
                    code="TTLDXS" if code == "HTXSNV" else "TTLDTT",
                    year=year,
                    decision_reference=f"{year + 1}/QĐ-XTTM",
                )
    xtxk = Unit.objects.filter(code="xuc-tien-xuat-khau").first()
    if xtxk:
        ClusterLead.objects.create(unit=xtxk, year=2025)


def _council():
    users = {u.username: u for u in get_user_model().objects.filter(username__in=COUNCIL)}
    return [users[name] for name in COUNCIL]


PLANNED_2024 = {"LDTT", "CSTDCS", "CSTD_BO", "TTLDTT", "TTLDXS"}


def _seed_round_2024(people, secretary) -> None:
    """The 2024 round run for real: engine → nominations → secret ballot → decision → titles."""
    round_ = Round.objects.create(
        name="Bình xét thi đua, khen thưởng năm 2024", year=2024, opened_on=_d(2025, 1, 6)
    )
    units = list(Unit.objects.filter(members__code__startswith="vt-").distinct())
    facts = loader.load_facts(2024, units=units, on=_d(2025, 1, 6))
    report = loader.evaluate(facts, 2024)
    by_code = {p.code: p for p in people} | {u.code: u for u in units}
    nominations = []
    for result in rules.plan(report):
        if result.code in PLANNED_2024 and result.subject in by_code:
            nominations.append(
                services.nominate(
                    round_,
                    by_code[result.subject],
                    code=result.code,
                    actor=secretary,
                    result=result,
                )
            )
    members = _council()
    session = services.create_session(
        name="Phiên họp Hội đồng TĐKT xét danh hiệu năm 2024",
        held_on=_d(2025, 1, 15),
        secretary=secretary,
        members=members,
        nominations=nominations,
        round=round_,
    )
    services.open_session(session, actor=secretary)
    for item in session.items.select_related("nomination"):
        for position, member in enumerate(members):
            # One member votes against every CSTD_BO: 2 of 3 is 67% < 90%, so it fails.
            # The chair is away and sends a written vote, which the secretary enters.
            choice = "no" if item.nomination.code == "CSTD_BO" and position == 1 else "yes"
            if position == 0:
                services.cast_ballot(
                    item, voter=member, choice=choice, actor=secretary, written=True
                )
            else:
                services.cast_ballot(item, voter=member, choice=choice)
    services.close_session(session, actor=secretary)
    passed = [n for n in nominations if (n.refresh_from_db() or n.status == "passed")]
    decision = services.draft_decision(
        passed,
        number="25/QĐ-XTTM",
        signed_on=_d(2025, 1, 20),
        signer_name="Vũ Bá Phú",
        actor=secretary,
        session=session,
    )
    services.issue_decision(decision, actor=secretary)


def _seed_movements(people, secretary) -> None:
    bodies = list(Body.objects.filter(organization__code="vietrade"))
    units = list(Unit.objects.filter(members__code__startswith="vt-").distinct().order_by("code"))
    regular = Movement.objects.create(
        name=REGULAR,
        level="agency",
        form="regular",
        goals="Hoàn thành xuất sắc nhiệm vụ chính trị năm 2025 của Cục.",
        targets="100% đề án được nghiệm thu đúng hạn; 1.500 lượt doanh nghiệp tham gia; 0 vi phạm kỷ luật.",
        launched_on=_d(2025, 1, 10),
        starts_on=_d(2025, 1, 1),
        ends_on=_d(2025, 12, 31),
    )
    regular.bodies.set(bodies)
    regular.units.set(units)
    regular.people.set(people)
    thematic = Movement.objects.create(
        name=THEMATIC,
        level="agency",
        form="thematic",
        theme="Người Việt Nam ưu tiên dùng hàng Việt Nam",
        goals="Đưa hàng Việt về nông thôn, miền núi, biên giới.",
        targets="20 phiên chợ hàng Việt; 300 doanh nghiệp tham gia.",
        launched_on=_d(2025, 3, 1),
        starts_on=_d(2025, 3, 1),
        ends_on=_d(2025, 10, 31),
    )
    thematic.bodies.set([b for b in bodies if b.kind in ("union", "youth")])
    thematic.units.set([u for u in units if u.code in ("xttm-trong-nuoc", "chuong-trinh")])

    criteria = [
        Criterion.objects.create(
            movement=regular,
            code="nhiem-vu",
            name="Hoàn thành nhiệm vụ chuyên môn",
            weight=3,
            max_score=10,
        ),
        Criterion.objects.create(
            movement=regular, code="doi-moi", name="Đổi mới, sáng kiến", weight=2, max_score=10
        ),
        Criterion.objects.create(
            movement=regular,
            code="ky-luat",
            name="Chấp hành kỷ luật, kỷ cương",
            weight=1,
            max_score=10,
        ),
        Criterion.objects.create(
            movement=regular,
            code="de-an",
            name="Đề án chủ trì được nghiệm thu",
            weight=2,
            max_score=10,
            computed="schemes_accepted",
        ),
    ]
    for u_index, unit in enumerate(units):
        assessment = Assessment.objects.create(
            movement=regular, unit=unit, period="2025-Q2", kind="official", assessed_by=secretary
        )
        total = 0
        for c_index, criterion in enumerate(criteria):
            value = 6 + (u_index + c_index) % 5
            Score.objects.create(assessment=assessment, criterion=criterion, value=value)
            total += value * criterion.weight
        assessment.total = total
        assessment.save(update_fields=["total"])

    review = Review.objects.create(
        movement=regular,
        kind="midterm",
        held_on=_d(2025, 7, 15),
        summary="Sơ kết 6 tháng: 9/11 đơn vị đạt trên 80% chỉ tiêu; hai mô hình điển hình được đề xuất nhân rộng.",
    )
    best = units[0]
    exemplar = Exemplar.objects.create(
        title="Tổ công tác hỗ trợ doanh nghiệp xuất khẩu một cửa",
        movement=regular,
        review=review,
        body="Một đầu mối tiếp nhận, trả lời doanh nghiệp trong 48 giờ; rút ngắn 40% thời gian xử lý hồ sơ.",
        recorded_on=_d(2025, 7, 15),
    )
    exemplar.units.set([best])
    exemplar.people.set(people[23:24])
    lesson = Lesson.objects.create(
        title="Giao chỉ tiêu đo được ngay từ khi phát động",
        movement=regular,
        review=review,
        body="Chỉ tiêu định lượng giúp chấm điểm minh bạch và giảm khiếu nại khi bình xét.",
        recorded_on=_d(2025, 7, 15),
    )
    lesson.units.set(units[:2])

    for index, person in enumerate(people):
        if person.recruited_on and person.recruited_on.year > 2025:
            continue
        status = ["approved", "approved", "submitted", "approved", "draft", "returned"][index % 6]
        Registration.objects.create(
            person=person,
            year=2025,
            movement=regular,
            aimed_code="CSTDCS" if _rating(index, 2025) == "HTXSNV" else "LDTT",
            commitments="Hoàn thành xuất sắc nhiệm vụ được giao; không vi phạm kỷ luật.",
            status=status,
            return_reason="Bổ sung chỉ tiêu cụ thể." if status == "returned" else "",
        )
    for unit in units:
        Registration.objects.create(
            unit=unit,
            year=2025,
            movement=regular,
            aimed_code="TTLDXS",
            status="approved",
            commitments="100% cán bộ hoàn thành nhiệm vụ; ít nhất một sáng kiến cấp cơ sở.",
        )
