"""Template helpers: Bootstrap classes on any form field, Vietnamese money and numbers."""

from django import forms, template
from django.utils.safestring import mark_safe

from xttm.core.tables import body_html, head_html

register = template.Library()


@register.filter
def bs(field):
    """Render a bound field's widget with Bootstrap's classes (and the error state).

    Django's own forms (login, password reset) are rendered through this too, so
    they look like ours without subclassing each of them.
    """
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple) and not isinstance(
        widget, forms.CheckboxSelectMultiple | forms.RadioSelect
    ):
        css = "form-select"
    elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        css = ""
    else:
        css = "form-control"
    attrs = {}
    existing = widget.attrs.get("class", "")
    classes = " ".join(c for c in (existing, css, "is-invalid" if field.errors else "") if c)
    if classes:
        attrs["class"] = classes
    if field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.auto_id}_errors"
    elif field.help_text:
        attrs["aria-describedby"] = f"{field.auto_id}_help"
    return field.as_widget(attrs=attrs)


@register.filter
def bs_small(field):
    """The same, small, for filter bars."""
    html = str(bs(field))
    small = html.replace('class="form-control', 'class="form-control form-control-sm').replace(
        'class="form-select', 'class="form-select form-select-sm'
    )
    # The widget HTML is Django's own, already escaped; only class names changed.
    return mark_safe(small)  # noqa: S308


@register.filter
def table_body(table):
    """A django-tables2 table's rows, written in Python (core/table.html)."""
    return body_html(table)


@register.simple_tag(takes_context=True)
def table_head(context, table):
    """A django-tables2 table's header row with its sort links, written in Python."""
    return head_html(table, context.get("request"))
