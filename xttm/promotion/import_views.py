"""Import pages of participations and deals (upload, see every refused row, download the template)."""

from xttm.directory.import_views import ImportTemplateView, ImportView

from .importers import DealImporter, ParticipationImporter
from .views import RESULT_RECORDERS


class ParticipationImportView(ImportView):
    importer_class = ParticipationImporter
    allowed_roles = RESULT_RECORDERS
    list_url_name = "promotion:participation-list"
    template_url_name = "promotion:participation-import-template"


class ParticipationImportTemplateView(ImportTemplateView):
    importer_class = ParticipationImporter
    allowed_roles = RESULT_RECORDERS


class DealImportView(ImportView):
    importer_class = DealImporter
    allowed_roles = RESULT_RECORDERS
    list_url_name = "promotion:deal-list"
    template_url_name = "promotion:deal-import-template"


class DealImportTemplateView(ImportTemplateView):
    importer_class = DealImporter
    allowed_roles = RESULT_RECORDERS
