from django import forms
from django.utils.translation import gettext_lazy as _

from menukaart.models import PlanItem


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
        fields = ["position", "owner", "start_month", "note"]
        labels = {"position": _("Volgorde"), "owner": _("Eigenaar"), "note": _("Notitie")}
        help_texts = {"owner": _("Wie trekt dit? Een functie is genoeg, bijvoorbeeld 'HR-adviseur'.")}
        widgets = {"note": forms.Textarea(attrs={"rows": 3}), "position": forms.NumberInput(attrs={"min": 1})}


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
