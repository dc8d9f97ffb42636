"""What a press release page links to: its specialisation areas and projects, and
related news (other releases about the same areas, projects or tags); and what
its cache entries depend on (cms.caching.scopes)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.utils.translation import get_language

from wagtail.models import Page

from cms.caching.scopes import snippet_scope, snippets_in_streams
from cms.i18n import SOURCE_LANGUAGE, readable
from cms.listing import before_in_order
from cms.people import Person

# Listings never show the body; not loading it keeps long lists light.
HEAVY_FIELDS = ("body", "body_sv", "body_en")
# What a "Read more about" link shows.
LINK_FIELDS = ("title", "url_path", "path", "depth", "live", "content_type_id")


def _in_memory(manager) -> bool:
    """Whether a relation holds what an editor has just set (a preview) rather
    than what is saved (modelcluster's FakeQuerySet has no ``live()``)."""
    return not hasattr(manager.all(), "live")


def linked_pages(release) -> tuple[list, list]:
    """The release's areas and projects that readers of the active language may
    see, each in tree order. One query for both (the links need only a page's
    title and address); a preview reads the relations as the editor set them."""
    areas, projects = release.related_areas, release.related_projects
    if _in_memory(areas) or _in_memory(projects):
        return (
            list(readable(areas.all()).order_by("path")),
            list(readable(projects.all()).order_by("path")),
        )
    # A UNION of the two link tables, not an OR of two IN lists: PostgreSQL
    # answers the OR by reading every page. English readers see only pages
    # available in English, checked on the linked page's own table.
    english = (get_language() or SOURCE_LANGUAGE) != SOURCE_LANGUAGE
    ids = []
    for manager, target in (
        (areas, "specialisationareapage"),
        (projects, "projectpage"),
    ):
        links = manager.through.objects.filter(pressreleasepage_id=release.pk)
        if english:
            links = links.filter(**{f"{target}__english_ready": True})
        ids.append(links.values_list(f"{target}_id", flat=True))
    pages = (
        Page.objects.filter(pk__in=ids[0].union(ids[1], all=True))
        .live()
        .public()
        .only(*LINK_FIELDS)
    )
    area_type = ContentType.objects.get_for_model(areas.model).pk
    found = list(pages.order_by("path"))
    return (
        [page for page in found if page.content_type_id == area_type],
        [page for page in found if page.content_type_id != area_type],
    )


def related_releases(release, areas, projects, limit: int = 3) -> list:
    """Up to ``limit`` earlier live releases about the same areas, projects or
    tags, newest first, in the reader's language: the background of the news.
    A release page shows what came before it, so it stays as it was published
    (as the web archive keeps it) and a new release changes no older page, only
    the listings (cms.caching.scopes). One query with an EXISTS: a join needs
    DISTINCT, which sorted all 10,000 releases to keep three; this walks them
    newest first from the release's date and stops at the third match. (A
    release linked only to a tag few others have still walks far.)"""
    links = []  # the areas' and projects' conditions, then the tags'
    for through, field, targets in (
        (release.related_areas.through, "specialisationareapage_id", areas),
        (release.related_projects.through, "projectpage_id", projects),
    ):
        if targets:
            links.append(
                through.objects.filter(
                    pressreleasepage_id=OuterRef("pk"),
                    **{f"{field}__in": [target.pk for target in targets]},
                )
            )
    tags_only = not links
    tagged = release.tags.through
    tags = tagged.objects.filter(content_object_id=release.pk).values("tag_id")
    previewed = "tagged_items" in getattr(release, "_cluster_related_objects", {})
    if previewed:
        tags = [tag.pk for tag in release.tags.all() if tag.pk]  # as edited
        if tags_only and not tags:
            return []
    links.append(
        tagged.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=tags)
    )
    # One EXISTS over a UNION of the links: PostgreSQL turns an OR of EXISTS
    # into hash tables of every link to the areas, projects and tags, read in
    # whole (a cost that grew with the archive); a UNION it probes per release
    # through the link tables' indexes, and the walk stops at the third match.
    probes = [link.values("pk") for link in links]
    condition = Exists(probes[0].union(*probes[1:], all=True))
    if tags_only and not previewed:
        # Tags alone: if the release has none, the walk would read the whole
        # archive to find nothing. This EXISTS does not depend on the row, so
        # PostgreSQL answers it once, before the walk, and skips the walk.
        condition &= Exists(tagged.objects.filter(content_object_id=release.pk))
    model = type(release)
    releases = readable(model.objects.exclude(pk=release.pk))
    if release.publication_date is not None:  # a new draft's preview: none yet
        releases = releases.filter(earlier_than(release))
    return list(
        releases.filter(condition)
        .order_by("-publication_date", "-pk")
        .defer(*HEAVY_FIELDS)[:limit]
    )


def earlier_than(release) -> Q:
    """Releases before ``release`` in the order listings use (date, then id)."""
    return before_in_order(
        ("publication_date", "pk"),
        (release.publication_date, release.pk),
        inclusive=False,
    )


def is_newest(release) -> bool:
    """Whether no live release comes after ``release``: then no release page
    shows it as related news (one query)."""
    later = type(release).objects.live().exclude(pk=release.pk)
    return not later.exclude(earlier_than(release)).exists()


def cache_links(release) -> list[str]:
    """What picks the release's related news, as stored: ``area:<pk>``,
    ``project:<pk>`` and ``tag:<pk>`` (one query over the three link tables).
    A publish of the release makes stale the pages linked to the same
    (cms.caching.scopes)."""

    def labelled(through, kind, column, owner="pressreleasepage_id"):
        return (
            through.objects.filter(**{owner: release.pk})
            .annotate(kind=Value(kind, output_field=CharField()))
            .values_list("kind", column)
        )

    model = type(release)
    rows = labelled(
        model.related_areas.through, "area", "specialisationareapage_id"
    ).union(
        labelled(model.related_projects.through, "project", "projectpage_id"),
        labelled(model.tags.through, "tag", "tag_id", "content_object_id"),
        all=True,
    )
    return [f"{kind}:{pk}" for kind, pk in rows]


def cache_teaser(release) -> dict:
    """What a teaser of the release shows on other pages (title, address, kind,
    date, in which languages), both languages: an edit that keeps it leaves the
    pages that list it as related as they are (cms.caching.scopes)."""
    return {
        "titles": (release.title_sv, release.title_en),
        "paths": (release.url_path_sv, release.url_path_en),
        "kind": release.kind,
        "date": release.display_date,
        "english": release.english_ready,
    }


def cache_snippets(release) -> list[str]:
    """The snippets the release shows, in either language: people, fact boxes
    and partners in the body, and the press contacts. A change of one makes
    stale only the pages that show it
    (cms.caching.scopes). Made when the release is published (and when its
    first cache entry is made): it loads what both languages' bodies choose."""
    people = release.press_contacts.exclude(person=None).values_list(
        "person_id", flat=True
    )
    contacts = {snippet_scope(Person, pk) for pk in people}
    return sorted({*snippets_in_streams(release), *contacts})
