from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from pactmonitor.api.views import developers

admin.site.site_header = _("Pactmonitor beheer")
admin.site.site_title = _("Pactmonitor")
admin.site.index_title = _("Beheer van pacten, rondes, regio's, indicatoren en initiatieven")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    # The work pages (signed-in users) sit outside the language prefix, like the reports.
    path("account/", include("pactmonitor.accounts.urls")),
    path("werk/register/", include("pactmonitor.pacts.urls")),
    path("werk/initiatieven/", include("pactmonitor.initiatives.urls")),
    path("werk/indicatoren/import/", include("pactmonitor.indicators.urls")),
    path("werk/meldingen/", include("pactmonitor.notifications.urls")),
    path("werk/", include("pactmonitor.progress.urls")),
    path("uitwisseling/", include("pactmonitor.exchange.urls")),
    # The reports are Dutch documents: one address, outside the language prefix.
    path("rapportages/", include("pactmonitor.reports.urls")),
    # The open-data files (stored, language-free); their page is /open-data/ (web.urls).
    path("open-data/bestanden/", include("pactmonitor.downloads.urls")),
    # The public API (NLGov API Design Rules): no trailing slash, problem+json errors.
    path("api/v1/", include("pactmonitor.api.urls")),
] + i18n_patterns(
    # Dutch at /, English at /en/: the language is in the address, so a cached page is right
    # for everyone and the language switch is a plain link.
    path("ontwikkelaars/", developers, name="developers"),
    path("", include("pactmonitor.web.urls")),
    prefix_default_language=False,
)
