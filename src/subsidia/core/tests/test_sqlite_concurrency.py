"""SQLite as configured: WAL, immediate transactions and a busy timeout, so concurrent writers wait in turn."""

import threading
import time

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper


def _connection(path):
    options = dict(settings.SQLITE_OPTIONS)
    wrapper = DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": options, "TIME_ZONE": None,
            "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False, "AUTOCOMMIT": True, "ATOMIC_REQUESTS": False,
            "USER": "", "PASSWORD": "", "HOST": "", "PORT": "", "TEST": {},
        },
        alias=f"concurrency-{threading.get_ident()}",
    )
    return wrapper


@pytest.fixture(autouse=True)
def _own_databases(django_db_blocker):
    """These tests open their own SQLite files, outside the test database."""
    with django_db_blocker.unblock():
        yield


def test_the_database_runs_in_wal_mode(tmp_path):
    connection = _connection(tmp_path / "db.sqlite3")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    connection.close()


def test_two_writers_at_once_both_succeed_one_after_the_other(tmp_path):
    path = tmp_path / "db.sqlite3"
    setup = _connection(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE t (n INTEGER)")
    setup.close()
    barrier = threading.Barrier(2)
    errors = []

    def writer(n):
        connection = _connection(path)
        try:
            barrier.wait()
            connection.set_autocommit(False)  # Django's atomic(): BEGIN IMMEDIATE with transaction_mode set
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO t VALUES (%s)", [n])
                time.sleep(0.3)  # hold the write lock while the other writer waits
            connection.commit()
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    check = _connection(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        assert cursor.fetchone()[0] == 2
    check.close()


@pytest.mark.parametrize("key", ["transaction_mode", "timeout", "init_command"])
def test_sqlite_options_are_set(key):
    assert key in settings.SQLITE_OPTIONS
