"""The instrument page reads as people write: certificate schemes once, weekday names, money, who may book."""

from __future__ import annotations

import re

from corridor.equipment.testing import make_instrument


def test_instrument_page_wording_in_both_languages(world) -> None:  # type: ignore[no-untyped-def]
    bench = make_instrument(world.owner_org, world.regions["330108"])  # "CNAS L1234", 800/h + 200/sample, 1234567
    bench.open_days = "12345"
    bench.save(update_fields=["open_days"])
    client = world.client_for("member")
    zh = client.get(f"/equipment/{bench.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    en = client.get(f"/equipment/{bench.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for page in (zh, en):
        assert "CNAS CNAS" not in page and "CNAS L1234" in page
        assert "12345" not in page
    assert "周一至周五" in zh and "每小时 800.00 元，另加每样品 200.00 元" in zh and "可预约机构：" in zh
    assert "Mon to Fri" in en and "¥800.00 per hour, plus ¥200.00 per sample" in en and "Who may book:" in en
    bench.rate_per_sample = 0
    bench.save(update_fields=["rate_per_sample"])
    zh = client.get(f"/equipment/{bench.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert not re.search(r"每样品\s*0", zh)
