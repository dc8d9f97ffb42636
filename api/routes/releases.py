"""Press releases and news."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from ninja import Path, Query, Router

from press.models import PressContact

from .. import cursors, public, schemas
from ..params import ReleaseFilters
from ..responses import ERRORS, BadRequest, ItemPath, detail, images, people, respond
from ..shapes import Shaper

router = Router(tags=["releases"])


def releases(language, detail: bool = False):
    queryset = public.releases(language).prefetch_related(
        Prefetch("image", queryset=images()),
        Prefetch("related_areas", queryset=public.references(public.areas())),
        Prefetch("related_projects", queryset=public.references(public.projects())),
    )
    if not detail:
        return queryset.defer("body", "body_sv", "body_en")
    return queryset.prefetch_related(
        "tags",
        Prefetch(
            "press_contacts",
            queryset=PressContact.objects.filter(person__live=True)
            .select_related("person")
            .prefetch_related(people()),
        ),
    )


RELEASES = schemas.listing(schemas.ReleaseSummary)


@router.get(
    "/",
    response={200: RELEASES[0] | RELEASES[1], **ERRORS},
    summary="Press releases and news, newest first (the news feed's order)",
)
def list_releases(request, filters: Query[ReleaseFilters]):
    if filters.month and not filters.year:
        raise BadRequest(_("A month needs a year (year=2024&month=3)."))
    # A live release always has a date (PressReleasePage.save gives it one).
    queryset = releases(filters.lang).filter(publication_date__isnull=False)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.area:
        queryset = queryset.filter(
            related_areas__in=public.areas().filter(pk=filters.area)
        )
    if filters.project:
        queryset = queryset.filter(
            related_projects__in=public.projects().filter(pk=filters.project)
        )
    if filters.year:
        queryset = queryset.filter(publication_date__year=filters.year)
        if filters.month:
            queryset = queryset.filter(publication_date__month=filters.month)
    if filters.updated_since:
        queryset = queryset.filter(last_published_at__gte=filters.updated_since)
    if filters.cursor:
        queryset = queryset.filter(
            cursors.after_release(cursors.decode(filters.cursor))
        )
    items, next_cursor = cursors.page(
        queryset.order_by("-publication_date", "-pk"),
        filters.limit,
        lambda page: [page.publication_date.isoformat(), page.pk],
    )
    return respond(request, items, next_cursor, filters.lang, Shaper.release)


@router.get(
    "/{id}/",
    response={200: schemas.Release.both | schemas.Release.one, **ERRORS},
    summary="One press release or news item, with its body",
)
def get_release(request, path: Path[ItemPath], lang: schemas.Language | None = None):
    return detail(
        request,
        releases(lang, detail=True),
        path.id,
        lang,
        lambda shaper, page: shaper.release(page, detail=True),
    )
