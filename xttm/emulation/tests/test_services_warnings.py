"""Rules that warn rather than block: one achievement one form, the deadline, registration."""

import datetime

import pytest
from django.urls import reverse

from xttm.directory.factories import PersonFactory
from xttm.emulation import services
from xttm.emulation.factories import CommendationFactory, RoundFactory
from xttm.emulation.models import Decision, EmulationSetting, Nomination, Registration
from xttm.emulation.services import ServiceError

from .conftest import make_session

pytestmark = pytest.mark.django_db

NOT_REGISTERED = (
    "Trần Văn Nam chưa có đăng ký thi đua được duyệt cho năm 2024. Theo tham số "
    "“đăng ký bắt buộc với danh hiệu thường xuyên – chỉ cảnh báo”, đề nghị vẫn được xét."
)


def approved_registration(person, year=2024, code="LDTT"):
    return Registration.objects.create(person=person, year=year, aimed_code=code, status="approved")


def passed(round_, person, secretary, council, code):
    nomination = services.nominate(round_, person, code=code, actor=secretary)
    session = make_session(secretary, council, [nomination], round_)
    for member in council:
        services.cast_ballot(session.items.get(), voter=member, choice="yes")
    services.close_session(session, actor=secretary)
    nomination.refresh_from_db()
    return nomination


# --- One achievement, one form (Law 2022 Art 5) --------------------------------------------


def test_two_forms_for_the_same_year_in_a_round_flag_both_nominations(secretary, nominee, round_):
    approved_registration(nominee)
    bk_bo = services.nominate(round_, nominee, code="BK_BO", actor=secretary)
    bk_ttg = services.nominate(round_, nominee, code="BK_TTG", actor=secretary)

    assert services.nomination_warnings(bk_bo) == [
        "Một thành tích chỉ một hình thức khen thưởng (Luật Thi đua, khen thưởng Điều 5): "
        "Trần Văn Nam cũng được đề nghị Bằng khen của Thủ tướng Chính phủ năm 2024 trong đợt này."
    ]
    assert services.nomination_warnings(bk_ttg) == [
        "Một thành tích chỉ một hình thức khen thưởng (Luật Thi đua, khen thưởng Điều 5): "
        "Trần Văn Nam cũng được đề nghị Bằng khen của Bộ trưởng năm 2024 trong đợt này."
    ]


def test_a_form_already_decided_for_the_year_flags_a_new_nomination(secretary, nominee, round_):
    approved_registration(nominee)
    CommendationFactory(person=nominee, code="BK_BO", year=2024, decision_reference="88/QĐ-BCT")

    nomination = services.nominate(round_, nominee, code="BK_TTG", actor=secretary)

    assert services.nomination_warnings(nomination) == [
        "Một thành tích chỉ một hình thức khen thưởng (Luật Thi đua, khen thưởng Điều 5): "
        "Trần Văn Nam đã được Bằng khen của Bộ trưởng năm 2024 (quyết định 88/QĐ-BCT)."
    ]


def test_titles_of_the_same_year_and_forms_of_other_years_or_kinds_are_not_flagged(
    secretary, nominee, round_
):
    approved_registration(nominee)
    CommendationFactory(person=nominee, code="BK_BO", year=2023, decision_reference="1/QĐ")
    CommendationFactory(person=nominee, code="GIAY_KHEN", year=2024, kind="adhoc")
    ldtt = services.nominate(round_, nominee, code="LDTT", actor=secretary)
    cstdcs = services.nominate(round_, nominee, code="CSTDCS", actor=secretary)
    bk_ttg = services.nominate(round_, nominee, code="BK_TTG", actor=secretary)

    assert services.nomination_warnings(ldtt) == []
    assert services.nomination_warnings(cstdcs) == []
    assert services.nomination_warnings(bk_ttg) == []


def test_a_withdrawn_nomination_no_longer_clashes(secretary, nominee, round_):
    approved_registration(nominee)
    bk_bo = services.nominate(round_, nominee, code="BK_BO", actor=secretary)
    bk_ttg = services.nominate(round_, nominee, code="BK_TTG", actor=secretary)
    Nomination.objects.filter(pk=bk_bo.pk).update(status="withdrawn")

    assert services.nomination_warnings(bk_ttg) == []


def test_the_nomination_page_shows_the_clash(client_as, secretary, nominee, round_):
    approved_registration(nominee)
    services.nominate(round_, nominee, code="BK_BO", actor=secretary)
    bk_ttg = services.nominate(round_, nominee, code="BK_TTG", actor=secretary)

    page = client_as("emulation_secretariat").get(
        reverse("emulation:nomination-detail", args=[bk_ttg.pk])
    )

    assert "cũng được đề nghị Bằng khen của Bộ trưởng năm 2024 trong đợt này" in (
        page.content.decode()
    )


# --- Registration required for periodic titles: warning only (a setting) ---------------------


def test_a_periodic_title_without_registration_is_nominated_with_a_warning(
    client_as, secretary, nominee, round_
):
    nomination = services.nominate(round_, nominee, code="LDTT", actor=secretary)

    page = client_as("emulation_secretariat").get(
        reverse("emulation:nomination-detail", args=[nomination.pk])
    )

    assert services.nomination_warnings(nomination) == [NOT_REGISTERED]
    assert page.context["warnings"] == [NOT_REGISTERED]
    assert NOT_REGISTERED in page.content.decode()


def test_an_approved_registration_of_the_year_silences_the_warning(secretary, nominee, round_):
    approved_registration(nominee, code="CSTDCS")
    Registration.objects.create(person=nominee, year=2023, aimed_code="LDTT", status="approved")

    nomination = services.nominate(round_, nominee, code="LDTT", actor=secretary)

    assert services.nomination_warnings(nomination) == []


def test_a_registration_not_yet_approved_does_not_count(secretary, nominee, round_):
    Registration.objects.create(person=nominee, year=2024, aimed_code="LDTT", status="submitted")

    nomination = services.nominate(round_, nominee, code="LDTT", actor=secretary)

    assert services.nomination_warnings(nomination) == [NOT_REGISTERED]


def test_forms_need_no_registration(secretary, nominee, round_):
    nomination = services.nominate(round_, nominee, code="BK_BO", actor=secretary)

    assert services.nomination_warnings(nomination) == []


def test_with_the_setting_at_0_no_warning_is_shown(secretary, nominee, round_):
    EmulationSetting.objects.create(
        key="registration_required", value=0, effective_from="2020-01-01"
    )

    nomination = services.nominate(round_, nominee, code="LDTT", actor=secretary)

    assert services.nomination_warnings(nomination) == []


def test_with_the_setting_at_2_a_periodic_title_without_registration_is_refused(
    secretary, nominee, round_
):
    EmulationSetting.objects.create(
        key="registration_required", value=2, effective_from="2020-01-01"
    )

    with pytest.raises(ServiceError) as refused:
        services.nominate(round_, nominee, code="LDTT", actor=secretary)

    assert str(refused.value) == (
        "Trần Văn Nam chưa có đăng ký thi đua được duyệt cho năm 2024; "
        "theo tham số hiện hành, danh hiệu thường xuyên cần đăng ký."
    )
    assert Nomination.objects.count() == 0


# --- Periodic titles of a year decided by 31 January of the next year (a setting) ------------


def test_a_decision_signed_by_31_january_carries_no_warning(secretary, council, nominee, round_):
    nomination = passed(round_, nominee, secretary, council, "LDTT")
    decision = services.draft_decision(
        [nomination],
        number="10/QĐ-XTTM",
        signed_on=datetime.date(2025, 1, 31),
        signer_name="Vũ Bá Phú",
        actor=secretary,
    )

    services.issue_decision(decision, actor=secretary)

    assert Decision.objects.get().warnings == []


def test_a_decision_issued_after_the_deadline_records_a_clear_warning(
    client_as, secretary, council, nominee, round_
):
    nomination = passed(round_, nominee, secretary, council, "LDTT")
    decision = services.draft_decision(
        [nomination],
        number="15/QĐ-XTTM",
        signed_on=datetime.date(2025, 2, 5),
        signer_name="Vũ Bá Phú",
        actor=secretary,
    )

    services.issue_decision(decision, actor=secretary)

    decision.refresh_from_db()
    late = (
        "Quyết định ký ngày 05/02/2025, quá hạn 31/01/2025 để quyết định danh hiệu "
        "thi đua thường xuyên năm 2024 (trễ 5 ngày)."
    )
    assert decision.status == "issued"
    assert decision.warnings == [late]
    assert decision.history.first().warnings == [late]
    page = client_as("emulation_secretariat").get(
        reverse("emulation:decision-detail", args=[decision.pk])
    )
    assert late in page.content.decode()


def test_the_deadline_follows_the_setting_in_force_on_the_signing_date(
    secretary, council, nominee, round_
):
    EmulationSetting.objects.create(
        key="periodic_deadline_days", value=59, effective_from="2025-01-01", source="Quy chế mới"
    )
    EmulationSetting.objects.create(
        key="periodic_deadline_days", value=10, effective_from="2025-03-01"
    )
    nomination = passed(round_, nominee, secretary, council, "LDTT")
    decision = services.draft_decision(
        [nomination],
        number="20/QĐ-XTTM",
        signed_on=datetime.date(2025, 2, 20),
        signer_name="Vũ Bá Phú",
        actor=secretary,
    )

    services.issue_decision(decision, actor=secretary)

    assert Decision.objects.get().warnings == []


def test_ad_hoc_decisions_have_no_yearly_deadline(secretary):
    person = PersonFactory(code="cb-adhoc", full_name="Đỗ Minh Châu")
    nomination = services.nominate_adhoc(
        person,
        code="BK_BO",
        achieved_on=datetime.date(2025, 3, 1),
        achievement="Cứu hàng hóa khi hội chợ cháy",
        actor=secretary,
    )
    decision = services.draft_decision(
        [nomination],
        number="30/QĐ-XTTM",
        signed_on=datetime.date(2025, 3, 20),
        signer_name="Vũ Bá Phú",
        actor=secretary,
    )

    services.issue_decision(decision, actor=secretary)

    assert Decision.objects.get().warnings == []


def test_forms_are_not_bound_by_the_deadline_for_titles(secretary, council, nominee):
    round_2023 = RoundFactory(name="Bình xét bổ sung 2023", year=2023)
    nomination = passed(round_2023, nominee, secretary, council, "BK_BO")
    decision = services.draft_decision(
        [nomination],
        number="40/QĐ-XTTM",
        signed_on=datetime.date(2025, 2, 5),
        signer_name="Vũ Bá Phú",
        actor=secretary,
    )

    services.issue_decision(decision, actor=secretary)

    # The deadline is for titles (danh hiệu); a form (BK_BO) is not bound by it.
    assert Decision.objects.get().warnings == []
