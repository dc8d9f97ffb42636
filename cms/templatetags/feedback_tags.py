"""The feedback widget's state and question for the page being shown."""

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from cms.feedback.services import widget_state
from cms.site_settings import SiteSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_state(context):
    request = context.get("request")
    return widget_state(request) if request else {"step": "question"}


@register.simple_tag(takes_context=True)
def feedback_question(context, page):
    """The page's own question, else the site's, else the default, each in the
    page's language only (a Swedish question never stands on an English page)."""
    language = translation.get_language()
    request = context.get("request")
    sources = [page]
    if request is not None:
        sources.append(SiteSettings.for_request(request))
    for source in sources:
        question = getattr(source, f"feedback_question_{language}", None)
        if question and question.strip():
            return question.strip()
    return _("Did you find the information you were looking for?")
