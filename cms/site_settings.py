"""Contact details and fixed links of the site (Wagtail site settings)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and fixed links shown in the footer of every page."""

    organisation_name = models.CharField(
        _("organisation name"),
        max_length=120,
        default="Region Blekinge",
        help_text=_("Shown in the header, footer and as publisher in feeds."),
    )
    street_address = models.CharField(
        _("visiting address"),
        max_length=200,
        blank=True,
        help_text=_("Street address."),
    )
    postal_address = models.CharField(
        _("postal address"), max_length=200, blank=True, help_text=_("Postal address.")
    )
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("Switchboard number.")
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Public contact email address.")
    )
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=200,
        blank=True,
        help_text=_("For example: Monday to Friday 8-16."),
    )
    accessibility_page = models.ForeignKey(
        Page,
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page, as the law requires."),
    )
    cookie_page = models.ForeignKey(
        Page,
        verbose_name=_("cookie page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )

    press_phone = models.CharField(
        _("press line"),
        max_length=40,
        blank=True,
        help_text=_("The press service's number, shown on every press release."),
    )
    press_email = models.EmailField(_("press e-mail"), blank=True)
    press_hours = models.CharField(
        _("press service hours"),
        max_length=200,
        blank=True,
        help_text=_("For example: weekdays 8–17, in each language."),
    )
    feedback_question = models.CharField(
        _("feedback question"),
        max_length=200,
        blank=True,
        help_text=_(
            "The question under every page, in each language. Empty: “Hittade du "
            "informationen du sökte?”. A page can ask its own (the page's settings)."
        ),
    )

    select_related = ["accessibility_page", "cookie_page"]

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("postal_address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("press_phone"),
                FieldPanel("press_email"),
                FieldPanel("press_hours"),
            ],
            heading=_("Press service"),
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_page"), FieldPanel("cookie_page")],
            heading=_("Footer links"),
        ),
        MultiFieldPanel(
            [FieldPanel("feedback_question")], heading=_("Reader feedback")
        ),
    ]

    # Pages show it: saving it makes cached pages stale (cms.caching).
    invalidates_page_cache = True

    class Meta:
        verbose_name = _("site settings")
