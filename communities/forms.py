from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import EmailPreference, Lesson, Meeting, ProposalKind, ResourceVisibility
from communities.models.discussion import MAX_POST_LENGTH
from core.forms import LimitedTextMixin
from helpdesk.forms import validate_attachment
from menukaart.models import Measure


class JoinForm(LimitedTextMixin, forms.Form):
    motivation = forms.CharField(
        label=_("Waarom wil je meedoen, en wat wil je leren of delen?"),
        help_text=_("De coördinator leest dit bij je aanvraag."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DeclineForm(LimitedTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden van afwijzing"),
        help_text=_("De aanvrager krijgt deze reden per e-mail."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf kort waarom je de aanvraag afwijst.")},
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de werkgever"),
        max_length=254,
        # Somebody else's address: the coordinator's own must not be filled in (WCAG 1.3.5 is about the user's own).
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "Heeft dit adres een account, dan is de werkgever meteen lid. "
            "Anders krijgt het een uitnodiging om een account te maken."
        ),
        error_messages={
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl."),
            "required": _("Vul een e-mailadres in."),
        },
    )


class EmailPreferenceForm(forms.Form):
    email_preference = forms.ChoiceField(
        label=_("E-mail over nieuwe berichten in het gesprek"),
        choices=EmailPreference.choices,
        widget=forms.RadioSelect,
    )


def https_url_formfield(model_field, **kwargs):
    """Model URL fields read a link typed without a scheme as https:// (Django 6's default, also on 5.2)."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class MeetingForm(LimitedTextMixin, forms.ModelForm):
    date = forms.DateField(
        label=_("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2027-03-21.")},
    )
    start_time = forms.TimeField(
        label=_("Begintijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Vul een geldige tijd in, bijvoorbeeld 14:00.")},
    )
    end_time = forms.TimeField(
        label=_("Eindtijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Vul een geldige tijd in, bijvoorbeeld 16:30.")},
    )

    class Meta:
        model = Meeting
        fields = ["title", "location", "online_url", "agenda", "capacity", "is_public"]
        formfield_callback = https_url_formfield
        widgets = {"agenda": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "online_url": {"invalid": _("Vul een volledige link in, die begint met https://.")},
            "capacity": {"invalid": _("Vul een heel getal in."), "min_value": _("Vul 1 of meer in.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1
        if self.instance.pk:
            local_start = timezone.localtime(self.instance.starts_at)
            self.initial.update(
                date=local_start.date(),
                start_time=local_start.time(),
                end_time=timezone.localtime(self.instance.ends_at).time(),
            )

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity < 1:
            raise forms.ValidationError(_("Vul 1 of meer in, of laat het veld leeg voor geen maximum."))
        return capacity

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if not (day and start and end):
            return cleaned
        tz = timezone.get_current_timezone()
        starts_at = timezone.make_aware(timezone.datetime.combine(day, start), tz)
        ends_at = timezone.make_aware(timezone.datetime.combine(day, end), tz)
        if ends_at <= starts_at:
            self.add_error("end_time", _("De eindtijd moet na de begintijd liggen."))
        if starts_at < timezone.now() and (
            not self.instance.pk or "date" in self.changed_data or "start_time" in self.changed_data
        ):
            self.add_error("date", _("Deze datum en tijd zijn al voorbij. Een nieuwe bijeenkomst ligt in de toekomst."))
        if day.year > timezone.localdate().year + 5:
            self.add_error("date", _("Deze datum ligt meer dan vijf jaar vooruit. Klopt het jaartal?"))
        if not cleaned.get("location") and not cleaned.get("online_url"):
            self.add_error("location", _("Vul een plaats in, een link voor online deelname, of allebei."))
        cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at
        return cleaned


class MinutesForm(LimitedTextMixin, forms.Form):
    minutes = forms.CharField(
        label=_("Verslag"),
        help_text=_("Alleen leden van het netwerk lezen het verslag."),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Schrijf het verslag.")},
    )


class LessonForm(LimitedTextMixin, forms.ModelForm):
    publish = forms.BooleanField(label=_("Openbaar maken op de pagina van het netwerk"), required=False)

    class Meta:
        model = Lesson
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}


class PostForm(LimitedTextMixin, forms.Form):
    title = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(
        label=_("Je vraag of ervaring"),
        help_text=_("Gewone tekst; links worden klikbaar. Je kunt je bericht %(minutes)s minuten lang bewerken."),
        max_length=MAX_POST_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Schrijf je bericht.")},
    )

    def __init__(self, *args, edit_minutes: int = 15, reply: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = self.fields["body"].help_text % {"minutes": edit_minutes}
        if reply:
            del self.fields["title"]
            self.fields["body"].label = _("Je reactie")


class ReportForm(LimitedTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Waarom meld je dit bericht?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf kort waarom je dit bericht meldt.")},
    )


class HideForm(LimitedTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden (voor de schrijver en de andere coördinatoren)"), max_length=300, required=False
    )


class ResourceForm(LimitedTextMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    url = forms.URLField(
        label=_("Link"),
        assume_scheme="https",
        max_length=500,
        required=False,
        error_messages={"invalid": _("Vul een volledige link in, die begint met https://.")},
    )
    file = forms.FileField(label=_("Of een bestand"), required=False)
    visibility = forms.ChoiceField(
        label=_("Wie mag het zien?"),
        choices=ResourceVisibility.choices,
        initial=ResourceVisibility.MEMBERS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, may_publish: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings
        from django.template.defaultfilters import filesizeformat

        self.fields["file"].help_text = _("Toegestaan: %(types)s, ten hoogste %(size)s.") % {
            "types": ", ".join(sorted(settings.HELPDESK_ATTACHMENT_TYPES)),
            "size": filesizeformat(settings.HELPDESK_MAX_ATTACHMENT_BYTES),
        }
        if not may_publish:
            # Members share with members; only coordinators and editors make something public.
            del self.fields["visibility"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        return validate_attachment(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        if not self.errors and bool(cleaned.get("url")) == bool(cleaned.get("file")):
            raise forms.ValidationError(_("Vul een link in of kies een bestand (één van de twee)."))
        return cleaned


class ProposalForm(LimitedTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Soort voorstel"), choices=ProposalKind.choices, widget=forms.RadioSelect)
    measure = forms.ModelChoiceField(
        label=_("Bestaande maatregel (bij een wijziging)"),
        queryset=Measure.objects.published().only("pk", "title").order_by("title"),
        required=False,
        error_messages={"invalid_choice": _("Kies een maatregel uit de lijst.")},
    )
    title = forms.CharField(label=_("Titel van het voorstel"), max_length=200)
    body = forms.CharField(
        label=_("Wat stel je voor, en waarom?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ProposalKind.CHANGE and not cleaned.get("measure"):
            self.add_error("measure", _("Kies de maatregel die je wilt laten aanpassen."))
        return cleaned


class ReviewForm(LimitedTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("accept", _("Overnemen in de menukaart")), ("decline", _("Niet overnemen"))],
        widget=forms.RadioSelect,
    )
    measure = forms.ModelChoiceField(
        label=_("Maatregel waarin het voorstel is verwerkt"),
        queryset=Measure.objects.only("pk", "title").order_by("title"),
        required=False,
        error_messages={"invalid_choice": _("Kies een maatregel uit de lijst.")},
    )
    note = forms.CharField(
        label=_("Toelichting voor het netwerk"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "accept" and not cleaned.get("measure"):
            self.add_error("measure", _("Kies de maatregel waarin het voorstel is verwerkt."))
        if cleaned.get("decision") == "decline" and not cleaned.get("note", "").strip():
            self.add_error("note", _("Schrijf kort waarom het voorstel niet wordt overgenomen."))
        return cleaned
