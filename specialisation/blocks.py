"""Blocks owned by the strategy domain: fact boxes, partner lists, EU funding."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import BaseStreamBlock, RenditionImageChooserBlock


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


class PartnerListBlock(blocks.StructBlock):
    """A list of partner organisations, e.g. the partners of a project."""

    heading = blocks.CharBlock(
        label=_("heading"),
        required=False,
        max_length=120,
        help_text=_('For example "Partners in the project". Leave empty for none.'),
    )
    organisations = blocks.ListBlock(
        SnippetChooserBlock("specialisation.Organisation"),
        label=_("organisations"),
        min_num=1,
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


class StrategyStreamBlock(BaseStreamBlock):
    """Body blocks for the strategy and area pages."""

    fact_box = FactBoxChooserBlock()
    partners = PartnerListBlock()


class ProjectStreamBlock(BaseStreamBlock):
    """Body blocks for project pages."""

    fact_box = FactBoxChooserBlock()
    partners = PartnerListBlock()
    eu_funding = EUFundingBlock()
