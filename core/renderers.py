"""The portal's form renderer: Django's own, with the commonest widgets rendered in Python.

Django renders every widget through the template engine, and a <select> through one template for
the list plus an included template (and an included attributes template) for every option: the
advisors' queue filter, with some sixty options, spent more time there than on its 50 rows. This
renderer writes the same HTML as Django's templates for `<select>` with its options and for the
plain `<input>` widgets (text, search, e-mail, number, URL, hidden, password, date...), character
for character (tests/core/test_renderers.py compares them), and hands everything else, and any
widget with a template of its own, to Django's template renderer.
"""

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import escape
from django.utils.safestring import SafeData

SELECT = "django/forms/widgets/select.html"
SELECT_OPTION = "django/forms/widgets/select_option.html"
INPUT = "django/forms/widgets/input.html"
TEXTAREA = "django/forms/widgets/textarea.html"
# Templates that only include input.html (django/forms/widgets/<type>.html).
INPUT_TYPES = "text search email number url tel hidden password date datetime time checkbox color file".split()
INPUTS = {INPUT, *(f"django/forms/widgets/{name}.html" for name in INPUT_TYPES)}

# Read-only: what render_value_in_context needs to know (escaping on, default localisation).
_CONTEXT = Context(autoescape=True)


def _text(value) -> str:
    """`{{ value }}` in a template."""
    return render_value_in_context(value, _CONTEXT)


def _string(value) -> str:
    """`{{ value|stringformat:'s' }}` in a template (stringformat keeps a safe string safe)."""
    text = "%s" % value  # noqa: UP031 (the filter's own formatting)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_string(value)}"')
    return "".join(parts)


def _select(widget: dict) -> str:
    """django/forms/widgets/select.html with select_option.html for each option."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_string(option["value"])}"{_attrs(option["attrs"])}>{_text(option["label"])}'
                "</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html (and the templates that only include it)."""
    value = "" if widget["value"] is None else f' value="{_string(widget["value"])}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _textarea(widget: dict) -> str:
    """django/forms/widgets/textarea.html."""
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


class PortalFormRenderer(DjangoTemplates):
    """FORM_RENDERER: selects and inputs in Python, every other widget and form through templates."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name == SELECT and all(
                option.get("template_name") == SELECT_OPTION
                for _name, group, _i in widget["optgroups"]
                for option in group
            ):
                return _select(widget).strip()
            if template_name in INPUTS:
                return _input(widget).strip()
            if template_name == TEXTAREA:
                return _textarea(widget).strip()
        return super().render(template_name, context, request=request)
