"""The round page shows its candidates a page at a time, with counts over all of them."""

import datetime

import pytest
from django.urls import reverse

from xttm.directory.factories import PersonFactory, UnitFactory
from xttm.emulation import views
from xttm.emulation.factories import RatingFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_of_three(db):
    unit = UnitFactory(code="xtxk", name="Phòng Xúc tiến xuất khẩu")
    for code in ("cb-a", "cb-b", "cb-c"):
        person = PersonFactory(code=code, unit=unit, recruited_on=datetime.date(2012, 3, 1))
        RatingFactory(person=person, year=2024, code="HTXSNV")
    return RoundFactory(year=2024)


def _rows(response):
    return [
        (c["result"].subject, c["result"].code, c["result"].verdict)
        for c in response.context["candidates"]
    ]


def test_the_pages_of_the_round_together_show_every_result_once_with_its_verdict(
    client_as, round_of_three, monkeypatch
):
    client = client_as("emulation_secretariat")
    url = reverse("emulation:round-detail", args=[round_of_three.pk])
    whole = _rows(client.get(url, {"all": "1"}))
    monkeypatch.setattr(views, "ROUND_PAGE_SIZE", 7)

    first = client.get(url, {"all": "1"})
    pages = [first] + [
        client.get(url, {"all": "1", "page": n})
        for n in range(2, first.context["page_obj"].paginator.num_pages + 1)
    ]

    assert len(whole) > 14  # three people's results and the unit's: at least three pages
    assert [len(_rows(p)) for p in pages[:-1]] == [7] * (len(pages) - 1)
    assert [row for page in pages for row in _rows(page)] == whole
    assert {p.context["candidate_count"] for p in pages} == {len(whole)}
    assert 'href="?all=1&amp;page=2" rel="next"' in first.content.decode()


def test_the_counts_cover_every_candidate_not_only_the_page_shown(
    client_as, round_of_three, monkeypatch
):
    client = client_as("emulation_secretariat")
    url = reverse("emulation:round-detail", args=[round_of_three.pk])
    everything = client.get(url, {"all": "1"})
    verdicts = [verdict for _s, _c, verdict in _rows(everything)]
    monkeypatch.setattr(views, "ROUND_PAGE_SIZE", 2)

    response = client.get(url, {"all": "1", "page": 2})

    assert len(response.context["candidates"]) == 2
    assert response.context["candidate_count"] == len(verdicts)
    assert dict(response.context["verdict_counts"]) == {v: verdicts.count(v) for v in set(verdicts)}


def test_a_page_past_the_end_shows_the_last_page_and_one_page_has_no_pager(
    client_as, round_of_three, monkeypatch
):
    client = client_as("emulation_secretariat")
    url = reverse("emulation:round-detail", args=[round_of_three.pk])

    single = client.get(url, {"all": "1"})
    monkeypatch.setattr(views, "ROUND_PAGE_SIZE", 7)
    beyond = client.get(url, {"all": "1", "page": 999})

    assert 'id="candidate-pages"' not in single.content.decode()
    number = beyond.context["page_obj"].number
    assert number == beyond.context["page_obj"].paginator.num_pages > 1
