"""Notifications now live in `corridor.notifications` (their rows were copied by its migration 0002)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0003_listing_segments_to_identifiers'),
        ('notifications', '0002_move_matching_notifications'),
    ]

    operations = [
        migrations.DeleteModel(
            name='Notification',
        ),
    ]
