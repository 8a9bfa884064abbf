from django.urls import path

from . import views

app_name = "downloads"

urlpatterns = [
    path("<path:name>", views.open_data_file, name="file"),
]
