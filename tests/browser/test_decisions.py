"""Decisions show at once: an approved application leaves "To decide" without a reload; a party's buttons
say what they do (accept, decline), and a suggestion already introduced is not offered for introduction."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from corridor.alliances import services as alliances
from corridor.matching import services
from tests.browser.helpers import go, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_decided_application_moves_to_decided_at_once(world, new_page) -> None:
    application = alliances.apply_for_membership(world.users["outsider"], world.alliance, world.outsider_org)
    page = new_page("zh-CN")
    sign_in(page, "secretariat")
    go(page, "nav-applications")
    pending = page.get_by_test_id("pending-applications")
    expect(pending.get_by_test_id(f"application-{application.pk}")).to_have_count(1)
    count_before = int(page.locator("#pending-count").inner_text())
    pending.get_by_test_id(f"approve-{application.pk}").click()
    decided = page.get_by_test_id("decided-applications")
    expect(decided.get_by_test_id(f"application-{application.pk}")).to_have_attribute("data-status", "approved")
    expect(pending.get_by_test_id(f"application-{application.pk}")).to_have_count(0)
    expect(page.locator("#pending-count")).to_have_text(str(count_before - 1))


@pytest.mark.parametrize(("locale", "accept", "decline"), [("zh-CN", "接受", "拒绝"), ("en-US", "Accept", "Decline")])
def test_buttons_say_what_they_do_and_introduced_parties_are_not_offered_again(world, new_page, locale, accept,
                                                                              decline) -> None:
    from corridor.matching.testing import make_listings

    listings = make_listings(world)
    need = listings.need_zh
    need.alliance = world.alliance
    need.save()
    page = new_page(locale)
    sign_in(page, "secretariat")
    page.goto(f"/matching/{need.pk}/")
    suggestion = page.get_by_test_id("suggestion").filter(has_text="Six-axis arc welding robots")
    suggestion.get_by_test_id("introduce").click()
    suggestion = page.get_by_test_id("suggestion").filter(has_text="Six-axis arc welding robots")
    expect(suggestion.get_by_test_id("in-touch")).to_be_visible()
    expect(suggestion.get_by_test_id("introduce")).to_have_count(0)

    owner = new_page(locale)
    sign_in(owner, "owner")
    owner.goto(f"/matching/{need.pk}/")
    expect(owner.get_by_test_id("step-accepted")).to_have_text(accept)
    expect(owner.get_by_test_id("step-declined")).to_have_text(decline)
    assert services.interests_visible_to(world.users["owner"]).filter(listing=need).count() == 1
