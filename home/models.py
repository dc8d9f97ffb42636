"""The home page and the site-wide pages every public body must have."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField

from cms.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from cms.images import teaser_renditions
from cms.listing import lazy_list
from cms.pages import BasePage
from press.models import HEAVY_FIELDS, NewsIndexPage
from specialisation.blocks import LatestNewsBlock
from specialisation.models import StrategyPage


class HomeStreamBlock(BaseStreamBlock):
    """Blocks for the home page and content pages."""

    latest_news = LatestNewsBlock()


class HomePage(BasePage):
    """The start page of the site, in Swedish at / and in English at /en/."""

    # Reviewed twice a year; its own text is short, so no LIX aim.
    default_review_months = 6
    lix_target = None

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "press.NewsIndexPage",
        "specialisation.StrategyPage",
        "specialisation.ProjectIndexPage",
        "home.ContentPage",
        "home.AccessibilityStatementPage",
        "home.CookiePage",
    ]
    english_required_fields = ("title", "intro")

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the heading of the start page."),
    )
    body = StreamField(HomeStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: when the main content comes from the fragment cache, none of these
        # queries run.
        strategy = SimpleLazyObject(
            lambda: StrategyPage.objects.live().public().first()
        )
        news_index = SimpleLazyObject(
            lambda: NewsIndexPage.objects.live().public().first()
        )
        context["strategy"] = strategy
        context["areas"] = lazy_list(lambda: strategy.areas() if strategy else [])
        context["news_index"] = news_index
        context["latest_news"] = lazy_list(
            lambda: (
                news_index.releases()
                .order_by("-publication_date")
                .defer(*HEAVY_FIELDS)
                # The teasers' thumbnails: one query for the four.
                .select_related("image")
                .prefetch_related(teaser_renditions())[:4]
                if news_index
                else []
            )
        )
        return context


class ContentPage(BasePage):
    """A plain information page (about the site, contact, etc.)."""

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]
    english_required_fields = ("title", "intro")

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A short lead under the heading.")
    )
    body = StreamField(HomeStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = _("content page")


class KnownProblemBlock(blocks.StructBlock):
    """A known accessibility problem, why it is not fixed yet and when it will be."""

    problem = blocks.TextBlock(
        label=_("problem"), help_text=_("What does not work, and for whom.")
    )
    criterion = blocks.CharBlock(
        label=_("WCAG criterion"),
        required=False,
        max_length=120,
        help_text=_("For example 1.4.3 Contrast (Minimum)."),
    )
    reason = blocks.TextBlock(
        label=_("why it is not fixed"),
        help_text=_(
            "For example: disproportionate burden, or content from a third party."
        ),
    )
    fix_by = blocks.DateBlock(
        label=_("to be fixed by"),
        required=False,
        help_text=_("Leave empty if there is no date yet."),
    )

    class Meta:
        icon = "warning"
        template = "home/blocks/known_problem_block.html"
        label = _("Known problem")
        description = _("A problem with the reason and the date it will be fixed.")


class KnownProblemsBlock(blocks.StreamBlock):
    problem = KnownProblemBlock()


class AccessibilityStatementPage(BasePage):
    """The accessibility statement (tillgänglighetsredogörelse) that the law requires,
    with the parts the supervising agency DIGG lists."""

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    english_required_fields = ("title", "intro", "reply_time")

    COMPLIANCE_CHOICES = [
        ("full", _("fully compliant")),
        ("partial", _("partially compliant")),
        ("not", _("not compliant")),
    ]
    METHOD_CHOICES = [
        ("self", _("self-assessment")),
        ("audit", _("audit by a third party")),
    ]

    organisation = models.CharField(
        _("organisation"),
        max_length=120,
        default="Region Blekinge",
        help_text=_("The public body responsible for the site."),
    )
    site_covered = models.CharField(
        _("website covered"),
        max_length=200,
        help_text=_("The address of the site this statement covers."),
    )
    intro = models.TextField(
        _("introduction"), help_text=_("Who is behind the site and what it covers.")
    )
    compliance_status = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=COMPLIANCE_CHOICES,
        default="partial",
        help_text=_("How well the site meets the law (WCAG 2.1 AA, EN 301 549)."),
    )
    known_problems = StreamField(
        KnownProblemsBlock(),
        blank=True,
        verbose_name=_("known problems"),
        help_text=_("Every known problem, with the reason and when it will be fixed."),
    )
    method = models.CharField(
        _("how the statement was made"),
        max_length=10,
        choices=METHOD_CHOICES,
        default="self",
        help_text=_("Self-assessment or an audit by a third party."),
    )
    method_description = RichTextField(
        _("how the site was tested"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Tools and methods used, for example automatic tests and manual review."
        ),
    )
    statement_date = models.DateField(
        _("statement first published"),
        default=datetime.date.today,
        help_text=_("When the statement was first made."),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        default=datetime.date.today,
        help_text=_("When the site and this statement were last reviewed."),
    )
    contact_email = models.EmailField(
        _("email for reporting problems"),
        help_text=_("Where readers report accessibility problems."),
    )
    contact_phone = models.CharField(
        _("phone for reporting problems"),
        max_length=40,
        blank=True,
        help_text=_("Optional phone number."),
    )
    reply_time = models.CharField(
        _("expected reply time"),
        max_length=200,
        help_text=_("For example: We reply within five working days."),
    )
    enforcement_url = models.URLField(
        _("supervisory authority's form"),
        default="https://www.digg.se/tdosanmalan",
        help_text=_("DIGG's form for reporting a website that is not accessible."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldPanel("site_covered")],
            heading=_("Who and what"),
        ),
        MultiFieldPanel(
            [FieldPanel("compliance_status"), FieldPanel("known_problems")],
            heading=_("Compliance"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("method"),
                FieldPanel("method_description"),
                FieldPanel("statement_date"),
                FieldPanel("last_reviewed"),
            ],
            heading=_("How the statement was made"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("reply_time"),
                FieldPanel("enforcement_url"),
            ],
            heading=_("Reporting problems"),
        ),
    ]

    class Meta:
        verbose_name = _("accessibility statement")


class CookiePage(BasePage):
    """Lists the cookies the site sets. The list is generated from the settings, so it
    cannot drift from what the site really does."""

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    english_required_fields = ("title", "intro")

    intro = RichTextField(
        _("introduction"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Explains the cookie policy in plain words."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("cookie page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Set only for readers who unlock a page that needs a password.
        context["protected_page_cookies"] = [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "purpose": _(
                    "Remembers which password-protected pages you have unlocked."
                ),
                "lifetime": _("Two weeks."),
            },
            {
                "name": settings.CSRF_COOKIE_NAME,
                "purpose": _("Protects the password form against forgery."),
                "lifetime": _("One year."),
            },
        ]
        context["editor_cookies"] = [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "purpose": _("Keeps an editor logged in to the administration."),
                "lifetime": _("Two weeks, or until the editor logs out."),
            },
            {
                "name": settings.CSRF_COOKIE_NAME,
                "purpose": _("Protects the administration's forms against forgery."),
                "lifetime": _("One year."),
            },
            {
                # Set by Wagtail's admin script (sidebar.js) when the menu is folded.
                "name": "wagtail_sidebar_collapsed",
                "purpose": _(
                    "Remembers whether the editor has folded the administration's menu."
                ),
                "lifetime": _("Until the browser is closed."),
            },
        ]
        return context
