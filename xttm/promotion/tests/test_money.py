"""Deals in their own currency: rates from the table, fallback to the nearest earlier rate, totals."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xttm.promotion import services, summary, totals
from xttm.promotion.choices import DealKind, SchemeStatus
from xttm.promotion.factories import ActivityFactory, EnterpriseFactory, ExchangeRateFactory
from xttm.promotion.models import Deal


@pytest.fixture
def activity(scheme_in):
    return ActivityFactory(scheme=scheme_in(SchemeStatus.IN_PROGRESS))


def deal(activity, actor, **fields):
    values = {
        "code": "HĐ-1",
        "activity": activity,
        "enterprise": EnterpriseFactory(),
        "kind": DealKind.CONTRACT,
        "signed_on": datetime.date(2026, 3, 12),
        "value": Decimal("100000"),
        "currency": "USD",
        **fields,
    }
    return services.save_deal(Deal(**values), actor=actor)


def test_a_usd_deal_stores_its_vnd_value_at_the_rate_of_its_date(activity, personas):
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 12), currency="USD", rate_to_vnd=Decimal("25400")
    )
    d = deal(activity, personas["partner_officer"])
    assert (d.rate_to_vnd, d.rate_date, d.rate_is_fallback) == (
        Decimal("25400"),
        datetime.date(2026, 3, 12),
        False,
    )
    assert (d.value_vnd, d.value_usd) == (Decimal("2540000000"), Decimal("100000.00"))


def test_a_euro_deal_without_a_rate_that_day_uses_the_nearest_earlier_rate_and_says_so(
    activity, personas
):
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 1), currency="EUR", rate_to_vnd=Decimal("27500")
    )
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 20), currency="EUR", rate_to_vnd=Decimal("99999")
    )
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 12), currency="USD", rate_to_vnd=Decimal("25000")
    )
    d = deal(activity, personas["partner_officer"], value=Decimal("2000"), currency="eur")
    assert (d.currency, d.rate_to_vnd, d.rate_date, d.rate_is_fallback) == (
        "EUR",
        Decimal("27500"),
        datetime.date(2026, 3, 1),
        True,
    )
    assert (d.value_vnd, d.value_usd) == (Decimal("55000000"), Decimal("2200.00"))
    assert "01/03/2026" in services.fallback_note(d)


def test_a_deal_with_no_rate_on_or_before_its_date_is_refused(activity, personas):
    with pytest.raises(services.Refused, match="Chưa có tỷ giá JPY vào hoặc trước ngày 12/03/2026"):
        deal(activity, personas["partner_officer"], currency="JPY")
    assert not Deal.objects.exists()


def test_totals_add_vnd_and_usd_values_never_raw_amounts_across_currencies(activity, personas):
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 12), currency="USD", rate_to_vnd=Decimal("25000")
    )
    deal(activity, personas["partner_officer"], code="A", value=Decimal("1000"))
    deal(
        activity,
        personas["partner_officer"],
        code="B",
        value=Decimal("50000000"),
        currency="VND",
        kind=DealKind.SALE,
    )
    result = totals.totals(personas["programme_officer"], {"year_from": "2026"})["total"]
    assert (result["deals"], result["contract_count"], result["sale_count"]) == (2, 1, 1)
    assert (result["value_vnd"], result["value_usd"]) == ("75000000", "3000.00")
    assert summary.verify_summary() == []


def test_the_deals_list_marks_a_fallback_value_and_leaves_the_rate_columns_to_the_export(
    activity, personas, client
):
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 1), currency="EUR", rate_to_vnd=Decimal("27500")
    )
    ExchangeRateFactory(
        date=datetime.date(2026, 3, 12), currency="USD", rate_to_vnd=Decimal("25000")
    )
    deal(activity, personas["partner_officer"], value=Decimal("2000"), currency="EUR")
    client.force_login(personas["programme_officer"])

    page = client.get(reverse("promotion:deal-list")).content.decode()
    table = page[page.index("<table") : page.index("</table>")]
    assert "55.000.000 <span" in table and 'title="Dùng tỷ giá ngày gần nhất trước đó">*' in table
    assert "27.500" not in table and "01/03/2026" not in table

    export = client.get(reverse("promotion:deal-list"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    record = dict(zip(rows[0], rows[1], strict=True))
    rate_columns = ("Tỷ giá áp dụng", "Ngày tỷ giá", "Dùng tỷ giá ngày gần nhất trước đó")
    assert [record[header] for header in rate_columns] == ["27500.0000", "2026-03-01", "True"]
