"""The secretariat's path through the pages: round → nominate → session → votes → decision."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from xttm.accounts.factories import UserFactory
from xttm.accounts.roles import Role
from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.emulation.factories import CommendationFactory, RatingFactory, RoundFactory, initiative_of
from xttm.emulation.models import Commendation, Decision, Nomination, Session, SessionItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def lan(db):
    """Eligible for CSTD_BO in 2024 (scenario 1)."""
    unit = UnitFactory(code="xtxk", name="Phòng Xúc tiến xuất khẩu")
    person = PersonFactory(
        code="cb-lan", full_name="Nguyễn Thị Lan", unit=unit, recruited_on=datetime.date(2012, 3, 1)
    )
    for year in (2022, 2023, 2024):
        RatingFactory(person=person, year=year, code="HTXSNV")
    for year in (2022, 2023):
        CommendationFactory(person=person, year=year, code="LDTT")
        CommendationFactory(person=person, year=year, code="CSTDCS")
    initiative_of(person, year=2023, scope="ministry")
    return person


def test_the_round_page_lists_an_eligible_candidate_with_reasons(client_as, lan):
    round_ = RoundFactory(year=2024)

    response = client_as("emulation_secretariat").get(
        reverse("emulation:round-detail", args=[round_.pk])
    )

    assert response.status_code == 200
    rows = [c for c in response.context["candidates"] if c["result"].subject == "cb-lan"]
    assert {c["result"].code for c in rows} >= {"LDTT", "CSTDCS", "CSTD_BO"}
    cstd_bo = next(c for c in rows if c["result"].code == "CSTD_BO")
    assert cstd_bo["result"].verdict == "eligible"
    assert "Nguyễn Thị Lan" in response.content.decode()


def test_the_whole_path_from_nomination_to_an_issued_decision(client_as, client, lan, personas):
    round_ = RoundFactory(year=2024)
    secretariat = client_as("emulation_secretariat")
    response = secretariat.post(
        reverse("emulation:round-nominate", args=[round_.pk]),
        {"subject": "cb-lan", "code": "CSTD_BO"},
    )
    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert (nomination.person, nomination.code, nomination.verdict) == (lan, "CSTD_BO", "eligible")
    assert nomination.reasons[0]["met"] is True

    member = personas["council_member"]
    other = UserFactory(username="t_hd2", roles=[Role.COUNCIL_MEMBER])
    secretariat.post(
        reverse("emulation:session-create", args=[round_.pk]),
        {
            "name": "Phiên 1",
            "held_on": "2025-01-20",
            "members": [member.pk, other.pk],
            "nominations": [nomination.pk],
        },
    )
    session = Session.objects.get()
    secretariat.post(reverse("emulation:session-action", args=[session.pk, "open"]))
    item = SessionItem.objects.get()

    for user in (member, other):
        client.force_login(user)
        client.post(
            reverse("emulation:session-vote", args=[session.pk, item.pk]), {"choice": "yes"}
        )
    page = client.get(reverse("emulation:session-detail", args=[session.pk])).content.decode()
    assert "Đã bỏ phiếu" in page
    assert item.yes_count == 0  # the stale copy; the page never showed a tally yet
    assert "Thông qua" not in page

    secretariat = client_as("emulation_secretariat")
    secretariat.post(reverse("emulation:session-action", args=[session.pk, "close"]))
    secretariat.post(
        reverse("emulation:session-decision", args=[session.pk]),
        {
            "number": "15/QĐ-XTTM",
            "signed_on": "2025-01-25",
            "signer_name": "Vũ Bá Phú",
            "signer_title": "CỤC TRƯỞNG",
        },
    )
    decision = Decision.objects.get()
    secretariat.post(reverse("emulation:decision-issue", args=[decision.pk]))
    download = secretariat.get(reverse("emulation:decision-document", args=[decision.pk, "docx"]))

    decision.refresh_from_db()
    assert decision.status == "issued"
    assert Commendation.objects.filter(
        person=lan, code="CSTD_BO", year=2024, decision=decision
    ).exists()
    assert download["Content-Disposition"] == 'attachment; filename="quyet-dinh-15-qd-xttm.docx"'
    text = "\n".join(p.text for p in Document(io.BytesIO(download.content)).paragraphs)
    assert "Số: 15/QĐ-XTTM" in "\n".join(
        c.text for c in Document(io.BytesIO(download.content)).tables[0].rows[0].cells
    )
    assert "QUYẾT ĐỊNH" in text


def test_a_profile_exports_the_facts_the_eligibility_command_reads(client_as, lan):
    from xttm.emulation import rules

    response = client_as("emulation_secretariat").get(
        reverse("emulation:person-profile", args=[lan.pk]), {"year": 2024, "format": "json"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="facts-cb-lan-2024.json"'
    facts = rules.loads_facts(response.content.decode())
    assert rules.evaluate(facts).result("cb-lan", "CSTD_BO").verdict == "eligible"


def test_the_profile_page_shows_titles_by_year_and_verdicts(client_as, lan):
    response = client_as("emulation_secretariat").get(
        reverse("emulation:person-profile", args=[lan.pk]), {"year": 2024}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Chiến sĩ thi đua cơ sở" in page
    assert {r.code: r.verdict for r in response.context["results"]}["CSTD_BO"] == "eligible"


def test_every_list_page_renders_for_the_secretariat(client_as):
    client = client_as("emulation_secretariat")
    for name in (
        "movement-list",
        "registration-list",
        "rating-list",
        "commendation-list",
        "initiative-list",
        "round-list",
        "session-list",
        "decision-list",
        "exemplar-list",
        "lesson-list",
        "setting-list",
        "movement-create",
        "round-create",
        "nomination-adhoc",
        "setting-create",
        "exemplar-create",
        "lesson-create",
        "rating-import",
    ):
        assert client.get(reverse(f"emulation:{name}")).status_code == 200, name


def test_the_secretariat_builds_and_downloads_the_dossier(client_as, lan, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    round_ = RoundFactory(year=2024)
    client = client_as("emulation_secretariat")
    client.post(
        reverse("emulation:round-nominate", args=[round_.pk]),
        {"subject": "cb-lan", "code": "CSTD_BO"},
    )
    nomination = Nomination.objects.get()

    client.post(reverse("emulation:nomination-dossier", args=[nomination.pk]))
    client.post(
        reverse("emulation:nomination-dossier", args=[nomination.pk]),
        {"kind": "certificate", "file": SimpleUploadedFile("gcn.pdf", b"%PDF-1.4 gcn")},
    )
    certificate = nomination.documents.get(kind="certificate")
    download = client.get(
        reverse("emulation:nomination-file", args=[nomination.pk, certificate.pk])
    )

    assert sorted(nomination.documents.values_list("kind", "generated")) == [
        ("certificate", False),
        ("minutes", True),
        ("report", True),
        ("submission", True),
    ]
    assert b"".join(download.streaming_content) == b"%PDF-1.4 gcn"
    assert (
        client_as("staff")
        .get(reverse("emulation:nomination-file", args=[nomination.pk, certificate.pk]))
        .status_code
        == 404
    )


def test_a_review_is_recorded_and_its_report_lists_the_exemplars(client_as):
    from xttm.emulation.factories import MovementFactory
    from xttm.emulation.models import Exemplar, Review

    movement = MovementFactory(name="Thi đua năm 2025")
    client = client_as("emulation_secretariat")
    client.post(
        reverse("emulation:review-create", args=[movement.pk]),
        {"kind": "midterm", "held_on": "2025-07-15", "summary": "Đạt 80% chỉ tiêu."},
    )
    review = Review.objects.get()
    client.post(
        reverse("emulation:exemplar-create"),
        {
            "title": "Một cửa hỗ trợ xuất khẩu",
            "body": "Trả lời trong 48 giờ.",
            "movement": movement.pk,
            "review": review.pk,
            "recorded_on": "2025-07-15",
            "is_published": "on",
        },
    )
    report = client.get(reverse("emulation:review-report", args=[review.pk]))

    assert Exemplar.objects.get().review == review
    text = "\n".join(p.text for p in Document(io.BytesIO(report.content)).paragraphs)
    assert "Sơ kết phong trào “Thi đua năm 2025”" in text
    assert "- Một cửa hỗ trợ xuất khẩu: Trả lời trong 48 giờ." in text
    assert client_as("staff").post(
        reverse("emulation:review-create", args=[movement.pk])
    ).status_code in (403, 404)


def test_a_candidate_without_an_approved_registration_is_flagged_not_dropped(client_as, lan):
    from xttm.emulation.models import Registration

    round_ = RoundFactory(year=2024)
    client = client_as("emulation_secretariat")

    before = client.get(reverse("emulation:round-detail", args=[round_.pk])).context["candidates"]
    Registration.objects.create(person=lan, year=2024, aimed_code="CSTDCS", status="approved")
    after = client.get(reverse("emulation:round-detail", args=[round_.pk])).context["candidates"]

    assert {c["registered"] for c in before if c["result"].subject == "cb-lan"} == {False}
    assert {c["registered"] for c in after if c["result"].subject == "cb-lan"} == {True}


def test_staff_register_and_submit_through_the_pages_and_the_head_approves(
    client_as, client, personas
):
    from xttm.directory.models import Person
    from xttm.emulation.models import Registration

    hong = Person.objects.get(code="cb-staff")
    head = UserFactory(username="t_truong_phong", roles=[Role.STAFF])
    hong.unit.head = PersonFactory(code="cb-truong-phong", unit=hong.unit, user=head)
    hong.unit.save()
    staff = client_as("staff")
    staff.post(
        reverse("emulation:registration-create"),
        {"year": 2025, "aimed_code": "LDTT", "commitments": "Hoàn thành tốt"},
    )
    registration = Registration.objects.get()
    staff.post(reverse("emulation:registration-action", args=[registration.pk, "submit"]))
    refused = staff.post(
        reverse("emulation:registration-action", args=[registration.pk, "approve"]), follow=True
    )

    client.force_login(head)
    page = client.get(reverse("emulation:registration-detail", args=[registration.pk]))
    client.post(reverse("emulation:registration-action", args=[registration.pk, "approve"]))

    registration.refresh_from_db()
    assert "Bạn không có quyền duyệt đăng ký này." in refused.content.decode()
    assert page.context["can_decide"] is True
    assert (registration.person, registration.status) == (hong, "approved")


def test_an_adhoc_commendation_goes_from_the_form_to_a_decision(client_as, lan):
    from xttm.emulation.models import Decision

    client = client_as("emulation_secretariat")
    client.post(
        reverse("emulation:nomination-adhoc"),
        {
            "person": lan.pk,
            "code": "BK_BO",
            "achieved_on": "2025-06-20",
            "achievement": "Tổ chức thành công đoàn giao dịch",
        },
    )
    nomination = Nomination.objects.get()
    late = client.post(
        reverse("emulation:nomination-decision", args=[nomination.pk]),
        {
            "number": "90/QĐ-XTTM",
            "signed_on": "2025-09-01",
            "signer_name": "Vũ Bá Phú",
            "signer_title": "CỤC TRƯỞNG",
        },
    )
    client.post(
        reverse("emulation:nomination-decision", args=[nomination.pk]),
        {
            "number": "91/QĐ-XTTM",
            "signed_on": "2025-07-20",
            "signer_name": "Vũ Bá Phú",
            "signer_title": "CỤC TRƯỞNG",
        },
    )

    assert "45 ngày" in late.content.decode()
    assert list(Decision.objects.values_list("number", "kind")) == [("91/QĐ-XTTM", "adhoc")]
