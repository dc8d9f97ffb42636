"""Organisations (partners, lead organisations) and the strategy's fact boxes."""

from django.db.models import Prefetch

from ninja import Router

from .. import public, schemas
from ..responses import add_resource, images
from ..shapes import Shaper

router = Router(tags=["organisations and fact boxes"])


def organisations():
    return public.organisations().prefetch_related(Prefetch("logo", queryset=images()))


add_resource(
    router,
    "organisations",
    ("organisations", "organisation"),
    pair=schemas.Organisation,
    queryset=organisations,
    build=Shaper.organisation,
    titles=(
        "Organisations: partners and lead organisations of projects",
        "One organisation",
    ),
)
add_resource(
    router,
    "fact-boxes",
    ("fact_boxes", "fact_box"),
    pair=schemas.FactBox,
    queryset=public.fact_boxes,
    build=Shaper.fact_box,
    titles=("Fact boxes: the strategy's reusable facts", "One fact box"),
)
