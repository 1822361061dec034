"""Large loads: the tables an import fills lose their secondary indexes and foreign keys while it writes, and
get them back, built in one pass each, before it commits.

Kept up row by row, the organisation table's indexes (names in display order, credit codes, regions, the search
tokens' GIN) and the deferred foreign-key checks (three per organisation, two per industry link, each a lookup
queued until the commit) cost the database several times what writing the rows does. Built once over the whole
table they cost a sort each, and a foreign key added back is checked by one join over the table.

Everything happens inside the import's transaction (PostgreSQL and SQLite both roll DDL back), so the import
stays all-or-nothing: a failed or killed import leaves the indexes and keys as they were, and a row that breaks a
foreign key fails its rebuild, which rolls the whole import back. Unique constraints stay (the import looks credit
codes up while it loads). The price is the table's lock: on
PostgreSQL the organisation table is not readable while such an import writes. That is why it is used only when
the file brings at least as many rows as the table holds (a first load, or one that doubles the registry), where
rebuilding costs less than updating and the readers lose less than they would wait for a row-by-row load.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import connection

# Fewer rows than this are loaded with the indexes kept: rebuilding them would cost more than it saves.
BULK_FROM_ROWS = 50_000


def wanted(expected_rows: int, existing_rows: int) -> bool:
    """Drop and rebuild the indexes for a file of `expected_rows` into a table of `existing_rows`?"""
    return expected_rows >= BULK_FROM_ROWS and expected_rows >= existing_rows


def suspend(tables: Sequence[str]) -> Callable[[], None]:
    """Drop the secondary indexes and foreign keys of these tables (in the current transaction); the function
    returned builds them again, as they were (call it in the same transaction, after the load)."""
    if connection.vendor == "postgresql":
        return _suspend_postgresql(tables)
    if connection.vendor == "sqlite":
        return _suspend_sqlite(tables)
    return lambda: None


def _suspend_postgresql(tables: Sequence[str]) -> Callable[[], None]:
    restore: list[str] = []
    with connection.cursor() as cursor:
        # Checks still queued from earlier writes in this transaction (an import inside a caller's transaction)
        # would make ALTER TABLE refuse: run them now, as Django's own check_constraints() does.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in tables:
            # Foreign keys, added back with their own definitions (DEFERRABLE and the names as the migrations made
            # them). Unique constraints stay: the import's own matching looks credit codes up while it loads.
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname", [table])
            constraints = cursor.fetchall()
            # Plain indexes (those backing no constraint).
            cursor.execute(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i WHERE indrelid = "
                "%s::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
                "ORDER BY 1", [table])
            indexes = cursor.fetchall()
            for name, _definition in constraints:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
            restore += [definition for _name, definition in indexes]
            restore += [f'ALTER TABLE {table} ADD CONSTRAINT "{n}" {d}' for n, d in constraints]

    def rebuild() -> None:
        with connection.cursor() as cursor:
            # Each index is one sort of the table: give it the memory to sort in one go (this transaction only).
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for statement in restore:
                cursor.execute(statement)

    return rebuild


def _suspend_sqlite(tables: Sequence[str]) -> Callable[[], None]:
    # SQLite's foreign keys are part of the table's definition (and cheap: one lookup of the parent's key per
    # row); its named indexes are not. Indexes SQLite made itself for UNIQUE have no SQL and stay.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
            f"({', '.join(['%s'] * len(tables))}) ORDER BY name", list(tables))
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f'DROP INDEX "{name}"')

    def rebuild() -> None:
        with connection.cursor() as cursor:
            for _name, sql in indexes:
                cursor.execute(sql)

    return rebuild
