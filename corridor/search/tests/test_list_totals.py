"""The unfiltered organisation list shows its real total (kept, not counted on each request), pages of it work,
and the total follows creates, edits, merges and deletes; what each viewer may see is what is counted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corridor.imports.merging import merge_organisations
from corridor.orgs import counts
from corridor.orgs.models import KeptCount, Organisation
from corridor.orgs.services import create_organisation, update_organisation
from corridor.search import paging


def api_count(client):
    body = client.get("/api/organisations", {"limit": 2}).json()
    assert body["count_capped"] is False
    return body["count"]


@pytest.mark.parametrize("role", ["visitor", "member", "officer", "admin"])
def test_unfiltered_total_is_what_the_viewer_may_see(world, role, monkeypatch):
    monkeypatch.setattr(paging, "CAP", 2)  # far fewer than the organisations: an unfiltered list is never capped
    monkeypatch.setattr(paging.CappedPaginator, "cap", 2)
    client = world.client_for(role)
    user = None if role == "visitor" else world.users[role]
    expected = Organisation.objects.restrict(user).count()
    assert api_count(client) == expected
    page = client.get("/organisations/", {"per_page": 10}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"{expected} organisations" in page and "More than" not in page
    # The officer of the unlisted organisation's city, like an admin, counts it; a visitor or a member does not.
    sees_unlisted = role in ("officer", "admin")
    assert expected == Organisation.objects.filter(listed=True).count() + (1 if sees_unlisted else 0)


def test_pages_of_the_total_work(world, client):
    for n in range(12):
        create_organisation(None, {"name_zh": f"翻页测试{n}号有限公司", "region": "330402"})
    total = api_count(client)
    assert total >= 12
    seen = []
    for offset in range(0, total, 5):
        seen += [item["id"] for item in client.get("/api/organisations", {"limit": 5, "offset": offset}).json()["items"]]
    assert len(seen) == len(set(seen)) == total
    last = (total + 9) // 10
    page = client.get("/organisations/", {"per_page": 10, "page": last}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Page {last} of {last}" in page


def test_the_total_follows_changes(world, client):
    before = api_count(client)
    org = create_organisation(None, {"name_zh": "计数跟随测试有限公司", "region": "330402"})
    assert api_count(client) == before + 1
    update_organisation(world.users["admin"], org, {"listed": False})
    assert api_count(client) == before
    update_organisation(world.users["admin"], org, {"listed": True})
    other = create_organisation(None, {"name_zh": "计数跟随另一家有限公司", "region": "330402"})
    assert api_count(client) == before + 2
    merge_organisations(world.users["admin"], org, other)
    assert api_count(client) == before + 1
    org.delete()
    assert api_count(client) == before == Organisation.objects.filter(listed=True).count()


def test_the_table_is_counted_once_then_kept(world, client):
    api_count(client)
    with CaptureQueriesContext(connection) as ctx:
        api_count(client)
        client.get("/organisations/")
    assert not [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]


def test_a_change_while_counting_is_never_kept(world, monkeypatch):
    # The kept rows come with the migrations, but an earlier transactional test's flush removes them.
    counts.kept(counts.LISTED)
    counts.forget()
    real = counts._count

    def count_then_change(name):
        value = real(name)
        create_organisation(None, {"name_zh": "计数期间新增有限公司", "region": "330402"})  # commits meanwhile
        return value

    monkeypatch.setattr(counts, "_count", count_then_change)
    stale = counts.kept(counts.LISTED)
    assert KeptCount.objects.get(name=counts.LISTED).value is None  # the stale figure was not kept
    monkeypatch.setattr(counts, "_count", real)
    assert counts.kept(counts.LISTED) == stale + 1 == Organisation.objects.filter(listed=True).count()


def test_an_unlisted_organisation_is_in_no_list_a_visitor_reads(world, client):
    quiet = world.unlisted_org
    ids = [i["id"] for i in client.get("/api/organisations", {"limit": 200}).json()["items"]]
    assert ids and quiet.pk not in ids
    assert quiet.name_zh not in client.get("/organisations/", {"per_page": 100}).content.decode()
    assert quiet.name_zh not in client.get("/search/", {"q": quiet.name_zh}).content.decode().split("</h1>", 1)[1]
    assert quiet.pk in [i["id"] for i in world.client_for("officer").get("/api/organisations", {"limit": 200}).json()["items"]]


@pytest.mark.django_db(transaction=True)
def test_a_large_import_is_counted_as_soon_as_it_commits(world, client, tmp_path):
    from corridor.core import events
    from corridor.imports.reading import csv_text
    from corridor.imports.services import import_organisations
    from corridor.jobs import services as jobs
    from corridor.jobs.models import Job

    before = api_count(client)
    rows = [[f"大批导入计数{n}号有限公司", "浙江省嘉兴市南湖区1号"] for n in range(events.INLINE_LIMIT + 10)]
    path = tmp_path / "many.csv"
    path.write_text(csv_text(["企业名称", "地址"], rows), encoding="utf-8")
    result = import_organisations(world.users["admin"], path)
    assert result.follow_up is not None  # the large path: the change events come later, from the job
    assert api_count(client) == before + len(rows)  # the list's total does not wait for the job
    jobs.wait(Job.objects.get(pk=result.follow_up))
