"""Classify the existing status updates honestly (see progress.choices.Reporting).

An update from the source documents (the bundled dataset: it has a provenance document) or a
correction reports what it says. Any other update that still says exactly what the round
opened it with — the previous round's status, narrative, milestones and vindplaatsen, nothing
new; or nothing at all where there was no previous update — was carried over and reports
nothing, whatever state it reached. In rounds not yet published, such a draft no longer
carries the previous round's afgeleid status (it becomes "onbekend", as open_round now does).
"""

from django.db import migrations

CONTENT = ("status", "basis", "basis_quote", "narrative")


def _previous(StatusUpdate, update):
    return (
        StatusUpdate.objects.filter(
            is_current=True,
            action_id=update.action_id,
            sub_measure_id=update.sub_measure_id,
            round__peildatum__lt=update.round.peildatum,
        )
        .order_by("-round__peildatum", "-version")
        .first()
    )


def _evidence(update):
    milestones = sorted((m.date, m.date_text, m.text) for m in update.milestones.all())
    sources = sorted((s.title, s.url) for s in update.sources.all())
    return milestones, sources


def _carried_over(StatusUpdate, update):
    if update.new:
        return False
    previous = _previous(StatusUpdate, update)
    if previous is None:
        return (
            not update.narrative
            and update.status == "onbekend"
            and _evidence(update)
            == (
                [],
                [],
            )
        )
    same = all(getattr(update, name) == getattr(previous, name) for name in CONTENT)
    reset = previous.basis == "assessed" and (update.status, update.basis) == (
        "onbekend",
        "unknown",
    )
    same = same or (reset and update.narrative == previous.narrative)
    return same and _evidence(update) == _evidence(previous)


def classify(apps, schema_editor):
    StatusUpdate = apps.get_model("progress", "StatusUpdate")
    candidates = StatusUpdate.objects.filter(
        provenance_document__isnull=True, supersedes__isnull=True
    ).select_related("round")
    for update in candidates:
        if not _carried_over(StatusUpdate, update):
            continue
        fields = {"carried_over": True}
        if update.basis == "assessed" and update.round.state != "published":
            fields |= {"status": "onbekend", "basis": "unknown", "basis_quote": ""}
        # QuerySet.update: a published update is frozen for save(); this is bookkeeping.
        StatusUpdate.objects.filter(pk=update.pk).update(**fields)


class Migration(migrations.Migration):
    dependencies = [("progress", "0006_honest_reporting")]

    operations = [migrations.RunPython(classify, migrations.RunPython.noop)]
