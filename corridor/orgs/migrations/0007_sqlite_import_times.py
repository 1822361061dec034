"""Imports wrote their rows' times on SQLite as ISO text ('2026-12-07T16:10:00.123456+00:00') where Django
writes '2026-12-07 16:10:00.123456': SQLite's date functions read the former as NULL and compare it as text
after every same-day time. Rewritten as Django writes them (UTC: imports wrote timezone.now()). PostgreSQL
stores real timestamps and has nothing to do."""

from django.db import migrations

TIME_COLUMNS = (("orgs_organisation", "created_at"), ("orgs_organisation", "updated_at"), ("audit_changerecord", "at"))


def normalise(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for table, column in TIME_COLUMNS:
            cursor.execute(f"UPDATE {table} SET {column} = replace(replace({column}, 'T', ' '), '+00:00', '') "
                           f"WHERE {column} LIKE '____-__-__T%'")


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0006_kept_counts"),
        ("audit", "0003_import_entries"),
    ]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
