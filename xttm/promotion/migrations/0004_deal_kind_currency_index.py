"""An index for the deals list filtered by kind and currency, in the list's order."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_list_order_indexes"),
        ("promotion", "0003_list_order_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="deal",
            index=models.Index(
                fields=["kind", "currency", "-signed_on", "code"], name="deal_kind_currency_order"
            ),
        ),
    ]
