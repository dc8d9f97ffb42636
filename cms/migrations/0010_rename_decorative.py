from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cms", "0009_feedback")]

    operations = [
        migrations.RenameField(
            model_name="customimage", old_name="decorative", new_name="is_decorative"
        ),
    ]
