"""Chains follow organisations through `core.events.organisations_changed`, whatever wrote them: the
organisation services, an import (the web import job too), a merge and its undo."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from corridor.chains.models import SegmentCount, SegmentTag
from corridor.chains.testing import load_chains, make_corridor
from corridor.core import events
from corridor.imports import followup
from corridor.imports.reading import csv_text
from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.orgs.models import Organisation

MATRIX = "/api/chains/industrial-robots/matrix"


def _reducers_in_hangzhou(client) -> int:
    rows = client.get(MATRIX).json()
    return next(r["orgs"] for r in rows if (r["region"], r["segment"]) == ("330100", "reducers"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("many", [False, True], ids=["in-the-import-transaction", "in-a-follow-up-job"])
def test_organisations_imported_through_the_web_job_are_in_the_chain_matrix(world, monkeypatch, many) -> None:
    if many:  # as for a large file: the follow-up runs in a job after the import commits
        monkeypatch.setattr(events, "INLINE_LIMIT", 1)
    load_chains()
    make_corridor(world)
    visitor = world.client_for("visitor")
    assert _reducers_in_hangzhou(visitor) == 0
    body = csv_text(["企业名称", "地址", "简介"], [
        ["杭州精传减速机有限公司", "浙江省杭州市滨江区江南大道1号", "专注于精密减速器的研发与生产。"],
        ["杭州谐波传动科技有限公司", "浙江省杭州市滨江区滨安路2号", "生产谐波减速器和RV减速器。"],
    ])
    response = world.client_for("secretariat").post(
        "/imports/organisations/", {"file": SimpleUploadedFile("members.csv", body.encode()), "mapping": ""})
    assert response.status_code == 302
    job = jobs.wait(Job.objects.get(kind="import-organisations"))
    assert job.status == Job.Status.SUCCEEDED, job.error
    jobs.wait_all(60)
    imported = list(Organisation.objects.filter(name_zh__in=["杭州精传减速机有限公司", "杭州谐波传动科技有限公司"]))
    assert len(imported) == 2
    assert SegmentTag.objects.filter(organisation__in=imported, segment__key="reducers").count() == 2
    assert _reducers_in_hangzhou(visitor) == 2
    if many:
        assert Job.objects.filter(kind=followup.FOLLOW_UP_JOB, status=Job.Status.SUCCEEDED).exists()


@pytest.mark.django_db
def test_merge_and_undo_keep_the_counts_in_step(world) -> None:
    from corridor.imports import merging
    from corridor.orgs.services import create_organisation

    load_chains()
    make_corridor(world)
    a = create_organisation(None, {"name_zh": "杭州甲减速器有限公司", "region": "330108", "description_zh": "生产精密减速器。"})
    b = create_organisation(None, {"name_zh": "杭州甲减速器（滨江）有限公司", "region": "330108", "description_zh": "生产精密减速器。"})

    def reducers() -> int:
        return sum(SegmentCount.objects.filter(segment__key="reducers", listed=True).values_list("orgs", flat=True))

    assert reducers() == 2
    merge = merging.merge_organisations(world.users["admin"], a, b)
    assert reducers() == 1
    merging.undo_merge(world.users["admin"], merge)
    assert reducers() == 2


def test_organisation_model_signals_are_gone() -> None:
    from django.db.models.signals import post_save, pre_delete, pre_save

    for signal in (pre_save, post_save, pre_delete):
        assert not signal.has_listeners(Organisation), signal
