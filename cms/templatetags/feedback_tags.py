"""The feedback widget's state for the page being shown."""

from django import template

from cms.feedback.services import widget_state

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_state(context):
    request = context.get("request")
    return widget_state(request) if request else {"step": "question"}
