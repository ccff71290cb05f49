"""API writes of the records that had pages only: same permission and same messages as the pages."""

import datetime

import pytest

from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.directory.models import Person
from xttm.emulation import services
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
)

pytestmark = pytest.mark.django_db

API = "/api/v1/emulation/"
JSON = "application/json"
READERS_ONLY = ["leadership", "staff", "council_member", "programme_officer", "outsider"]


@pytest.fixture
def people(db):
    unit = UnitFactory(name="Phòng Xúc tiến thương mại")
    return (
        PersonFactory(code="cb-an", full_name="Nguyễn Văn An", unit=unit),
        PersonFactory(code="cb-binh", full_name="Phạm Thị Bình", unit=unit),
    )


def initiative_body(people, shares):
    return {
        "title": "Số hóa hồ sơ đề án",
        "kind": "initiative",
        "unit": people[0].unit_id,
        "scope": "ministry",
        "year": 2024,
        "recognised_on": "2024-11-20",
        "certificate_number": "12/GCN-XTTM",
        "authors": [{"person": p.pk, "share": s} for p, s in zip(people, shares, strict=True)],
    }


def test_the_secretariat_records_an_initiative_with_its_authors(client_as, people):
    response = client_as("emulation_secretariat").post(
        f"{API}initiatives/", initiative_body(people, ["60", "40"]), content_type=JSON
    )

    assert response.status_code == 201, response.json()
    initiative = Initiative.objects.get()
    assert initiative.title == "Số hóa hồ sơ đề án"
    assert sorted((a.person.code, str(a.share)) for a in initiative.authors.all()) == [
        ("cb-an", "60.00"),
        ("cb-binh", "40.00"),
    ]
    assert sorted(a["person"] for a in response.json()["authors"]) == sorted(p.pk for p in people)


def test_shares_not_totalling_100_are_refused_with_the_pages_message(client_as, people):
    response = client_as("admin").post(
        f"{API}initiatives/", initiative_body(people, ["60", "30"]), content_type=JSON
    )

    assert response.status_code == 400
    assert response.json()["authors"] == [
        "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là 90%)."
    ]
    assert Initiative.objects.count() == 0
    assert InitiativeAuthor.objects.count() == 0


def test_an_initiative_with_no_author_is_refused(client_as, people):
    body = {**initiative_body(people, ["60", "40"]), "authors": []}

    response = client_as("admin").post(f"{API}initiatives/", body, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["authors"] == ["Sáng kiến cần ít nhất một tác giả."]
    assert Initiative.objects.count() == 0


def test_an_invalid_initiative_saves_neither_it_nor_its_authors(client_as, people):
    body = {**initiative_body(people, ["50", "50"]), "title": ""}

    response = client_as("emulation_secretariat").post(
        f"{API}initiatives/", body, content_type=JSON
    )

    assert response.status_code == 400
    assert "title" in response.json()
    assert Initiative.objects.count() == 0
    assert InitiativeAuthor.objects.count() == 0


def test_updating_the_authors_replaces_them(client_as, people):
    an, binh = people
    initiative = initiative_of(an)

    response = client_as("emulation_secretariat").patch(
        f"{API}initiatives/{initiative.pk}/",
        {"authors": [{"person": binh.pk, "share": "100"}]},
        content_type=JSON,
    )

    assert response.status_code == 200, response.json()
    assert [a.person.code for a in initiative.authors.all()] == ["cb-binh"]


def test_a_refused_author_change_keeps_the_recorded_authors(client_as, people):
    an, binh = people
    initiative = initiative_of(an)

    response = client_as("emulation_secretariat").patch(
        f"{API}initiatives/{initiative.pk}/",
        {"title": "Tên mới", "authors": [{"person": binh.pk, "share": "70"}]},
        content_type=JSON,
    )

    assert response.status_code == 400
    initiative.refresh_from_db()
    assert initiative.title != "Tên mới"
    assert [(a.person.code, str(a.share)) for a in initiative.authors.all()] == [
        ("cb-an", "100.00")
    ]


@pytest.mark.parametrize("persona", READERS_ONLY)
def test_only_the_secretariat_and_admins_write_records(client_as, people, persona):
    an = people[0]
    client = client_as(persona)
    bodies = {
        "initiatives": initiative_body(people, ["50", "50"]),
        "disciplines": {"person": an.pk, "level": "reprimand", "starts_on": "2024-03-01"},
        "holds": {"person": an.pk, "kind": "complaint", "starts_on": "2025-01-01"},
        "leaves": {
            "person": an.pk,
            "kind": "maternity",
            "starts_on": "2024-01-01",
            "ends_on": "2024-06-30",
        },
        "commendations": {
            "person": an.pk,
            "code": "LDTT",
            "year": 2019,
            "kind": "periodic",
            "decision_reference": "12/QĐ-BCT",
        },
    }

    statuses = {
        name: client.post(f"{API}{name}/", body, content_type=JSON).status_code
        for name, body in bodies.items()
    }

    assert statuses == dict.fromkeys(bodies, 403)
    assert Initiative.objects.count() == 0
    assert Discipline.objects.count() == 0
    assert ReviewHold.objects.count() == 0
    assert Leave.objects.count() == 0
    assert Commendation.objects.count() == 0


@pytest.mark.parametrize("persona", ["admin", "emulation_secretariat"])
def test_editors_record_discipline_holds_and_leave(client_as, people, persona):
    an = people[0]
    client = client_as(persona)

    discipline = client.post(
        f"{API}disciplines/",
        {"person": an.pk, "level": "warning", "starts_on": "2024-03-01", "reference": "5/QĐ-KL"},
        content_type=JSON,
    )
    hold = client.post(
        f"{API}holds/",
        {"person": an.pk, "kind": "inspection", "starts_on": "2025-01-01"},
        content_type=JSON,
    )
    leave = client.post(
        f"{API}leaves/",
        {"person": an.pk, "kind": "training", "starts_on": "2024-02-01", "ends_on": "2024-05-31"},
        content_type=JSON,
    )

    assert (discipline.status_code, hold.status_code, leave.status_code) == (201, 201, 201)
    assert Discipline.objects.get().reference == "5/QĐ-KL"
    assert ReviewHold.objects.get().ends_on is None
    assert Leave.objects.get().ends_on == datetime.date(2024, 5, 31)


def test_a_period_ending_before_it_starts_is_refused_with_the_pages_message(client_as, people):
    response = client_as("emulation_secretariat").post(
        f"{API}leaves/",
        {
            "person": people[0].pk,
            "kind": "sick",
            "starts_on": "2024-05-01",
            "ends_on": "2024-04-01",
        },
        content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json()["ends_on"] == ["Ngày kết thúc phải sau ngày bắt đầu."]
    assert Leave.objects.count() == 0


def test_the_secretariat_lifts_a_hold_through_the_service(client_as, people):
    hold = ReviewHoldFactory(person=people[0], starts_on=datetime.date(2025, 1, 1))
    client = client_as("emulation_secretariat")

    first = client.post(f"{API}holds/{hold.pk}/lift/", {"ends_on": "2025-04-01"}, JSON)
    again = client.post(f"{API}holds/{hold.pk}/lift/", {"ends_on": "2025-05-01"}, JSON)

    assert first.status_code == 200
    assert first.json()["ends_on"] == "2025-04-01"
    assert again.status_code == 400
    assert again.json()["detail"] == "Việc tạm dừng xét này đã kết thúc."
    hold.refresh_from_db()
    assert hold.ends_on == datetime.date(2025, 4, 1)
    assert hold.history.count() == 2


def test_leadership_may_not_lift_a_hold(client_as, people):
    hold = ReviewHoldFactory(person=people[0])

    response = client_as("leadership").post(
        f"{API}holds/{hold.pk}/lift/", {"ends_on": "2025-04-01"}, JSON
    )

    assert response.status_code == 403
    hold.refresh_from_db()
    assert hold.ends_on is None


def test_staff_read_only_their_own_records(client_as, people):
    hong = Person.objects.get(code="cb-staff")
    DisciplineFactory(person=hong)
    DisciplineFactory(person=people[0])

    body = client_as("staff").get(f"{API}disciplines/").json()

    assert [r["person"] for r in body["results"]] == [hong.pk]


def test_a_historical_commendation_is_recorded_once(client_as, people):
    an = people[0]
    body = {
        "person": an.pk,
        "code": "CSTDCS",
        "year": 2019,
        "kind": "periodic",
        "decision_reference": "1234/QĐ-BCT ngày 20/01/2020",
    }
    client = client_as("emulation_secretariat")

    first = client.post(f"{API}commendations/", body, content_type=JSON)
    second = client.post(f"{API}commendations/", body, content_type=JSON)

    assert first.status_code == 201, first.json()
    assert second.status_code == 400
    assert "Đã có danh hiệu, hình thức này cho năm này." in second.json()["non_field_errors"]
    assert Commendation.objects.count() == 1


def test_a_form_encoded_commendation_keeps_each_initiative_it_used(client_as, people):
    an = people[0]
    first, second = initiative_of(an), initiative_of(an)
    body = {
        "person": an.pk,
        "code": "CSTDCS",
        "year": 2019,
        "kind": "periodic",
        "decision_reference": "7/QĐ-BCT",
        "uses": [first.pk, second.pk],
    }

    response = client_as("emulation_secretariat").post(f"{API}commendations/", body)

    assert response.status_code == 201, response.json()
    assert sorted(Commendation.objects.get().uses.values_list("pk", flat=True)) == sorted(
        [first.pk, second.pk]
    )


def test_a_historical_commendation_needs_its_paper_decision(client_as, people):
    body = {"person": people[0].pk, "code": "LDTT", "year": 2019, "kind": "periodic"}

    response = client_as("admin").post(f"{API}commendations/", body, content_type=JSON)

    assert response.status_code == 400
    assert "decision_reference" in response.json()
    assert Commendation.objects.count() == 0


def test_a_historical_commendation_uses_only_the_persons_initiatives(client_as, people):
    an, binh = people
    theirs = initiative_of(binh)
    body = {
        "person": an.pk,
        "code": "CSTDCS",
        "year": 2019,
        "kind": "periodic",
        "decision_reference": "9/QĐ-BCT",
        "uses": [theirs.pk],
    }

    response = client_as("admin").post(f"{API}commendations/", body, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["uses"] == [f"“{an}” không phải tác giả của sáng kiến “{theirs}”."]
    assert Commendation.objects.count() == 0


def test_a_commendation_of_a_decision_is_not_edited_over_the_api(client_as, people):
    decided = CommendationFactory(person=people[1], year=2023, decision=_a_decision())

    response = client_as("emulation_secretariat").patch(
        f"{API}commendations/{decided.pk}/", {"year": 2022}, content_type=JSON
    )

    assert response.status_code == 403
    decided.refresh_from_db()
    assert decided.year == 2023


def _a_decision():
    from xttm.emulation.models import Decision

    return Decision.objects.create(
        number="1/QĐ-XTTM",
        signed_on=datetime.date(2024, 1, 20),
        issuing_body="CỤC XÚC TIẾN THƯƠNG MẠI",
        signer_name="Nguyễn Văn A",
        signer_title="CỤC TRƯỞNG",
        year=2023,
    )


# --- Criteria of a movement ------------------------------------------------------------------


def test_the_secretariat_replaces_a_movements_criteria(client_as):
    movement = MovementFactory()
    kept = CriterionFactory(movement=movement, code="ket-qua", weight=50, max_score=10)
    CriterionFactory(movement=movement, code="cu", weight=50, max_score=10)
    rows = [
        {"id": kept.pk, "code": "ket-qua", "name": "Kết quả", "weight": "70", "max_score": "10"},
        {"code": "sang-kien", "name": "Sáng kiến", "weight": "30", "max_score": "5"},
    ]

    response = client_as("emulation_secretariat").put(
        f"{API}movements/{movement.pk}/criteria/", rows, content_type=JSON
    )

    assert response.status_code == 200, response.json()
    assert [(c["code"], c["weight"]) for c in response.json()] == [
        ("ket-qua", "70.00"),
        ("sang-kien", "30.00"),
    ]
    assert sorted(movement.criteria.values_list("code", flat=True)) == ["ket-qua", "sang-kien"]


def test_weights_not_totalling_100_are_refused_and_nothing_changes(client_as):
    movement = MovementFactory()
    kept = CriterionFactory(movement=movement, code="ket-qua", weight=100, max_score=10)
    rows = [
        {"id": kept.pk, "code": "ket-qua", "name": "Kết quả", "weight": "60", "max_score": "10"},
        {"code": "sang-kien", "name": "Sáng kiến", "weight": "30", "max_score": "5"},
    ]

    response = client_as("admin").put(
        f"{API}movements/{movement.pk}/criteria/", rows, content_type=JSON
    )

    assert response.status_code == 400
    assert response.json()["criteria"] == ["Tổng trọng số các tiêu chí phải bằng 100 (hiện là 90)."]
    assert [(c.code, c.weight) for c in movement.criteria.all()] == [("ket-qua", 100)]


def test_a_scored_criterion_is_not_deleted_over_the_api(client_as, secretary):
    movement = MovementFactory()
    scored = CriterionFactory(movement=movement, code="ket-qua", weight=100, max_score=10)
    services.record_assessment(
        movement,
        PersonFactory(),
        period="2024",
        kind="self",
        scores={scored: (5, "")},
        actor=secretary,
    )
    rows = [{"code": "moi", "name": "Mới", "weight": "100", "max_score": "10"}]

    response = client_as("admin").put(
        f"{API}movements/{movement.pk}/criteria/", rows, content_type=JSON
    )

    assert response.status_code == 400
    assert response.json()["criteria"] == [f"Tiêu chí “{scored.name}” đã có điểm, không xóa được."]
    assert list(Criterion.objects.filter(movement=movement)) == [scored]


@pytest.mark.parametrize("persona", ["leadership", "staff"])
def test_readers_may_not_change_criteria(client_as, persona):
    movement = MovementFactory()
    CriterionFactory(movement=movement, code="ket-qua", weight=100, max_score=10)
    rows = [{"code": "moi", "name": "Mới", "weight": "100", "max_score": "10"}]

    response = client_as(persona).put(
        f"{API}movements/{movement.pk}/criteria/", rows, content_type=JSON
    )

    assert response.status_code == 403
    assert list(movement.criteria.values_list("code", flat=True)) == ["ket-qua"]
