import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from pactmonitor.accounts.models import User
from pactmonitor.progress.models import RegionProfile
from tests import factory

# The schema of main before the region profiles moved from regions to progress.
BEFORE_THE_PROFILES_MOVED = [("regions", "0002_cbs_codes"), ("progress", "0002_sentreminder")]


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def migrate(targets):
    """Migrate the test database to ``targets`` and return the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_profiles_and_permissions_written_before_the_move_to_progress_hold_after_it():
    """One migration back and forth (about 30 s each way here) for both things a site had."""
    try:
        old = migrate(BEFORE_THE_PROFILES_MOVED)
        # The models as they were then: later migrations add columns the old tables lack.
        noord = old.get_model("regions", "Region").objects.create(
            key="noord", name="Noord", kind="landsdeel"
        )
        round = old.get_model("progress", "ReportingRound").objects.create(
            pact_id=factory.pact().pk, slug="2014", name="2014", peildatum=datetime.date(2014, 5, 1)
        )
        profile = old.get_model("regions", "RegionProfile").objects.create(
            region_id=noord.pk, round_id=round.pk, organisation="Stuurgroep Noord"
        )
        old.get_model("regions", "RegionResult").objects.create(
            profile=profile, text="Twintig scholen doen mee"
        )
        old.get_model("regions", "HistoricalRegionProfile").objects.create(
            id=profile.pk, organisation="Stuurgroep", history_date=timezone.now(), history_type="+"
        )
        editor = factory.user(username="redacteur")
        change = Permission.objects.get(
            content_type__app_label="regions", codename="change_regionprofile"
        )
        editor.user_permissions.add(change)
        migrate(latest())
        moved = RegionProfile.objects.get(region_id=noord.pk, round_id=round.pk)
        assert moved.organisation == "Stuurgroep Noord"
        assert [r.text for r in moved.results.all()] == ["Twintig scholen doen mee"]
        assert [h.organisation for h in moved.history.all()] == ["Stuurgroep"]
        assert User.objects.get(pk=editor.pk).has_perm("progress.change_regionprofile")
    finally:
        migrate(latest())
