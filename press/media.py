"""Press images for journalists: the images of a release, each download size,
its credit line and terms, and the press kit (zip) of a release.

The sizes are Wagtail renditions except print: Wagtail's filters cannot set a
resolution, so the print file is the original re-saved as JPEG at 300 dpi with
Pillow (what newspapers' systems read to size a picture)."""

import io
import zipfile
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from PIL import Image as PILImage

from cms.blocks import ImageBlock
from cms.i18n import field_in
from cms.images import CustomImage


@dataclass(frozen=True)
class Size:
    name: str
    label: Promise
    spec: str  # a rendition filter, or "" for the print file from the original


SIZES = {
    size.name: size
    for size in (
        Size("web", _("Web (1600 px)"), "max-1600x1600|format-jpeg"),
        Size("print", _("Print (full size, 300 dpi)"), ""),
        Size("social", _("Social media (1200 × 630)"), "fill-1200x630|format-jpeg"),
    )
}
PRINT_DPI = 300


def release_images(page) -> list:
    """The main image and the images of the body's image blocks, both languages,
    each once: what a journalist may download with the release.

    The image blocks are found in the bodies' stored data rather than their block
    values: turning a body into values loads every person, organisation and fact
    box it quotes, and the language the reader is not reading needs none of them
    (three queries on every release page). The images come in one query, less the
    main image when the page has loaded it already."""
    ids = [page.image_id] if page.image_id else []
    for name in ("body_sv", "body_en"):
        body = getattr(page, name, None)
        if not body:
            continue
        for item in body.raw_data:
            block = body.stream_block.child_blocks.get(item.get("type"))
            value = item.get("value")
            image = value.get("image") if isinstance(value, dict) else None
            if isinstance(block, ImageBlock) and image:
                ids.append(image)
    ids = list(dict.fromkeys(ids))
    known = {}
    if page.image_id and type(page).image.is_cached(page) and page.image:
        known[page.image_id] = page.image
    missing = [pk for pk in ids if pk not in known]
    if missing:
        known.update(CustomImage.objects.in_bulk(missing))
    return [known[pk] for pk in ids if pk in known]


def credit_line(image) -> str:
    """ "Foto: name" / "Photo: name", in the active language ("" without one)."""
    return f"{_('Photo:')} {image.credit}" if image.credit else ""


def licence_label(image) -> str:
    licence = image.licence or CustomImage.LICENCE_EDITORIAL
    return str(dict(CustomImage.LICENCE_CHOICES).get(licence, ""))


def file_name(image, size: str) -> str:
    base = slugify(image.title) or f"bild-{image.pk}"
    if image.credit:
        base += "-foto-" + slugify(image.credit)
    return f"{base}-{size}.jpg"


def download(image, size: str) -> bytes:
    """The image file in ``size`` (a key of SIZES) as JPEG bytes."""
    spec = SIZES[size].spec
    if spec:
        with image.get_rendition(spec).file.open("rb") as handle:
            return handle.read()
    with image.open_file() as handle, PILImage.open(handle) as picture:
        out = io.BytesIO()
        picture.convert("RGB").save(
            out, "JPEG", quality=92, dpi=(PRINT_DPI, PRINT_DPI), optimize=True
        )
        return out.getvalue()


def _downloads(image, release=None) -> list[tuple[str, str]]:
    """(label, address) of each size of ``image``, from the media bank or from
    ``release``'s press material."""
    links = []
    for name, size in SIZES.items():
        if release is None:
            url = reverse("press_image", args=[image.pk, name])
        else:
            url = reverse("press_release_image", args=[release.pk, image.pk, name])
        links.append((size.label, url))
    return links


def describe(image, release=None) -> dict:
    return {
        "image": image,
        "credit": credit_line(image),
        "licence": licence_label(image),
        "downloads": _downloads(image, release),
    }


def release_text(page, language: str, url: str) -> str:
    """The release as plain text, for the kit."""
    lines = [
        field_in(page, "title", language) or "",
        "",
        str(page.display_date.date()) if page.display_date else "",
        url,
        "",
        field_in(page, "lead", language) or "",
        "",
    ]
    for child in getattr(page, f"body_{language}") or []:
        if child.block_type == "text":
            lines.append(strip_tags(str(child.value.source)).strip())
        elif child.block_type == "heading":
            lines.append(str(child.value.get("text", "")).upper())
        elif child.block_type == "quote":
            lines.append(f"”{child.value.get('text')}” – {child.value.attribution()}")
        else:
            continue
        lines.append("")
    return "\n".join(lines).strip() + "\n"


def press_kit(page, language: str, url: str, cards: dict[str, str]) -> bytes:
    """A zip: the release as text, each image in print size with a credits file,
    and the press contacts' vCards (``cards``: file name to text)."""
    # Folder and file names in the reader's language.
    images, credits, contacts = _("images"), _("credits"), _("contacts")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as kit:
        kit.writestr(f"{slugify(page.slug)}.txt", release_text(page, language, url))
        lines = []
        for image in release_images(page):
            name = file_name(image, "print")
            kit.writestr(f"{images}/{name}", download(image, "print"))
            lines.append(f"{name}: {credit_line(image) or '-'}. {licence_label(image)}")
        if lines:
            kit.writestr(f"{images}/{credits}.txt", "\n".join(lines) + "\n")
        for name, card in cards.items():
            kit.writestr(f"{contacts}/{name}", card)
    return out.getvalue()
