from django.urls import path

from . import views

app_name = "pacts"

urlpatterns = [
    path("", views.registry, name="registry"),
    path("pacten/<slug:key>/", views.pact_edit, name="pact_edit"),
    path("pacten/<slug:key>/acties/nieuw/", views.action_create, name="action_create"),
    path("acties/<int:pk>/", views.action_edit, name="action_edit"),
]
