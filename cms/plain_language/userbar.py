"""The klarspråk checks in Wagtail's checker (the "Kontroller" panel of the page
editor and the userbar of a preview), through Wagtail's content-check API: Axe
rules and messages on a ContentCheckerItem, and one check function registered
from the item's media (``registerCheck`` of the ``wagtail-userbar`` element).

The rules select what cms.plain_language.preview marked in the previewed page, so
the registered check only has to fail; the finding itself is made in Python,
once, for the checker and for the report alike.
"""

from django.utils.translation import gettext as _

from wagtail.admin.userbar import ContentCheckerItem

from .models import PlainWord

CHECK = "cms-plain-language-flag"
# Rule id, the mark it selects, its message and help. The help says what to do.
RULES = [
    (
        "klarsprak-long-sentence",
        "long-sentence",
        lambda: _("Long sentence (more than 25 words)"),
        lambda: _("Split it in two or three: one thought per sentence."),
    ),
    (
        "klarsprak-long-paragraph",
        "long-paragraph",
        lambda: _("Long paragraph (more than 100 words)"),
        lambda: _("Break it up: readers on a phone see a wall of text."),
    ),
    (
        "klarsprak-vague-link",
        "vague-link",
        lambda: _("Link text says nothing (“click here”, “read more”)"),
        lambda: _("Name where the link goes, such as “the strategy (PDF)”."),
    ),
    (
        "klarsprak-passive",
        "passive",
        lambda: _("Maybe passive form"),
        lambda: _(
            "Say who does what (“regionen beslutade”, not “det beslutades”). "
            "A hint: some words only look passive."
        ),
    ),
]


class PlainLanguageCheckerItem(ContentCheckerItem):
    """Wagtail's checker with the klarspråk rules added. Wagtail's own checks
    and metrics (words, reading time, LIX in the page's language) stay."""

    class Media:
        js = ["cms/js/plain-language-checks.js"]

    def __init__(self, page=None, in_editor=False):
        super().__init__(in_editor=in_editor)
        self.page = page

    @property
    def lix_target(self) -> int | None:
        return getattr(self.page, "lix_target", None)

    def words(self):
        if not hasattr(self, "_words"):
            self._words = list(PlainWord.objects.all())
        return self._words

    def rules(self):
        """(rule id, CSS selector, name, help) of every klarspråk rule."""
        rules = [
            (rule_id, f'main [data-plain-language~="{flag}"]', name(), help_text())
            for rule_id, flag, name, help_text in RULES
        ]
        if self.lix_target:
            rules.append(
                (
                    "klarsprak-lix",
                    'main[data-plain-language~="lix"]',
                    _("Hard to read: LIX over %(target)s, the aim for this page type")
                    % {"target": self.lix_target},
                    _(
                        "Guidance, not a rule: shorter sentences and words lower "
                        "LIX. Long Swedish compounds raise it too, so judge the "
                        "text, not the number."
                    ),
                )
            )
        for word in self.words():
            rules.append(
                (
                    f"klarsprak-word-{word.pk}",
                    f'main [data-plain-language-words~="{word.pk}"]',
                    _("“%(word)s”: write “%(replacement)s”")
                    % {"word": word.word, "replacement": word.replacement},
                    _("A bureaucratic word (the region's word list)."),
                )
            )
        return rules

    def get_axe_run_only(self, request):
        return [*super().get_axe_run_only(request), *(r[0] for r in self.rules())]

    def get_axe_custom_rules(self, request):
        return [
            *super().get_axe_custom_rules(request),
            *(
                {
                    "id": rule_id,
                    "impact": "minor",
                    "selector": selector,
                    "tags": ["best-practice"],
                    "any": [CHECK],
                    "enabled": True,
                }
                for rule_id, selector, _name, _help in self.rules()
            ),
        ]

    def get_axe_custom_checks(self, request):
        return [*super().get_axe_custom_checks(request), {"id": CHECK}]

    def get_axe_messages(self, request):
        return {
            **super().get_axe_messages(request),
            **{
                rule_id: {"error_name": name, "help_text": help_text}
                for rule_id, _selector, name, help_text in self.rules()
            },
        }
