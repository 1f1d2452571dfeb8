from django.db import migrations

# The organisational topics of DOMAIN.md R9, in display order.
CODES = ["acquisition", "accreditation", "billing", "rooms", "online"]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("mentoring", "Topic")
    for position, code in enumerate(CODES):
        Topic.objects.get_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
