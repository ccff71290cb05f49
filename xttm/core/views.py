"""Generic views every domain app builds on: scoped lists with filters and export, details, forms."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView, View
from django.views.generic.base import TemplateResponseMixin
from django_tables2 import RequestConfig
from django_tables2.paginators import LazyPaginator

from . import keyset
from .exports import table_rows, workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_ROW_LIMIT = 100_000


def scoped(model, user):
    """The only way a view reaches a model's rows: through its `for_user` scope."""
    return model.objects.for_user(user)


def get_scoped_or_404(model, user, **lookup):
    """Load one object the user may see; anything else is a 404, never a 403 that leaks existence."""
    try:
        return scoped(model, user).get(**lookup)
    except model.DoesNotExist as exc:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from exc


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ObjectListView(LoginRequiredMixin, TemplateResponseMixin, View):
    """A list page: one FilterSet (search + filters), one table, pagination, xlsx export.

    The same FilterSet serves the API, so a filter in the URL means the same
    thing on the page, in its export and over the API.
    """

    model = None
    filterset_class = None
    table_class = None
    template_name = "core/object_list.html"
    paginate_by = 25
    title = ""
    create_url_name = None
    extra_actions: list = []
    # Find a page's keys first, then read those rows whole: set where the model's order
    # index also holds the columns the search and filters test (INCLUDE on PostgreSQL), so
    # a search walks the index alone instead of fetching every row it passes over.
    keys_first = False

    def get_queryset(self):
        return scoped(self.model, self.request.user)

    def can_create(self) -> bool:
        return False

    def get(self, request, *args, **kwargs):
        filterset = self.filterset_class(request.GET, queryset=self.get_queryset(), request=request)
        queryset = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        if request.GET.get("export") == "xlsx":
            table = self.table_class(queryset, request=request)
            RequestConfig(request, paginate=False).configure(table)
            if queryset.count() > EXPORT_ROW_LIMIT:
                messages.error(
                    request,
                    _("Kết quả có hơn {limit} dòng; hãy lọc bớt trước khi xuất.").format(
                        limit=f"{EXPORT_ROW_LIMIT:,}".replace(",", ".")
                    ),
                )
                params = request.GET.copy()
                params.pop("export")
                return redirect(f"{request.path}?{params.urlencode()}")
            header, rows = table_rows(table)
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            name = f"{self.model._meta.model_name}-{stamp}.xlsx"
            return xlsx_response(workbook_bytes([(str(self.title), header, rows)]), name)
        params = request.GET.copy()
        params.pop("page", None)
        params.pop("after", None)
        ordering = None
        # The table's options tell the sort parameter and default order. A table over the
        # queryset would count every row (COUNT(*) over 500,000 deals) as soon as it is
        # made, and even an empty one copies every column.
        meta = self.table_class._meta
        if not request.GET.get(f"{meta.prefix}{meta.order_by_field}") and not meta.order_by:
            ordering = keyset.ordering_for(queryset)
        pager = {}
        if ordering is None:
            table = self.table_class(queryset, request=request)
            RequestConfig(
                request, paginate={"per_page": self.paginate_by, "paginator_class": LazyPaginator}
            ).configure(table)
        else:
            table, pager = self._keyset_page(request, queryset, ordering, params)
        context = {
            "pager": pager,
            "title": self.title,
            "filter": filterset,
            "table": table,
            "query_string": params.urlencode(),
            "can_create": self.can_create(),
            "create_url_name": self.create_url_name,
            "extra_actions": [
                a for a in self.extra_actions if a.get("allowed", lambda r: True)(request)
            ],
            "model_meta": self.model._meta,
        }
        return self.render_to_response(context)

    def _keyset_page(self, request, queryset, ordering, params):
        """One page read from a cursor (`after=`): constant cost however deep the page.

        `page=N` still works (as an offset) for old links; the pager offers the
        next page by cursor.
        """
        cursor = request.GET.get("after")
        rows = None
        if cursor:
            rows = keyset.after(queryset, ordering, cursor)
        if rows is None:
            rows = queryset.order_by(*ordering)
            try:
                page = max(1, int(request.GET.get("page", 1)))
            except ValueError:
                page = 1
            start = (page - 1) * self.paginate_by
        else:
            start = 0
        stop = start + self.paginate_by + 1
        is_first = not cursor and start == 0
        if self.keys_first:
            rows = queryset.filter(pk__in=rows.values("pk")[start:stop]).order_by(*ordering)
            start, stop = 0, None
        found = list(rows[start:stop])
        shown = found[: self.paginate_by]
        table = self.table_class(shown, request=request)
        RequestConfig(request, paginate=False).configure(table)
        base = params.urlencode()
        pager = {"first": f"?{base}", "is_first": is_first}
        if len(found) > self.paginate_by:
            after = keyset.cursor_of(shown[-1], ordering)
            pager["next"] = f"?{base}&after={after}" if base else f"?after={after}"
        return table, pager


def history_with_changes(obj, limit: int = 50) -> list[dict]:
    """The object's history, newest first, each entry with its field changes.

    Consecutive records are diffed in memory (one query), not with
    `prev_record`, which would cost a query per row.
    """
    manager = getattr(obj, "history", None)
    if manager is None:
        return []
    records = list(manager.select_related("history_user").order_by("-history_date")[: limit + 1])
    entries = []
    for record, previous in zip(records[:limit], [*records[1:], None], strict=False):
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                field = obj._meta.get_field(change.field)
                changes.append({"field": field.verbose_name, "old": change.old, "new": change.new})
        entries.append({"record": record, "changes": changes})
    return entries


class ObjectDetailView(LoginRequiredMixin, DetailView):
    """A detail page with the record's change history (django-simple-history)."""

    history_limit = 50

    def get_object(self, queryset=None):
        return get_scoped_or_404(self.model, self.request.user, pk=self.kwargs["pk"])

    def can_edit(self, obj) -> bool:
        return False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = context["object"]
        context["history"] = history_with_changes(obj, self.history_limit)
        context["can_edit"] = self.can_edit(obj)
        return context


class PermissionFormMixin(LoginRequiredMixin):
    """Create/update views ask `allowed(user, obj)`; refusal is a 403 with a Vietnamese reason."""

    template_name = "core/object_form.html"
    success_message = ""

    def allowed(self, user, obj=None) -> bool:
        return False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.allowed(request.user, self._target()):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        return super().dispatch(request, *args, **kwargs)

    def _target(self):
        if "pk" in self.kwargs:
            return get_scoped_or_404(self.model, self.request.user, pk=self.kwargs["pk"])
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referer = self.request.headers.get("referer", "")
        if referer and url_has_allowed_host_and_scheme(referer, {self.request.get_host()}):
            context["cancel_url"] = referer
        return context

    def form_valid(self, form):
        # The record and its history row (and a subclass's extra rows) are saved together:
        # a database lost between the two leaves nothing half written.
        with transaction.atomic():
            response = super().form_valid(form)
        messages.success(self.request, self.success_message or _("Đã lưu."))
        return response


class ObjectCreateView(PermissionFormMixin, CreateView):
    pass


class ObjectUpdateView(PermissionFormMixin, UpdateView):
    def get_object(self, queryset=None):
        return get_scoped_or_404(self.model, self.request.user, pk=self.kwargs["pk"])
