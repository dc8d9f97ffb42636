"""The abstract base of every page type."""

import functools

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction, get_page_models

from .bilingual.forms import PageForm
from .bilingual.models import TRANSLATION_STATUS_CHOICES
from .bilingual.panels import TranslationStatusPanel
from .bilingual.readiness import EnglishReadinessMixin
from .bilingual.status import status_info
from .editorial.permissions import EditorialPagePermissionTester
from .feedback.panels import FeedbackSummaryPanel
from .plain_language.models import phrases_for
from .plain_language.preview import mark, wanted
from .redirects import add_redirects, subtree, urls_by_language
from .review.dates import REVIEW_INTERVAL_CHOICES
from .view_restrictions import none_apply as no_view_restrictions


class BasePage(EnglishReadinessMixin, Page):
    """Abstract base of every page type: language readiness for the language policy.

    A page is available in English when it is not marked Swedish-only and none of
    its ``english_required_fields`` is missing in English (EnglishReadinessMixin).
    ``english_ready`` stores that for the live version so listings, feeds and
    sitemaps can filter in SQL.
    """

    english_required_fields: tuple[str, ...] = ("title",)
    # Related rows the page's own template shows (its lead image), loaded with the
    # page when it is served (cms.routing) instead of by a query of their own.
    served_with: tuple[str, ...] = ()
    # Whether the page's main content may be served from the fragment cache
    # (cms.caching.fragments.fragment_key). Listings turn it off: each filter and
    # page number is its own URL, and the page cache holds those already.
    cache_content = True

    def permissions_for_user(self, user):
        return EditorialPagePermissionTester(user, self)

    def get_view_restrictions(self):
        # cms.caching.routes remembers that a page and its ancestors have no view
        # restrictions (until a restriction changes), and this request may know
        # that no page has any (cms.view_restrictions): each saves two queries.
        if getattr(self, "_cms_unrestricted", False) or no_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    swedish_only = models.BooleanField(
        _("Swedish only"),
        default=False,
        help_text=_(
            "Tick if this page will not be translated. English readers then get a "
            "short notice that links to the Swedish page."
        ),
    )
    english_ready = models.BooleanField(
        _("available in English"), default=False, editable=False
    )
    # Kept up to date when the page is published (cms.bilingual.status), so a
    # reader's request needs no extra work to show the "outdated" notice.
    translation_status = models.CharField(
        _("translation status"),
        max_length=12,
        choices=TRANSLATION_STATUS_CHOICES,
        default="sv_only",
        editable=False,
    )
    swedish_changed_at = models.DateTimeField(
        _("Swedish last changed"), null=True, blank=True, editable=False
    )
    feedback_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("feedback contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional. This person gets an email when a reader answers “No” and "
            "leaves a comment."
        ),
    )

    feedback_question = models.CharField(
        _("feedback question"),
        max_length=200,
        blank=True,
        help_text=_(
            "Optional: the question under this page, such as “Hjälpte informationen "
            "på sidan dig?”. Empty: the site's question from the site settings."
        ),
    )

    # Review dates (cms.review): who keeps the page true, and how often.
    review_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("page owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Gets the weekly reminder when the page is due for review."),
    )
    review_mailbox = models.EmailField(
        _("functional mailbox"),
        blank=True,
        help_text=_("Optional, instead of or besides a person, such as s3@region.se."),
    )
    review_interval = models.PositiveSmallIntegerField(
        _("review interval"),
        null=True,
        blank=True,
        choices=REVIEW_INTERVAL_CHOICES,
        help_text=_("Empty: the default for this page type."),
    )
    review_notice = models.BooleanField(
        _("tell readers when the review is overdue"),
        default=False,
        help_text=_(
            "Readers then see that the content may be out of date once the next "
            "review date has passed."
        ),
    )
    # Set on publish and by "Reviewed, no changes" on the live row only: a
    # revision never carries them back (with_content_json).
    last_reviewed_at = models.DateField(
        _("last reviewed"), null=True, blank=True, editable=False
    )
    next_review_at = models.DateField(
        _("next review"), null=True, blank=True, editable=False, db_index=True
    )

    # Months between reviews for this page type (None: no review, as for news),
    # and the LIX the klarspråk checks aim at (None: no aim).
    default_review_months: int | None = 12
    lix_target: int | None = 45

    content_panels = [
        TranslationStatusPanel(),
        FeedbackSummaryPanel(),
        *Page.content_panels,
    ]
    settings_panels = [
        MultiFieldPanel([FieldPanel("swedish_only")], heading=_("Languages")),
        MultiFieldPanel(
            [FieldPanel("feedback_question"), FieldPanel("feedback_contact")],
            heading=_("Reader feedback"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("review_owner"),
                FieldPanel("review_mailbox"),
                FieldPanel("review_interval"),
                FieldPanel("review_notice"),
            ],
            heading=_("Review"),
        ),
        *Page.settings_panels,
    ]
    base_form_class = PageForm

    class Meta:
        abstract = True

    # Editors preview the draft in each language.
    @property
    def preview_modes(self):
        return [("sv", _("Swedish")), ("en", _("English"))]

    @property
    def default_preview_mode(self):
        return "sv"

    def serve_preview(self, request, mode_name):
        language = mode_name if mode_name in ("sv", "en") else "sv"
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().serve_preview(request, mode_name)
            # Render now, while the preview language is active.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if wanted(request):
                self._mark_plain_language(response, language)
        return response

    def _mark_plain_language(self, response, language: str) -> None:
        """Marks what the klarspråk checks found in the previewed main content
        (cms.plain_language.preview); the measures go with the response."""
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            return
        html, measures = mark(
            response.content.decode(), language, self.lix_target, phrases_for(language)
        )
        response.content = html.encode()
        response.plain_language = measures

    def review_months(self) -> int | None:
        """Months between reviews: the page's own choice, else its type's."""
        if self.review_interval is not None:
            return self.review_interval or None
        return self.default_review_months

    def with_content_json(self, content):
        # The review dates belong to the live page, not to a revision: restoring
        # or publishing an older revision keeps them.
        page = super().with_content_json(content)
        page.last_reviewed_at = self.last_reviewed_at
        page.next_review_at = self.next_review_at
        return page

    def get_url_parts(self, request=None):
        """Wagtail's, with the site's public address (BASE_URL) as the root: feeds,
        sitemaps, canonical and share links, e-mails and CDN purges all name the
        site the same way, whatever the Site record or the request's Host says.
        Relative links (``page.url``) are unchanged."""
        parts = super().get_url_parts(request)
        if parts is None or parts[1] is None:
            return parts
        site_id, _site_root_url, page_path = parts
        return site_id, settings.BASE_URL, page_path

    def translation_status_info(self) -> dict | None:
        """The stored translation status with field labels, for the edit view."""
        return status_info(self)

    def compute_english_ready(self) -> bool:
        return not self.swedish_only and not self.missing_english_fields()

    def is_available_in(self, language: str) -> bool:
        if language == "sv":
            return True
        return self.compute_english_ready()

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.english_ready = self.compute_english_ready()
        elif set(update_fields) & self._readiness_fields() and (
            "english_ready" not in update_fields
        ):
            # Only a save of the English content itself. Wagtail saves a draft
            # with update_fields on the instance holding the draft: recomputing
            # then wrote the draft's readiness onto the live row.
            self.english_ready = self.compute_english_ready()
            kwargs["update_fields"] = [*update_fields, "english_ready"]
        old_urls = self._urls_before_slug_change(update_fields)
        result = super().save(*args, **kwargs)
        if old_urls:
            add_redirects(old_urls, subtree(self))
        return result

    @classmethod
    def _readiness_fields(cls) -> set[str]:
        names = {*cls.english_required_fields, "swedish_only"}
        return names | {f"{name}_en" for name in names}

    def _urls_before_slug_change(self, update_fields) -> dict | None:
        """The URLs of this live page and its descendants in every language, when
        this save changes a slug (so the old URLs can redirect afterwards)."""
        if not self.pk or (
            update_fields is not None
            and not {"slug", "slug_sv", "slug_en"} & set(update_fields)
        ):
            return None
        stored = (
            Page.objects.filter(pk=self.pk).values("live", "slug_sv", "slug_en").first()
        )
        if not stored or not stored["live"]:
            return None
        if (stored["slug_sv"], stored["slug_en"]) == (self.slug_sv, self.slug_en):
            return None
        return urls_by_language(subtree(Page.objects.get(pk=self.pk)))


# Fields of BasePage that editors fill in per language: each page type's
# TranslationOptions starts with them (modeltranslation registers concrete models).
BASE_PAGE_TRANSLATED = ("feedback_question",)


@functools.cache
def _english_sql() -> tuple[str, list]:
    """``available_in_english_sql``'s SQL, and the page models in the order of
    its parameters."""
    quote = connection.ops.quote_name
    page = quote(Page._meta.db_table)
    page_models = [
        model
        for model in get_page_models()
        if issubclass(model, BasePage) and not model._meta.abstract
    ]
    parts = []
    for model in page_models:
        table = quote(model._meta.db_table)
        key = quote(model._meta.pk.column)
        ready = quote(model._meta.get_field("english_ready").column)
        # Quoted names from the models only, no input: S608 does not apply.
        parts.append(
            f"({page}.{quote('content_type_id')} = %s AND EXISTS (SELECT 1"  # noqa: S608
            f" FROM {table} WHERE {table}.{key} = {page}.{quote('id')}"
            f" AND {table}.{ready}))"
        )
    return "(" + " OR ".join(parts) + ")", page_models


def available_in_english_sql() -> RawSQL:
    """A condition for querysets of plain ``Page`` (menus mix page types): pages
    whose own type's stored ``english_ready`` is true; ``readable()`` does the
    same for querysets of one page type.

    Written as SQL, once per process, because as an ORM condition (a subquery
    per page type, ten of them) Django built and compiled it on every request:
    an English menu cost 7.5 ms of CPU against 4.5 for a Swedish one. Each
    type's check is an EXISTS on the row's own key, so the database looks at
    the few pages a menu holds only. Only names from the models go into it;
    the content types' ids are parameters, looked up on every call (Django
    caches them, and a flushed database renumbers them)."""
    sql, page_models = _english_sql()
    types = ContentType.objects.get_for_models(*page_models)
    params = [types[model].pk for model in page_models]
    return RawSQL(sql, params, output_field=models.BooleanField())  # noqa: S611


def site_sections(request=None):
    """The site's sections (the home page's children), for report filters."""
    return Page.objects.filter(depth=3).order_by("path")
