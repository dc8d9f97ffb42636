"""Wagtail looks for hooks in ``cms.wagtail_hooks`` only: each feature's own hooks
module is imported here, and the menu of reusable content follows."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .accounts import wagtail_hooks as _accounts  # noqa: F401
from .bilingual import wagtail_hooks as _bilingual  # noqa: F401
from .editorial import wagtail_hooks as _editorial  # noqa: F401
from .feedback import wagtail_hooks as _feedback  # noqa: F401
from .plain_language import wagtail_hooks as _plain_language  # noqa: F401
from .review import wagtail_hooks as _review  # noqa: F401
from .snippets import REUSABLE_CONTENT_MENU, PersonViewSet


class ReusableContentMenu(SnippetViewSetGroup):
    """ "Återanvändbart innehåll": people here, fact boxes and organisations from the
    specialisation app, each viewset adding itself (``menu_hook``)."""

    menu_label = _("Reusable content")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    submenu_hook = REUSABLE_CONTENT_MENU


register_snippet(ReusableContentMenu)
register_snippet(PersonViewSet)
