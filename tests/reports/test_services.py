"""What goes into a report: statuses, changes since the previous round, bad input."""

import datetime
import re

import pytest

from pactmonitor.progress.models import StatusUpdate
from pactmonitor.progress.services import correct_update
from pactmonitor.reports import services
from tests import factory

pytestmark = pytest.mark.django_db


def _round(slug):
    return services.find_round(slug)


def _row(report, number):
    return next(r for line in report.lines for r in line.actions if r.number == number)


def test_bijlage1_groups_the_national_actions_by_action_line_in_number_order(sample_pact):
    report = services.bijlage1(_round("t2014"))
    assert [line.name for line in report.lines] == [
        "Kiezen voor techniek",
        "Leren in de techniek",
        "Werken in de techniek",
    ]
    assert [r.number for r in report.lines[1].actions] == ["10", "15"]


def test_an_action_rolls_up_its_sub_measures_and_keeps_the_assessed_mark(sample_pact):
    row = _row(services.bijlage1(_round("t2014")), "1")
    assert (row.mark.status, row.mark.text) == ("op_schema", "op schema (afgeleid)")
    assert [s.mark.text for s in row.sub_measures] == ["afgerond", "op schema (afgeleid)"]


def test_a_draft_update_stays_out_of_the_report_of_a_published_round(sample_pact):
    row = _row(services.bijlage1(_round("t2014")), "15")
    assert not row.reported and row.mark.status == "onbekend"
    assert "CONCEPTTEKST" not in str(row)


def test_a_round_without_national_statuses_reports_every_action_as_not_reported(sample_pact):
    report = services.bijlage1(_round("t2015"))
    assert {r.mark.status for line in report.lines for r in line.actions} == {"onbekend"}
    assert len(report.summary.changes.not_reported) == 5


def test_the_changes_list_an_action_that_moved_between_statuses(sample_pact):
    r2014, r2015 = sample_pact["rounds"]
    a2 = sample_pact["actions"][1]
    factory.status_update(
        round=r2015, action=a2, status="op_schema", basis="reported", state="published"
    )
    changes = services.bijlage1(r2015).summary.changes
    assert changes.previous_round == "Voortgangsrapportage 2014"
    assert [(m.action, m.before.label, m.after.label) for m in changes.moved] == [
        ("2. De PO-raad benut de visie op W&T", "vertraagd", "op schema")
    ]


def test_the_changes_list_an_action_reported_now_and_not_before_as_new(sample_pact):
    r2014, r2015 = sample_pact["rounds"]
    a20 = sample_pact["actions"][4]
    factory.status_update(
        round=r2015, action=a20, status="afgerond", basis="reported", state="published"
    )
    changes = services.bijlage1(r2015).summary.changes
    assert changes.new == ["20. Een leven lang leren in de techniek"]
    assert "20. Een leven lang leren in de techniek" not in changes.not_reported


def _round_2016(r2014):
    return factory.reporting_round(
        pact=r2014.pact, slug="t2016", name="Voortgangsrapportage 2016",
        peildatum=datetime.date(2016, 6, 30), state="published",
    )  # fmt: skip


def test_the_changes_compare_with_the_latest_earlier_round_that_has_reports_and_say_so(
    sample_pact,
):
    r2014, r2015 = sample_pact["rounds"]
    factory.status_update(round=_round_2016(r2014), action=sample_pact["actions"][1],
                          status="op_schema", basis="reported", state="published")  # fmt: skip
    changes = services.bijlage1(_round("t2016")).summary.changes
    assert changes.previous_round == "Voortgangsrapportage 2014"
    assert "Vergeleken met Voortgangsrapportage 2014 (peildatum" in changes.compared_with
    assert "Voortgangsrapportage 2015 bevat geen rapportage" in changes.compared_with
    assert [m.action for m in changes.moved] == ["2. De PO-raad benut de visie op W&T"]


def test_an_update_carried_over_unchanged_counts_as_not_reported_in_the_changes(sample_pact):
    r2014, r2015 = sample_pact["rounds"]
    a2 = sample_pact["actions"][1]
    before = StatusUpdate.objects.get(round=r2014, action=a2)
    factory.status_update(round=r2015, action=a2, status=before.status, basis=before.basis,
                          narrative=before.narrative, state="published",
                          carried_over=True)  # fmt: skip
    changes = services.bijlage1(r2015).summary.changes
    assert "2. De PO-raad benut de visie op W&T" in changes.not_reported
    assert changes.moved == [] and changes.new == []


def test_a_published_correction_replaces_the_status_it_corrects(sample_pact):
    update = StatusUpdate.objects.get(
        round__slug="t2014", action__number="2", action__pact__key="techniekpact-test"
    )
    correct_update(update, reason="Toch op schema", status="op_schema")
    assert _row(services.bijlage1(_round("t2014")), "2").mark.label == "op schema"


def test_status_counts_per_action_line_add_up_to_the_actions(sample_pact):
    counts = services.bijlage1(_round("t2014")).summary.by_action_line
    assert [(c.group, c.total) for c in counts] == [
        ("Kiezen voor techniek", 2),
        ("Leren in de techniek", 2),
        ("Werken in de techniek", 1),
    ]
    assert dict((m.status, n) for m, n in counts[0].counts) == {
        "afgerond": 0,
        "op_schema": 1,
        "vertraagd": 1,
        "onbekend": 0,
    }


def test_bijlage2_shows_a_landsdeel_without_a_profile_as_not_reported(sample_pact):
    profiles = services.bijlage2(_round("t2014")).profiles
    assert [(p.name, p.reported) for p in profiles] == [
        ("Landsdeel Noord", False),
        ("Landsdeel Oost", True),
    ]


def test_bijlage2_groups_results_per_action_line_and_province(sample_pact):
    noord = services.bijlage2(_round("t2015")).profiles[0]
    assert noord.description == "Landsdeel Noord (provincies Drenthe, Friesland en Groningen)"
    assert [(g.heading, [label for label, _ in g.parts]) for g in noord.results] == [
        ("Algemeen", [""]),
        ("Actielijn Kiezen voor techniek", ["Friesland"]),
    ]


def test_the_landsdeel_report_lists_an_unfinished_goal_past_its_deadline(sample_pact):
    report = services.landsdeel(_round("t2015"), services.find_landsdeel("oost"))
    assert [(g.goal, g.deadline) for g in report.overdue] == [
        ("Plan van aanpak gereed", "eind 2013")
    ]
    assert report.pacts[0].lines[0].actions[0].owners == "ROC van Twente"


def test_the_landsdeel_report_shows_the_initiatives_and_indicators_of_the_region(sample_pact):
    report = services.landsdeel(_round("t2015"), services.find_landsdeel("Landsdeel Oost"))
    assert [i.name for i in report.initiatives] == ["Centre of Expertise TechYourFuture"]
    assert report.indicators[0].rows[-1][:3] == ("Gelderland", "2014", "44,2%")
    assert len(report.indicators[0].charts) == 1


def test_an_unknown_round_is_refused_with_the_valid_rounds(sample_pact):
    with pytest.raises(services.ReportInputError, match="geldige rondes: t2014, t2015"):
        services.find_round("2099")


def test_an_unknown_landsdeel_is_refused_with_the_valid_landsdelen(sample_pact):
    with pytest.raises(services.ReportInputError, match="geldige landsdelen: noord, oost"):
        services.find_landsdeel("zuid")


def test_an_unpublished_round_shows_approved_updates_only_and_says_it_is_a_concept(sample_pact):
    concept = factory.reporting_round(
        pact=sample_pact["national"], slug="t2016", peildatum=datetime.date(2016, 6, 1)
    )
    a10 = sample_pact["actions"][2]
    factory.status_update(
        round=concept, action=a10, status="afgerond", basis="reported", state="approved"
    )
    factory.status_update(
        round=concept, action=sample_pact["actions"][3], status="afgerond", state="draft"
    )
    report = services.bijlage1(concept)
    assert not report.round.is_published
    assert [r.number for line in report.lines for r in line.actions if r.reported] == ["10"]


def test_an_assessed_status_carries_the_words_it_was_read_from(sample_pact):
    row = _row(services.bijlage1(_round("t2014")), "1")
    assert row.sub_measures[1].basis_quote == "zal de Onderwijsinspectie een peiling uitvoeren"
    assert row.sub_measures[0].basis_quote == ""  # reported, not assessed


def test_the_pact_report_shows_the_pact_and_the_initiatives_of_its_region(sample_pact):
    report = services.pact_report(_round("t2015"), services.find_pact("techniekpact-oost-test"))
    assert [p.name for p in report.pacts] == ["Techniekpact Oost Test"]
    assert [g.goal for g in report.overdue] == ["Plan van aanpak gereed"]
    assert [i.name for i in report.initiatives] == ["Centre of Expertise TechYourFuture"]


def test_an_unknown_pact_is_refused_with_the_valid_pacts(sample_pact):
    with pytest.raises(services.ReportInputError, match="geldige pacten: techniekpact-oost-test, "):
        services.find_pact("techniekpact-zuid")


def test_bijlage1_reads_the_database_a_fixed_number_of_times_however_many_actions(
    sample_pact, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        services.bijlage1(_round("t2014"))
    for n in range(30, 40):
        action = factory.action(
            pact=sample_pact["national"], number=str(n), title=f"Extra actie {n}"
        )
        factory.sub_measure(action=action, letter="a")
        factory.status_update(round=sample_pact["rounds"][0], action=action, state="published")
    with django_assert_max_num_queries(len(before)):
        services.bijlage1(_round("t2014"))


def test_a_corrected_status_says_its_version_and_reason(sample_pact):
    update = StatusUpdate.objects.get(
        round__slug="t2014", action__number="2", action__pact__key="techniekpact-test"
    )
    correct_update(update, reason="Toch op schema volgens de trekker", status="op_schema")
    row = _row(services.bijlage1(_round("t2014")), "2")
    assert row.correction == "gecorrigeerd (versie 2): Toch op schema volgens de trekker"
    assert _row(services.bijlage1(_round("t2014")), "10").correction == ""


def test_the_date_line_says_bijgewerkt_op_after_a_correction_after_publication(sample_pact):
    import time_machine
    from django.utils import timezone

    r2014 = _round("t2014")
    r2014.published_at = timezone.make_aware(datetime.datetime(2014, 6, 12, 12))
    r2014.save()
    assert services.bijlage1(r2014).round.date_line == (
        "peildatum 31 mei 2014 · gepubliceerd op 12 juni 2014"
    )
    update = StatusUpdate.objects.get(round=r2014, action__number="2")
    with time_machine.travel(datetime.datetime(2014, 9, 3, 10, tzinfo=datetime.UTC)):
        correct_update(update, reason="Toch op schema", status="op_schema")
    line = services.bijlage1(r2014).round.date_line
    assert line.endswith("gepubliceerd op 12 juni 2014 · bijgewerkt op 3 september 2014")


def test_a_result_heading_stays_beside_its_province(sample_pact):
    from pactmonitor.progress.models import RegionResult

    RegionResult.objects.filter(subregion__key="friesland").update(heading="TechNet-kringen")
    noord = services.bijlage2(_round("t2015")).profiles[0]
    labels = [label for group in noord.results for label, _ in group.parts]
    assert "Friesland – TechNet-kringen" in labels


def _oost_reports_one_changed_one_confirmed_one_not(sample_pact):
    """Three actions of Landsdeel Oost in the 2015 round: one changed, one carried over and
    confirmed unchanged, one carried over that nobody touched."""
    import django.utils.timezone

    r2015, regional = sample_pact["rounds"][1], sample_pact["regional"]
    changed = regional.actions.get(number="1")
    confirmed = factory.action(pact=regional, number="2", title="Stages in Twente")
    untouched = factory.action(pact=regional, number="3", title="Zij-instromers")
    published = {"round": r2015, "state": "published", "status": "op_schema"}
    factory.status_update(action=changed, narrative="Nieuw dit jaar.", **published)
    factory.status_update(
        action=confirmed,
        carried_over=True,
        confirmed_at=django.utils.timezone.now(),
        narrative="Loopt.",
        **published,
    )
    factory.status_update(action=untouched, carried_over=True, narrative="Oud.", **published)


def test_bijlage2_counts_per_landsdeel_what_reported_in_the_round(sample_pact):
    _oost_reports_one_changed_one_confirmed_one_not(sample_pact)
    counts = services.bijlage2(_round("t2015")).summary.reporting_by_landsdeel
    assert [(c.group, c.changed, c.confirmed, c.not_reported, c.total) for c in counts] == [
        ("Landsdeel Noord", 0, 0, 0, 0),
        ("Landsdeel Oost", 1, 1, 1, 3),
    ]


def test_bijlage2_says_the_reporting_per_landsdeel_in_html_and_docx(sample_pact):
    from pactmonitor.reports.render_docx import render_docx
    from pactmonitor.reports.render_html import render_html

    from .conftest import docx_text, flat

    _oost_reports_one_changed_one_confirmed_one_not(sample_pact)
    report = services.bijlage2(_round("t2015"))
    html = flat(render_html(report))
    table = html.split("Rapportage over de acties in de pacten per landsdeel")[1]
    table = table.split("</table>")[0]
    assert "ongewijzigd bevestigd" in table and "niet gerapporteerd" in table
    oost = table.split("Landsdeel Oost")[1].split("</tr>")[0]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", oost) == ["1", "1", "1", "3"]
    # On a phone the header row is hidden: every cell says its column.
    assert re.findall(r'<td class="num" data-label="([^"]+)">', oost) == [
        "gewijzigd",
        "ongewijzigd bevestigd",
        "niet gerapporteerd",
        "totaal",
    ]
    text = docx_text(render_docx(report))
    assert "Rapportage over de acties in de pacten per landsdeel in deze ronde" in text
    assert "landsdeel gewijzigd ongewijzigd bevestigd niet gerapporteerd totaal" in text
    assert "Landsdeel Oost 1 1 1 3" in text


def test_bijlage1_keeps_its_reporting_for_the_whole_pact_only(sample_pact):
    assert services.bijlage1(_round("t2015")).summary.reporting_by_landsdeel == []
