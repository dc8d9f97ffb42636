"""The strategy's snippets in the admin, under "Återanvändbart innehåll"."""

from wagtail.snippets.models import register_snippet

from .views import FactBoxViewSet, OrganisationViewSet

register_snippet(FactBoxViewSet)
register_snippet(OrganisationViewSet)
