"""WSGI entry point for a production server (gunicorn, uWSGI, mod_wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchguard.config.settings")
application = get_wsgi_application()
