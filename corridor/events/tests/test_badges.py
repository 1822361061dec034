"""Badges (PDF: name, organisation, type, QR code; Chinese as real text) and the confirmation e-mail with the
QR code and the .ics."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from corridor.core.testing import PASSWORD
from corridor.events import services
from corridor.events.jobs import SEND_CONFIRMATION
from corridor.events.tests.helpers import make_event
from corridor.jobs import services as jobs
from corridor.jobs.models import Job

pytestmark = pytest.mark.django_db


def test_badges_pdf_has_names_organisations_types_and_qr(world, client):
    event = make_event(world, types=[{"name_zh": "企业", "name_en": "Enterprises", "capacity": 10}])
    kind = event.registration_types.get()
    registration = services.register(world.users["member"], event, organisation=world.member_org, type=kind,
                                     name="张伟")
    services.register_guest(world.users["secretariat"], event, name="Anna Schmidt", type=kind)
    client.login(username="secretariat", password=PASSWORD)
    answer = client.get(reverse("events:badges_pdf", args=[event.pk]))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(answer.content))
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in ("张伟", "Anna Schmidt", world.member_org.name_zh, "企业", registration.code, "机器人产业论坛"):
        assert expected in text, expected
    fonts: set[str] = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    assert any("WenQuanYi" in f or "CJK" in f or "Droid" in f for f in fonts), fonts
    images = sum(len(page.images) for page in reader.pages)
    assert images == 2  # one QR code per badge


def test_badges_only_for_organisers(world, client):
    event = make_event(world)
    services.register(world.users["member"], event, organisation=world.member_org)
    client.login(username="member", password=PASSWORD)
    assert client.get(reverse("events:badges_pdf", args=[event.pk])).status_code == 403
    client.login(username="outsider", password=PASSWORD)
    assert client.get(reverse("events:badges_pdf", args=[event.pk])).status_code in (403, 404)


@pytest.mark.django_db(transaction=True)
def test_confirmation_email_carries_qr_and_ics(world):
    event = make_event(world)
    user = world.users["member"]
    user.email = "member@example.com"
    user.save()
    registration = services.register(user, event, organisation=world.member_org)
    for job in Job.objects.filter(kind=SEND_CONFIRMATION):
        jobs.wait(job)
    confirmations = [m for m in mail.outbox if m.attachments]  # notifications may e-mail too
    assert len(confirmations) == 1
    message = confirmations[0]
    assert message.to == ["member@example.com"]
    assert registration.code in message.body
    names = {}
    for part in message.message().walk():
        if part.get_filename():
            names[part.get_filename()] = part
    assert f"{registration.code}.png" in names
    assert names[f"{registration.code}.png"].get_payload(decode=True).startswith(b"\x89PNG")
    ics = names[f"event-{event.pk}.ics"].get_payload(decode=True).decode()
    assert "BEGIN:VEVENT" in ics and registration.code in ics
    html = message.alternatives[0][0]  # type: ignore[attr-defined]
    assert 'src="cid:qr"' in html


@pytest.mark.django_db(transaction=True)
def test_approval_sends_the_confirmation(world):
    event = make_event(world, approval_required=True)
    user = world.users["member"]
    user.email = "member@example.com"
    user.save()
    registration = services.register(user, event, organisation=world.member_org)
    jobs.wait_all(30)
    assert not Job.objects.filter(kind=SEND_CONFIRMATION).exists()  # pending: nothing to confirm yet
    services.approve(world.users["secretariat"], registration)
    for job in Job.objects.filter(kind=SEND_CONFIRMATION):
        jobs.wait(job)
    assert [m.subject for m in mail.outbox if "confirmed" in m.subject or "确认" in m.subject][:1]
    confirmations = [m for m in mail.outbox if m.attachments]
    assert [m.to for m in confirmations] == [["member@example.com"]]
