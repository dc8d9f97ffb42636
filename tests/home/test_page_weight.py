"""Every page type stays light: its HTML, the site's CSS and JavaScript together
under 40 kB compressed (images aside), in both languages."""

import gzip
from pathlib import Path

from django.test import TestCase

from tests.reader_pages import PAGES

STATIC = Path(__file__).resolve().parents[2] / "cms" / "static" / "cms"
LIMIT = 40 * 1024


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


class PageWeightTests(TestCase):
    def test_html_css_and_js_under_40_kb_compressed(self):
        assets = compressed((STATIC / "css" / "site.css").read_bytes()) + compressed(
            (STATIC / "js" / "site.js").read_bytes()
        )
        for name, urls in PAGES.items():
            for url in urls:
                with self.subTest(name, url=url):
                    response = self.client.get(url)
                    total = compressed(response.content) + assets
                    self.assertLess(total, LIMIT, f"{url}: {total / 1024:.1f} kB")
