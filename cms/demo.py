"""Demo content helpers, and the cms part of the demo (people, images).

Each app may have a ``demo.py`` with ``ORDER`` and ``load(out)``; the ``load_demo``
command runs them in order. Everything is built through the models and is
idempotent: a second run finds what is there, changes nothing and makes no new
revisions.
"""

import io
import json
from typing import Any

from django.db import models

from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from PIL import Image as PILImage
from PIL import ImageDraw

from .people import Person

ORDER = 10


def _strip_ids(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip_ids(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list):
        return [_strip_ids(v) for v in data]
    return data


def raw_stream(value: Any) -> Any:
    """``[("text", "<p>..</p>"), ...]`` as raw StreamField data (chooser blocks take
    primary keys), so demo bodies can be written compactly."""
    if isinstance(value, list) and value and isinstance(value[0], tuple):
        return [{"type": block_type, "value": data} for block_type, data in value]
    return value


def _prepare(model: type[models.Model], fields: dict[str, Any]) -> dict[str, Any]:
    return {
        name: raw_stream(value)
        if isinstance(model._meta.get_field(name), StreamField)
        else value
        for name, value in fields.items()
    }


def _comparable(obj: models.Model, name: str, value: Any) -> Any:
    field = obj._meta.get_field(name)
    if isinstance(field, StreamField):
        prepared = field.get_prep_value(
            field.to_python(value) if not hasattr(value, "stream_block") else value
        )
        if isinstance(prepared, str):
            prepared = json.loads(prepared)
        return json.dumps(_strip_ids(prepared), sort_keys=True, default=str)
    if isinstance(field, (models.ManyToManyField, ParentalManyToManyField)):
        items = value.all() if hasattr(value, "all") else value
        return sorted(item.pk for item in items)
    if isinstance(field, models.ForeignKey):
        return value.pk if value is not None else None
    return value


def _apply(obj: models.Model, fields: dict[str, Any]) -> bool:
    changed = False
    for name, value in fields.items():
        if _comparable(obj, name, getattr(obj, name)) != _comparable(obj, name, value):
            field = obj._meta.get_field(name)
            if isinstance(field, (models.ManyToManyField, ParentalManyToManyField)):
                getattr(obj, name).set(value)
            else:
                setattr(obj, name, value)
            changed = True
    return changed


def ensure_page(parent: Page, model: type[Page], slug_sv: str, **fields: Any) -> Page:
    """Find the child of ``parent`` with Swedish slug ``slug_sv``, create or update it
    with ``fields`` and publish it, only if something differs."""
    page = model.objects.child_of(parent).filter(slug_sv=slug_sv).first()
    first_published_at = fields.pop("first_published_at", None)
    fields = _prepare(model, fields)
    if page is None:
        page = model(slug_sv=slug_sv)
        m2m = {
            name: fields.pop(name)
            for name in list(fields)
            if isinstance(
                model._meta.get_field(name),
                (models.ManyToManyField, ParentalManyToManyField),
            )
        }
        for name, value in fields.items():
            setattr(page, name, value)
        if first_published_at:
            page.first_published_at = first_published_at
        parent.add_child(instance=page)
        for name, value in m2m.items():
            getattr(page, name).set(value)
        page.save_revision().publish()
        return page
    if _apply(page, fields) or not page.live:
        page.save_revision().publish()
    return page


def _is_m2m(model: type[models.Model], name: str) -> bool:
    field = model._meta.get_field(name)
    return isinstance(field, (models.ManyToManyField, ParentalManyToManyField))


def ensure_object(model: type[models.Model], lookup: dict[str, Any], **fields: Any):
    """Get-or-create ``model`` by ``lookup`` and update ``fields`` where they differ.
    Snippets with revisions get one revision (published if they have draft state)
    per real change and none otherwise."""
    obj = model.objects.filter(**lookup).first()
    fields = _prepare(model, fields)
    if obj is None:
        plain = {k: v for k, v in fields.items() if not _is_m2m(model, k)}
        obj = model(**lookup, **plain)
        obj.save()
        for name, value in fields.items():
            if _is_m2m(model, name):
                getattr(obj, name).set(value)
        changed = True
    else:
        changed = _apply(obj, fields)
        if changed:
            obj.save()
    if changed and hasattr(obj, "save_revision"):
        revision = obj.save_revision()
        if hasattr(obj, "live"):
            revision.publish()
    return obj


def ensure_image(
    title: str,
    *,
    alt_sv: str,
    alt_en: str,
    credit: str = "",
    colour: str = "#0b3d62",
    size: tuple[int, int] = (1600, 900),
    decorative: bool = False,
    press_image: bool = False,
):
    """A generated placeholder picture (so the demo needs no downloads)."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is not None:
        if press_image and not image.press_image:  # a demo built before the flag
            image.press_image = True
            image.save(update_fields=["press_image"])
        return image
    from django.core.files.images import ImageFile

    canvas = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas)
    width, height = size
    for step in range(0, width, 80):
        draw.line([(step, height), (step + height // 2, 0)], fill="#ffffff", width=3)
    draw.rectangle([(40, height - 140), (width - 40, height - 40)], fill="#ffffff")
    draw.text((60, height - 110), title, fill="#000000")
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=80)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")
    image = image_model(
        title=title,
        description_sv=alt_sv,
        description_en=alt_en,
        credit=credit,
        is_decorative=decorative,
        press_image=press_image,
        file=ImageFile(buffer, name=f"{slug[:60]}.jpg"),
    )
    image.save()
    return image


def ensure_base() -> None:
    """Wagtail's own starting rows (root page, root collection, default locale),
    which its migrations create; recreated here when a test flushed them."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Collection, Locale

    locale, _created = Locale.objects.get_or_create(
        language_code=settings.LANGUAGE_CODE
    )
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title_sv="Root",
                slug_sv="root",
                content_type=ContentType.objects.get_for_model(Page),
                locale=locale,
            )
        )


def load(out) -> None:
    ensure_base()

    people = [
        {
            "name": "Erika Augustinsson",
            "role_sv": "innovationsstrateg på Region Blekinge",
            "role_en": "innovation strategist at Region Blekinge",
            "organisation_sv": "Region Blekinge",
            "organisation_en": "Region Blekinge",
            "party": "",
            "email": "erika.augustinsson@example.org",
            "phone": "0455-73 50 00",
        },
        {
            "name": "Johan Sandberg",
            "role_sv": "ordförande i Region Blekinges regionala utvecklingsnämnd",
            "role_en": "chair of Region Blekinge's regional development committee",
            "organisation_sv": "Region Blekinge",
            "organisation_en": "Region Blekinge",
            "party": "M",
            "email": "",
            "phone": "",
        },
        {
            "name": "Maria Lind",
            "role_sv": "presskontakt på Region Blekinge",
            "role_en": "press officer at Region Blekinge",
            "organisation_sv": "Region Blekinge",
            "organisation_en": "Region Blekinge",
            "party": "",
            "email": "press@example.org",
            "phone": "0455-73 50 10",
        },
    ]
    for person in people:
        name = person.pop("name")
        ensure_object(Person, {"name": name}, **person)
    out.write(f"  people: {Person.objects.count()}")
