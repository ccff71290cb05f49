"""Load the 63 old and 34 new provinces, with the old → new mapping, from vietnamadminunits.

The package (MIT licence) ships both maps, their centroids and the 2025 merger
as a dictionary keyed by folded names; this module turns them into Province
rows. It never keys on the numeric code alone: the new codes reuse old ones.
"""

import datetime
import json
import sqlite3
from dataclasses import dataclass
from importlib import resources

from .choices import ProvinceKind, ProvinceSystem

MERGER_DAY = datetime.date(2025, 7, 1)


@dataclass(frozen=True)
class PlaceRow:
    system: str
    key: str
    code: str
    name: str
    full_name: str
    kind: str
    latitude: float
    longitude: float


def _dataset_path():
    return resources.files("vietnamadminunits") / "data"


def _rows(table: str, system: str) -> list[PlaceRow]:
    with resources.as_file(_dataset_path() / "dataset.db") as db_path:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            rows = conn.execute(
                f"SELECT DISTINCT provinceKey, provinceCode, provinceShort, province, "  # noqa: S608
                f"provinceLat, provinceLon FROM {table} ORDER BY provinceCode"
            ).fetchall()
        finally:
            conn.close()
    return [
        PlaceRow(
            system=system,
            key=key,
            code=code,
            name=short,
            full_name=full,
            kind=ProvinceKind.CITY if full.startswith("Thành phố") else ProvinceKind.PROVINCE,
            latitude=lat,
            longitude=lon,
        )
        for key, code, short, full, lat, lon in rows
    ]


def old_provinces() -> list[PlaceRow]:
    return _rows("admin_units_legacy", ProvinceSystem.OLD_63)


def new_provinces() -> list[PlaceRow]:
    return _rows("admin_units", ProvinceSystem.NEW_34)


def merger() -> dict[str, str]:
    """Old province key → new province key (every old province went whole into one new one)."""
    with (_dataset_path() / "converter_2025.json").open(encoding="utf-8") as fh:
        new_to_old = json.load(fh)["DICT_PROVINCE"]
    return {old: new for new, olds in new_to_old.items() for old in olds}


def load_provinces(Province) -> tuple[int, int]:
    """Create or update both maps; safe to run again. Returns (new count, old count).

    Takes the model as an argument so a data migration can pass its historical model.
    """
    by_key = {}
    for row in new_provinces():
        obj, _ = Province.objects.update_or_create(
            system=row.system,
            code=row.code,
            defaults=_defaults(row, valid_from=MERGER_DAY, valid_to=None),
        )
        by_key[row.key] = obj
    mapping = merger()
    old = old_provinces()
    for row in old:
        Province.objects.update_or_create(
            system=row.system,
            code=row.code,
            defaults=_defaults(
                row,
                valid_from=None,
                valid_to=MERGER_DAY - datetime.timedelta(days=1),
                successor=by_key[mapping[row.key]],
            ),
        )
    return len(by_key), len(old)


def _defaults(row: PlaceRow, **extra) -> dict:
    from xttm.core.text import fold

    return {
        "name": row.name,
        "full_name": row.full_name,
        "kind": row.kind,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "search_text": fold(f"{row.name} {row.full_name} {row.code}"),
        **extra,
    }
