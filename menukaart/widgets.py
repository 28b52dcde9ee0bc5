"""Editing a list of short texts ("Zo begin je", "Tips", "Valkuilen") as rows instead of JSON.

Without JavaScript: every row is a text field with a position number; an emptied row is removed,
a spare empty row is filled to add one, and changing the numbers reorders. With JavaScript
(static/js/workspace.js) each row also gets "omhoog", "omlaag" and "verwijderen" buttons and there
is a "Regel toevoegen" button. Stored as a JSON list of strings, as before.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SPARE_ROWS = 2
MAX_ROWS = 30
MAX_ROW_LENGTH = 1000
DEFAULT_ROW_LABEL = gettext_lazy("Regel")


class ListRowsWidget(forms.Widget):
    use_fieldset = True

    def __init__(self, *, row_label=DEFAULT_ROW_LABEL, attrs=None):
        super().__init__(attrs)
        self.row_label = row_label

    def format_value(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [value]
        return [str(item) for item in value]

    def value_from_datadict(self, data, files, name):
        texts = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        orders = data.getlist(f"{name}__order") if hasattr(data, "getlist") else []
        rows = []
        for index, text in enumerate(texts[: MAX_ROWS + SPARE_ROWS + 50]):
            raw = orders[index] if index < len(orders) else ""
            position = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else index + 1
            rows.append((position, index, text))
        return [text for _position, _index, text in sorted(rows)]

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_

    def render(self, name, value, attrs=None, renderer=None):
        values = [text for text in self.format_value(value)]
        base_id = (attrs or {}).get("id") or f"id_{name}"
        rows = [*values, *([""] * SPARE_ROWS)]
        described = (attrs or {}).get("aria-describedby")
        items = []
        for index, text in enumerate(rows):
            number = index + 1
            label = _("%(row)s %(number)s") % {"row": self.row_label, "number": number}
            items.append(
                format_html(
                    '<li class="list-row" data-list-row data-row-kind="{kind}">'
                    '<label for="{id}_{i}">{label}</label>'
                    '<textarea name="{name}" id="{id}_{i}" rows="2" cols="60"{described}>{text}</textarea>'
                    '<span class="list-row-order"><label for="{id}_{i}_order">{order_label}</label>'
                    '<input type="number" name="{name}__order" id="{id}_{i}_order" value="{number}" min="1" '
                    'max="99" data-order></span>'
                    '<span class="list-row-buttons">'
                    '<button type="button" class="button" data-row-action="up">{up}</button>'
                    '<button type="button" class="button" data-row-action="down">{down}</button>'
                    '<button type="button" class="button" data-row-action="remove">{remove}</button>'
                    "</span></li>",
                    kind="spare" if index >= len(values) else "filled",
                    id=base_id,
                    i=index,
                    name=name,
                    label=label,
                    text=text,
                    described=format_html(' aria-describedby="{}"', described) if described else "",
                    order_label=_("Volgorde van %(row)s") % {"row": label.lower()},
                    number=number,
                    up=_("Omhoog"),
                    down=_("Omlaag"),
                    remove=_("Verwijderen"),
                )
            )
        return format_html(
            '<div class="list-rows" data-list-rows><ol class="list-rows-items">{items}</ol></div>'
            '<button type="button" class="button list-rows-add" data-row-add hidden>{add}</button>'
            '<p class="list-rows-help">{help}</p>',
            items=format_html_join("", "{}", ((item,) for item in items)),
            add=_("Regel toevoegen"),
            help=_(
                "Lege regels worden weggelaten. Zonder JavaScript: vul een lege regel om er een toe te voegen en "
                "pas de volgordenummers aan om te verschuiven."
            ),
        )


class ListRowsField(forms.Field):
    """A list of non-empty texts, each at most MAX_ROW_LENGTH characters."""

    widget = ListRowsWidget

    def __init__(self, *, row_label=DEFAULT_ROW_LABEL, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(widget=ListRowsWidget(row_label=row_label), **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return []
        items = value if isinstance(value, list | tuple) else [value]
        return [str(item).replace("\r\n", "\n").strip() for item in items if str(item).strip()]

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_ROWS:
            raise ValidationError(
                _("Maximaal %(max)s regels; je hebt er %(count)s."), params={"max": MAX_ROWS, "count": len(value)}
            )
        for number, text in enumerate(value, start=1):
            if "\x00" in text:
                raise ValidationError(_("Regel %(number)s bevat een ongeldig teken."), params={"number": number})
            if len(text) > MAX_ROW_LENGTH:
                raise ValidationError(
                    _("Regel %(number)s is te lang: maximaal %(max)s tekens."),
                    params={"number": number, "max": MAX_ROW_LENGTH},
                )

    def has_changed(self, initial, data):
        return list(initial or []) != self.to_python(data)

    def prepare_value(self, value):
        return value
