"""The sign-up and settings forms readers fill in (both languages)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from press.models import PressReleasePage
from specialisation.models import SpecialisationAreaPage

from .models import Subscriber

HONEYPOT = "website"


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title  # in the active language (modeltranslation)


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=Subscriber.LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "English alerts are sent only for items published in English as well."
        ),
    )
    kinds = forms.MultipleChoiceField(
        label=_("What"),
        choices=PressReleasePage.KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose press releases, news or both.")},
    )
    areas = AreaChoiceField(
        label=_("Specialisation areas"),
        queryset=SpecialisationAreaPage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose none to get items from every area."),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Subscriber.FREQUENCY_CHOICES,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = (
            SpecialisationAreaPage.objects.live().public().order_by("path")
        )

    def apply(self, subscriber: Subscriber) -> None:
        """Store the choices on ``subscriber`` (saved here)."""
        data = self.cleaned_data
        subscriber.language = data["language"]
        subscriber.press_releases = PressReleasePage.KIND_PRESS_RELEASE in data["kinds"]
        subscriber.news = PressReleasePage.KIND_NEWS in data["kinds"]
        subscriber.frequency = data["frequency"]
        subscriber.save()
        subscriber.areas.set(data["areas"])

    @staticmethod
    def initial_for(subscriber: Subscriber) -> dict:
        kinds = []
        if subscriber.press_releases:
            kinds.append(PressReleasePage.KIND_PRESS_RELEASE)
        if subscriber.news:
            kinds.append(PressReleasePage.KIND_NEWS)
        return {
            "language": subscriber.language,
            "kinds": kinds,
            "areas": list(subscriber.areas.all()),
            "frequency": subscriber.frequency,
        }


class SubscribeForm(PreferencesForm):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    # A field people never see (hidden by CSS and from screen readers); bots fill it.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    field_order = ["email", "language", "kinds", "areas", "frequency", "website"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
