"""The rules engine's CPU time on synthetic facts, no database: `python -m bench.engine_cpu [people]`.

Shared machines make wall time noise; process time of the engine alone is
what an engine change moves. The facts come from a fixed seed, so runs on two
checkouts (PYTHONPATH=<checkout>) compare the same work.
"""

import random
import sys
import time
from datetime import date

from xttm.emulation.rules import (
    Award,
    Discipline,
    Facts,
    Initiative,
    Leave,
    Person,
    Title,
    Unit,
    evaluate,
)

RATINGS = ["HTXSNV", "HTTNV", "HTTNV", "HTNV"]


def synthetic_facts(people: int, units: int = 40, seed: int = 7) -> Facts:
    """`people` staff over ten years (2015–2024) with titles, initiatives, some awards and discipline."""
    rnd = random.Random(seed)
    unit_facts = tuple(
        Unit(
            id=f"U{i}",
            name=f"Unit {i}",
            ratings={y: rnd.choice(["HTXSNV", "HTTNV", "HTNV"]) for y in range(2015, 2025)},
        )
        for i in range(units)
    )
    staff, number = [], 0
    for i in range(people):
        ratings = {y: rnd.choice(RATINGS) for y in range(2015, 2025)}
        titles = []
        for y in range(2015, 2024):
            if ratings[y] in ("HTXSNV", "HTTNV"):
                titles.append(Title("LDTT", y))
            if ratings[y] == "HTXSNV" and rnd.random() < 0.5:
                titles.append(Title("CSTDCS", y))
        initiatives = []
        for y in range(2015, 2025):
            if rnd.random() < 0.3:
                number += 1
                scope = rnd.choice(["unit", "ministry", "national"])
                initiatives.append(Initiative(f"I{number}", y, scope))
        awards = [Award("BK_BO", 2018, "periodic")] if rnd.random() < 0.2 else []
        discipline = (
            [Discipline("reprimand", date(2019, 3, 1), date(2019, 9, 1))]
            if rnd.random() < 0.03
            else []
        )
        leave = [Leave("sick", date(2024, 2, 1), date(2024, 3, 1))] if rnd.random() < 0.1 else []
        staff.append(
            Person(
                id=f"P{i}",
                unit=f"U{i % units}",
                recruited_on=date(2010, 1, 1),
                ratings=ratings,
                titles=tuple(titles),
                awards=tuple(awards),
                initiatives=tuple(initiatives),
                discipline=tuple(discipline),
                leave=tuple(leave),
            )
        )
    return Facts(year=2024, people=tuple(staff), units=unit_facts)


def main(people: int = 2000, repetitions: int = 5) -> float:
    facts = synthetic_facts(people)
    evaluate(facts, 2024)  # warm-up
    times = []
    for _ in range(repetitions):
        start = time.process_time()
        evaluate(facts, 2024)
        times.append(time.process_time() - start)
    median = sorted(times)[len(times) // 2]
    print(f"engine CPU, median of {repetitions}: {median * 1000:.0f} ms for {people:,} people")
    return median


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
