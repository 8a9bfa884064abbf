"""Test databases built once a session and put back per module: the bundled dataset takes
seconds to load, copying its rows back takes a fraction of one.

``module_database(name, build)`` makes a module-scoped fixture. The first module that asks for it
runs ``build()`` and keeps a copy of the whole database as it was before and after; every module
that asks gets the "after" copy put back before its first test and the "before" copy after its
last one, so the next module finds the database as it was. Inside the module each test still
runs in its own transaction, rolled back (or, for ``transaction=True``, flushed) after it.

How a copy is kept:

* SQLite (an in-memory test database): SQLite's online backup into another in-memory database,
  and back.
* PostgreSQL: every table copied into a schema of its own in the test database (not on the
  search path, so Django never sees it), and back with ``DELETE`` and ``INSERT ... SELECT`` in
  one transaction (Django's foreign keys are checked at the commit), the sequences set after the
  copied rows.

Under pytest-xdist each worker has its own test database and so its own copies.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import pytest
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction


class Copy(Protocol):
    def restore(self) -> None: ...


class SQLiteCopy:
    def __init__(self) -> None:
        connection.ensure_connection()
        self._copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self._copy)

    def restore(self) -> None:
        connection.ensure_connection()
        self._copy.backup(connection.connection)


class PostgreSQLCopy:
    _numbers = itertools.count(1)

    def __init__(self) -> None:
        self.schema = f"pm_test_copy_{next(self._numbers)}"
        self.tables = [connection.ops.quote_name(t) for t in connection.introspection.table_names()]
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {self.schema}")
            for table in self.tables:
                cursor.execute(f"CREATE TABLE {self.schema}.{table} AS TABLE {table}")

    def restore(self) -> None:
        models = apps.get_models(include_auto_created=True)
        with transaction.atomic(), connection.cursor() as cursor:
            # DELETE, not TRUNCATE: on these few thousand rows it is ten times faster.
            for table in self.tables:
                cursor.execute(f"DELETE FROM {table}")
            for table in self.tables:
                cursor.execute(f"INSERT INTO {table} SELECT * FROM {self.schema}.{table}")
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


def copy() -> Copy:
    """A copy of the test database's whole content as it is now."""
    if connection.vendor == "sqlite":
        return SQLiteCopy()
    if connection.vendor == "postgresql":
        return PostgreSQLCopy()
    raise NotImplementedError(f"no database copy for {connection.vendor}")


@dataclass
class Built:
    before: Copy
    after: Copy
    result: Any

    def put_back(self, which: Copy) -> None:
        from django.contrib.contenttypes.models import ContentType

        which.restore()
        ContentType.objects.clear_cache()  # the copy's content types may have other ids


def build_once(build: Callable[[], Any]) -> Built:
    before = copy()
    result = build()
    built = Built(before, copy(), result)
    built.put_back(before)
    return built


def module_database(name: str, build: Callable[[], Any]):
    """A module-scoped fixture called ``name``: the database as ``build()`` leaves it, built once
    a session. Its value is what ``build()`` returned (model instances stay valid: the copy keeps
    their primary keys)."""
    kept: list[Built] = []

    @pytest.fixture(scope="module", name=name)
    def fixture(django_db_setup, django_db_blocker) -> Iterator[Any]:
        with django_db_blocker.unblock():
            if not kept:
                kept.append(build_once(build))
            built = kept[0]
            built.put_back(built.after)
        yield built.result
        with django_db_blocker.unblock():
            built.put_back(built.before)

    fixture.__doc__ = build.__doc__
    return fixture
