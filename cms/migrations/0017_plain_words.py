"""The klarspråk word list to start from: Språkrådet's "Myndighetsord" advice
(Swedish) and plain-English advice; web editors change it in the admin."""

from django.db import migrations

WORDS = {
    "sv": [
        ("avseende", "om, för"),
        ("beakta", "tänka på, ta hänsyn till"),
        ("delge", "meddela, informera"),
        ("emellertid", "men"),
        ("erforderlig", "nödvändig, som behövs"),
        ("erhålla", "få"),
        ("föreligga", "finnas"),
        ("i enlighet med", "enligt"),
        ("i samband med", "vid, när"),
        ("i syfte att", "för att"),
        ("inkomma", "skicka in, komma in"),
        ("med anledning av", "på grund av, efter"),
        ("nyttja", "använda"),
        ("tillhandahålla", "ge, erbjuda"),
        ("tillse", "se till"),
        ("verkställa", "genomföra, göra"),
        ("ävensom", "och"),
        ("åligga", "ska, måste"),
        ("därest", "om"),
        ("härvidlag", "här, i det här fallet"),
    ],
    "en": [
        ("commence", "start"),
        ("endeavour", "try"),
        ("facilitate", "help, make easier"),
        ("in accordance with", "under, following"),
        ("in order to", "to"),
        ("prior to", "before"),
        ("utilise", "use"),
        ("with regard to", "about"),
    ],
}


def add_words(apps, schema_editor):
    PlainWord = apps.get_model("cms", "PlainWord")
    for language, words in WORDS.items():
        for word, replacement in words:
            PlainWord.objects.get_or_create(
                language=language, word=word, defaults={"replacement": replacement}
            )


class Migration(migrations.Migration):
    dependencies = [("cms", "0016_plain_language_and_review")]

    operations = [migrations.RunPython(add_words, migrations.RunPython.noop)]
