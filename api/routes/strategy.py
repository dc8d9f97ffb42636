"""The strategy's specialisation areas and projects."""

from django.db.models import Prefetch

from ninja import Path, Query, Router

from specialisation.models import ProjectContact, ProjectPartner, status_q

from .. import public, schemas
from ..params import Paging, ProjectFilters
from ..responses import ERRORS, ItemPath, detail, images, paged, people, respond
from ..shapes import Shaper

router = Router(tags=["strategy"])
AREAS = schemas.listing(schemas.AreaSummary)
PROJECTS = schemas.listing(schemas.ProjectSummary)


def areas(language, detail: bool = False):
    queryset = public.areas(language).prefetch_related(
        Prefetch("image", queryset=images())
    )
    return queryset if detail else queryset.defer("body", "body_sv", "body_en")


@router.get(
    "/areas/",
    response={200: AREAS[0] | AREAS[1], **ERRORS},
    summary="The specialisation areas, in the strategy's order",
)
def list_areas(request, filters: Query[Paging]):
    items, next_cursor = paged(areas(filters.lang), filters, key="path")
    return respond(request, items, next_cursor, filters.lang, Shaper.area)


@router.get(
    "/areas/{id}/",
    response={200: schemas.Area.both | schemas.Area.one, **ERRORS},
    summary="One specialisation area, with its body",
)
def get_area(request, path: Path[ItemPath], lang: schemas.Language | None = None):
    return detail(
        request,
        areas(lang, detail=True),
        path.id,
        lang,
        lambda shaper, page: shaper.area(page, detail=True),
    )


def projects(language, detail: bool = False):
    organisations = public.organisations().prefetch_related(
        Prefetch("logo", queryset=images())
    )
    queryset = public.projects(language).prefetch_related(
        Prefetch("image", queryset=images()),
        Prefetch("lead_organisation", queryset=organisations),
        Prefetch("related_areas", queryset=public.references(public.areas())),
    )
    if not detail:
        return queryset.defer("body", "body_sv", "body_en")
    return queryset.prefetch_related(
        Prefetch(
            "partners",
            queryset=ProjectPartner.objects.prefetch_related(
                Prefetch("organisation", queryset=organisations)
            ),
        ),
        "funders",
        Prefetch(
            "contacts",
            queryset=ProjectContact.objects.filter(person__live=True)
            .select_related("person")
            .prefetch_related(people()),
        ),
    )


@router.get(
    "/projects/",
    response={200: PROJECTS[0] | PROJECTS[1], **ERRORS},
    summary="The strategy's projects, in the tree's order",
)
def list_projects(request, filters: Query[ProjectFilters]):
    queryset = projects(filters.lang)
    if filters.area:
        queryset = queryset.filter(
            related_areas__in=public.areas().filter(pk=filters.area)
        )
    if filters.status:
        queryset = queryset.filter(status_q(filters.status))
    items, next_cursor = paged(queryset, filters, key="path")
    return respond(request, items, next_cursor, filters.lang, Shaper.project)


@router.get(
    "/projects/{id}/",
    response={200: schemas.Project.both | schemas.Project.one, **ERRORS},
    summary="One project, with its partners, funders, contacts and body",
)
def get_project(request, path: Path[ItemPath], lang: schemas.Language | None = None):
    return detail(
        request,
        projects(lang, detail=True),
        path.id,
        lang,
        lambda shaper, page: shaper.project(page, detail=True),
    )
