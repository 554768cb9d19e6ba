"""Open data added in issue 19 (one address in every language, beside the apps' own /data/)."""

from django.urls import path

from api import bulk

urlpatterns = [
    path("indicators.csv", bulk.indicators_csv, name="data-indicators-csv"),
    path("updates.csv", bulk.updates_csv, name="data-updates-csv"),
    path("open-data.zip", bulk.bulk_zip, name="data-bulk-zip"),
    path("datapackage.json", bulk.datapackage_json, name="data-datapackage"),
]
