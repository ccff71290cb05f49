"""Keyset pagination of the list pages: right rows after a cursor, and a deep page costs the first's queries."""

import base64
import html
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xttm.core import keyset
from xttm.directory.factories import EnterpriseFactory
from xttm.directory.models import Enterprise, Person
from xttm.promotion.models import Deal, Participation

pytestmark = pytest.mark.django_db

NEXT = re.compile(r'href="(\?[^"]*after=[^"]+)" rel="next"')


def names_on(response) -> list[str]:
    return [
        name for name in Enterprise.objects.values_list("name", flat=True) if name in response.text
    ]


def enterprises(n: int) -> list[str]:
    names = [f"Công ty thử {i:03d}" for i in range(n)]
    for name in names:
        EnterpriseFactory(name=name)
    return names


def test_orderings_of_plain_columns_end_in_a_unique_column():
    assert keyset.ordering_for(Deal.objects.all()) == ["-signed_on", "code"]
    assert keyset.ordering_for(Enterprise.objects.all()) == ["name", "tax_code"]
    assert keyset.ordering_for(Person.objects.all()) == ["sort_name", "code"]
    assert keyset.ordering_for(Enterprise.objects.order_by("name")) == ["name", "pk"]


def test_an_ordering_through_a_relation_cannot_be_keyed():
    assert keyset.ordering_for(Participation.objects.all()) is None
    assert keyset.ordering_for(Enterprise.objects.order_by("province__name")) is None


def test_the_next_page_by_cursor_shows_the_rows_after_the_first_page(client_as):
    names = enterprises(30)
    client = client_as("programme_officer")
    first = client.get(reverse("directory:enterprise-list"))
    assert names_on(first) == names[:25]
    link = html.unescape(NEXT.search(first.text).group(1))
    second = client.get(reverse("directory:enterprise-list") + link)
    assert names_on(second) == names[25:]
    assert NEXT.search(second.text) is None


def test_the_cursor_keeps_the_filters_of_the_first_page(client_as):
    names = enterprises(30)
    EnterpriseFactory(name="Hợp tác xã Nông nghiệp Xanh")
    client = client_as("programme_officer")
    url = reverse("directory:enterprise-list")
    first = client.get(url, {"q": "cong ty"})
    link = html.unescape(NEXT.search(first.text).group(1))
    assert "q=cong+ty" in link
    second = client.get(url + link)
    assert names_on(second) == names[25:]


def test_a_deep_page_costs_the_same_number_of_queries_as_the_first(client_as):
    enterprises(60)
    client = client_as("programme_officer")
    url = reverse("directory:enterprise-list")
    client.get(url)  # sessions, caches
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    row = Enterprise.objects.order_by("name", "tax_code")[49]
    cursor = keyset.cursor_of(row, ["name", "tax_code"])
    with CaptureQueriesContext(connection) as deep:
        response = client.get(url, {"after": cursor})
    assert names_on(response) == [f"Công ty thử {i:03d}" for i in range(50, 60)]
    assert len(deep.captured_queries) == len(first.captured_queries)
    assert not any("OFFSET" in q["sql"].upper() for q in deep.captured_queries)


def test_a_cursor_that_is_not_ours_shows_the_first_page(client_as):
    names = enterprises(30)
    response = client_as("programme_officer").get(
        reverse("directory:enterprise-list"), {"after": "not-a-cursor!"}
    )
    assert response.status_code == 200
    assert names_on(response) == names[:25]


@pytest.mark.parametrize("values", [[None, None], ["Công ty thử 001", None], [1, 2, 3]])
def test_a_cursor_made_by_hand_shows_the_first_page(client_as, values):
    names = enterprises(30)
    forged = base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")
    response = client_as("programme_officer").get(
        reverse("directory:enterprise-list"), {"after": forged}
    )
    assert response.status_code == 200
    assert names_on(response) == names[:25]


def test_a_numbered_page_still_opens_for_old_links(client_as):
    names = enterprises(30)
    response = client_as("programme_officer").get(reverse("directory:enterprise-list"), {"page": 2})
    assert names_on(response) == names[25:]


def test_sorting_by_a_column_falls_back_to_numbered_pages(client_as):
    names = enterprises(30)
    response = client_as("programme_officer").get(
        reverse("directory:enterprise-list"), {"sort": "-name"}
    )
    assert set(names_on(response)) == set(sorted(names, reverse=True)[:25])
    assert NEXT.search(response.text) is None
    assert "page=2" in response.text
