"""Import pages: upload an xlsx/csv as a background job, follow it, see every refused row or the counts."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from xttm.accounts.roles import has_role
from xttm.core.importing import Importer, get_importer
from xttm.core.jobs import JobRefused, reap_dead_imports, retry_import, start_import
from xttm.core.models import ImportJob
from xttm.core.storage import FileWriteError
from xttm.core.views import xlsx_response

from .importers import EnterpriseImporter, PersonImporter
from .views import ENTERPRISE_CREATORS, PERSON_EDITORS

ALLOWED_SUFFIXES = (".xlsx", ".csv")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp dữ liệu"),
        help_text=gettext_lazy("Tệp .xlsx hoặc .csv, theo tệp mẫu."),
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ",".join(ALLOWED_SUFFIXES)}
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Chạy thử: chỉ kiểm tra, không lưu"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        limit = settings.XTTM_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Tệp lớn hơn giới hạn {limit}.").format(limit=filesizeformat(limit))
            )
        return upload


class ImportPermissionMixin(LoginRequiredMixin):
    """Only the roles that may edit the records may import them; others get a 403."""

    importer_class: type[Importer]
    allowed_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_role(request.user, *self.allowed_roles):
            raise PermissionDenied(_("Bạn không có quyền nhập dữ liệu này."))
        return super().dispatch(request, *args, **kwargs)


class ImportView(ImportPermissionMixin, FormView):
    """Upload a file: it is kept, a background job imports it, and the job's page shows the outcome.

    Re-posting the same file is harmless: a second import creates and updates nothing.
    """

    form_class = ImportForm
    template_name = "directory/import.html"
    list_url_name = ""
    template_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_context(self.importer_class.name))
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            job = start_import(
                self.importer_class.name,
                upload,
                user=self.request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except FileWriteError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        return redirect("import-job", pk=job.pk)


def page_context(kind: str) -> dict:
    """Title, links and columns of the import page of one kind of data."""
    importer = get_importer(kind)
    list_url_name, import_url_name, template_url_name = PAGES[kind]
    return {
        "title": _("Nhập {label} từ Excel").format(label=importer.label),
        "list_url": reverse(list_url_name),
        "import_url": reverse(import_url_name),
        "template_url": reverse(template_url_name),
        "columns": importer.columns,
    }


# The pages of each kind of import: (list, upload, blank template) URL names.
PAGES = {
    "enterprises": (
        "directory:enterprise-list",
        "directory:enterprise-import",
        "directory:enterprise-import-template",
    ),
    "people": (
        "directory:person-list",
        "directory:person-import",
        "directory:person-import-template",
    ),
    "participations": (
        "promotion:participation-list",
        "promotion:participation-import",
        "promotion:participation-import-template",
    ),
    "deals": ("promotion:deal-list", "promotion:deal-import", "promotion:deal-import-template"),
    "ratings": (
        "emulation:rating-list",
        "emulation:rating-import",
        "emulation:rating-import-template",
    ),
}


class ImportJobView(LoginRequiredMixin, View):
    """One import job: the upload page with the job's progress (polled by htmx) and its outcome.

    Viewing a running job first checks that its worker is alive, so a dead
    worker's job turns `failed` here instead of spinning forever.
    """

    def get(self, request, pk):
        reap_dead_imports()
        job = get_object_or_404(ImportJob.objects.for_user(request.user), pk=pk)
        context = {"job": job, "result": job.result or None, **page_context(job.kind)}
        if request.headers.get("HX-Request"):
            return render(request, "directory/_import_job.html", context)
        context["form"] = ImportForm()
        return render(request, "directory/import.html", context)


class ImportJobRetryView(LoginRequiredMixin, View):
    """POST: run a failed job again with the same file."""

    def post(self, request, pk):
        job = get_object_or_404(ImportJob.objects.for_user(request.user), pk=pk)
        try:
            retry_import(job, actor=request.user)
        except JobRefused as exc:
            messages.error(request, str(exc))
        return redirect("import-job", pk=job.pk)


class ImportTemplateView(ImportPermissionMixin, View):
    def get(self, request, *args, **kwargs):
        importer = self.importer_class
        return xlsx_response(importer.template_workbook(), importer.template_filename())


class EnterpriseImportView(ImportView):
    importer_class = EnterpriseImporter
    allowed_roles = ENTERPRISE_CREATORS
    list_url_name = "directory:enterprise-list"
    template_url_name = "directory:enterprise-import-template"


class EnterpriseImportTemplateView(ImportTemplateView):
    importer_class = EnterpriseImporter
    allowed_roles = ENTERPRISE_CREATORS


class PersonImportView(ImportView):
    importer_class = PersonImporter
    allowed_roles = PERSON_EDITORS
    list_url_name = "directory:person-list"
    template_url_name = "directory:person-import-template"


class PersonImportTemplateView(ImportTemplateView):
    importer_class = PersonImporter
    allowed_roles = PERSON_EDITORS
