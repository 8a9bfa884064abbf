from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("<slug:slug>/concept/<slug:kind>.<slug:format>", views.concept, name="concept"),
    path(
        "<slug:slug>/concept/landsdelen/<slug:key>.<slug:format>",
        views.concept_landsdeel,
        name="concept_landsdeel",
    ),
    path("<slug:slug>/<slug:kind>.<slug:format>", views.bijlage, name="bijlage"),
    path("<slug:slug>/landsdelen/<slug:key>.<slug:format>", views.landsdeel, name="landsdeel"),
    path("<slug:slug>/pacten/<slug:key>.<slug:format>", views.pact, name="pact"),
]
