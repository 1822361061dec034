import os

import pytest

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
    from corridor.rnd.services import INDEX

    INDEX.reset()
    yield
