from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Pactmonitor beheer")
admin.site.site_title = _("Pactmonitor")
admin.site.index_title = _("Beheer van pacten, rondes, regio's, indicatoren en initiatieven")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("account/", include("pactmonitor.accounts.urls")),
    path("werk/register/", include("pactmonitor.pacts.urls")),
    path("werk/initiatieven/", include("pactmonitor.initiatives.urls")),
    path("werk/", include("pactmonitor.progress.urls")),
    path("uitwisseling/", include("pactmonitor.exchange.urls")),
    path("", include("pactmonitor.web.urls")),
]
