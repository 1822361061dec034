"""The demo corridor's R&D: overlaps found by the engine across languages, one secretariat-only project
shown anonymously to the demo member, a three-member cluster, a formed joint team; loaded once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from corridor.rnd import demo as rnd_demo
from corridor.rnd.models import JointTeam, Overlap, RDProject, Visibility


def test_demo_rnd_is_loaded_once_with_real_overlaps(demo_corridor, db):
    projects = RDProject.objects.filter(is_synthetic=True)
    assert projects.count() == len(rnd_demo.PROJECTS)
    overlaps = Overlap.objects.filter(relation=Overlap.Relation.OVERLAP).select_related("project_a", "project_b")
    cross = [o for o in overlaps if o.project_a.language != o.project_b.language]
    assert len(overlaps) >= 6 and len(cross) >= 4
    titles = {frozenset((o.project_a.title, o.project_b.title)) for o in overlaps}
    assert frozenset(("RV减速器加速寿命试验台研制", "RV减速器摆线轮齿形修形设计")) not in titles  # a hard negative
    secret = projects.get(visibility=Visibility.SECRETARIAT)
    assert Overlap.objects.filter(project_a=secret).exists() or Overlap.objects.filter(project_b=secret).exists()
    team = JointTeam.objects.get()
    assert team.status == JointTeam.Status.FORMED and team.is_synthetic and team.milestones.count() == 2
    # The demo member sees its welding project's overlap only as "a closely similar project exists".
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(get_user_model().objects.get(username="member"))
    welding = projects.get(title__startswith="Vision-guided seam tracking")
    page = client.get(f"/rnd/{welding.pk}/").content.decode()
    assert "A closely similar project exists at another member" in page and secret.title not in page
    secretariat = Client(HTTP_ACCEPT_LANGUAGE="en")
    secretariat.force_login(get_user_model().objects.get(username="secretariat"))
    board = secretariat.get("/rnd/board/").content.decode()
    assert secret.title in board and "one proposal" in board
    before = rnd_demo.counts()
    assert rnd_demo.load_demo() == before
