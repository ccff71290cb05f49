"""`xttm eligibility` on mutated facts files: a report (exit 0) or exit 2 naming a JSON path, never a crash."""

import json
import re
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLE = json.loads((Path(__file__).parent / "data" / "example.json").read_text(encoding="utf-8"))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["2024-02-30", "HTXSNV", "CSTDCS", "P1", "", "2024-01-01"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*prefix, index))


ALL_PATHS = [p for p in paths(EXAMPLE) if p]


# A path is names and [index] steps; an odd key (spaces, dots, control characters) is a quoted
# JSON string in brackets: people[0].ratings[" "].
JSON_PATH = r'(?:[^\s:"\[\]]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])+'


def replaced(document, path, value):
    document = json.loads(json.dumps(document))
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return document


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=st.sampled_from(ALL_PATHS), value=json_values)
def test_any_value_anywhere_gives_a_report_or_a_refusal_naming_its_path(tmp_path, path, value):
    facts = tmp_path / "facts.json"
    facts.write_text(
        json.dumps(replaced(EXAMPLE, path, value), ensure_ascii=False), encoding="utf-8"
    )
    out = StringIO()

    try:
        call_command("eligibility", str(facts), stdout=out, stderr=StringIO())
    except CommandError as refusal:
        assert refusal.returncode == 2
        # "people[0].titles[0].year: … không phải số nguyên": the JSON path, then the reason.
        assert re.fullmatch(JSON_PATH + r": \S.*", str(refusal), re.DOTALL), str(refusal)
    else:
        report = json.loads(out.getvalue())
        assert set(report) >= {"year", "results"}


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=200))
def test_any_bytes_are_refused_with_exit_2(tmp_path, raw):
    facts = tmp_path / "facts.json"
    facts.write_bytes(raw)

    try:
        call_command("eligibility", str(facts), stdout=StringIO(), stderr=StringIO())
    except CommandError as refusal:
        assert refusal.returncode == 2
