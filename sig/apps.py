from django.apps import AppConfig


class SigConfig(AppConfig):
    name = "sig"
