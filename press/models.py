"""Newsroom: the news index and press releases/news items."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpResponseBadRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.i18n import readable
from cms.images import teaser_renditions
from cms.listing import lazy_list, render_listing
from cms.pages import BasePage
from specialisation.models import ProjectPage, SpecialisationAreaPage

from .admin_forms import PressReleaseForm
from .archives import (
    archive_label,
    archive_months,
    archive_period,
    archive_years,
    year_range,
)
from .blocks import PressReleaseStreamBlock
from .feeds import ReleaseFeed
from .forms import NewsFilterForm
from .related import (
    HEAVY_FIELDS,
    cache_links,
    cache_snippets,
    cache_teaser,
    is_newest,
    linked_pages,
    related_releases,
)


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The newsroom: releases newest first, with filters, pages and feeds."""

    max_count = 1
    default_review_months = lix_target = None  # a list: nothing to review
    parent_page_types = ["home.HomePage"]
    subpage_types = ["press.PressReleasePage"]
    english_required_fields = ("title",)
    per_page = 20
    cache_content = False

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the list of releases.")
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("news index")

    def releases(self, language: str | None = None):
        """Live releases under this index that exist in ``language``."""
        return readable(PressReleasePage.objects.child_of(self), language)

    def _filter_form(self, request, data=None, years=None):
        data = request.GET if data is None else data
        if years is None:
            years = archive_years(self, request=request)
        return NewsFilterForm(
            data or None,
            years=year_range([int(year["label"]) for year in years]),
            kinds=PressReleasePage.KIND_CHOICES,
            language=get_language(),
        )

    @path("")
    def index_view(self, request):
        return self._listing(request)

    @re_path(r"^(?P<year>[0-9]{4})/$", name="archive_year")
    def archive_year(self, request, year):
        return self._listing(request, int(year))

    @re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", name="archive_month")
    def archive_month(self, request, year, month):
        return self._listing(request, int(year), int(month))

    def _listing(self, request, year: int | None = None, month: int | None = None):
        """The list, or the archive of a year or a month of it: /nyheter/2023/08/,
        /en/news/2023/08/. An archive with nothing in the reader's language is a
        404 (so is a month that does not exist)."""
        releases = (
            self.releases()
            .order_by("-publication_date", "-pk")
            .defer(*HEAVY_FIELDS)
            .select_related("image")
            # The teasers' thumbnails: one query for the page of results.
            .prefetch_related(teaser_renditions())
        )
        context = {}
        if year is not None:
            if month is not None and not 1 <= month <= 12:
                raise Http404("No such month")
            period = archive_period(year, month)
            releases = releases.filter(**period)
            # The period in each language, in one query: every readable release
            # is Swedish; the English archive holds those ready in English.
            found = (
                self.releases("sv")
                .filter(**period)
                .aggregate(sv=Count("pk"), en=Count("pk", filter=Q(english_ready=True)))
            )
            languages = [code for code, _name in settings.LANGUAGES if found[code]]
            if get_language() not in languages:
                raise Http404("No releases in this period")
            context = {
                "archive": archive_label(year, month),
                # The same archive in each language, where it has releases.
                "subpage_path": self.reverse_subpage(
                    "archive_month" if month else "archive_year",
                    args=[f"{year}", f"{month:02}"] if month else [f"{year}"],
                ),
                "subpage_languages": languages,
            }
        # The period comes from the address; the form filters by kind and area.
        query = request.GET.copy()
        if year is not None:
            query.pop("year", None)
            query.pop("month", None)
        # One query gives the archive's years and the filter's year choices.
        years = archive_years(self, year, request)
        context["archive_years"] = years
        context["archive_months"] = lazy_list(
            lambda: archive_months(self, year, month) if year else []
        )
        # Unfiltered, the archive's year counts (kept for the generation) hold the
        # number of releases: the paginator need not count the archive again.
        total = None
        if month is None and not set(query) - {"page"}:
            total = sum(row["count"] for row in years if year is None or row["current"])
        return render_listing(
            self,
            request,
            self._filter_form(request, query, years),
            releases,
            name="releases",
            per_page=self.per_page,
            context=context,
            count=total,
            deep_pages=True,
        )

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return self._feed(request, "rss")

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return self._feed(request, "atom")

    def _feed(self, request, kind):
        form = self._filter_form(request)
        releases = self.releases()
        if form.is_bound:
            if not form.is_valid():
                return HttpResponseBadRequest(
                    form.error_text(), content_type="text/plain; charset=utf-8"
                )
            releases = form.filter(releases)
        return ReleaseFeed(self, releases, kind)(request)

    def feed_url(self, kind: str = "rss") -> str:
        return self.url + self.reverse_subpage(kind)


class PressReleaseTag(TaggedItemBase):
    content_object = ParentalKey(
        "press.PressReleasePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PressReleasePage(BasePage):
    """A dated press release or news item, listed with its areas and projects."""

    default_review_months = None  # news is of its day: no review dates
    lix_target = 40  # newspaper prose
    parent_page_types = ["press.NewsIndexPage"]
    subpage_types = []
    english_required_fields = ("title", "lead", "body")
    served_with = ("image",)
    # A publish invalidates only the release pages that show this one, by its
    # areas, projects and tags (cms.caching.scopes).
    cache_scoped = True

    KIND_PRESS_RELEASE = "press_release"
    KIND_NEWS = "news"
    KIND_CHOICES = [(KIND_PRESS_RELEASE, _("Press release")), (KIND_NEWS, _("News"))]

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=KIND_CHOICES,
        default=KIND_PRESS_RELEASE,
        help_text=_("Press release (to the media) or news (to everyone)."),
    )
    publication_date = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Shown on the page and used for sorting. Leave empty to use the time it "
            "is first published; set it only for back-dated imports."
        ),
    )
    lead = models.TextField(
        _("lead"),
        help_text=_("The ingress: one or two sentences. Shown in listings and feeds."),
    )
    image = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Alt text and photographer credit come from the image."),
    )
    image_caption = models.CharField(
        _("image caption"),
        max_length=300,
        blank=True,
        help_text=_("Optional caption under the main image."),
    )
    body = StreamField(PressReleaseStreamBlock(), blank=True, verbose_name=_("body"))
    related_areas = ParentalManyToManyField(
        SpecialisationAreaPage,
        verbose_name=_("specialisation areas"),
        blank=True,
        related_name="press_releases",
        help_text=_("The release is listed on these areas' pages."),
    )
    related_projects = ParentalManyToManyField(
        ProjectPage,
        verbose_name=_("projects"),
        blank=True,
        related_name="press_releases",
        help_text=_("The release is listed on these projects' pages."),
    )
    notify_subscribers = models.BooleanField(
        _("notify subscribers"),
        default=True,
        help_text=_(
            "E-mail the subscribers when the page is published; with a scheduled "
            "time, when it goes live. Each subscriber gets at most one e-mail per "
            "item, also when it is published again. Ticked for a first publication."
        ),
    )
    tags = ClusterTaggableManager(
        through=PressReleaseTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Used to find related releases."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("publication_date")],
            heading=_("Kind and date"),
        ),
        FieldPanel("notify_subscribers"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_caption")], heading=_("Main image")
        ),
        FieldPanel("body"),
        InlinePanel("press_contacts", label=_("press contacts")),
        MultiFieldPanel(
            [
                FieldPanel("related_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("related_projects"),
                FieldPanel("tags"),
            ],
            heading=_("Related"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("publication_date"),
        index.FilterField("english_ready"),
    ]

    base_form_class = PressReleaseForm

    class Meta:
        verbose_name = _("press release or news item")
        verbose_name_plural = _("press releases and news")
        indexes = [models.Index(fields=["english_ready", "-publication_date"])]

    def save(self, *args, **kwargs):
        # The publication date defaults to the first publication (or the scheduled
        # go-live time), so editors need not type it.
        if self.live and self.publication_date is None:
            self.publication_date = (
                self.first_published_at or self.go_live_at or timezone.now()
            )
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = [*kwargs["update_fields"], "publication_date"]
        return super().save(*args, **kwargs)

    @property
    def display_date(self):
        return self.publication_date or self.go_live_at or self.first_published_at

    def kind_label(self) -> str:
        return str(dict(self.KIND_CHOICES).get(self.kind, ""))

    def related_releases(self, areas, projects, limit: int = 3):
        return related_releases(self, areas, projects, limit)

    def cache_links(self) -> list[str]:
        return cache_links(self)

    def cache_teaser(self) -> dict:
        return cache_teaser(self)

    def cache_snippets(self) -> list[str]:
        return cache_snippets(self)

    def cache_shown_elsewhere(self) -> bool:
        """Whether another release page may show this one (as related news)."""
        return not is_newest(self)

    def contact_people(self) -> list:
        """The press contacts' people with their photos (one query per page)."""
        if not hasattr(self, "_contact_people"):
            contacts = self.press_contacts.select_related("person__photo")
            self._contact_people = [item.person for item in contacts if item.person]
        return self._contact_people

    def serve(self, request, *args, **kwargs):
        # The page cache stores this response with the scopes it depends on.
        request._cms_cache_page = self
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: when the main content comes from the fragment cache, none of these
        # queries run.
        linked = SimpleLazyObject(lambda: linked_pages(self))
        areas = lazy_list(lambda: linked[0])
        projects = lazy_list(lambda: linked[1])
        context.update(
            areas=areas,
            projects=projects,
            contacts=lazy_list(self.contact_people),
            related=lazy_list(
                lambda: self.related_releases(list(areas), list(projects))
            ),
        )
        return context


class PressContact(Orderable):
    """A person readers and journalists can contact about a release."""

    page = ParentalKey(
        PressReleasePage, on_delete=models.CASCADE, related_name="press_contacts"
    )
    person = models.ForeignKey(
        "cms.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Shown with email and phone under the release."),
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
