from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import ThrottledLoginMixin
from core.choices import Sector, SizeBand


class ProfileForm(forms.Form):
    organisation_name = forms.CharField(
        label=_("Naam van je organisatie"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Vul de naam van je organisatie in.")},
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Kies een sector")), *Sector.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een sector uit de lijst.")},
    )
    size_band = forms.ChoiceField(
        label=_("Aantal medewerkers"),
        choices=[("", _("Kies een aantal")), *SizeBand.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een van de opties.")},
    )


class DeleteAccountForm(ThrottledLoginMixin, forms.Form):
    """Deleting an account asks for the password: a forgotten open laptop is not enough."""

    password = forms.CharField(
        label=_("Je wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vul je wachtwoord in om je account te verwijderen.")},
    )

    def __init__(self, *args, user, request, **kwargs):
        self.user, self.request = user, request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]

        def check():
            if not self.user.check_password(password):
                raise forms.ValidationError(_("Dit wachtwoord klopt niet."), code="wrong_password")
            return password

        # Proving the password is throttled like a log-in (accounts.throttle).
        return self.check_password_throttled(self.user.get_username(), check)
