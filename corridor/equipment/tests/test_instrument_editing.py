"""The owner's staff and admins create, edit and retire instruments on pages and through the API;
everyone else is refused; fields are checked as the importer checks them; every change is in the history."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from corridor.audit.services import history_of
from corridor.core.testing import expect_matrix
from corridor.equipment import services
from corridor.equipment.forms import InstrumentForm
from corridor.equipment.models import Instrument
from corridor.equipment.testing import at, build_equip_world


@pytest.fixture
def ew(world):
    return build_equip_world(world)


def _page_data(instrument: Instrument, **changes: str) -> dict[str, str]:
    data = {k: "" if v is None else str(v) for k, v in InstrumentForm.initial_for(instrument).items()}
    data["approval_required"] = "on" if instrument.approval_required else ""
    data.update(changes)
    return {k: v for k, v in data.items() if v != "" or k in changes}


NEW = {
    "name_zh": "场发射扫描电子显微镜", "name_en": "Field-emission SEM", "maker": "蔡司", "model_number": "Sigma 300",
    "category": "microscopy", "capabilities_zh": "形貌观察、能谱分析", "capabilities_en": "morphology, EDS",
    "region": "", "address": "上海市松江区文汇路1128号", "cnas_certificate": "CNAS L5678", "cnas_expires_on": "2031-06-30",
    "rate_per_hour": "450", "rate_per_sample": "120", "opens_at": "09:00", "closes_at": "18:00", "open_days": "12345",
    "approval_required": "on", "min_minutes": "60", "max_minutes": "240", "lead_hours": "24", "monthly_quota_hours": "20",
    "bookable_by": "alliance_members",
}


def test_who_may_open_the_pages(ew, world):
    expect_matrix(world, "get", "/equipment/new/", {
        "visitor": 302, "owner": 200, "member": 200, "outsider": 200, "secretariat": 403, "officer": 403, "admin": 200,
    })
    expect_matrix(world, "get", f"/equipment/{ew.bench.pk}/edit/", {
        "visitor": 302, "owner": 200, "member": 403, "outsider": 403, "secretariat": 403, "officer": 403, "admin": 200,
    })


@pytest.mark.parametrize(("language", "text"), [("zh-hans", "编辑仪器"), ("en", "Edit instrument")])
def test_edit_page_in_both_languages(ew, world, language, text):
    client = world.client_for("owner")
    body = client.get(f"/equipment/{ew.bench.pk}/edit/", headers={"accept-language": language}).content.decode()
    assert text in body and 'value="QC-RV-200"' in body and 'value="330108"' in body
    body = client.get(f"/equipment/{ew.bench.pk}/", headers={"accept-language": language}).content.decode()
    assert 'data-testid="instrument-edit"' in body
    body = world.client_for("member").get(f"/equipment/{ew.bench.pk}/").content.decode()
    assert 'data-testid="instrument-edit"' not in body


def test_staff_create_an_instrument_on_the_page_with_every_field(ew, world):
    client = world.client_for("owner")
    response = client.post("/equipment/new/", {**NEW, "owner": str(world.owner_org.pk)})
    created = Instrument.objects.get(name_en="Field-emission SEM")
    assert response.status_code == 302 and response["Location"] == f"/equipment/{created.pk}/"
    assert created.owner == world.owner_org and created.region.code == "310117" and created.city == created.region.prefecture()
    assert (created.maker, created.model_number, created.category) == ("蔡司", "Sigma 300", "microscopy")
    assert created.cnas_expires_on == datetime.date(2031, 6, 30) and created.accreditations() == ["CNAS"]
    assert (created.rate_per_hour, created.rate_per_sample) == (Decimal("450"), Decimal("120"))
    assert (created.opens_at, created.closes_at, created.open_days) == (datetime.time(9), datetime.time(18), "12345")
    assert (created.min_minutes, created.max_minutes, created.lead_hours, created.monthly_quota_hours) == (60, 240, 24, 20)
    assert created.approval_required and created.bookable_by == "alliance_members" and created.active
    assert "sigma" in created.search_text
    [record] = history_of(created)
    assert record.action == "create" and record.actor == world.users["owner"] and record.after["opens_at"] == "09:00"
    # Found in the catalogue like any other.
    assert "Field-emission SEM" in Client().get("/equipment/", {"q": "显微镜"}).content.decode()


def test_nobody_lists_an_instrument_for_an_organisation_they_do_not_act_for(ew, world):
    for role in ("member", "outsider"):
        response = world.client_for(role).post("/equipment/new/", {**NEW, "owner": str(world.owner_org.pk)})
        assert response.status_code == 403
    assert not Instrument.objects.filter(name_en="Field-emission SEM").exists()


def test_edit_on_the_page_by_owner_and_admin_only(ew, world):
    data = _page_data(ew.bench, rate_per_hour="900", cnas_certificate="", cnas_expires_on="", monthly_quota_hours="10",
                      approval_required="", open_days="123456", bookable_by="alliance_members")
    expect_matrix(world, "post", f"/equipment/{ew.bench.pk}/edit/", {
        "visitor": 302, "owner": 302, "member": 403, "outsider": 403, "secretariat": 403, "officer": 403, "admin": 302,
    }, data=data)
    bench = Instrument.objects.get(pk=ew.bench.pk)
    assert bench.rate_per_hour == Decimal("900") and bench.cnas_certificate == "" and bench.cnas_expires_on is None
    assert bench.monthly_quota_hours == 10 and not bench.approval_required and bench.open_days == "123456"
    assert bench.bookable_by == "alliance_members" and bench.owner == world.owner_org
    records = list(history_of(bench))
    assert [r.actor.username for r in records] == ["owner"]  # the admin's identical save changed nothing
    assert records[0].before["rate_per_hour"] == "800.00" and records[0].after["rate_per_hour"] == "900.00"
    assert records[0].before["cnas_certificate"] == "CNAS L1234" and records[0].after["cnas_certificate"] == ""


def test_bad_fields_are_named_on_the_page_and_nothing_changes(ew, world):
    client = world.client_for("owner")
    data = _page_data(ew.bench, rate_per_hour="abc", open_days="189", cnas_expires_on="2030-13-01", opens_at="",
                      min_minutes="700", region="999999")
    response = client.post(f"/equipment/{ew.bench.pk}/edit/", data, headers={"accept-language": "en"})
    assert response.status_code == 422
    body = response.content.decode()
    for field in ("rate_per_hour", "open_days", "cnas_expires_on", "opens_at", "region"):
        assert f'data-testid="error-{field}"' in body, field
    assert "Not a number: abc" in body and "Unknown region code: 999999" in body
    response = client.post(f"/equipment/{ew.bench.pk}/edit/", _page_data(ew.bench, min_minutes="700"))
    assert response.status_code == 422  # minimum above maximum: the model's own rule, reported too
    bench = Instrument.objects.get(pk=ew.bench.pk)
    assert bench.rate_per_hour == Decimal("800") and bench.open_days == "1234567" and bench.min_minutes == 30
    assert not history_of(bench).exists()


def test_retire_on_the_page(ew, world):
    expect_matrix(world, "post", f"/equipment/{ew.bench.pk}/retire/", {
        "visitor": 302, "owner": 302, "member": 403, "outsider": 403, "secretariat": 403, "officer": 403, "admin": 302,
    })
    bench = Instrument.objects.get(pk=ew.bench.pk)
    assert not bench.active
    assert Client().get(f"/equipment/{bench.pk}/").status_code == 404
    assert "RV reducer" not in Client().get("/equipment/").content.decode()
    record = history_of(bench).first()
    assert record.note == "retired" and record.before["active"] is True and record.after["active"] is False
    # Its owner still finds and can correct it.
    assert 'data-testid="instrument-retired"' in world.client_for("owner").get(f"/equipment/{bench.pk}/edit/").content.decode()


# ---- API ----------------------------------------------------------------------------------------------

API_NEW = {**{k: v for k, v in NEW.items() if k != "approval_required"}, "approval_required": True,
           "monthly_quota_hours": 20, "rate_per_hour": "450.00"}


def test_api_create_matrix(ew, world):
    payload = {**API_NEW, "owner": world.owner_org.pk}
    expect_matrix(world, "post", "/api/equipment/instruments", {
        "visitor": 401, "owner": 201, "member": 403, "outsider": 403, "secretariat": 403, "officer": 403, "admin": 201,
    }, data=payload, content_type="application/json")
    created = Instrument.objects.filter(name_en="Field-emission SEM")
    assert created.count() == 2 and {i.owner for i in created} == {world.owner_org}
    assert all(i.region.code == "310117" and i.monthly_quota_hours == 20 for i in created)


def test_api_update_matrix_changes_only_what_is_sent(ew, world):
    url = f"/api/equipment/instruments/{ew.bench.pk}"
    expect_matrix(world, "patch", url, {
        "visitor": 401, "owner": 200, "member": 403, "outsider": 403, "secretariat": 403, "officer": 403, "admin": 200,
    }, data={"rate_per_sample": "250", "closes_at": "21:00", "cma_certificate": "CMA 2024", "cma_expires_on": "2029-01-01"},
        content_type="application/json")
    bench = Instrument.objects.get(pk=ew.bench.pk)
    assert bench.rate_per_sample == Decimal("250") and bench.closes_at == datetime.time(21)
    assert bench.accreditations() == ["CMA", "CNAS"]
    assert bench.rate_per_hour == Decimal("800") and bench.name_zh == "RV减速器综合性能试验台"  # untouched
    assert history_of(bench).count() == 1


def test_api_names_each_bad_field_and_changes_nothing(ew, world):
    client = world.client_for("owner")
    url = f"/api/equipment/instruments/{ew.bench.pk}"
    response = client.patch(url, {"open_days": "8", "opens_at": "21:00", "name_zh": "", "name_en": ""},
                            content_type="application/json")
    assert response.status_code == 422
    body = response.content.decode()
    assert "open_days" in body and "name_zh" in body
    response = client.patch(url, {"opens_at": "21:00"}, content_type="application/json")
    assert response.status_code == 422  # opens after closing (20:00)
    response = client.patch(url, {"colour": "red"}, content_type="application/json")
    assert response.status_code == 422
    response = client.post("/api/equipment/instruments", {"owner": "nobody", "name_zh": "x", "region": "310117"},
                           content_type="application/json")
    assert response.status_code == 422 and "owner" in response.content.decode()
    assert Instrument.objects.get(pk=ew.bench.pk).opens_at == datetime.time(8)
    assert not history_of(ew.bench).exists()


def test_api_retire_stops_listing_and_booking(ew, world):
    url = f"/api/equipment/instruments/{ew.bench.pk}/retire"
    expect_matrix(world, "post", url, {
        "visitor": 401, "owner": 200, "member": 403, "outsider": 403, "secretariat": 403, "officer": 403, "admin": 200,
    })
    assert Client().get(f"/api/equipment/instruments/{ew.bench.pk}").status_code == 404
    with pytest.raises(services.ValidationError):
        services.request_booking(world.users["member"], Instrument.objects.get(pk=ew.bench.pk), world.member_org,
                                 at(2, 9), at(2, 11))

