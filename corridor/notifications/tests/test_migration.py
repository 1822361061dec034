"""Matchmaking's notifications move into the notifications app with their users, text, links and dates."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("matching", "0003_listing_segments_to_identifiers"), ("notifications", "0001_notifications")]
AFTER = [("matching", "0004_notifications_moved_to_their_app")]


@pytest.mark.django_db(transaction=True)
def test_matching_notifications_are_moved_with_their_data() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    User = old_apps.get_model("auth", "User")
    Old = old_apps.get_model("matching", "Notification")
    user = User.objects.create(username="moved")
    made = timezone.now() - datetime.timedelta(days=3)
    read = Old.objects.create(user=user, text="甲公司对“采购机器人”感兴趣。", link="/matching/1/", read_at=made)
    Old.objects.filter(pk=read.pk).update(created_at=made)
    Old.objects.create(user=user, text="second", link="")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    New = new_apps.get_model("notifications", "Notification")
    moved = list(New.objects.order_by("id").values("user_id", "text", "link", "created_at", "read_at"))
    assert [(m["user_id"], m["text"], m["link"]) for m in moved] == [
        (user.pk, "甲公司对“采购机器人”感兴趣。", "/matching/1/"), (user.pk, "second", "")]
    assert moved[0]["created_at"] == made and moved[0]["read_at"] == made and moved[1]["read_at"] is None
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # leave the database as the other tests expect it
