"""Rule texts are rendered once and only when read: the same text as a fresh rendering, never another's."""

from xttm.emulation.rules.explain import Code, Years, msg, render
from xttm.emulation.rules.explain import render_cached as _render


def test_a_remembered_text_equals_a_fresh_rendering_in_each_language():
    for lang in ("vi", "en"):
        item = msg("missing.award_held", title=Code("LDTT"))
        assert _render(item, lang) == render(item, lang)
        assert _render(item, lang) == render(item, lang)  # the second comes from the cache


def test_a_code_and_a_plain_string_of_the_same_value_are_not_confused():
    as_code = _render(msg("missing.award_held", title=Code("LDTT")), "vi")
    as_text = _render(msg("missing.award_held", title="LDTT"), "vi")
    assert as_code == render(msg("missing.award_held", title=Code("LDTT")), "vi")
    assert as_text == render(msg("missing.award_held", title="LDTT"), "vi")
    assert as_code != as_text


def test_an_unhashable_parameter_is_rendered_without_the_cache():
    item = msg("missing.award_held", title=["LDTT", "CSTDCS"])
    assert _render(item, "vi") == render(item, "vi")


def test_several_years_render_as_the_engine_always_rendered_them():
    item = msg("missing.rating_years", rating="HTTNV", years=Years([2023, 2024]), count=2)
    assert _render(item, "vi") == render(item, "vi")
    assert "2023, 2024" in _render(item, "vi")


# Lazy texts: the engine keeps messages and renders them when they are read.


def _report(lang):
    from datetime import date

    from xttm.emulation.rules import Facts, Initiative, Person, Title, Unit, evaluate

    lan = Person(
        id="P1",
        unit="U1",
        recruited_on=date(2010, 1, 1),
        ratings=dict.fromkeys(range(2020, 2025), "HTXSNV"),
        titles=tuple(Title("LDTT", y) for y in (2022, 2023)),
        initiatives=(Initiative("I1", 2023, "ministry"),),
    )
    late = Person(id="P2", unit="U1", recruited_on=date(2024, 9, 1), ratings={2024: "HTTNV"})
    facts = Facts(people=(lan, late), units=(Unit(id="U1", name="Phòng Xúc tiến xuất khẩu"),))
    return evaluate(facts, 2024, lang=lang)


def test_a_result_holds_no_text_until_one_is_read():
    result = _report("vi").result("P2", "LDTT")
    assert "conditions" not in vars(result) and "missing" not in vars(result)

    condition = result.condition("working_time")

    assert "rule" not in vars(condition)
    assert condition.rule == (
        "Có từ 6 tháng công tác trở lên trong năm 2024 (tính cả thời gian nghỉ thai sản,"
        " điều trị thương tích, đào tạo, bồi dưỡng dưới 12 tháng)"
    )
    assert result.missing == (
        "tuyển dụng ngày 01/09/2024 nên chỉ có 122 ngày công tác trong năm 2024;"
        " cần ít nhất 6 tháng (184 ngày)",
    )
    assert "rule" in vars(condition) and "missing" in vars(result)


def test_lazy_texts_equal_an_eager_rendering_of_every_message_in_each_language():
    for lang in ("vi", "en"):
        report = _report(lang)
        for result in report.results:
            assert result.missing == tuple(render(reason, lang) for reason in result.reasons)
            for condition in result.conditions:
                assert condition.rule == render(condition.message, lang)
        refused = report.result("P2", "LDTT")
        assert refused.verdict == "not_eligible"
        assert len(refused.missing) == 1 and "2024" in refused.missing[0]


def test_a_condition_given_text_shows_that_text():
    from xttm.emulation.rules import Condition

    assert Condition("x", "Đã có sẵn", True).rule == "Đã có sẵn"


def test_the_engine_leaves_the_garbage_collector_as_it_found_it():
    import gc

    assert gc.isenabled()
    _report("vi")
    assert gc.isenabled()
    gc.disable()
    try:
        _report("vi")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_refused_evaluation_still_turns_the_collector_back_on():
    import gc

    import pytest

    from xttm.emulation.rules import Facts, evaluate

    with pytest.raises(ValueError, match="unknown language"):
        evaluate(Facts(people=(), units=()), 2024, lang="fr")
    assert gc.isenabled()
