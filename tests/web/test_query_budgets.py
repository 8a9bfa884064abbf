"""Every public page type asks at most its budget of queries (tests/query_counts.json) on the
bundled dataset, however many actions, updates, figures or initiatives it shows."""

import pytest

from tests import budgets

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", budgets.page_types("public"))
def test_a_public_page_stays_within_its_query_budget(client, bundled, page):
    urls = budgets.BUDGETS["public"][page]["urls"]
    budgets.assert_within_budget("public", page, {u: budgets.queries_for(client, u) for u in urls})
