"""The receivers of the round cycle's signals: each works out who is told, writes the e-mail
and records it in the outbox (``outbox.record``), which sends it in the background.

They run after the step's commit (``progress.signals``), so a failure here never undoes it.
Each key names the occurrence of the step (the update's revision, the round, the correction),
so a signal that fires twice records nothing new.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pactmonitor.pacts.people import answering
from pactmonitor.progress.labels import item_label, item_link, site_link
from pactmonitor.progress.models import ReportingRound, StatusUpdate

from . import recipients
from .choices import Event
from .outbox import Message, record

if TYPE_CHECKING:
    from pactmonitor.accounts.models import User

UPDATES = StatusUpdate.objects.select_related("round", "action__pact", "sub_measure")


def name_of(user: User | None) -> str:
    if user is None:
        return _("Een beheerder")
    return user.get_full_name() or user.username


def items(updates: Iterable[StatusUpdate]) -> str:
    return "\n".join(f"- {item_label(u)}\n  {item_link(u)}" for u in updates)


def occurrence(updates: Iterable[StatusUpdate]) -> str:
    """A short name for this set of updates at their present revisions."""
    text = ",".join(f"{u.pk}.{u.revision}" for u in sorted(updates, key=lambda u: u.pk))
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def letter(user: User, text: str) -> str:
    """The e-mail around ``text``: greeting, signature and how to choose the digest."""
    preferences = site_link(reverse("notifications:preferences"))
    return (
        "\n\n".join(
            [
                _("Beste %(name)s,") % {"name": name_of(user)},
                text.strip(),
                _("Met vriendelijke groet,\nPactmonitor"),
                _("Liever één e-mail per dag? Kies het dagelijkse overzicht: %(link)s")
                % {"link": preferences},
            ]
        )
        + "\n"
    )


def in_site_language(build: Callable[..., list[Message]]) -> Callable[..., None]:
    """Write the e-mails in the site's language (a signal may fire inside an English request)
    and record them."""

    def receiver(sender: object = None, **kwargs: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            messages = build(**kwargs)
        record(messages)

    receiver.__name__ = build.__name__
    return receiver


@in_site_language
def on_sent_back(*, update: StatusUpdate, comment: str, user: User, **kwargs: Any) -> list[Message]:
    update = UPDATES.get(pk=update.pk)
    _author, submitter = recipients.authors_and_submitters([update.pk]).get(update.pk, (None, None))
    owners = answering([update.action_id]).owners.get(update.action_id, [])
    people = [*owners, *recipients.users_by_id([submitter]).values()]
    subject = _("Teruggestuurd: %(item)s") % {"item": item_label(update)}
    text = _(
        "%(actor)s heeft deze update van %(round)s teruggestuurd:\n\n%(items)s\n\n"
        "Wat er anders moet:\n%(comment)s\n\n"
        "Pas de update aan en meld hem daarna weer klaar voor review."
    ) % {"actor": name_of(user), "round": update.round.name, "items": items([update]),
         "comment": comment}  # fmt: skip
    return [
        Message(person, Event.SENT_BACK, f"sent_back:{update.pk}:r{update.revision}:u{person.pk}",
                subject, letter(person, text), [update.action_id], update.round_id)
        for person in recipients.without(user, people)
    ]  # fmt: skip


@in_site_language
def on_submitted(*, update_ids: list[int], user: User, **kwargs: Any) -> list[Message]:
    updates = list(UPDATES.filter(pk__in=update_ids).in_report_order())
    if not updates:
        return []
    round = updates[0].round
    subject = ngettext(
        "Ingediend: %(count)d update van %(round)s", "Ingediend: %(count)d updates van %(round)s",
        len(updates),
    ) % {"count": len(updates), "round": round.name}  # fmt: skip
    text = _(
        "%(actor)s heeft deze updates van %(round)s ingediend; ze wachten op uw beoordeling:"
        "\n\n%(items)s"
    ) % {"actor": name_of(user), "round": round.name, "items": items(updates)}
    key = occurrence(updates)
    return [
        Message(person, Event.SUBMITTED, f"submitted:{key}:u{person.pk}", subject,
                letter(person, text), sorted({u.action_id for u in updates}), round.pk)
        for person in recipients.without(user, recipients.national_coordinators())
    ]  # fmt: skip


@in_site_language
def on_approved(*, update_ids: list[int], user: User, **kwargs: Any) -> list[Message]:
    updates = list(UPDATES.filter(pk__in=update_ids).in_report_order())
    authors = recipients.authors_and_submitters(update_ids)
    people = recipients.users_by_id(author for author, _submitter in authors.values())
    by_author: dict[int, list[StatusUpdate]] = defaultdict(list)
    for update in updates:
        author_id = authors.get(update.pk, (None, None))[0]
        if author_id in people and author_id != user.pk:
            by_author[author_id].append(update)
    return [_approved(people[pk], mine, user) for pk, mine in sorted(by_author.items())]


def _approved(person: User, updates: list[StatusUpdate], user: User) -> Message:
    round = updates[0].round
    subject = ngettext(
        "Goedgekeurd: %(count)d update van %(round)s",
        "Goedgekeurd: %(count)d updates van %(round)s",
        len(updates),
    ) % {"count": len(updates), "round": round.name}
    text = _("%(actor)s heeft uw updates van %(round)s goedgekeurd:\n\n%(items)s") % {
        "actor": name_of(user), "round": round.name, "items": items(updates)
    }  # fmt: skip
    return Message(
        person, Event.APPROVED, f"approved:{occurrence(updates)}:u{person.pk}", subject,
        letter(person, text), sorted({u.action_id for u in updates}), round.pk,
    )  # fmt: skip


@in_site_language
def on_published(*, round: ReportingRound, user: User, **kwargs: Any) -> list[Message]:
    round = ReportingRound.objects.select_related("pact").get(pk=round.pk)
    subject = _("Gepubliceerd: %(round)s") % {"round": round.name}
    text = _(
        "%(actor)s heeft %(round)s gepubliceerd. De updates en de voortgangsrapportage staan "
        "op %(link)s"
    ) % {"actor": name_of(user), "round": round.name, "link": site_link(round.get_absolute_url())}
    return [
        Message(person, Event.PUBLISHED, f"published:{round.pk}:u{person.pk}", subject,
                letter(person, text), [], round.pk)
        for person in recipients.without(user, recipients.people_of_round(round))
    ]  # fmt: skip


@in_site_language
def on_corrected(*, update: StatusUpdate, user: User | None, **kwargs: Any) -> list[Message]:
    update = UPDATES.get(pk=update.pk)
    subject = _("Gecorrigeerd: %(item)s") % {"item": item_label(update)}
    text = _(
        "%(actor)s heeft een correctie gepubliceerd van deze update van %(round)s:\n\n%(items)s"
        "\n\nReden van de correctie:\n%(reason)s"
    ) % {"actor": name_of(user), "round": update.round.name, "items": items([update]),
         "reason": update.correction_reason}  # fmt: skip
    return [
        Message(person, Event.CORRECTED, f"corrected:{update.pk}:u{person.pk}", subject,
                letter(person, text), [update.action_id], update.round_id)
        for person in recipients.without(user, recipients.people_of_action(update.action_id))
    ]  # fmt: skip


# progress.signals name → receiver (connected in NotificationsConfig.ready).
CONNECTIONS = [
    ("update_sent_back", on_sent_back),
    ("updates_submitted", on_submitted),
    ("updates_approved", on_approved),
    ("round_published", on_published),
    ("update_corrected", on_corrected),
]
