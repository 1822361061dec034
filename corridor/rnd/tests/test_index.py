"""The overlap index of a process: embeddings kept on save and loaded on a cold start, warmed by a job,
stale entries retired; the overlap rows written in bulk, safe against a concurrent save of the same pair."""

from __future__ import annotations

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.matching.engine import embedders
from corridor.notifications.models import Notification
from corridor.orgs.models import Organisation
from corridor.rnd import index, services
from corridor.rnd.engine import OverlapFinder
from corridor.rnd.engine import Project as EngineProject
from corridor.rnd.models import Overlap, ProjectVectors, RDProject
from corridor.rnd.testing import EN_LIFE_TEST, ZH_LIFE_TEST, ZH_TOOTH_PROFILE, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def encoded(monkeypatch):
    """How many texts the real model is asked to embed (a counting wrapper around the real encoder)."""
    embedder = embedders.get()
    real = embedder.encode
    count = {"texts": 0}

    def counting(texts, *args, **kwargs):
        count["texts"] += len(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(embedder, "encode", counting)
    return count


def test_a_cold_start_loads_the_kept_embeddings_instead_of_running_the_model(world, encoded):
    zh = register(world, "member", ZH_LIFE_TEST)
    en = register(world, "owner", EN_LIFE_TEST)
    assert ProjectVectors.objects.filter(project__in=[zh, en]).count() == 2
    before = {(o.project_a_id, o.project_b_id, o.score) for o in Overlap.objects.all()}
    assert before

    index.INDEX.reset()  # a new process
    encoded["texts"] = 0
    with index.INDEX.lock:
        index.INDEX.sync()
    assert encoded["texts"] == 0
    assert index.INDEX.current == {zh.pk: f"{zh.pk}:{zh.engine_key}", en.pk: f"{en.pk}:{en.engine_key}"}

    # The loaded vectors are the ones the model gives: saving again finds the same overlap, same score.
    services.update_project(world.users["owner"], en, {"team_size": 7})
    assert {(o.project_a_id, o.project_b_id, o.score) for o in Overlap.objects.all()} == before
    assert encoded["texts"] == 0  # texts unchanged: nothing embedded again


def test_vectors_of_changed_texts_are_computed_again(world, encoded):
    project = register(world, "member", ZH_LIFE_TEST)
    key = ProjectVectors.objects.get(project=project).key
    encoded["texts"] = 0
    services.update_project(world.users["member"], project, {"text": ZH_TOOTH_PROFILE["text"]})
    assert encoded["texts"] == 2  # its text and its objective
    assert ProjectVectors.objects.get(project=project).key != key
    # A row stored before vectors were kept (or with stale ones) is embedded once at a cold start and kept.
    ProjectVectors.objects.all().delete()
    index.INDEX.reset()
    encoded["texts"] = 0
    with index.INDEX.lock:
        index.INDEX.sync()
    assert encoded["texts"] == 2 and ProjectVectors.objects.count() == 1


def test_the_warm_job_builds_the_index_before_any_save(world):
    register(world, "member", ZH_LIFE_TEST)
    register(world, "owner", EN_LIFE_TEST)
    index.INDEX.reset()
    assert not index.INDEX.warm
    job = jobs.run(jobs.create(index.WARM_JOB, {}))
    assert job.status == Job.Status.SUCCEEDED, job.result
    assert job.result["projects"] == 2 and job.result["embedded"] == 0
    assert index.INDEX.warm and len(index.INDEX.current) == 2
    assert index.warm_in_background() is None  # already warm: no second job


def test_warming_builds_the_neighbour_graph_past_the_exact_limit():
    finder = OverlapFinder(exact_limit=2)
    finder.add([EngineProject(id=f"p{i}", org=str(i), title=t, text=t) for i, t in
                enumerate(["RV reducer life test", "SiC gate driver", "CAR-T manufacturing"])])
    assert finder._graph is None
    finder.prepare()
    assert finder._graph is not None
    assert not np.isnan(finder._hub.values).any()  # every hub value: a save searches once


def test_the_warm_job_loads_the_model_so_the_first_save_does_not(world):
    register(world, "member", ZH_LIFE_TEST)
    index.INDEX.reset()
    embedders._instances.clear()  # a new process: kept embeddings loaded, the model never run
    index.INDEX.warm_up()
    model = embedders.get()
    assert getattr(model, "_forward", None) is not None


def test_a_save_finds_a_project_another_process_wrote(world):
    register(world, "member", ZH_TOOTH_PROFILE)
    index.INDEX.warm_up()
    # Written by another process: a row this process's index has never been given.
    data = {k: v for k, v in ZH_LIFE_TEST.items() if k in ("title", "text", "language", "parameters", "trl", "keywords")}
    row = RDProject(organisation=world.member_org, **data)
    row.engine_key = index.fingerprint(row, [])
    row.save()
    assert not any(i.startswith(f"{row.pk}:") for i in index.INDEX.ids)
    services.create_project(world.users["owner"], world.owner_org, EN_LIFE_TEST)
    assert Overlap.objects.filter(relation="overlap").filter(project_a=row).exists() or \
        Overlap.objects.filter(relation="overlap", project_b=row).exists()


def test_an_edited_or_deleted_project_is_retired_from_the_index(world, django_capture_on_commit_callbacks):
    member = register(world, "member", ZH_LIFE_TEST)
    old_id = index.INDEX.current[member.pk]
    services.update_project(world.users["member"], member, {"title": ZH_TOOTH_PROFILE["title"],
                                                            "text": ZH_TOOTH_PROFILE["text"]})
    member.refresh_from_db()
    assert index.INDEX.finder.is_retired(old_id)
    assert not index.INDEX.finder.is_retired(index.INDEX.current[member.pk])
    # The old text never surfaces as an overlap of a new project, neither to the engine nor in the rows.
    en = register(world, "owner", EN_LIFE_TEST)
    me = index.engine_project(en)
    assert old_id not in {p.b for p in index.INDEX.finder.overlaps_of(me)}
    assert not Overlap.objects.filter(relation=Overlap.Relation.OVERLAP).exists()

    # Deleted through the service: retired once committed; deleted elsewhere (another process): at the next look.
    current = index.INDEX.current[en.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_project(world.users["owner"], en)
    assert index.INDEX.finder.is_retired(current)
    other = register(world, "member", ZH_LIFE_TEST)
    gone_id = index.INDEX.current[other.pk]
    RDProject.objects.filter(pk=other.pk).delete()
    register(world, "owner", EN_LIFE_TEST)
    assert index.INDEX.finder.is_retired(gone_id)


def test_retired_entries_do_not_take_live_neighbours_places():
    life = ("RV reducer accelerated life test bench, 10,000 h at rated torque, backlash measured to 0.1 arcmin",)
    finder = OverlapFinder(all_pairs_limit=0, neighbours=1)
    finder.add([EngineProject(id=f"a:{v}", org="A", title="Accelerated life test rig for RV reducers", text=life[0])
                for v in range(4)])
    finder.retire(["a:0", "a:1", "a:2"])
    query = EngineProject(id="b", org="B", title="RV减速器加速寿命试验台研制",
                          text="目标：研制RV减速器加速寿命试验台，在额定扭矩下连续运行10000小时，回差测量精度0.1弧分。")
    found = {p.b for p in finder.overlaps_of(query)}
    assert found == {"a:3"}


def test_a_pair_recorded_by_a_concurrent_save_is_updated_not_duplicated(world, monkeypatch):
    # Only an edit can meet this: a project just created is seen by no other transaction before it commits.
    zh = register(world, "member", ZH_LIFE_TEST)
    en = register(world, "owner", EN_LIFE_TEST)
    Overlap.objects.all().delete()
    Notification.objects.all().delete()
    real = services.org_may_see
    raced: list[int] = []

    def racing(org_id, project, *args):
        # Between this save's look at the pair's rows and its insert, another process saved the other project
        # and recorded the same ordered pair (the rows of the existing overlaps were already read).
        if not raced:
            a, b = sorted((zh.pk, en.pk))
            raced.append(Overlap.objects.create(project_a_id=a, project_b_id=b, score=0.1, reasons={}).pk)
        return real(org_id, project, *args)

    monkeypatch.setattr(services, "org_may_see", racing)
    en = services.update_project(world.users["owner"], en, {**EN_LIFE_TEST, "text": f"{EN_LIFE_TEST['text']} Revised."})
    overlap = Overlap.objects.get()
    assert overlap.pk == raced[0]
    assert {overlap.project_a_id, overlap.project_b_id} == {zh.pk, en.pk}
    assert overlap.score > 0.5 and overlap.reasons["objective"] > 0.5  # brought in step by this save
    # Told once, by the save that created it (here the other one), not twice.
    assert Notification.objects.filter(user=world.users["member"]).count() == 0


def _other_orgs(n: int) -> list[Organisation]:
    return [Organisation.objects.create(name_zh=f"研发单位{i}", name_en=f"R&D unit {i}") for i in range(n)]


def test_a_save_costs_the_same_queries_whatever_the_number_of_overlaps(world):
    orgs = _other_orgs(5)
    services.create_project(None, orgs[0], EN_LIFE_TEST)

    def queries_of_save(org: Organisation) -> int:
        with CaptureQueriesContext(connection) as ctx:
            services.create_project(world.users["admin"], org, ZH_LIFE_TEST)
        return len(ctx.captured_queries)

    one = queries_of_save(orgs[1])  # one overlap found
    for org in orgs[2:4]:
        services.create_project(None, org, EN_LIFE_TEST)
    many = queries_of_save(orgs[4])  # four overlaps found
    rows = Overlap.objects.filter(relation=Overlap.Relation.OVERLAP)
    assert rows.filter(project_a__organisation=orgs[4]).count() + rows.filter(project_b__organisation=orgs[4]).count() == 4
    assert many <= one + 2, (one, many)
