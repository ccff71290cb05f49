"""The transition table, move by move and role by role: every allowed move and every refused one."""

import pytest

from xttm.promotion import services
from xttm.promotion.choices import TRANSITIONS, SchemeStatus
from xttm.promotion.models import SchemeEvent

from .conftest import move_kwargs

PERSONAS = [
    "admin",
    "leadership",
    "programme_officer",
    "partner_officer",
    "outsider",
    "emulation_secretariat",
    "council_member",
    "staff",
]


def allowed(persona: str, rule, to_state: str) -> bool:
    if to_state == SchemeStatus.IN_PROGRESS and rule.service == "decide_adjustment":
        # The pending adjustment of the fixture changes dates only: the programme board decides.
        return persona in ("admin", "programme_officer")
    if persona == "outsider":
        return False  # a partner officer of another organisation never moves this scheme
    return ROLE_OF.get(persona, persona) in rule.roles


ROLE_OF = {"admin": "administrator"}

MOVES = [
    (from_state, to_state, persona)
    for from_state, targets in TRANSITIONS.items()
    for to_state in targets
    for persona in PERSONAS
]
REFUSED_BY_STATE = [
    (from_state, to_state)
    for from_state in SchemeStatus.values
    for to_state in SchemeStatus.values
    if to_state not in TRANSITIONS[from_state]
]


@pytest.mark.parametrize(("from_state", "to_state", "persona"), MOVES)
def test_each_move_is_allowed_exactly_to_the_roles_of_the_table(
    scheme_in, personas, from_state, to_state, persona
):
    scheme = scheme_in(from_state)
    rule = TRANSITIONS[from_state][to_state]
    events = SchemeEvent.objects.filter(scheme=scheme).count()
    if allowed(persona, rule, to_state):
        event = services.transition(
            scheme, to_state, actor=personas[persona], **move_kwargs(to_state)
        )
        scheme.refresh_from_db()
        assert scheme.status == to_state
        assert (event.actor, event.from_status, event.to_status) == (
            personas[persona],
            from_state,
            to_state,
        )
        assert event.document_number == "123/QĐ-XTTM"
    else:
        with pytest.raises(services.Refused):
            services.transition(scheme, to_state, actor=personas[persona], **move_kwargs(to_state))
        scheme.refresh_from_db()
        assert scheme.status == from_state
        assert SchemeEvent.objects.filter(scheme=scheme).count() == events


@pytest.mark.parametrize("from_state", SchemeStatus.values)
def test_every_move_not_in_the_table_is_refused_even_to_an_administrator(
    scheme_in, personas, from_state
):
    scheme = scheme_in(from_state)
    refused = [to for (frm, to) in REFUSED_BY_STATE if frm == from_state]
    assert refused  # at least the move to itself
    for to_state in refused:
        with pytest.raises(services.Refused, match="Không thể chuyển đề án"):
            services.transition(scheme, to_state, actor=personas["admin"], **move_kwargs(to_state))
        scheme.refresh_from_db()
        assert scheme.status == from_state
    assert not SchemeEvent.objects.filter(scheme=scheme).exists()


@pytest.mark.parametrize("state", ["settled", "cancelled", "rejected", "needs_supplement"])
def test_the_services_walk_a_scheme_to_each_end_and_record_every_step(walked_scheme, state):
    from .conftest import PATHS

    scheme = walked_scheme(state)
    assert scheme.status == state
    assert list(scheme.events.values_list("to_status", flat=True)) == [str(s) for s in PATHS[state]]
