"""The image model: translated alt text (``description``), a photographer credit,
and a flag for decorative images."""

from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image

from .i18n import field_in, has_value


class CustomImage(AbstractImage):
    """An image with translated alt text (``description``) and a photographer credit."""

    credit = models.CharField(
        _("photographer credit"),
        max_length=255,
        blank=True,
        help_text=_('Name of the photographer. Shown as "Foto: name" / "Photo: name".'),
    )
    # Not "decorative": Wagtail sets that attribute on every image instance (for
    # ImageBlock), which would hide the stored value.
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only if the image adds no information (it then gets an empty alt "
            "text and screen readers skip it)."
        ),
    )

    # The press media bank (press.media_bank): images journalists may download,
    # with the terms they may use them on.
    LICENCE_EDITORIAL = "editorial"
    LICENCE_CC_BY = "cc-by"
    LICENCE_WITH_RELEASE = "with-release"
    LICENCE_CHOICES = [
        (
            LICENCE_EDITORIAL,
            _("Free for editorial use, with the photographer's name"),
        ),
        (LICENCE_CC_BY, _("Creative Commons Attribution 4.0 (CC BY 4.0)")),
        (LICENCE_WITH_RELEASE, _("Only with reporting on the release it belongs to")),
    ]
    press_image = models.BooleanField(
        _("press image"),
        default=False,
        help_text=_(
            "Tick to list the image in the press images (the media bank), for "
            "journalists to download in web, print and social media sizes."
        ),
    )
    licence = models.CharField(
        _("terms of use"),
        max_length=20,
        choices=LICENCE_CHOICES,
        default=LICENCE_EDITORIAL,
        # Blank (a form or an upload that leaves it out) means the default.
        blank=True,
        help_text=_("Shown beside every download of the image."),
    )

    admin_form_fields = (
        "title",
        "file",
        "description_sv",
        "description_en",
        "is_decorative",
        "credit",
        "press_image",
        "licence",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    # Pages show it: saving it makes cached pages stale (cms.caching).
    invalidates_page_cache = True

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = Image._meta.permissions

    @property
    def alt_text(self) -> str:
        """Alt text in the active language; empty for decorative images."""
        if self.is_decorative:
            return ""
        return field_in(self, "description") or ""

    @property
    def alt_lang(self) -> str | None:
        """ "sv" when the alt text shown on an English page is the Swedish one, else
        None (templates pass it as ``lang=``, and None leaves the attribute out)."""
        lang = get_language()
        if (
            lang != "sv"
            and not self.is_decorative
            and not has_value(getattr(self, f"description_{lang}", ""))
        ):
            return "sv"
        return None

    @property
    def default_alt_text(self) -> str:
        return self.alt_text

    # Renditions under concurrency (issue 22), checked against Wagtail 8.0.1: two
    # workers making the same new rendition each write a file. Upstream's
    # AbstractImage.create_rendition() writes its file while saving inside
    # get_or_create(); the one whose INSERT then fails on the unique constraint
    # returns the winner's row but leaves its own file in storage.
    # create_renditions() (several specs: {% picture %}, {% srcset_image %}) uses
    # bulk_create(ignore_conflicts=True), which also returns the rows it did NOT
    # insert, so get_renditions() returns and caches the loser's file, which has no
    # Rendition row. Here the database's unique constraint decides (on SQLite and
    # PostgreSQL alike, whatever the cache backend), and a loser deletes its own
    # file and returns the winner's row, which get_rendition(s) then cache. A lock
    # in the cache would also spare the duplicate work, but is not shared in the
    # tests (LocMemCache), is skipped while Redis is down (IGNORE_EXCEPTIONS) and
    # expires under a slow upload, so the constraint would be needed anyway.

    def get_rendition(self, filter: Filter | str) -> AbstractRendition:
        """Upstream's AbstractImage.get_rendition (Wagtail 8.0.1) with the fix of
        Wagtail c1c39fe (PR #14541, merged after 8.0.1; drop this with the upgrade):
        a rendition read from the cache is not written back to it. Upstream wrote
        every rendition of every page view back to the cache, a Redis SET per
        image size, and with the database cache five queries each (45 for one
        release with its lead image). ``CustomRendition.__setstate__`` marks
        those read from a cache, which also spares get_renditions' write-back."""
        if isinstance(filter, str):
            filter = Filter(spec=filter)
        elif not isinstance(filter, Filter):
            raise InvalidFilterSpecError(
                "Unrecognised filter format - string or Filter instance expected"
            )
        filter = self.clean_filter_for_svg(filter)
        Rendition = self.get_rendition_model()
        try:
            rendition = self.find_existing_rendition(filter)
        except Rendition.DoesNotExist:
            rendition = self.create_rendition(filter)
            # Reuse this rendition if requested again from this object
            self._add_to_prefetched_renditions(rendition)
        if not getattr(rendition, "_from_cache", False):
            cache_key = Rendition.construct_cache_key(
                self, filter.get_cache_key(self), filter.spec
            )
            Rendition.cache_backend.set(cache_key, rendition)
        return rendition

    def create_rendition(self, filter: Filter) -> AbstractRendition:
        lookup = {
            "filter_spec": filter.spec,
            "focal_point_key": filter.get_cache_key(self),
        }
        generated = self.generate_rendition_file(filter)
        # Finished by another worker while this one generated: nothing is written.
        existing = self.renditions.filter(**lookup).first()
        if existing is not None:
            return existing
        rendition = self.get_rendition_model()(image=self, file=generated, **lookup)
        try:
            with transaction.atomic():  # a savepoint inside a request's transaction
                rendition.save(force_insert=True)
        except IntegrityError:
            winner = self.renditions.filter(**lookup).first()
            _discard_loser(rendition, winner)
            if winner is None:  # another constraint failed: not a lost race
                raise
            return winner
        return rendition

    def create_renditions(self, *filters: Filter) -> dict[Filter, AbstractRendition]:
        created = super().create_renditions(*filters)
        if len(filters) < 2:  # went through create_rendition() above
            return created
        lookup = Q()
        for filter in created:
            lookup |= Q(
                filter_spec=filter.spec, focal_point_key=filter.get_cache_key(self)
            )
        rows = {
            (r.filter_spec, r.focal_point_key): r
            for r in self.renditions.filter(lookup)
        }
        for filter, rendition in created.items():
            row = rows.get((rendition.filter_spec, rendition.focal_point_key))
            if row is not None:
                _discard_loser(rendition, row)
                created[filter] = row
        return created


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(
        CustomImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def __setstate__(self, state):
        super().__setstate__(state)
        # Unpickled, so read from a cache: not to be written back (get_rendition).
        self._from_cache = True


def _discard_loser(rendition: AbstractRendition, winner: AbstractRendition | None):
    """Delete the file a rendition that lost the race wrote to storage (saving
    commits it), unless it is the winner's own (a storage that overwrites gives
    both the same name)."""
    if rendition.file._committed and (
        winner is None or winner.file.name != rendition.file.name
    ):
        rendition.file.delete(save=False)


# Teaser images in lists: a release's thumbnail beside its teaser
# (press/includes/release_teaser.html) and an area's picture on its card
# (specialisation/includes/area_card.html).
TEASER_IMAGE = "fill-320x180"
CARD_IMAGE = "fill-640x320"


def teaser_renditions(spec: str = TEASER_IMAGE) -> Prefetch:
    """The ``spec`` renditions of the listed pages' ``image``: one query for a whole
    list (its images come with ``select_related("image")``)."""
    return Prefetch(
        "image__renditions",
        queryset=CustomRendition.objects.filter(filter_spec=spec),
    )
