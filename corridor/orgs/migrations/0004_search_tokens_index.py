"""Search tokens and their index (issue 16).

PostgreSQL: GIN over `array_to_tsvector(string_to_array(search_tokens, ' '))`. The tokens are made in
Python (corridor.search.text), so neither the text-search parser nor the database locale (C.UTF-8 here,
under which Chinese is not split into words and pg_trgm finds no trigram in a two-character term) decides
what a word is. The query side casts its text to tsquery, which takes lexemes literally.

SQLite: an FTS5 table holding the same tokens (unicode61 keeps a bigram of Chinese characters as one token),
kept in step by triggers on the organisation table. A later migration that makes Django rebuild the table on
SQLite (most AlterField) drops these triggers: it must recreate them (see SQLITE_TRIGGERS).
"""

from django.db import migrations, models

PG_INDEX = "org_search_tokens_gin"
SQLITE_TABLE = "orgs_organisation_fts"
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS orgs_organisation_fts_insert AFTER INSERT ON orgs_organisation BEGIN
        INSERT INTO {SQLITE_TABLE}(rowid, search_tokens) VALUES (new.id, new.search_tokens); END""",
    f"""CREATE TRIGGER IF NOT EXISTS orgs_organisation_fts_delete AFTER DELETE ON orgs_organisation BEGIN
        DELETE FROM {SQLITE_TABLE} WHERE rowid = old.id; END""",
    f"""CREATE TRIGGER IF NOT EXISTS orgs_organisation_fts_update AFTER UPDATE OF search_tokens ON orgs_organisation
        BEGIN DELETE FROM {SQLITE_TABLE} WHERE rowid = old.id;
        INSERT INTO {SQLITE_TABLE}(rowid, search_tokens) VALUES (new.id, new.search_tokens); END""",
]


def fill_tokens(apps, schema_editor):
    from corridor.search.text import document_tokens

    Organisation = apps.get_model("orgs", "Organisation")
    batch = []
    fields = ("id", "name_zh", "name_en", "short_name", "aliases", "description_zh", "description_en")
    for org in Organisation.objects.only(*fields).order_by("id").iterator(chunk_size=2000):
        org.search_tokens = document_tokens(
            [org.name_zh, org.name_en, org.short_name, *(org.aliases or [])], [org.description_zh, org.description_en]
        )
        batch.append(org)
        if len(batch) >= 2000:
            Organisation.objects.bulk_update(batch, ["search_tokens"])
            batch = []
    if batch:
        Organisation.objects.bulk_update(batch, ["search_tokens"])


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON orgs_organisation "
            "USING gin (array_to_tsvector(string_to_array(search_tokens, ' ')))"
        )
    elif vendor == "sqlite":
        schema_editor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5(search_tokens)")
        schema_editor.execute(
            f"INSERT INTO {SQLITE_TABLE}(rowid, search_tokens) SELECT id, search_tokens FROM orgs_organisation"
        )
        for trigger in SQLITE_TRIGGERS:
            schema_editor.execute(trigger)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
    elif vendor == "sqlite":
        for name in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS orgs_organisation_fts_{name}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {SQLITE_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("orgs", "0003_search_index_appends")]

    operations = [
        migrations.AddField(
            model_name="organisation", name="search_tokens", field=models.TextField(default="", editable=False)
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(create_index, drop_index),
    ]
