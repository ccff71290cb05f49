"""The search of the people and enterprise lists can be answered from a trigram index."""

import pytest
from django.db import connection

from xttm.directory.factories import EnterpriseFactory, PersonFactory
from xttm.directory.models import Enterprise, Person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's; CI runs this on PG"
    ),
]


def plan_of(queryset) -> str:
    """The plan PostgreSQL would choose if reading the whole table were not an option."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")  # nor walking the order index
        return queryset.explain()


@pytest.mark.parametrize(
    ("model", "factory", "index"),
    [
        (Person, PersonFactory, "person_search_trgm"),
        (Enterprise, EnterpriseFactory, "enterprise_search_trgm"),
    ],
)
def test_a_rare_word_is_found_through_the_trigram_index(model, factory, index):
    factory.create_batch(3)
    found = model.objects.search("khang")
    assert index in plan_of(found)


def test_the_index_finds_what_the_scan_finds(personas):
    PersonFactory(full_name="Nguyễn Văn Khang")
    PersonFactory(full_name="Trần Thị Khánh")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        through_index = list(Person.objects.search("khang").values_list("full_name", flat=True))
    assert through_index == ["Nguyễn Văn Khang"]
