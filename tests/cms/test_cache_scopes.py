"""A release's publish keeps the release pages it did not change in the page
cache (cms.caching.scopes), in both languages: the pages that show it (sharing
an area, project or tag), the listings and the release itself are made afresh;
everything else that readers see changing still empties the whole cache."""

from datetime import timedelta
from unittest import mock

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from cms.caching import scopes
from cms.models import SiteSettings
from tests.builders import (
    make_area,
    make_person,
    make_release,
    news_index,
    url_in,
)

LANGUAGES = ("sv", "en")
EARLIER = timezone.now() - timedelta(days=30)


def release(name, **fields):
    return make_release(
        title_sv=f"Testnyhet {name}",
        title_en=f"Test news {name}",
        lead_sv=f"Ingress om {name}.",
        lead_en=f"Lead about {name}.",
        **fields,
    )


class ScopedInvalidationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.area = make_area("Testområde vind", "Test area wind")
        cls.other_area = make_area("Testområde sol", "Test area sun")
        cls.person = make_person("Testa Scopesson")
        # Shares the area with the release published in each test.
        cls.neighbour = release("granne", related_areas__m2m=[cls.area])
        # Shares the tag.
        cls.tagged = release("taggad", tags__m2m=["testvind"])
        # Shares nothing.
        cls.stranger = release("främling", related_areas__m2m=[cls.other_area])

    def setUp(self):
        cache.clear()
        # The first request after a flush starts the clock; what it stores is
        # unscoped (it read the cache before there was a clock).
        self.client.get("/")

    def urls(self, *pages):
        return [url_in(page, language) for page in pages for language in LANGUAGES]

    def listings(self):
        return [url_in(news_index(), language) for language in LANGUAGES]

    def warm(self, urls):
        for url in urls:
            self.client.get(url)
        for url in urls:
            self.assertEqual(self.client.get(url)["X-Cache"], "HIT", url)

    def assert_cache(self, expected, urls):
        for url in urls:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertEqual(response["X-Cache"], expected, url)

    def test_a_new_release_changes_only_itself_and_the_listings(self):
        # Release pages show earlier releases as related news: the newest is
        # on none of them.
        self.warm([*self.urls(self.neighbour, self.tagged, self.stranger)])
        fresh = release("ny", related_areas__m2m=[self.area], tags__m2m=["testvind"])
        self.assert_cache("HIT", self.urls(self.neighbour, self.tagged, self.stranger))
        for language, title in (("sv", "Testnyhet ny"), ("en", "Test news ny")):
            self.assertContains(self.client.get(url_in(news_index(), language)), title)
            # Its own related news: the earlier ones about the same.
            response = self.client.get(url_in(fresh, language))
            self.assertContains(response, f"{title[:-2]}granne")

    def test_an_edit_shows_at_once_on_the_page_and_where_it_is_related(self):
        edited = release(
            "ändrad", related_areas__m2m=[self.area], publication_date=EARLIER
        )
        self.warm(self.urls(edited, self.neighbour, self.stranger))
        edited.title_sv, edited.title_en = "Testnyhet rättad", "Test news corrected"
        edited.save_revision().publish()
        for page in (edited, self.neighbour):
            for language, title in (
                ("sv", "Testnyhet rättad"),
                ("en", "Test news corrected"),
            ):
                response = self.client.get(url_in(page, language))
                self.assertEqual(response["X-Cache"], "MISS")
                self.assertContains(response, title)
        self.assert_cache("HIT", self.urls(self.stranger))

    def test_an_edit_of_its_lead_leaves_the_pages_that_show_it_cached(self):
        # Related news shows a release's title, kind and date, not its lead.
        edited = release(
            "ingress", related_areas__m2m=[self.area], publication_date=EARLIER
        )
        self.warm(self.urls(edited, self.neighbour))
        edited.lead_sv, edited.lead_en = "Ny testingress.", "New test lead."
        edited.save_revision().publish()
        for language, lead in (("sv", "Ny testingress."), ("en", "New test lead.")):
            response = self.client.get(url_in(edited, language))
            self.assertEqual(response["X-Cache"], "MISS")
            self.assertContains(response, lead)
        self.assert_cache("HIT", self.urls(self.neighbour))

    def test_a_link_removed_updates_the_pages_that_showed_it(self):
        moving = release("flyttad", tags__m2m=["testvind"], publication_date=EARLIER)
        self.warm(self.urls(moving, self.tagged, self.stranger))
        self.assertContains(
            self.client.get(url_in(self.tagged, "sv")), "Testnyhet flyttad"
        )
        moving.tags.set([])
        moving.related_areas.set([self.other_area])
        moving.save_revision().publish()
        for language, title in (
            ("sv", "Testnyhet flyttad"),
            ("en", "Test news flyttad"),
        ):
            response = self.client.get(url_in(self.tagged, language))
            self.assertEqual(response["X-Cache"], "MISS")
            self.assertNotContains(response, title)
            # Now related to the stranger, through the other area.
            response = self.client.get(url_in(self.stranger, language))
            self.assertEqual(response["X-Cache"], "MISS")
            self.assertContains(response, title)

    def test_unpublishing_takes_it_off_every_page_that_showed_it(self):
        gone = release(
            "borttagen", related_areas__m2m=[self.area], publication_date=EARLIER
        )
        gone_urls = self.urls(gone)
        self.warm([*gone_urls, *self.urls(self.neighbour, self.stranger)])
        gone.unpublish()
        for url in gone_urls:
            self.assertEqual(self.client.get(url).status_code, 404, url)
        for language in LANGUAGES:
            response = self.client.get(url_in(self.neighbour, language))
            self.assertEqual(response["X-Cache"], "MISS")
            self.assertNotContains(response, "borttagen")
        self.assert_cache("HIT", self.urls(self.stranger))

    def test_scheduled_go_live_updates_the_pages_that_show_it(self):
        self.warm(self.urls(self.neighbour, self.stranger))
        # Dated in the past (an embargoed release dated when it was written): it
        # goes among the neighbour's earlier news.
        scheduled = release(
            "schemalagd",
            related_areas__m2m=[self.area],
            publish=False,
            publication_date=EARLIER,
        )
        revision = scheduled.save_revision()
        revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
        revision.save()
        self.assert_cache("HIT", self.urls(self.neighbour))
        call_command("publish_scheduled")
        for language, title in (
            ("sv", "Testnyhet schemalagd"),
            ("en", "Test news schemalagd"),
        ):
            response = self.client.get(url_in(self.neighbour, language))
            self.assertEqual(response["X-Cache"], "MISS")
            self.assertContains(response, title)
        self.assert_cache("HIT", self.urls(self.stranger))

    def publish(self, page):
        """Publish ``page`` and commit (what is remembered of how it shows is
        written once the publish is committed)."""
        with self.captureOnCommitCallbacks(execute=True):
            page.save_revision().publish()

    def test_another_page_published_as_it_shows_keeps_release_pages(self):
        # Release pages show an area as a linked title and address: an edit of
        # its description changes none of them; the listings are made afresh.
        self.publish(self.area)  # how it shows is known from here
        urls = self.urls(self.neighbour, self.stranger)
        self.warm([*urls, *self.listings()])
        self.area.short_description_sv = "Ny testbeskrivning av vinden."
        self.area.short_description_en = "New test description of the wind."
        self.publish(self.area)
        self.assert_cache("HIT", urls)
        self.assert_cache("MISS", self.listings())
        for language, text in (
            ("sv", "Ny testbeskrivning av vinden."),
            ("en", "New test description of the wind."),
        ):
            self.assertContains(self.client.get(url_in(self.area, language)), text)

    def test_another_page_renamed_or_unpublished_changes_release_pages(self):
        self.publish(self.area)
        urls = self.urls(self.neighbour, self.stranger)
        self.warm(urls)
        self.area.title_en = "Test area wind, renamed"
        self.publish(self.area)
        self.assert_cache("MISS", urls)
        self.assertContains(
            self.client.get(url_in(self.neighbour, "en")), "Test area wind, renamed"
        )
        self.warm(urls)
        self.area.unpublish()
        self.assert_cache("MISS", urls)
        for language, title in (
            ("sv", "Testområde vind"),
            ("en", "Test area wind, renamed"),
        ):
            response = self.client.get(url_in(self.neighbour, language))
            self.assertNotContains(response, title)

    def test_other_changes_still_empty_the_whole_cache(self):
        urls = self.urls(self.stranger)
        # (A snippet's change reaches only the pages that show it:
        # test_cache_snippets.py.)
        changes = [
            lambda: SiteSettings.objects.get().save(),
            lambda: make_area("Testområde nytt", "Test area new"),
            # A document link shows the file's title, type and size.
            lambda: get_document_model().objects.create(
                title="Testdokument", file=ContentFile(b"test", name="test.txt")
            ),
            # A release in a menu changes every page's header.
            lambda: release("i menyn", show_in_menus=True),
        ]
        for change in changes:
            self.warm(urls)
            change()
            self.assert_cache("MISS", urls)

    def test_a_release_made_private_leaves_the_cache(self):
        private = release("privat")
        urls = self.urls(private)
        self.warm(urls)
        PageViewRestriction.objects.create(
            page=private, restriction_type="password", password="hemligt-test"
        )
        for url in urls:
            response = self.client.get(url)
            self.assertNotContains(response, "Ingress om privat", status_code=200)
            self.assertNotContains(response, "Lead about privat")

    def test_a_hit_is_one_round_trip_to_the_cache(self):
        # A second round trip for the scopes cost a cached release a third of
        # its throughput.
        urls = self.urls(self.neighbour)
        self.warm(urls)
        for url in urls:
            with mock.patch.object(cache, "get_many", wraps=cache.get_many) as reads:
                self.assertEqual(self.client.get(url)["X-Cache"], "HIT")
            self.assertEqual(reads.call_count, 1, url)

    def test_a_flushed_clock_never_makes_an_old_entry_fresh(self):
        edited = release("klocka")
        urls = self.urls(edited)
        self.warm(urls)
        cache.delete(scopes.CLOCK_KEY)
        edited.title_sv, edited.title_en = "Testnyhet ny klocka", "Test news new clock"
        edited.save_revision().publish()
        self.assertContains(self.client.get(urls[0]), "Testnyhet ny klocka")
        self.assertContains(self.client.get(urls[1]), "Test news new clock")

    def test_a_release_unpublished_as_a_plain_page_is_gone_every_time(self):
        # Wagtail's scheduled expiry and bulk unpublish send a plain Page.
        gone = release("utgangen", publication_date=EARLIER)
        urls = self.urls(gone)
        for _round in range(2):
            with self.captureOnCommitCallbacks(execute=True):
                gone.save_revision().publish()
            self.warm(urls)
            with self.captureOnCommitCallbacks(execute=True):
                Page.objects.get(pk=gone.pk).unpublish()
            for url in urls:
                self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_an_entry_from_before_snippet_scopes_is_never_fresh(self):
        values = {scopes.SITE_GENERATION_KEY: "1-a", scopes.CLOCK_KEY: 5}
        entry = {"site": "1-a", "clock": 5, "scopes": []}
        self.assertFalse(scopes.fresh(entry, values))
        entry["format"] = scopes.ENTRY_FORMAT
        self.assertTrue(scopes.fresh(entry, values))
