import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from corridor.accounts.models import RoleGrant
from corridor.alliances.models import AllianceMembership, CommitmentAction, MembershipApplication
from corridor.audit.services import history_of
from corridor.imports.merging import merge_organisations, references, undo_merge
from corridor.orgs import uscc
from corridor.orgs.models import Organisation
from corridor.orgs.services import create_organisation


@pytest.fixture
def duplicate(world):
    """The English-only record of the owner organisation, with references of its own."""
    dup = create_organisation(None, {
        "name_en": "Zhejiang Guozi Robotics Co., Ltd.", "short_name": "国自", "aliases": ["Guozi"],
        "uscc": uscc.make("9", "1", "330108", "MA27U0000"), "region": "330108", "industries": ["robots", "new-materials"],
        "website": "https://guozi.example",
    })
    # Same alliance as the owner: this membership cannot move (one per alliance) and must come back on undo.
    AllianceMembership.objects.create(alliance=world.alliance, organisation=dup, role="director", batch=2)
    AllianceMembership.objects.create(alliance=world.other_alliance, organisation=dup, role="member", batch=1)
    MembershipApplication.objects.create(alliance=world.other_alliance, organisation=dup, applicant=world.users["owner"])
    CommitmentAction.objects.create(commitment=world.declaration.commitments.first(), organisation=dup,
                                    taken_on="2024-01-01", description="joint test line")
    return dup


def snapshot_refs(org_id):
    return {f"{m._meta.label_lower}.{f}": sorted(m._default_manager.filter(**{f: org_id}).values_list("pk", flat=True))
            for m, f in references()}


def test_references_are_found_generically_including_hidden_ones():
    found = {(m._meta.label_lower, f) for m, f in references()}
    assert ("alliances.alliancemembership", "organisation") in found
    assert ("alliances.commitmentaction", "organisation") in found  # related_name="+"
    assert ("orgs.organisation_industries", "organisation") in found  # the table behind industries
    assert ("accounts.rolegrant", "organisation") in found


def test_merge_moves_everything_keeps_names_and_undo_restores_it(world, duplicate):
    keep = world.owner_org
    keep_refs, dup_refs = snapshot_refs(keep.pk), snapshot_refs(duplicate.pk)
    dup_id = duplicate.pk
    merge = merge_organisations(world.users["admin"], keep, duplicate, {"reason": "alias", "score": 0.9})
    assert not Organisation.objects.filter(pk=dup_id).exists()
    keep.refresh_from_db()
    assert "Zhejiang Guozi Robotics Co., Ltd." in keep.aliases and "Guozi" in keep.aliases
    assert keep.uscc == duplicate.uscc and keep.website == "https://guozi.example"  # empty fields filled
    assert sorted(keep.industries.values_list("slug", flat=True)) == ["new-materials", "robots"]
    assert set(keep.memberships.values_list("alliance__slug", flat=True)) == {"g60-robot", "g60-new-materials"}
    assert keep.memberships.get(alliance=world.alliance).role == "member"  # its own membership stays
    assert CommitmentAction.objects.filter(organisation=keep, description="joint test line").exists()
    assert MembershipApplication.objects.filter(organisation=keep).count() == 1
    assert "guozi" in keep.search_text
    assert f"#{dup_id}" in history_of(keep).first().note

    undo_merge(world.users["admin"], merge)
    restored = Organisation.objects.get(pk=dup_id)
    keep.refresh_from_db()
    assert restored.name_en == "Zhejiang Guozi Robotics Co., Ltd." and restored.uscc == duplicate.uscc
    assert snapshot_refs(keep.pk) == keep_refs
    assert snapshot_refs(dup_id) == dup_refs
    assert keep.uscc is None and keep.website == "" and "Guozi" not in keep.aliases
    assert sorted(restored.industries.values_list("slug", flat=True)) == ["new-materials", "robots"]
    assert restored.memberships.get(alliance=world.alliance).role == "director"
    merge.refresh_from_db()
    assert merge.undone_at is not None
    with pytest.raises(ValidationError):
        undo_merge(world.users["admin"], merge)


def test_users_of_the_removed_record_follow_it(world):
    keep = world.member_org
    remove = world.outsider_org
    merge_organisations(world.users["admin"], keep, remove)
    assert RoleGrant.objects.get(user=world.users["outsider"]).organisation_id == keep.pk


def test_two_credit_codes_are_two_companies(world):
    a = create_organisation(None, {"name_zh": "杭州甲科技有限公司", "uscc": uscc.make("9", "1", "330108", "MA27U0001")})
    b = create_organisation(None, {"name_zh": "杭州甲科技股份有限公司", "uscc": uscc.make("9", "1", "330108", "MA27U0002")})
    with pytest.raises(ValidationError):
        merge_organisations(world.users["admin"], a, b)


def test_only_admins_and_the_secretariat_of_both_merge(world, duplicate):
    with pytest.raises(PermissionDenied):
        merge_organisations(world.users["owner"], world.owner_org, duplicate)
    # duplicate is a member of the secretariat's alliance, and so is owner_org
    merge_organisations(world.users["secretariat"], world.owner_org, duplicate)
    with pytest.raises(PermissionDenied):
        merge_organisations(world.users["secretariat"], world.owner_org, world.outsider_org)
