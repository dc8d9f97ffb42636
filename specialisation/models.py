"""Smart-specialisation strategy, its areas and projects, and the snippets they share
with the newsroom (partner organisations and fact boxes).

This app never imports ``press``: an area lists its press releases through the
reverse relation ``press_releases`` that ``press`` declares.
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    Orderable,
)
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES
from cms.i18n import readable
from cms.images import CARD_IMAGE, teaser_renditions
from cms.listing import lazy_list, render_listing
from cms.pages import BasePage

from .blocks import ProjectStreamBlock, StrategyStreamBlock
from .forms import ProjectFilterForm
from .snippets import FACT_BOX_FEATURES, FactBox, Organisation

__all__ = [
    "FACT_BOX_FEATURES",
    "FactBox",
    "Organisation",
    "StrategyPage",
    "SpecialisationAreaPage",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPartner",
    "ProjectFunder",
    "ProjectContact",
]


class StrategyPage(BasePage):
    """The region's smart-specialisation strategy; lists its specialisation areas."""

    default_review_months = 6

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["specialisation.SpecialisationAreaPage"]
    english_required_fields = ("title", "intro")

    intro = models.TextField(
        _("introduction"), help_text=_("What the strategy is, in one or two sentences.")
    )
    purpose = RichTextField(
        _("purpose"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Why the region has the strategy and what it should achieve."),
    )
    body = StreamField(StrategyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("purpose"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("strategy page")

    def areas(self):
        areas = readable(SpecialisationAreaPage.objects.child_of(self))
        # The cards' pictures (here and on the home page): one query for all.
        areas = areas.select_related("image").prefetch_related(
            teaser_renditions(CARD_IMAGE)
        )
        return areas.order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["areas"] = lazy_list(self.areas)
        return context


class SpecialisationAreaPage(BasePage):
    """One of the strategy's specialisation areas, e.g. Smart industri."""

    default_review_months = 6

    parent_page_types = ["specialisation.StrategyPage"]
    subpage_types = []
    english_required_fields = ("title", "short_description")
    served_with = ("image",)
    related_limit = 5

    short_description = models.TextField(
        _("short description"),
        max_length=500,
        help_text=_("Shown on the strategy page, the home page and in listings."),
    )
    focus_themes = models.CharField(
        _("focus themes"),
        max_length=255,
        blank=True,
        help_text=_('For example "formningsteknologi och marin teknik".'),
    )
    image = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page and on teasers."),
    )
    body = StreamField(StrategyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("short_description"),
        FieldPanel("focus_themes"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("short_description"),
        index.SearchField("focus_themes"),
    ]

    class Meta:
        verbose_name = _("specialisation area")
        verbose_name_plural = _("specialisation areas")

    def latest_press_releases(self):
        """Live releases linked to this area (reverse relation declared by press),
        newest first, in the reader's language only."""
        releases = readable(self.press_releases.all())
        return releases.order_by("-publication_date")[: self.related_limit]

    def related_projects(self):
        return readable(self.projects.all()).order_by("-start_date", "path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_releases"] = lazy_list(self.latest_press_releases)
        context["projects"] = lazy_list(self.related_projects)
        context["strategy"] = SimpleLazyObject(self.get_parent)
        return context


class ProjectIndexPage(RoutablePageMixin, BasePage):
    """Lists the projects, filterable by specialisation area and status."""

    default_review_months = None
    lix_target = None

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["specialisation.ProjectPage"]
    english_required_fields = ("title", "intro")
    per_page = 20
    cache_content = False

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown above the list of projects.")
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("project index")

    @path("")
    def index_view(self, request):
        projects = readable(ProjectPage.objects.child_of(self)).order_by(
            "-start_date", "path"
        )
        return render_listing(
            self,
            request,
            ProjectFilterForm(
                request.GET or None,
                areas=readable(SpecialisationAreaPage.objects.all()).order_by("path"),
                statuses=ProjectPage.STATUS_CHOICES,
                status_filter=status_q,
                language=get_language(),
            ),
            projects,
            name="projects",
            per_page=self.per_page,
        )


class ProjectPage(BasePage):
    """A project that puts the strategy into practice, e.g. Kickstart S3."""

    parent_page_types = ["specialisation.ProjectIndexPage"]
    subpage_types = []
    english_required_fields = ("title", "summary")
    served_with = ("image", "lead_organisation")

    STATUS_CHOICES = [
        ("planned", _("planned")),
        ("ongoing", _("ongoing")),
        ("finished", _("finished")),
    ]

    summary = models.TextField(
        _("summary"), help_text=_("What the project does, in one or two sentences.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=STATUS_CHOICES,
        default="ongoing",
        db_index=True,
        help_text=_(
            "Used only where the dates do not say: a project whose start date is "
            "ahead is planned, one whose end date has passed is finished."
        ),
    )
    start_date = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("When the project starts.")
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("When the project ends.")
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The organisation that runs the project."),
    )
    related_areas = ParentalManyToManyField(
        SpecialisationAreaPage,
        verbose_name=_("specialisation areas"),
        blank=True,
        related_name="projects",
        help_text=_("The areas of the strategy the project belongs to."),
    )
    image = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown at the top of the page."),
    )
    body = StreamField(ProjectStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            ],
            heading=_("Status and dates"),
        ),
        FieldPanel("image"),
        FieldPanel("related_areas", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("lead_organisation"),
                InlinePanel("partners", label=_("partners")),
                InlinePanel("funders", label=_("funders")),
                InlinePanel("contacts", label=_("contact people")),
            ],
            heading=_("Organisations and people"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("summary")]

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def current_status(self, today=None) -> str:
        """What readers are told: the dates decide when they can (the status
        ticked when the project was entered goes stale), else the stored choice."""
        today = today or timezone.localdate()
        if self.start_date and self.start_date > today:
            return "planned"
        if self.end_date and self.end_date < today:
            return "finished"
        if self.start_date:
            return "ongoing"
        return self.status

    def status_label(self) -> str:
        return str(dict(self.STATUS_CHOICES)[self.current_status()])

    def areas(self):
        return readable(self.related_areas.all()).order_by("path")

    def latest_press_releases(self):
        releases = readable(self.press_releases.all())
        return releases.order_by("-publication_date")[:5]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["areas"] = lazy_list(self.areas)
        context["partner_list"] = lazy_list(
            lambda: [
                item.organisation
                for item in self.partners.select_related("organisation__logo")
                if item.organisation
            ]
        )
        context["funder_list"] = lazy_list(self.funders.all)
        context["contact_list"] = lazy_list(
            lambda: [
                item.person for item in self.contacts.select_related("person__photo")
            ]
        )
        context["latest_releases"] = lazy_list(self.latest_press_releases)
        return context


def status_q(status: str, today=None) -> Q:
    """Projects whose current_status() is ``status``, as a database filter."""
    today = today or timezone.localdate()
    planned = Q(start_date__gt=today)
    ended = Q(end_date__lt=today)
    by_dates = {
        "planned": planned,
        "finished": ~planned & ended,
        "ongoing": ~planned & ~ended & Q(start_date__isnull=False),
    }
    undecided = ~planned & ~ended & Q(start_date__isnull=True)
    return by_dates.get(status, Q(pk__in=[])) | (undecided & Q(status=status))


class ProjectPartner(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("organisation")]


class ProjectFunder(Orderable):
    """A funder of a project, with an optional amount in Swedish kronor."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="funders")
    name = models.CharField(
        _("funder"),
        max_length=200,
        help_text=_('For example "Europeiska regionalfonden".'),
    )
    amount = models.DecimalField(
        _("amount (SEK)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        help_text=_("Optional. Whole kronor."),
    )
    panels = [FieldPanel("name"), FieldPanel("amount")]


class ProjectContact(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        "cms.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("person")]
