"""Hostile input: XSS and injection payloads typed into every field that editors and
readers fill in, followed everywhere the text goes (pages in both languages,
listings, feeds, JSON-LD, search, sitemap, notification email and the admin), plus
property-based fuzzing of every public endpoint that takes input.

Content is built through the models the way the admin stores it: plain fields hold
the raw text, rich text holds what Draftail stores when the payload is typed into
it (see ``editor_html``). Rich text that tries to smuggle markup in is posted through
the real admin edit view (``RichTextThroughTheAdminTests``).

"""

import html
import json
import re
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils.html import escape

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import rich_text

import feedparser
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase
from lxml import etree

from cms.blocks import RICH_TEXT_FEATURES
from cms.feedback.services import TOKEN_SALT
from cms.models import CustomImage, Feedback, Person, format_attribution
from press.feeds import xml_text
from press.models import PressContact, PressReleasePage
from specialisation.models import FACT_BOX_FEATURES, FactBox, Organisation
from tests.builders import (
    LANGUAGES,
    at,
    make_area,
    make_fact_box,
    make_project,
    make_release,
    stream,
    url_in,
)
from tests.cms.test_workflows import edit, release_form

ORIGIN = "http://testserver"
ATOM = "{http://www.w3.org/2005/Atom}"

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "imgattr": '"><img src=x onerror=alert(1)>',
    "jsurl": "javascript:alert(1)",
    "closescript": "</script><script>alert(1)</script>",
    "svg": "<svg onload=alert(1)>",
    "polyglot": "'';!--\"<XSS>=&{()}",
    "template": "{{ 7*7 }}{% debug %}${7*7}#{7*7}",
    "nul": "nul\x00byte%00",
    "long": "<script>alert(1)</script>" + "Långt värde & <b>mer</b> " * 900,
    "rtl": "\u202egnp.exe\u202c \u2067isolerad\u2069 \u200fRLM",
}

# Substrings that must never reach a response body: each is the start of a payload
# that would run (or inject markup) if it were not escaped.
DANGEROUS = (
    "<script>alert",
    "<img src=x",
    "<svg onload",
    "<XSS>",
    'href="javascript:',
    "href='javascript:",
    'src="javascript:',
)


def storable(text: str) -> str:
    """NUL cannot reach the database from the admin (Django's forms reject it and
    PostgreSQL cannot store it), so stored content keeps only the ``%00`` form."""
    return text.replace("\x00", "")


def fit(text: str, limit: int | None = None, suffix: str = "") -> str:
    """``text`` cut to a field's max_length, keeping ``suffix`` at the end."""
    text = storable(text)
    if limit is None:
        return text + suffix
    return text[: limit - len(suffix)] + suffix


def editor_html(text: str, features=RICH_TEXT_FEATURES) -> str:
    """What Draftail stores when an editor types ``text`` into a rich text field."""
    contentstate = {
        "blocks": [
            {
                "key": "hstl1",
                "type": "unstyled",
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [],
                "entityRanges": [],
                "data": {},
            }
        ],
        "entityMap": {},
    }
    return ContentstateConverter(features).to_database_format(json.dumps(contentstate))


def delete_test_media(prefix: str = "hostile-") -> None:
    """Remove the image files (originals and renditions) these tests uploaded."""
    from django.core.files.storage import default_storage

    for folder in ("original_images", "images"):
        try:
            _folders, files = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        for name in files:
            if name.startswith(prefix):
                default_storage.delete(f"{folder}/{name}")


def marker(key: str) -> str:
    return f"zxmark{key}"


def json_ld(html: str) -> tuple[str, dict]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return match.group(1), json.loads(match.group(1))


class Hostile:
    """Every editor-filled field of one press release (and the snippets and image
    it uses) holding one payload."""

    def __init__(self, key: str, payload: str, owner):
        self.key = key
        self.payload = payload
        mark = marker(key)
        self.values = {}
        for language, suffix in (("sv", ""), ("en", " EN")):
            self.values[language] = {
                "title": fit(payload, 255, f" {mark}{suffix}"),
                "seo": fit(payload, 255, suffix),
                "lead": fit(payload, None, suffix),
                "main_caption": fit(payload, 300, suffix),
                "heading": fit(payload, 200, suffix),
                "rich": editor_html(fit(payload, None, suffix)),
                "quote": fit(payload, None, suffix),
                "speaker_role": fit(payload, 200, suffix),
                "caption": fit(payload, 300, suffix),
                "block_credit": fit(payload, 120, suffix),
                "partners": fit(payload, 120, suffix),
                "cta": fit(payload, 120, suffix),
                "video": fit(payload, 200, suffix),
                "transcript": fit(payload, None, suffix),
                "box_title": fit(payload, 160, suffix),
                "box_body": editor_html(fit(payload, None, suffix), FACT_BOX_FEATURES),
                "org_name": fit(payload, 200, suffix),
                "org_description": fit(payload, 400, suffix),
                "alt": fit(payload, 255, suffix),
                "person_role": fit(payload, 200, suffix),
                "person_org": fit(payload, 120, suffix),
            }
        sv, en = self.values["sv"], self.values["en"]
        self.person_name = fit(payload, 120)
        self.party = fit(payload, 12)
        self.speaker = fit(payload, 120, " talare")
        self.image_credit = fit(payload, 255)
        self.person = Person.objects.create(
            name=self.person_name,
            role_sv=sv["person_role"],
            role_en=en["person_role"],
            organisation_sv=sv["person_org"],
            organisation_en=en["person_org"],
            party=self.party,
            email=f"{key}@example.org",
            phone=fit(payload, 40),
        )
        self.organisation = Organisation.objects.create(
            name_sv=sv["org_name"],
            name_en=en["org_name"],
            description_sv=sv["org_description"],
            description_en=en["org_description"],
            url="https://example.org/partner",
        )
        self.fact_box = FactBox.objects.create(
            title_sv=sv["box_title"],
            title_en=en["box_title"],
            body_sv=sv["box_body"],
            body_en=en["box_body"],
        )
        self.fact_box.save_revision().publish()
        self.image = CustomImage.objects.create(
            title=fit(payload, 255),
            file=get_test_image_file(filename=f"hostile-{key}.png", size=(24, 16)),
            description_sv=sv["alt"],
            description_en=en["alt"],
            credit=self.image_credit,
        )
        self.page = make_release(
            title_sv=sv["title"],
            slug_sv=f"fientlig-{key}",
            title_en=en["title"],
            slug_en=f"hostile-{key}",
            seo_title_sv=sv["seo"],
            seo_title_en=en["seo"],
            lead_sv=sv["lead"],
            lead_en=en["lead"],
            image=self.image,
            image_caption_sv=sv["main_caption"],
            image_caption_en=en["main_caption"],
            body_sv=self.body("sv"),
            body_en=self.body("en"),
            press_contacts=[PressContact(person=self.person)],
            feedback_contact=owner,
        )

    def body(self, language):
        v = self.values[language]
        sv, en = self.values["sv"], self.values["en"]
        return stream(
            ("heading", {"text": v["heading"], "level": "h2"}),
            ("text", v["rich"]),
            (
                "quote",
                {
                    "text": v["quote"],
                    "person": self.person.pk,
                    "name": "",
                    "role_sv": sv["person_role"],
                    "role_en": en["person_role"],
                    "party": self.party,
                },
            ),
            (
                "quote",
                {
                    "text": v["quote"],
                    "person": None,
                    "name": self.speaker,
                    "role_sv": sv["speaker_role"],
                    "role_en": en["speaker_role"],
                    "party": "",
                },
            ),
            ("fact_box", self.fact_box.pk),
            (
                "image",
                {
                    "image": self.image.pk,
                    "caption": v["caption"],
                    "credit": v["block_credit"],
                },
            ),
            (
                "partners",
                {"heading": v["partners"], "organisations": [self.organisation.pk]},
            ),
            (
                "call_to_action",
                {"text": v["cta"], "page": None, "url": "https://example.org/cta"},
            ),
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                    "title": v["video"],
                    "transcript": v["transcript"],
                },
            ),
        )

    def url(self, language):
        return (
            f"/nyheter/fientlig-{self.key}/"
            if language == "sv"
            else f"/en/news/hostile-{self.key}/"
        )

    def expected_on_page(self, language) -> dict[str, str]:
        """Escaped snippets that must appear on the release page."""
        v = self.values[language]
        e = escape
        return {
            "h1": f"<h1>{e(v['title'])}</h1>",
            "html title": f"<title>{e(v['seo'])} | ",
            "og:title": f'<meta property="og:title" content="{e(v["title"])}">',
            "lead": f'<p class="lead">{e(v["lead"])}</p>',
            "heading block": f">{e(v['heading'])}</h2>",
            "rich text": v["rich"],
            "quote": f"<blockquote><p>{e(v['quote'])}</p></blockquote>",
            "quote by person": "<figcaption>"
            + e(format_attribution(self.person_name, self.party, v["person_role"]))
            + "</figcaption>",
            "quote by name": "<figcaption>"
            + e(format_attribution(self.speaker, "", v["speaker_role"]))
            + "</figcaption>",
            "fact box title": f">{e(v['box_title'])}</h2>",
            "fact box body": v["box_body"],
            "alt text": f'alt="{e(v["alt"])}"',
            "image credit": e(self.image_credit),
            "main caption": f"<figcaption>{e(v['main_caption'])} ",
            "block caption": f"<figcaption>{e(v['caption'])} ",
            "block credit": e(v["block_credit"]) + "</span>",
            "partner heading": f"<h2>{e(v['partners'])}</h2>",
            "organisation": f'<a href="https://example.org/partner">{e(v["org_name"])}</a>',
            "call to action": f">{e(v['cta'])}</a></p>",
            "video title": f'data-title="{e(v["video"])}"',
            "transcript": e(v["transcript"]),
            "person name": f'<p class="person-card__name">{e(self.person_name)} ({e(self.party)})</p>',
            "person role": f">{e(v['person_role'])}</p>",
            "person organisation": f">{e(v['person_org'])}</p>",
        }


class HostileAssertions:
    def assert_safe(self, body: str, where: str) -> None:
        for bad in DANGEROUS:
            index = body.find(bad)
            if index != -1:
                self.fail(
                    f"{where}: unescaped {bad!r} in ...{body[max(0, index - 120) : index + 120]!r}..."
                )

    def get_safe(self, url, status=200, data=None, **extra):
        response = self.client.get(url, data, **extra)
        self.assertEqual(response.status_code, status, url)
        body = response.content.decode()
        self.assert_safe(body, url)
        return response, body


@override_settings(PAGE_CACHE_ENABLED=False, FEEDBACK_RATE_LIMIT=100000)
class HostileContentTests(HostileAssertions, TestCase):
    """Editors type every payload into every field; readers see it as text."""

    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.owner = User.objects.create_user(
            "sidansvarig", "sidansvarig@example.org", "x"
        )
        cls.admin = User.objects.create_superuser(
            "sakerhetsadmin", "admin@example.org", "x"
        )
        cls.addClassCleanup(delete_test_media)
        cls.hostile = {
            key: Hostile(key, payload, cls.owner) for key, payload in PAYLOADS.items()
        }

    def test_release_pages_in_both_languages_escape_every_field(self):
        for key, hostile in self.hostile.items():
            for language in ("sv", "en"):
                with self.subTest(payload=key, language=language):
                    _response, html = self.get_safe(hostile.url(language))
                    self.assertIn(f'<html lang="{language}">', html)
                    for name, snippet in hostile.expected_on_page(language).items():
                        self.assertIn(snippet, html, f"{key} {language}: {name}")
                    # JSON-LD: parses, round-trips exactly, cannot close its element.
                    block, data = json_ld(html)
                    self.assertNotIn("</script", block.lower())
                    self.assertNotIn("<", block)
                    v = hostile.values[language]
                    self.assertEqual(data["headline"], v["title"])
                    self.assertEqual(data["description"], v["lead"])
                    self.assertEqual(data["inLanguage"], language)

    def test_template_syntax_in_content_is_not_evaluated(self):
        hostile = self.hostile["template"]
        _response, html = self.get_safe(hostile.url("sv"))
        self.assertIn("<h1>{{ 7*7 }}{% debug %}${7*7}#{7*7} zxmarktemplate</h1>", html)
        self.assertNotIn("<h1>49", html)

    def test_rtl_override_characters_round_trip_as_text(self):
        hostile = self.hostile["rtl"]
        _response, html = self.get_safe(hostile.url("sv"))
        self.assertIn(f"<h1>{PAYLOADS['rtl']} zxmarkrtl</h1>", html)
        _block, data = json_ld(html)
        self.assertEqual(data["headline"], f"{PAYLOADS['rtl']} zxmarkrtl")

    def test_news_index_and_home_page_escape_titles_and_leads(self):
        for url, language in (("/nyheter/", "sv"), ("/en/news/", "en")):
            with self.subTest(url=url):
                _response, html = self.get_safe(url)
                for hostile in self.hostile.values():
                    v = hostile.values[language]
                    self.assertIn(
                        f'<a href="{hostile.url(language)}">{escape(v["title"])}</a>',
                        html,
                    )
                    self.assertIn(
                        f'<p class="teaser__lead">{escape(v["lead"])}</p>', html
                    )
        newest = list(self.hostile.values())[-1]
        for url, language in (("/", "sv"), ("/en/", "en")):
            with self.subTest(url=url):
                _response, html = self.get_safe(url)
                self.assertIn(escape(newest.values[language]["title"]), html)

    def test_feeds_are_well_formed_and_round_trip_the_text(self):
        for url, language in (
            ("/nyheter/rss/", "sv"),
            ("/nyheter/atom/", "sv"),
            ("/en/news/rss/", "en"),
            ("/en/news/atom/", "en"),
        ):
            with self.subTest(url=url):
                response, body = self.get_safe(url)
                self.assertIn("xml", response["Content-Type"])
                root = etree.fromstring(response.content)  # raises if not well formed
                parsed = feedparser.parse(response.content)
                self.assertFalse(parsed.bozo, parsed.get("bozo_exception"))
                atom = "atom" in url
                for hostile in self.hostile.values():
                    v = hostile.values[language]
                    link = "http://testserver" + hostile.url(language)
                    if atom:
                        entry = root.find(f"{ATOM}entry/{ATOM}link[@href='{link}']/..")
                        title = entry.findtext(f"{ATOM}title")
                        summary = entry.findtext(f"{ATOM}summary")
                    else:
                        entry = root.find(f"channel/item[link='{link}']")
                        title = entry.findtext("title")
                        summary = entry.findtext("description")
                    self.assertEqual(title, xml_text(v["title"]), hostile.key)
                    # The description is HTML for feed readers: the plain-text lead
                    # arrives HTML-escaped, so readers show it as the editor wrote it.
                    self.assertEqual(summary, escape(xml_text(v["lead"])), hostile.key)
                    # The raw XML carries the text escaped.
                    self.assertIn(xml_escape(xml_text(v["title"])), body)
                    reader = next(e for e in parsed.entries if e.link == link)
                    self.assertEqual(reader.title, xml_text(v["title"]), hostile.key)

    def test_feed_readers_get_the_lead_as_text(self):
        problems = []
        for url, language in (("/nyheter/rss/", "sv"), ("/en/news/atom/", "en")):
            parsed = feedparser.parse(self.client.get(url).content)
            for hostile in self.hostile.values():
                link = "http://testserver" + hostile.url(language)
                reader = next(e for e in parsed.entries if e.link == link)
                shown = html.unescape(reader.summary)
                if shown.strip() != xml_text(hostile.values[language]["lead"]).strip():
                    problems.append((url, hostile.key, reader.summary[:80]))
        self.assertEqual(problems, [])

    def test_search_results_escape_titles_and_leads(self):
        for key, hostile in self.hostile.items():
            for url, language in (("/sok/", "sv"), ("/en/search/", "en")):
                with self.subTest(payload=key, url=url):
                    _response, html = self.get_safe(url, data={"q": marker(key)})
                    v = hostile.values[language]
                    self.assertIn(
                        f'<a href="{hostile.url(language)}">{escape(v["title"])}</a>',
                        html,
                    )

    def test_sitemap_is_well_formed_and_lists_the_pages(self):
        response, body = self.get_safe("/sitemap.xml")
        etree.fromstring(response.content)
        for hostile in self.hostile.values():
            for language in ("sv", "en"):
                self.assertIn(f"http://testserver{hostile.url(language)}", body)

    def test_feedback_email_carries_the_comment_as_plain_text(self):
        for key, hostile in self.hostile.items():
            with self.subTest(payload=key):
                mail.outbox.clear()
                comment = PAYLOADS[key][:1000]
                response = self.client.post(
                    "/feedback/",
                    {"page": hostile.page.pk, "answer": "no", "comment": comment},
                    HTTP_ORIGIN=ORIGIN,
                )
                self.assertEqual(response.status_code, 303)
                stored = Feedback.objects.filter(page=hostile.page).latest("created_at")
                self.assertEqual(stored.comment, comment.replace("\x00", "").strip())
                self.assertEqual(len(mail.outbox), 1)
                message = mail.outbox[0]
                self.assertEqual(message.to, ["sidansvarig@example.org"])
                self.assertEqual(message.cc, [])
                self.assertEqual(message.bcc, [])
                self.assertEqual(message.content_subtype, "plain")
                self.assertEqual(getattr(message, "alternatives", []), [])
                self.assertNotIn("\n", message.subject)
                # Plain text: the reader's words verbatim, not HTML-escaped.
                self.assertIn(stored.comment, message.body)
                self.assertIn(hostile.values["sv"]["title"], message.subject)

    def test_feedback_email_subject_cannot_inject_headers(self):
        hostile = self.hostile["script"]
        PressReleasePage.objects.filter(pk=hostile.page.pk).update(
            title="Rubrik\r\nBcc: angripare@example.org",
            title_sv="Rubrik\r\nBcc: angripare@example.org",
        )
        mail.outbox.clear()
        response = self.client.post(
            "/feedback/",
            {"page": hostile.page.pk, "answer": "no", "comment": "Fel"},
            HTTP_ORIGIN=ORIGIN,
        )
        # The reader's answer is saved whatever the title holds...
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            Feedback.objects.filter(page=hostile.page, comment="Fel").exists()
        )
        # ...and no header can be injected: Django refuses the message (the view
        # logs it) or sends it to the owner only, with a one-line subject.
        for message in mail.outbox:
            self.assertEqual(message.recipients(), ["sidansvarig@example.org"])
            self.assertNotIn("\n", message.subject)
            self.assertIsNone(message.message()["Bcc"])

    def test_admin_views_escape_everything(self):
        self.client.force_login(self.admin)
        for hostile in self.hostile.values():
            Feedback.objects.create(
                page=hostile.page,
                language="sv",
                helpful=False,
                comment=hostile.payload[:1000].replace("\x00", ""),
            )
        snippet_lists = {
            Person: "person_name",
            Organisation: "org_name",
            FactBox: "box_title",
        }
        for key, hostile in self.hostile.items():
            sv = hostile.values["sv"]
            checks = {
                reverse("wagtailadmin_pages:edit", args=[hostile.page.pk]): [
                    escape(sv["title"]),
                    escape(sv["lead"]),
                ],
                reverse("wagtailimages:edit", args=[hostile.image.pk]): [
                    escape(sv["alt"]),
                    escape(hostile.image_credit),
                ],
                reverse("cms_feedback_detail") + f"?page={hostile.page.pk}": [
                    escape(sv["title"]),
                    escape(hostile.payload[:1000].replace("\x00", "")),
                ],
                reverse(
                    Person.snippet_viewset.get_url_name("edit"),
                    args=[hostile.person.pk],
                ): [escape(hostile.person_name)],
                reverse(
                    FactBox.snippet_viewset.get_url_name("edit"),
                    args=[hostile.fact_box.pk],
                ): [escape(sv["box_title"])],
            }
            for url, snippets in checks.items():
                with self.subTest(payload=key, url=url):
                    _response, html = self.get_safe(url)
                    for snippet in snippets:
                        self.assertIn(snippet, html)
        for model, field in snippet_lists.items():
            url = reverse(model.snippet_viewset.get_url_name("list"))
            with self.subTest(url=url):
                _response, html = self.get_safe(url, data={"p": 1})
                found = [
                    h.key
                    for h in self.hostile.values()
                    if escape(
                        h.person_name
                        if field == "person_name"
                        else h.values["sv"][field]
                    )
                    in html
                ]
                self.assertTrue(found, f"no hostile {model.__name__} listed")
        lists = {
            reverse("cms_feedback_report"): "title",
            reverse("cms_translation_status"): "title",
            reverse(
                "wagtailadmin_explore",
                args=[self.hostile["script"].page.get_parent().pk],
            ): "title",
        }
        for url, field in lists.items():
            with self.subTest(url=url):
                _response, html = self.get_safe(url)
                found = [
                    h.key
                    for h in self.hostile.values()
                    if escape(h.values["sv"][field]) in html
                ]
                self.assertTrue(found, f"no hostile title in {url}")


@override_settings(PAGE_CACHE_ENABLED=False, FEEDBACK_RATE_LIMIT=100000)
class HostileReaderInputTests(HostileAssertions, TestCase):
    """Readers put the payloads into search, listing filters, feeds and feedback."""

    @classmethod
    def setUpTestData(cls):
        cls.release = make_release(
            title_sv="Testpressmeddelande för läsare",
            title_en="Test press release for readers",
        )

    def test_search_queries_are_shown_escaped(self):
        for key, payload in PAYLOADS.items():
            for url in ("/sok/", "/en/search/"):
                with self.subTest(payload=key, url=url):
                    response = self.client.get(url, {"q": payload})
                    self.assertIn(response.status_code, (200, 400))
                    html = response.content.decode()
                    self.assert_safe(html, url)
                    self.assertIn(f'value="{escape(payload[:200])}"', html)

    def test_listing_filters_reflect_values_escaped(self):
        cases = [
            ("/nyheter/", "kind"),
            ("/en/news/", "area"),
            ("/nyheter/", "year"),
            ("/projekt/", "area"),
            ("/en/projects/", "status"),
        ]
        for key, payload in PAYLOADS.items():
            for url, name in cases:
                with self.subTest(payload=key, url=url, parameter=name):
                    response = self.client.get(url, {name: payload})
                    self.assertEqual(response.status_code, 400)
                    html = response.content.decode()
                    self.assert_safe(html, url)
                    # Django's "Select a valid choice. X is not one of..." names the
                    # value: it must be escaped.
                    self.assertIn(escape(payload), html)
                    self.assertIn('role="alert"', html)

    def test_page_numbers_that_are_not_numbers_are_404(self):
        for key, payload in PAYLOADS.items():
            for url in ("/nyheter/", "/en/projects/"):
                with self.subTest(payload=key, url=url):
                    _response, html = self.get_safe(url, 404, data={"page": payload})
                    self.assertIn("noindex", html)
            with self.subTest(payload=key, url="/sok/"):
                self.get_safe("/sok/", 404, data={"q": "blekinge", "page": payload})

    def test_feed_filters_answer_plain_text_that_browsers_do_not_sniff(self):
        for key, payload in PAYLOADS.items():
            for url in ("/nyheter/rss/", "/en/news/atom/"):
                with self.subTest(payload=key, url=url):
                    response = self.client.get(url, {"kind": payload})
                    self.assertEqual(response.status_code, 400)
                    self.assertEqual(
                        response["Content-Type"], "text/plain; charset=utf-8"
                    )
                    self.assertEqual(response["X-Content-Type-Options"], "nosniff")
                    # text/plain echoes the value as is; it cannot run as markup.
                    self.assertIn(
                        payload.replace("\x00", ""),
                        response.content.decode().replace("\x00", ""),
                    )

    def test_feed_self_link_escapes_extra_parameters(self):
        for key, payload in PAYLOADS.items():
            with self.subTest(payload=key):
                response, body = self.get_safe(
                    "/nyheter/atom/", data={"kind": "news", "x": payload}
                )
                root = etree.fromstring(response.content)
                self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
                self.assertTrue(
                    self_link.startswith("http://testserver/nyheter/atom/?")
                )
                self.assertNotIn("<", self_link)
                self.assertNotIn('"', self_link)

    def test_unknown_addresses_and_widget_parameters_are_escaped(self):
        for key, payload in PAYLOADS.items():
            with self.subTest(payload=key):
                self.get_safe("/nyheter/" + payload[:300] + "/", 404)
                self.get_safe("/en/" + payload[:300] + "/", 404)
                for language in LANGUAGES:
                    _response, html = self.get_safe(
                        url_in(self.release, language), data={"feedback": payload}
                    )
                    self.assertIn('name="answer" value="no"', html)

    def test_feedback_endpoints_escape_or_refuse_hostile_values(self):
        page = self.release.pk
        for key, payload in PAYLOADS.items():
            posts = [
                ("/feedback/", {"page": page, "answer": payload}),
                ("/en/feedback/", {"page": payload, "answer": "yes"}),
                (
                    "/feedback/comment/",
                    {"page": page, "token": payload, "comment": "Hej"},
                ),
                ("/feedback/", {"page": page, "answer": "yes", "website": payload}),
            ]
            for url, data in posts:
                with self.subTest(payload=key, url=url, data=list(data)):
                    response = self.client.post(url, data, HTTP_ORIGIN=ORIGIN)
                    self.assertIn(response.status_code, (400, 404))
                    self.assert_safe(response.content.decode(), url)
                    self.assertIn("noindex", response.content.decode())
            with self.subTest(payload=key, step="json"):
                response = self.client.post(
                    "/feedback/",
                    {"page": page, "answer": payload},
                    HTTP_ORIGIN=ORIGIN,
                    HTTP_ACCEPT="application/json",
                )
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response["Content-Type"], "application/json")
                self.assertFalse(response.json()["ok"])

    def test_hostile_comment_is_stored_verbatim_and_shown_escaped(self):
        page = self.release
        admin = get_user_model().objects.create_superuser(
            "kommentaradmin", "k@example.org", "x"
        )
        for key, payload in PAYLOADS.items():
            with self.subTest(payload=key):
                response = self.client.post(
                    "/en/feedback/",
                    {"page": page.pk, "answer": "no"},
                    HTTP_ORIGIN=ORIGIN,
                    HTTP_ACCEPT="application/json",
                )
                token = response.json()["token"]
                response = self.client.post(
                    "/en/feedback/comment/",
                    {"page": page.pk, "token": token, "comment": payload[:1000]},
                    HTTP_ORIGIN=ORIGIN,
                )
                self.assertEqual(response.status_code, 303)
                stored = Feedback.objects.get(pk=signing.loads(token, salt=TOKEN_SALT))
                self.assertEqual(
                    stored.comment, payload[:1000].replace("\x00", "").strip()
                )
        self.client.force_login(admin)
        _response, html = self.get_safe(
            reverse("cms_feedback_detail"), data={"page": page.pk}
        )
        for key, payload in PAYLOADS.items():
            if key != "long":
                self.assertIn(escape(payload.replace("\x00", "")), html, key)
        _response, html = self.get_safe(
            reverse("wagtailadmin_pages:edit", args=[page.pk])
        )
        self.assertIn(escape(PAYLOADS["rtl"]), html)


class AdminRedirectTests(HostileAssertions, TestCase):
    """The "mark English as checked" view takes a ``next`` address from the URL."""

    def test_next_cannot_point_off_site_or_to_javascript(self):
        from django.contrib.contenttypes.models import ContentType

        admin = get_user_model().objects.create_superuser("nasta", "n@example.org", "x")
        self.client.force_login(admin)
        page = make_release(
            title_sv="Testpressmeddelande att kontrollera",
            title_en="Test press release to check",
        )
        content_type = ContentType.objects.get_for_model(PressReleasePage)
        url = reverse("cms_mark_english_checked", args=[content_type.pk, page.pk])
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        for target in (
            "https://evil.example/",
            "//evil.example/",
            "javascript:alert(1)",
            "/\\evil.example",
        ):
            with self.subTest(next=target):
                _response, html = self.get_safe(url, data={"next": target})
                self.assertIn(f'name="next" value="{edit_url}"', html)
                response = self.client.post(url, {"next": target})
                self.assertEqual(response.status_code, 302)
                self.assertEqual(response["Location"], edit_url)
        # A relative address is on the site: kept, but escaped in the form.
        target = '/admin/pages/"><script>alert(1)</script>'
        _response, html = self.get_safe(url, data={"next": target})
        self.assertIn(f'name="next" value="{escape(target)}"', html)
        # Control: an address on the site is followed.
        response = self.client.post(url, {"next": "/admin/pages/"})
        self.assertEqual(response["Location"], "/admin/pages/")


@override_settings(PAGE_CACHE_ENABLED=False)
class RichTextThroughTheAdminTests(HostileAssertions, TestCase):
    """Markup an editor tries to put into rich text is cleaned by Wagtail's rules
    (the Draftail converter) before it is stored; it never reaches the page."""

    HTML = (
        "<p>Före</p><script>alert(1)</script>"
        '<p><a href="javascript:alert(1)">klicka</a> '
        "<img src=x onerror=alert(1) /><svg onload=alert(1)></svg></p>"
        '<p onclick="alert(1)">Efter</p>'
        '<iframe src="javascript:alert(1)"></iframe>'
    )

    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "rtadmin", "rt@example.org", "x"
        )

    def crafted_contentstate(self):
        """Contentstate as a hostile client could post it, bypassing Draftail."""
        return json.dumps(
            {
                "blocks": [
                    {
                        "key": "aaaaa",
                        "type": "unstyled",
                        "depth": 0,
                        "text": "<script>alert(1)</script> klicka",
                        "inlineStyleRanges": [],
                        "entityRanges": [{"offset": 26, "length": 6, "key": 0}],
                        "data": {},
                    },
                    {
                        "key": "bbbbb",
                        "type": "<img src=x onerror=alert(1)>",
                        "depth": 0,
                        "text": "okänd blocktyp",
                        "inlineStyleRanges": [
                            {"offset": 0, "length": 4, "style": "<svg onload=alert(1)>"}
                        ],
                        "entityRanges": [],
                        "data": {},
                    },
                ],
                "entityMap": {
                    "0": {
                        "type": "LINK",
                        "mutability": "MUTABLE",
                        "data": {"url": "javascript:alert(1)"},
                    }
                },
            }
        )

    def test_script_and_javascript_links_never_reach_the_page(self):
        page = make_release(title_sv="Rik text", title_en="Rich text")
        self.client.force_login(self.admin)
        form = release_form(page, body_sv=[("text", "<p>ersätts</p>")])
        form["body_sv-0-value"] = rich_text(self.HTML, features=RICH_TEXT_FEATURES)
        form["body_en-0-value"] = self.crafted_contentstate()
        response = edit(self.client, page, **form, **{"action-publish": "1"})
        self.assertEqual(response.status_code, 302, response.content[:500])
        page.refresh_from_db()
        stored_sv = page.body_sv.raw_data[0]["value"]
        stored_en = page.body_en.raw_data[0]["value"]
        for stored in (stored_sv, stored_en):
            self.assertNotIn("<script", stored)
            self.assertNotIn("javascript:", stored)
            self.assertNotIn("onerror", stored)
            self.assertNotIn("onload", stored)
            self.assertNotIn("onclick", stored)
            self.assertNotIn("<iframe", stored)
        self.assertIn("Före", stored_sv)
        self.assertIn("klicka", stored_sv)
        # Typed text stays text.
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", stored_en)
        self.client.logout()
        for url in ("/nyheter/rik-text/", "/en/news/rich-text/"):
            _response, html = self.get_safe(url)
            self.assertIn("klicka", html)
            self.assertNotIn("javascript:", html)
            self.assertNotIn("onerror", html)

    def test_fact_box_rich_text_is_cleaned_too(self):
        box = make_fact_box()
        release = make_release(
            title_sv="Testpressmeddelande med faktaruta",
            title_en="Test press release with a fact box",
            body_sv=stream(("fact_box", box.pk)),
            body_en=stream(("fact_box", box.pk)),
        )
        self.client.force_login(self.admin)
        url = reverse(FactBox.snippet_viewset.get_url_name("edit"), args=[box.pk])
        response = self.client.post(
            url,
            {
                "title_sv": box.title_sv,
                "title_en": box.title_en,
                "body_sv": rich_text(self.HTML, features=FACT_BOX_FEATURES),
                "body_en": self.crafted_contentstate(),
                "action-publish": "1",
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:500])
        box.refresh_from_db()
        for stored in (box.body_sv, box.body_en):
            self.assertNotIn("<script", stored)
            self.assertNotIn("javascript:", stored)
            self.assertNotIn("onerror", stored)
        self.assertIn("klicka", box.body_en)
        self.client.logout()
        _response, html = self.get_safe(url_in(release, "sv"))
        self.assertIn("Före", html)
        _response, html = self.get_safe(url_in(release, "en"))
        self.assertIn("klicka", html)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)


@override_settings(PAGE_CACHE_ENABLED=False)
class ControlCharacterTests(TestCase):
    """Word pastes vertical tabs (U+000B) and other C0 controls; the admin accepts
    them in titles and leads."""

    def test_control_characters_typed_in_the_admin_do_not_break_the_feeds(self):
        admin = get_user_model().objects.create_superuser("ctrl", "c@example.org", "x")
        page = make_release(title_sv="Kontrolltecken", title_en="Control characters")
        self.client.force_login(admin)
        response = edit(
            self.client,
            page,
            **release_form(
                page,
                title_sv="Rubrik\x0bfrån Word",
                lead_sv="Ingress\x0bmed\x1bstyrtecken\x07.",
            ),
            **{"action-publish": "1"},
        )
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        self.assertEqual(page.title_sv, "Rubrik\x0bfrån Word")
        self.client.logout()
        client = self.client_class(raise_request_exception=False)
        statuses = {
            url: client.get(url).status_code
            for url in ("/nyheter/rss/", "/nyheter/atom/")
        }
        self.assertEqual(statuses, {"/nyheter/rss/": 200, "/nyheter/atom/": 200})


# --- Known bugs found by the fuzzing below, pinned as deterministic tests ----------


def _crashes_int(value: str) -> bool:
    """str.isdigit() is True but int() fails: superscripts, circled digits..."""
    return value.isdigit() and not value.isdecimal()


def _urlsplit_fails(value: str) -> bool:
    try:
        urlsplit(value)
    except ValueError:
        return True
    return False


@override_settings(PAGE_CACHE_ENABLED=False, FEEDBACK_RATE_LIMIT=100000)
class KnownCrashTests(TestCase):
    def status(self, method, url, data=None, **extra):
        self.client.raise_request_exception = False  # a crash is a 500 here
        return getattr(self.client, method)(url, data, **extra).status_code

    def test_unicode_digits_as_page_number(self):
        urls = [
            "/nyheter/?page=²",
            "/en/news/?page=①",
            "/projekt/?page=²",
            "/sok/?q=blekinge&page=²",
            "/en/search/?q=strategy&page=³",
        ]
        statuses = {url: self.status("get", url) for url in urls}
        self.assertEqual(statuses, dict.fromkeys(urls, 404))

    def test_unicode_digits_as_feedback_page_id(self):
        statuses = [
            self.status("post", url, {"page": "²", "answer": "yes"}, HTTP_ORIGIN=ORIGIN)
            for url in ("/feedback/", "/en/feedback/comment/")
        ]
        self.assertEqual(statuses, [400, 400])

    def test_malformed_origin_header(self):
        page = make_release(title_sv="Testpressmeddelande med ursprung").pk
        statuses = [
            self.status(
                "post",
                "/feedback/",
                {"page": page, "answer": "yes"},
                HTTP_ORIGIN="http://[",
            ),
            self.status(
                "post",
                "/feedback/",
                {"page": page, "answer": "yes"},
                HTTP_ORIGIN="",
                HTTP_REFERER="http://[::1/",
            ),
        ]
        self.assertEqual(statuses, [400, 400])

    def test_unicode_digits_in_the_feedback_detail_view(self):
        admin = get_user_model().objects.create_superuser(
            "detalj", "d@example.org", "x"
        )
        self.client.force_login(admin)
        url = reverse("cms_feedback_detail")
        statuses = [
            self.status("get", url + "?page=²"),
            self.status("get", url + "?section=²"),
        ]
        self.assertEqual(statuses, [404, 404])


# --- Property-based fuzzing of the public endpoints ----------------------------------

ALLOWED = {200, 303, 400, 404, 405, 429}
FUZZ = settings(
    max_examples=20,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

huge = st.integers(min_value=201, max_value=60_000).map(lambda n: ("ö<&\u202e" * n)[:n])
controls = st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F)
    | st.sampled_from("\x7f\u2028\u2029\ufeff\ufffd"),
    max_size=40,
)
binaryish = st.binary(max_size=80).map(lambda b: b.decode("latin-1"))
values = st.one_of(
    st.text(max_size=60),
    controls,
    binaryish,
    huge,
    st.sampled_from(list(PAYLOADS.values())),
    st.integers().map(str),
    st.sampled_from(
        ["", "news", "press_release", "testomrade", "test-area", "2021", "8", "ongoing"]
    ),
)
# Page numbers: everything except the known int() crash (see KnownCrashTests).
page_numbers = st.one_of(values, st.integers(-5, 10**30).map(str)).filter(
    lambda v: not _crashes_int(v)
)
optional = st.none() | values


def _params(**params):
    return {name: value for name, value in params.items() if value is not None}


class FuzzMixin:
    def check(self, method, url, data=None, **extra):
        try:
            response = getattr(self.client, method)(url, data, **extra)
        except Exception as error:  # noqa: BLE001 - the client re-raises view errors
            self.fail(f"{method.upper()} {url} {data!r} raised {error!r}")
        self.assertIn(
            response.status_code,
            ALLOWED,
            f"{method.upper()} {url} {data!r}: {response.content[:300]!r}",
        )
        return response


@override_settings(PAGE_CACHE_ENABLED=False, FEEDBACK_RATE_LIMIT=100000)
class FuzzReadOnlyEndpointsTests(FuzzMixin, HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        # An area whose slugs the filter values above include, with a release and
        # a project in it, so fuzzed filters also reach real results.
        area = make_area()
        assert (area.slug_sv, area.slug_en) == ("testomrade", "test-area")
        cls.release = make_release(
            title_sv="Testpressmeddelande att fuzza",
            title_en="Test press release to fuzz",
            publication_date=at(2021, 8, 1),
            related_areas__m2m=[area],
        )
        make_project(related_areas__m2m=[area])

    @FUZZ
    @given(q=values, page=st.none() | page_numbers, english=st.booleans())
    @example(q="\x00", page=None, english=False)
    @example(q="a" * 201, page="1", english=True)
    @example(
        q="specialiseringsstrategi " * 20, page="99999999999999999999", english=False
    )
    def test_search(self, q, page, english):
        url = "/en/search/" if english else "/sok/"
        response = self.check("get", url, _params(q=q, page=page))
        if response.status_code == 200:
            self.assertContains(response, 'name="q"')

    @FUZZ
    @given(
        kind=optional,
        area=optional,
        year=optional,
        month=optional,
        page=st.none() | page_numbers,
        english=st.booleans(),
    )
    @example(
        kind="news", area="testomrade", year="2021", month="13", page="0", english=False
    )
    def test_news_index_filters(self, kind, area, year, month, page, english):
        url = "/en/news/" if english else "/nyheter/"
        response = self.check(
            "get", url, _params(kind=kind, area=area, year=year, month=month, page=page)
        )
        if response.status_code in (200, 400):
            self.assertContains(
                response, 'class="filters"', status_code=response.status_code
            )

    @FUZZ
    @given(
        kind=optional,
        area=optional,
        year=optional,
        month=optional,
        feed=st.sampled_from(
            ["/nyheter/rss/", "/nyheter/atom/", "/en/news/rss/", "/en/news/atom/"]
        ),
    )
    def test_feed_filters(self, kind, area, year, month, feed):
        response = self.check(
            "get", feed, _params(kind=kind, area=area, year=year, month=month)
        )
        if response.status_code == 200:
            etree.fromstring(response.content)

    @FUZZ
    @given(
        area=optional,
        status=optional,
        page=st.none() | page_numbers,
        english=st.booleans(),
    )
    def test_project_index_filters(self, area, status, page, english):
        url = "/en/projects/" if english else "/projekt/"
        self.check("get", url, _params(area=area, status=status, page=page))

    @settings(FUZZ, max_examples=12)
    @given(feedback=values, extra=values)
    def test_page_with_widget_and_unknown_parameters(self, feedback, extra):
        response = self.check(
            "get",
            url_in(self.release, "sv"),
            {"feedback": feedback, "utm_source": extra},
        )
        self.assertContains(response, 'id="feedback"')


# Header values as a real HTTP server hands them over (latin-1, no line breaks),
# leaving out the urlsplit() crash pinned in KnownCrashTests.
header_values = st.text(
    alphabet=st.characters(
        min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"
    ),
    max_size=60,
).filter(lambda v: not _urlsplit_fails(v))
origins = (
    st.sampled_from([ORIGIN, ORIGIN + "/nyheter/", "https://evil.example", "null", ""])
    | header_values
)


@override_settings(PAGE_CACHE_ENABLED=False, FEEDBACK_RATE_LIMIT=100000)
class FuzzFeedbackTests(FuzzMixin, HypothesisTestCase):
    """POSTs to the feedback endpoints (the database is reset between examples)."""

    @classmethod
    def setUpTestData(cls):
        cls.page_id = make_release(title_sv="Testpressmeddelande med svar").pk

    def page_ids(self):
        return (
            st.sampled_from([str(self.page_id), "", "0", "999999", "abc", "1" * 13])
            | page_numbers
        )

    @FUZZ
    @given(data=st.data())
    def test_answer(self, data):
        draw = data.draw
        payload = {
            "page": draw(self.page_ids()),
            "answer": draw(st.sampled_from(["yes", "no"]) | values),
            "comment": draw(st.none() | values | st.text(min_size=990, max_size=1010)),
            "website": draw(st.sampled_from([None, "", "http://spam"]) | st.none()),
        }
        headers = {}
        origin = draw(st.none() | origins)
        if origin is not None:
            headers["HTTP_ORIGIN"] = origin
        if draw(st.booleans()):
            headers["HTTP_REFERER"] = draw(origins)
        if draw(st.booleans()):
            headers["HTTP_ACCEPT"] = "application/json"
        language = draw(st.sampled_from(["", "/en"]))
        before = Feedback.objects.count()
        response = self.check(
            "post", f"{language}/feedback/", _params(**payload), **headers
        )
        # An answer is stored exactly when it is accepted (303, or 200 with JSON).
        accepted = response.status_code in (200, 303)
        self.assertEqual(Feedback.objects.count() - before, int(accepted))
        if headers.get("HTTP_ACCEPT"):
            self.assertEqual(response.json()["ok"], accepted)

    @FUZZ
    @given(data=st.data())
    def test_comment(self, data):
        draw = data.draw
        token = draw(
            st.sampled_from(["", "forged"])
            | values
            | st.integers(0, 10**6).map(lambda n: signing.dumps(n, salt=TOKEN_SALT))
        )
        if draw(st.booleans()):
            # A real answer first, so the comment step can succeed.
            feedback = Feedback.objects.create(
                page_id=self.page_id, language="sv", helpful=draw(st.booleans())
            )
            token = signing.dumps(feedback.pk, salt=TOKEN_SALT)
        payload = {
            "page": draw(self.page_ids()),
            "token": token,
            "comment": draw(st.none() | values),
        }
        headers = {}
        origin = draw(st.none() | origins)
        if origin is not None:
            headers["HTTP_ORIGIN"] = origin
        if draw(st.booleans()):
            headers["HTTP_ACCEPT"] = "application/json"
        language = draw(st.sampled_from(["", "/en"]))
        before = Feedback.objects.exclude(comment="").count()
        response = self.check(
            "post", f"{language}/feedback/comment/", _params(**payload), **headers
        )
        accepted = response.status_code in (200, 303)
        after = Feedback.objects.exclude(comment="").count()
        self.assertEqual(after - before, int(accepted))

    @FUZZ
    @given(
        method=st.sampled_from(["get", "put", "delete", "patch"]),
        url=st.sampled_from(["/feedback/", "/en/feedback/comment/"]),
    )
    def test_other_methods(self, method, url):
        response = self.check(method, url)
        self.assertEqual(response.status_code, 405)
