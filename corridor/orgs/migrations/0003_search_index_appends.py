"""Indexes that bulk imports can keep up with.

- org_listed_search carries the search text instead of keying on it (PostgreSQL INCLUDE): rows append
  to the end of the index. SQLite has no INCLUDE, so it gets the keyed covering index it had.
- city has no index of its own: org_city_kind (city, kind) serves every city lookup.
- uscc loses PostgreSQL's varchar_pattern_ops twin of its unique index: nothing searches codes by
  prefix (the admin's search is case-insensitive, which that index cannot serve).
- The industries table loses Django's index on organisation_id: its unique (organisation_id,
  industry_id) index leads with that column already.
"""

import django.db.models.deletion
from django.db import migrations, models

USCC_LIKE = "orgs_organisation_uscc_f4bb22e2_like"
INDUSTRIES_BY_ORG = "orgs_organisation_industries_organisation_id_2ac37d34"


def vendor_specific(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDUSTRIES_BY_ORG}")
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("CREATE INDEX org_listed_search_keyed ON orgs_organisation (listed, search_text)")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {USCC_LIKE}")


def vendor_specific_back(apps, schema_editor):
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDUSTRIES_BY_ORG} ON orgs_organisation_industries (organisation_id)"
    )
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS org_listed_search_keyed")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {USCC_LIKE} ON orgs_organisation (uscc varchar_pattern_ops)"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('orgs', '0002_list_and_search_indexes'),
        ('regions', '0001_initial'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='organisation',
            name='org_listed_search',
        ),
        migrations.AlterField(
            model_name='organisation',
            name='city',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='city'),
        ),
        migrations.AddIndex(
            model_name='organisation',
            index=models.Index(fields=['listed', 'id'], include=('search_text',), name='org_listed_search'),
        ),
        migrations.RunPython(vendor_specific, vendor_specific_back),
    ]
