from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reach.models import ShortLink


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
    def qr_code(self, obj) -> str:
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
