from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("rondes/<slug:slug>/werkmap.xlsx", views.workbook_download, name="download"),
    path("rondes/<slug:slug>/uploaden/", views.workbook_upload, name="upload"),
]
