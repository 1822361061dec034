import os

import pytest

# The demo corridor at the size the demo checks use: one load, shared by every test that asks for it.
DEMO_SIZE = 200

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run there
# unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _delete_rows_instead_of_truncating() -> None:
    """A transactional test ends with a flush of every table. On PostgreSQL that is one TRUNCATE of ~115 tables,
    which makes new files for each table and index: about a second (three under load) after every such test,
    while a test leaves a few rows. DELETE of each table empties them in milliseconds; every foreign key is
    DEFERRABLE INITIALLY DEFERRED (Django's own), so the order of the statements inside the flush's transaction
    does not matter. Only the tests' flush: sequences are not reset by either."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):  # type: ignore[no-untyped-def]
        if reset_sequences or allow_cascade:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"DELETE FROM {self.quote_name(table)};" for table in tables]

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


_delete_rows_instead_of_truncating()


@pytest.fixture
def world(db):
    from corridor.core.testing import build_world

    return build_world()


@pytest.fixture(autouse=True)
def fresh_rnd_index():
    """Each test's database starts empty (rolled back; SQLite then reuses the ids): the R&D engine's
    in-process corpus starts again too, or an earlier test's projects answer under a later test's ids."""
    from corridor.rnd.index import INDEX

    INDEX.reset()
    yield


@pytest.fixture(scope="session")
def demo_corridor(django_db_setup, django_db_blocker):
    """The demo corridor, loaded once for every test that asks for it (a load takes half a minute; eight apps
    check their part of it), inside a transaction rolled back at the end of the session. Each test's own
    transaction nests inside it as a savepoint, so what one test changes is undone before the next. Those
    tests run last (see the hook below): no other test may run inside this transaction."""
    from django.db import transaction

    from corridor.demo.services import load_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        counts = load_demo(size=DEMO_SIZE)
    yield counts
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests on the shared demo corridor go last, after pytest-django's own ordering: the transaction that holds
    the demo stays open from the first of them to the end of the session. They must be plain `db` tests."""
    def on_demo(item) -> bool:  # type: ignore[no-untyped-def]
        return "demo_corridor" in getattr(item, "fixturenames", ())

    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
        if on_demo(item) and (transactional or {"transactional_db", "live_server"} & set(item.fixturenames)):
            raise pytest.UsageError(f"{item.nodeid}: the shared demo corridor needs a test inside its transaction")
    items.sort(key=on_demo)
