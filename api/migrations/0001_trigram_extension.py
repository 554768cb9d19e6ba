"""pg_trgm for the site search's near misses. Django's TrigramExtension does nothing on a
database other than PostgreSQL, so SQLite (development, the first CI run) migrates as before."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = []

    operations = [TrigramExtension()]
