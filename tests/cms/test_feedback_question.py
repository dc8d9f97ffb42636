"""The feedback question, reworded site-wide and per page in both languages by the
people who do it (an administrator in the site settings, an editor on the page),
through the real admin views; readers see each page's question in its language."""

import re

from django.urls import reverse

from wagtail.models import Site

import pytest

from cms.editorial.roles import ADMINS, EDITORS
from cms.models import SiteSettings
from tests.builders import make_release
from tests.cms.test_workflows import make_user, release_form

pytestmark = pytest.mark.django_db


def question(client, url) -> str:
    html = client.get(url).content.decode()
    (text,) = re.findall(r'<h2 id="feedback-heading"[^>]*>([^<]*)</h2>', html)
    return text


@pytest.fixture
def release():
    return make_release(
        title_sv="Frågan på sidan",
        title_en="The question on the page",
        slug_en="the-question-on-the-page",
    )


def urls(page):
    return f"/nyheter/{page.slug_sv}/", f"/en/news/{page.slug_en}/"


def test_the_default_question_in_both_languages(client, release):
    sv, en = urls(release)
    assert question(client, sv) == "Hittade du informationen du sökte?"
    assert question(client, en) == "Did you find the information you were looking for?"


def test_an_administrator_rewords_it_for_the_whole_site(client, release):
    client.force_login(make_user("admin-q", ADMINS))
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["cms", "sitesettings", site.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "feedback_question_sv" in form.content.decode()
    current = SiteSettings.for_site(site)
    data = {
        name: getattr(current, name) or ""
        for name in (
            "organisation_name",
            "street_address",
            "postal_address",
            "phone",
            "email",
            "opening_hours_sv",
            "opening_hours_en",
        )
    }
    data.update(
        accessibility_page=current.accessibility_page_id or "",
        cookie_page=current.cookie_page_id or "",
        feedback_question_sv="Hjälpte informationen på sidan dig?",
        feedback_question_en="Did the information on the page help you?",
    )
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    client.logout()
    sv, en = urls(release)
    assert question(client, sv) == "Hjälpte informationen på sidan dig?"
    assert question(client, en) == "Did the information on the page help you?"


def test_an_editor_asks_a_page_its_own_question_in_swedish_only(client, release):
    client.force_login(make_user("redaktor-q", EDITORS))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[release.pk]),
        {
            **release_form(release, feedback_question_sv="Fick du svar på din fråga?"),
            "action-publish": "",
        },
    )
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.latest_revision.content["feedback_question_sv"] == (
        "Fick du svar på din fråga?"
    )
    # Editors submit for review; here the reviewer's approval is taken as given.
    release.latest_revision.publish()
    client.logout()
    sv, en = urls(release)
    assert question(client, sv) == "Fick du svar på din fråga?"
    # The English page keeps an English question: never the Swedish one.
    assert question(client, en) == "Did you find the information you were looking for?"
