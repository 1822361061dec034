"""Large imports build the filled tables' indexes and foreign keys after the load (imports.bulkload): the rows and
the schema come out as a row-by-row import leaves them, and a rejected import leaves the schema untouched."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from corridor.imports import bulkload
from corridor.imports.services import BULK_TABLES, ImportRejected, import_organisations
from corridor.imports.tests.test_import_service import CODE_1, CODE_2, ZH_HEADER, ZH_ROWS, write
from corridor.orgs import uscc
from corridor.orgs.models import Organisation

# More rows than the test world has organisations: a file that at least doubles the registry.
EXTRA = [[f"杭州测试{i}号材料有限公司", "", uscc.make("9", "1", "330108", f"MA2T{i:05d}"), "", "杭州", "新材料", "", "", "", ""]
         for i in range(6)]


def schema() -> list[str]:
    """The indexes and constraints of the tables a large import fills, as the database describes them."""
    tables = list(BULK_TABLES)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = ANY(%s::regclass[]) "
                           "UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint "
                           "WHERE conrelid = ANY(%s::regclass[])", [tables, tables])
        else:
            cursor.execute("SELECT coalesce(sql, name) FROM sqlite_master WHERE tbl_name IN (%s, %s)", tables)
        return sorted(row[0] for row in cursor.fetchall())


@pytest.fixture
def large_from_two(monkeypatch):
    """Make a two-row file count as large, so the tests run the large-load path on small files."""
    monkeypatch.setattr(bulkload, "BULK_FROM_ROWS", 2)


def test_a_large_load_writes_the_same_rows_and_gives_the_indexes_back(world, tmp_path, large_from_two):
    before = schema()
    assert bulkload.wanted(len(ZH_ROWS + EXTRA), Organisation.objects.count())
    result = import_organisations(None, write(tmp_path, ZH_HEADER, ZH_ROWS + EXTRA))
    assert result.created == 8 and result.errors == []
    assert schema() == before
    org = Organisation.objects.get(uscc=CODE_1)
    assert org.region.code == "330108" and org.city.code == "330100"
    assert list(org.industries.values_list("slug", flat=True)) == ["robots"]
    assert sorted(Organisation.objects.get(uscc=CODE_2).industries.values_list("slug", flat=True)) == [
        "new-materials", "robots"]
    # The rebuilt unique index holds: the same code again is refused by the database.
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name_zh="另一家公司", uscc=CODE_1)


def test_a_rejected_large_load_leaves_the_schema_as_it_was(world, tmp_path, large_from_two):
    before = schema()
    rows = [ZH_ROWS[0], [*ZH_ROWS[1][:2], "not a code", *ZH_ROWS[1][3:]], *EXTRA]
    with pytest.raises(ImportRejected) as info:
        import_organisations(None, write(tmp_path, ZH_HEADER, rows))
    assert [(e.row, e.column) for e in info.value.result.errors] == [(3, "统一社会信用代码")]
    assert schema() == before
    assert not Organisation.objects.filter(uscc=CODE_1).exists()


def test_small_files_and_files_smaller_than_the_table_keep_their_indexes():
    assert not bulkload.wanted(bulkload.BULK_FROM_ROWS - 1, 0)
    assert not bulkload.wanted(200_000, 300_000)
    assert bulkload.wanted(200_000, 150_000)


@pytest.mark.django_db
def test_foreign_keys_are_checked_when_they_come_back():
    """A row written while the keys were away that breaks one fails the rebuild (the import then rolls back).
    SQLite keeps its foreign keys in the table's definition: they are never suspended (it checks them itself)."""
    rebuild = bulkload.suspend(BULK_TABLES)
    stray = Organisation.objects.create(name_zh="无此地区的公司", region_id=987654321)
    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            rebuild()
    else:
        rebuild()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_key_check(orgs_organisation)")
            assert cursor.fetchall()
        stray.delete()  # or the test's own end-of-test constraint check fails


def test_a_first_load_into_an_empty_registry_still_refuses_a_repeated_code(world, tmp_path, large_from_two):
    """Into an empty registry, a large load does not look credit codes up in the table (only this file put codes
    there): a code the file repeats is still refused, and a clean file still loads every row."""
    Organisation.objects.all().delete()
    rows = [*EXTRA, ["杭州另一家公司", "", EXTRA[2][2], *EXTRA[2][3:]]]
    with pytest.raises(ImportRejected) as info:
        import_organisations(None, write(tmp_path, ZH_HEADER, rows))
    assert [(e.row, e.column) for e in info.value.result.errors] == [(8, "统一社会信用代码")]
    assert not Organisation.objects.exists()
    result = import_organisations(None, write(tmp_path, ZH_HEADER, rows[:-1]))
    assert (result.created, result.updated, result.errors) == (6, 0, [])
    assert Organisation.objects.count() == 6
