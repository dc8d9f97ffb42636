"""A copy published as it is made ("publish copies" in the admin) starts a new
cache generation like any publish: Wagtail sends only ``page_published`` for it
(as for each alias of a published page), not the generic ``published``."""

from django.test import TestCase, override_settings

from tests.builders import make_release, news_index

CACHES_ON = {
    "PAGE_CACHE_ENABLED": True,
    "FRAGMENT_CACHE_ENABLED": True,
    "ROUTE_CACHE_ENABLED": True,
}


@override_settings(**CACHES_ON)
class CopyPublishTests(TestCase):
    def test_a_published_copy_is_listed_at_once(self):
        original = make_release(title_sv="Originalnyhet")
        self.assertNotContains(self.client.get("/nyheter/"), "Kopierad nyhet")
        original.copy(
            to=news_index(),
            update_attrs={"title_sv": "Kopierad nyhet", "slug_sv": "kopierad-nyhet"},
            keep_live=True,
        )
        self.assertContains(self.client.get("/nyheter/"), "Kopierad nyhet")
