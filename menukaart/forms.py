from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import Sector, SizeBand
from menukaart.models import KeyFigure, PlanItem


class MonthField(forms.DateField):
    """A month as JJJJ-MM (what <input type="month"> sends), stored as the first day of that month."""

    widget = forms.DateInput(format="%Y-%m", attrs={"type": "month", "placeholder": "2027-03"})
    default_error_messages = {"invalid": _("Vul een maand in als JJJJ-MM, bijvoorbeeld 2027-03.")}

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m", "%Y-%m-%d"], **kwargs)

    def to_python(self, value):
        date = super().to_python(value)
        return date.replace(day=1) if date else None


class PlanItemForm(forms.ModelForm):
    start_month = MonthField(label=_("Startmaand"), required=False, help_text=_("Bijvoorbeeld 2027-03."))

    class Meta:
        model = PlanItem
        fields = ["position", "owner", "start_month", "note", "progress", "started_on", "done_on"]
        labels = {
            "position": _("Volgorde"),
            "owner": _("Eigenaar"),
            "note": _("Notitie"),
            "progress": _("Status"),
            "started_on": _("Gestart op"),
            "done_on": _("Klaar op"),
        }
        help_texts = {"owner": _("Wie trekt dit? Een functie is genoeg, bijvoorbeeld 'HR-adviseur'.")}
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
            "position": forms.NumberInput(attrs={"min": 1}),
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "done_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "started_on": {"invalid": _("Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2027-03-15.")},
            "done_on": {"invalid": _("Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2027-03-15.")},
        }

    def clean(self):
        """Dates follow the status: today when it moves on without a date, none when it goes back."""
        from django.utils import timezone

        cleaned = super().clean()
        progress = cleaned.get("progress")
        today = timezone.localdate()
        if progress == PlanItem.Progress.PLANNED:
            cleaned["started_on"] = cleaned["done_on"] = None
        elif progress == PlanItem.Progress.STARTED:
            cleaned["started_on"] = cleaned.get("started_on") or today
            cleaned["done_on"] = None
        elif progress == PlanItem.Progress.DONE:
            cleaned["started_on"] = cleaned.get("started_on") or cleaned.get("done_on") or today
            cleaned["done_on"] = cleaned.get("done_on") or today
        started, done = cleaned.get("started_on"), cleaned.get("done_on")
        if started and done and done < started:
            self.add_error("done_on", _("De datum 'klaar op' ligt voor de datum 'gestart op'."))
        return cleaned


class BasePlanItemFormSet(forms.BaseModelFormSet):
    """The rows of one plan, and only those: the page shows one form per item, so more forms than
    items, or a form whose id is not an item of this plan, is a tampered post. Without this check
    such a row was silently skipped (edit_only) and the page said "opgeslagen"."""

    def clean(self):
        super().clean()
        own = {item.pk for item in self.get_queryset()}
        for index, form in enumerate(self.forms):
            item_id = form.cleaned_data.get("id") if hasattr(form, "cleaned_data") else None
            item_pk = getattr(item_id, "pk", item_id)
            if index >= self.initial_form_count() or item_pk not in own:
                raise forms.ValidationError(
                    _(
                        "Een van de maatregelen staat niet (meer) in je menukaart. Er is niets opgeslagen; "
                        "laad de pagina opnieuw en probeer het nog eens."
                    ),
                    code="unknown_item",
                )


PlanItemFormSet = forms.modelformset_factory(
    PlanItem, form=PlanItemForm, formset=BasePlanItemFormSet, extra=0, can_delete=True, edit_only=True
)


class ScanStartForm(forms.Form):
    """Who is this scan for: size and sector fit the recommendations; nothing else is asked."""

    size_band = forms.ChoiceField(
        label=_("Hoeveel mensen werken er in je organisatie?"),
        choices=SizeBand.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoeveel mensen er werken."),
            "invalid_choice": _("Kies een van de opties."),
        },
    )
    sector = forms.ChoiceField(
        label=_("In welke sector werkt je organisatie?"),
        choices=[("", _("Kies een sector")), *Sector.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een sector uit de lijst.")},
    )


class ScanStepForm(forms.Form):
    """The questions of one step of the scan: one group of radio buttons per question."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text,
                choices=[(value, _choice_label(value, text)) for value, text in question.choices],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies het antwoord dat het best past."),
                    "invalid_choice": _("Kies een van de antwoorden."),
                },
            )

    def answers(self) -> dict[str, int]:
        return {question.key: self.cleaned_data[question.key] for question in self.questions}


def _choice_label(value: int, text: str) -> str:
    from django.utils.html import format_html

    from menukaart.selfscan import VALUE_LABELS

    return format_html("<strong>{}</strong>: {}", VALUE_LABELS[value], text)


class KeyFigureForm(forms.ModelForm):
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int, choices=())
    group = forms.CharField(
        label=_("Groep"),
        max_length=120,
        help_text=_("Bijvoorbeeld 'alle medewerkers', 'vrouwen' of 'medewerkers met een migratieachtergrond'."),
        error_messages={"required": _("Vul in voor welke groep de cijfers gelden.")},
    )

    class Meta:
        model = KeyFigure
        fields = ["year", "group", "headcount", "inflow", "throughflow", "outflow"]
        labels = {
            "headcount": _("Aantal medewerkers"),
            "inflow": _("Instroom (nieuw in dienst)"),
            "throughflow": _("Doorstroom (naar een hogere functie)"),
            "outflow": _("Uitstroom (uit dienst)"),
        }

    def __init__(self, *args, **kwargs):
        from django.utils import timezone

        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(year, year) for year in range(this_year, this_year - 6, -1)]
        for name in ("headcount", "inflow", "throughflow", "outflow"):
            self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})
            self.fields[name].error_messages["invalid"] = _("Vul een heel getal in.")
            self.fields[name].error_messages["min_value"] = _("Vul een getal van 0 of meer in.")
