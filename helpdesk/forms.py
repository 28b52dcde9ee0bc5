import re
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from core.uploads import safe_file_name
from helpdesk.models import (
    CharterStatus,
    MessageKind,
    OutcomeCategory,
    Ticket,
    TicketStatus,
)
from helpdesk.permissions import advisors
from helpdesk.services.workflow import merge_refusal
from menukaart.models import Measure, Theme

# The longest question, reply or note we accept (characters): far more than anyone types, and
# a clear message instead of storing a pasted document of any size.
MAX_TEXT_LENGTH = 10_000

# The sources a question may record (see Ticket.source).
SOURCE_PATTERN = re.compile(r"doe-netwerk:[a-z0-9][a-z0-9-]{0,68}")


def source_from_query(value: str) -> str:
    """The source for "?netwerk=<slug>" on the question form's address ("" when malformed)."""
    candidate = f"doe-netwerk:{value}"
    return candidate if SOURCE_PATTERN.fullmatch(candidate) else ""


# The most files one message may carry (each within HELPDESK_MAX_ATTACHMENT_BYTES).
MAX_ATTACHMENTS = 5

# Magic numbers of the allowed binary types: the extension and the browser's content type are
# only claims, the first bytes say what the file is.
MAGIC = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
}


def keep_choices(form: forms.BaseForm, name: str, keep: Callable[[Any], bool]) -> list[tuple[Any, Any]]:
    """Narrow the choices of the form's ChoiceField `name` (on this instance) to those whose value
    `keep` accepts; returns the choices kept."""
    field = cast(forms.ChoiceField, form.fields[name])
    kept = [(value, label) for value, label in cast("list[tuple[Any, Any]]", field.choices) if keep(value)]
    field.choices = kept
    return kept


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero or more files, each checked against the size limit and the type allowlist."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Bijlagen"))
        allowed = ", ".join(sorted(settings.HELPDESK_ATTACHMENT_TYPES))
        kwargs.setdefault(
            "help_text",
            _("Toegestaan: %(types)s, elk bestand maximaal %(size)s, ten hoogste %(max)s bestanden.")
            % {
                "types": allowed,
                "size": filesizeformat(settings.HELPDESK_MAX_ATTACHMENT_BYTES),
                "max": MAX_ATTACHMENTS,
            },
        )
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [f for f in files if f]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                _("Je kunt maximaal %(max)s bestanden tegelijk meesturen; je koos er %(count)s."),
                params={"max": MAX_ATTACHMENTS, "count": len(files)},
                code="too_many",
            )
        return [validate_attachment(super(AttachmentsField, self).clean(f, initial)) for f in files if f]


def validate_attachment(upload):
    """Refuse (with a Dutch message) a file whose extension is not allowed, that is too large, or
    whose content or claimed type does not match its extension. Its name is made safe first
    (core.uploads.safe_file_name), so what is checked is what is stored and shown."""
    upload.name = safe_file_name(upload.name)
    name = upload.name
    suffix = PurePosixPath(name).suffix.lower()
    allowed = settings.HELPDESK_ATTACHMENT_TYPES
    if suffix not in allowed:
        raise ValidationError(
            _("Het bestand %(name)s heeft een type dat niet is toegestaan. Toegestaan zijn: %(types)s."),
            params={"name": name, "types": ", ".join(sorted(allowed))},
            code="type",
        )
    if upload.size > settings.HELPDESK_MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("Het bestand %(name)s is te groot (%(size)s). Het maximum is %(max)s."),
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "max": filesizeformat(settings.HELPDESK_MAX_ATTACHMENT_BYTES),
            },
            code="size",
        )
    content_type = (upload.content_type or "").split(";")[0].strip().lower()
    head = upload.read(8)
    upload.seek(0)
    looks_right = any(head.startswith(magic) for magic in MAGIC[suffix]) if suffix in MAGIC else True
    if suffix == ".txt":
        try:
            upload.read().decode("utf-8")
        except UnicodeDecodeError:
            looks_right = False
        upload.seek(0)
    if content_type not in allowed[suffix] or not looks_right:
        raise ValidationError(
            _("De inhoud van %(name)s past niet bij de extensie %(suffix)s."),
            params={"name": name, "suffix": suffix},
            code="content",
        )
    upload.content_type = allowed[suffix][0]
    return upload


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Theme.objects.order_by("position", "name"), required=False, **kwargs)


class EmployerFieldsMixin(forms.ModelForm):
    themes = ThemeChoiceField(label=_("Waar gaat je vraag over?"))
    # What the browser may fill in (WCAG 1.3.5): the employer's own details on the question form.
    AUTOCOMPLETE = {
        "employer_name": "organization",
        "contact_name": "name",
        "contact_email": "email",
        "contact_phone": "tel",
    }

    class Meta:
        model = Ticket
        fields = [
            "subject",
            "question",
            "themes",
            "employer_name",
            "contact_name",
            "contact_email",
            "contact_phone",
            "sector",
            "size_band",
            "province",
            "charter_signatory",
        ]
        labels = {
            "subject": _("Onderwerp"),
            "question": _("Je vraag"),
            "employer_name": _("Naam van de organisatie"),
            "contact_name": _("Naam contactpersoon"),
            "contact_email": _("E-mailadres"),
            "contact_phone": _("Telefoonnummer"),
            "sector": _("Sector"),
            "size_band": _("Aantal medewerkers"),
            "province": _("Provincie"),
            "charter_signatory": _("Heeft je organisatie het Charter Diversiteit ondertekend?"),
        }
        widgets = {
            "question": forms.Textarea(attrs={"rows": 8}),
            "contact_phone": forms.TextInput(attrs={"type": "tel"}),
        }
        error_messages = {
            "subject": {"required": _("Vul een onderwerp in.")},
            "question": {"required": _("Beschrijf je vraag.")},
            "employer_name": {"required": _("Vul de naam van de organisatie in.")},
            "contact_name": {"required": _("Vul de naam van de contactpersoon in.")},
            "contact_email": {
                "required": _("Vul een e-mailadres in, zodat we je kunnen antwoorden."),
                "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, token in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        for name in ("sector", "size_band", "province"):
            self.fields[name].choices = [("", _("Kies (niet verplicht)")), *self.fields[name].choices[1:]]
        self.fields["question"].min_length = 10
        self.fields["question"].max_length = MAX_TEXT_LENGTH
        self.fields["question"].validators.append(MaxLengthValidator(MAX_TEXT_LENGTH))
        self.fields["question"].error_messages["min_length"] = _("Beschrijf je vraag in minstens 10 tekens.")

    def clean_question(self):
        question = self.cleaned_data["question"].strip()
        if len(question) < 10:
            raise ValidationError(_("Beschrijf je vraag in minstens 10 tekens."), code="min_length")
        return question


class AskForm(EmployerFieldsMixin):
    """The public question form. `website` is a honeypot: people never see or fill it."""

    consent = forms.BooleanField(
        label=_(
            "Ik geef SER Diversiteit in Bedrijf toestemming om mijn gegevens te gebruiken om mijn vraag te "
            "beantwoorden. Zie de privacyverklaring."
        ),
        error_messages={
            "required": _(
                "Geef toestemming voor het gebruik van je gegevens, anders kunnen wij je vraag niet beantwoorden."
            )
        },
    )
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)
    form_visit = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    # Set from the address (?netwerk=<slug>) by the doe-netwerken's "Stel een vraag" link.
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(EmployerFieldsMixin.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_email"].required = True
        # Progressive enhancement (htmx): suggestions refresh while typing; without JavaScript the
        # "Bekijk suggesties" button does the same with a full page.
        self.fields["question"].widget.attrs.update(
            {
                "aria-describedby": "suggesties-uitleg",
                "hx-get": reverse_lazy("helpdesk:suggestions"),
                "hx-trigger": "input changed delay:700ms",
                "hx-target": "#suggesties",
                "hx-swap": "outerHTML",
                "hx-include": "[name='form_visit']",
            }
        )

    def clean_source(self):
        """Only a well-formed source is kept; anything else (tampered) is dropped, never an error."""
        value = self.cleaned_data.get("source", "")
        return value if SOURCE_PATTERN.fullmatch(value) else ""

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Laat het veld 'Laat dit veld leeg' leeg."), code="honeypot")
        return ""


class ReferralForm(EmployerFieldsMixin):
    """The partner's referral form, in the partner's words: every question is about the employer."""

    # The employer's details, not the partner's own: the browser must not fill those in here.
    AUTOCOMPLETE = dict.fromkeys(EmployerFieldsMixin.AUTOCOMPLETE, "off")

    themes = ThemeChoiceField(label=_("Waar gaat de vraag van de werkgever over?"))
    consent_processing = forms.BooleanField(
        label=_("De werkgever geeft toestemming om de vraag en contactgegevens door te geven aan SER/DiB."),
        error_messages={"required": _("Zonder toestemming van de werkgever kun je de vraag niet doorverwijzen.")},
    )
    consent_share_with_partner = forms.BooleanField(
        label=_("De werkgever geeft toestemming om het antwoord van SER/DiB met onze organisatie te delen."),
        required=False,
    )

    class Meta(EmployerFieldsMixin.Meta):
        fields = [*EmployerFieldsMixin.Meta.fields, "priority"]
        labels = {
            **EmployerFieldsMixin.Meta.labels,
            "question": _("Vraag van de werkgever"),
            "employer_name": _("Naam van de werkgever (organisatie)"),
            "contact_name": _("Contactpersoon bij de werkgever"),
            "contact_email": _("E-mailadres van de werkgever"),
            "contact_phone": _("Telefoonnummer van de werkgever"),
            "sector": _("Sector van de werkgever"),
            "size_band": _("Aantal medewerkers van de werkgever"),
            "province": _("Provincie van de werkgever"),
            "charter_signatory": _("Heeft de werkgever het Charter Diversiteit ondertekend?"),
            "priority": _("Prioriteit"),
        }
        help_texts = {
            "contact_email": _("Vul een e-mailadres of een telefoonnummer in, of allebei."),
            "contact_phone": _("Zonder e-mailadres belt de adviseur de werkgever."),
        }
        error_messages = {
            **EmployerFieldsMixin.Meta.error_messages,
            "employer_name": {"required": _("Vul de naam van de werkgever in.")},
            "contact_name": {"required": _("Vul de naam van de contactpersoon bij de werkgever in.")},
        }

    # The employer's answer options, said about the employer instead of by them.
    CHARTER_CHOICES = [
        (CharterStatus.SIGNATORY, _("Ja, de werkgever heeft het Charter Diversiteit ondertekend")),
        (CharterStatus.NOT_SIGNATORY, _("Nee")),
        (CharterStatus.UNKNOWN, _("Weet ik niet")),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["charter_signatory"].choices = self.CHARTER_CHOICES

    def clean(self):
        data = super().clean()
        email_problem = self.has_error("contact_email")
        if not email_problem and not data.get("contact_email") and not (data.get("contact_phone") or "").strip():
            message = _(
                "Vul het e-mailadres of het telefoonnummer van de werkgever in. Zonder een van beide kan "
                "SER/DiB de werkgever niet bereiken."
            )
            self.add_error("contact_email", ValidationError(message, code="no_contact"))
        return data


class SuggestForm(forms.Form):
    q = forms.CharField(required=False, max_length=5000)
    form_visit = forms.CharField(required=False, max_length=64)


class ComposeKind:
    """The composer's switch: the kind of message it writes."""

    REPLY = MessageKind.REPLY
    NOTE = MessageKind.NOTE


class ComposeForm(forms.Form):
    """The advisor's one composer: an answer to the employer OR an internal note, never both.

    `kind` (the switch) and `action` (the button pressed) must agree, and an answer also needs the
    `confirm_send` tick: three separate signals before anything leaves the helpdesk. The safe
    default is the internal note. Measures and the status after sending only apply to an answer.
    """

    kind = forms.ChoiceField(
        label=_("Wat schrijf je?"),
        choices=[
            (ComposeKind.NOTE, _("Interne notitie (alleen adviseurs zien dit)")),
            (ComposeKind.REPLY, _("Antwoord aan werkgever (wordt gemaild)")),
        ],
        initial=ComposeKind.NOTE,
        widget=forms.RadioSelect(attrs={"class": "composer-switch"}),
        error_messages={
            "required": _("Kies of je een interne notitie of een antwoord aan de werkgever schrijft."),
            "invalid_choice": _("Kies of je een interne notitie of een antwoord aan de werkgever schrijft."),
        },
    )
    body = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=MAX_TEXT_LENGTH,
    )
    measures = forms.ModelMultipleChoiceField(
        queryset=Measure.objects.published().only("pk", "title"),
        required=False,
        label=_("Maatregelen uit de menukaart"),
        widget=forms.CheckboxSelectMultiple,
    )
    then_status = forms.ChoiceField(
        label=_("Status na versturen"),
        choices=[
            (TicketStatus.ANSWERED, TicketStatus.ANSWERED.label),
            (TicketStatus.WAITING, TicketStatus.WAITING.label),
        ],
        initial=TicketStatus.ANSWERED,
        required=False,
    )
    confirm_send = forms.BooleanField(label=_("Ja, stuur dit antwoord naar de werkgever."), required=False)
    attachments = AttachmentsField()

    def __init__(self, *args, ticket: Ticket | None = None, can_reply: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_reply:
            # A merged or pseudonymised ticket: only notes; an answer is not even a choice.
            keep_choices(self, "kind", lambda value: value == ComposeKind.NOTE)
        if ticket is not None:
            # Only the statuses this ticket may move to (or stay in) after the answer.
            allowed = keep_choices(
                self, "then_status", lambda value: value == ticket.status or ticket.can_transition_to(value)
            )
            if allowed and self.fields["then_status"].initial not in dict(allowed):
                self.fields["then_status"].initial = allowed[0][0]
            to = ticket.employer_name or _("de werkgever")
            self.fields["confirm_send"].label = _("Ja, stuur dit antwoord naar %(employer)s.") % {"employer": to}

    @property
    def is_reply(self) -> bool:
        return self.cleaned_data.get("kind") == ComposeKind.REPLY

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        action = self.data.get("action", "")
        if kind and action in (ComposeKind.REPLY, ComposeKind.NOTE) and action != kind:
            raise ValidationError(
                _(
                    "De knop past niet bij de keuze 'interne notitie' of 'antwoord aan werkgever'. "
                    "Er is niets verstuurd; controleer de keuze en probeer het opnieuw."
                ),
                code="kind_mismatch",
            )
        if not (data.get("body") or "").strip() and not self.has_error("body"):
            message = _("Schrijf een antwoord.") if kind == ComposeKind.REPLY else _("Schrijf een notitie.")
            self.add_error("body", ValidationError(message, code="required"))
        if kind == ComposeKind.REPLY:
            if not data.get("then_status") and not self.has_error("then_status"):
                self.add_error("then_status", ValidationError(_("Kies de status na versturen."), code="required"))
            if not data.get("confirm_send"):
                self.add_error(
                    "confirm_send",
                    ValidationError(
                        _("Vink aan dat dit antwoord naar de werkgever mag. Er is nog niets verstuurd."),
                        code="confirm",
                    ),
                )
        return data


class RequesterReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Je reactie"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT_LENGTH,
        error_messages={"required": _("Schrijf je reactie.")},
    )
    attachments = AttachmentsField()


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        coerce=lambda value: value == "ja",
        label=_("Heeft dit antwoord je geholpen?"),
        error_messages={"required": _("Kies ja of nee."), "invalid_choice": _("Kies ja of nee.")},
    )
    reason = forms.CharField(
        label=_("Wil je toelichten waarom?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AdvisorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class AssignForm(forms.Form):
    advisor = AdvisorChoiceField(
        queryset=advisors(), label=_("Toewijzen aan"), required=False, empty_label=_("Niemand (terug naar de wachtrij)")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor"].queryset = advisors()


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(
        label=_("Nieuwe status"),
        choices=[(s.value, s.label) for s in TicketStatus if s != TicketStatus.CLOSED],
        error_messages={"invalid_choice": _("Kies een geldige status.")},
    )

    def __init__(self, *args, ticket: Ticket | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if ticket is not None:
            # Only the moves the transition map allows from here (closing has its own form).
            keep_choices(self, "to_status", ticket.can_transition_to)


class CloseForm(forms.Form):
    outcome = forms.ModelChoiceField(
        queryset=OutcomeCategory.objects.filter(is_active=True),
        label=_("Uitkomst"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de uitkomst om de vraag te sluiten.")},
    )


class MergeForm(forms.Form):
    target = forms.CharField(
        label=_("Samenvoegen met vraagnummer"),
        max_length=20,
        help_text=_("Bijvoorbeeld DIB-2026-000123."),
        error_messages={"required": _("Vul het vraagnummer in van de vraag waarmee je wilt samenvoegen.")},
    )

    def __init__(self, *args, ticket: Ticket, **kwargs):
        self.ticket = ticket
        super().__init__(*args, **kwargs)

    def clean_target(self):
        reference = self.cleaned_data["target"].strip().upper()
        if reference == self.ticket.reference:
            raise ValidationError(_("Een vraag kan niet met zichzelf worden samengevoegd."), code="self")
        target = Ticket.objects.filter(
            reference=reference, merged_into__isnull=True, pseudonymised_at__isnull=True
        ).first()
        if target is None:
            raise ValidationError(
                _("Er is geen (niet samengevoegde) vraag met nummer %(reference)s."),
                params={"reference": reference},
                code="unknown",
            )
        if refusal := merge_refusal(source=self.ticket, target=target):
            raise ValidationError(refusal, code="not_allowed")
        return target
