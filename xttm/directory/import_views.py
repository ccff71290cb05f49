"""Import pages: upload an xlsx/csv, see every refused row or the counts; download the blank template."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from xttm.accounts.roles import has_role
from xttm.core.importing import Importer
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
    """Upload, run the importer as the signed-in user, and show the result on the same page.

    Re-posting the same file is harmless: a second import creates and updates nothing.
    """

    form_class = ImportForm
    template_name = "directory/import.html"
    list_url_name = ""
    template_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        importer = self.importer_class
        context.update(
            title=_("Nhập {label} từ Excel").format(label=importer.label),
            list_url=reverse(self.list_url_name),
            template_url=reverse(self.template_url_name),
            columns=importer.columns,
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        result = self.importer_class(actor=self.request.user).run(
            upload, filename=upload.name, dry_run=dry_run
        )
        return self.render_to_response(
            self.get_context_data(form=form, result=result, summary=result.as_json())
        )


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
