from django.urls import path

from pactmonitor.downloads import views as downloads

from . import views

app_name = "web"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("pacten/", views.pact_list, name="pacts"),
    path("pacten/<slug:key>/", views.pact_detail, name="pact"),
    # path, not str: any stored number (even one holding a "/") has a URL that works.
    path("pacten/<slug:pact_key>/acties/<path:number>/", views.action_detail, name="action"),
    path("landsdelen/", views.landsdeel_list, name="landsdelen"),
    path("landsdelen/<slug:key>/", views.landsdeel_detail, name="landsdeel"),
    path("regios/<slug:key>/", views.region_detail, name="region"),
    path("rondes/<slug:slug>/", views.round_detail, name="round"),
    path("vergelijken/", views.round_comparison, name="round_comparison"),
    path("indicatoren/", views.indicator_list, name="indicators"),
    path("indicatoren/<slug:key>/", views.indicator_detail, name="indicator"),
    path("initiatieven/", views.initiative_finder, name="initiatives"),
    path("initiatieven/<slug:key>/", views.initiative_detail, name="initiative"),
    path("zoeken/", views.search, name="search"),
    path("open-data/", downloads.open_data, name="open_data"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("contact/", views.contact, name="contact"),
]
