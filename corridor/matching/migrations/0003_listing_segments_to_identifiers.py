"""Free-text segment names typed before listings referred to chain segments become identifiers
("<chain slug>/<segment key>") when they match a segment's Chinese or English name (case and
spacing aside); names matching no segment, or several segments of different chains, are left out."""

from django.db import migrations
from django.utils import timezone


def _fold(name: str) -> str:
    return "".join(str(name).split()).casefold()


def to_identifiers(apps, schema_editor):
    Listing = apps.get_model("matching", "Listing")
    Segment = apps.get_model("chains", "Segment")
    by_name: dict[str, set[str]] = {}
    for slug, key, name_zh, name_en in Segment.objects.filter(active=True).values_list(
        "chain__slug", "key", "name_zh", "name_en"
    ):
        ident = f"{slug}/{key}"
        for name in (name_zh, name_en, ident):
            if name:
                by_name.setdefault(_fold(name), set()).add(ident)
    for listing in Listing.objects.exclude(segments=[]).only("id", "segments"):
        mapped = []
        for value in listing.segments or []:
            found = by_name.get(_fold(value), set())
            if len(found) == 1:
                mapped.extend(found)
        mapped = list(dict.fromkeys(mapped))
        if mapped != listing.segments:
            Listing.objects.filter(pk=listing.pk).update(segments=mapped, updated_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_listing_changed_since_index"),
        ("chains", "0001_chain_templates_tags_counts"),
    ]

    operations = [migrations.RunPython(to_identifiers, migrations.RunPython.noop)]
