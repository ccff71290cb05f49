"""`xttm reports bench`: time the dashboard's figures over a national-scale summary, then roll back.

The summary has one row per (year, line, content type, lead, province, market,
deal kind), so its size follows the number of schemes and places, not the
number of deals: 5 million deals over twenty years fold into some 10^5 rows.
The bench fills that many synthetic rows (each standing for `deals_per_row`
deals) inside a transaction, times the dashboard for a few filters and
rolls everything back.
"""

import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from xttm.accounts.roles import Role
from xttm.directory.models import Organization, Province
from xttm.promotion.choices import DealKind
from xttm.promotion.models import ResultSummary, SupportContent
from xttm.promotion.reference import ensure_contents

from . import programme
from .filters import Filters


class _Rollback(Exception):
    pass


def run(rows: int, deals_per_row: int, verbose: bool = False) -> list[str]:
    out: list[str] = []
    try:
        with transaction.atomic():
            _fill(rows, deals_per_row)
            out.extend(_measure(rows, deals_per_row, verbose))
            raise _Rollback
    except _Rollback:
        pass
    return out


def _fill(rows: int, deals_per_row: int) -> None:
    rng = random.Random(1)
    ensure_contents()
    contents = list(SupportContent.objects.values_list("pk", "line"))
    leads = list(Organization.objects.values_list("pk", flat=True))
    home = Province.objects.filter(system="2025").first()
    while len(leads) < 120:
        org = Organization.objects.create(
            code=f"bench-{len(leads)}",
            name=f"Đơn vị thử {len(leads)}",
            kind="provincial_centre",
            province=home,
        )
        leads.append(org.pk)
    olds = list(Province.objects.filter(system="2008").values_list("pk", "successor_id"))
    countries = [
        "US",
        "JP",
        "CN",
        "KR",
        "DE",
        "FR",
        "GB",
        "AU",
        "IN",
        "TH",
        "SG",
        "AE",
        "RU",
        "BR",
        "CA",
    ]
    batch = []
    for _i in range(rows):
        content, line = rng.choice(contents)
        old, new = rng.choice(olds)
        abroad = rng.random() < 0.4
        kind = rng.choice([*DealKind.values, ""])
        deals = deals_per_row if kind else 0
        batch.append(
            ResultSummary(
                year=rng.randint(2006, 2026),
                line=line,
                content_type_id=content,
                lead_id=rng.choice(leads),
                province_new_id=None if abroad else new,
                province_old_id=None if abroad else old,
                country=rng.choice(countries) if abroad else "VN",
                deal_kind=kind,
                schemes=0 if kind else 1,
                schemes_approved=0 if kind else 1,
                budget_approved=Decimal(0 if kind else 500_000_000),
                participations=0 if kind else 12,
                deals=deals,
                value_usd=Decimal(deals * 20_000),
                value_vnd=Decimal(deals * 500_000_000),
            )
        )
        if len(batch) == 5000:
            ResultSummary.objects.bulk_create(batch)
            batch = []
    ResultSummary.objects.bulk_create(batch)


def _measure(rows: int, deals_per_row: int, verbose: bool = False) -> list[str]:
    user = get_user_model()(username="bench", is_superuser=True)
    user._xttm_roles = frozenset({Role.LEADERSHIP.value})
    user.pk = 0
    user.is_active = True
    total = ResultSummary.objects.count()
    deals = ResultSummary.objects.aggregate(n=Sum("deals"))["n"]
    out = [
        f"Bảng tổng hợp: {total} dòng, đại diện {deals} hợp đồng, giao dịch ({connection.vendor})."
    ]
    cases = {
        "cả giai đoạn 2006–2026": Filters(year_from=2006, year_to=2026),
        "năm 2014": Filters(year_from=2014, year_to=2014),
        "2010–2014, 63 tỉnh": Filters(year_from=2010, year_to=2014, system="2008"),
        "2010–2014, thị trường Nhật Bản": Filters(year_from=2010, year_to=2014, country="JP"),
    }
    for label, f in cases.items():
        best = None
        for _ in range(3):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                programme.figures(user, f)
                elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        out.append(f"{label}: {best * 1000:.0f} ms, {len(ctx.captured_queries)} truy vấn")
        if verbose:
            for q in ctx.captured_queries:
                out.append("    {t} s  {sql}".format(t=q["time"], sql=q["sql"][:160]))
    return out
