# People are listed by given name, in Vietnamese alphabetical order (Person.sort_name).

from django.conf import settings
from django.db import migrations, models

from xttm.core.text import name_sort_key


def fill_sort_names(apps, schema_editor):
    Person = apps.get_model("directory", "Person")
    batch = []
    for person in Person.objects.only("pk", "full_name").iterator(chunk_size=2000):
        person.sort_name = name_sort_key(person.full_name)
        batch.append(person)
        if len(batch) == 2000:
            Person.objects.bulk_update(batch, ["sort_name"])
            batch = []
    Person.objects.bulk_update(batch, ["sort_name"])


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0003_list_order_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='person',
            options={'ordering': ['sort_name', 'code'], 'verbose_name': 'cán bộ', 'verbose_name_plural': 'cán bộ'},
        ),
        migrations.RemoveIndex(
            model_name='person',
            name='person_list_order',
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='sort_name',
            field=models.CharField(blank=True, default='', editable=False, max_length=400, verbose_name='khoá sắp xếp theo tên'),
        ),
        migrations.AddField(
            model_name='person',
            name='sort_name',
            field=models.CharField(blank=True, default='', editable=False, max_length=400, verbose_name='khoá sắp xếp theo tên'),
        ),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['sort_name', 'code'], include=('id', 'search_text', 'gender', 'unit', 'employment_category', 'is_active'), name='person_list_order'),
        ),
    ]
