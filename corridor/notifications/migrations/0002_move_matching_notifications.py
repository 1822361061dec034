"""Matchmaking's notifications become the notifications of every app: same users, text, links and dates."""

from django.db import migrations


def forward(apps, schema_editor):
    Old = apps.get_model("matching", "Notification")
    New = apps.get_model("notifications", "Notification")
    # Keep the original dates: the historical field would stamp "now" on every copied row.
    New._meta.get_field("created_at").auto_now_add = False
    batch = []
    for old in Old.objects.order_by("id").iterator(chunk_size=2000):
        batch.append(New(user_id=old.user_id, text=old.text, link=old.link, created_at=old.created_at,
                         read_at=old.read_at, emailed_at=old.created_at))  # their e-mail went out when they were made
        if len(batch) >= 2000:
            New.objects.bulk_create(batch)
            batch = []
    New.objects.bulk_create(batch)


def backward(apps, schema_editor):
    Old = apps.get_model("matching", "Notification")
    New = apps.get_model("notifications", "Notification")
    Old._meta.get_field("created_at").auto_now_add = False
    Old.objects.bulk_create([
        Old(user_id=n.user_id, text=(n.text or n.message)[:300], link=n.link, created_at=n.created_at, read_at=n.read_at)
        for n in New.objects.order_by("id").iterator()
    ])


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notifications"),
        ("matching", "0003_listing_segments_to_identifiers"),
    ]

    operations = [migrations.RunPython(forward, backward)]
