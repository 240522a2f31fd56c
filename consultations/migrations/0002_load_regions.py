from django.db import migrations

from consultations.regions_csv import load_regions


def forwards(apps, schema_editor):
    load_regions(apps.get_model("consultations", "Region"))


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
