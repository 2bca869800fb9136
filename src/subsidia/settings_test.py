"""Test settings: the base settings with a fast password hasher and an in-memory mail outbox.

``DATABASE_URL`` still selects PostgreSQL, so the same suite runs on both databases.
"""

import tempfile
from pathlib import Path

from subsidia.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="subsidia-test-files-"))
AXES_ENABLED = True
WHITENOISE_AUTOREFRESH = True
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"public": "10000/minute"}}  # noqa: F405
# The live test server speaks plain HTTP; secure-only cookies would never come back from the browser.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    # One test database per test process, so two runs on one PostgreSQL server (a developer's suite and a
    # CI worktree, say) never drop each other's database.
    import os

    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}  # noqa: F405
