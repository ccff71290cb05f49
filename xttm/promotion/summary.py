"""The result summary: what each record adds to it, deltas applied at write time, rebuild and verify.

Every service that writes a scheme, budget line, participation or deal
computes the record's contribution before and after the write and applies
the difference in the same transaction. `rebuild_summary()` recomputes from
the raw rows; `verify_summary()` lists the keys where the table differs.
"""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, Q, Sum

from xttm.directory.choices import ProvinceSystem
from xttm.directory.models import Province

from .choices import APPROVED_STATES, SchemeStatus
from .models import (
    Activity,
    BudgetLine,
    Deal,
    Participation,
    ResultRollup,
    ResultSummary,
    Scheme,
)

KEY_FIELDS = (
    "year",
    "line",
    "content_type_id",
    "lead_id",
    "province_new_id",
    "province_old_id",
    "country",
    "deal_kind",
)
MEASURES = (
    "schemes",
    "schemes_approved",
    "planned_enterprises",
    "planned_deals",
    "budget_requested",
    "budget_approved",
    "budget_disbursed",
    "budget_settled",
    "participations",
    "support_vnd",
    "deals",
    "value_vnd",
    "value_usd",
)
# Schemes still being written are not proposals yet; they count once submitted.
UNCOUNTED = frozenset({SchemeStatus.DRAFT})


class ProvinceMap:
    """Province id → (id in the new system, id in the old system or None), loaded once."""

    def __init__(self):
        self._map = {}
        rows = Province.objects.values_list("pk", "system", "successor_id")
        predecessors = defaultdict(list)
        for pk, system, successor in rows:
            if system == ProvinceSystem.OLD_63:
                self._map[pk] = (successor, pk)
                predecessors[successor].append(pk)
        for pk, system, _successor in rows:
            if system == ProvinceSystem.NEW_34:
                # A new province that is exactly one old one maps back to it.
                olds = predecessors.get(pk, [])
                self._map[pk] = (pk, olds[0] if len(olds) == 1 else None)

    def __call__(self, province_id):
        if province_id is None:
            return (None, None)
        return self._map.get(province_id, (province_id, None))


def _key(year, scheme, province_id, country, provinces, deal_kind="") -> tuple:
    new, old = provinces(province_id)
    return (
        year,
        scheme["line"],
        scheme["content_type_id"],
        scheme["lead_id"],
        new,
        old,
        country or "",
        deal_kind,
    )


def _scheme_dims(scheme) -> dict:
    if isinstance(scheme, dict):
        return scheme
    return {
        "line": scheme.line,
        "content_type_id": scheme.content_type_id,
        "lead_id": scheme.lead_id,
        "year": scheme.year,
        "status": scheme.status,
        "province_id": scheme.province_id,
        "country": str(scheme.country or ""),
        "support_requested": scheme.support_requested,
        "planned_enterprises": scheme.planned_enterprises,
        "planned_deals": scheme.planned_deals,
    }


def scheme_contribution(scheme, provinces) -> dict:
    s = _scheme_dims(scheme)
    if s["status"] in UNCOUNTED:
        return {}
    country = s["country"]
    key = _key(
        s["year"], s, s["province_id"] if country in ("", "VN") else None, country, provinces
    )
    return {
        key: {
            "schemes": 1,
            "schemes_approved": 1 if s["status"] in APPROVED_STATES else 0,
            "budget_requested": s["support_requested"],
            "planned_enterprises": s["planned_enterprises"],
            "planned_deals": s["planned_deals"],
        }
    }


def budget_contribution(line, scheme, provinces) -> dict:
    s = _scheme_dims(scheme)
    country = s["country"]
    key = _key(
        line["year"], s, s["province_id"] if country in ("", "VN") else None, country, provinces
    )
    return {
        key: {
            "budget_approved": line["approved"],
            "budget_disbursed": line["disbursed"],
            "budget_settled": line["settled"],
        }
    }


def _activity_key(activity, scheme, provinces, deal_kind=""):
    country = activity["country"]
    province = activity["province_id"] if country in ("", "VN") else None
    return _key(
        activity["start_date"].year, _scheme_dims(scheme), province, country, provinces, deal_kind
    )


def participation_contribution(p, activity, scheme, provinces) -> dict:
    return {
        _activity_key(activity, scheme, provinces): {
            "participations": 1,
            "support_vnd": p["support_vnd"],
        }
    }


def deal_contribution(d, activity, scheme, provinces) -> dict:
    return {
        _activity_key(activity, scheme, provinces, d["kind"]): {
            "deals": 1,
            "value_vnd": d["value_vnd"],
            "value_usd": d["value_usd"],
        }
    }


def activity_dims(activity) -> dict:
    return {
        "start_date": activity.start_date,
        "country": str(activity.country or ""),
        "province_id": activity.province_id,
    }


def contribution_of(obj, provinces=None) -> dict:
    """What one stored record adds to the summary (read from the object as it is now)."""
    provinces = provinces or ProvinceMap()
    if isinstance(obj, Scheme):
        return scheme_contribution(obj, provinces)
    if isinstance(obj, BudgetLine):
        line = {
            "year": obj.year,
            "approved": obj.approved,
            "disbursed": obj.disbursed,
            "settled": obj.settled,
        }
        return budget_contribution(line, obj.scheme, provinces)
    if isinstance(obj, Participation):
        activity = obj.activity
        return participation_contribution(
            {"support_vnd": obj.support_vnd}, activity_dims(activity), activity.scheme, provinces
        )
    if isinstance(obj, Deal):
        activity = obj.activity
        return deal_contribution(
            {"kind": obj.kind, "value_vnd": obj.value_vnd, "value_usd": obj.value_usd},
            activity_dims(activity),
            activity.scheme,
            provinces,
        )
    raise TypeError(obj)


def _add(total: dict, part: dict, sign: int = 1) -> None:
    for key, measures in part.items():
        row = total.setdefault(key, {})
        for name, value in measures.items():
            row[name] = row.get(name, 0) + sign * value


def difference(after: dict, before: dict) -> dict:
    total: dict = {}
    _add(total, after)
    _add(total, before, -1)
    return {k: v for k, v in total.items() if any(v.values())}


def apply_delta(delta: dict) -> None:
    """Add the delta to the summary rows and their rollup, creating the rows of a new key."""
    for key, measures in delta.items():
        measures = {k: v for k, v in measures.items() if v}
        if not measures:
            continue
        lookup = dict(zip(KEY_FIELDS, key, strict=True))
        change = {name: F(name) + value for name, value in measures.items()}
        updated = ResultSummary.objects.filter(**lookup).update(**change)
        if not updated:
            ResultSummary.objects.create(**lookup, **measures)
        _apply_rollup(key, measures, change)


# --- The rollup: the summary summed over every column but the year and one other ----------

# Every summary column the rollup keeps one dimension of (the year is on every row too).
ROLLUP_DIMENSIONS = KEY_FIELDS


def rollup_value(value) -> str | None:
    """A summary column's value as the rollup stores it (text; NULL stays NULL)."""
    return None if value is None else str(value)


def rollup_keys(key: tuple) -> list[tuple]:
    """The rollup rows one summary key adds to: (year, dimension, value) for each dimension."""
    year = key[0]
    return [
        (year, dim, rollup_value(value)) for dim, value in zip(ROLLUP_DIMENSIONS, key, strict=True)
    ]


def _apply_rollup(key: tuple, measures: dict, change: dict) -> None:
    # One UPDATE for the key's eight rollup rows; only a new value needs the INSERTs.
    keys = rollup_keys(key)
    year = key[0]
    which = Q()
    for _year, dim, value in keys:
        which |= (
            Q(dimension=dim, value=value)
            if value is not None
            else Q(dimension=dim, value__isnull=True)
        )
    rows = ResultRollup.objects.filter(which, year=year)
    if rows.update(**change) >= len(keys):
        return
    present = set(rows.values_list("dimension", "value"))
    ResultRollup.objects.bulk_create(
        ResultRollup(year=year, dimension=dim, value=value, **measures)
        for _year, dim, value in keys
        if (dim, value) not in present
    )


def rollup_of(summary: dict) -> dict:
    """{(year, dimension, value): measures} summed from {summary key: measures}."""
    total: dict = {}
    for key, measures in summary.items():
        for rollup_key in rollup_keys(key):
            row = total.setdefault(rollup_key, {})
            for name, value in measures.items():
                row[name] = row.get(name, 0) + value
    return total


def stored_rollup() -> dict:
    """The rollup table as stored, summed per (year, dimension, value)."""
    rows = ResultRollup.objects.values("year", "dimension", "value").annotate(
        **{f"m_{name}": Sum(name) for name in MEASURES}
    )
    return {
        (r["year"], r["dimension"], r["value"]): {name: r[f"m_{name}"] for name in MEASURES}
        for r in rows
    }


class tracked:
    """`with tracked(obj): change obj` applies the change's effect on the summary.

    For a new record pass None before and call `.set(obj)` once it exists; for
    a deleted record the after-state is empty.
    """

    def __init__(self, *objs):
        self.provinces = ProvinceMap()
        self.before: dict = {}
        self.objs = [o for o in objs if o is not None]
        for obj in self.objs:
            _add(self.before, contribution_of(obj, self.provinces))
        self.deleted: set = set()

    def add(self, obj):
        self.objs.append(obj)

    def delete(self, obj):
        self.deleted.add(id(obj))

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            return False
        after: dict = {}
        for obj in self.objs:
            if id(obj) not in self.deleted:
                _add(after, contribution_of(obj, self.provinces))
        apply_delta(difference(after, self.before))
        return False


# --- Full recomputation ----------------------------------------------------------------


def compute_summary() -> dict:
    """The summary computed from the raw rows, in memory: {key: {measure: value}}."""
    provinces = ProvinceMap()
    total: dict = {}
    schemes = {}
    for row in Scheme.objects.values(
        "pk",
        "line",
        "content_type_id",
        "lead_id",
        "year",
        "status",
        "province_id",
        "country",
        "support_requested",
        "planned_enterprises",
        "planned_deals",
    ).iterator():
        row["country"] = row["country"] or ""
        schemes[row["pk"]] = row
        _add(total, scheme_contribution(row, provinces))
    for line in BudgetLine.objects.values("scheme_id", "year", "approved", "disbursed", "settled"):
        _add(total, budget_contribution(line, schemes[line["scheme_id"]], provinces))
    activities = {
        a["pk"]: a
        for a in Activity.objects.values("pk", "scheme_id", "start_date", "country", "province_id")
    }
    for a in activities.values():
        a["country"] = a["country"] or ""
    # Participations and deals are many: sum them per activity in the database first.
    for row in Participation.objects.values("activity_id").annotate(
        n=Count("pk"), s=Sum("support_vnd")
    ):
        a = activities[row["activity_id"]]
        part = participation_contribution(
            {"support_vnd": row["s"] or 0}, a, schemes[a["scheme_id"]], provinces
        )
        for measures in part.values():
            measures["participations"] = row["n"]
        _add(total, part)
    for row in Deal.objects.values("activity_id", "kind").annotate(
        n=Count("pk"), vnd=Sum("value_vnd"), usd=Sum("value_usd")
    ):
        a = activities[row["activity_id"]]
        part = deal_contribution(
            {"kind": row["kind"], "value_vnd": row["vnd"] or 0, "value_usd": row["usd"] or 0},
            a,
            schemes[a["scheme_id"]],
            provinces,
        )
        for measures in part.values():
            measures["deals"] = row["n"]
        _add(total, part)
    return {k: v for k, v in total.items() if any(v.values())}


def stored_summary() -> dict:
    """The summary table as stored, summed per key (duplicate rows of one key add up)."""
    total: dict = {}
    rows = ResultSummary.objects.values(*KEY_FIELDS).annotate(
        **{f"m_{name}": Sum(name) for name in MEASURES}
    )
    for row in rows:
        key = tuple(row[f] for f in KEY_FIELDS)
        _add(total, {key: {name: row[f"m_{name}"] for name in MEASURES}})
    return {k: v for k, v in total.items() if any(v.values())}


def _normal(measures: dict) -> dict:
    return {name: Decimal(measures.get(name, 0) or 0) for name in MEASURES}


def verify_summary() -> list[dict]:
    """Keys where the stored summary or its rollup differs from a recomputation; empty when all agree.

    A rollup row's key reads {"year": …, dimension: value}.
    """
    expected = compute_summary()
    differences = _differences(
        expected, stored_summary(), lambda key: dict(zip(KEY_FIELDS, key, strict=True))
    )
    differences += _differences(
        rollup_of(expected),
        stored_rollup(),
        lambda key: {"year": key[0], key[1]: key[2]},
    )
    return differences


def _differences(expected: dict, stored: dict, describe) -> list[dict]:
    differences = []
    for key in sorted(set(expected) | set(stored), key=repr):
        want, have = _normal(expected.get(key, {})), _normal(stored.get(key, {}))
        if want != have:
            differences.append(
                {
                    "key": describe(key),
                    "expected": {k: str(v) for k, v in want.items() if v != have[k]},
                    "stored": {k: str(v) for k, v in have.items() if v != want[k]},
                }
            )
    return differences


@transaction.atomic
def rebuild_summary() -> int:
    """Replace the summary with a full recomputation; returns the number of rows written."""
    computed = compute_summary()
    ResultSummary.objects.all().delete()
    rows = [
        ResultSummary(**dict(zip(KEY_FIELDS, key, strict=True)), **measures)
        for key, measures in computed.items()
    ]
    ResultSummary.objects.bulk_create(rows, batch_size=1000)
    ResultRollup.objects.all().delete()
    ResultRollup.objects.bulk_create(
        (
            ResultRollup(year=year, dimension=dim, value=value, **measures)
            for (year, dim, value), measures in rollup_of(computed).items()
        ),
        batch_size=1000,
    )
    return len(rows)
