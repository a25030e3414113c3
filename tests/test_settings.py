"""Settings are read at start-up, so each case starts a fresh interpreter."""

import os
import subprocess
import sys

CHECK = """
import django
django.setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
    cursor.execute("PRAGMA foreign_keys")
    foreign_keys = cursor.fetchone()[0]
print(settings.DEBUG, connection.settings_dict["NAME"], journal, foreign_keys)
"""


def start(tmp_path, **environment) -> subprocess.CompletedProcess:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("MINSHENG_") and name != "DJANGO_SETTINGS_MODULE"
    }
    env |= {"DJANGO_SETTINGS_MODULE": "minsheng.settings", "MINSHENG_VAR_DIR": str(tmp_path)}
    env |= environment
    return subprocess.run(
        [sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, timeout=60
    )


def test_production_mode_refuses_the_default_secret(tmp_path):
    result = start(tmp_path, MINSHENG_PRODUCTION="1")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "MINSHENG_SECRET_KEY" in result.stderr


def test_production_mode_starts_with_its_own_secret(tmp_path):
    result = start(
        tmp_path, MINSHENG_PRODUCTION="1", MINSHENG_SECRET_KEY="a-real-secret-of-our-own-0123456789"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"  # no debug pages in production


def test_default_database_is_sqlite_under_var_with_wal_and_foreign_keys(tmp_path):
    result = start(tmp_path)

    assert result.returncode == 0, result.stderr
    debug, name, journal, foreign_keys = result.stdout.split()
    assert debug == "True"
    assert name == str(tmp_path / "minsheng.sqlite3")
    assert (journal, foreign_keys) == ("wal", "1")
