"""The klarspråk measures of published pages, for the report: each live page
rendered as readers get it (in each language it is available in) and read by
the same pass that marks the editor's preview."""

from django.utils import timezone

from wagtail.models import Page

from .models import PlainLanguageMeasure
from .preview import MEASURE_ATTR


def measure(page_id: int) -> int:
    """Measure one live page in Swedish and, if it is available, English.
    Returns the number of languages measured."""
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        PlainLanguageMeasure.objects.filter(page_id=page_id).delete()
        return 0
    page = page.specific
    if not hasattr(page, "lix_target"):
        return 0
    measured = 0
    for language in ("sv", "en"):
        if not page.is_available_in(language):
            PlainLanguageMeasure.objects.filter(page=page, language=language).delete()
            continue
        response = page.make_preview_request(
            preview_mode=language, extra_request_attrs={MEASURE_ATTR: True}
        )
        found = getattr(response, "plain_language", None)
        if found is None:
            continue
        PlainLanguageMeasure.objects.update_or_create(
            page=page,
            language=language,
            defaults={**found.as_dict(), "measured_at": timezone.now()},
        )
        measured += 1
    return measured


def measure_all() -> int:
    return sum(measure(pk) for pk in Page.objects.live().values_list("pk", flat=True))
