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


PlanItemFormSet = forms.modelformset_factory(PlanItem, form=PlanItemForm, extra=0, can_delete=True, edit_only=True)
