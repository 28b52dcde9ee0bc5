"""Keep the search index current when materials, initiatives, examples, networks, their meetings and
lessons change (measures: menukaart.signals)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from communities.models import Lesson, Meeting, Network
from menukaart.models import Example, Initiative, Material
from sitesearch.indexing import reindex
from sitesearch.models import Kind

KINDS = {Material: Kind.MATERIAL, Initiative: Kind.INITIATIVE, Example: Kind.EXAMPLE, Meeting: Kind.MEETING}


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


def reindex_networks(network_ids) -> None:
    """A network's document and those of its meetings (which carry its name, themes and visibility)."""
    network_ids = set(network_ids)
    if not network_ids:
        return
    reindex(Kind.NETWORK, network_ids)
    reindex(Kind.MEETING, Meeting.objects.filter(network__in=network_ids).values_list("pk", flat=True))


def _network_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_networks([instance.pk])


def _lesson_changed(sender, instance, raw=False, **kwargs):
    # A published lesson is part of its network's and its meeting's text.
    if not raw:
        reindex(Kind.NETWORK, [instance.network_id])
        if instance.meeting_id:
            reindex(Kind.MEETING, [instance.meeting_id])


def _network_themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if isinstance(instance, Network):
        if action in {"post_add", "post_remove", "post_clear"}:
            reindex_networks([instance.pk])
        return
    # Changed from a theme's side: a clear sends no ids afterwards, so note them before.
    if action == "pre_clear":
        instance._search_networks_before_clear = set(instance.networks.values_list("pk", flat=True))
    elif action == "post_clear":
        reindex_networks(instance.__dict__.pop("_search_networks_before_clear", set()))
    elif action in {"post_add", "post_remove"} and pk_set:
        reindex_networks(pk_set)


post_save.connect(_network_changed, sender=Network, dispatch_uid="sitesearch_saved_Network")
post_delete.connect(_network_changed, sender=Network, dispatch_uid="sitesearch_deleted_Network")
post_save.connect(_lesson_changed, sender=Lesson, dispatch_uid="sitesearch_saved_Lesson")
post_delete.connect(_lesson_changed, sender=Lesson, dispatch_uid="sitesearch_deleted_Lesson")
m2m_changed.connect(_network_themes_changed, sender=Network.themes.through, dispatch_uid="sitesearch_network_themes")
