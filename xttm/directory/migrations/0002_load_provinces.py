"""Load the 34 new and 63 old provinces with the 2025 mapping (see directory/places.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from xttm.directory.places import load_provinces

    load_provinces(apps.get_model("directory", "Province"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
