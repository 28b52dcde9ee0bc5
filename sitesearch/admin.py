"""Editors maintain the search synonyms in Beheer; they apply to the next search (no reindexing needed)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sitesearch.models import Synonym


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    list_display = ("term", "related", "note", "updated_at")
    search_fields = ("term", "related", "note")
    ordering = ("term",)
    fieldsets = ((None, {"fields": ("term", "related", "note")}),)

    def get_changeform_initial_data(self, request):
        # "Synoniem toevoegen" from the list of searches without a result fills in the search.
        initial = super().get_changeform_initial_data(request)
        initial["term"] = (request.GET.get("term") or "")[:100]
        return initial

    @admin.display(description=_("Zoek ook op"))
    def related_display(self, obj):
        return ", ".join(obj.related_list)
