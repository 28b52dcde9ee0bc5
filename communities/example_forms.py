"""Forms for good examples (send in, react, moderate)."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from core.choices import Sector, SizeBand
from menukaart.models import Example, ExampleReaction, Measure, Theme

# Enough for a short story; a clear message instead of storing a pasted document.
MAX_STORY_LENGTH = 4000
MAX_REACTION_LENGTH = 2000
MAX_REASON_LENGTH = 1000


def _max_length(limit: int) -> MaxLengthValidator:
    return MaxLengthValidator(
        limit,
        message=_("Gebruik maximaal %(limit_value)d tekens (je gebruikte er %(show_value)d)."),
    )


class ExampleSubmitForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Eén zin: wat deed je organisatie? Bijvoorbeeld: ‘Anoniem solliciteren bij onze vestigingen’."),
        error_messages={"max_length": _("Gebruik maximaal %(limit_value)d tekens (je gebruikte er %(show_value)d).")},
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        help_text=_("Deze naam staat bij het voorbeeld. Je eigen naam tonen we niet."),
        error_messages={"max_length": _("Gebruik maximaal %(limit_value)d tekens (je gebruikte er %(show_value)d).")},
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", _("Kies een sector")), *Sector.choices])
    size_band = forms.ChoiceField(label=_("Aantal medewerkers"), choices=SizeBand.choices, widget=forms.RadioSelect)
    what_they_did = forms.CharField(
        label=_("Wat heeft je organisatie gedaan?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[_max_length(MAX_STORY_LENGTH)],
        help_text=_("Kort en concreet: wie deed wat, en hoe pakte je het aan? Maximaal 4000 tekens."),
    )
    what_it_brought = forms.CharField(
        label=_("Wat heeft het opgeleverd?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[_max_length(MAX_STORY_LENGTH)],
        help_text=_("Wat merk je ervan? Ook wat niet werkte is nuttig voor anderen. Maximaal 4000 tekens."),
    )
    measures = forms.ModelMultipleChoiceField(
        label=_("Welke maatregelen uit de menukaart heb je gebruikt?"),
        queryset=Measure.objects.published().only("pk", "title").order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies er minstens één. Je voorbeeld verschijnt dan ook bij die maatregelen."),
        error_messages={
            "required": _("Kies minstens één maatregel."),
            "invalid_choice": _("Kies maatregelen uit de lijst."),
            "invalid_pk_value": _("Kies maatregelen uit de lijst."),
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kies je niets, dan krijgt je voorbeeld de thema's van de gekozen maatregelen."),
        error_messages={
            "invalid_choice": _("Kies thema's uit de lijst."),
            "invalid_pk_value": _("Kies thema's uit de lijst."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        waiting = Example.objects.awaiting_moderation().submitted_by(self.user)
        if waiting.filter(title__iexact=title).exists():
            raise forms.ValidationError(
                _("Je hebt al een voorbeeld met deze titel ingestuurd; het wacht op moderatie.")
            )
        return title


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat wil je delen?"), choices=ExampleReaction.Kind.choices, widget=forms.RadioSelect
    )
    body = forms.CharField(
        label=_("Je reactie"),
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[_max_length(MAX_REACTION_LENGTH)],
        help_text=_(
            "Je reactie verschijnt na controle door de redactie, met de naam van je organisatie en niet met "
            "je eigen naam. Maximaal 2000 tekens."
        ),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van afwijzing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[_max_length(MAX_REASON_LENGTH)],
        help_text=_("De inzender leest deze reden."),
        error_messages={"required": _("Geef een reden op: de inzender leest die.")},
    )
