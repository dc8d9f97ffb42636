"""Body blocks of press releases."""

from cms.blocks import BaseStreamBlock
from specialisation.blocks import FactBoxChooserBlock, PartnerListBlock


class PressReleaseStreamBlock(BaseStreamBlock):
    """Text, headings, quotes, fact boxes, images, partner lists, documents, links
    and click-to-load video."""

    fact_box = FactBoxChooserBlock()
    partners = PartnerListBlock()
