"""The ``cms`` app's models, as Django expects them in ``cms.models``.

Each model lives in the module of the concern that owns it; this module only
gathers them so Django's app registry (and migrations) find them:

- ``cms.users``: the custom user
- ``cms.images``: images with translated alt text and a credit
- ``cms.pages``: the base page every page type extends
- ``cms.site_settings``: contact details and the cookie list per site
- ``cms.people``: named officials who are quoted
- ``cms.bilingual.models``: translation status and the translation workflow task
- ``cms.search.models``: the search index and logged search terms
- ``cms.feedback.models``: readers' "was this page helpful?" answers
- ``cms.plain_language.models``: the klarspråk word list and page measures
- ``cms.review.models``: the weekly review reminders sent
"""

from .bilingual.models import TranslationReadyTask, TranslationStatus
from .feedback.models import Feedback
from .images import CustomImage, CustomRendition
from .pages import BasePage
from .people import Person, format_attribution
from .plain_language.models import PlainLanguageMeasure, PlainWord
from .review.models import ReviewReminder
from .search.models import SearchDocument, SearchTerm
from .site_settings import SiteSettings
from .users import User

__all__ = [
    "BasePage",
    "CustomImage",
    "CustomRendition",
    "Feedback",
    "Person",
    "PlainLanguageMeasure",
    "PlainWord",
    "ReviewReminder",
    "SearchDocument",
    "SearchTerm",
    "SiteSettings",
    "TranslationReadyTask",
    "TranslationStatus",
    "User",
    "format_attribution",
]
