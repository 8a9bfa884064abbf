import pytest

from tests.web.world import build_world


@pytest.fixture
def world(db):
    """The public pages' world: two published rounds, an open one with a published-state
    update, a draft, a contact person with an e-mail address."""
    return build_world()
