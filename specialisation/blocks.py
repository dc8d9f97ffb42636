"""Blocks owned by the strategy domain: fact boxes, partner lists, EU funding and
the "Aktuellt" list of the latest releases."""

from django import forms
from django.apps import apps
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import BaseStreamBlock, RenditionImageChooserBlock
from cms.i18n import readable
from cms.images import teaser_renditions


class FactBoxChooserBlock(SnippetChooserBlock):
    """A chosen fact box, rendered from its published version (see FactBox)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Fact box"))
        super().__init__("specialisation.FactBox", **kwargs)

    def deconstruct(self):
        # The target model is fixed by this class; keep migrations free of it.
        path, _args, kwargs = super().deconstruct()
        return path, (), kwargs

    class Meta:
        icon = "list-ul"
        template = "specialisation/blocks/fact_box_block.html"
        description = _("A reusable fact box, edited once under Snippets.")


class OrganisationsBlock(blocks.FieldBlock):
    """Partner organisations ticked in one list (six partners are six ticks, not
    six choosers), shown in alphabetical order.

    Stored as a list of organisation ids. Also reads the earlier storage, a
    ListBlock of one chooser per organisation, so old revisions still open.
    Written by hand because Wagtail has no multiple chooser for blocks yet
    (wagtail/wagtail#11318).
    """

    def __init__(self, required=True, help_text=None, **kwargs):
        self._required = required
        self._help_text = help_text
        super().__init__(**kwargs)

    @property
    def required(self):
        return self._required

    @staticmethod
    def _model():
        return apps.get_model("specialisation", "Organisation")

    @cached_property
    def field(self):
        return forms.ModelMultipleChoiceField(
            queryset=self._model().objects.order_by("name"),
            widget=forms.CheckboxSelectMultiple,
            required=self._required,
            help_text=self._help_text,
        )

    @staticmethod
    def _ids(raw) -> list[int]:
        ids = []
        for item in raw or []:
            if isinstance(item, dict):  # a ListBlock item: {"type", "value", "id"}
                item = item.get("value")
            if isinstance(item, int) or (isinstance(item, str) and item.isdigit()):
                ids.append(int(item))
        return ids

    def bulk_to_python(self, values):
        values = [self._ids(value) for value in values]
        wanted = {pk for ids in values for pk in ids}
        found = self._model().objects.in_bulk(wanted) if wanted else {}
        return [
            sorted((found[pk] for pk in ids if pk in found), key=lambda o: o.name)
            for ids in values
        ]

    def to_python(self, value):
        return self.bulk_to_python([value])[0]

    def get_prep_value(self, value):
        return [getattr(item, "pk", item) for item in value or []]

    def value_for_form(self, value):
        return [str(getattr(item, "pk", item)) for item in value or []]

    def value_from_form(self, value):
        if value is None:
            return []
        if hasattr(value, "model"):  # the cleaned queryset
            return sorted(value, key=lambda o: o.name)
        return self.to_python(value)

    def get_form_state(self, value):
        return self.value_for_form(value)

    def get_default(self):
        return []

    def extract_references(self, value):
        model = self._model()
        for organisation in value or []:
            yield model, str(getattr(organisation, "pk", organisation)), "", ""

    class Meta:
        icon = "group"
        default = []


class PartnerListBlock(blocks.StructBlock):
    """A list of partner organisations, e.g. the partners of a project."""

    heading = blocks.CharBlock(
        label=_("heading"),
        required=False,
        max_length=120,
        help_text=_('For example "Partners in the project". Leave empty for none.'),
    )
    organisations = OrganisationsBlock(
        label=_("organisations"),
        help_text=_("Tick every partner; they are listed alphabetically."),
    )

    class Meta:
        icon = "group"
        template = "specialisation/blocks/partner_list_block.html"
        label = _("Partner list")
        description = _("A list of partner organisations with links.")


class EUFundingBlock(blocks.StructBlock):
    """The funding statement EU-financed projects must show, with the emblem."""

    funder = blocks.CharBlock(
        label=_("funder"),
        max_length=200,
        help_text=_('For example "Europeiska regionalfonden".'),
    )
    statement = blocks.TextBlock(
        label=_("statement"),
        help_text=_('For example "Projektet finansieras av Europeiska unionen".'),
    )
    emblem = RenditionImageChooserBlock(
        label=_("emblem"),
        required=False,
        help_text=_("The EU emblem; its alt text must say what it shows."),
    )

    class Meta:
        icon = "tick-inverse"
        template = "specialisation/blocks/eu_funding_block.html"
        label = _("EU funding statement")
        description = _("The EU funding statement with the emblem.")


class LatestNewsBlock(blocks.StructBlock):
    """ "Aktuellt": the newest press releases and news, optionally of one area and
    one kind, in the page's language (items not in English are left out of English
    pages), with date, title and a lead cut to two lines."""

    heading = blocks.CharBlock(
        label=_("heading"),
        required=False,
        max_length=80,
        help_text=_("Empty: “Aktuellt” (Swedish) and “Latest news” (English)."),
    )
    area = blocks.PageChooserBlock(
        label=_("specialisation area"),
        page_type="specialisation.SpecialisationAreaPage",
        required=False,
        help_text=_("Only items about this area. Empty: every area."),
    )
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("press_release", _("Press releases")), ("news", _("News"))],
        required=False,
        help_text=_("Empty: press releases and news."),
    )
    count = blocks.IntegerBlock(
        label=_("number of items"), default=3, min_value=1, max_value=10
    )

    class Meta:
        icon = "list-ul"
        template = "specialisation/blocks/latest_news_block.html"
        label = _("Latest news (Aktuellt)")
        description = _("The newest press releases and news, kept up to date.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["releases"] = latest_releases(value)
        return context


def latest_releases(value) -> list:
    # By name: press builds on this app (its releases name our areas), so this
    # app never imports it; Wagtail's own blocks name page types the same way.
    releases = apps.get_model("press", "PressReleasePage").objects.all()
    if value.get("area"):
        releases = releases.filter(related_areas=value["area"])
    if value.get("kind"):
        releases = releases.filter(kind=value["kind"])
    count = value.get("count") or 3
    releases = readable(releases).order_by("-publication_date")
    # The teasers' thumbnails: one query for the block.
    releases = releases.select_related("image").prefetch_related(teaser_renditions())
    return list(releases[:count])


class StrategyStreamBlock(BaseStreamBlock):
    """Body blocks for the strategy and area pages."""

    fact_box = FactBoxChooserBlock()
    partners = PartnerListBlock()
    latest_news = LatestNewsBlock()


class ProjectStreamBlock(BaseStreamBlock):
    """Body blocks for project pages."""

    fact_box = FactBoxChooserBlock()
    partners = PartnerListBlock()
    eu_funding = EUFundingBlock()
    latest_news = LatestNewsBlock()
