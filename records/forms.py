"""The public form "Begär en arkiverad sida / Request an archived page"."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT = "website"


class ArchiveRequestForm(forms.Form):
    page = forms.CharField(
        label=_("Which page?"),
        max_length=500,
        help_text=_("Its address, or its title or subject if you do not have it."),
        error_messages={"required": _("Tell us which page you are asking for.")},
    )
    date = forms.CharField(
        label=_("As it was on which date? (optional)"),
        max_length=100,
        required=False,
        help_text=_("A day, a month or a period."),
    )
    reply_to = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_(
            "You may ask anonymously; without an address we cannot send you the "
            "page, but you may call or visit the registrar."
        ),
        error_messages={"invalid": _("Enter an e-mail address like namn@exempel.se.")},
    )
    message = forms.CharField(
        label=_("Anything else? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    # Left empty by people; filled in by robots (hidden with CSS, not type=hidden).
    website = forms.CharField(required=False, label=_("Leave this field empty"))
