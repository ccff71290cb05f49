"""The bench's synthetic programme is the same rows whichever database writes it (COPY on PostgreSQL)."""

import hashlib
from decimal import Decimal

from bench import data
from xttm.promotion.models import Deal, Participation

# Two chunks of SIZE as bulk_create wrote them (SQLite and PostgreSQL alike) before COPY.
EXPECTED = (
    160,
    500,
    Decimal("2589000000"),
    Decimal("509043000.00"),
    Decimal("12726075000000"),
    "0c6afe87d8156a61",
    "fa87085b6e17d088",
)
SIZE = data.ProgrammeSize(years=3, enterprises=80, participations=400, deals=1_000)


def _digest(rows) -> str:
    return hashlib.sha256(repr(sorted(rows)).encode()).hexdigest()[:16]


def test_the_generated_participations_and_deals_are_the_rows_bulk_create_wrote(db):
    data.Programme(SIZE).grow_to(2)
    participations = Participation.objects.values_list(
        "activity__code", "enterprise__tax_code", "booths", "support_vnd"
    )
    deals = Deal.objects.values_list(
        "code", "activity__code", "enterprise__tax_code", "kind", "signed_on", "value",
        "currency", "rate_to_vnd", "rate_date", "rate_is_fallback", "value_vnd", "value_usd",
        "counterpart_country", "product_group",
    )  # fmt: skip
    # Counts, sums and a digest of every row, as bulk_create wrote them on SQLite and
    # PostgreSQL before COPY: any change of a value or of the random draws shows here.
    assert (
        participations.count(),
        deals.count(),
        sum(p[3] for p in participations),
        sum(d[11] for d in deals),
        sum(d[10] for d in deals),
        _digest(participations),
        _digest(deals),
    ) == EXPECTED
