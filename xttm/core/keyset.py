"""Keyset pagination: the next page starts after the last row's sort key, so page 10,000 costs page 1.

A list ordered by local, non-null columns (the model's `Meta.ordering` or the
queryset's own order, ending in a unique column or the primary key) can be
paged by a cursor: the last row's values, encoded in the URL as `after=`.
With an index on those columns the database starts reading at the cursor
instead of counting and skipping every row before it, as OFFSET does.
"""

import base64
import binascii
import json

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q


def ordering_for(queryset) -> list[str] | None:
    """The queryset's ordering made total (ending in a unique column), or None if it cannot be keyed."""
    model = queryset.model
    names = list(queryset.query.order_by) or list(model._meta.ordering)
    out = []
    for name in names:
        if not isinstance(name, str) or "__" in name or name.lstrip("-") in ("?", ""):
            return None
        field_name = name.lstrip("-")
        if field_name == "pk":
            field = model._meta.pk
        else:
            try:
                field = model._meta.get_field(field_name)
            except FieldDoesNotExist:
                return None
        if not field.concrete or field.is_relation or field.null:
            return None
        out.append(name)
        if field.unique or field.primary_key:
            return out
    return [*out, "pk"]


def _field(model, name):
    name = name.lstrip("-")
    return model._meta.pk if name == "pk" else model._meta.get_field(name)


def cursor_of(obj, ordering: list[str]) -> str:
    """The cursor that starts the page after `obj`."""
    values = []
    for name in ordering:
        field = _field(type(obj), name)
        values.append(field.value_to_string(obj))
    raw = json.dumps(values, ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def after(queryset, ordering: list[str], cursor: str):
    """The rows that come after the cursor in `ordering`; None when the cursor is not one of ours."""
    model = queryset.model
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        texts = json.loads(raw)
        if not isinstance(texts, list) or len(texts) != len(ordering):
            return None
        values = [_field(model, n).to_python(t) for n, t in zip(ordering, texts, strict=True)]
        if None in values:  # the ordering's columns are never null: a cursor made by hand
            return None
    except (binascii.Error, ValueError, ValidationError, TypeError):
        return None
    condition = Q()
    equal: dict = {}
    for name, value in zip(ordering, values, strict=True):
        column = name.lstrip("-")
        step = "lt" if name.startswith("-") else "gt"
        condition |= Q(**equal, **{f"{column}__{step}": value})
        equal[column] = value
    # The redundant bound on the first column lets the database start an index scan
    # at the cursor; the OR alone would make it read (and discard) every earlier row.
    first = ordering[0]
    bound = {f"{first.lstrip('-')}__{'lte' if first.startswith('-') else 'gte'}": values[0]}
    return queryset.filter(**bound).filter(condition).order_by(*ordering)
