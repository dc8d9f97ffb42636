"""The press images (media bank) and each release's press material, for
journalists: downloads in web, print and social sizes with the credit line and
terms beside them, and a press kit (zip) per release. Only press images and the
images of live, public releases can be downloaded."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import get_language

from cms.i18n import readable
from cms.images import CustomImage
from cms.reader_input import parse_number
from cms.site_settings import SiteSettings

from . import media
from .contact_cards import vcard
from .models import PressReleasePage

PER_PAGE = 24


def media_bank(request):
    images = CustomImage.objects.filter(press_image=True).order_by("-created_at", "-pk")
    paginator = Paginator(images.prefetch_renditions("fill-400x300"), PER_PAGE)
    number = parse_number(request.GET.get("page", "1"))
    if number is None or not 1 <= number <= max(paginator.num_pages, 1):
        raise Http404("No such page")
    page = paginator.page(number)
    context = {
        "images": [media.describe(image) for image in page.object_list],
        "page_obj": page,
        "paginator": paginator,
    }
    return TemplateResponse(request, "press/media_bank.html", context)


def _jpeg(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="image/jpeg")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _size(size: str) -> str:
    if size not in media.SIZES:
        raise Http404("No such size")
    return size


def bank_image(request, image_id: int, size: str):
    image = CustomImage.objects.filter(pk=image_id, press_image=True).first()
    if image is None:
        raise Http404("Not a press image")
    size = _size(size)
    return _jpeg(media.download(image, size), media.file_name(image, size))


def _release(page_id: int) -> PressReleasePage:
    """A live, public release in the reader's language, or 404."""
    release = readable(PressReleasePage.objects.filter(pk=page_id)).first()
    if release is None:
        raise Http404("No such release")
    return release


def release_image(request, page_id: int, image_id: int, size: str):
    release = _release(page_id)
    size = _size(size)
    chosen = [i for i in media.release_images(release) if i.pk == image_id]
    if not chosen:
        raise Http404("Not an image of this release")
    return _jpeg(media.download(chosen[0], size), media.file_name(chosen[0], size))


def press_kit(request, page_id: int):
    release = _release(page_id)
    organisation = SiteSettings.for_request(request).organisation_name
    cards = {
        f"{slugify(person.name) or person.pk}.vcf": vcard(person, organisation)
        for person in release.contact_people()
    }
    content = media.press_kit(
        release, get_language(), release.get_full_url(request), cards
    )
    response = HttpResponse(content, content_type="application/zip")
    name = f"{release.slug}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
