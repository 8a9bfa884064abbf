"""RegionProfile and RegionResult (and their history) move to progress: a profile per round is
a progress concept, and regions no longer needs the round states.

The rows stay where they are: the tables are renamed to the names progress gives them, and
only Django's picture of the models moves (progress 0003 takes them up).
"""

from django.db import migrations

MOVED = ["regionprofile", "regionresult", "historicalregionprofile", "historicalregionresult"]


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0002_cbs_codes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=name, table=f"progress_{name}") for name in MOVED
            ],
            state_operations=[
                migrations.RemoveField(
                    model_name="historicalregionresult",
                    name="action_line",
                ),
                migrations.RemoveField(
                    model_name="historicalregionresult",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalregionresult",
                    name="profile",
                ),
                migrations.RemoveField(
                    model_name="historicalregionresult",
                    name="provenance_document",
                ),
                migrations.RemoveField(
                    model_name="historicalregionresult",
                    name="subregion",
                ),
                migrations.RemoveField(
                    model_name="regionprofile",
                    name="provenance_document",
                ),
                migrations.RemoveField(
                    model_name="regionprofile",
                    name="region",
                ),
                migrations.RemoveField(
                    model_name="regionprofile",
                    name="round",
                ),
                migrations.RemoveField(
                    model_name="regionresult",
                    name="profile",
                ),
                migrations.RemoveField(
                    model_name="regionresult",
                    name="action_line",
                ),
                migrations.RemoveField(
                    model_name="regionresult",
                    name="provenance_document",
                ),
                migrations.RemoveField(
                    model_name="regionresult",
                    name="subregion",
                ),
                migrations.DeleteModel(
                    name="HistoricalRegionProfile",
                ),
                migrations.DeleteModel(
                    name="HistoricalRegionResult",
                ),
                migrations.DeleteModel(
                    name="RegionProfile",
                ),
                migrations.DeleteModel(
                    name="RegionResult",
                ),
            ],
        ),
    ]
