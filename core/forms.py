"""Form pieces every app shares."""

from django import forms
from django.utils.translation import gettext_lazy as _

TOO_LONG = _("Dit is te lang: gebruik ten hoogste %(limit_value)d tekens (nu %(show_value)d).")


class LimitedTextMixin:
    """Every text field says in Dutch how long it may be, instead of Django's English default.

    The field's own "max_length" message is enough: Field.run_validators swaps a validator's message
    for the field's message with the same code."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = TOO_LONG
