from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="work_list"),
    path("nieuw/", views.initiative_create, name="work_create"),
    path("<slug:key>/", views.initiative_edit, name="work_edit"),
]
