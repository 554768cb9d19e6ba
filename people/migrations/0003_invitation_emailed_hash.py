# Whether an invitation's email went out for its current token (people/emails.py).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="emailed_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
    ]
