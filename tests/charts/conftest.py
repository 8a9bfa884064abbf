import pytest

from tests.web.world import build_world


@pytest.fixture
def world(db):
    return build_world()
