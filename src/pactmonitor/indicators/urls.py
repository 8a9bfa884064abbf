from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("", views.import_list, name="imports"),
    path("uploaden/", views.import_upload, name="import_upload"),
    path("voortgang/<str:token>/", views.import_progress, name="import_progress"),
    path("batches/<int:pk>/intrekken/", views.batch_withdraw, name="batch_withdraw"),
]
