"""Deterministic synthetic data at any scale, written with bulk_create (no per-row saves, no history).

Everything derives from a fixed seed and the chunk number, so the same scale
gives the same rows on SQLite and PostgreSQL. The programme data grows in
chunks, so a run can measure at a quarter, a half and all of its size.
"""

import datetime
import itertools
import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import connection, transaction

from xttm.accounts.models import User
from xttm.accounts.roles import Role
from xttm.core.text import fold
from xttm.directory.choices import EnterpriseSize, Gender, OrganizationKind, Sector
from xttm.directory.factories import SURNAMES, person_name, tax_code_for
from xttm.directory.models import Enterprise, Organization, Person, Province, Unit
from xttm.promotion.choices import ActivityKind, DealKind, Line, SchemeStatus
from xttm.promotion.models import (
    Activity,
    Deal,
    ExchangeRate,
    Participation,
    ProgrammeYear,
    Scheme,
    SupportContent,
)
from xttm.promotion.reference import ensure_contents

SEED = 20261126
BATCH = 5000
LAST_YEAR = 2026
LEADS = 60
COUNTRIES = ["JP", "US", "CN", "KR", "DE", "FR", "GB", "AU", "IN", "TH", "SG", "AE", "RU"]
WORDS = ["Công ty", "Cổ phần", "TNHH", "Xuất nhập khẩu", "Thực phẩm", "Nông sản", "Dệt may"]
WORDS += ["Cà phê", "Thủy sản", "Gỗ", "Điện tử", "Đồ gỗ", "Hạt điều", "Gạo", "Da giày", "Chè"]


@dataclass(frozen=True)
class ProgrammeSize:
    years: int
    enterprises: int
    participations: int
    deals: int

    def part(self, fraction: float) -> "ProgrammeSize":
        return ProgrammeSize(
            self.years,
            int(self.enterprises * fraction),
            int(self.participations * fraction),
            int(self.deals * fraction),
        )


def _bulk(model, rows, batch=BATCH):
    model.objects.bulk_create(rows, batch_size=batch)


# The big tables' rows are tuples in these columns' order (the rest take their field default).
PARTICIPATION_COLUMNS = ("activity_id", "enterprise_id", "booths", "support_vnd")
DEAL_COLUMNS = (
    "code",
    "activity_id",
    "enterprise_id",
    "kind",
    "signed_on",
    "value",
    "currency",
    "rate_to_vnd",
    "rate_date",
    "value_vnd",
    "value_usd",
    "counterpart_country",
    "product_group",
)


def _write(model, columns: tuple[str, ...], rows) -> None:
    """Rows (tuples in `columns` order) into the model's table: COPY on PostgreSQL, bulk_create elsewhere.

    Both write the same rows with the same ids: the omitted columns get the
    field default bulk_create would write, and COPY takes ids from the sequence
    in row order as the INSERTs did. COPY skips building a model instance and
    an INSERT per row, which was most of the generation time at national scale.
    """
    if connection.vendor != "postgresql":
        for chunk in itertools.batched(rows, BATCH):
            _bulk(model, [model(**dict(zip(columns, row, strict=True))) for row in chunk])
        return
    from psycopg import sql as psycopg_sql

    fields = [model._meta.get_field(name) for name in columns]
    rest = [f for f in model._meta.concrete_fields if not f.primary_key and f not in fields]
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
    statement = psycopg_sql.SQL("COPY {} ({}) FROM STDIN").format(
        psycopg_sql.Identifier(model._meta.db_table),
        psycopg_sql.SQL(", ").join(psycopg_sql.Identifier(f.column) for f in [*fields, *rest]),
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row((*row, *defaults))


def users() -> dict[str, User]:
    """One real user per role the scenarios need, in the role's group."""
    out = {}
    for role in (Role.LEADERSHIP, Role.EMULATION_SECRETARIAT, Role.ADMIN):
        user, _created = User.objects.get_or_create(username=f"bench-{role.value}")
        user.groups.add(Group.objects.get(name=role.value))
        out[role.value] = user
    return out


class Programme:
    """The national programme's rows, added chunk by chunk (chunk k is seeded with k)."""

    CHUNKS = 4

    def __init__(self, size: ProgrammeSize):
        self.size = size
        self.chunks_done = 0
        self._base()

    def _base(self):
        ensure_contents()
        self.contents = list(SupportContent.objects.values_list("pk", "line"))
        self.provinces = list(Province.objects.values_list("pk", flat=True))
        home = Province.objects.filter(system="2025").order_by("code").first()
        _bulk(
            Organization,
            [
                Organization(
                    code=f"bench-lead-{i}",
                    name=f"Trung tâm Xúc tiến thương mại thử {i}",
                    search_text=fold(f"Trung tâm Xúc tiến thương mại thử {i}"),
                    kind=OrganizationKind.PROVINCIAL_CENTRE,
                    province=home,
                )
                for i in range(LEADS)
            ],
        )
        self.leads = list(
            Organization.objects.filter(code__startswith="bench-lead-").values_list("pk", flat=True)
        )
        first = LAST_YEAR - self.size.years + 1
        _bulk(
            ProgrammeYear,
            [
                ProgrammeYear(
                    year=y,
                    budget_vnd=Decimal(100_000_000_000),
                    proposal_deadline=datetime.date(y - 1, 6, 30),
                )
                for y in range(first, LAST_YEAR + 1)
                if not ProgrammeYear.objects.filter(year=y).exists()
            ],
        )
        ExchangeRate.objects.get_or_create(
            date=datetime.date(2000, 1, 1), currency="USD", defaults={"rate_to_vnd": 25000}
        )

    def grow_to(self, chunks: int) -> None:
        while self.chunks_done < chunks:
            with transaction.atomic():
                self._chunk(self.chunks_done)
            self.chunks_done += 1

    def _chunk(self, k: int) -> None:
        rng = random.Random(SEED + k)
        part = self.size.part(1 / self.CHUNKS)
        e0 = k * part.enterprises
        enterprises = []
        for n in range(e0, e0 + part.enterprises):
            name = f"{WORDS[n % 3]} {rng.choice(WORDS[3:])} {rng.choice(WORDS[3:])} số {n}"
            tax = tax_code_for(n)
            enterprises.append(
                Enterprise(
                    tax_code=tax,
                    name=name,
                    search_text=fold(f"{name} {tax}"),
                    province_id=rng.choice(self.provinces),
                    sector=rng.choice(Sector.values),
                    size=rng.choice(EnterpriseSize.values),
                )
            )
        _bulk(Enterprise, enterprises)
        ent_ids = list(
            Enterprise.objects.filter(tax_code__in=[e.tax_code for e in enterprises])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        # About forty enterprises at each activity, two activities per scheme.
        n_activities = max(4, part.participations // 40)
        n_schemes = max(2, n_activities // 2)
        first_year = LAST_YEAR - self.size.years + 1
        schemes = []
        for s in range(n_schemes):
            content, line = rng.choice(self.contents)
            year = rng.randint(first_year, LAST_YEAR)
            abroad = line == Line.EXPORT and rng.random() < 0.7
            schemes.append(
                Scheme(
                    code=f"b{k}-s{s}",
                    year=year,
                    line=line,
                    content_type_id=content,
                    lead_id=rng.choice(self.leads),
                    title=f"Đề án thử {k}-{s}",
                    country=rng.choice(COUNTRIES) if abroad else "VN",
                    province_id=None if abroad else rng.choice(self.provinces),
                    planned_enterprises=40,
                    planned_deals=20,
                    support_requested=Decimal(rng.randint(1, 50) * 100_000_000),
                    support_approved=Decimal(rng.randint(1, 50) * 100_000_000),
                    status=SchemeStatus.APPROVED,
                )
            )
        _bulk(Scheme, schemes)
        scheme_rows = list(
            Scheme.objects.filter(code__startswith=f"b{k}-s")
            .order_by("pk")
            .values_list("pk", "year", "country", "province_id")
        )
        activities = []
        for a in range(n_activities):
            pk, year, country, province = scheme_rows[a % len(scheme_rows)]
            start = datetime.date(year, 1 + a % 12, 1 + a % 28)
            activities.append(
                Activity(
                    code=f"b{k}-a{a}",
                    scheme_id=pk,
                    kind=rng.choice(ActivityKind.values),
                    name=f"Hoạt động thử {k}-{a}",
                    search_text=fold(f"b{k}-a{a} Hoạt động thử {k}-{a}"),
                    start_date=start,
                    end_date=start + datetime.timedelta(days=3),
                    country=country or "VN",
                    province_id=province,
                )
            )
        _bulk(Activity, activities)
        act_rows = list(
            Activity.objects.filter(code__startswith=f"b{k}-a")
            .order_by("pk")
            .values_list("pk", "start_date")
        )
        _write(
            Participation, PARTICIPATION_COLUMNS, self._participations(rng, part, act_rows, ent_ids)
        )
        _write(Deal, DEAL_COLUMNS, self._deals(rng, k, part, act_rows, ent_ids))

    @staticmethod
    def _participations(rng, part, act_rows, ent_ids):
        per = max(1, part.participations // len(act_rows))
        per = min(per, len(ent_ids))
        made = 0
        for pk, _start in act_rows:
            for e in rng.sample(ent_ids, per):
                yield (pk, e, 1, Decimal(rng.randint(1, 30) * 1_000_000))
                made += 1
                if made >= part.participations:
                    return

    @staticmethod
    def _deals(rng, k, part, act_rows, ent_ids):
        kinds = DealKind.values
        rate, rate_date = Decimal(25000), datetime.date(2000, 1, 1)
        for d in range(part.deals):
            pk, start = act_rows[rng.randrange(len(act_rows))]
            usd = Decimal(rng.randint(1, 2000) * 1000)
            # The values in DEAL_COLUMNS' order, drawn from rng in the order they always were.
            enterprise = ent_ids[rng.randrange(len(ent_ids))]
            yield (
                f"b{k}-d{d}",
                pk,
                enterprise,
                kinds[d % len(kinds)],
                start,
                usd,
                "USD",
                rate,
                rate_date,
                usd * 25000,
                usd,
                rng.choice(COUNTRIES),
                "09",
            )


def agency(people: int, years: int = 10) -> list[int]:
    """`people` staff in units of about 50, with ten years of ratings and some titles; returns unit ids."""
    from xttm.emulation.models import Commendation, Rating

    done = list(
        Unit.objects.filter(code__startswith="bench-u")
        .order_by("code")
        .values_list("pk", flat=True)
    )
    if done:
        return done
    rng = random.Random(SEED)
    home = Province.objects.filter(system="2025").order_by("code").first()
    org, _ = Organization.objects.get_or_create(
        code="bench-agency",
        defaults={"name": "Bộ thử", "kind": OrganizationKind.AGENCY, "province": home},
    )
    n_units = max(1, people // 50)
    _bulk(
        Unit,
        [
            Unit(
                organization=org,
                code=f"bench-u{u:05d}",
                name=f"Đơn vị thử {u}",
                search_text=fold(f"Đơn vị thử {u}"),
            )
            for u in range(n_units)
        ],
    )
    unit_ids = list(
        Unit.objects.filter(code__startswith="bench-u")
        .order_by("code")
        .values_list("pk", flat=True)
    )
    batch = []
    for n in range(people):
        # The surname follows n % len(SURNAMES) (even), so n % 2 gave every Nguyễn a man:
        # the people list's "nguyen, women" search then matched no row and scanned them all.
        gender = Gender.FEMALE if n // len(SURNAMES) % 2 else Gender.MALE
        name = person_name(n, gender)
        person = Person(
            code=f"bench-p{n:06d}",
            full_name=name,
            gender=gender,
            unit_id=unit_ids[n % n_units],
            position="Chuyên viên",
            recruited_on=datetime.date(2000 + n % 15, 1 + n % 12, 1),
            date_of_birth=datetime.date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
        )
        # bulk_create skips save(): the search text and sort key are set as save() sets them.
        for field, value in person.kept_values().items():
            setattr(person, field, value)
        batch.append(person)
        if len(batch) == BATCH:
            _bulk(Person, batch)
            batch = []
    _bulk(Person, batch)
    first = LAST_YEAR - years
    codes = ["HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV"]
    batch = []
    titles = []
    for pk in Person.objects.filter(code__startswith="bench-p").values_list("pk", flat=True):
        for year in range(first, LAST_YEAR):
            batch.append(Rating(person_id=pk, year=year, code=rng.choice(codes)))
            if rng.random() < 0.15:
                titles.append(Commendation(person_id=pk, year=year, code="LDTT", kind="periodic"))
        if len(batch) >= BATCH:
            _bulk(Rating, batch)
            batch = []
    _bulk(Rating, batch)
    _bulk(Commendation, titles)
    return unit_ids


def analyze() -> None:
    """Vacuum and refresh the planner's statistics after a bulk load, as autovacuum would.

    Autovacuum is off on these machines' PostgreSQL; without statistics the
    planner guessed that a search matched a handful of people and read all
    100,000 of them to sort, where with them it walks the list's order index and
    stops at the page's 25th match. Without a vacuum no page is marked all-visible,
    so an index-only scan (the people list's search walks its covering index) still
    visits every row's page. A deployment keeps autovacuum on (docs/deploy.md); an
    import of hundreds of thousands of rows is vacuumed and analysed within a minute
    there. SQLite needs no vacuum for that, and its VACUUM would rewrite the file.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
