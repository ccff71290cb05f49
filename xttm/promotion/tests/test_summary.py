"""The summary table kept by deltas equals a full recomputation, whatever the writes."""

import datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xttm.directory.factories import province
from xttm.promotion import services, summary, totals
from xttm.promotion.choices import DealKind, SchemeStatus
from xttm.promotion.factories import (
    ActivityFactory,
    EnterpriseFactory,
    ExchangeRateFactory,
    SchemeFactory,
)
from xttm.promotion.models import Deal, ResultSummary

WRITES = st.lists(
    st.tuples(
        st.sampled_from(
            ["participate", "deal", "drop_participation", "drop_deal", "budget", "move_activity"]
        ),
        st.integers(min_value=0, max_value=3),
        st.integers(min_value=1, max_value=5_000_000),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=WRITES)
def test_the_summary_equals_a_recomputation_after_any_series_of_writes(
    django_db_blocker, personas, partner_org, writes
):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            _run(personas, partner_org, writes)
            transaction.set_rollback(True)


def _run(personas, partner_org, writes):
    actor = personas["programme_officer"]
    ExchangeRateFactory(
        date=datetime.date(2026, 1, 1), currency="USD", rate_to_vnd=Decimal("25000")
    )
    scheme = SchemeFactory(lead=partner_org, status=SchemeStatus.IN_PROGRESS)
    activities = [
        ActivityFactory(scheme=scheme),
        ActivityFactory(scheme=scheme, country="VN", city="", province=province("31", "2008")),
    ]
    enterprises = [EnterpriseFactory() for _ in range(4)]
    summary.rebuild_summary()
    for op, index, amount in writes:
        activity = activities[index % 2]
        enterprise = enterprises[index]
        if op == "participate":
            services.record_participation(activity, enterprise, actor=actor, support_vnd=amount)
        elif op == "deal":
            services.save_deal(
                Deal(
                    code=f"D{index}",
                    activity=activity,
                    enterprise=enterprise,
                    kind=DealKind.CONTRACT,
                    signed_on=datetime.date(2026, 3, 12),
                    value=Decimal(amount),
                    currency="USD",
                ),
                actor=actor,
            ) if not Deal.objects.filter(code=f"D{index}").exists() else None
        elif op == "drop_participation":
            for p in activity.participations.filter(enterprise=enterprise):
                services.delete_participation(p, actor=actor)
        elif op == "drop_deal":
            for d in Deal.objects.filter(code=f"D{index}"):
                services.delete_deal(d, actor=actor)
        elif op == "budget":
            services.set_budget_line(
                scheme, 2026, actor=actor, approved=amount, disbursed=amount // 2
            )
        elif op == "move_activity":
            activity.start_date = datetime.date(2025 + index % 2, 3, 10)
            activity.end_date = activity.start_date
            services.save_activity(activity, actor=actor)
    assert summary.verify_summary() == []


def test_verify_names_the_key_where_the_table_drifted(scheme_in, personas):
    activity = ActivityFactory(scheme=scheme_in(SchemeStatus.IN_PROGRESS))
    services.record_participation(
        activity, EnterpriseFactory(), actor=personas["admin"], support_vnd=10
    )
    ResultSummary.objects.filter(participations=1).update(participations=5)
    [difference] = summary.verify_summary()
    assert (difference["expected"], difference["stored"]) == (
        {"participations": "1"},
        {"participations": "5"},
    )
    summary.rebuild_summary()
    assert summary.verify_summary() == []


def test_old_province_records_roll_up_to_the_new_province_and_still_group_by_the_old_one(
    scheme_in, personas
):
    scheme = scheme_in(SchemeStatus.IN_PROGRESS, country="VN", city="")
    quang_nam = province("49", "2008")  # merged into Đà Nẵng (new 48)
    activity = ActivityFactory(scheme=scheme, country="VN", city="", province=quang_nam)
    services.record_participation(activity, EnterpriseFactory(), actor=personas["admin"])
    new = totals.totals(personas["admin"], {"province": "48"})["total"]
    old = totals.totals(personas["admin"], {"province": "49", "province_system": "2008"})["total"]
    assert (new["participations"], old["participations"]) == (1, 1)
    grouped = totals.totals(personas["admin"], {"group_by": "province"})
    assert [
        (g["province"], g["participations"]) for g in grouped["groups"] if g["participations"]
    ] == [("Đà Nẵng", 1)]
