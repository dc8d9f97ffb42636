"""``{% fragment_cache %}``: parts of a page from the fragment cache (cms.caching)."""

from django import template

from wagtail.models import Page

from cms.caching.fragments import fragment_key, get_fragment, set_fragment

register = template.Library()


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, name, condition=None):
        self.nodelist = nodelist
        self.name = name
        self.condition = condition

    def render(self, context):
        # Only on pages: a 404 for a made-up URL must not add cache entries.
        page = context.get("page")
        if not (isinstance(page, Page) and page.pk):
            return self.nodelist.render(context)
        if self.condition is not None and not self.condition.resolve(context):
            return self.nodelist.render(context)
        request = context.get("request")
        if request is None or fragment_key(request, self.name) is None:
            return self.nodelist.render(context)
        html = get_fragment(request, self.name)
        if html is None:
            html = self.nodelist.render(context)
            set_fragment(request, self.name, html)
        return html


@register.tag
def fragment_cache(parser, token):
    """``{% fragment_cache "name" [condition] %}...{% endfragment_cache %}``: cache
    a fragment of a page per host, language, path and allowed query for the current
    cache generation (see cms.caching.fragments.fragment_key), if ``condition`` (a
    template variable) is true or absent. Django's ``{% cache %}`` and Wagtail's
    ``{% wagtailcache %}`` need every varying value spelled out in each template and
    know nothing of the publish generation; this tag knows both.
    """
    bits = token.split_contents()
    name = bits[1] if len(bits) in (2, 3) else ""
    if len(name) < 2 or name[0] not in "\"'" or name[0] != name[-1]:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes a quoted fragment name and an optional condition"
        )
    condition = parser.compile_filter(bits[2]) if len(bits) == 3 else None
    nodelist = parser.parse(("endfragment_cache",))
    parser.delete_first_token()
    return FragmentCacheNode(nodelist, name[1:-1], condition)
