"""Entry pages of the records the engine reads: the secretariat writes, others read their own."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.directory.models import Person
from xttm.emulation.factories import (
    CommendationFactory,
    CriterionFactory,
    DisciplineFactory,
    MovementFactory,
    ReviewHoldFactory,
    initiative_of,
)
from xttm.emulation.models import (
    Commendation,
    Criterion,
    Discipline,
    Initiative,
    InitiativeAuthor,
    Leave,
    ReviewHold,
    Score,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hong(personas):
    return Person.objects.get(code="cb-staff")


@pytest.fixture
def unit(db):
    return UnitFactory(code="xtxk", name="Phòng Xúc tiến xuất khẩu")


@pytest.fixture
def lan(unit):
    return PersonFactory(code="cb-lan", full_name="Nguyễn Thị Lan", unit=unit)


@pytest.fixture
def minh(unit):
    return PersonFactory(code="cb-minh", full_name="Phạm Văn Minh", unit=unit)


def authors(*rows, initial=0):
    """The POST data of the authors' formset: rows of (person pk, share)."""
    data = {
        "authors-TOTAL_FORMS": str(len(rows)),
        "authors-INITIAL_FORMS": str(initial),
        "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "1000",
    }
    for n, (person, share) in enumerate(rows):
        data[f"authors-{n}-person"] = str(person)
        data[f"authors-{n}-share"] = str(share)
    return data


def initiative_data(unit, **overrides):
    return {
        "title": "Số hóa hồ sơ đề án xúc tiến",
        "kind": "initiative",
        "unit": unit.pk,
        "scope": "ministry",
        "year": "2024",
        "recognised_on": "2024-11-20",
        "certificate_number": "12/GCN-XTTM",
        **overrides,
    }


# --- Initiatives --------------------------------------------------------------------------


def test_the_secretariat_records_an_initiative_with_two_authors_sharing_100_percent(
    client_as, unit, lan, minh
):
    response = client_as("emulation_secretariat").post(
        reverse("emulation:initiative-create"),
        {**initiative_data(unit), **authors((lan.pk, "60"), (minh.pk, "40"))},
    )

    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("emulation:initiative-list")
    assert (initiative.title, initiative.scope, initiative.year) == (
        "Số hóa hồ sơ đề án xúc tiến",
        "ministry",
        2024,
    )
    assert sorted(initiative.authors.values_list("person__code", "share")) == [
        ("cb-lan", Decimal("60.00")),
        ("cb-minh", Decimal("40.00")),
    ]


def test_it_refuses_shares_that_do_not_total_100_percent_and_saves_nothing(
    client_as, unit, lan, minh
):
    response = client_as("emulation_secretariat").post(
        reverse("emulation:initiative-create"),
        {**initiative_data(unit), **authors((lan.pk, "60"), (minh.pk, "30"))},
    )

    assert response.status_code == 200
    assert list(response.context["formset"].non_form_errors()) == [
        "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là 90%)."
    ]
    assert "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là 90%)." in (
        response.content.decode()
    )
    assert Initiative.objects.count() == 0
    assert InitiativeAuthor.objects.count() == 0


def test_it_refuses_an_initiative_without_authors(client_as, unit):
    response = client_as("emulation_secretariat").post(
        reverse("emulation:initiative-create"), {**initiative_data(unit), **authors()}
    )

    assert list(response.context["formset"].non_form_errors()) == [
        "Sáng kiến cần ít nhất một tác giả."
    ]
    assert Initiative.objects.count() == 0


def test_editing_shares_keeps_the_old_ones_when_the_new_ones_do_not_add_up(
    client_as, unit, lan, minh
):
    initiative = initiative_of(lan, year=2023, title="Sáng kiến cũ")
    author = initiative.authors.get()
    client = client_as("emulation_secretariat")
    url = reverse("emulation:initiative-edit", args=[initiative.pk])

    refused = client.post(
        url,
        {
            **initiative_data(unit, title="Tên mới"),
            **authors((lan.pk, "50"), (minh.pk, "20"), initial=1),
            "authors-0-id": str(author.pk),
        },
    )
    assert refused.status_code == 200
    initiative.refresh_from_db()
    assert initiative.title == "Sáng kiến cũ"
    assert list(initiative.authors.values_list("person__code", "share")) == [
        ("cb-lan", Decimal("100.00"))
    ]

    accepted = client.post(
        url,
        {
            **initiative_data(unit, title="Tên mới"),
            **authors((lan.pk, "50"), (minh.pk, "50"), initial=1),
            "authors-0-id": str(author.pk),
        },
    )
    assert accepted.status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Tên mới"
    assert sorted(initiative.authors.values_list("person__code", "share")) == [
        ("cb-lan", Decimal("50.00")),
        ("cb-minh", Decimal("50.00")),
    ]


@pytest.mark.parametrize("persona", ["staff", "leadership", "council_member", "outsider"])
def test_only_the_secretariat_and_admin_write_initiatives(client_as, persona, unit, lan):
    initiative = initiative_of(lan, title="Không đổi")
    client = client_as(persona)

    assert client.get(reverse("emulation:initiative-create")).status_code == 403
    response = client.post(
        reverse("emulation:initiative-create"),
        {**initiative_data(unit), **authors((lan.pk, "100"))},
    )
    assert response.status_code == 403
    edit = client.post(
        reverse("emulation:initiative-edit", args=[initiative.pk]),
        {**initiative_data(unit), **authors((lan.pk, "100"))},
    )
    assert edit.status_code in (403, 404)
    assert list(Initiative.objects.values_list("title", flat=True)) == ["Không đổi"]


def test_an_administrator_may_open_the_entry_pages(client_as):
    client = client_as("admin")
    for name in (
        "initiative-create",
        "discipline-create",
        "hold-create",
        "leave-create",
        "commendation-create",
    ):
        assert client.get(reverse(f"emulation:{name}")).status_code == 200, name


def test_staff_list_only_the_initiatives_they_authored(client_as, hong, lan):
    initiative_of(hong, title="Của Hồng")
    initiative_of(lan, title="Của Lan")

    response = client_as("staff").get(reverse("emulation:initiative-list"))

    assert [i.title for i in response.context["table"].data] == ["Của Hồng"]
    assert response.context["can_create"] is False
    assert "Sửa" not in response.content.decode()


def test_the_secretariat_list_shows_authors_and_edit_links(client_as, lan):
    initiative = initiative_of(lan, title="Của Lan")

    page = client_as("emulation_secretariat").get(reverse("emulation:initiative-list"))

    html = page.content.decode()
    assert page.context["can_create"] is True
    assert "Nguyễn Thị Lan (100.00%)" in html
    assert reverse("emulation:initiative-edit", args=[initiative.pk]) in html


# --- Discipline, holds, leave -------------------------------------------------------------


def test_the_secretariat_records_a_discipline_period(client_as, lan):
    response = client_as("emulation_secretariat").post(
        reverse("emulation:discipline-create"),
        {
            "person": lan.pk,
            "level": "warning",
            "starts_on": "2024-04-01",
            "ends_on": "2025-03-31",
            "reference": "45/QĐ-XTTM",
        },
    )

    assert response.status_code == 302
    assert list(
        Discipline.objects.values_list("person__code", "level", "starts_on", "ends_on", "reference")
    ) == [
        ("cb-lan", "warning", datetime.date(2024, 4, 1), datetime.date(2025, 3, 31), "45/QĐ-XTTM")
    ]


def test_a_discipline_ending_before_it_starts_is_refused(client_as, lan):
    response = client_as("emulation_secretariat").post(
        reverse("emulation:discipline-create"),
        {"person": lan.pk, "level": "warning", "starts_on": "2024-04-01", "ends_on": "2024-03-01"},
    )

    assert response.context["form"].errors["ends_on"] == ["Ngày kết thúc phải sau ngày bắt đầu."]
    assert Discipline.objects.count() == 0


def test_staff_see_their_own_discipline_and_cannot_edit_it(client_as, hong, lan):
    mine = DisciplineFactory(person=hong)
    DisciplineFactory(person=lan)
    client = client_as("staff")

    table = client.get(reverse("emulation:discipline-list")).context["table"]
    response = client.post(
        reverse("emulation:discipline-edit", args=[mine.pk]),
        {"person": hong.pk, "level": "warning", "starts_on": "2024-03-01"},
    )

    assert [d.person for d in table.data] == [hong]
    assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.level == "reprimand"


def test_the_secretariat_edits_a_discipline_period(client_as, lan):
    record = DisciplineFactory(person=lan)

    response = client_as("emulation_secretariat").post(
        reverse("emulation:discipline-edit", args=[record.pk]),
        {
            "person": lan.pk,
            "level": "reprimand",
            "starts_on": "2024-03-01",
            "ends_on": "2024-06-30",
        },
    )

    record.refresh_from_db()
    assert response.status_code == 302
    assert record.ends_on == datetime.date(2024, 6, 30)


def test_the_secretariat_puts_a_person_on_hold_and_lifts_the_hold(client_as, lan):
    client = client_as("emulation_secretariat")
    client.post(
        reverse("emulation:hold-create"),
        {"person": lan.pk, "kind": "investigation", "starts_on": "2025-02-01"},
    )
    hold = ReviewHold.objects.get()
    assert (hold.person, hold.kind, hold.ends_on) == (lan, "investigation", None)

    response = client.post(
        reverse("emulation:hold-lift", args=[hold.pk]), {"ends_on": "2025-05-15"}
    )

    hold.refresh_from_db()
    assert response.status_code == 302
    assert hold.ends_on == datetime.date(2025, 5, 15)
    assert hold.history.count() == 2


def test_a_hold_already_lifted_is_not_lifted_again(client_as, lan):
    hold = ReviewHoldFactory(person=lan, ends_on=datetime.date(2025, 3, 1))

    response = client_as("emulation_secretariat").post(
        reverse("emulation:hold-lift", args=[hold.pk]), {"ends_on": "2025-06-01"}
    )

    hold.refresh_from_db()
    assert response.context["form"].non_field_errors() == ["Việc tạm dừng xét này đã kết thúc."]
    assert hold.ends_on == datetime.date(2025, 3, 1)


def test_staff_cannot_lift_their_own_hold(client_as, hong):
    hold = ReviewHoldFactory(person=hong)

    response = client_as("staff").post(
        reverse("emulation:hold-lift", args=[hold.pk]), {"ends_on": "2025-06-01"}
    )

    hold.refresh_from_db()
    assert response.status_code == 403
    assert hold.ends_on is None


def test_the_hold_list_filters_open_holds_and_offers_to_lift_them(client_as, lan, minh):
    open_hold = ReviewHoldFactory(person=lan)
    ReviewHoldFactory(person=minh, ends_on=datetime.date(2025, 2, 1))

    response = client_as("emulation_secretariat").get(
        reverse("emulation:hold-list"), {"open": "true"}
    )

    assert [h.pk for h in response.context["table"].data] == [open_hold.pk]
    assert reverse("emulation:hold-lift", args=[open_hold.pk]) in response.content.decode()


def test_the_secretariat_records_maternity_leave(client_as, lan):
    response = client_as("emulation_secretariat").post(
        reverse("emulation:leave-create"),
        {"person": lan.pk, "kind": "maternity", "starts_on": "2024-03-01", "ends_on": "2024-08-31"},
    )

    assert response.status_code == 302
    assert list(Leave.objects.values_list("person__code", "kind", "starts_on", "ends_on")) == [
        ("cb-lan", "maternity", datetime.date(2024, 3, 1), datetime.date(2024, 8, 31))
    ]


def test_the_council_member_cannot_record_leave(client_as, lan):
    response = client_as("council_member").post(
        reverse("emulation:leave-create"),
        {"person": lan.pk, "kind": "maternity", "starts_on": "2024-03-01", "ends_on": "2024-08-31"},
    )

    assert response.status_code == 403
    assert Leave.objects.count() == 0


# --- Titles and awards from before the system ---------------------------------------------


def test_the_secretariat_records_an_award_from_before_the_system_using_an_initiative(
    client_as, lan
):
    initiative = initiative_of(lan, year=2019, scope="ministry")

    response = client_as("emulation_secretariat").post(
        reverse("emulation:commendation-create"),
        {
            "person": lan.pk,
            "code": "CSTD_BO",
            "year": "2019",
            "kind": "periodic",
            "decision_reference": "1234/QĐ-BCT ngày 20/01/2020",
            "uses": [initiative.pk],
        },
    )

    commendation = Commendation.objects.get()
    assert response.status_code == 302
    assert (commendation.person, commendation.code, commendation.year, commendation.decision) == (
        lan,
        "CSTD_BO",
        2019,
        None,
    )
    assert commendation.decision_reference == "1234/QĐ-BCT ngày 20/01/2020"
    assert list(commendation.uses.all()) == [initiative]


def test_an_old_award_needs_its_decision_number_and_exactly_one_subject(client_as, lan, unit):
    client = client_as("emulation_secretariat")
    both = client.post(
        reverse("emulation:commendation-create"),
        {"person": lan.pk, "unit": unit.pk, "code": "BK_BO", "year": "2018", "kind": "periodic"},
    )

    assert both.context["form"].errors["decision_reference"] == ["Trường này là bắt buộc."]
    assert "Chọn đúng một: cá nhân hoặc tập thể." in both.context["form"].non_field_errors()
    assert Commendation.objects.count() == 0


def test_an_old_award_cannot_be_entered_twice(client_as, lan):
    CommendationFactory(person=lan, code="LDTT", year=2018, decision_reference="1/QĐ")

    response = client_as("emulation_secretariat").post(
        reverse("emulation:commendation-create"),
        {
            "person": lan.pk,
            "code": "LDTT",
            "year": "2018",
            "kind": "periodic",
            "decision_reference": "2/QĐ",
        },
    )

    assert "Đã có danh hiệu, hình thức này cho năm này." in (
        response.context["form"].non_field_errors()
    )
    assert list(Commendation.objects.values_list("decision_reference", flat=True)) == ["1/QĐ"]


def test_an_old_award_uses_only_an_initiative_of_its_own_author(client_as, lan, minh):
    theirs = initiative_of(minh, title="Của Minh")

    response = client_as("emulation_secretariat").post(
        reverse("emulation:commendation-create"),
        {
            "person": lan.pk,
            "code": "CSTDCS",
            "year": "2019",
            "kind": "periodic",
            "decision_reference": "7/QĐ",
            "uses": [theirs.pk],
        },
    )

    assert response.context["form"].errors["uses"] == [
        "“Nguyễn Thị Lan” không phải tác giả của sáng kiến “Của Minh”."
    ]
    assert Commendation.objects.count() == 0


def test_an_initiative_already_used_is_not_offered_again(client_as, lan):
    used = initiative_of(lan, title="Đã dùng")
    CommendationFactory(person=lan, code="CSTDCS", year=2022).uses.add(used)
    free = initiative_of(lan, title="Chưa dùng")

    form = client_as("emulation_secretariat").get(reverse("emulation:commendation-create"))

    assert list(form.context["form"].fields["uses"].queryset) == [free]


def test_awards_written_by_an_issued_decision_are_not_edited_here(client_as, lan):
    from xttm.emulation.models import Decision

    decision = Decision.objects.create(
        number="9/QĐ-XTTM", signed_on=datetime.date(2025, 1, 20), signer_name="A", year=2024
    )
    written = CommendationFactory(person=lan, code="BK_BO", decision=decision)
    client = client_as("emulation_secretariat")

    response = client.get(reverse("emulation:commendation-edit", args=[written.pk]))
    listing = client.get(reverse("emulation:commendation-list")).content.decode()

    assert response.status_code == 403
    assert reverse("emulation:commendation-edit", args=[written.pk]) not in listing


# --- Criteria of a movement ----------------------------------------------------------------


def criteria(*rows, initial=0, extra=0):
    data = {
        "criteria-TOTAL_FORMS": str(len(rows) + extra),
        "criteria-INITIAL_FORMS": str(initial),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"criteria-{n}-{key}"] = str(value)
    return data


def test_the_secretariat_sets_criteria_whose_weights_total_100(client_as):
    movement = MovementFactory(name="Thi đua năm 2025")
    client = client_as("emulation_secretariat")
    assert client.get(reverse("emulation:movement-criteria", args=[movement.pk])).status_code == 200

    response = client.post(
        reverse("emulation:movement-criteria", args=[movement.pk]),
        criteria(
            {"code": "de-an", "name": "Đề án hoàn thành", "weight": 60, "max_score": 10},
            {"code": "doanh-nghiep", "name": "Doanh nghiệp tham gia", "weight": 40, "max_score": 5},
        ),
    )

    assert response.status_code == 302
    assert list(movement.criteria.values_list("code", "weight", "max_score")) == [
        ("de-an", Decimal("60.00"), Decimal("10.00")),
        ("doanh-nghiep", Decimal("40.00"), Decimal("5.00")),
    ]


def test_criteria_whose_weights_do_not_total_100_are_refused_and_nothing_changes(client_as):
    movement = MovementFactory()
    kept = CriterionFactory(movement=movement, code="cu", name="Tiêu chí cũ", weight=100)

    response = client_as("emulation_secretariat").post(
        reverse("emulation:movement-criteria", args=[movement.pk]),
        criteria(
            {"id": kept.pk, "code": "cu", "name": "Tiêu chí cũ", "weight": 50, "max_score": 10},
            {"code": "moi", "name": "Tiêu chí mới", "weight": 30, "max_score": 10},
            initial=1,
        ),
    )

    assert response.status_code == 200
    assert list(response.context["formset"].non_form_errors()) == [
        "Tổng trọng số các tiêu chí phải bằng 100 (hiện là 80)."
    ]
    assert list(movement.criteria.values_list("code", "weight")) == [("cu", Decimal("100.00"))]


def test_a_scored_criterion_cannot_be_deleted(client_as, secretary):
    from xttm.emulation import services

    movement = MovementFactory()
    scored = CriterionFactory(movement=movement, code="a", name="A", weight=100, max_score=10)
    services.record_assessment(
        movement,
        PersonFactory(code="cb-x"),
        period="2025",
        kind="official",
        scores={scored: (8, "")},
        actor=secretary,
    )

    response = client_as("emulation_secretariat").post(
        reverse("emulation:movement-criteria", args=[movement.pk]),
        criteria(
            {
                "id": scored.pk,
                "code": "a",
                "name": "A",
                "weight": 100,
                "max_score": 10,
                "DELETE": "on",
            },
            {"code": "b", "name": "B", "weight": 100, "max_score": 10},
            initial=1,
        ),
    )

    assert list(response.context["formset"].non_form_errors()) == [
        "Tiêu chí “A” đã có điểm, không xóa được."
    ]
    assert list(Criterion.objects.values_list("code", flat=True)) == ["a"]
    assert Score.objects.count() == 1


def test_only_the_secretariat_edits_criteria(client_as):
    movement = MovementFactory()

    for persona in ("staff", "leadership", "council_member"):
        response = client_as(persona).post(
            reverse("emulation:movement-criteria", args=[movement.pk]),
            criteria({"code": "x", "name": "X", "weight": 100, "max_score": 10}),
        )
        assert response.status_code in (403, 404), persona
    assert Criterion.objects.count() == 0
