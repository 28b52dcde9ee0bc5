"""Keep the search index current when materials, initiatives and examples change (measures: menukaart.signals)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from menukaart.models import Example, Initiative, Material
from sitesearch.indexing import reindex
from sitesearch.models import Kind

KINDS = {Material: Kind.MATERIAL, Initiative: Kind.INITIATIVE, Example: Kind.EXAMPLE}


def _item_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex(KINDS[sender], [instance.pk])


def _example_themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, Example):
        reindex(Kind.EXAMPLE, [instance.pk])


for _model in KINDS:
    post_save.connect(_item_changed, sender=_model, dispatch_uid=f"sitesearch_saved_{_model.__name__}")
    post_delete.connect(_item_changed, sender=_model, dispatch_uid=f"sitesearch_deleted_{_model.__name__}")
m2m_changed.connect(_example_themes_changed, sender=Example.themes.through, dispatch_uid="sitesearch_example_themes")
