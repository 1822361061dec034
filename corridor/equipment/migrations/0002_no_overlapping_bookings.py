from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

from corridor.equipment import overlap_guard


class Migration(migrations.Migration):
    """Overlapping active bookings refused by the database (see corridor/equipment/overlap_guard.py).

    BtreeGistExtension does nothing outside PostgreSQL; the RunPython picks the guard by vendor.
    """

    dependencies = [("equipment", "0001_instruments_bookings_vouchers")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(overlap_guard.install, overlap_guard.uninstall),
    ]
