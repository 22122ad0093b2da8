"""Settings for the test suite: the real settings with fast hashing and fixed test keys."""

import os

os.environ.setdefault("BENCHGUARD_ENV", "test")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("FIELD_ENCRYPTION_KEY", "0OYc_dIjZsVt-Jjy9EVHyC4U0Xo2xGCCf_qt8IPhDPE=")
os.environ.setdefault("BLIND_INDEX_KEY", "test-blind-index-key")

from benchguard.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# A repeated POST whose first is still "in flight" answers at once: tests create such
# claims directly and never wait (core.once).
ONCE_WAIT_SECONDS = 0
