import pytest

from corridor.alliances.models import AllianceMembership
from corridor.core.testing import expect_matrix
from corridor.imports.models import Merge
from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.orgs.models import Organisation
from corridor.orgs.services import create_organisation


def test_who_may_review_duplicates(world):
    expect_matrix(world, "get", "/imports/duplicates/", {
        "visitor": 302, "owner": 403, "member": 403, "outsider": 403, "secretariat": 200, "officer": 403, "admin": 200,
    })
    expect_matrix(world, "post", "/imports/duplicates/find/", {
        "visitor": 302, "owner": 403, "member": 403, "outsider": 403, "secretariat": 302, "officer": 403, "admin": 302,
    })
    expect_matrix(world, "post", "/imports/duplicates/merge/", {
        "visitor": 302, "owner": 403, "member": 403, "outsider": 403, "secretariat": 400, "officer": 403, "admin": 400,
    })


@pytest.mark.django_db(transaction=True)
def test_find_review_merge_and_undo_through_the_pages(world):
    dup = create_organisation(None, {"name_en": "Zhejiang Guozi Robot Technology Co., Ltd.", "region": "330108"})
    AllianceMembership.objects.create(alliance=world.alliance, organisation=dup, role="member", batch=3)
    lone = create_organisation(None, {"name_zh": "嘉兴毫不相干材料有限公司", "region": "330402"})
    client = world.client_for("secretariat")
    response = client.post("/imports/duplicates/find/")
    job = jobs.wait(Job.objects.get(kind="find-duplicates"))
    assert job.status == Job.Status.SUCCEEDED, job.error
    pairs = {(p["a"], p["b"]) for p in job.result["pairs"]}
    assert (world.owner_org.pk, dup.pk) in pairs
    assert not any(lone.pk in pair for pair in pairs)
    page = client.get("/imports/duplicates/").content.decode()
    assert 'data-testid="pair"' in page and "Zhejiang Guozi Robot Technology" in page
    response = client.post("/imports/duplicates/merge/", {"a": world.owner_org.pk, "b": dup.pk, "keep": world.owner_org.pk,
                                                          "reason": "cross-script", "score": "0.9"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=dup.pk).exists()
    merge = Merge.objects.get()
    assert merge.created_by == world.users["secretariat"] and merge.evidence["reason"] == "cross-script"
    page = client.get("/imports/duplicates/").content.decode()
    assert 'data-testid="undo-merge"' in page
    assert 'data-testid="pair"' not in page  # the pair is gone with the removed record
    assert world.client_for("owner").post(f"/imports/merges/{merge.pk}/undo/").status_code == 403
    client.post(f"/imports/merges/{merge.pk}/undo/")
    assert Organisation.objects.get(pk=dup.pk).memberships.count() == 1


def test_a_secretariat_cannot_merge_what_it_may_not_see(world):
    response = world.client_for("secretariat").post(
        "/imports/duplicates/merge/", {"a": world.owner_org.pk, "b": world.outsider_org.pk, "keep": world.owner_org.pk}
    )
    assert response.status_code == 404
    assert Organisation.objects.filter(pk=world.outsider_org.pk).exists()


def test_who_may_reject_a_pair(world):
    expect_matrix(world, "post", "/imports/duplicates/reject/", {
        "visitor": 302, "owner": 403, "member": 403, "outsider": 403, "secretariat": 400, "officer": 403, "admin": 400,
    })


@pytest.mark.django_db(transaction=True)
def test_review_band_most_uncertain_first_and_a_rejected_pair_is_not_proposed_again(world):
    from corridor.imports.models import RejectedPair

    hongyu = create_organisation(None, {"name_en": "Zhejiang Hongyu Precision Machinery Co., Ltd.", "region": "330108"})
    tongyu = create_organisation(None, {"name_en": "Zhejiang Tongyu Precision Machinery Co., Ltd.", "region": "330108"})
    for org in (hongyu, tongyu):
        AllianceMembership.objects.create(alliance=world.alliance, organisation=org, role="member", batch=3)
    twin = create_organisation(None, {"name_zh": world.owner_org.name_zh or world.owner_org.name_en, "region": "330108"})
    AllianceMembership.objects.create(alliance=world.alliance, organisation=twin, role="member", batch=3)
    client = world.client_for("secretariat")
    client.post("/imports/duplicates/find/")
    job = jobs.wait(Job.objects.filter(kind="find-duplicates").latest("pk"))
    assert job.status == Job.Status.SUCCEEDED, job.error
    found = job.result["pairs"]
    review = [p for p in found if p["band"] == "review"]
    assert [(p["a"], p["b"], p["reason"]) for p in review] == [(hongyu.pk, tongyu.pk, "typo")]
    assert [p["band"] for p in found].index("review") == 0  # nearest the threshold: first
    assert found == sorted(found, key=lambda p: -p["uncertainty"])
    page = client.get("/imports/duplicates/").content.decode()
    assert 'data-band="review"' in page and 'data-testid="reject"' in page
    response = client.post("/imports/duplicates/reject/", {"a": tongyu.pk, "b": hongyu.pk})
    assert response.status_code == 302
    rejected = RejectedPair.objects.get()
    assert (rejected.org_a_id, rejected.org_b_id) == (hongyu.pk, tongyu.pk)
    assert 'data-band="review"' not in client.get("/imports/duplicates/").content.decode()
    client.post("/imports/duplicates/find/")
    job = jobs.wait(Job.objects.filter(kind="find-duplicates").latest("pk"))
    assert not any({p["a"], p["b"]} == {hongyu.pk, tongyu.pk} for p in job.result["pairs"])
    assert any({p["a"], p["b"]} == {world.owner_org.pk, twin.pk} for p in job.result["pairs"])
