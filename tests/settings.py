"""The test configuration: the real settings with fast, isolated services."""

import os
import tempfile
from pathlib import Path

# Under pytest-xdist every worker keeps its own data directory (secret key, static files,
# caches), so two workers never write the same file.
if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    base = Path(os.environ.get("PACTMONITOR_DATA_DIR") or Path.cwd() / "data")
    os.environ["PACTMONITOR_DATA_DIR"] = str(base / f"worker-{worker}")

from pactmonitor.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "downloads": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="pactmonitor-test-downloads-")},
    },
}
# Jobs are recorded, not run: a test that needs the stored files runs them at once
# (tests/downloads/conftest.py: ``produced``), and one test runs the real database worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
PACTMONITOR_HTTPS = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns when it is missing)
