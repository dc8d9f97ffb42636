"""A page's stored ``english_ready`` (what English listings, menus and counts go by)
follows what is published, not a draft: saving a draft that removes or adds the
English leaves the live page as it is until the draft is published."""

from django.test import TestCase, override_settings

from press.models import PressReleasePage
from tests.builders import COLD, make_release


def stored(page) -> bool:
    return PressReleasePage.objects.get(pk=page.pk).english_ready


@override_settings(**COLD)
class EnglishReadyTests(TestCase):
    def test_a_draft_without_english_leaves_the_live_page_in_english_lists(self):
        release = make_release(title_sv="Utkastprov", title_en="Draft check")
        self.assertTrue(stored(release))
        draft = release.specific
        draft.body_en = []
        draft.save_revision()
        self.assertTrue(stored(release))
        self.assertContains(self.client.get("/en/news/"), "Draft check")
        draft.get_latest_revision().publish()
        self.assertFalse(stored(release))
        self.assertNotContains(self.client.get("/en/news/"), "Draft check")

    def test_a_draft_adding_english_waits_for_its_publish(self):
        release = make_release(title_sv="Bara svenska ännu")
        self.assertFalse(stored(release))
        draft = release.specific
        draft.title_en = "English at last"
        draft.slug_en = "english-at-last"
        draft.lead_en = "A lead."
        draft.body_en = [{"type": "text", "value": "<p>Body.</p>"}]
        draft.save_revision()
        self.assertFalse(stored(release))
        self.assertNotContains(self.client.get("/en/news/"), "English at last")
        draft.get_latest_revision().publish()
        self.assertTrue(stored(release))
        self.assertContains(self.client.get("/en/news/"), "English at last")
