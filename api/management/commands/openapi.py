"""Write the API's OpenAPI document to docs/openapi.json (the committed contract;
tests/api fails when the served document differs from it)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from api.main import api

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "openapi.json"


def document_text() -> str:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write docs/openapi.json from the API's code."

    def handle(self, *args, **options):
        DOCUMENT.write_text(document_text(), encoding="utf-8")
        self.stdout.write(f"Wrote {DOCUMENT}")
