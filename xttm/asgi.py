"""ASGI entry point (not used by `serve`, kept for deployments that want it)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xttm.settings")
application = get_asgi_application()
