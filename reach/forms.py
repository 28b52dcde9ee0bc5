"""Forms of the reach app: the helpdesk's question form as embedded in a partner's site, and the
newsletter sign-up."""

import secrets

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from helpdesk.forms import AskForm

FORM_SALT = "reach.embed_ask.form"


def _form_signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=FORM_SALT, sep=".")


def new_form_token() -> str:
    """A signed, dated visit id for one showing of the embedded form."""
    return _form_signer().sign(secrets.token_hex(8))


def visit_from_form_token(token: str) -> str:
    """The visit id of a token this portal issued within EMBED_ASK_FORM_HOURS ("" otherwise)."""
    try:
        visit = _form_signer().unsign(token[:200], max_age=settings.EMBED_ASK_FORM_HOURS * 3600)
    except signing.BadSignature:  # also SignatureExpired
        return ""
    return visit if len(visit) == 16 and visit.isalnum() else ""


class EmbedAskForm(AskForm):
    """The public question form (same fields, checks, consent and honeypot), for a frame on a
    partner's site. The partner comes from the address, never from the form. Instead of a CSRF
    cookie (which a browser does not send to a frame on another site) each showing of the form
    carries a signed, dated visit id: a post without one from this portal is refused, and the
    visit id is the submission key's visit, so a double post still makes one question."""

    form_visit = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["source"]
        # No htmx in the frame: the suggestions are the full portal's.
        self.fields["question"].widget.attrs = {
            key: value
            for key, value in self.fields["question"].widget.attrs.items()
            if not key.startswith("hx-") and key != "aria-describedby"
        }

    def clean_form_visit(self):
        return visit_from_form_token(self.cleaned_data.get("form_visit", ""))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("form_visit"):
            self.add_error(
                None,
                _(
                    "Dit formulier is verlopen. Controleer je gegevens en verstuur het opnieuw; "
                    "wat je typte staat er nog."
                ),
            )
        return cleaned


class NewsletterForm(forms.Form):
    """Sign up for "Nieuw op de menukaart". `website` is a honeypot: people never see or fill it."""

    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl."),
        },
    )
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Laat het veld 'Laat dit veld leeg' leeg."), code="honeypot")
        return ""
