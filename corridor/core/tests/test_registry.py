"""The registry: every audited model has a restricted history page; one search box over the
registered models, each restricted to what the user may see."""

from __future__ import annotations

import pytest

from corridor.chains import services as chains
from corridor.chains.testing import load_chains, segment
from corridor.core import registry
from corridor.core.testing import expect_matrix
from corridor.equipment import services as equipment
from corridor.equipment import vouchers
from corridor.equipment.testing import build_equip_world, completed_booking
from corridor.matching import services as matching
from corridor.matching.testing import make_listings

pytestmark = pytest.mark.django_db


def test_every_model_with_audited_fields_that_has_a_page_is_registered_with_a_history_rule() -> None:
    from django.apps import apps

    audited = {f"{m._meta.app_label}.{m._meta.model_name}" for m in apps.get_models() if getattr(m, "AUDITED_FIELDS", None)}
    with_history = {e.label for e in registry.entries() if e.history is not None}
    for label in ("equipment.instrument", "equipment.booking", "equipment.voucher", "equipment.redemption",
                  "matching.listing", "chains.segmenttag", "orgs.organisation", "alliances.membershipapplication"):
        assert label in audited and label in with_history, label


def test_instrument_booking_voucher_and_redemption_histories_are_recorded_and_restricted(world) -> None:
    ew = build_equip_world(world)
    equipment.update_instrument(world.users["owner"], ew.bench, {"rate_per_hour": "900"})
    booking = completed_booking(ew)
    voucher = vouchers.grant_voucher(ew.wuhu_officer, ew.programme, world.member_org, "500")
    redemption = vouchers.redeem(world.users["member"], voucher, booking, "100", contract_ref="C-1", receipt_ref="R-1")
    expect_matrix(world, "get", f"/history/equipment/instrument/{ew.bench.pk}/", {
        "visitor": 403, "owner": 200, "member": 403, "outsider": 403, "secretariat": 403, "officer": 403, "admin": 200})
    # A booking is private to its two parties: to anyone else its history answers as a missing id would.
    expect_matrix(world, "get", f"/history/equipment/booking/{booking.pk}/", {
        "visitor": 404, "owner": 200, "member": 200, "outsider": 404, "secretariat": 404, "officer": 404, "admin": 200})
    expect_matrix(world, "get", f"/history/equipment/redemption/{redemption.pk}/", {
        "visitor": 403, "owner": 403, "member": 200, "outsider": 403, "secretariat": 403, "officer": 403, "admin": 200})
    page = world.client_for("member").get(f"/history/equipment/booking/{booking.pk}/").content.decode()
    assert "completed" in page.lower() or "已完成" in page
    assert world.client_for("member").get(f"/history/equipment/voucher/{voucher.pk}/").status_code == 200
    assert world.client_for("admin").get("/history/equipment/usagerecord/1/").status_code == 404  # not registered


def test_listing_and_chain_tag_histories(world) -> None:
    listings = make_listings(world)
    matching.update_listing(world.users["owner"], listings.need_zh, {"quantity": "30台"})
    matching.close_listing(world.users["owner"], listings.need_zh)
    url = f"/history/matching/listing/{listings.need_zh.pk}/"
    page = world.client_for("owner").get(url).content.decode()
    assert "30台" in page
    assert world.client_for("member").get(url).status_code == 403
    load_chains()
    tag = chains.declare_tag(world.users["owner"], world.owner_org, segment("industrial-robots", "reducers"))
    expect_matrix(world, "get", f"/history/chains/segmenttag/{tag.pk}/", {
        "visitor": 403, "owner": 200, "member": 403, "outsider": 403, "secretariat": 200, "officer": 403, "admin": 200})


def test_the_header_search_finds_each_kind_and_only_what_the_user_may_see(world) -> None:
    make_listings(world)
    ew = build_equip_world(world)
    visitor = world.client_for("visitor")
    assert 'data-testid="header-search"' in visitor.get("/").content.decode()
    for q, expected in (("国自", "浙江国自机器人技术股份有限公司"), ("Robot Industry", "G60 Robot Industry Alliance"),
                        ("弧焊", "采购六轴弧焊机器人"), (ew.bench.name_zh[:4], ew.bench.name_zh)):
        page = visitor.get("/search/", {"q": q, "lang": "en"}).content.decode()
        assert expected in page or expected.replace("G60 Robot Industry Alliance", "G60科创走廊机器人产业联盟") in page, q
    # A secretariat-only listing and an unlisted organisation stay hidden from those who may not see them.
    assert "保密" not in visitor.get("/search/", {"q": "保密"}).content.decode().split("</h1>", 1)[1]
    assert "保密：焊接机器人扩产融资需求" in world.client_for("secretariat").get("/search/", {"q": "保密"}).content.decode()
    assert "嘉兴隐名材料有限公司" not in visitor.get("/search/", {"q": "隐名"}).content.decode()
    assert "嘉兴隐名材料有限公司" in world.client_for("officer").get("/search/", {"q": "隐名"}).content.decode()
    assert 'data-testid="search-empty"' in visitor.get("/search/", {"q": "nothing-like-this"}).content.decode()
    # Organisations are found as the organisation list finds them: a typo in the English name still finds it.
    assert "浙江国自机器人技术股份有限公司" in visitor.get("/search/", {"q": "Guoxi Robot"}).content.decode()
