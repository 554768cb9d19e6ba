"""The data version counter (core/data_version.py): one row, bumped by triggers.

The table is not a model: nothing writes it but the triggers, and Django's flush (between
transactional tests) leaves it alone, so the version never goes back. The triggers themselves
are installed after every migrate by tracker.apps, so tables added later get them too.
"""

from django.db import migrations

from core.data_version import TABLE


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0001_translation_states"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[
                f"CREATE TABLE {TABLE} (id integer PRIMARY KEY, value bigint NOT NULL,"
                " stamp bigint NOT NULL)",
                f"INSERT INTO {TABLE} (id, value, stamp) VALUES (1, 0, 0)",  # noqa: S608
            ],
            reverse_sql=[f"DROP TABLE {TABLE}"],
        ),
    ]
