"""Public pages cite a seed document by its title and date, never by its file name."""

from __future__ import annotations

from corridor.demo.facts import SEED_G60_2020


def test_an_organisations_source_is_cited_by_title_and_date(world) -> None:  # type: ignore[no-untyped-def]
    world.owner_org.source_seed = SEED_G60_2020
    world.owner_org.save(update_fields=["source_seed"])
    client = world.client_for("visitor")
    zh = client.get(f"/organisations/{world.owner_org.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    en = client.get(f"/organisations/{world.owner_org.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "《长三角G60科创走廊发展势头强劲》, 2020-11-12" in zh
    assert "G60 S&amp;T Innovation Valley of Yangtze River Delta has Made Strong Development" in en and "2020-11-12" in en
    assert SEED_G60_2020 not in zh and SEED_G60_2020 not in en
