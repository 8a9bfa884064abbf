"""RegionProfile and RegionResult (and their history) arrive from regions.

regions 0003 renamed their tables to progress_*, so here only Django's picture of the models is
created; the content types move along, so permissions and admin log entries keep pointing at
them.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = ["regionprofile", "regionresult", "historicalregionprofile", "historicalregionresult"]


def move_content_types(from_app: str, to_app: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        taken = ContentType.objects.filter(app_label=to_app, model__in=MOVED).values("model")
        ContentType.objects.filter(app_label=from_app, model__in=MOVED).exclude(
            model__in=taken
        ).update(app_label=to_app)

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pacts", "0007_action_number_pattern"),
        ("progress", "0002_sentreminder"),
        ("provenance", "0001_initial"),
        ("regions", "0003_move_region_profiles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalRegionProfile",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        (
                            "provenance_quote",
                            models.TextField(blank=True, verbose_name="citaat uit de bron"),
                        ),
                        (
                            "dataset_key",
                            models.CharField(
                                blank=True,
                                db_index=True,
                                editable=False,
                                max_length=255,
                                null=True,
                                verbose_name="datasetsleutel",
                            ),
                        ),
                        (
                            "dataset_fingerprint",
                            models.CharField(blank=True, editable=False, max_length=64),
                        ),
                        ("organisation", models.TextField(blank=True, verbose_name="organisatie")),
                        (
                            "priorities",
                            models.TextField(
                                blank=True, verbose_name="prioriteiten voor het komende jaar"
                            ),
                        ),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                                max_length=1,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "provenance_document",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="provenance.sourcedocument",
                                verbose_name="brondocument",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="regions.region",
                                verbose_name="landsdeel",
                            ),
                        ),
                        (
                            "round",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="progress.reportinground",
                                verbose_name="rapportageronde",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical landsdeelprofiel",
                        "verbose_name_plural": "historical landsdeelprofielen",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="RegionProfile",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "provenance_quote",
                            models.TextField(blank=True, verbose_name="citaat uit de bron"),
                        ),
                        (
                            "dataset_key",
                            models.CharField(
                                blank=True,
                                editable=False,
                                max_length=255,
                                null=True,
                                unique=True,
                                verbose_name="datasetsleutel",
                            ),
                        ),
                        (
                            "dataset_fingerprint",
                            models.CharField(blank=True, editable=False, max_length=64),
                        ),
                        ("organisation", models.TextField(blank=True, verbose_name="organisatie")),
                        (
                            "priorities",
                            models.TextField(
                                blank=True, verbose_name="prioriteiten voor het komende jaar"
                            ),
                        ),
                        (
                            "provenance_document",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="provenance.sourcedocument",
                                verbose_name="brondocument",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="profiles",
                                to="regions.region",
                                verbose_name="landsdeel",
                            ),
                        ),
                        (
                            "round",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="region_profiles",
                                to="progress.reportinground",
                                verbose_name="rapportageronde",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "landsdeelprofiel",
                        "verbose_name_plural": "landsdeelprofielen",
                        "ordering": ["region__name", "round__peildatum"],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalRegionResult",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        (
                            "provenance_quote",
                            models.TextField(blank=True, verbose_name="citaat uit de bron"),
                        ),
                        (
                            "dataset_key",
                            models.CharField(
                                blank=True,
                                db_index=True,
                                editable=False,
                                max_length=255,
                                null=True,
                                verbose_name="datasetsleutel",
                            ),
                        ),
                        (
                            "dataset_fingerprint",
                            models.CharField(blank=True, editable=False, max_length=64),
                        ),
                        (
                            "heading",
                            models.CharField(blank=True, max_length=300, verbose_name="kop"),
                        ),
                        ("text", models.TextField(verbose_name="tekst")),
                        ("order", models.PositiveIntegerField(default=0, verbose_name="volgorde")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                                max_length=1,
                            ),
                        ),
                        (
                            "action_line",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="pacts.actionline",
                                verbose_name="actielijn",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "provenance_document",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="provenance.sourcedocument",
                                verbose_name="brondocument",
                            ),
                        ),
                        (
                            "subregion",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="regions.region",
                                verbose_name="provincie of subregio",
                            ),
                        ),
                        (
                            "profile",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="progress.regionprofile",
                                verbose_name="profiel",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical resultaat",
                        "verbose_name_plural": "historical resultaten",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="RegionResult",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "provenance_quote",
                            models.TextField(blank=True, verbose_name="citaat uit de bron"),
                        ),
                        (
                            "dataset_key",
                            models.CharField(
                                blank=True,
                                editable=False,
                                max_length=255,
                                null=True,
                                unique=True,
                                verbose_name="datasetsleutel",
                            ),
                        ),
                        (
                            "dataset_fingerprint",
                            models.CharField(blank=True, editable=False, max_length=64),
                        ),
                        (
                            "heading",
                            models.CharField(blank=True, max_length=300, verbose_name="kop"),
                        ),
                        ("text", models.TextField(verbose_name="tekst")),
                        ("order", models.PositiveIntegerField(default=0, verbose_name="volgorde")),
                        (
                            "action_line",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to="pacts.actionline",
                                verbose_name="actielijn",
                            ),
                        ),
                        (
                            "profile",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="results",
                                to="progress.regionprofile",
                                verbose_name="profiel",
                            ),
                        ),
                        (
                            "provenance_document",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="provenance.sourcedocument",
                                verbose_name="brondocument",
                            ),
                        ),
                        (
                            "subregion",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="regions.region",
                                verbose_name="provincie of subregio",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "resultaat",
                        "verbose_name_plural": "resultaten",
                        "ordering": ["profile", "order"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="regionprofile",
                    constraint=models.UniqueConstraint(
                        fields=("region", "round"), name="one_profile_per_round"
                    ),
                ),
            ],
        ),
        migrations.RunPython(
            move_content_types("regions", "progress"), move_content_types("progress", "regions")
        ),
    ]
