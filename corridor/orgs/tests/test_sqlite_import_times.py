"""Migration orgs 0007: times written as ISO text by earlier imports on SQLite read as times again."""

import importlib
from types import SimpleNamespace

from django.db import connection
from django.db.models.functions import TruncDate

from corridor.orgs.models import Organisation
from corridor.orgs.services import create_organisation

migration = importlib.import_module("corridor.orgs.migrations.0007_sqlite_import_times")


def test_iso_text_times_are_rewritten_as_django_writes_them(world):
    org = create_organisation(None, {"name_zh": "时间格式测试有限公司", "region": "330402"})
    with connection.cursor() as cursor:
        cursor.execute("UPDATE orgs_organisation SET created_at = %s WHERE id = %s",
                       ["2026-03-04T05:06:07.123456+00:00", org.pk])
    day = Organisation.objects.filter(pk=org.pk).annotate(day=TruncDate("created_at")).values_list("day", flat=True).get()
    assert (day is None) == (connection.vendor == "sqlite")  # PostgreSQL parsed the text into a timestamp
    migration.normalise(None, SimpleNamespace(connection=connection))
    org.refresh_from_db()
    assert org.created_at.isoformat() == "2026-03-04T05:06:07.123456+00:00"
    assert Organisation.objects.filter(pk=org.pk).annotate(day=TruncDate("created_at")).values_list("day", flat=True).get()
