"""Middleware: Vietnamese first, and clear pages when the database or the disk fails."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class VietnameseFirstLocaleMiddleware:
    """Like Django's LocaleMiddleware, but ignores the browser's Accept-Language.

    Officials often run browsers set to English; the system still opens in
    Vietnamese, and the English switch (a cookie set by /i18n/setlang/) is the
    only way to change it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class DatabaseUnavailableMiddleware:
    """A database that stops answering gives a Vietnamese 503 page, not a 500 traceback.

    The request's transaction (if any) is already rolled back by then, so
    nothing is half written; the page tells the user their action was not saved.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError
        from django.template.loader import render_to_string

        if isinstance(exception, OperationalError | InterfaceError):
            from django.http import HttpResponse

            response = HttpResponse(render_to_string("503.html"), status=503)
            response["Retry-After"] = "30"
            return response
        return None


class FileWriteErrorMiddleware:
    """A file the server cannot write (an export on a full disk) gives a page saying so (507).

    The code that writes raises `FileWriteError` with a Vietnamese sentence
    after removing its half-written file; this turns it into a page with a way
    back, not a 500 traceback.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render
        from django.utils.http import url_has_allowed_host_and_scheme

        from .storage import FileWriteError

        if not isinstance(exception, FileWriteError):
            return None
        back = request.headers.get("referer", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = "/"
        return render(request, "507.html", {"message": str(exception), "back": back}, status=507)
