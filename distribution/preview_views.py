"""What a journalist opens from a preview mail: the approved revision in either
language under an embargo banner, and its images to download. Never cached
(``private, no-store``), never indexed; after go-live the link leads to the public
page, after revocation or expiry it explains itself."""

from django.http import FileResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.i18n import LANGUAGE_NAMES, page_url_in
from press.media import release_images

from . import previews
from .views import _problem

PRIVATE = "private, no-store"


def _usable(request, token):
    """(link, None), or (None, the response to give instead)."""
    link = previews.find(token)
    if link is None or link.page is None or link.revision is None:
        return None, _problem(request, _("The preview link is not valid."), 404)
    if link.revoked_at is not None:
        return (
            None,
            _problem(
                request,
                _("The preview link has been withdrawn by the press office."),
                404,
            ),
        )
    page = link.page.specific
    now = timezone.now()
    if page.live and (page.go_live_at is None or page.go_live_at <= now):
        # The embargo has lifted: the public page, in the language asked for.
        language = request.GET.get("mode") or link.language
        language = language if language in ("sv", "en") else "sv"
        if not page.is_available_in(language):
            language = "sv"
        return None, HttpResponseRedirect(page_url_in(page, language))
    if now >= link.expires_at:
        return None, _problem(request, _("The preview link has expired."), 404)
    return link, None


def _private(response):
    response["Cache-Control"] = PRIVATE
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def preview(request, token):
    link, problem = _usable(request, token)
    if problem:
        return _private(problem)
    draft = link.revision.as_object()
    languages = ["sv"] + (["en"] if draft.is_available_in("en") else [])
    mode = request.GET.get("mode") or link.language
    if mode not in languages:
        mode = "sv"
    here = request.path
    images = [
        (picture.title, f"{here}bild/{picture.pk}/")
        for picture in release_images(draft)
    ]
    response = draft.make_preview_request(
        request,
        mode,
        extra_request_attrs={
            "preview_languages": [
                (code, LANGUAGE_NAMES[code], f"{here}?mode={code}", code == mode)
                for code in languages
            ],
            "embargo_notice": previews.embargo_text(
                link.revision.approved_go_live_at or link.expires_at, mode
            ),
            "embargo_images": images,
        },
    )
    previews.record_open(link)
    return _private(response)


def image(request, token, image_id):
    link, problem = _usable(request, token)
    if problem:
        return _private(problem)
    draft = link.revision.as_object()
    chosen = [p for p in release_images(draft) if p.pk == image_id]
    if not chosen:
        return _private(_problem(request, _("There is no such image."), 404))
    picture = chosen[0]
    previews.record_download(link, picture)
    handle = picture.file.open("rb")
    name = picture.file.name.rsplit("/", 1)[-1]
    return _private(FileResponse(handle, as_attachment=True, filename=name))
