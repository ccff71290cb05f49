"""The eligibility engine on the scenarios of emulation.md section 6, and on the rules around them."""

import dataclasses
import subprocess
import sys
from datetime import date

import pytest

from xttm.emulation.rules import (
    LAW2013,
    LAW2022,
    Award,
    Check,
    DatedSetting,
    Discipline,
    Facts,
    FactsError,
    Initiative,
    Leave,
    Outcome,
    Person,
    Regime,
    Title,
    Unit,
    evaluate,
    msg,
    plan,
    validate_facts,
)

UNIT = Unit(id="U1", name="Phòng Xúc tiến xuất khẩu")


def person(id="P1", **fields) -> Person:
    """A long-serving member of U1 unless the test says otherwise."""
    fields.setdefault("unit", "U1")
    fields.setdefault("recruited_on", date(2010, 1, 1))
    return Person(id=id, **fields)


def rated(first: int, last: int, rating: str = "HTXSNV") -> dict[int, str]:
    return dict.fromkeys(range(first, last + 1), rating)


def titles(code: str, *years: int) -> tuple[Title, ...]:
    return tuple(Title(code, year) for year in years)


def judge(*people: Person, year: int, units=(UNIT,), **options):
    return evaluate(Facts(people=people, units=units), year, **options)


# Scenario 1 ------------------------------------------------------------------


def test_three_consecutive_cstdcs_and_a_ministry_initiative_make_cstd_bo_eligible():
    lan = person(
        ratings=rated(2022, 2024),
        titles=titles("LDTT", 2022, 2023, 2024) + titles("CSTDCS", 2022, 2023, 2024),
        initiatives=(Initiative("I1", 2023, "ministry"),),
    )

    result = judge(lan, year=2024).result("P1", "CSTD_BO")

    assert result.verdict == "eligible"
    assert result.uses == ("I1",)
    assert result.missing == ()
    assert [(c.rule, c.met, c.evidence) for c in result.conditions] == [
        ("Đạt Chiến sĩ thi đua cơ sở 3 năm liên tục 2022–2024", True, (2022, 2023, 2024)),
        (
            "Có 1 sáng kiến hoặc đề tài phạm vi cấp Bộ trở lên được công nhận trong các năm "
            "2022–2024, chưa dùng cho danh hiệu hoặc hình thức khen thưởng khác",
            True,
            ("I1",),
        ),
    ]


# Scenario 2 ------------------------------------------------------------------


def test_a_missing_cstdcs_in_2023_makes_cstd_bo_2025_not_eligible_and_the_explanation_names_2023():
    facts = person(
        ratings=rated(2022, 2025),
        titles=titles("CSTDCS", 2022, 2024, 2025),
        initiatives=(Initiative("I1", 2024, "ministry"),),
    )

    result = judge(facts, year=2025).result("P1", "CSTD_BO")

    assert result.verdict == "not_eligible"
    assert result.condition("span:CSTDCS").evidence == (2024, 2025)
    assert result.missing == ("cần Chiến sĩ thi đua cơ sở năm 2023 để đủ 3 năm liên tục",)
    assert result.uses == ()


def test_the_same_gap_is_explained_in_english_with_lang_en():
    facts = person(ratings=rated(2022, 2025), titles=titles("CSTDCS", 2022, 2024, 2025))

    result = judge(facts, year=2025, lang="en").result("P1", "CSTD_BO")

    assert result.missing == (
        "needs Grassroots Emulation Soldier in 2023 to complete 3 consecutive years",
        "needs 1 more unused initiative(s) or S&T project(s) of ministry scope or wider "
        "recognised in 2023–2025",
    )


# Scenario 3 ------------------------------------------------------------------


def test_an_htxsnv_advanced_worker_without_an_initiative_is_eligible_for_cstdcs_in_2024():
    report = judge(person(ratings={2024: "HTXSNV"}), year=2024)

    result = report.result("P1", "CSTDCS")
    assert report.regime == "law2022"
    assert result.verdict == "eligible"
    assert result.condition("title:LDTT").evidence == (2024,)
    assert result.condition("basis").evidence == ("2024=HTXSNV",)
    assert result.uses == ()


def test_the_same_facts_in_2015_are_not_eligible_for_cstdcs_because_an_initiative_was_mandatory():
    report = judge(person(ratings={2015: "HTXSNV"}), year=2015)

    result = report.result("P1", "CSTDCS")
    assert report.regime == "law2013"
    assert report.result("P1", "LDTT").verdict == "eligible"
    assert result.verdict == "not_eligible"
    assert result.missing == (
        "cần một sáng kiến hoặc đề tài được công nhận năm 2015 chưa dùng để khen thưởng "
        "(với thành tích năm 2015, sáng kiến là bắt buộc)",
    )


# Scenario 4 ------------------------------------------------------------------


def _unit_of_twenty_with_four_candidates():
    people = []
    candidates = {
        "P05": ("HTXSNV", "unit"),
        "P02": ("HTTNV", "ministry"),
        "P01": ("HTTNV", "unit"),
        "P03": ("HTTNV", "unit"),
    }
    for number in range(1, 21):
        id = f"P{number:02d}"
        rating, scope = candidates.get(id, ("HTTNV", None))
        initiatives = (Initiative(f"I-{id}", 2020, scope),) if scope else ()
        people.append(person(id, ratings={2020: rating}, initiatives=initiatives))
    return people


def test_the_2020_quota_lets_three_of_four_cstdcs_candidates_through_in_a_unit_of_twenty_ldtt():
    report = judge(*_unit_of_twenty_with_four_candidates(), year=2020)

    verdicts = {f"P{n:02d}": report.result(f"P{n:02d}", "CSTDCS").verdict for n in (1, 2, 3, 5)}
    assert verdicts == {
        "P01": "eligible",
        "P02": "eligible",
        "P03": "not_eligible",
        "P05": "eligible",
    }
    # The order: rating first (P05), then initiative scope (P02), then id (P01 before P03).
    ranks = {
        id: report.result(id, "CSTDCS").condition("quota").evidence[3]
        for id in ("P01", "P02", "P03", "P05")
    }
    assert ranks == {"P05": "rank=1", "P02": "rank=2", "P01": "rank=3", "P03": "rank=4"}


def test_the_person_cut_by_the_quota_is_told_which_rule_cut_them():
    report = judge(*_unit_of_twenty_with_four_candidates(), year=2020)

    cut = report.result("P03", "CSTDCS")
    quota = cut.condition("quota")
    assert quota.rule == (
        "Số Chiến sĩ thi đua cơ sở không quá 15% số người đạt Lao động tiên tiến của đơn vị "
        "(xếp thứ tự theo mức xếp loại, rồi phạm vi sáng kiến, rồi mã người)"
    )
    assert quota.met is False
    assert quota.evidence == ("unit=U1", "ldtt=20", "slots=3", "rank=4", "candidates=4")
    assert cut.missing == (
        "vượt tỷ lệ 15%: Phòng Xúc tiến xuất khẩu có 20 người đạt Lao động tiên tiến nên chỉ "
        "được 3 Chiến sĩ thi đua cơ sở; xếp thứ 4/4 ứng viên",
    )
    assert cut.uses == ()
    assert report.result("P01", "CSTDCS").uses == ("I-P01",)


def test_there_is_no_quota_on_cstdcs_under_the_2022_law():
    people = [
        person(f"P{n}", ratings={2024: "HTXSNV"}, initiatives=(Initiative(f"I{n}", 2024, "unit"),))
        for n in range(1, 5)
    ]

    report = judge(*people, year=2024)

    assert [report.result(p.id, "CSTDCS").verdict for p in people] == ["eligible"] * 4
    assert all(
        "quota" not in [c.key for c in report.result(p.id, "CSTDCS").conditions] for p in people
    )


# Scenario 5 ------------------------------------------------------------------


def test_someone_recruited_on_15_august_2024_is_not_an_advanced_worker_for_2024():
    result = judge(
        person(recruited_on=date(2024, 8, 15), ratings={2024: "HTXSNV"}), year=2024
    ).result("P1", "LDTT")

    assert result.verdict == "not_eligible"
    assert result.condition("working_time").evidence == (
        "recruited_on=2024-08-15",
        "working_days=139",
        "required_days=184",
    )
    assert result.missing == (
        "tuyển dụng ngày 15/08/2024 nên chỉ có 139 ngày công tác trong năm 2024; "
        "cần ít nhất 6 tháng (184 ngày)",
    )


def test_someone_recruited_on_15_march_2019_is_not_an_advanced_worker_for_2019():
    result = judge(
        person(recruited_on=date(2019, 3, 15), ratings={2019: "HTTNV"}), year=2019
    ).result("P1", "LDTT")

    assert result.verdict == "not_eligible"
    assert result.missing == (
        "tuyển dụng ngày 15/03/2019 nên chỉ có 292 ngày công tác trong năm 2019; "
        "cần ít nhất 10 tháng (306 ngày)",
    )


def test_someone_recruited_on_1_july_2024_has_exactly_the_six_months_needed():
    result = judge(
        person(recruited_on=date(2024, 7, 1), ratings={2024: "HTTNV"}), year=2024
    ).result("P1", "LDTT")

    assert result.verdict == "eligible"
    assert result.condition("working_time").evidence[1:] == (
        "working_days=184",
        "required_days=184",
    )


# Scenario 6 ------------------------------------------------------------------


def test_six_months_of_maternity_leave_in_2024_still_give_an_htt_rated_person_ldtt_2024():
    mother = person(
        gender="F",
        ratings={2024: "HTTNV"},
        leave=(Leave("maternity", date(2024, 2, 1), date(2024, 7, 31)),),
    )

    result = judge(mother, year=2024).result("P1", "LDTT")

    assert result.verdict == "eligible"
    assert result.condition("working_time").evidence == (
        "recruited_on=2010-01-01",
        "counted_leave=maternity:2024-02-01/2024-07-31",
        "working_days=366",
        "required_days=184",
    )


def test_seven_months_of_unpaid_leave_do_not_count_as_working_time():
    result = judge(
        person(
            ratings={2024: "HTTNV"},
            leave=(Leave("unpaid", date(2024, 2, 1), date(2024, 8, 31)),),
        ),
        year=2024,
    ).result("P1", "LDTT")

    assert result.verdict == "not_eligible"
    assert result.missing == (
        "chỉ có 153 ngày công tác trong năm 2024 (213 ngày nghỉ không được tính); "
        "cần ít nhất 6 tháng (184 ngày)",
    )


def test_training_of_a_year_or_more_does_not_count_but_shorter_training_does():
    def ldtt_with_training(end: date) -> str:
        trainee = person(ratings={2024: "HTTNV"}, leave=(Leave("training", date(2023, 9, 1), end),))
        return judge(trainee, year=2024).result("P1", "LDTT").verdict

    assert ldtt_with_training(date(2024, 8, 31)) == "eligible"
    assert ldtt_with_training(date(2024, 9, 1)) == "not_eligible"


# Scenario 7 ------------------------------------------------------------------


def _bk_bo_candidate(*, cstdcs_2024_used: tuple[str, ...]) -> Person:
    return person(
        ratings=rated(2023, 2024),
        titles=(
            *titles("LDTT", 2023, 2024),
            Title("CSTDCS", 2023),
            Title("CSTDCS", 2024, uses=cstdcs_2024_used),
        ),
        initiatives=(Initiative("I1", 2023, "unit"), Initiative("I2", 2024, "unit")),
    )


def test_an_initiative_already_used_for_cstdcs_2024_is_rejected_when_offered_again_for_bk_bo():
    result = judge(_bk_bo_candidate(cstdcs_2024_used=("I2",)), year=2024).result("P1", "BK_BO")

    assert result.verdict == "not_eligible"
    assert result.uses == ()
    assert result.condition("initiatives").evidence == ("I1",)
    assert result.missing == (
        "cần thêm 1 sáng kiến hoặc đề tài phạm vi cấp cơ sở trở lên được công nhận trong các năm "
        "2023–2024, chưa dùng để khen thưởng",
        "sáng kiến I2 đã dùng cho Chiến sĩ thi đua cơ sở năm 2024",
        "hoặc được Hội đồng Thi đua – Khen thưởng xét theo tiêu chí a–c",
    )


def test_the_same_person_with_both_initiatives_unused_is_eligible_for_bk_bo():
    result = judge(_bk_bo_candidate(cstdcs_2024_used=()), year=2024).result("P1", "BK_BO")

    assert result.verdict == "eligible"
    assert result.uses == ("I1", "I2")
    assert result.condition("basis").rule == "Đạt Chiến sĩ thi đua cơ sở 2 năm liên tục 2023–2024"


def test_the_re_check_of_cstdcs_2024_may_still_rest_on_its_own_initiative():
    recorded = person(
        ratings={2024: "HTTNV"},
        titles=(Title("LDTT", 2024), Title("CSTDCS", 2024, uses=("I2",))),
        initiatives=(Initiative("I2", 2024, "unit"),),
    )

    result = judge(recorded, year=2024).result("P1", "CSTDCS")

    assert result.verdict == "eligible"
    assert result.uses == ("I2",)


# Scenario 8 ------------------------------------------------------------------


def _bk_ttg_candidate(kind: str) -> Person:
    return person(
        ratings=rated(2019, 2024, "HTTNV"),
        titles=titles("CSTDCS", 2020, 2022, 2024),
        awards=(Award("BK_BO", 2018, kind),),
    )


def test_an_adhoc_bk_bo_does_not_satisfy_the_bk_bo_that_bk_ttg_requires():
    result = judge(_bk_ttg_candidate("adhoc"), year=2024).result("P1", "BK_TTG")

    assert result.verdict == "not_eligible"
    assert result.condition("award:BK_BO").met is False
    assert result.missing == (
        "cần Bằng khen của Bộ trưởng khen thưởng theo công trạng",
        "Bằng khen của Bộ trưởng năm 2018 là khen thưởng đột xuất, không được tính làm điều kiện",
    )


def test_a_periodic_bk_bo_then_five_good_years_with_three_cstdcs_make_bk_ttg_eligible():
    result = judge(_bk_ttg_candidate("periodic"), year=2024).result("P1", "BK_TTG")

    assert result.verdict == "eligible"
    assert result.condition("award:BK_BO").evidence == (2018,)
    assert result.condition("rating_run").evidence == tuple(f"{y}=HTTNV" for y in range(2019, 2025))
    assert result.condition("count:CSTDCS").evidence == (2020, 2022, 2024)


def test_a_thematic_bk_bo_does_not_count_either():
    result = judge(_bk_ttg_candidate("thematic"), year=2024, lang="en").result("P1", "BK_TTG")

    assert result.missing == (
        "needs a periodic (merit) Minister's Certificate of Merit",
        "the Minister's Certificate of Merit of 2018 is thematic, which never counts as a "
        "prerequisite",
    )


# Scenario 9 ------------------------------------------------------------------


def test_a_person_under_complaint_verification_is_on_hold_for_every_title_and_award():
    reviewed = person(
        ratings=rated(2022, 2024),
        titles=titles("CSTDCS", 2022, 2023),
        initiatives=(Initiative("I1", 2023, "ministry"),),
        under_review=True,
    )

    report = judge(reviewed, year=2024)

    assert set(report.verdicts("P1").values()) == {"on_hold"}
    for result in report.for_subject("P1"):
        assert result.conditions[0].key == "under_review"
        assert result.conditions[0].met is False
        assert result.missing[0] == (
            "đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, "
            "tố cáo: chỉ xét khi đã có kết luận"
        )
        assert result.uses == ()


def test_a_person_on_hold_does_not_count_as_an_advanced_worker_of_their_unit():
    unit = dataclasses.replace(UNIT, ratings={2024: "HTTNV"})
    people = [person("P1", ratings={2024: "HTTNV"}, under_review=True)]
    people += [person(f"P{n}", ratings={2024: "HTTNV"}) for n in (2, 3)]

    result = judge(*people, year=2024, units=(unit,)).result("U1", "TTLDTT")

    assert result.verdict == "not_eligible"
    assert result.condition("members_ldtt").evidence == ("ldtt=2", "members=3")


# The other individual rules ------------------------------------------------------


def test_cstdcs_of_the_judged_year_comes_from_the_engine_when_the_record_is_missing():
    lan = person(
        ratings=rated(2022, 2024),
        titles=titles("CSTDCS", 2022, 2023),
        initiatives=(Initiative("I1", 2023, "ministry"),),
    )

    report = judge(lan, year=2024)

    assert report.verdicts("P1")["CSTDCS"] == "eligible"
    result = report.result("P1", "CSTD_BO")
    assert result.verdict == "eligible"
    assert result.relies_on == ("CSTDCS",)


def test_cstd_bo_cannot_reuse_the_initiative_that_its_own_cstdcs_of_the_year_needs():
    # Rated HTTNV, so CSTDCS 2024 needs an initiative: the only one, I1.
    lan = person(
        ratings={2022: "HTXSNV", 2023: "HTXSNV", 2024: "HTTNV"},
        titles=titles("CSTDCS", 2022, 2023),
        initiatives=(Initiative("I1", 2024, "ministry"),),
    )

    report = judge(lan, year=2024)

    assert report.result("P1", "CSTDCS").uses == ("I1",)
    cstd_bo = report.result("P1", "CSTD_BO")
    assert cstd_bo.verdict == "not_eligible"
    assert (
        "sáng kiến I1 dành cho Chiến sĩ thi đua cơ sở năm 2024 trong lần xét này" in cstd_bo.missing
    )


def test_a_recorded_title_of_the_judged_year_is_still_evaluated():
    # The record says LDTT 2024, the facts say HTNV: the check shows the doubt,
    # while CSTDCS still counts the recorded title.
    doubtful = person(ratings={2024: "HTNV"}, titles=(Title("LDTT", 2024),))

    report = judge(doubtful, year=2024)

    assert report.verdicts("P1")["LDTT"] == "not_eligible"
    assert report.result("P1", "CSTDCS").condition("title:LDTT").met is True


def test_cstd_tq_needs_two_consecutive_cstd_bo_and_a_national_initiative():
    hero = person(
        ratings=rated(2019, 2024),
        titles=titles("CSTDCS", 2019, 2020, 2021, 2022, 2023, 2024) + titles("CSTD_BO", 2021, 2024),
        initiatives=(Initiative("N1", 2022, "national"),),
    )

    result = judge(hero, year=2024).result("P1", "CSTD_TQ")

    assert result.verdict == "eligible"
    assert result.condition("twice:CSTD_BO").evidence == (2021, 2024)
    assert result.uses == ("N1",)


def test_a_discipline_in_the_judged_year_blocks_ldtt():
    result = judge(
        person(
            ratings={2024: "HTXSNV"},
            discipline=(Discipline("reprimand", date(2024, 3, 1), date(2025, 3, 1)),),
        ),
        year=2024,
    ).result("P1", "LDTT")

    assert result.verdict == "not_eligible"
    assert result.condition("discipline").evidence == ("reprimand:2024-03-01/2025-03-01",)
    assert result.missing == (
        "bị kỷ luật khiển trách từ 01/03/2024 đến 01/03/2025 nên không được xét năm 2024",
    )


def test_achievements_count_again_only_after_the_discipline_period():
    # CSTDCS 2021 predates the end of a 2021 reprimand: 2022–2024 is not a run yet.
    lan = person(
        ratings=rated(2021, 2024),
        titles=titles("CSTDCS", 2021, 2022, 2023, 2024),
        initiatives=(Initiative("I1", 2022, "ministry"),),
        discipline=(Discipline("reprimand", date(2021, 2, 1), date(2021, 8, 1)),),
    )

    assert judge(lan, year=2024).verdicts("P1")["CSTD_BO"] == "eligible"
    result = judge(lan, year=2023).result("P1", "CSTD_BO")
    assert result.verdict == "not_eligible"
    assert result.conditions[0].rule == (
        "Thành tích chỉ được tính từ năm 2022 (sau kỷ luật khiển trách từ 01/02/2021 đến 01/08/2021)"
    )
    assert result.missing == (
        "thành tích chỉ tính từ năm 2022 (sau kỷ luật) nên cần 3 năm liên tục từ năm đó "
        "(sớm nhất năm 2024)",
    )


def test_bk_bo_on_two_htxsnv_years_and_two_unused_initiatives_is_eligible():
    result = judge(
        person(
            ratings=rated(2023, 2024),
            initiatives=(Initiative("I1", 2023, "unit"), Initiative("I2", 2024, "ministry")),
        ),
        year=2024,
    ).result("P1", "BK_BO")

    assert result.verdict == "eligible"
    assert result.condition("basis").evidence == ("2023=HTXSNV", "2024=HTXSNV")
    assert result.uses == ("I1", "I2")


def test_bk_bo_without_criterion_d_is_not_eligible_and_leaves_criteria_a_to_c_to_the_council():
    result = judge(person(ratings={2024: "HTXSNV"}), year=2024).result("P1", "BK_BO")

    assert result.verdict == "not_eligible"
    council = result.condition("council")
    assert council.met is False
    assert council.rule.startswith("Tiêu chí a–c")
    assert result.missing[0] == (
        "cần Chiến sĩ thi đua cơ sở năm 2023 hoặc xếp loại HTXSNV năm 2023 để đủ 2 năm liên tục"
    )
    assert result.missing[-1] == "hoặc được Hội đồng Thi đua – Khen thưởng xét theo tiêu chí a–c"


def test_bk_ttg_under_the_2013_law_needs_five_htxsnv_years_and_five_initiatives():
    def candidate(initiatives: int) -> Person:
        return person(
            ratings=rated(2018, 2022),
            awards=(Award("BK_BO", 2017, "periodic"),),
            initiatives=tuple(
                Initiative(f"I{n}", 2018 + n % 5, "unit") for n in range(initiatives)
            ),
        )

    eligible = judge(candidate(5), year=2022).result("P1", "BK_TTG")
    short = judge(candidate(4), year=2022).result("P1", "BK_TTG")

    assert eligible.verdict == "eligible"
    assert eligible.uses == ("I0", "I1", "I2", "I3", "I4")
    assert short.verdict == "not_eligible"
    assert short.missing == (
        "cần thêm 1 sáng kiến hoặc đề tài phạm vi cấp cơ sở trở lên được công nhận trong các năm "
        "2018–2022, chưa dùng để khen thưởng",
    )


def test_bk_ttg_too_soon_after_the_bk_bo_says_when_it_can_come():
    result = judge(
        person(ratings=rated(2015, 2024, "HTTNV"), awards=(Award("BK_BO", 2022, "periodic"),)),
        year=2024,
    ).result("P1", "BK_TTG")

    assert result.missing[0] == (
        "mới có 2 năm kể từ sau Bằng khen của Bộ trưởng năm 2022; cần 5 năm (sớm nhất năm 2027)"
    )


def test_hcld_3_needs_a_periodic_bk_ttg_then_five_good_years_with_an_htxsnv_and_three_cstdcs():
    veteran = person(
        ratings={**rated(2019, 2024, "HTTNV"), 2021: "HTXSNV"},
        titles=titles("CSTDCS", 2019, 2021, 2023),
        awards=(Award("BK_TTG", 2018, "periodic"),),
    )

    result = judge(veteran, year=2024).result("P1", "HCLD_3")

    assert result.verdict == "eligible"
    assert result.condition("count:HTXSNV").evidence == ("2021=HTXSNV",)
    assert result.condition("count:CSTDCS").evidence == (2019, 2021, 2023)


# Collectives -----------------------------------------------------------------------


def _unit_members(ldtt: int, total: int, **extra) -> list[Person]:
    return [
        person(f"P{n}", ratings={2024: "HTTNV" if n <= ldtt else "HTNV"}, **extra)
        for n in range(1, total + 1)
    ]


def test_a_unit_with_seventy_percent_advanced_workers_is_an_advanced_labour_collective():
    unit = dataclasses.replace(UNIT, ratings={2024: "HTTNV"})

    result = judge(*_unit_members(7, 10), year=2024, units=(unit,)).result("U1", "TTLDTT")

    assert result.verdict == "eligible"
    assert result.condition("members_ldtt").evidence == ("ldtt=7", "members=10")


def test_a_unit_with_sixty_percent_advanced_workers_is_told_how_many_more_it_needs():
    unit = dataclasses.replace(UNIT, ratings={2024: "HTTNV"})

    result = judge(*_unit_members(6, 10), year=2024, units=(unit,)).result("U1", "TTLDTT")

    assert result.verdict == "not_eligible"
    assert result.missing == (
        "cần thêm 1 thành viên đạt Lao động tiên tiến năm 2024 (hiện có 6/10, cần 7)",
    )


def test_a_member_disciplined_with_a_warning_keeps_the_unit_from_ttldtt():
    unit = dataclasses.replace(UNIT, ratings={2024: "HTXSNV"})
    members = _unit_members(10, 10)
    members[2] = dataclasses.replace(
        members[2], discipline=(Discipline("warning", date(2024, 5, 1), date(2025, 5, 1)),)
    )

    result = judge(*members, year=2024, units=(unit,)).result("U1", "TTLDTT")

    assert result.verdict == "not_eligible"
    assert result.missing == ("thành viên bị kỷ luật từ mức cảnh cáo trở lên năm 2024: P3",)


def test_ttldxs_needs_every_member_to_complete_tasks_and_at_least_one_cstdcs():
    unit = dataclasses.replace(UNIT, ratings={2024: "HTXSNV"})
    members = _unit_members(9, 10)
    members[9] = dataclasses.replace(members[9], ratings={2024: "KHTNV"})

    result = judge(*members, year=2024, units=(unit,)).result("U1", "TTLDXS")

    assert result.verdict == "not_eligible"
    assert result.missing == (
        "thành viên chưa hoàn thành nhiệm vụ hoặc chưa có xếp loại năm 2024: P10",
        "cần ít nhất 1 thành viên đạt Chiến sĩ thi đua cơ sở năm 2024",
    )


def test_an_excellent_collective_that_leads_its_cluster_is_eligible_for_the_ministry_flag():
    unit = dataclasses.replace(UNIT, ratings={2024: "HTXSNV"}, leads_cluster={2024: True})
    members = _unit_members(10, 10)
    members[0] = dataclasses.replace(members[0], ratings={2024: "HTXSNV"})

    report = judge(*members, year=2024, units=(unit,))

    assert report.verdicts("U1") == {
        "TTLDTT": "eligible",
        "TTLDXS": "eligible",
        "CO_TD_BO": "eligible",
    }
    assert report.result("U1", "TTLDXS").condition("members_cstdcs").evidence == ("P1",)
    assert report.result("U1", "CO_TD_BO").relies_on == ("TTLDXS",)


def test_a_unit_that_does_not_lead_its_cluster_misses_the_flag():
    unit = dataclasses.replace(UNIT, titles=(Title("TTLDXS", 2024),))

    result = judge(year=2024, units=(unit,)).result("U1", "CO_TD_BO")

    assert result.verdict == "not_eligible"
    assert result.missing == ("cần được khối, cụm thi đua bình chọn dẫn đầu năm 2024",)


# Initiatives: one initiative, one use ------------------------------------------------


def test_two_alternatives_resting_on_one_initiative_say_so_and_the_plan_keeps_the_first():
    lan = person(
        ratings=rated(2022, 2024),
        titles=titles("CSTDCS", 2022, 2023, 2024),
        initiatives=(Initiative("M1", 2023, "ministry"), Initiative("U1", 2024, "unit")),
    )

    report = judge(lan, year=2024)

    assert report.result("P1", "CSTD_BO").uses == ("M1",)
    bk_bo = report.result("P1", "BK_BO")
    assert bk_bo.verdict == "eligible"
    assert bk_bo.uses == ("U1", "M1")  # the narrowest first
    assert bk_bo.conditions[-1].rule == (
        "Sáng kiến M1 cũng được đề xuất cho Chiến sĩ thi đua cấp Bộ: mỗi sáng kiến chỉ dùng cho "
        "một danh hiệu hoặc hình thức khen thưởng, nên chỉ chọn được một"
    )
    assert [result.code for result in plan(report)] == ["LDTT", "CSTDCS", "CSTD_BO"]


# Regimes and settings ---------------------------------------------------------------


def test_a_setting_can_be_overridden_for_one_evaluation():
    late = person(recruited_on=date(2024, 8, 15), ratings={2024: "HTTNV"})

    report = judge(late, year=2024, settings={"ldtt_min_months": 4})

    assert report.verdicts("P1")["LDTT"] == "eligible"


def test_an_unknown_setting_is_refused_rather_than_ignored():
    with pytest.raises(ValueError, match="has no setting 'ldtt_min_month'"):
        judge(person(), year=2024, settings={"ldtt_min_month": 4})


def test_a_dated_setting_applies_from_its_effective_date_only():
    edited = LAW2022.with_settings(DatedSetting("ldtt_min_months", 4, date(2026, 1, 1), "edited"))
    late_2025 = person(recruited_on=date(2025, 8, 15), ratings={2025: "HTTNV"})
    late_2026 = person(recruited_on=date(2026, 8, 15), ratings={2026: "HTTNV"})

    regimes = (LAW2013, edited)
    assert judge(late_2025, year=2025, regimes=regimes).verdicts("P1")["LDTT"] == "not_eligible"
    assert judge(late_2026, year=2026, regimes=regimes).verdicts("P1")["LDTT"] == "eligible"


def test_a_third_regime_is_data_plus_one_small_predicate():
    def cstdcs_needs_national_initiative(ctx) -> Outcome:
        found, uses = ctx.initiatives_check(
            count=1, min_scope="national", first=ctx.year, last=ctx.year
        )
        return Outcome([found], uses)

    law2030 = Regime(
        name="law2030",
        first_year=2030,
        last_year=None,
        settings=(
            *LAW2022.settings,
            DatedSetting("ldtt_min_months", 3, date(2030, 1, 1), "toy law"),
        ),
        rules={**LAW2022.rules, "CSTDCS": cstdcs_needs_national_initiative},
        quotas=LAW2022.quotas,
    )
    regimes = (LAW2013, dataclasses.replace(LAW2022, last_year=2029), law2030)
    newcomer = person(
        recruited_on=date(2030, 9, 1),
        ratings={2030: "HTXSNV"},
        initiatives=(Initiative("N1", 2030, "national"),),
    )

    report = evaluate(Facts(people=(newcomer,)), 2030, regimes=regimes)

    assert report.regime == "law2030"
    assert report.verdicts("P1")["LDTT"] == "eligible"
    assert report.result("P1", "CSTDCS").uses == ("N1",)
    assert evaluate(Facts(people=(newcomer,)), 2029, regimes=regimes).regime == "law2022"


def test_a_regime_without_a_rule_for_every_code_is_refused():
    with pytest.raises(ValueError, match="has no rule for HCLD_3"):
        Regime(
            "broken",
            2030,
            None,
            LAW2022.settings,
            rules={code: rule for code, rule in LAW2022.rules.items() if code != "HCLD_3"},
        )


def test_overlapping_regimes_are_refused():
    with pytest.raises(ValueError, match="2 regimes cover 2024"):
        evaluate(Facts(people=(person(),)), 2024, regimes=(LAW2022, LAW2022))


def test_a_pending_condition_makes_the_verdict_needs_judgement():
    def council_decides(ctx) -> Outcome:
        return Outcome([Check("council", msg("rule.bk_bo_council"), False, pending=True)])

    regime = dataclasses.replace(LAW2022, rules={**LAW2022.rules, "BK_BO": council_decides})

    report = evaluate(Facts(people=(person(),)), 2024, regimes=(regime,))

    assert report.verdicts("P1")["BK_BO"] == "needs_judgement"


def test_the_rules_engine_imports_nothing_from_django():
    code = (
        "import sys, xttm.emulation.rules.engine, xttm.emulation.rules.io; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "[]"


def test_facts_built_by_a_loader_are_checked_against_the_rules_of_the_file():
    validate_facts(Facts(people=(person(ratings={2024: "HTXSNV"}),), units=(UNIT,), year=2024))
    with pytest.raises(FactsError) as caught:
        validate_facts(Facts(people=(person(ratings={2024: "Xuất sắc"}),)))

    assert caught.value.path == "people[0].ratings.2024"
    assert caught.value.message == (
        '"Xuất sắc" không phải mức xếp loại hợp lệ (HTXSNV, HTTNV, HTNV, KHTNV)'
    )
