from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="work_list"),
    path("nieuw/", views.initiative_create, name="work_create"),
    path("wijzigingen/<int:pk>/goedkeuren/", views.change_approve, name="change_approve"),
    path("wijzigingen/<int:pk>/afwijzen/", views.change_reject, name="change_reject"),
    path("<slug:key>/", views.initiative_edit, name="work_edit"),
    path("<slug:key>/beoordelen/", views.initiative_review, name="work_review"),
    path("<slug:key>/goedkeuren/", views.initiative_approve, name="work_approve"),
    path("<slug:key>/afwijzen/", views.initiative_reject, name="work_reject"),
]
