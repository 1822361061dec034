"""Questions on the registration form: defined by the organiser, answered on registering, refused naming the
question, shown in the registrations list and the .xlsx export."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from corridor.core.testing import PASSWORD
from corridor.events import reports, services
from corridor.events.forms import parse_questions
from corridor.events.models import Answer, Registration
from corridor.events.tests.helpers import make_event, more_members

pytestmark = pytest.mark.django_db

QUESTIONS = (
    "choice | * | 所属行业 | Industry | 机器人/Robots; 汽车/Automotive\n"
    "yesno | * | 是否参加午餐 | Lunch?\n"
    "text | | 饮食要求 | Dietary needs\n"
)


def _event(world):
    event = make_event(world)
    for row in parse_questions(QUESTIONS):
        services.add_question(world.users["secretariat"], event, row)
    return event, list(event.questions.all())


def test_answers_are_checked_and_stored(world):
    event, (industry, lunch, diet) = _event(world)
    assert [value for value, _label in industry.options()] == ["1", "2"]
    a, _b, _c = more_members(world, 3)
    with pytest.raises(ValidationError) as exc, translation.override("en"):  # required, unanswered: named
        services.register(a, event, organisation=world.member_org, answers={f"q{industry.pk}": "1"})
    assert list(exc.value.message_dict) == [f"q{lunch.pk}"]
    assert exc.value.message_dict[f"q{lunch.pk}"][0].startswith("Lunch?")
    with pytest.raises(ValidationError) as exc:  # a choice not offered
        services.register(a, event, organisation=world.member_org, answers={f"q{industry.pk}": "7", f"q{lunch.pk}": "yes"})
    assert f"q{industry.pk}" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:  # yes/no is yes or no
        services.register(a, event, organisation=world.member_org, answers={f"q{industry.pk}": "1", f"q{lunch.pk}": "maybe"})
    assert f"q{lunch.pk}" in exc.value.message_dict
    assert not Registration.objects.filter(event=event).exists()
    event.refresh_from_db()
    assert event.taken == 0
    registration = services.register(a, event, organisation=world.member_org,
                                     answers={f"q{industry.pk}": "2", f"q{lunch.pk}": "no", f"q{diet.pk}": " 素食 "})
    stored = {x.question_id: x.value for x in Answer.objects.filter(registration=registration)}
    assert stored == {industry.pk: "2", lunch.pk: "no", diet.pk: "素食"}
    with translation.override("en"):
        assert industry.display("2") == "Automotive"
    with translation.override("zh-hans"):
        assert industry.display("2") == "汽车"


def test_parse_refuses_a_choice_without_choices():
    with pytest.raises(ValidationError):
        parse_questions("choice | * | 行业 | Industry")
    with pytest.raises(ValidationError):
        parse_questions("colour | | 颜色 | Colour")


def test_answers_in_the_list_and_the_export(world, client):
    event, (industry, lunch, diet) = _event(world)
    services.register(world.users["member"], event, organisation=world.member_org,
                      answers={f"q{industry.pk}": "1", f"q{lunch.pk}": "yes", f"q{diet.pk}": "清真"})
    client.login(username="secretariat", password=PASSWORD)
    page = client.get(reverse("events:registrations", args=[event.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Robots" in html and "清真" in html and "Industry" in html
    with translation.override("en"):
        book = load_workbook(BytesIO(reports.registrations_xlsx(world.users["secretariat"], event)))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-3:] == ("Industry", "Lunch?", "Dietary needs")
    assert rows[1][-3:] == ("Robots", "Yes", "清真")


def test_the_form_asks_and_names_the_question_refused(world, client):
    event, (industry, lunch, _diet) = _event(world)
    client.login(username="member", password=PASSWORD)
    url = reverse("events:detail", args=[event.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert f'name="q{industry.pk}"' in page.content.decode()
    answer = client.post(url, {"organisation": world.member_org.pk, f"q{industry.pk}": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 422
    assert "Lunch?" in answer.content.decode()
    assert not Registration.objects.filter(event=event).exists()
    done = client.post(url, {"organisation": world.member_org.pk, f"q{industry.pk}": "1", f"q{lunch.pk}": "yes"})
    assert done.status_code == 302
    assert Answer.objects.filter(registration__event=event).count() == 2
