"""The Swedish admin is wholly Swedish: Wagtail's own strings that its catalogues
lack are translated in locale/upstream, and what each role sees (edit, create,
schedule, preview and chooser views, and the strings Wagtail hands its scripts)
holds no English UI text."""

import html
import json
import re
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

import polib

from cms.editorial.roles import EDITORS, PUBLISHERS, TRANSLATORS
from press.models import NewsIndexPage, PressReleasePage
from tests.builders import in_translation_step, make_release
from tests.cms.test_editor_path import form_data
from tests.cms.test_workflows import make_user

# Strings of wagtail-modeltranslation, which ships no catalogue at all.
MODELTRANSLATION_STRINGS = [
    "View / edit fields for",
    "Page '{0}' and {1} subpages copied.",
    "Page '{0}' copied.",
    "Copy this page",
]
PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>|&[a-z]+;")


def wagtail_apps():
    return [
        config
        for config in apps.get_app_configs()
        if config.name == "wagtail" or config.name.startswith("wagtail.")
    ]


@cache
def source_entries(domain: str) -> list[polib.POEntry]:
    """Every string of the installed Wagtail apps (their English catalogues)."""
    entries = []
    for config in wagtail_apps():
        path = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            entries.extend(e for e in polib.pofile(str(path)) if not e.obsolete)
    return entries


def catalog_key(entry):
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    return (msgid, 0) if entry.msgid_plural else msgid


def english_fragments(msgid: str) -> list[str]:
    """The literal English parts of a msgid that would give it away on a page."""
    return [
        part.strip()
        for part in PLACEHOLDER.split(msgid)
        if len(part.strip()) >= 12 and " " in part.strip()
    ]


@cache
def english_only_fragments() -> dict[str, tuple[str, list[str]]]:
    """Fragments of Wagtail strings whose Swedish differs, mapped to their msgid
    and to the Swedish strings that contain the fragment too (Wagtail's own
    "Gå till Wagtail admin" holds "Wagtail admin")."""
    catalog = trans_real.translation("sv")._catalog
    swedish_strings = [v for _k, v in catalog.items() if isinstance(v, str)]
    fragments = {}
    for domain in ("django", "djangojs"):
        for entry in source_entries(domain):
            swedish = catalog.get(catalog_key(entry))
            if isinstance(swedish, str) and swedish == entry.msgid:
                continue  # the same in both languages
            for part in english_fragments(entry.msgid):
                fragments[part] = entry.msgid
    return {
        part: (msgid, [s for s in swedish_strings if part in s])
        for part, msgid in fragments.items()
    }


def visible_strings(body: str) -> str:
    """The page's text, attribute values and the strings in its JSON script
    blocks (Wagtail's config and panel definitions), decoded."""
    parts = [html.unescape(body)]
    for data in re.findall(
        r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', body, re.S
    ):
        try:
            parts.append(json.dumps(json.loads(data), ensure_ascii=False))
        except ValueError:
            continue
    return "\n".join(parts)


class CataloguesTests(TestCase):
    def test_every_wagtail_string_has_swedish(self):
        catalog = trans_real.translation("sv")._catalog
        missing = [
            entry.msgid
            for entry in source_entries("django")
            if catalog_key(entry) not in catalog
        ]
        missing += [m for m in MODELTRANSLATION_STRINGS if m not in catalog]
        self.assertEqual(missing, [])

    def test_every_string_wagtail_hands_its_scripts_has_swedish(self):
        self.client.force_login(make_user("redaktor-js", EDITORS))
        response = self.client.get(reverse("wagtailadmin_javascript_catalog"))
        match = re.search(
            r"const newcatalog = (\{.*?\});", response.content.decode(), re.S
        )
        served = json.loads(match.group(1))
        missing = [
            entry.msgid
            for entry in source_entries("djangojs")
            if entry.msgid not in served
        ]
        self.assertEqual(missing, [])
        self.assertEqual(served["Search options…"], "Sök bland alternativen …")

    def test_upstream_catalogue_is_merged_below_the_projects_own(self):
        self.assertEqual(
            [Path(p).name for p in settings.LOCALE_PATHS], ["locale", "upstream"]
        )
        msgid = "Autosave is paused"  # Wagtail's (a literal here would be extracted)
        with translation.override("sv"):
            self.assertEqual(translation.gettext(msgid), "Autosparandet är pausat")


class RoleViewsAreSwedishTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user("redaktor-sv", EDITORS)
        cls.reviewer = make_user("granskare-sv", PUBLISHERS)
        cls.translator = make_user("oversattare-sv", TRANSLATORS)
        cls.seed = PressReleasePage.objects.get(
            slug_sv="region-blekinge-satsar-pa-lanets-aterhamtning"
        )
        cls.pending = make_release(title_sv="Väntar på granskning", publish=False)
        cls.pending.save_revision(user=cls.editor)
        cls.pending.get_workflow().start(cls.pending, cls.editor)
        cls.translating = in_translation_step(
            make_release(title_sv="Väntar på översättning", publish=False),
            cls.reviewer,
        )

    def assert_swedish(self, url, body):
        text = visible_strings(body)
        found = set()
        for fragment, (msgid, swedish) in english_only_fragments().items():
            if fragment in text:
                for string in sorted(swedish, key=len, reverse=True):
                    text = text.replace(string, "")
                if fragment in text:
                    found.add(msgid)
        self.assertEqual(found, set(), f"English UI strings on {url}")

    def get(self, url, **params):
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, 200, url)
        if response["Content-Type"].startswith("application/json"):
            return response.json().get("html", "")
        return response.content.decode()

    def views(self, user):
        if user is self.translator:
            # Translators have no page permissions: they work in the pages that
            # wait in their workflow step.
            return [
                reverse("wagtailadmin_pages:edit", args=[self.translating.pk]),
                reverse("wagtailimages_chooser:choose"),
                reverse("wagtaildocs_chooser:choose"),
                reverse("wagtailsnippetchoosers_cms_person:choose"),
                reverse("wagtailadmin_home"),
            ]
        edit = reverse("wagtailadmin_pages:edit", args=[self.seed.pk])
        urls = [
            edit,
            reverse(
                "wagtailadmin_pages:add",
                args=["press", "pressreleasepage", NewsIndexPage.objects.get().pk],
            ),
            reverse("wagtailimages_chooser:choose"),
            reverse("wagtaildocs_chooser:choose"),
            reverse("wagtailsnippetchoosers_cms_person:choose"),
            reverse("wagtailsnippetchoosers_specialisation_factbox:choose"),
            reverse("wagtailadmin_choose_page"),
            reverse("wagtailadmin_home"),
            # The explorer's listing ("1–27 av 27 sidor").
            reverse("wagtailadmin_explore", args=[NewsIndexPage.objects.get().pk]),
        ]
        urls.append(reverse("wagtailadmin_pages:edit", args=[self.pending.pk]))
        return urls

    def test_each_roles_views_hold_no_english(self):
        for user in (self.editor, self.reviewer, self.translator):
            self.client.force_login(user)
            for url in self.views(user):
                with self.subTest(user=user.username, url=url):
                    self.assert_swedish(url, self.get(url))

    def test_edit_view_has_the_schedule_dialog_in_swedish(self):
        self.client.force_login(self.editor)
        body = self.get(reverse("wagtailadmin_pages:edit", args=[self.seed.pk]))
        self.assertIn("Alla som får redigera kan lägga upp ett schema", body)
        self.assertIn("Visa / redigera fält för", body)

    def test_previews_hold_no_english(self):
        self.client.force_login(self.reviewer)
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.seed.pk])
        self.client.post(url, form_data(self.seed.get_latest_revision_as_object()))
        self.assert_swedish(url, self.get(url, mode="sv"))
        task = self.pending.current_workflow_task_state.task_id
        url = reverse(
            "wagtailadmin_pages:workflow_preview", args=[self.pending.pk, task]
        )
        self.assert_swedish(url, self.get(url))
