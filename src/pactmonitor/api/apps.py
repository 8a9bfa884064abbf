from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pactmonitor.api"
    label = "api"
    verbose_name = "API"
