from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reach import newsletter
from reach.models import LandingPage, NewsletterIssue, NewsletterSubscriber, ShortLink

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@admin.register(ShortLink)
class ShortLinkAdmin(admin.ModelAdmin):
    list_display = ["code", "purpose", "target", "opens", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["code", "purpose", "target"]
    readonly_fields = ["short_address", "qr_code", "opens", "created_by", "created_at"]
    fields = ["code", "target", "purpose", "is_active", "short_address", "qr_code", "opens", "created_by", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_opens()

    @admin.display(description=_("keer geopend"), ordering="opens")
    def opens(self, obj) -> int:
        return getattr(obj, "opens", 0) or 0

    @admin.display(description=_("korte link"))
    def short_address(self, obj) -> str:
        return obj.public_url if obj.pk else "-"

    @admin.display(description=_("QR-code"))
    def qr_code(self, obj) -> StrOrPromise:
        if not obj.pk:
            return _("Verschijnt na het bewaren.")
        svg = reverse("reach:short_link_qr_svg", args=[obj.code])
        png = reverse("reach:short_link_qr_png", args=[obj.code])
        return format_html(
            '<img src="{}" alt="{}" width="160" height="160"><br><a href="{}">{}</a> · <a href="{}">{}</a>',
            svg, _("QR-code voor %(url)s") % {"url": obj.public_url}, svg, _("Download SVG (drukwerk)"),
            png, _("Download PNG (dia's, sociale media)"),
        )  # fmt: skip

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(LandingPage)
class LandingPageAdmin(admin.ModelAdmin):
    """The editors' text on the landing pages (/voor/...): one row per sector, size group or partner."""

    list_display = ["__str__", "page_link", "updated_at", "updated_by"]
    list_filter = ["kind"]
    search_fields = ["intro", "organisation__name"]
    filter_horizontal = ["themes", "networks"]
    readonly_fields = ["page_link", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["kind", "sector", "size", "organisation", "page_link"]}),
        (_("Inhoud"), {"fields": ["intro", "themes", "networks"]}),
        (
            _("Helpdesk van de partner"),
            {"fields": ["contact_intro", "contact_phone", "contact_email", "contact_url"]},
        ),
        (_("Bijgewerkt"), {"fields": ["updated_at", "updated_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "updated_by")

    @admin.display(description=_("pagina"))
    def page_link(self, obj: LandingPage) -> StrOrPromise:
        if not obj.pk:
            return _("Verschijnt na het bewaren.")
        url = obj.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    """The monthly newsletters sent, with how many subscribers got each (no addresses)."""

    list_display = ["month", "items", "recipients", "created_at"]
    readonly_fields = ["month", "items", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(recipient_count=Count("deliveries"))

    @admin.display(description=_("verstuurd aan"), ordering="recipient_count")
    def recipients(self, obj) -> int:
        return obj.recipient_count

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NewsletterSubscriber)
class NewsletterSubscriberAdmin(admin.ModelAdmin):
    """Subscribers' addresses are personal data: only superusers (no role has these rights).
    Deleting here also erases the address from the outbox's copies (reach.newsletter.remove)."""

    list_display = ["email", "created_at", "confirmed_at"]
    list_filter = [("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = ["email", "created_at", "confirmed_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj):
        newsletter.remove(obj)

    def delete_queryset(self, request, queryset):
        for subscriber in queryset:
            newsletter.remove(subscriber)
