"""People: spokespersons, press contacts and quoted officials."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from .bilingual.forms import SnippetForm
from .bilingual.panels import TranslationStatusPanel
from .bilingual.readiness import EnglishReadinessMixin


class Person(
    EnglishReadinessMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A named person: spokesperson, press contact or quoted official.

    Used by press releases (quotes, press contacts) and projects (contacts), so it
    lives here rather than in ``press`` (``specialisation`` may not import ``press``).
    Pages show the published version: a change (a new e-mail address, a new role)
    is a draft until a reviewer publishes it, through the workflow for reusable
    content, as pages are.
    """

    # The organisation is mostly a proper name: its English form is optional.
    english_required_fields = ("role",)

    name = models.CharField(_("name"), max_length=120, help_text=_("Full name."))
    role = models.CharField(
        _("title/role"),
        max_length=200,
        help_text=_('For example "innovationsstrateg på Region Blekinge".'),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=120,
        blank=True,
        help_text=_("Employer or assembly, e.g. Region Blekinge."),
    )
    party = models.CharField(
        _("party"),
        max_length=12,
        blank=True,
        help_text=_("Party abbreviation for politicians, e.g. M or S."),
    )
    photo = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Portrait, shown with press contacts."),
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Shown when the person is a press contact.")
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("Shown when the person is a press contact."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="person")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="person",
        for_concrete_model=False,
    )
    base_form_class = SnippetForm

    panels = [
        TranslationStatusPanel(),
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("party"),
        FieldPanel("photo"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone")], heading=_("Press contact")
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
    ]

    # Pages show it: saving it makes cached pages stale (cms.caching), of the
    # release pages only those that show it (cms.caching.scopes).
    invalidates_page_cache = True
    cache_scoped = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "cms/previews/person.html"

    def attribution(self) -> str:
        return format_attribution(self.name, self.party, self.role)


def format_attribution(name: str, party: str = "", role: str = "") -> str:
    """ "Johan Sandberg (M), ordförande i ..." as used in quote captions."""
    text = name or ""
    if party:
        text = f"{text} ({party})"
    if role:
        text = f"{text}, {role}" if text else role
    return text
