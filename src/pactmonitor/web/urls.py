from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("pacten/<slug:key>/", views.pact_detail, name="pact"),
    path("pacten/<slug:pact_key>/acties/<str:number>/", views.action_detail, name="action"),
    path("landsdelen/<slug:key>/", views.landsdeel_detail, name="landsdeel"),
    path("regios/<slug:key>/", views.region_detail, name="region"),
    path("rondes/<slug:slug>/", views.round_detail, name="round"),
    path("indicatoren/<slug:key>/", views.indicator_detail, name="indicator"),
    path("initiatieven/<slug:key>/", views.initiative_detail, name="initiative"),
]
