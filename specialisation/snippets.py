"""The snippets the strategy pages share with the newsroom: partner organisations
and fact boxes. Both are translated, go through the review workflow for reusable
content ("Återanvändbart innehåll") and are chosen in releases and project pages."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from cms.bilingual.forms import SnippetForm
from cms.bilingual.panels import TranslationStatusPanel
from cms.bilingual.readiness import EnglishReadinessMixin

FACT_BOX_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class Organisation(
    EnglishReadinessMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A partner organisation (university, science park, agency...). Pages show the
    published version; changes are drafts until a reviewer publishes them."""

    # The name is a proper name: its English form is optional.
    english_required_fields = ("description",)

    name = models.CharField(
        _("name"), max_length=200, help_text=_("The organisation's official name.")
    )
    logo = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional logo. Its alt text should be the organisation's name."),
    )
    url = models.URLField(
        _("website"), blank=True, help_text=_("The organisation's own website.")
    )
    description = models.TextField(
        _("short description"),
        blank=True,
        max_length=400,
        help_text=_("One or two sentences about the organisation."),
    )
    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="organisation"
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="organisation",
        for_concrete_model=False,
    )
    base_form_class = SnippetForm  # translators change the English fields only

    panels = [
        TranslationStatusPanel(),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("url"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
    ]

    # Pages show it: saving it makes cached pages stale (cms.caching), of the
    # release pages only those that show it (cms.caching.scopes).
    invalidates_page_cache = True
    cache_scoped = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "specialisation/previews/organisation.html"


class FactBox(
    EnglishReadinessMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A reusable box of key facts, embedded in press releases and strategy pages.

    Pages show the published version, so editing and publishing a fact box once
    updates every page that uses it. Drafts go through the fact box workflow.
    """

    english_required_fields = ("title", "body")

    title = models.CharField(
        _("title"),
        max_length=160,
        help_text=_('For example "Fakta: Blekinges smarta specialiseringsstrategi".'),
    )
    body = RichTextField(
        _("facts"),
        features=FACT_BOX_FEATURES,
        help_text=_("Short paragraphs and lists. Use level 3 headings inside the box."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="fact_box")
    base_form_class = SnippetForm
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="fact_box",
        for_concrete_model=False,
    )

    panels = [TranslationStatusPanel(), FieldPanel("title"), FieldPanel("body")]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("body"),
    ]

    # Pages show it: saving it makes cached pages stale (cms.caching), of the
    # release pages only those that show it (cms.caching.scopes).
    invalidates_page_cache = True
    cache_scoped = True

    class Meta:
        verbose_name = _("fact box")
        verbose_name_plural = _("fact boxes")

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "specialisation/previews/fact_box.html"
