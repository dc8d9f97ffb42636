"""What every endpoint shares: the shapes of a list page and of one item."""

from django.db.models import Prefetch
from django.http import Http404

from ninja import Path, Query, Schema

from cms.i18n import absolute
from cms.images import CustomImage

from . import cursors
from .params import Id, Paging
from .schemas import Error, Language, listing
from .shapes import RENDITIONS, Shaper, shape

ERRORS = {400: Error, 404: Error, 429: Error}


class BadRequest(Exception):
    """A 400 whose message (a lazy translation) is given in the client's
    language by the API's handler."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ItemPath(Schema):
    id: Id


def images():
    return CustomImage.objects.prefetch_renditions(*RENDITIONS.values())


def people(prefix: str = "person"):
    return Prefetch(f"{prefix}__photo", queryset=images())


def respond(request, items, next_cursor, language, build):
    shaper = Shaper(request)
    shaped = [shape(build(shaper, item), language) for item in items]
    next_url = None
    if next_cursor:
        query = request.GET.copy()
        query["cursor"] = next_cursor
        next_url = absolute(f"{request.path}?{query.urlencode()}")
    return {"items": [item for item in shaped if item is not None], "next": next_url}


def detail(request, queryset, pk, language, build):
    item = queryset.filter(pk=pk).first()
    if item is None:
        raise Http404
    shaped = shape(build(Shaper(request), item), language)
    if shaped is None:  # not available in the language asked for
        raise Http404
    return shaped


def paged(queryset, filters: Paging, key: str = "pk"):
    if filters.cursor:
        queryset = queryset.filter(
            cursors.after_key(cursors.decode(filters.cursor), key)
        )
    return cursors.page(
        queryset.order_by(key), filters.limit, lambda item: [getattr(item, key)]
    )


def add_resource(router, path: str, names, *, pair, queryset, build, titles):
    """A list (keyset pages by id) and a detail endpoint for a resource with no
        filters of its own: ``queryset()`` gives what may be shown, ``build`` makes
        an entry (api.shapes.Shaper); ``names`` (plural, singular) name the two
    operations, ``titles`` are their summaries."""
    lists = listing(pair)

    @router.get(
        f"/{path}/",
        response={200: lists[0] | lists[1], **ERRORS},
        summary=titles[0],
        operation_id=f"list_{names[0]}",
    )
    def list_view(request, filters: Query[Paging]):
        items, next_cursor = paged(queryset(), filters)
        return respond(request, items, next_cursor, filters.lang, build)

    @router.get(
        f"/{path}/{{id}}/",
        response={200: pair.both | pair.one, **ERRORS},
        summary=titles[1],
        operation_id=f"get_{names[1]}",
    )
    def detail_view(request, path: Path[ItemPath], lang: Language | None = None):
        return detail(request, queryset(), path.id, lang, build)
