"""Template tags of the newsroom: a release's JSON-LD, its share links and its
press material."""

from urllib.parse import quote

from django import template
from django.urls import reverse

from cms.site_settings import SiteSettings
from cms.templatetags.page_tags import json_ld

from .. import media
from ..structured_data import release_data

register = template.Library()


@register.simple_tag(takes_context=True)
def release_json_ld(context, page):
    """The release as schema.org JSON-LD, with the press service from the site
    settings (read once per request, as the footer does)."""
    request = context.get("request")
    site_settings = SiteSettings.for_request(request) if request else None
    return json_ld(release_data(page, site_settings))


@register.simple_tag
def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """(label, address) of the platforms' plain share addresses: no script of
    theirs is loaded, nothing is sent until the reader follows a link."""
    target, text = quote(url, safe=""), quote(title, safe="")
    return [
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={target}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={target}"),
        ("X", f"https://x.com/intent/post?url={target}&text={text}"),
    ]


@register.simple_tag
def press_material(page) -> dict:
    """The release's press kit address and its images with their downloads,
    credit lines and terms (none for a preview, which has no public address)."""
    if not page.pk or not page.live:
        return {}
    return {
        "kit": reverse("press_kit", args=[page.pk]),
        "images": [media.describe(image, page) for image in media.release_images(page)],
    }
