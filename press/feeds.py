"""RSS 2.0 and Atom feeds of the newsroom, one per language."""

import re

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.translation import gettext as _

from cms.i18n import absolute

# Characters XML 1.0 cannot hold (a vertical tab pasted from a word processor would
# otherwise make the whole feed fail).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value) -> str:
    return _NOT_XML.sub("", str(value or ""))


class ReleaseFeed(Feed):
    """The 20 latest releases (optionally filtered) in the active language."""

    limit = 20

    def __init__(self, index, releases, kind: str = "rss"):
        super().__init__()
        self.index = index
        self.releases = releases
        self.feed_type = Atom1Feed if kind == "atom" else Rss201rev2Feed
        self.kind = kind

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    @cached_property
    def organisation(self) -> str:
        # Once per feed: every entry names it as author.
        return self.index.get_site().site_name or "Region Blekinge"

    def title(self):
        return _("%(organisation)s: news and press releases") % {
            "organisation": self.organisation
        }

    # RFC 4287 wants an author on every Atom entry (or on the feed): the region,
    # which publishes every release.
    def author_name(self):
        return self.organisation

    def item_author_name(self, item):
        return self.organisation

    def link(self):
        return self.index.get_full_url(self.request)

    def feed_url(self):
        return absolute(self.request.get_full_path(), self.request)

    def description(self):
        # RSS readers treat the channel's description as HTML, as they do an item's;
        # the intro is plain text, so it is escaped like the items' leads.
        return escape(self.subtitle())

    def subtitle(self):
        # Atom's subtitle is plain text (type="text"): not escaped twice.
        return xml_text(self.index.intro) or self.title()

    def items(self):
        return self.releases.order_by("-publication_date", "-pk").defer(
            "body", "body_sv", "body_en"
        )[: self.limit]

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        # RSS and Atom readers treat the description as HTML; the lead is plain
        # text, so it is escaped to reach readers as the text the editor wrote.
        return escape(xml_text(item.lead))

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.publication_date

    def item_updateddate(self, item):
        return item.last_published_at or item.publication_date

    def item_categories(self, item):
        return [item.kind_label()]
