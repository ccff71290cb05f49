"""Demo data of the promotion app, seeded by `xttm seed-demo` after the directory.

Deterministic and idempotent. Yearly totals follow the published figures
(promotion.md): 2010–2014 over 21,000 participations, about 5.3 billion USD in
USD-denominated deals and over 1,000 billion VND of domestic sales; 2013 6,800
participations and 1.4 billion USD. Rows are bulk-created with their VND/USD
values computed from the rate table, and the summary is rebuilt once at the end;
the 2026 schemes of the demo partner (`doitac`) are moved by the services so
their history is real.
"""

import bisect
import datetime
import random
import time
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from xttm.core.text import fold
from xttm.directory.choices import OrganizationKind, ProvinceSystem
from xttm.directory.models import Enterprise, Organization, Province

from . import services, summary
from .choices import ActivityKind, BrandResult, DealKind, FacilityKind, Line, SchemeStatus
from .models import (
    Activity,
    BrandApplicant,
    BrandCycle,
    BrandProduct,
    BudgetLine,
    CostItem,
    Deal,
    ExchangeRate,
    Facility,
    NetworkStaffing,
    Participation,
    ProgrammeYear,
    Scheme,
)
from .reference import ensure_contents

SEED = 20260
THIS_YEAR = 2026
S = SchemeStatus

# year: (schemes, approved budget bn VND, participations, USD deals in million USD, VND sales in bn VND)
FIGURES = {
    2010: (56, 72, 3_500, 700, 200),
    2011: (60, 78, 4_000, 820, 200),
    2012: (64, 85, 4_200, 1_080, 210),
    2013: (72, 93.73, 6_800, 1_400, 220),
    2014: (58, 70, 2_800, 1_300, 230),
    2015: (90, 75, 5_500, 450, 250),
    2016: (120, 80, 6_000, 393, 280),
    2017: (199, 90, 7_000, 569, 324),
    2018: (156, 103, 6_500, 600, 330),
    2019: (150, 110, 6_800, 650, 340),
    2020: (90, 70, 3_500, 300, 260),
    2021: (80, 65, 3_000, 250, 240),
    2022: (130, 95, 5_000, 500, 320),
    2023: (140, 100, 6_000, 600, 350),
    2024: (150, 110, 6_500, 700, 380),
    2025: (150, 115, 6_800, 750, 400),
    2026: (60, 120, 1_500, 150, 80),
}
COUNTRIES = [
    "JP",
    "US",
    "CN",
    "KR",
    "DE",
    "FR",
    "AE",
    "IN",
    "AU",
    "SG",
    "TH",
    "RU",
    "GB",
    "CA",
    "IT",
    "NL",
]
CITIES = {
    "JP": "Tokyo", "US": "Las Vegas", "CN": "Côn Minh", "KR": "Seoul", "DE": "Cologne", "FR": "Paris",
    "AE": "Dubai", "IN": "New Delhi", "AU": "Sydney", "SG": "Singapore", "TH": "Bangkok", "RU": "Moscow",
    "GB": "London", "CA": "Toronto", "IT": "Milan", "NL": "Amsterdam",
}  # fmt: skip
FAIRS = [
    "FOODEX",
    "SIAL",
    "Anuga",
    "Gulfood",
    "CAEXPO",
    "Seoul Food",
    "Fancy Food",
    "THAIFEX",
    "Ambiente",
]
USD_RATE = {2010: 18_900, 2012: 20_850, 2014: 21_200, 2016: 22_300, 2018: 23_000, 2020: 23_200,
            2022: 23_500, 2024: 25_000, 2026: 25_900}  # fmt: skip
BRAND = {
    2008: (30, 0, "", None),
    2010: (43, 0, "", None),
    2012: (54, 0, "", None),
    2014: (63, 0, "", None),
    2016: (88, 0, "", None),
    2018: (97, 0, "", None),
    2020: (124, 283, "", None),
    2022: (172, 325, "1977/QĐ-BCT", datetime.date(2022, 10, 21)),
    2024: (190, 359, "2776/QĐ-BCT", datetime.date(2024, 10, 23)),
}


def seed(stdout=None) -> None:
    """Idempotent: creates only what is missing."""
    say = stdout.write if stdout is not None else (lambda _msg: None)
    started = time.monotonic()
    contents = ensure_contents()
    _seed_years()
    _seed_rates()
    if not Scheme.objects.exists():
        organisations = list(
            Organization.objects.exclude(kind=OrganizationKind.OTHER).exclude(
                kind=OrganizationKind.DEPARTMENT
            )
        )
        if not organisations or not Enterprise.objects.exists():
            say("Chưa có danh mục tổ chức, doanh nghiệp; bỏ qua dữ liệu Chương trình XTTM.")
            return
        with transaction.atomic():
            _seed_schemes(contents, organisations)
            summary.rebuild_summary()
        with transaction.atomic():
            _walk_partner_schemes(contents)
    _seed_brand()
    _seed_network()
    say(
        f"Chương trình XTTM: {ProgrammeYear.objects.count()} năm kế hoạch, {Scheme.objects.count()} đề án, {Participation.objects.count()} lượt doanh nghiệp, "
        f"{Deal.objects.count()} hợp đồng/giao dịch ({time.monotonic() - started:.1f} giây).\n"
    )


def _seed_years():
    existing = set(ProgrammeYear.objects.values_list("year", flat=True))
    ProgrammeYear.objects.bulk_create(
        [
            ProgrammeYear(
                year=year,
                budget_vnd=Decimal(str(FIGURES[year][1])) * 1_000_000_000,
                proposal_deadline=datetime.date(year - 1, 5, 15)
                if year < 2020
                else datetime.date(year - 1, 7, 31),
            )
            for year in FIGURES
            if year not in existing
        ]
    )


def _usd_rate(day: datetime.date) -> Decimal:
    years = sorted(USD_RATE)
    i = bisect.bisect_right(years, day.year) - 1
    y0 = years[max(i, 0)]
    y1 = years[min(i + 1, len(years) - 1)]
    if y1 == y0:
        return Decimal(USD_RATE[y0])
    frac = ((day.year - y0) * 12 + day.month - 1) / ((y1 - y0) * 12)
    return Decimal(round(USD_RATE[y0] + (USD_RATE[y1] - USD_RATE[y0]) * frac))


def _seed_rates():
    """USD, EUR and JPY on the 1st and 15th of each month (the days the officer enters them)."""
    if ExchangeRate.objects.exists():
        return
    rows = []
    for year in range(2010, THIS_YEAR + 1):
        for month in range(1, 13):
            for day in (1, 15):
                date = datetime.date(year, month, day)
                usd = _usd_rate(date)
                rows += [
                    ExchangeRate(date=date, currency="USD", rate_to_vnd=usd),
                    ExchangeRate(
                        date=date,
                        currency="EUR",
                        rate_to_vnd=(usd * Decimal("1.12")).quantize(Decimal(1)),
                    ),
                    ExchangeRate(
                        date=date,
                        currency="JPY",
                        rate_to_vnd=(usd / Decimal(130)).quantize(Decimal("0.0001")),
                    ),
                ]
    ExchangeRate.objects.bulk_create(rows, batch_size=2000)


class RateBook:
    """The rate table in memory: the nearest rate on or before a day, as `services.rate_for` finds it."""

    def __init__(self, currency):
        rows = list(
            ExchangeRate.objects.filter(currency=currency)
            .order_by("date")
            .values_list("date", "rate_to_vnd")
        )
        self.dates = [d for d, _r in rows]
        self.rates = [r for _d, r in rows]

    def on(self, day):
        i = bisect.bisect_right(self.dates, day) - 1
        return self.rates[i], self.dates[i]


def _split(total: int, parts: int, rng) -> list[int]:
    """`total` split into `parts` positive random shares that add up exactly."""
    weights = [rng.random() + 0.2 for _ in range(parts)]
    scale = total / sum(weights)
    shares = [max(int(w * scale), 0) for w in weights]
    shares[-1] += total - sum(shares)
    return shares


def _state_for(year: int, i: int, n: int) -> str:
    if year <= 2024:
        r = i % 20
        return S.REJECTED if r == 0 else S.CANCELLED if r == 1 else S.SETTLED
    if year == 2025:
        return [S.ACCEPTED, S.REPORTED, S.SETTLED, S.IN_PROGRESS, S.SETTLED][i % 5]
    order = [S.DRAFT, S.SUBMITTED, S.NEEDS_SUPPLEMENT, S.APPRAISED, S.APPROVED, S.CONTRACTED,
             S.IN_PROGRESS, S.ADJUSTMENT_REQUESTED, S.REPORTED, S.ACCEPTED, S.IN_PROGRESS, S.CONTRACTED]  # fmt: skip
    return order[i % len(order)]


def _seed_schemes(contents, organisations):
    rng = random.Random(SEED)
    usd = RateBook("USD")
    new_provinces = list(Province.objects.filter(system=ProvinceSystem.NEW_34))
    old_provinces = list(Province.objects.filter(system=ProvinceSystem.OLD_63))
    enterprise_ids = list(Enterprise.objects.order_by("pk").values_list("pk", flat=True))
    by_line = {}
    for c in contents.values():
        if c.line != Line.BRAND:
            by_line.setdefault(c.line, []).append(c)
    partner = Organization.objects.filter(code="ttxt-danang").first()
    rates = {c.code: c.rates.order_by("-effective_from").first().rate for c in contents.values()}
    for year, (n_schemes, budget_bn, n_parts, usd_m, vnd_bn) in FIGURES.items():
        schemes = []
        for i in range(n_schemes):
            line = (
                [Line.EXPORT, Line.EXPORT, Line.DOMESTIC, Line.REMOTE][i % 4]
                if i % 7
                else Line.DOMESTIC
            )
            content = rng.choice(by_line[line])
            lead = (
                partner if (year == THIS_YEAR and i < 12 and partner) else rng.choice(organisations)
            )
            abroad = line == Line.EXPORT
            country = rng.choice(COUNTRIES) if abroad else "VN"
            provinces = new_provinces if year >= 2025 else old_provinces
            start = datetime.date(year, rng.randint(2, 11), rng.randint(1, 20))
            fair = rng.choice(FAIRS)
            title = (
                f"Tham gia Hội chợ {fair} {year} tại {CITIES[country]}"
                if abroad
                else f"{content.name} năm {year}"
            )
            cost = Decimal(rng.randint(300, 3000)) * 1_000_000
            status = _state_for(year, i, n_schemes)
            if year == THIS_YEAR and i < 12:
                status = S.DRAFT  # the partner's schemes are moved by the services below
            scheme = Scheme(
                code=f"DA-{year}-{i + 1:03d}",
                year=year,
                end_year=year + 2
                if (year == 2018 and i < 11)
                else None,  # 11 multi-year schemes in 2018
                line=line,
                content_type=content,
                lead=lead,
                title=title,
                objectives="Quảng bá hình ảnh, sản phẩm Việt Nam; kết nối doanh nghiệp với nhà nhập khẩu, phân phối.",
                country=country,
                city=CITIES[country] if abroad else "",
                province=None if abroad else rng.choice(provinces),
                start_date=start,
                end_date=start + datetime.timedelta(days=rng.randint(2, 6)),
                planned_booths=rng.randint(6, 40),
                planned_enterprises=rng.randint(8, 60),
                planned_deals=rng.randint(10, 80),
                support_rate=Decimal(100),
                support_requested=cost,
                status=status,
            )
            scheme.search_text = fold(" ".join([scheme.code, scheme.title, scheme.city]))
            schemes.append(scheme)
        Scheme.objects.bulk_create(schemes)
        funded = [
            s for s in schemes if s.status in (*services.RESULT_STATES, S.ACCEPTED, S.SETTLED)
        ]
        budget = int(Decimal(str(budget_bn)) * 1_000_000_000)
        shares = _split(budget, len(funded), rng) if funded else []
        lines = []
        for s, amount in zip(funded, shares, strict=True):
            s.support_approved = Decimal(amount)
            s.support_requested = max(s.support_requested, s.support_approved)
            done = s.status in (S.SETTLED, S.ACCEPTED, S.REPORTED) or year < THIS_YEAR - 1
            disbursed = (
                Decimal(amount) if done else (Decimal(amount) * Decimal("0.5")).quantize(Decimal(1))
            )
            settled = disbursed if s.status == S.SETTLED else Decimal(0)
            lines.append(
                BudgetLine(
                    scheme=s, year=year, approved=amount, disbursed=disbursed, settled=settled
                )
            )
        for s in schemes:
            # The cost estimate is what the rate turns into the request: request = cost × rate.
            s.support_rate = rates[s.content_type.code]
            cost = (s.support_requested * 100 / s.support_rate).quantize(
                Decimal(1), rounding=ROUND_HALF_UP
            )
            s._cost = cost + (1 if cost * s.support_rate / 100 < s.support_requested else 0)
        Scheme.objects.bulk_update(
            schemes, ["support_approved", "support_requested", "support_rate"]
        )
        CostItem.objects.bulk_create(
            [
                CostItem(scheme=s, name="Chi phí tổ chức, thuê mặt bằng, quảng bá", amount=s._cost)
                for s in schemes
            ]
        )
        BudgetLine.objects.bulk_create(lines)
        # Activities: one or two per funded scheme that has started.
        running = [s for s in funded if s.status != S.APPROVED]
        activities = []
        for s in running:
            for k in range(1 + (s.pk % 2)):
                kind = (
                    ActivityKind.FAIR if s.line == Line.EXPORT
                    else ActivityKind.VN_GOODS_FAIR if s.content_type.code == "vn_goods_fair"
                    else rng.choice([ActivityKind.FAIR, ActivityKind.CONFERENCE, ActivityKind.TRAINING])
                )  # fmt: skip
                a = Activity(
                    code=f"HD-{year}-{s.pk:05d}-{k + 1}",
                    scheme=s,
                    kind=kind,
                    name=s.title if k == 0 else f"{s.title} (đợt {k + 1})",
                    start_date=s.start_date,
                    end_date=s.end_date,
                    country=s.country,
                    city=s.city,
                    province=s.province,
                    booths=s.planned_booths,
                    visitors=rng.randint(2_000, 60_000),
                    tags="hang_viet_nong_thon" if kind == ActivityKind.VN_GOODS_FAIR else "",
                    results_reported_on=s.end_date + datetime.timedelta(days=20)
                    if s.status in (S.REPORTED, S.ACCEPTED, S.SETTLED)
                    else None,
                )
                a.search_text = fold(" ".join([a.code, a.name, a.city]))
                activities.append(a)
        Activity.objects.bulk_create(activities)
        if not activities:
            continue
        # Participations: the year's published count, spread over its activities.
        per_activity = _split(n_parts, len(activities), rng)
        participations = []
        by_activity = {}
        for a, count in zip(activities, per_activity, strict=True):
            count = min(max(count, 0), len(enterprise_ids))
            chosen = rng.sample(enterprise_ids, count)
            by_activity[a.pk] = chosen
            participations += [
                Participation(
                    activity=a,
                    enterprise_id=e,
                    booths=1,
                    support_vnd=Decimal(rng.randint(5, 60)) * 1_000_000,
                )
                for e in chosen
            ]
        Participation.objects.bulk_create(participations, batch_size=5000)
        # Deals: USD contracts, MoUs and transactions abroad; VND sales at home.
        export = [a for a in activities if a.country != "VN" and by_activity[a.pk]]
        home = [a for a in activities if a.country == "VN" and by_activity[a.pk]]
        deals = []
        n_usd = max(len(export), n_parts // 5)
        usd_values = _split(usd_m * 1_000_000, n_usd, rng) if export else []
        for j, value in enumerate(usd_values):
            a = export[j % len(export)]
            signed = a.start_date + datetime.timedelta(days=rng.randint(0, 3))
            rate, rate_date = usd.on(signed)
            kind = [DealKind.CONTRACT, DealKind.CONTRACT, DealKind.MOU, DealKind.TRANSACTION][j % 4]
            deals.append(_deal(f"GD-{year}-U{j + 1:05d}", a, by_activity[a.pk][j % len(by_activity[a.pk])], kind,
                               signed, Decimal(value), "USD", rate, rate_date, usd))  # fmt: skip
        n_vnd = max(len(home), n_parts // 10)
        vnd_values = _split(int(vnd_bn * 1_000_000_000), n_vnd, rng) if home else []
        for j, value in enumerate(vnd_values):
            a = home[j % len(home)]
            signed = a.start_date + datetime.timedelta(days=rng.randint(0, 3))
            deals.append(_deal(f"GD-{year}-V{j + 1:05d}", a, by_activity[a.pk][j % len(by_activity[a.pk])],
                               DealKind.SALE, signed, Decimal(value), "VND", Decimal(1), signed, usd))  # fmt: skip
        Deal.objects.bulk_create(deals, batch_size=5000)


def _deal(code, activity, enterprise_id, kind, signed, value, currency, rate, rate_date, usd):
    value_vnd = (value * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if currency == "USD":
        value_usd, usd_fallback = value, False
    else:
        usd_rate, usd_date = usd.on(signed)
        value_usd = (value_vnd / usd_rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        usd_fallback = usd_date != signed
    return Deal(
        code=code,
        activity=activity,
        enterprise_id=enterprise_id,
        kind=kind,
        signed_on=signed,
        value=value,
        currency=currency,
        rate_to_vnd=rate,
        rate_date=rate_date,
        rate_is_fallback=rate_date != signed or usd_fallback,
        value_vnd=value_vnd,
        value_usd=value_usd,
        counterpart_country=activity.country if activity.country != "VN" else "",
        product_group=["03", "08", "09", "10", "44", "61", "64", "85"][enterprise_id % 8],
    )


def _walk_partner_schemes(contents):
    """The demo partner's 2026 schemes, one in each state, moved by the services (real events)."""
    User = get_user_model()
    officer = User.objects.filter(username="chuongtrinh").first()
    leader = User.objects.filter(username="lanhdao").first()
    if officer is None or leader is None:
        return
    doc = {"document_number": "15/QĐ-XTTM", "document_date": datetime.date(THIS_YEAR, 1, 20)}
    today = datetime.date(THIS_YEAR - 1, 5, 1)  # submitted before the deadline, as it happened
    steps = {
        S.SUBMITTED: lambda s: services.submit_scheme(s, actor=officer, today=today),
        S.NEEDS_SUPPLEMENT: lambda s: services.request_supplement(
            s, actor=officer, reason="Bổ sung dự toán chi tiết"
        ),
        S.APPRAISED: lambda s: services.appraise_scheme(
            s, actor=officer, score=82, notes="Đạt yêu cầu"
        ),
        S.APPROVED: lambda s: services.approve_scheme(s, actor=leader, **doc),
        S.CONTRACTED: lambda s: services.contract_scheme(s, actor=officer, **doc),
        S.IN_PROGRESS: lambda s: services.start_scheme(s, actor=officer),
        S.ADJUSTMENT_REQUESTED: lambda s: services.request_adjustment(
            s,
            actor=officer,
            changes={"end_date": s.end_date + datetime.timedelta(days=2)},
            reason="Lùi ngày bế mạc",
        ),
        S.REPORTED: lambda s: services.report_results(s, actor=officer),
        S.ACCEPTED: lambda s: services.accept_results(s, actor=officer, **doc),
        S.SETTLED: lambda s: services.settle_scheme(s, actor=officer, **doc),
        S.REJECTED: lambda s: services.reject_scheme(
            s, actor=leader, reason="Trùng nội dung", **doc
        ),
        S.CANCELLED: lambda s: services.cancel_scheme(s, actor=leader, reason="Hội chợ hủy", **doc),
    }
    roads = [
        [],
        [S.SUBMITTED],
        [S.SUBMITTED, S.NEEDS_SUPPLEMENT],
        [S.SUBMITTED, S.APPRAISED],
        [S.SUBMITTED, S.APPRAISED, S.APPROVED],
        [S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CONTRACTED],
        [S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CONTRACTED, S.IN_PROGRESS],
        [S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CONTRACTED, S.IN_PROGRESS, S.ADJUSTMENT_REQUESTED],
        [S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CONTRACTED, S.IN_PROGRESS, S.REPORTED],
        [
            S.SUBMITTED,
            S.APPRAISED,
            S.APPROVED,
            S.CONTRACTED,
            S.IN_PROGRESS,
            S.REPORTED,
            S.ACCEPTED,
            S.SETTLED,
        ],
        [S.SUBMITTED, S.REJECTED],
        [S.SUBMITTED, S.APPRAISED, S.APPROVED, S.CANCELLED],
    ]
    schemes = list(
        Scheme.objects.filter(year=THIS_YEAR, lead__code="ttxt-danang", status=S.DRAFT).order_by(
            "code"
        )[:12]
    )
    for scheme, road in zip(schemes, roads, strict=False):
        for step in road:
            steps[step](scheme)
            scheme.refresh_from_db()


def _seed_brand():
    if BrandCycle.objects.exists():
        return
    rng = random.Random(SEED + 7)
    enterprise_ids = list(Enterprise.objects.order_by("pk").values_list("pk", flat=True))
    if not enterprise_ids:
        return
    for year, (n_ent, n_prod, decision, decided_on) in BRAND.items():
        cycle = BrandCycle.objects.create(
            year=year,
            dossier_deadline=datetime.date(year, 3, 31),
            decision_number=decision,
            decision_date=decided_on,
            published_enterprises=n_ent,
            published_products=n_prod,
        )
        if not n_prod:
            continue
        chosen = rng.sample(enterprise_ids, n_ent + n_ent // 3)
        applicants = []
        for k, e in enumerate(chosen):
            recognised = k < n_ent
            applicants.append(
                BrandApplicant(
                    cycle=cycle,
                    enterprise_id=e,
                    score_quality=rng.randint(220, 300) if recognised else rng.randint(120, 230),
                    score_innovation=rng.randint(120, 180) if recognised else rng.randint(50, 130),
                    score_pioneering=rng.randint(380, 520) if recognised else rng.randint(200, 390),
                    result=BrandResult.RECOGNISED if recognised else BrandResult.NOT_RECOGNISED,
                )
            )
        BrandApplicant.objects.bulk_create(applicants)
        recognised = [a for a in applicants if a.result == BrandResult.RECOGNISED]
        counts = [1] * len(recognised)
        for i in range(n_prod - len(recognised)):
            counts[i % len(recognised)] += 1
        BrandProduct.objects.bulk_create(
            [
                BrandProduct(
                    applicant=a,
                    name=f"Sản phẩm {j + 1} của doanh nghiệp {a.enterprise_id}",
                    recognised=True,
                )
                for a, c in zip(recognised, counts, strict=True)
                for j in range(c)
            ]
        )


def _seed_network():
    if Facility.objects.exists():
        return
    rng = random.Random(SEED + 9)
    provinces = list(Province.objects.filter(system=ProvinceSystem.NEW_34).order_by("code"))
    white = {p.code for p in provinces[-5:]}  # five provinces with nothing yet: the white spots
    rows = []
    for p in provinces:
        if p.code in white:
            continue
        rows.append(
            Facility(province=p, kind=FacilityKind.CENTRE, name=f"Trụ sở Trung tâm XTTM {p.name}")
        )
        for kind in (FacilityKind.EXHIBITION, FacilityKind.FAIRGROUND, FacilityKind.TRADE_CENTRE):
            for k in range(rng.randint(0, 3 if p.kind == "city" else 1)):
                rows.append(Facility(province=p, kind=kind, name=f"{kind.label} {p.name} {k + 1}"))
    Facility.objects.bulk_create(rows)
    staffing = []
    for org in Organization.objects.filter(
        kind__in=[OrganizationKind.AGENCY, OrganizationKind.PROVINCIAL_CENTRE]
    ):
        base = 60 if org.kind == OrganizationKind.AGENCY else rng.randint(2, 25)
        for year in range(2020, THIS_YEAR + 1):
            head = max(1, base + rng.randint(-2, 2))
            staffing.append(
                NetworkStaffing(
                    organization=org, year=year, headcount=head, trained=rng.randint(0, head)
                )
            )
    NetworkStaffing.objects.bulk_create(staffing)
