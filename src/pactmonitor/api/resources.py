"""Per resource: the public rows (through the models' public QuerySets), how a row is written out,
its filters and its sorts, together a ``Resource``. The operations in ``views.py`` serve these
with ``listing`` and ``Resource.one``.

What a row shows is written out field by field, never "all fields": a field added to a model
is public in the API only when it is added here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.html import strip_tags

from pactmonitor.indicators.models import Finding, Indicator, Observation, Target
from pactmonitor.initiatives.models import Initiative, InitiativeQuerySet
from pactmonitor.pacts.models import Action, ActionLine, Organisation, Pact, PactMilestone
from pactmonitor.progress.choices import RoundState, UpdateState
from pactmonitor.progress.models import RegionProfile, RegionResult, ReportingRound, StatusUpdate
from pactmonitor.regions.models import Region

from .listing import Filter, Resource, Row

# The identity of a status update's subject: its round, action and sub-measure (or None).
Subject = tuple[int, int, int | None]


def provenance(obj: Any) -> dict[str, str] | None:
    if not obj.provenance_document_id:
        return None
    return {
        "document": obj.provenance_document.dated_title,
        "quote": strip_tags(obj.provenance_quote),
    }


def action_ref(action: Action) -> str:
    return f"{action.pact.key}/{action.number}"


def line_ref(line: ActionLine) -> str:
    return f"{line.pact.key}/{line.key}"


def _keys(related: Iterable[Any]) -> list[str]:
    return sorted(obj.key for obj in related)


def _region_rows(value: str) -> set[int]:
    region = Region.objects.get(key=value)
    return region.descendant_ids()


# --- Pacts, action lines, actions, organisations ------------------------------------------------


def pacts() -> QuerySet[Pact]:
    return Pact.objects.select_related("parent", "region", "provenance_document").prefetch_related(
        Prefetch(
            "planning",
            queryset=PactMilestone.objects.select_related("provenance_document").order_by(
                "position"
            ),
        )
    )


def pact(obj: Pact) -> Row:
    return {
        "key": obj.key,
        "name": obj.name,
        "level": obj.level,
        "parent": obj.parent.key if obj.parent else None,
        "region": obj.region.key if obj.region else None,
        "period_start": obj.period_start,
        "period_end": obj.period_end,
        "signed_on": obj.signed_on,
        "parties": obj.parties,
        "description": obj.description,
        "planning": [
            {
                "date": item.date,
                "date_text": item.date_text,
                "text": item.text,
                "note": item.note,
                "provenance": provenance(item),
            }
            for item in obj.planning.all()
        ],
        "provenance": provenance(obj),
    }


PACTS = Resource(
    pacts,
    pact,
    sorts={"name": ("name",), "-name": ("-name",), "level": ("level", "name")},
    filters=[Filter("level", "level"), Filter("region", "region__key", Region.objects.all)],
)


def action_lines() -> QuerySet[ActionLine]:
    return ActionLine.objects.select_related("pact", "provenance_document").prefetch_related(
        "contributes_to__pact"
    )


def action_line(obj: ActionLine) -> Row:
    return {
        "pact": obj.pact.key,
        "key": obj.key,
        "name": obj.name,
        "national_goal": obj.national_goal,
        "order": obj.order,
        "contributes_to": sorted(line_ref(line) for line in obj.contributes_to.all()),
        "provenance": provenance(obj),
    }


ACTION_LINES = Resource(
    action_lines,
    action_line,
    sorts={"order": ("pact__key", "order"), "name": ("name",), "-name": ("-name",)},
    filters=[Filter("pact", "pact__key", Pact.objects.all)],
)


def actions() -> QuerySet[Action]:
    return Action.objects.select_related(
        "pact", "action_line", "region", "provenance_document"
    ).prefetch_related(
        "leads",
        "partners",
        "sub_measures",
        "operational_goals",
        "serves_actions__pact",
        "serves_action_lines__pact",
    )


def action(obj: Action) -> Row:
    return {
        "pact": obj.pact.key,
        "number": obj.number,
        "title": obj.title,
        "text": obj.text,
        "action_line": obj.action_line.key if obj.action_line else None,
        "theme": obj.theme,
        "region": obj.region.key if obj.region else None,
        "ambition": obj.ambition,
        "leads": _keys(obj.leads.all()),
        "partners": _keys(obj.partners.all()),
        "lead_text": obj.lead_text,
        "lead_basis": obj.lead_basis,
        "lead_quote": obj.lead_quote,
        "partners_text": obj.partners_text,
        "sub_measures": [{"letter": s.letter, "text": s.text} for s in obj.sub_measures.all()],
        "operational_goals": [
            {
                "text": g.text,
                "deadline": g.deadline,
                "deadline_text": g.deadline_text,
                "note": g.note,
            }
            for g in obj.operational_goals.all()
        ],
        "serves_actions": sorted(action_ref(a) for a in obj.serves_actions.all()),
        "serves_action_lines": sorted(line_ref(line) for line in obj.serves_action_lines.all()),
        "provenance": provenance(obj),
    }


ACTIONS = Resource(
    actions,
    action,
    sorts={
        "number": ("pact__key", "position"),
        "-number": ("pact__key", "-position"),
        "title": ("title",),
        "-title": ("-title",),
    },
    filters=[
        Filter("pact", "pact__key", Pact.objects.all),
        Filter("actionLine", "action_line__key", ActionLine.objects.all),
        Filter(
            "region",
            known=Region.objects.all,
            narrow=lambda rows, key: rows.filter(
                pk__in=Action.objects.in_region(Region.objects.get(key=key)).values("pk")
            ),
        ),
        Filter(
            "lead",
            known=Organisation.objects.all,
            narrow=lambda rows, key: rows.filter(
                pk__in=Action.objects.filter(leads__key=key).values("pk")
            ),
        ),
    ],
)


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("region", "provenance_document")


def organisation(obj: Organisation) -> Row:
    return {
        "key": obj.key,
        "name": obj.name,
        "short_name": obj.short_name,
        "sector": obj.sector,
        "region": obj.region.key if obj.region else None,
        "url": obj.url,
        "alternative_names": list(obj.alternative_names or []),
        "provenance": provenance(obj),
    }


ORGANISATIONS = Resource(
    organisations,
    organisation,
    sorts={"name": ("name",), "-name": ("-name",)},
    filters=[
        Filter("sector", "sector"),
        Filter("region", "region__key", Region.objects.all),
    ],
)


# --- Rounds and status updates --------------------------------------------------------------------


def rounds() -> QuerySet[ReportingRound]:
    return ReportingRound.objects.published().select_related("pact")


def round(obj: ReportingRound) -> Row:
    return {
        "code": obj.slug,
        "name": obj.name,
        "pact": obj.pact.key,
        "peildatum": obj.peildatum,
        "peildatum_text": obj.peildatum_text,
        "published_at": obj.published_at,
    }


ROUNDS = Resource(
    rounds,
    round,
    sorts={"peildatum": ("peildatum",), "-peildatum": ("-peildatum",)},
    filters=[Filter("pact", "pact__key", Pact.objects.all)],
)


def status_updates() -> QuerySet[StatusUpdate]:
    return (
        StatusUpdate.objects.public()
        .select_related("round", "action__pact", "sub_measure", "provenance_document")
        .prefetch_related("milestones", "sources")
    )


def earlier_versions(updates: list[StatusUpdate]) -> dict[Subject, list[StatusUpdate]]:
    """The earlier published versions of the given (current) updates, in one query."""
    if not updates:
        return {}
    found = (
        StatusUpdate.objects.filter(
            state=UpdateState.PUBLISHED,
            is_current=False,
            round__state=RoundState.PUBLISHED,
            round__in={u.round_id for u in updates},
            action__in={u.action_id for u in updates},
        )
        .only(
            "id",
            "round",
            "action",
            "sub_measure",
            "version",
            "status",
            "basis",
            "narrative",
            "new",
            "correction_reason",
        )  # fmt: skip
        .order_by("version")
    )
    by_subject: dict[Subject, list[StatusUpdate]] = defaultdict(list)
    for update in found:
        by_subject[(update.round_id, update.action_id, update.sub_measure_id)].append(update)
    return by_subject


def status_update(obj: StatusUpdate, earlier: dict[Subject, list[StatusUpdate]]) -> Row:
    versions = earlier.get((obj.round_id, obj.action_id, obj.sub_measure_id), [])
    return {
        "id": obj.pk,
        "round": obj.round.slug,
        "pact": obj.action.pact.key,
        "action": obj.action.number,
        "sub_measure": obj.sub_measure.letter if obj.sub_measure else None,
        "version": obj.version,
        "status": obj.status,
        "basis": obj.basis,
        "basis_quote": obj.basis_quote,
        "narrative": obj.narrative,
        "new": obj.new,
        "correction_reason": obj.correction_reason,
        "supersedes": obj.supersedes_id,
        "milestones": [
            {"date": m.date, "date_text": m.date_text, "text": m.text} for m in obj.milestones.all()
        ],
        "sources": [{"title": s.title, "url": s.url} for s in obj.sources.all()],
        "earlier_versions": [
            {
                "id": v.pk,
                "version": v.version,
                "status": v.status,
                "basis": v.basis,
                "narrative": v.narrative,
                "new": v.new,
                "correction_reason": v.correction_reason,
            }
            for v in versions
            if v.version < obj.version
        ],
        "provenance": provenance(obj),
    }


def status_update_rows(updates: list[StatusUpdate]) -> list[Row]:
    """The updates written out, with their earlier versions asked for all at once."""
    earlier = earlier_versions(updates)
    return [status_update(update, earlier) for update in updates]


STATUS_UPDATES = Resource(
    status_updates,
    lambda update: status_update(update, earlier_versions([update])),
    sorts={
        "action": (
            "round__peildatum",
            "action__pact__key",
            "action__position",
            "sub_measure__letter",
        ),
        "-round": (
            "-round__peildatum",
            "action__pact__key",
            "action__position",
            "sub_measure__letter",
        ),
        "status": ("status", "round__peildatum", "action__position"),
    },
    filters=[
        Filter("pact", "action__pact__key", Pact.objects.all),
        Filter("actionLine", "action__action_line__key", ActionLine.objects.all),
        Filter("round", "round__slug", ReportingRound.objects.published, field="slug"),
        Filter("status", "status"),
        Filter(
            "region",
            known=Region.objects.all,
            narrow=lambda rows, key: rows.filter(
                action__in=Action.objects.in_region(Region.objects.get(key=key)).values("pk")
            ),
        ),
        Filter("year", "round__peildatum__year"),
    ],
    write_page=status_update_rows,
)


# --- Regions and landsdeel profiles ---------------------------------------------------------------


def regions() -> QuerySet[Region]:
    return Region.objects.select_related("parent").prefetch_related("part_of", "groupings")


def region(obj: Region) -> Row:
    return {
        "key": obj.key,
        "name": obj.name,
        "kind": obj.kind,
        "cbs_code": obj.code,
        "parent": obj.parent.key if obj.parent else None,
        "part_of": _keys(obj.part_of.all()),
        "groupings": _keys(obj.groupings.all()),
    }


REGIONS = Resource(
    regions,
    region,
    sorts={"name": ("name",), "-name": ("-name",), "cbsCode": ("code",)},
    filters=[
        Filter("kind", "kind"),
        Filter("parent", "parent__key", Region.objects.all),
        Filter("cbsCode", "code"),
    ],
)


def landsdeel_profiles() -> QuerySet[RegionProfile]:
    return (
        RegionProfile.objects.published()
        .select_related("region", "round", "provenance_document")
        .prefetch_related(
            Prefetch(
                "results",
                queryset=RegionResult.objects.select_related("action_line", "subregion"),
            )
        )
    )


def landsdeel_profile(obj: RegionProfile) -> Row:
    return {
        "landsdeel": obj.region.key,
        "round": obj.round.slug,
        "organisation": obj.organisation,
        "priorities": obj.priorities,
        "results": [
            {
                "action_line": r.action_line.key if r.action_line else None,
                "region": r.subregion.key if r.subregion else None,
                "heading": r.heading,
                "text": r.text,
            }
            for r in obj.results.all()
        ],
        "provenance": provenance(obj),
    }


LANDSDEEL_PROFILES = Resource(
    landsdeel_profiles,
    landsdeel_profile,
    sorts={
        "landsdeel": ("region__name", "round__peildatum"),
        "-round": ("-round__peildatum", "region__name"),
    },
    filters=[
        Filter("landsdeel", "region__key", Region.objects.landsdelen),
        Filter("round", "round__slug", ReportingRound.objects.published, field="slug"),
        Filter("year", "round__peildatum__year"),
    ],
)


# --- Indicators, targets, observations ------------------------------------------------------------


def indicators() -> QuerySet[Indicator]:
    return Indicator.objects.all()


def indicator(obj: Indicator) -> Row:
    return {
        "key": obj.key,
        "name": obj.name,
        "unit": obj.unit,
        "unit_text": obj.unit_text,
        "measure": obj.measure,
        "description": obj.description,
        "definition": obj.definition,
        "is_headline": obj.is_headline,
    }


INDICATORS = Resource(
    indicators,
    indicator,
    sorts={"name": ("name",), "-name": ("-name",), "headline": ("-is_headline", "name")},
)


def targets() -> QuerySet[Target]:
    return Target.objects.select_related("indicator", "region", "provenance_document")


def observations() -> QuerySet[Observation]:
    return Observation.objects.select_related("indicator", "region", "provenance_document")


def measurement(obj: Target | Observation) -> Row:
    row: Row = {
        "id": obj.pk,
        "indicator": obj.indicator.key,
        "region": obj.region.key if obj.region else None,
        "education_level": obj.education_level or None,
        "year": obj.year,
        "period_text": obj.period_text,
        "dimensions": {str(k): str(v) for k, v in (obj.dimensions or {}).items()},
        "value": obj.value,
        "lower": obj.lower,
        "upper": obj.upper,
        "bound_text": obj.bound_text,
        "note": obj.note,
        "provenance": provenance(obj),
    }
    if isinstance(obj, Observation):
        # A seed figure's document names no licence: none is claimed for it here.
        row |= {
            "numerator": obj.numerator,
            "denominator": obj.denominator,
            "licence": None,
            "dating": obj.dating,
            "as_of": obj.as_of,
            "as_of_text": obj.as_of_text,
            "comparable": obj.comparable,
            "comparability_note": obj.comparability_note,
        }
    return row


MEASUREMENT_FILTERS = [
    Filter("indicator", "indicator__key", Indicator.objects.all),
    Filter("region", "region__key", Region.objects.all),
    Filter("year", "year"),
    Filter("level", "education_level"),
]
MEASUREMENT_SORTS = {
    "year": ("indicator__key", "year"),
    "-year": ("indicator__key", "-year"),
    "value": ("value",),
}
TARGETS = Resource(
    targets,
    measurement,
    sorts=MEASUREMENT_SORTS,
    filters=MEASUREMENT_FILTERS,
)
OBSERVATIONS = Resource(
    observations,
    measurement,
    sorts=MEASUREMENT_SORTS,
    filters=MEASUREMENT_FILTERS,
)


def findings() -> QuerySet[Finding]:
    return Finding.objects.select_related("region", "indicator", "provenance_document")


def finding(obj: Finding) -> Row:
    return {
        "id": obj.pk,
        "text": obj.text,
        "region": obj.region.key if obj.region else None,
        "indicator": obj.indicator.key if obj.indicator else None,
        "education_levels": list(obj.education_levels),
        "year": obj.year,
        "as_of": obj.as_of,
        "as_of_text": obj.as_of_text,
        "note": obj.note,
        "provenance": provenance(obj),
    }


FINDINGS = Resource(
    findings,
    finding,
    sorts={"region": ("region__key", "pk"), "-region": ("-region__key", "-pk")},
    filters=[
        Filter("indicator", "indicator__key", Indicator.objects.all),
        # A region and the regions inside it, as the landsdeel and region pages show them.
        Filter(
            "region",
            known=Region.objects.all,
            narrow=lambda rows, key: rows.filter(region__in=_region_rows(key)),
        ),
    ],
)


# --- Initiatives ----------------------------------------------------------------------------------


def initiatives() -> QuerySet[Initiative]:
    return (
        Initiative.objects.public()
        .select_related("provenance_document")
        .prefetch_related("regions", "institutions", "action_lines__pact", "serves__pact")
    )


def initiative(obj: Initiative) -> Row:
    return {
        "key": obj.key,
        "name": obj.name,
        "kind": obj.kind,
        "description": obj.description,
        "regions": _keys(obj.regions.all()),
        "institutions": _keys(obj.institutions.all()),
        "action_lines": sorted(line_ref(line) for line in obj.action_lines.all()),
        "education_levels": obj.education_levels.split(),
        "sectors": [str(s) for s in obj.sectors or []],
        "start_year": obj.start_year,
        "url": obj.url,
        "serves": sorted(action_ref(a) for a in obj.serves.all()),
        "provenance": provenance(obj),
    }


INITIATIVES = Resource(
    initiatives,
    initiative,
    sorts={"name": ("name",), "-name": ("-name",), "startYear": ("start_year", "name")},
    filters=[
        Filter(
            "region",
            known=Region.objects.all,
            narrow=lambda rows, key: rows.filter(
                pk__in=Initiative.objects.public()
                .filter(regions__in=_region_rows(key))
                .values("pk")
            ),
        ),
        Filter(
            "actionLine",
            known=ActionLine.objects.all,
            narrow=lambda rows, key: rows.filter(
                pk__in=Initiative.objects.public().filter(action_lines__key=key).values("pk")
            ),
        ),  # fmt: skip
        Filter("level", narrow=InitiativeQuerySet.with_education_level),
        Filter("kind", "kind"),
        Filter("q", narrow=InitiativeQuerySet.search),
    ],
)
