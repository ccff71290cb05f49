"""Template helpers of the programme: the unread-notification count for the navbar, money."""

from django import template

from ..models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.for_user(user).unread().count()


@register.filter
def vnd(value) -> str:
    """1234567 → '1.234.567'."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return value or ""


@register.filter
def usd(value) -> str:
    try:
        return f"{float(value):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    except (TypeError, ValueError):
        return value or ""
