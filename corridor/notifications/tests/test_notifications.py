"""Notifications: in the app at once, in the reader's language; e-mail after commit from a job, per
the user's choice; a failing mail server neither undoes nor holds up the change it reports."""

from __future__ import annotations

import socket
import threading

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation

from corridor.jobs import services as jobs
from corridor.jobs.models import Job
from corridor.matching.models import Interest
from corridor.matching.testing import make_listings
from corridor.notifications import services
from corridor.notifications.models import Notification, Preference


def _email_jobs() -> list[Job]:
    return [jobs.wait(job) for job in Job.objects.filter(kind=services.SEND_EMAIL)]


class RefusingSmtpServer:
    """An SMTP server that takes the connection, holds it until released, then refuses (554)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.port = self.sock.getsockname()[1]
        self.connected = threading.Event()
        self.release = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            self.connected.set()
            self.release.wait(30)
            try:
                conn.sendall(b"554 5.3.0 no mail today\r\n")
            finally:
                conn.close()

    def close(self) -> None:
        self.release.set()
        self.sock.close()


@pytest.mark.django_db(transaction=True)
def test_a_failing_smtp_server_neither_rolls_back_nor_blocks_the_change(world) -> None:
    listings = make_listings(world)
    server = RefusingSmtpServer()
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                               EMAIL_PORT=server.port, EMAIL_TIMEOUT=20, EMAIL_USE_TLS=False, EMAIL_USE_SSL=False):
            response = world.client_for("member").post(f"/matching/{listings.need_zh.pk}/interest/", {"message": "hi"})
            # The request has answered and its change is committed while the mail server still holds the e-mail.
            assert response.status_code == 302
            assert Interest.objects.filter(listing=listings.need_zh, organisation=world.member_org).exists()
            assert server.connected.wait(20), "the e-mail was never attempted"
            assert Notification.objects.filter(user=world.users["owner"]).exists()
            server.release.set()
            (job,) = _email_jobs()
    finally:
        server.close()
    assert job.status == Job.Status.FAILED and "554" in job.error_text
    assert Interest.objects.filter(listing=listings.need_zh, organisation=world.member_org).exists()
    note = Notification.objects.get(user=world.users["owner"])
    assert note.emailed_at is None and note.read_at is None  # still waiting in the app


@pytest.mark.django_db(transaction=True)
def test_email_follows_each_users_choice_and_language(world) -> None:
    owner, secretariat, admin = world.users["owner"], world.users["secretariat"], world.users["admin"]
    services.set_preference(owner, "email", "en")
    services.set_preference(secretariat, "in_app", "zh-hans")
    services.set_preference(admin, "digest", "zh-hans")
    message = "The secretariat introduced %(org)s for “%(listing)s”."
    services.notify([owner, secretariat, admin], message, {"org": "ACME", "listing": "Robots"}, link="/matching/")
    _email_jobs()
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]
    assert "The secretariat introduced ACME" in mail.outbox[0].body
    note = Notification.objects.get(user=secretariat)
    with translation.override("zh-hans"):
        chinese = note.rendered
    with translation.override("en"):
        english = note.rendered
    assert chinese != english and "ACME" in chinese and english.startswith("The secretariat introduced ACME")
    # The digest: one e-mail for what the admin has neither read nor been sent; then nothing more.
    services.notify([admin], message, {"org": "Beta", "listing": "Reducers"})
    _email_jobs()
    assert services.send_digests() == 1
    digest = mail.outbox[-1]
    assert digest.to == ["admin@example.com"] and "ACME" in digest.body and "Beta" in digest.body
    assert services.send_digests() == 0


@pytest.mark.django_db
def test_the_list_marks_read_and_the_header_counts_unread(world) -> None:
    owner, member = world.users["owner"], world.users["member"]
    services.notify([owner], "%(org)s is interested in “%(listing)s”.", {"org": "ACME", "listing": "Robots"}, link="/matching/")
    services.notify([owner, member], "%(org)s is interested in “%(listing)s”.", {"org": "Beta", "listing": "Arms"})
    client = world.client_for("owner")
    page = client.get("/organisations/").content.decode()
    assert 'data-testid="unread-count">2<' in page
    first = Notification.objects.filter(user=owner).order_by("id").first()
    others = Notification.objects.get(user=member)
    # Someone else's notification is not touched by naming its id.
    client.post("/notifications/read/", {"id": [str(first.pk), str(others.pk)]})
    assert Notification.objects.filter(user=owner, read_at__isnull=True).count() == 1
    assert Notification.objects.get(pk=others.pk).read_at is None
    listing = client.get("/notifications/").content.decode()
    assert "ACME" in listing and "Beta" in listing
    assert 'data-testid="unread-count">1<' in listing
    assert world.client_for("member").get("/notifications/").content.decode().count('data-testid="notification"') == 1
    client.post("/notifications/read/")
    assert 'data-testid="unread-count"' not in client.get("/organisations/").content.decode()
    assert world.client_for("visitor").get("/notifications/").status_code == 302


@pytest.mark.django_db
def test_a_bad_preference_names_the_field(world) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as err:
        services.set_preference(world.users["owner"], "pigeon", "en")
    assert "delivery" in err.value.message_dict
    assert not Preference.objects.exists()
