"""The page editor: our views for every page type, the editor's script and style,
and no reverting old revisions for translators."""

from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.models import get_page_models

from ..pages import BasePage
from .roles import is_translator_only
from .views import BasePageViewSet


@hooks.register("register_admin_viewset")
def register_page_viewsets():
    """Every page type's editor uses the views of cms.editorial.views."""
    return [
        BasePageViewSet(f"cms_{model._meta.label_lower.replace('.', '_')}", model=model)
        for model in get_page_models()
        if issubclass(model, BasePage)
    ]


@hooks.register("insert_editor_js")
def editor_js():
    return format_html('<script src="{}"></script>', static("cms/js/editor.js"))


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("cms/css/editor.css")
    )


def no_revert_for_translators(request, *args):
    """Translators may not restore an old revision: it would bring back old Swedish
    text that their English-only form cannot change."""
    match = getattr(request, "resolver_match", None)
    if (
        match
        and match.url_name == "revisions_revert"
        and is_translator_only(request.user)
    ):
        raise PermissionDenied


hooks.register("before_edit_page", no_revert_for_translators)
hooks.register("before_edit_snippet", no_revert_for_translators)
