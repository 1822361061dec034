"""Channel fixtures on top of `build_world()`: a Jiaxing office with its own officer-staff user, a
Songjiang office, routing rules, and a private request by `owner_org` routed to Jiaxing."""

import pytest
from django.utils import translation

from corridor.channel.testing import make_channel


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


@pytest.fixture
def channel(world):
    return make_channel(world)
