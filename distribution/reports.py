"""Subscriber counts for the admin: how many confirmed readers get what."""

from django.db.models import Count, Q

from specialisation.models import SpecialisationAreaPage

from .models import Subscriber


def subscriber_counts() -> dict:
    active = Subscriber.objects.active()
    totals = Subscriber.objects.aggregate(
        unconfirmed=Count("pk", filter=Q(confirmed_at=None)),
        suppressed=Count("pk", filter=Q(suppressed_at__isnull=False)),
    )
    counts = active.aggregate(
        total=Count("pk"),
        press_releases=Count("pk", filter=Q(press_releases=True)),
        news=Count("pk", filter=Q(news=True)),
        every_area=Count("pk", filter=Q(areas=None)),
    )
    languages = dict(active.values_list("language").annotate(n=Count("pk")).order_by())
    frequencies = dict(
        active.values_list("frequency").annotate(n=Count("pk")).order_by()
    )
    through = Subscriber.areas.through
    per_area = dict(
        through.objects.filter(
            subscriber__confirmed_at__isnull=False, subscriber__suppressed_at=None
        )
        .values_list("specialisationareapage_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    areas = [
        (area.title, per_area.get(area.pk, 0))
        for area in SpecialisationAreaPage.objects.live().order_by("path")
    ]
    return {
        **totals,
        **counts,
        "languages": [
            (label, languages.get(code, 0))
            for code, label in Subscriber.LANGUAGE_CHOICES
        ],
        "frequencies": [
            (label, frequencies.get(code, 0))
            for code, label in Subscriber.FREQUENCY_CHOICES
        ],
        "areas": areas,
    }
