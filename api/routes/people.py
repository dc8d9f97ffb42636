"""People: the officials quoted and the contacts the pages name."""

from django.db.models import Prefetch

from ninja import Router

from .. import public, schemas
from ..responses import add_resource, images
from ..shapes import Shaper

router = Router(tags=["people"])


def people():
    return public.people().prefetch_related(Prefetch("photo", queryset=images()))


add_resource(
    router,
    "people",
    ("people", "person"),
    pair=schemas.Person,
    queryset=people,
    build=Shaper.person,
    titles=(
        "People (public fields; contact details of the contacts pages show)",
        "One person",
    ),
)
