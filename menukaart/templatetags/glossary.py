from django import template

from menukaart.glossary import explain_terms

register = template.Library()


@register.filter(name="uitleg")
def uitleg(text):
    """{{ measure.why_it_works|uitleg|linebreaks }}: jargon explained the first time it appears."""
    return explain_terms(text)
