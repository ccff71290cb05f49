"""The engine remembers rendered rule texts: the same text as a fresh rendering, never another's."""

from xttm.emulation.rules.engine import _render
from xttm.emulation.rules.explain import Code, Years, msg, render


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
