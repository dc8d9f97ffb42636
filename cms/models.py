"""Cross-cutting models every app uses: user, image, the base page and site settings."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    Page,
    PageViewRestriction,
    PreviewableMixin,
    RevisionMixin,
    TaskState,
    WorkflowMixin,
)
from wagtail.search import index

from .forms import PageForm, SnippetForm
from .i18n import field_in, has_value
from .layout_copy import blank_required_text
from .panels import FeedbackSummaryPanel, TranslationStatusPanel


class User(AbstractUser):
    """Editors, reviewers, translators and administrators (custom from the start)."""

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")


class CustomImage(AbstractImage):
    """An image with translated alt text (``description``) and a photographer credit."""

    credit = models.CharField(
        _("photographer credit"),
        max_length=255,
        blank=True,
        help_text=_('Name of the photographer. Shown as "Foto: name" / "Photo: name".'),
    )
    # Not "decorative": Wagtail sets that attribute on every image instance (for
    # ImageBlock), which would hide the stored value.
    is_decorative = models.BooleanField(
        _("decorative"),
        default=False,
        help_text=_(
            "Tick only if the image adds no information (it then gets an empty alt "
            "text and screen readers skip it)."
        ),
    )

    admin_form_fields = (
        "title",
        "file",
        "description_sv",
        "description_en",
        "is_decorative",
        "credit",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = Image._meta.permissions

    @property
    def alt_text(self) -> str:
        """Alt text in the active language; empty for decorative images."""
        if self.is_decorative:
            return ""
        return field_in(self, "description") or ""

    @property
    def alt_lang(self) -> str | None:
        """ "sv" when the alt text shown on an English page is the Swedish one, else
        None (templates pass it as ``lang=``, and None leaves the attribute out)."""
        lang = get_language()
        if (
            lang != "sv"
            and not self.is_decorative
            and not has_value(getattr(self, f"description_{lang}", ""))
        ):
            return "sv"
        return None

    @property
    def default_alt_text(self) -> str:
        return self.alt_text


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(
        CustomImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


TRANSLATION_STATUS_CHOICES = [
    ("sv_only", _("Swedish only")),
    ("incomplete", _("English incomplete")),
    ("outdated", _("English outdated")),
    ("complete", _("English complete")),
]


class EnglishReadinessMixin:
    """What "the English translation is complete" means, for pages and snippets.

    A field in ``english_required_fields`` is missing in English when it has a
    Swedish value and no English one, or (for StreamFields) when an English block
    still leaves a required text blank, as a block copied from the Swedish layout
    and not yet translated does. Works on the stored values only: no queries.
    """

    english_required_fields: tuple[str, ...] = ()

    def english_blank_blocks(self, name: str) -> int:
        value = getattr(self, f"{name}_en", None)
        if not has_value(value) or not hasattr(value, "raw_data"):
            return 0
        return blank_required_text(value.stream_block, value.raw_data)

    def missing_english_fields(self) -> list[str]:
        """Names of required fields whose English is missing or incomplete."""
        return [
            name
            for name in self.english_required_fields
            if has_value(getattr(self, f"{name}_sv", None))
            and (
                not has_value(getattr(self, f"{name}_en", None))
                or self.english_blank_blocks(name)
            )
        ]

    def missing_english_labels(self) -> list[str]:
        """The missing fields as editors read them, e.g. "brödtext (2 block utan
        text)"."""
        labels = []
        for name in self.missing_english_fields():
            label = str(self._meta.get_field(name).verbose_name)
            blank = self.english_blank_blocks(name)
            if blank:
                label = ngettext(
                    "%(field)s (%(count)d block without text)",
                    "%(field)s (%(count)d blocks without text)",
                    blank,
                ) % {"field": label, "count": blank}
            labels.append(label)
        return labels


class BasePage(EnglishReadinessMixin, Page):
    """Abstract base of every page type: language readiness for the language policy.

    A page is available in English when it is not marked Swedish-only and none of
    its ``english_required_fields`` is missing in English (EnglishReadinessMixin).
    ``english_ready`` stores that for the live version so listings, feeds and
    sitemaps can filter in SQL.
    """

    english_required_fields: tuple[str, ...] = ("title",)
    # Whether the page's main content may be served from the fragment cache
    # (cms.cache.fragment_key). Listings turn it off: each filter and page number is
    # its own URL, and the page cache holds those already.
    cache_content = True

    def permissions_for_user(self, user):
        from .editorial.permissions import EditorialPagePermissionTester

        return EditorialPagePermissionTester(user, self)

    def get_view_restrictions(self):
        # cms.routing remembers that a page and its ancestors have no view
        # restrictions (until a restriction changes), saving two queries a request.
        if getattr(self, "_cms_unrestricted", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    swedish_only = models.BooleanField(
        _("Swedish only"),
        default=False,
        help_text=_(
            "Tick if this page will not be translated. English readers then get a "
            "short notice that links to the Swedish page."
        ),
    )
    english_ready = models.BooleanField(
        _("available in English"), default=False, editable=False
    )
    # Kept up to date when the page is published (cms.translation_status), so a
    # reader's request needs no extra work to show the "outdated" notice.
    translation_status = models.CharField(
        _("translation status"),
        max_length=12,
        choices=TRANSLATION_STATUS_CHOICES,
        default="sv_only",
        editable=False,
    )
    swedish_changed_at = models.DateTimeField(
        _("Swedish last changed"), null=True, blank=True, editable=False
    )
    feedback_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("feedback contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional. This person gets an email when a reader answers “No” and "
            "leaves a comment."
        ),
    )

    content_panels = [
        TranslationStatusPanel(),
        FeedbackSummaryPanel(),
        *Page.content_panels,
    ]
    settings_panels = [
        MultiFieldPanel([FieldPanel("swedish_only")], heading=_("Languages")),
        MultiFieldPanel([FieldPanel("feedback_contact")], heading=_("Reader feedback")),
        *Page.settings_panels,
    ]
    base_form_class = PageForm

    class Meta:
        abstract = True

    # Editors preview the draft in each language.
    @property
    def preview_modes(self):
        return [("sv", _("Swedish")), ("en", _("English"))]

    @property
    def default_preview_mode(self):
        return "sv"

    def serve_preview(self, request, mode_name):
        language = mode_name if mode_name in ("sv", "en") else "sv"
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().serve_preview(request, mode_name)
            # Render now, while the preview language is active.
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response

    def translation_status_info(self) -> dict | None:
        """The stored translation status with field labels, for the edit view."""
        from .translation_status import status_info

        return status_info(self)

    def compute_english_ready(self) -> bool:
        return not self.swedish_only and not self.missing_english_fields()

    def is_available_in(self, language: str) -> bool:
        if language == "sv":
            return True
        return self.compute_english_ready()

    def save(self, *args, **kwargs):
        self.english_ready = self.compute_english_ready()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "english_ready" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "english_ready"]
        old_urls = self._urls_before_slug_change(update_fields)
        result = super().save(*args, **kwargs)
        if old_urls:
            from .signals import add_redirects, subtree

            add_redirects(old_urls, subtree(self))
        return result

    def _urls_before_slug_change(self, update_fields) -> dict | None:
        """The URLs of this live page and its descendants in every language, when
        this save changes a slug (so the old URLs can redirect afterwards)."""
        if not self.pk or (
            update_fields is not None
            and not {"slug", "slug_sv", "slug_en"} & set(update_fields)
        ):
            return None
        stored = (
            Page.objects.filter(pk=self.pk).values("live", "slug_sv", "slug_en").first()
        )
        if not stored or not stored["live"]:
            return None
        if (stored["slug_sv"], stored["slug_en"]) == (self.slug_sv, self.slug_en):
            return None
        from .signals import subtree, urls_by_language

        return urls_by_language(subtree(Page.objects.get(pk=self.pk)))


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and fixed links shown in the footer of every page."""

    organisation_name = models.CharField(
        _("organisation name"),
        max_length=120,
        default="Region Blekinge",
        help_text=_("Shown in the header, footer and as publisher in feeds."),
    )
    street_address = models.CharField(
        _("visiting address"),
        max_length=200,
        blank=True,
        help_text=_("Street address."),
    )
    postal_address = models.CharField(
        _("postal address"), max_length=200, blank=True, help_text=_("Postal address.")
    )
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("Switchboard number.")
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Public contact email address.")
    )
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=200,
        blank=True,
        help_text=_("For example: Monday to Friday 8-16."),
    )
    accessibility_page = models.ForeignKey(
        Page,
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page, as the law requires."),
    )
    cookie_page = models.ForeignKey(
        Page,
        verbose_name=_("cookie page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )

    select_related = ["accessibility_page", "cookie_page"]

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("postal_address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_page"), FieldPanel("cookie_page")],
            heading=_("Footer links"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")


class TranslationStatus(models.Model):
    """Translation state of one published page or snippet, kept up to date on
    publish (see cms.translation_status). ``field_changes`` records, per translated
    field and language, when its published value last changed."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("title"), max_length=255)
    section = models.ForeignKey(
        Page,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TRANSLATION_STATUS_CHOICES, db_index=True
    )
    missing_fields = models.JSONField(_("missing English fields"), default=list)
    outdated_fields = models.JSONField(_("outdated English fields"), default=list)
    field_changes = models.JSONField(default=dict)
    value_hashes = models.JSONField(default=dict)
    swedish_changed_at = models.DateTimeField(_("Swedish last changed"), null=True)
    english_changed_at = models.DateTimeField(_("English last changed"), null=True)
    checked_at = models.DateTimeField(_("English checked"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_translation_status"
            )
        ]
        indexes = [models.Index(fields=["status", "content_type"])]

    def __str__(self) -> str:
        return f"{self.title}: {self.get_status_display()}"


class TranslationNotReady(PermissionDenied):
    """The step "Översättning klar" was asked to pass while the English is not
    complete; the message says what is missing."""


class TranslationReadyTask(AbstractGroupApprovalTask):
    """Workflow step "Översättning klar": passes when the English version is
    complete (EnglishReadinessMixin) or the page is marked Swedish-only.

    It passes by itself when the workflow reaches it and the page is ready already
    (the editor wrote both languages). Otherwise it waits for a person: the
    translator (or a reviewer) clicks "Markera översättningen som klar", which
    saves what they typed and passes the step only if nothing is missing. It never
    passes on a save or an autosave, so it cannot move on (and lock the page) while
    the translator is still typing. Until then the edit view lists what is missing
    and the task's groups may edit the page.
    """

    class Meta:
        verbose_name = _("translation ready task")
        verbose_name_plural = _("translation ready tasks")

    @staticmethod
    def latest(obj):
        if hasattr(obj, "get_latest_revision_as_object"):
            return obj.get_latest_revision_as_object()
        return obj

    @classmethod
    def missing_fields(cls, obj) -> list[str]:
        obj = cls.latest(obj)
        if getattr(obj, "swedish_only", False) or not hasattr(
            obj, "missing_english_labels"
        ):
            return []
        return obj.missing_english_labels()

    @classmethod
    def readiness_comment(cls, obj) -> str:
        if getattr(cls.latest(obj), "swedish_only", False):
            return str(_("Marked as Swedish only."))
        return str(_("The English version is complete."))

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        if hasattr(obj, "specific"):
            obj = obj.specific
        if not self.missing_fields(obj):
            # Ready already: record an approved step without notifying anyone.
            task_state = TaskState(
                workflow_state=workflow_state,
                task=self,
                revision=obj.get_latest_revision(),
                status=TaskState.STATUS_APPROVED,
                finished_at=timezone.now(),
                comment=self.readiness_comment(obj),
            )
            task_state.save()
            task_state.log_state_change_action(user, "approve")
            return task_state
        return super().start(workflow_state, user=user)

    def user_can_access_editor(self, obj, user):
        return user.is_superuser or self._user_in_groups(user)

    def locked_for_user(self, obj, user):
        return not (user.is_superuser or self._user_in_groups(user))

    def get_actions(self, obj, user):
        # "Approve" is always offered: the editor's action menu is drawn when the
        # page is opened, before the translator has typed anything, and an
        # autosave does not redraw it. on_action says what is still missing.
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Mark translation ready"), False),
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            missing = self.missing_fields(task_state.workflow_state.content_object)
            if missing:
                raise TranslationNotReady(
                    _("The English version is not complete yet. Missing: %(fields)s.")
                    % {"fields": ", ".join(missing)}
                )
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Passes when every required English field is filled in (no block "
            "without text) or the page is marked Swedish only, and a translator "
            "marks it ready. Members of the chosen groups may edit the page."
        )


class Person(
    EnglishReadinessMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A named person: spokesperson, press contact or quoted official.

    Used by press releases (quotes, press contacts) and projects (contacts), so it
    lives here rather than in ``press`` (``specialisation`` may not import ``press``).
    Pages show the published version: a change (a new e-mail address, a new role)
    is a draft until a reviewer publishes it, through the workflow for reusable
    content, as pages are.
    """

    # The organisation is mostly a proper name: its English form is optional.
    english_required_fields = ("role",)

    name = models.CharField(_("name"), max_length=120, help_text=_("Full name."))
    role = models.CharField(
        _("title/role"),
        max_length=200,
        help_text=_('For example "innovationsstrateg på Region Blekinge".'),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=120,
        blank=True,
        help_text=_("Employer or assembly, e.g. Region Blekinge."),
    )
    party = models.CharField(
        _("party"),
        max_length=12,
        blank=True,
        help_text=_("Party abbreviation for politicians, e.g. M or S."),
    )
    photo = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Portrait, shown with press contacts."),
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Shown when the person is a press contact.")
    )
    phone = models.CharField(
        _("phone"),
        max_length=40,
        blank=True,
        help_text=_("Shown when the person is a press contact."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="person")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="person",
        for_concrete_model=False,
    )
    base_form_class = SnippetForm

    panels = [
        TranslationStatusPanel(),
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("party"),
        FieldPanel("photo"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone")], heading=_("Press contact")
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("organisation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return "cms/previews/person.html"

    def attribution(self) -> str:
        return format_attribution(self.name, self.party, self.role)


def format_attribution(name: str, party: str = "", role: str = "") -> str:
    """ "Johan Sandberg (M), ordförande i ..." as used in quote captions."""
    text = name or ""
    if party:
        text = f"{text} ({party})"
    if role:
        text = f"{text}, {role}" if text else role
    return text


class SearchDocument(models.Model):
    """The searchable text of one live page in one language (see cms.search).

    Kept up to date on publish and unpublish, so the English index holds only pages
    available in English and nothing under embargo is ever searchable.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=5)
    title = models.CharField(max_length=255)
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    date = models.DateTimeField(null=True, db_index=True)
    # Lower-cased title, lead and body for the simple path on SQLite, whose LIKE
    # only folds ASCII letters.
    text = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True)
    # Title and lead alone: small enough to rank every match of a common word
    # quickly (the whole vector is what is searched, not what is ranked).
    head_vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="unique_search_document"
            )
        ]
        indexes = [models.Index(fields=["language", "-date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class SearchTerm(models.Model):
    """Words that occur in the searchable text, per language. Used to split Swedish
    compound words in queries into parts that exist on the site."""

    language = models.CharField(max_length=5)
    term = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "term"], name="unique_search_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.language})"


class Feedback(models.Model):
    """One reader's answer to "Hittade du informationen du sökte?".

    Only what the answer says is stored: the page, the language, yes or no, an
    optional comment and the time. Nothing that identifies the reader.
    """

    page = models.ForeignKey(
        Page, verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=5)
    helpful = models.BooleanField(_("found what they were looking for"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [models.Index(fields=["page", "created_at"])]

    def __str__(self) -> str:
        return f"{self.page_id} {self.language} {'yes' if self.helpful else 'no'}"
