"""The eligibility file (eligibility-io.md): strict parsing of facts, and the report as JSON.

Every problem is reported with the JSON path of the first offending value
(`people[0].ratings.2024`), in the order the file is written, so a typo can be
found and fixed; unknown keys are errors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from .explain import msg, render
from .facts import (
    AWARD_CODES,
    AWARD_KINDS,
    DISCIPLINE_LEVELS,
    GENDERS,
    INITIATIVE_KINDS,
    LEAVE_KINDS,
    PERSON_CODES,
    PERSON_TITLES,
    RATINGS,
    SCOPES,
    UNIT_CODES,
    UNIT_TITLES,
    Award,
    Discipline,
    Facts,
    Initiative,
    Leave,
    Person,
    Title,
    Unit,
)
from .report import VERDICTS, Report

MIN_YEAR, MAX_YEAR = 1900, 2200
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_KEY = re.compile(r"\d{4}")


class FactsError(ValueError):
    """A facts file that is not valid: `path` is the JSON path of the first problem."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class _Object(dict):
    """A JSON object that remembers keys written twice (json keeps only the last)."""

    duplicates: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    duplicates = []
    for key, value in pairs:
        if key in obj:
            duplicates.append(key)
        obj[key] = value
    obj.duplicates = tuple(duplicates)
    return obj


def read_facts(path: str | Path, *, lang: str = "vi") -> Facts:
    """Read and validate a facts file (UTF-8, a BOM tolerated)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise FactsError(str(path), render(msg("io.cannot_read", error=error), lang)) from error
    return loads_facts(text, lang=lang)


def loads_facts(text: str, *, lang: str = "vi") -> Facts:
    """Parse and validate the JSON text of a facts file."""
    try:
        data = json.loads(text, object_pairs_hook=_object_pairs)
    except json.JSONDecodeError as error:
        raise FactsError(
            "$",
            render(
                msg("io.bad_json", error=error.msg, line=error.lineno, column=error.colno), lang
            ),
        ) from error
    return parse_facts(data, lang=lang)


def parse_facts(data: Any, *, lang: str = "vi") -> Facts:
    """Validate decoded JSON against the facts format and build the dataclasses."""
    return _Reader(lang).facts(data)


def validate_facts(facts: Facts, *, lang: str = "vi") -> None:
    """Check facts built elsewhere (the database loader) against the same rules as a file."""
    parse_facts(json.loads(dumps(facts_to_dict(facts)), object_pairs_hook=_object_pairs), lang=lang)


def _child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not re.fullmatch(r"[\w\-]+", key):
        # A key with spaces, dots or control characters is shown quoted, so the path stays readable.
        return f"{'' if path == '$' else path}[{json.dumps(key, ensure_ascii=False)}]"
    return key if path == "$" else f"{path}.{key}"


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class _Reader:
    """Walks the decoded JSON, raising FactsError at the first problem."""

    def __init__(self, lang: str):
        self.lang = lang

    def fail(self, path: str, key: str, **params: Any):
        raise FactsError(path, render(msg(key, **params), self.lang))

    # Scalars ---------------------------------------------------------------

    def integer(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "io.not_int", value=_shown(value))
        return value

    def year(self, value: Any, path: str) -> int:
        value = self.integer(value, path)
        if not MIN_YEAR <= value <= MAX_YEAR:
            self.fail(path, "io.bad_year", value=_shown(value))
        return value

    def string(self, value: Any, path: str, *, empty: bool = False) -> str:
        if not isinstance(value, str):
            self.fail(path, "io.not_string", value=_shown(value))
        if not empty and not value.strip():
            self.fail(path, "io.empty")
        return value

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            self.fail(path, "io.not_bool", value=_shown(value))
        return value

    def day(self, value: Any, path: str) -> date:
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(path, "io.bad_date", value=_shown(value))

    def choice(self, value: Any, path: str, choices: tuple[str, ...], what: str) -> str:
        if not isinstance(value, str) or value not in choices:
            self.fail(
                path,
                "io.bad_choice",
                value=_shown(value),
                what=render(msg(f"what.{what}"), self.lang),
                choices=", ".join(choices),
            )
        return value

    def optional(self, read: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
        return lambda value, path: None if value is None else read(value, path)

    # Containers --------------------------------------------------------------

    def fields(
        self,
        value: Any,
        path: str,
        readers: Mapping[str, Callable[[Any, str], Any]],
        required: tuple[str, ...] = (),
    ) -> dict[str, Any]:
        """Read an object's keys in file order with `readers`; unknown and missing keys fail."""
        if not isinstance(value, dict):
            self.fail(path, "io.not_object")
        for key in getattr(value, "duplicates", ()):
            self.fail(_child(path, key), "io.duplicate_key")
        read: dict[str, Any] = {}
        for key, item in value.items():
            if key not in readers:
                self.fail(_child(path, key), "io.unknown_key", allowed=", ".join(readers))
            read[key] = readers[key](item, _child(path, key))
        for key in required:
            if key not in value:
                self.fail(_child(path, key), "io.missing_key")
        return read

    def items(self, value: Any, path: str, read: Callable[[Any, str], Any]) -> list[Any]:
        if not isinstance(value, list):
            self.fail(path, "io.not_list")
        return [read(item, _child(path, index)) for index, item in enumerate(value)]

    def by_year(self, value: Any, path: str, read: Callable[[Any, str], Any]) -> dict[int, Any]:
        if not isinstance(value, dict):
            self.fail(path, "io.not_object")
        for key in getattr(value, "duplicates", ()):
            self.fail(_child(path, key), "io.duplicate_key")
        result = {}
        for key, item in value.items():
            if (
                not isinstance(key, str)
                or not _YEAR_KEY.fullmatch(key)
                or not MIN_YEAR <= int(key) <= MAX_YEAR
            ):
                self.fail(_child(path, key), "io.bad_year", value=_shown(key))
            result[int(key)] = read(item, _child(path, key))
        return result

    # The format ----------------------------------------------------------------

    def facts(self, data: Any) -> Facts:
        read = self.fields(
            data,
            "$",
            {
                "year": self.year,
                "people": lambda v, p: self.items(v, p, self.person),
                "units": lambda v, p: self.items(v, p, self.unit),
            },
        )
        people, units = read.get("people", []), read.get("units", [])
        self.unique([person.id for person in people], "people", "id")
        self.unique([unit.id for unit in units], "units", "id")
        return Facts(people=tuple(people), units=tuple(units), year=read.get("year"))

    def unique(self, ids: list[str], path: str, key: str) -> None:
        first: dict[str, int] = {}
        for index, value in enumerate(ids):
            if value in first:
                self.fail(
                    _child(_child(path, index), key),
                    "io.duplicate_id",
                    value=_shown(value),
                    other=_child(_child(path, first[value]), key),
                )
            first[value] = index

    def uses(self, value: Any, path: str) -> tuple[str, ...]:
        return tuple(self.items(value, path, self.string))

    def title(self, codes: tuple[str, ...], what: str, *, uses: bool):
        def read(value: Any, path: str) -> Title:
            readers = {
                "code": lambda v, p: self.choice(v, p, codes, what),
                "year": self.year,
            }
            if uses:
                readers["uses"] = self.uses
            got = self.fields(value, path, readers, ("code", "year"))
            return Title(got["code"], got["year"], got.get("uses", ()))

        return read

    def award(self, value: Any, path: str) -> Award:
        got = self.fields(
            value,
            path,
            {
                "code": lambda v, p: self.choice(v, p, AWARD_CODES, "award"),
                "year": self.year,
                "kind": lambda v, p: self.choice(v, p, AWARD_KINDS, "award_kind"),
                "uses": self.uses,
            },
            ("code", "year", "kind"),
        )
        return Award(got["code"], got["year"], got["kind"], got.get("uses", ()))

    def initiative(self, value: Any, path: str) -> Initiative:
        got = self.fields(
            value,
            path,
            {
                "id": self.string,
                "year": self.year,
                "scope": lambda v, p: self.choice(v, p, SCOPES, "scope"),
                "kind": lambda v, p: self.choice(v, p, INITIATIVE_KINDS, "initiative_kind"),
            },
            ("id", "year", "scope"),
        )
        return Initiative(got["id"], got["year"], got["scope"], got.get("kind", "initiative"))

    def period(self, value: Any, path: str, kinds: tuple[str, ...], what: str, key: str):
        got = self.fields(
            value,
            path,
            {
                key: lambda v, p: self.choice(v, p, kinds, what),
                "from": self.day,
                "to": self.optional(self.day) if key == "level" else self.day,
            },
            (key, "from") if key == "level" else (key, "from", "to"),
        )
        start, end = got["from"], got.get("to")
        if end is not None and end < start:
            self.fail(
                _child(path, "to"),
                "io.date_order",
                end=end.isoformat(),
                start=start.isoformat(),
            )
        return got[key], start, end

    def discipline(self, value: Any, path: str) -> Discipline:
        return Discipline(*self.period(value, path, DISCIPLINE_LEVELS, "level", "level"))

    def leave(self, value: Any, path: str) -> Leave:
        return Leave(*self.period(value, path, LEAVE_KINDS, "leave_kind", "kind"))

    def person(self, value: Any, path: str) -> Person:
        rating = lambda v, p: self.choice(v, p, RATINGS, "rating")  # noqa: E731
        got = self.fields(
            value,
            path,
            {
                "id": self.string,
                "name": lambda v, p: self.string(v, p, empty=True),
                "gender": self.optional(lambda v, p: self.choice(v, p, GENDERS, "gender")),
                "unit": self.optional(self.string),
                "recruited_on": self.optional(self.day),
                "ratings": lambda v, p: self.by_year(v, p, rating),
                "titles": lambda v, p: self.items(
                    v, p, self.title(PERSON_TITLES, "person_title", uses=True)
                ),
                "awards": lambda v, p: self.items(v, p, self.award),
                "initiatives": lambda v, p: self.items(v, p, self.initiative),
                "discipline": lambda v, p: self.items(v, p, self.discipline),
                "leave": lambda v, p: self.items(v, p, self.leave),
                "under_review": self.boolean,
            },
            ("id",),
        )
        # `uses` may name initiatives the file does not list (older ones left
        # out of an export, like "I7" in the documented example).
        initiatives = got.get("initiatives", [])
        self.unique([i.id for i in initiatives], _child(path, "initiatives"), "id")
        return Person(
            id=got["id"],
            name=got.get("name", ""),
            gender=got.get("gender"),
            unit=got.get("unit"),
            recruited_on=got.get("recruited_on"),
            ratings=got.get("ratings", {}),
            titles=tuple(got.get("titles", ())),
            awards=tuple(got.get("awards", ())),
            initiatives=tuple(initiatives),
            discipline=tuple(got.get("discipline", ())),
            leave=tuple(got.get("leave", ())),
            under_review=got.get("under_review", False),
        )

    def unit(self, value: Any, path: str) -> Unit:
        got = self.fields(
            value,
            path,
            {
                "id": self.string,
                "name": lambda v, p: self.string(v, p, empty=True),
                "ratings": lambda v, p: self.by_year(
                    v, p, lambda r, q: self.choice(r, q, RATINGS, "rating")
                ),
                "titles": lambda v, p: self.items(
                    v, p, self.title(UNIT_TITLES, "unit_title", uses=False)
                ),
                "leads_cluster": lambda v, p: self.by_year(v, p, self.boolean),
            },
            ("id",),
        )
        return Unit(
            id=got["id"],
            name=got.get("name", ""),
            ratings=got.get("ratings", {}),
            titles=tuple(got.get("titles", ())),
            leads_cluster=got.get("leads_cluster", {}),
        )


# Writing -------------------------------------------------------------------------


def _record(record: Title | Award) -> dict[str, Any]:
    out: dict[str, Any] = {"code": record.code, "year": record.year}
    if isinstance(record, Award):
        out["kind"] = record.kind
    if record.uses:
        out["uses"] = list(record.uses)
    return out


def facts_to_dict(facts: Facts) -> dict[str, Any]:
    """Facts in the file format: what "export facts" downloads and `xttm eligibility` reads."""
    out: dict[str, Any] = {}
    if facts.year is not None:
        out["year"] = facts.year
    out["people"] = [
        {
            "id": person.id,
            "name": person.name,
            "gender": person.gender,
            "unit": person.unit,
            "recruited_on": person.recruited_on.isoformat() if person.recruited_on else None,
            "ratings": {str(year): rating for year, rating in person.ratings.items()},
            "titles": [_record(title) for title in person.titles],
            "awards": [_record(award) for award in person.awards],
            "initiatives": [
                {"id": i.id, "year": i.year, "scope": i.scope, "kind": i.kind}
                for i in person.initiatives
            ],
            "discipline": [
                {
                    "level": d.level,
                    "from": d.start.isoformat(),
                    "to": d.end.isoformat() if d.end else None,
                }
                for d in person.discipline
            ],
            "leave": [
                {"kind": leave.kind, "from": leave.start.isoformat(), "to": leave.end.isoformat()}
                for leave in person.leave
            ],
            "under_review": person.under_review,
        }
        for person in facts.people
    ]
    out["units"] = [
        {
            "id": unit.id,
            "name": unit.name,
            "ratings": {str(year): rating for year, rating in unit.ratings.items()},
            "titles": [_record(title) for title in unit.titles],
            "leads_cluster": {str(year): leads for year, leads in unit.leads_cluster.items()},
        }
        for unit in facts.units
    ]
    return out


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report in the output format of eligibility-io.md."""
    return {
        "year": report.year,
        "regime": report.regime,
        "results": [
            {
                "subject": result.subject,
                "code": result.code,
                "verdict": result.verdict,
                "conditions": [
                    {"rule": c.rule, "met": c.met, "evidence": list(c.evidence)}
                    for c in result.conditions
                ],
                "missing": list(result.missing),
                "uses": list(result.uses),
            }
            for result in report.results
        ],
    }


def dumps(document: Mapping[str, Any]) -> str:
    """JSON as the command prints it: UTF-8 text (Vietnamese stays readable), indented."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def validate_report_dict(document: Any) -> None:
    """Check a report document against the output format; ValueError names the path.

    Beyond shapes it checks what the format promises: an eligible result has
    every condition met and nothing missing, a refused one says what is
    missing, only eligible results use initiatives, results come grouped by
    subject in the documented code order, people before units.
    """

    def expect(ok: bool, path: str, problem: str) -> None:
        if not ok:
            raise ValueError(f"{path}: {problem}")

    expect(isinstance(document, dict), "$", "not an object")
    expect(set(document) == {"year", "regime", "results"}, "$", f"keys {sorted(document)}")
    year = document["year"]
    expect(isinstance(year, int) and not isinstance(year, bool), "year", "not an integer")
    expect(isinstance(document["regime"], str) and document["regime"], "regime", "not a name")
    results = document["results"]
    expect(isinstance(results, list), "results", "not a list")
    keys = {"subject", "code", "verdict", "conditions", "missing", "uses"}
    for index, result in enumerate(results):
        at = f"results[{index}]"
        expect(isinstance(result, dict) and set(result) == keys, at, "wrong keys")
        expect(isinstance(result["subject"], str) and result["subject"], f"{at}.subject", "empty")
        expect(result["code"] in (*PERSON_CODES, *UNIT_CODES), f"{at}.code", "unknown code")
        expect(result["verdict"] in VERDICTS, f"{at}.verdict", "unknown verdict")
        expect(isinstance(result["conditions"], list), f"{at}.conditions", "not a list")
        for number, condition in enumerate(result["conditions"]):
            where = f"{at}.conditions[{number}]"
            expect(
                isinstance(condition, dict) and set(condition) == {"rule", "met", "evidence"},
                where,
                "wrong keys",
            )
            expect(isinstance(condition["rule"], str) and condition["rule"], where, "no rule text")
            expect(isinstance(condition["met"], bool), f"{where}.met", "not a boolean")
            expect(isinstance(condition["evidence"], list), f"{where}.evidence", "not a list")
            for item in condition["evidence"]:
                expect(
                    isinstance(item, str) or (isinstance(item, int) and not isinstance(item, bool)),
                    f"{where}.evidence",
                    f"{item!r} is neither a year nor a string",
                )
        for field in ("missing", "uses"):
            value = result[field]
            expect(
                isinstance(value, list) and all(isinstance(i, str) and i for i in value),
                f"{at}.{field}",
                "not a list of strings",
            )
        expect(len(set(result["uses"])) == len(result["uses"]), f"{at}.uses", "repeats an id")
        all_met = all(condition["met"] for condition in result["conditions"])
        if result["verdict"] == "eligible":
            expect(all_met and not result["missing"], at, "eligible but something is not met")
        else:
            expect(not result["uses"], f"{at}.uses", "only eligible results use initiatives")
        if result["verdict"] in ("not_eligible", "on_hold"):
            expect(not all_met and bool(result["missing"]), at, "refused without a reason")
    # Grouping and order: blocks of one subject with exactly the documented codes.
    index, seen_unit = 0, False
    while index < len(results):
        subject = results[index]["subject"]
        codes = PERSON_CODES if results[index]["code"] == PERSON_CODES[0] else UNIT_CODES
        block = [r["code"] for r in results[index : index + len(codes)]]
        expect(block == list(codes), f"results[{index}]", f"codes {block} out of order")
        expect(
            all(r["subject"] == subject for r in results[index : index + len(codes)]),
            f"results[{index}]",
            "a subject's results are not together",
        )
        expect(not (seen_unit and codes is PERSON_CODES), f"results[{index}]", "person after unit")
        seen_unit = seen_unit or codes is UNIT_CODES
        index += len(codes)
