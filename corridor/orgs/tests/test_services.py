import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.audit.services import history_of
from corridor.core.errors import Conflict
from corridor.orgs.models import Organisation
from corridor.orgs.services import create_organisation, update_organisation


def test_owner_edits_own_organisation_and_history_records_before_after(world):
    update_organisation(world.users["owner"], world.owner_org, {"name_en": "Guozi Robotics", "industries": ["robots", "new-materials"]})
    record = history_of(world.owner_org).first()
    assert record.actor == world.users["owner"]
    assert record.before["name_en"] == "Zhejiang Guozi Robot Technology Co., Ltd."
    assert record.after["name_en"] == "Guozi Robotics"
    assert record.after["industries"] == ["new-materials", "robots"]


def test_member_of_another_organisation_may_not_edit(world):
    with pytest.raises(PermissionDenied):
        update_organisation(world.users["member"], world.owner_org, {"name_en": "Hijacked"})
    world.owner_org.refresh_from_db()
    assert world.owner_org.name_en == "Zhejiang Guozi Robot Technology Co., Ltd."


def test_wrong_credit_code_is_refused_naming_the_field_and_nothing_changes(world):
    with pytest.raises(ValidationError) as caught:
        update_organisation(world.users["owner"], world.owner_org, {"name_en": "Renamed", "uscc": "91350100M000100Y44"})
    assert "uscc" in caught.value.message_dict
    assert "校验码（最后一位）为 4，应为 3" in caught.value.message_dict["uscc"][0]  # all of it in the default language
    world.owner_org.refresh_from_db()
    assert world.owner_org.name_en == "Zhejiang Guozi Robot Technology Co., Ltd."
    assert history_of(world.owner_org).count() == 1  # only the creation


def test_unknown_region_is_refused_naming_the_field(world):
    with pytest.raises(ValidationError) as caught:
        update_organisation(world.users["owner"], world.owner_org, {"region": "999999"})
    assert "region" in caught.value.message_dict


def test_region_is_derived_from_the_address_when_not_given(world):
    org = create_organisation(None, {"name_zh": "嘉兴某某科技有限公司", "address": "浙江省嘉兴市南湖区某路8号"})
    assert org.region.code == "330402" and org.city.code == "330400" and org.province.code == "330000"


def test_the_same_credit_code_twice_is_a_conflict(db, world):
    create_organisation(None, {"name_zh": "甲公司", "uscc": "91350100M000100Y43"})
    with pytest.raises(Conflict):
        create_organisation(None, {"name_zh": "乙公司", "uscc": "91350100M000100Y43"})
    assert Organisation.objects.filter(name_zh="乙公司").count() == 0


def test_a_name_is_required(world):
    with pytest.raises(ValidationError) as caught:
        create_organisation(None, {"name_zh": "", "name_en": ""})
    assert "name_zh" in caught.value.message_dict


def test_visibility_of_unlisted_organisations(world):
    unlisted = world.unlisted_org
    assert not Organisation.objects.visible_to(None).filter(pk=unlisted.pk).exists()
    assert not Organisation.objects.visible_to(world.users["outsider"]).filter(pk=unlisted.pk).exists()
    assert Organisation.objects.visible_to(world.users["officer"]).filter(pk=unlisted.pk).exists()  # Jiaxing
    assert Organisation.objects.visible_to(world.users["admin"]).filter(pk=unlisted.pk).exists()


def test_private_access(world):
    def private(role):
        annotated = Organisation.objects.with_private_access(world.users.get(role))
        flagged = {pk for pk, visible in annotated.values_list("pk", "private_visible") if visible}  # type: ignore[misc]
        assert flagged == set(Organisation.objects.privately_visible_to(world.users.get(role)).values_list("pk", flat=True))
        return flagged

    assert world.owner_org.pk in private("owner")
    assert world.owner_org.pk in private("secretariat")  # a member of its alliance
    assert world.owner_org.pk not in private("member")
    assert world.owner_org.pk not in private("outsider")
    assert world.owner_org.pk not in private("officer")  # Hangzhou, not Jiaxing
    assert world.outsider_org.pk in private("officer")
    assert world.outsider_org.pk not in private("secretariat")
    assert private("visitor") == set()
