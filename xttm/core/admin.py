"""The admin's history pages are for reading: no route may rewrite a record from its past."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class AuditedAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose "revert" form only shows an old version.

    `SIMPLE_HISTORY_REVERT_DISABLED` only hides the button; the form would
    still save a POST. Changes go through the pages and services, where they
    are checked and recorded with their actor.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
