"""Targets beside actuals: the schemes' planned enterprises and deals in the summary and on the dashboard."""

import datetime
import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xttm.promotion import services, summary, totals
from xttm.promotion.choices import DealKind, Line, SchemeStatus
from xttm.promotion.factories import (
    ActivityFactory,
    DealFactory,
    EnterpriseFactory,
    ExchangeRateFactory,
    ParticipationFactory,
    SchemeFactory,
    content,
)
from xttm.promotion.models import Deal, ResultSummary, Scheme

DOCUMENT = {"document_number": "12/QĐ-BCT", "document_date": datetime.date(2026, 4, 1)}

PLANNED_WRITES = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "adjust",
                "refuse_adjustment",
                "supplement",
                "submit_draft",
                "edit_draft",
                "participate",
                "deal",
                "cancel",
            ]
        ),
        st.sampled_from(["planned_enterprises", "planned_deals"]),
        st.integers(min_value=0, max_value=400),
    ),
    min_size=1,
    max_size=10,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=PLANNED_WRITES)
def test_the_summary_equals_a_rebuild_after_writes_that_change_planned_figures(
    django_db_blocker, personas, partner_org, writes
):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            _run(personas, partner_org, writes)
            transaction.set_rollback(True)


def _run(personas, partner_org, writes):
    admin = personas["admin"]
    ExchangeRateFactory(
        date=datetime.date(2026, 1, 1), currency="USD", rate_to_vnd=Decimal("25000")
    )
    running = SchemeFactory(lead=partner_org, status=SchemeStatus.IN_PROGRESS)
    submitted = SchemeFactory(lead=partner_org, status=SchemeStatus.SUBMITTED)
    draft = SchemeFactory(lead=partner_org, status=SchemeStatus.DRAFT, planned_enterprises=7)
    activity = ActivityFactory(scheme=running)
    enterprises = [EnterpriseFactory() for _ in range(3)]
    summary.rebuild_summary()
    for step, (op, field, value) in enumerate(writes):
        if op in ("adjust", "refuse_adjustment") and running.status == SchemeStatus.IN_PROGRESS:
            services.request_adjustment(running, actor=admin, changes={field: value})
            running.refresh_from_db()
            services.decide_adjustment(
                running, actor=admin, approve=op == "adjust", reason="Theo đề nghị", **DOCUMENT
            )
        elif op == "supplement" and submitted.status == SchemeStatus.SUBMITTED:
            services.request_supplement(submitted, actor=admin, reason="Bổ sung số liệu")
            submitted.refresh_from_db()
            setattr(submitted, field, value)
            services.save_draft(submitted, actor=admin)
            services.submit_scheme(submitted, actor=admin)
        elif op == "edit_draft" and draft.status == SchemeStatus.DRAFT:
            setattr(draft, field, value)
            services.save_draft(draft, actor=admin)
        elif op == "submit_draft" and draft.status == SchemeStatus.DRAFT:
            services.submit_scheme(draft, actor=admin, today=datetime.date(2000, 1, 1))
        elif op == "participate" and running.status in services.RESULT_STATES:
            services.record_participation(activity, enterprises[value % 3], actor=admin)
        elif op == "deal" and running.status in services.RESULT_STATES:
            services.save_deal(
                Deal(
                    code=f"P{step}",
                    activity=activity,
                    enterprise=enterprises[value % 3],
                    kind=DealKind.CONTRACT,
                    signed_on=datetime.date(2026, 3, 12),
                    value=Decimal(value + 1),
                    currency="USD",
                ),
                actor=admin,
            )
        elif op == "cancel" and running.status == SchemeStatus.IN_PROGRESS:
            services.cancel_scheme(running, actor=admin, reason="Dừng", **DOCUMENT)
        for scheme in (running, submitted, draft):
            scheme.refresh_from_db()
    assert summary.verify_summary() == []
    counted = Scheme.objects.exclude(status=SchemeStatus.DRAFT)
    stored = totals.totals(admin, {})["total"]
    assert stored["planned_enterprises"] == sum(s.planned_enterprises for s in counted)
    assert stored["planned_deals"] == sum(s.planned_deals for s in counted)


def test_a_draft_counts_no_target_until_it_is_submitted(personas, partner_org):
    admin = personas["admin"]
    draft = SchemeFactory(
        lead=partner_org, status=SchemeStatus.DRAFT, planned_enterprises=9, planned_deals=4
    )
    summary.rebuild_summary()
    assert totals.totals(admin, {})["total"]["planned_enterprises"] == 0
    services.submit_scheme(draft, actor=admin, today=datetime.date(2000, 1, 1))
    total = totals.totals(admin, {})["total"]
    assert (total["planned_enterprises"], total["planned_deals"]) == (9, 4)
    assert summary.verify_summary() == []
    assert ResultSummary.objects.filter(planned_enterprises=9, planned_deals=4).count() == 1


def _table(html: str, key: str) -> tuple[list[str], dict[str, list[str]]]:
    """The header and the rows (by first cell) of one dashboard table, as text."""
    body = html.split(f'id="table-{key}"', 1)[1].split("</table>", 1)[0]
    header = re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", body)
    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>", 1)[1], re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr)
        rows[cells[0]] = cells
    return header, rows


def test_the_dashboard_sets_planned_enterprises_and_deals_beside_the_actuals(
    client_as, personas, partner_org, other_org
):
    fair = SchemeFactory(
        lead=partner_org,
        status=SchemeStatus.IN_PROGRESS,
        planned_enterprises=12,
        planned_deals=20,
    )
    SchemeFactory(
        lead=other_org,
        status=SchemeStatus.APPROVED,
        planned_enterprises=30,
        planned_deals=5,
    )
    # A domestic fair of another line, and a draft that counts no target yet.
    SchemeFactory(
        lead=other_org,
        status=SchemeStatus.SUBMITTED,
        content_type=content("domestic_fair"),
        country="VN",
        city="",
        planned_enterprises=8,
        planned_deals=3,
    )
    SchemeFactory(lead=partner_org, planned_enterprises=100, planned_deals=100)
    activity = ActivityFactory(scheme=fair)
    for _ in range(3):
        ParticipationFactory(activity=activity)
    DealFactory(activity=activity)
    DealFactory(activity=activity)
    assert summary.verify_summary() == []

    html = client_as("leadership").get("/reports/?year_from=2026&year_to=2026").content.decode()

    header, rows = _table(html, "year")
    at = {name: header.index(name) for name in header}
    planned = at["Doanh nghiệp kế hoạch"]
    assert at["Lượt doanh nghiệp"] == planned + 1
    assert at["Hợp đồng, giao dịch kế hoạch"] == planned + 2
    assert at["Hợp đồng, giao dịch"] == planned + 3
    assert rows["2026"][planned : planned + 4] == ["50", "3", "28", "2"]

    header, rows = _table(html, "line")
    planned = header.index("Doanh nghiệp kế hoạch")
    abroad = content("fair_abroad").line
    domestic = content("domestic_fair").line
    assert abroad != domestic
    assert rows[str(Line(abroad).label)][planned : planned + 4] == ["42", "3", "25", "2"]
    assert rows[str(Line(domestic).label)][planned : planned + 4] == ["8", "0", "3", "0"]

    charts = client_as("leadership").get("/reports/?year_from=2026&year_to=2026").context["charts"]
    assert charts["year"]["planned_enterprises"] == [50.0]
    assert charts["year"]["planned_deals"] == [28.0]
    by_line = dict(zip(charts["line"]["labels"], charts["line"]["planned_deals"], strict=True))
    assert by_line == {str(Line(abroad).label): 25.0, str(Line(domestic).label): 3.0}
