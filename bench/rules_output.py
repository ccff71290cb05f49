"""Dump the engine's output for the same-output check: `python -m bench.rules_output OUT.json`.

Every valid fixture of xttm/emulation/tests/data/ (vi and en, several years)
and the 2,000 synthetic people of bench.engine_cpu (vi 2024, en 2021), each
as io.report_to_dict plus what programs read off a result (keys, pending,
relies_on, unrendered reasons). Run it on two checkouts (PYTHONPATH=<checkout>)
and compare the files byte for byte.
"""

import json
import sys
from pathlib import Path

import xttm
from bench.engine_cpu import synthetic_facts
from xttm.emulation.rules import evaluate
from xttm.emulation.rules.io import read_facts, report_to_dict

DATA = Path(xttm.__file__).resolve().parent / "emulation" / "tests" / "data"


def extra(report) -> list:
    # Read before report_to_dict, and reasons and evidence before the rules,
    # so that a line whose words are made on first read is read field first.
    return [
        {
            "reasons": [repr(reason) for reason in result.reasons],
            "evidence": [list(check.evidence) for check in result.checks],
            "kind": result.subject_kind,
            "keys": [condition.key for condition in result.conditions],
            "relies_on": list(result.relies_on),
            "uses": list(result.uses),
        }
        for result in report.results
    ]


def main(out: str) -> None:
    documents = {}
    for path in sorted(DATA.glob("*.json")):
        if path.name.startswith("invalid") or path.name.endswith(".expected.json"):
            continue
        facts = read_facts(path)
        for year in (2019, 2020, 2021, 2022, 2023, 2024):
            for lang in ("vi", "en"):
                report = evaluate(facts, year, lang=lang)
                first = extra(report)
                documents[f"{path.name} {year} {lang}"] = [report_to_dict(report), first]
    facts = synthetic_facts(2000)
    for year, lang in ((2024, "vi"), (2021, "en"), (2024, "en")):
        report = evaluate(facts, year, lang=lang)
        first = extra(report)
        documents[f"synthetic {year} {lang}"] = [report_to_dict(report), first]
    Path(out).write_text(json.dumps(documents, ensure_ascii=False, indent=1, default=repr))


if __name__ == "__main__":
    main(sys.argv[1])
