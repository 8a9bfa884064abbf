"""Every public page type asks at most its budget of queries (tests/query_counts.json) on the
bundled dataset, however many actions, updates, figures or initiatives it shows; and every page
type, public or work, has a budget there."""

import pytest
from django.urls import URLResolver, get_resolver, resolve

from pactmonitor.progress.models import StatusUpdate
from tests import budgets

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", budgets.page_types("public"))
def test_a_public_page_stays_within_its_query_budget(client, bundled, page):
    # An address may name a row by its database id (an API status update): the first public one.
    places = {"update": StatusUpdate.objects.public().order_by("pk")[0].pk}
    urls = [u.format(**places) for u in budgets.BUDGETS["public"][page]["urls"]]
    budgets.assert_within_budget("public", page, {u: budgets.queries_for(client, u) for u in urls})


# The addresses that are not a page of their own, each with why it has no budget. Django's
# admin (/beheer/) is the administrators' tool and not listed.
WITHOUT_BUDGET = {
    "set_language": "sets the language cookie and redirects back",
    "accounts:logout": "signs out and redirects (POST)",
    "accounts:second_factor": "the sign-in's second step, for one user's own device",
    "accounts:second_factor_setup": "one user's own device, set up once",
    "accounts:recovery_codes": "one user's own recovery codes (POST)",
    "accounts:password_reset_done": "a fixed text after the reset mail",
    "accounts:password_reset_confirm": "a one-time link from the reset mail",
    "accounts:password_reset_complete": "a fixed text after the reset",
    "progress:selection": "a POST: the confirmation of one step on the updates chosen",
    "progress:selection_apply": "a POST that redirects to the round's drafts (budgeted)",
    "progress:mark_ready": "a POST that redirects to the round's drafts (budgeted)",
    "progress:take_back": "a POST that redirects to the round's drafts (budgeted)",
    "progress:confirm": "a POST that redirects to the round's drafts (budgeted)",
    "progress:round_publish": "a POST that redirects to the round's drafts (budgeted)",
    "progress:submit": "a POST that redirects to the update (budgeted)",
    "progress:approve": "a POST that redirects to the round's drafts (budgeted)",
    "progress:add_row": "a POST that shows the budgeted edit page again with one more empty row",
    "progress:profile_submit": "a POST that redirects to the round's drafts (budgeted)",
    "progress:profile_approve": "a POST that redirects to the review list (budgeted)",
    "progress:profile_send_back": "a POST that redirects to the review list (budgeted)",
    "progress:proposal_approve": "a POST that redirects to the proposal (budgeted)",
    "progress:proposal_reject": "a POST that redirects to the proposal (budgeted)",
    "progress:review_approve": "a POST that redirects to the next review page (budgeted)",
    "progress:review_send_back": "a POST that redirects to the next review page (budgeted)",
    "initiatives:work_approve": "a POST that redirects to the review list (budgeted)",
    "initiatives:work_reject": "a POST that redirects to the review list (budgeted)",
    "initiatives:change_approve": "a POST that redirects to the review list (budgeted)",
    "initiatives:change_reject": "a POST that redirects to the review list (budgeted)",
    "indicators:import_upload": "a POST that starts a background import",
    "indicators:import_progress": "one background import's progress file, no list to grow",
    "indicators:batch_withdraw": "a POST that redirects to the imports (budgeted)",
    "downloads:file": "a stored file of the open-data edition, sent as it is",
    "unknown_address": "the API's problem document for an address it does not have",
}


def _url_name(entry: str) -> str:
    """The URL name a budget's address resolves to (a work entry names its user first)."""
    url = entry.split(" ", 1)[-1].split("?")[0]
    url = url.format(
        round="2016", draft=1, published=1, action=1, initiative="x", update=1, proposal=1
    )
    match = resolve(url)
    name = match.url_name or match.func.__name__
    return f"{match.namespace}:{name}" if match.namespace else name


def _page_names(patterns: list, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                inner = pattern.namespace or namespace
                names |= _page_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
        else:
            names.add(pattern.callback.__name__)
    return names


def test_every_page_type_a_visitor_or_a_worker_can_open_has_a_query_budget():
    budgeted = {
        _url_name(url)
        for section in ("public", "work")
        for page in budgets.BUDGETS[section].values()
        for url in page["urls"]
    }
    pages = _page_names(get_resolver().url_patterns)
    assert pages - budgeted - set(WITHOUT_BUDGET) == set()
    assert set(WITHOUT_BUDGET) & budgeted == set()
    assert set(WITHOUT_BUDGET) <= pages  # no reason kept for an address that is gone
