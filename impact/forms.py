from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, OrganisationKind
from impact.models import Agreement, PartnerInput
from impact.periods import Period, half_year_of, last_complete_half_year
from menukaart.models import Theme

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
DATE_ERRORS = {"invalid": _("Vul een datum in als dd-mm-jjjj, bijvoorbeeld 30-06-2026.")}


class ReportRequestForm(forms.Form):
    start = forms.DateField(label=_("Van"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    end = forms.DateField(label=_("Tot en met"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = last_complete_half_year(timezone.localdate())
        self.fields["start"].initial = default.start
        self.fields["end"].initial = default.end
        for name in ("start", "end"):
            self.fields[name].error_messages["required"] = _("Vul deze datum in.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("De einddatum ligt vóór de begindatum."), code="order")
            if end >= timezone.localdate():
                raise forms.ValidationError(
                    _("Een rapportage gaat over een periode die voorbij is: kies een einddatum vóór vandaag."),
                    code="future",
                )
            if (end - start).days > 366 * 3:
                raise forms.ValidationError(_("Kies een periode van hoogstens drie jaar."), code="too_long")
        return cleaned

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])


def half_year_choices(today) -> list[tuple[str, str]]:
    """The current and the previous half-year: partner input is given before each meeting."""
    periods = [half_year_of(today), half_year_of(today).previous()]
    return [(p.code, p.label) for p in periods]


class PartnerInputForm(forms.ModelForm):
    half_year = forms.ChoiceField(label=_("Over welk halfjaar?"))
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's die terugkwamen"),
        queryset=Theme.objects.order_by("position", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PartnerInput
        fields = ["themes", "note", "questions_heard", "employers_reached"]
        widgets = {"note": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}
        help_texts = {
            "note": _("Wat hoorden jullie van leden? Noem geen namen van werkgevers of personen."),
            "questions_heard": _("Een schatting is genoeg."),
        }
        error_messages = {
            "note": {
                "required": _("Schrijf kort wat jullie hoorden."),
                "max_length": _("Gebruik hoogstens 2000 tekens."),
            },
            "questions_heard": {"invalid": _("Vul een heel getal in."), "min_value": _("Vul 0 of meer in.")},
            "employers_reached": {"invalid": _("Vul een heel getal in."), "min_value": _("Vul 0 of meer in.")},
        }

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        choices = half_year_choices(today)
        self.fields["half_year"].choices = choices
        self.fields["half_year"].error_messages["invalid_choice"] = _("Kies een van de genoemde halfjaren.")
        self.periods = {
            code: p
            for code, p in (
                (half_year_of(today).code, half_year_of(today)),
                (half_year_of(today).previous().code, half_year_of(today).previous()),
            )
        }
        self.order_fields(["half_year", "themes", "note", "questions_heard", "employers_reached"])

    @property
    def period(self) -> Period:
        return self.periods[self.cleaned_data["half_year"]]


class AgreementForm(forms.ModelForm):
    owner = forms.ModelChoiceField(
        label=_("Eigenaar (organisatie)"),
        queryset=Organisation.objects.exclude(kind=OrganisationKind.EMPLOYER).order_by("name"),
        error_messages={
            "required": _("Kies de organisatie die de actie trekt."),
            "invalid_choice": _("Kies een organisatie uit de lijst."),
        },
    )

    class Meta:
        model = Agreement
        fields = ["meeting_date", "action", "owner", "due_date", "status", "status_note"]
        widgets = {"meeting_date": DATE_WIDGET, "due_date": DATE_WIDGET}
        error_messages = {
            "meeting_date": {"required": _("Vul de datum van de bijeenkomst in."), **DATE_ERRORS},
            "due_date": {"required": _("Vul in wanneer de actie klaar moet zijn."), **DATE_ERRORS},
            "action": {"required": _("Beschrijf de actie.")},
            "status": {"invalid_choice": _("Kies een status uit de lijst.")},
        }

    def clean(self):
        cleaned = super().clean()
        meeting, due = cleaned.get("meeting_date"), cleaned.get("due_date")
        if meeting and due and due < meeting:
            self.add_error("due_date", _("De uiterste datum ligt vóór de bijeenkomst."))
        return cleaned
