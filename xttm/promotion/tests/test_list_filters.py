"""The deals and participations lists filter by activity without listing every activity."""

import pytest
from django.urls import reverse

from xttm.promotion.factories import ActivityFactory, DealFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["promotion:deal-list", "promotion:participation-list"])
def test_the_activity_filter_lists_no_activity_until_one_is_chosen(client_as, url_name):
    activities = [ActivityFactory(name=f"Hội chợ số {i}") for i in range(3)]
    response = client_as("programme_officer").get(reverse(url_name))
    assert response.status_code == 200
    assert not any(a.name in response.text for a in activities)


def test_the_chosen_activity_is_the_only_option_and_its_deals_the_only_rows(client_as):
    chosen, other = ActivityFactory(name="Hội chợ chọn"), ActivityFactory(name="Hội chợ khác")
    DealFactory(activity=chosen, code="HĐ-CHON")
    DealFactory(activity=other, code="HĐ-KHAC")
    response = client_as("programme_officer").get(
        reverse("promotion:deal-list"), {"activity": chosen.pk}
    )
    assert f'<option value="{chosen.pk}" selected>Hội chợ chọn</option>' in response.text
    assert "Hội chợ khác" not in response.text
    assert "HĐ-CHON" in response.text
    assert "HĐ-KHAC" not in response.text


def test_an_activity_that_is_not_a_number_is_refused_without_listing_any(client_as):
    ActivityFactory(name="Hội chợ số 1")
    response = client_as("programme_officer").get(
        reverse("promotion:deal-list"), {"activity": "abc"}
    )
    assert response.status_code == 200
    assert "Hội chợ số 1" not in response.text
