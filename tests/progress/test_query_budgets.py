"""Every work page asks at most its budget of queries (tests/query_counts.json) on the bundled
dataset with a round open for all its actions, for a national and a landsdeel coordinator."""

import datetime

import pytest

from pactmonitor.accounts.models import User
from pactmonitor.initiatives.models import Initiative
from pactmonitor.pacts.models import Action
from pactmonitor.progress import services
from pactmonitor.progress.models import ProposedCorrection, RegionProfile, StatusUpdate
from pactmonitor.regions.models import Region
from tests import budgets, factory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def open_round(bundled, django_db_blocker):
    """A 2016 round of Techniekpact 2020 (a draft for every action below it), nina (national
    coordinator) and dirk (coordinator of Oost); removed again after the module."""
    with django_db_blocker.unblock():
        round = services.open_round(
            pact=Action.objects.get(pact__key="techniekpact-2020", number="1").pact,
            slug="2016",
            name="Ronde 2016",
            peildatum=datetime.date(2016, 6, 1),
            deadline=datetime.date(2016, 6, 30),
        )
        oost = Region.objects.get(key="oost")
        users = {
            "nina": factory.user(username="nina", role="national_coordinator"),
            "dirk": factory.user(username="dirk", role="landsdeel_coordinator", landsdeel=oost),
        }
        places = {
            "round": round.slug,
            "draft": StatusUpdate.objects.editable_by(users["dirk"]).filter(round=round)[0].pk,
            "published": StatusUpdate.objects.public()[0].pk,
            "action": Action.objects.filter(pact__key="techniekpact-2020")[0].pk,
            "initiative": Initiative.objects.for_user(users["dirk"], "edit")[0].key,
        }
        published = StatusUpdate.objects.public()[0]
        places["proposal"] = ProposedCorrection.objects.create(
            update=published,
            status=published.status,
            basis=published.basis,
            reason="Verkeerde kleur",
            proposed_by=users["nina"],
        ).pk
    yield users, places
    with django_db_blocker.unblock():
        ProposedCorrection.objects.all().delete()
        round.updates.all().delete()
        RegionProfile.objects.filter(round=round).delete()
        round.delete()
        User.objects.filter(pk__in=[u.pk for u in users.values()]).delete()


@pytest.mark.parametrize("page", budgets.page_types("work"))
def test_a_work_page_stays_within_its_query_budget(client, open_round, page):
    users, places = open_round
    counts = {}
    for entry in budgets.BUDGETS["work"][page]["urls"]:
        name, url = entry.split(" ", 1)
        client.force_login(users[name])
        counts[entry] = budgets.queries_for(client, url.format(**places))
    budgets.assert_within_budget("work", page, counts)
