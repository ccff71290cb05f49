"""The app's URLs plus the list pages' reference: a trivial view over the same rows."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from xttm.directory.models import Enterprise, Person
from xttm.promotion.models import Deal

MODELS = {
    "enterprises": (Enterprise, "name"),
    "deals": (Deal, "code"),
    "people": (Person, "full_name"),
}
PER_PAGE = 25
TEMPLATE = engines["django"].from_string(
    '{% extends "base.html" %}{% block content %}<table class="table">'
    "{% for pk, label in rows %}<tr><td>{{ pk }}</td><td>{{ label }}</td></tr>{% endfor %}"
    "</table>{% endblock %}"
)


@login_required
def trivial(request, name):
    """The least a list page can do: one page of two columns in the site's layout, no filters."""
    model, label = MODELS[name]
    page = int(request.GET.get("page", 1))
    start = (page - 1) * PER_PAGE
    rows = model.objects.order_by(*model._meta.ordering).values_list("pk", label)
    return HttpResponse(TEMPLATE.render({"rows": rows[start : start + PER_PAGE]}, request))


urlpatterns = [path("bench/trivial/<str:name>/", trivial), path("", include("xttm.urls"))]
