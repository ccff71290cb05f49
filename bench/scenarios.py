"""The scenarios: each times XTTM and its reference in the same run and returns table rows."""

import csv
import datetime
import gc
import io
import os
import tempfile
from dataclasses import dataclass
from unittest import mock

from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from . import data
from .data import ProgrammeSize
from .measure import Result, median_time, once, peak_memory, query_count, ratio_result


@dataclass(frozen=True)
class Scale:
    programme: ProgrammeSize
    import_rows: int
    people: int
    candidates: int
    recipients: int
    reps: int  # repetitions of cheap measurements (median)
    heavy_reps: int  # of expensive ones (imports, raw-row aggregation)


SCALES = {
    "small": Scale(ProgrammeSize(3, 500, 2_000, 5_000), 100, 500, 100, 50, 3, 1),
    "medium": Scale(ProgrammeSize(10, 10_000, 200_000, 500_000), 10_000, 10_000, 1_000, 500, 5, 1),
    "national": Scale(
        ProgrammeSize(20, 50_000, 2_000_000, 5_000_000), 100_000, 100_000, 5_000, 500, 5, 1
    ),
}
STAGES = (1, 2, 4)  # chunks of four: a quarter, a half, all of the programme data


class Rollback(Exception):
    pass


def rolled_back(fn):
    """Run fn in a transaction that is always rolled back, so it can be repeated."""

    def run():
        try:
            with transaction.atomic():
                fn()
                raise Rollback
        except Rollback:
            pass

    return run


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _get(client, url):
    def fn():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        return response

    return fn


def _log(text):
    print(f"  {datetime.datetime.now():%H:%M:%S} {text}", flush=True)


class Results(list):
    """The rows so far; each scenario's rows are printed as it ends, so a long run is never lost."""

    def __iadd__(self, rows):
        from .measure import table

        print(table(list(rows)), flush=True)
        return super().__iadd__(rows)


def run(scale_name: str, only, profile_dir=None) -> list[Result]:
    scale = SCALES[scale_name]
    users = data.users()
    results: list[Result] = Results()
    profiles = []

    def done(rows):
        # Profiled (when asked) and forgotten at once: a profile callable keeps its
        # scenario's data alive (100,000 people's facts), and a heap that size left
        # behind slows the next scenario's garbage collections.
        if profile_dir:
            _profile_missed(rows, profiles, profile_dir)
        profiles.clear()
        gc.collect()
        return rows

    if "dashboard" in only or "lists" in only:
        results += done(programme_scenarios(scale, users, only, profiles))
    if "import" in only:
        results += done(import_scenario(scale, profiles))
    if "eligibility" in only or "round" in only:
        units = data.agency(scale.people)
        data.analyze()
        if "eligibility" in only:
            results += done(eligibility_scenario(scale, units, profiles))
        if "round" in only:
            results += done(round_scenario(scale, users, units, profiles))
    if "decision" in only:
        results += done(decision_scenario(scale, profiles))
    return results


def _profile_missed(results, profiles, directory):
    from pyinstrument import Profiler

    os.makedirs(directory, exist_ok=True)
    for name, fn in profiles:
        if not any(r.scenario == name and r.passed is False for r in results):
            continue
        profiler = Profiler()
        profiler.start()
        fn()
        profiler.stop()
        path = os.path.join(directory, name.replace(" ", "_").replace("/", "-") + ".html")
        with open(path, "w") as f:
            f.write(profiler.output_html())
        with open(path[:-5] + ".txt", "w") as f:
            f.write(profiler.output_text(unicode=True, show_all=False))
        _log(f"profile of {name}: {path}")


# --- The programme: dashboard and list pages, at three sizes ---------------------------------


def programme_scenarios(scale, users, only, profiles) -> list[Result]:
    from xttm.promotion.summary import rebuild_summary

    programme = data.Programme(scale.programme)
    first_year = data.LAST_YEAR - scale.programme.years + 1
    leader = _client(users["leadership"])
    results, dash_times, list_times, list_queries = [], {}, {}, {}
    for chunks in STAGES:
        _log(f"programme data: {chunks}/4 of {scale.programme}")
        programme.grow_to(chunks)
        rebuild_summary()
        data.analyze()
        last = chunks == STAGES[-1]
        if "dashboard" in only:
            rows, t = dashboard(scale, leader, first_year, last, profiles)
            dash_times[chunks] = t
            if last:
                results += rows
        if "lists" in only:
            rows, times, queries = lists(scale, users, last, profiles)
            list_times[chunks], list_queries[chunks] = times, queries
            if last:
                results += rows
    if dash_times:
        results.append(_growth("growth: dashboard", dash_times))
    for name in list_times.get(4, {}):
        results.append(_growth(f"growth: list {name}", {k: v[name] for k, v in list_times.items()}))
    if list_queries:
        counts = sorted({n for stage in list_queries.values() for n in stage.values()})
        by_list = {}
        for stage in list_queries.values():
            for name, n in stage.items():
                by_list.setdefault(name.split(" ")[0], set()).add(n)
        constant = all(len(v) == 1 for v in by_list.values())
        note = ", ".join(f"{k}: {'/'.join(map(str, sorted(v)))}" for k, v in by_list.items())
        results.append(
            Result(
                "lists: query count, all pages and sizes",
                None,
                None,
                "constant per list",
                constant,
                note=note or str(counts),
            )
        )
    return results


def _growth(name, times: dict) -> Result:
    small, big = times[STAGES[0]], times[STAGES[-1]]
    mid = times[STAGES[1]]
    return ratio_result(
        f"{name} (data ×4)",
        big,
        small,
        4.4,
        "≤ 4.4 (linear)",
        note=f"¼ {small * 1000:.1f} ms, ½ {mid * 1000:.1f} ms, 1 {big * 1000:.1f} ms",
    )


def _raw_rows_csv(path):
    """Every deal and participation with the dashboard's dimensions, written for DuckDB."""
    from xttm.promotion.models import Deal, Participation

    dims = (
        "activity__start_date",
        "activity__scheme__line",
        "activity__scheme__content_type_id",
        "activity__scheme__lead_id",
        "activity__province_id",
        "activity__country",
    )
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["d", "line", "content", "lead", "province", "country", "kind"] + ["deals"])
        for row in (
            Deal.objects.order_by()
            .values_list(*dims, "kind", "value_vnd", "value_usd")
            .iterator(chunk_size=50_000)
        ):
            out.writerow([*row[:7], 1, 0, row[7], row[8], 0])
        for row in (
            Participation.objects.order_by()
            .values_list(*dims, "support_vnd")
            .iterator(chunk_size=50_000)
        ):
            out.writerow([*row[:6], "", 0, 1, 0, 0, row[6]])


DUCKDB_QUERY = """
SELECT year(d) AS year, line, content, lead, province, country, kind,
       SUM(deals), SUM(participations), SUM(value_vnd), SUM(value_usd), SUM(support_vnd)
FROM facts
GROUP BY GROUPING SETS ((year(d)), (line), (content), (lead), (province), (country), (kind), ())
"""


def dashboard(scale, client, first_year, last, profiles):
    import duckdb

    from xttm.promotion.summary import compute_summary

    url = reverse("reports:programme") + f"?year_from={first_year}&year_to={data.LAST_YEAR}"
    request = _get(client, url)
    t_xttm = median_time(request, scale.reps)
    with tempfile.TemporaryDirectory(prefix="xttm-bench-duckdb-") as tmp:
        path = os.path.join(tmp, "facts.csv")
        _raw_rows_csv(path)
        db = duckdb.connect()
        db.execute(
            "CREATE TABLE facts (d DATE, line VARCHAR, content INTEGER, lead INTEGER, "
            "province INTEGER, country VARCHAR, kind VARCHAR, deals INTEGER, "
            "participations INTEGER, value_vnd DECIMAL(22,0), value_usd DECIMAL(20,2), "
            "support_vnd DECIMAL(18,0))"
        )
        db.execute("INSERT INTO facts SELECT * FROM read_csv(?, header=true)", [path])
        n_rows = db.execute("SELECT count(*) FROM facts").fetchone()[0]
        t_duck = median_time(lambda: db.execute(DUCKDB_QUERY).fetchall(), scale.reps)
        db.close()
    if not last:
        return [], t_xttm
    t_orm = median_time(compute_summary, scale.heavy_reps, warm=False)
    peak = peak_memory(request)
    queries = query_count(request)
    name = "dashboard vs DuckDB"
    profiles.append((name, request))
    return [
        ratio_result(
            name,
            t_xttm,
            t_duck,
            1.0,
            "< 1 (faster than DuckDB)",
            peak,
            f"{n_rows:,} raw rows in DuckDB; {queries} queries",
        ),
        ratio_result(
            "dashboard vs ORM over raw rows",
            t_xttm,
            t_orm,
            0.05,
            "≤ 0.05 (≥ 20× faster)",
            peak,
            "reference: summary.compute_summary()",
        ),
    ], t_xttm


LISTS = {
    # name: (URL name, filter and search, reference model)
    "enterprises": ("directory:enterprise-list", "q=ca+phe&size=small", "enterprises"),
    "deals": ("promotion:deal-list", "kind=contract&currency=USD", "deals"),
    "people": ("directory:person-list", "q=nguyen&gender=F", "people"),
}
# Searches whose cost is the opposite case: a word no row holds, so a walk of the order
# index would read every row before it knew the page was empty.
RARE_SEARCHES = {"people": "q=khang", "enterprises": "q=khang"}


@override_settings(ROOT_URLCONF="bench.urls")
def lists(scale, users, last, profiles):
    from xttm.directory.models import Enterprise, Person
    from xttm.promotion.models import Deal

    data.agency(scale.people)
    data.analyze()
    counts = {
        "enterprises": Enterprise.objects.count(),
        "deals": Deal.objects.count(),
        "people": Person.objects.count(),
    }
    from xttm.core import keyset

    models = {"enterprises": Enterprise, "deals": Deal, "people": Person}
    client = _client(users["administrator"])
    rows, times, queries = [], {}, {}
    for name, (url_name, filters, ref) in LISTS.items():
        base = reverse(url_name)
        deep = max(1, counts[name] // 25 - 1)
        model = models[name]
        ordering = keyset.ordering_for(model.objects.all())
        cursor = keyset.cursor_of(model.objects.order_by(*ordering)[(deep - 1) * 25 - 1], ordering)
        t_ref_first = median_time(_get(client, f"/bench/trivial/{ref}/?page=1"), scale.reps)
        t_ref_deep = median_time(_get(client, f"/bench/trivial/{ref}/?page={deep}"), scale.reps)
        first = _get(client, f"{base}?page=1")
        deep_page = _get(client, f"{base}?after={cursor}")
        numbered = _get(client, f"{base}?page={deep}")
        filtered = _get(client, f"{base}?{filters}")
        t_first = median_time(first, scale.reps)
        t_deep = median_time(deep_page, scale.reps)
        t_numbered = median_time(numbered, scale.reps)
        t_filtered = median_time(filtered, scale.reps)
        rare = _get(client, f"{base}?{RARE_SEARCHES[name]}") if name in RARE_SEARCHES else None
        t_rare = median_time(rare, scale.reps) if rare else None
        times[name] = t_first
        times[f"{name} deep"] = t_deep
        queries[f"{name} first"] = query_count(first)
        queries[f"{name} deep"] = query_count(deep_page)
        queries[f"{name} filtered"] = query_count(filtered)
        if not last:
            continue
        peak = peak_memory(deep_page)
        profiles += [
            (f"list {name}, first page", first),
            (f"list {name}, page {deep} by cursor", deep_page),
            (f"list {name}, filter+search", filtered),
        ]
        rows += [
            ratio_result(
                f"list {name}, first page",
                t_first,
                t_ref_first,
                3,
                "≤ 3× trivial view",
                note=f"{counts[name]:,} rows; {queries[f'{name} first']} queries",
            ),
            ratio_result(
                f"list {name}, page {deep} by cursor",
                t_deep,
                t_ref_deep,
                3,
                "≤ 3× trivial view (offset)",
                peak,
                f"{queries[f'{name} deep']} queries",
            ),
            Result(
                f"list {name}, page {deep} by number",
                t_numbered,
                t_ref_deep,
                "(old links: offset)",
                None,
            ),
            ratio_result(
                f"list {name}, filter+search",
                t_filtered,
                t_ref_first,
                3,
                "≤ 3× trivial view",
                note=f"?{filters}; {queries[f'{name} filtered']} queries",
            ),
            *(
                [
                    ratio_result(
                        f"list {name}, search for a rare word",
                        t_rare,
                        t_ref_first,
                        3,
                        "≤ 3× trivial view",
                        note=f"?{RARE_SEARCHES[name]} (no match); {query_count(rare)} queries",
                    )
                ]
                if rare
                else []
            ),
            ratio_result(
                f"list {name}, deep page vs first",
                t_deep,
                t_first,
                1.5,
                "≤ 1.5 (as fast as the first)",
            ),
        ]
    return rows, times, queries


# --- Import -----------------------------------------------------------------------------------


def _import_base(rows: int):
    """Enterprises and activities the import files refer to; none of their pairs exists yet."""
    from xttm.core.text import fold
    from xttm.directory.factories import tax_code_for
    from xttm.directory.models import Enterprise, Organization, Province
    from xttm.promotion.choices import Line, SchemeStatus
    from xttm.promotion.models import Activity, ExchangeRate, Scheme, SupportContent
    from xttm.promotion.reference import ensure_contents

    ensure_contents()
    ExchangeRate.objects.get_or_create(
        date=datetime.date(2000, 1, 1), currency="USD", defaults={"rate_to_vnd": 25000}
    )
    province = Province.objects.filter(system="2025").order_by("code").first()
    per_activity = 1000
    enterprises = [
        Enterprise(
            tax_code=tax_code_for(5_000_000 + n),
            name=f"Công ty nhập thử {n}",
            search_text=fold(f"Công ty nhập thử {n}"),
            province=province,
        )
        for n in range(per_activity)
    ]
    Enterprise.objects.bulk_create(enterprises, batch_size=data.BATCH)
    lead, _ = Organization.objects.get_or_create(
        code="bench-import-lead",
        defaults={"name": "Đơn vị nhập thử", "kind": "provincial_centre", "province": province},
    )
    scheme = Scheme.objects.create(
        code="bench-import",
        year=2025,
        line=Line.EXPORT,
        content_type=SupportContent.objects.order_by("pk").first(),
        lead=lead,
        title="Đề án nhập thử",
        status=SchemeStatus.APPROVED,
    )
    n_activities = -(-rows // per_activity)
    Activity.objects.bulk_create(
        [
            Activity(
                code=f"imp-a{a}",
                scheme=scheme,
                kind="fair",
                name=f"Hội chợ nhập thử {a}",
                start_date=datetime.date(2025, 5, 1),
                end_date=datetime.date(2025, 5, 4),
                country="JP",
            )
            for a in range(n_activities)
        ],
        batch_size=data.BATCH,
    )
    return [e.tax_code for e in enterprises]


def _workbook(kind: str, rows: int, tax_codes) -> bytes:
    from openpyxl import Workbook

    from xttm.core.importing import get_importer
    from xttm.promotion.choices import DealKind

    importer = get_importer(kind)
    headers = [c.header for c in importer.columns]
    fields = [c.field for c in importer.columns]
    kinds = [str(label) for _value, label in DealKind.choices]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(importer.sheet_title[:31])
    ws.append(headers)
    per = len(tax_codes)
    for i in range(rows):
        values = {
            "activity": f"imp-a{i // per}",
            "tax_code": tax_codes[i % per],
            "booths": 1,
            # A number, as officials' spreadsheets hold it (read back as a whole number).
            "support_vnd": 5_000_000,
            "code": f"imp-d{i}",
            "kind": kinds[i % len(kinds)],
            "signed_on": datetime.date(2025, 5, 2),
            "value": 1000 + i % 5000,
            "currency": "USD",
            "counterpart_country": "JP",
            "product_group": "09",
        }
        ws.append([values.get(f) for f in fields])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def import_scenario(scale, profiles) -> list[Result]:
    from python_calamine import CalamineWorkbook

    from xttm.core.importing import get_importer

    n = scale.import_rows
    sizes = (n, 2 * n, 4 * n)
    tax_codes = _import_base(sizes[-1])
    results = []
    for kind in ("participations", "deals"):
        times, peaks = {}, {}
        for size in sizes:
            _log(f"import {kind}: writing {size:,} rows")
            content = _workbook(kind, size, tax_codes)

            def xttm(content=content, kind=kind):
                result = get_importer(kind)().run(content, filename=f"{kind}.xlsx")
                if result.errors:
                    raise RuntimeError(f"import refused: {result.errors[:3]}")

            def read(content=content):
                return (
                    CalamineWorkbook.from_filelike(io.BytesIO(content))
                    .get_sheet_by_index(0)
                    .to_python()
                )

            _log(f"import {kind}: {size:,} rows")
            # Imports are slow: timed once, after the first size warmed the caches.
            times[size] = median_time(rolled_back(xttm), 1, warm=False)
            t_read = median_time(read, scale.reps)
            peaks[size] = peak_memory(rolled_back(xttm))
            if size == n:
                name = f"import {kind}, {size:,} rows"
                profiles.append((name, rolled_back(xttm)))
                results.append(
                    ratio_result(name, times[size], t_read, 3, "≤ 3× calamine read", peaks[size])
                )
        results.append(
            ratio_result(
                f"import {kind}: peak memory {sizes[-1]:,} vs {n:,} rows",
                None,
                None,
                1.5,
                "≤ 1.5 (flat)",
                peaks[sizes[-1]],
                f"{peaks[n] / 2**20:.0f} MB → {peaks[sizes[-1]] / 2**20:.0f} MB",
            )
        )
        results[-1].ratio = peaks[sizes[-1]] / peaks[n]
        results[-1].passed = results[-1].ratio <= 1.5
        results.append(
            _growth(
                f"growth: import {kind}",
                {1: times[sizes[0]], 2: times[sizes[1]], 4: times[sizes[2]]},
            )
        )
    return results


# --- Emulation --------------------------------------------------------------------------------


def eligibility_scenario(scale, unit_ids, profiles) -> list[Result]:
    from xttm.directory.models import Unit
    from xttm.emulation import loader

    year = data.LAST_YEAR - 1
    results = []
    everyone = list(Unit.objects.filter(pk__in=unit_ids))
    agency = everyone[: max(1, len(everyone) // 20)]
    for label, units in (("agency", agency), ("ministry", everyone)):
        load = lambda units=units: loader.load_facts(year, units=units)  # noqa: E731
        t_load, facts = once(load)
        t_load = min(t_load, median_time(load, scale.heavy_reps))
        rules = lambda facts=facts: loader.evaluate(facts, year)  # noqa: E731
        t_rules = median_time(rules, scale.heavy_reps if len(facts.people) > 10_000 else scale.reps)
        name = f"eligibility, {label}: {len(facts.people):,} people × 10 years"
        profiles.append((name, rules))
        results.append(
            ratio_result(
                name, t_rules, t_load, 1.0, "rules ≤ 1× load", peak_memory(rules), "ref: load_facts"
            )
        )
    return results


def round_scenario(scale, users, unit_ids, profiles) -> list[Result]:
    from xttm.emulation import loader, rules
    from xttm.emulation.models import Movement, Round

    year = data.LAST_YEAR - 1
    movement = Movement.objects.create(
        name="Phong trào thử",
        level="agency",
        form="regular",
        launched_on=datetime.date(year, 1, 10),
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 12, 31),
    )
    movement.units.set(unit_ids[: max(1, scale.candidates // 50)])
    round_ = Round.objects.create(
        name="Bình xét thử", year=year, movement=movement, opened_on=datetime.date(year + 1, 1, 5)
    )
    client = _client(users["emulation_secretariat"])
    url = reverse("emulation:round-detail", args=[round_.pk])
    page = _get(client, url)
    t_page = median_time(page, scale.reps)
    empty = rules.Facts(year=year, people=(), units=())
    real = loader.evaluate
    with mock.patch.object(loader, "evaluate", lambda facts, y=None, **kw: real(empty, year)):
        t_plain = median_time(page, scale.reps)
    people = len(loader.load_facts(year, units=list(movement.units.all())).people)
    name = f"round page, {people:,} candidates"
    profiles.append((name, page))
    return [
        ratio_result(
            name,
            t_page,
            t_plain,
            2,
            "≤ 2× page without verdicts",
            peak_memory(page),
            f"{query_count(page)} queries",
        )
    ]


def decision_scenario(scale, profiles) -> list[Result]:
    from xttm.directory.models import Person
    from xttm.emulation import documents
    from xttm.emulation.models import Decision, DecisionRecipient

    data.agency(max(scale.recipients, scale.people))
    people = list(Person.objects.filter(code__startswith="bench-p").order_by("code"))
    decisions = {}
    for n in (1, scale.recipients):
        decision = Decision.objects.create(
            number=f"{n}/QĐ-THU",
            signed_on=datetime.date(2026, 1, 15),
            signer_name="Nguyễn Văn A",
            year=2025,
        )
        DecisionRecipient.objects.bulk_create(
            [
                DecisionRecipient(
                    decision=decision,
                    person=people[i % len(people)],
                    code="LDTT",
                    achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025",
                )
                for i in range(n)
            ]
        )
        decisions[n] = decision
    results = []
    limit = scale.recipients / 10
    for kind, render in (("docx", documents.decision_docx), ("PDF", documents.decision_pdf)):
        try:
            one = median_time(lambda render=render: render(decisions[1]), scale.reps)
            big = lambda render=render: render(decisions[scale.recipients])  # noqa: E731
            many = median_time(big, scale.reps)
        except documents.DocumentUnavailable as exc:
            results.append(Result(f"decision {kind}", None, None, "-", None, note=str(exc)))
            continue
        name = f"decision {kind}, {scale.recipients} recipients"
        profiles.append((name, big))
        results.append(
            ratio_result(name, many, one, limit, f"≤ {limit:g}× one recipient", peak_memory(big))
        )
    return results
