"""Template filters of the reports: Vietnamese number formats."""

from django import template

from ..formatting import vn_number

register = template.Library()


@register.filter
def vn(value, decimals=0):
    """{{ value|vn }} → 1.234.567; {{ value|vn:2 }} → 1.234,56."""
    if value in (None, ""):
        return "—"
    return vn_number(value, int(decimals))


@register.simple_tag
def reports_access(user) -> dict:
    """Which report pages the user may open, for the navbar: {"programme": bool, "emulation": bool}."""
    from ..filters import may_see_emulation, may_see_programme

    return {"programme": may_see_programme(user), "emulation": may_see_emulation(user)}


@register.simple_tag
def labels_script(element_id, **labels):
    """{% labels_script "id" key=label … %} → a json_script block of chart labels.

    The labels are written in the template with {% translate … as var %}, so they live in the
    catalogue with the rest of the page and the JS (which CSP forbids inline) only reads them.
    """
    from django.utils.html import json_script

    return json_script({k: str(v) for k, v in labels.items()}, element_id)
