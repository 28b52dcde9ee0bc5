"""sitemap.xml: every public page, in Dutch and English, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from menukaart.models import Example, Measure

PUBLIC_PAGES = [
    "core:home", "core:about", "core:partners", "core:contact", "core:privacy", "core:accessibility",
    "menukaart:index", "menukaart:levels", "menukaart:phases", "menukaart:evidence_scale",
    "menukaart:material_list", "menukaart:initiative_list", "menukaart:example_list",
    "helpdesk:ask", "communities:index",
]  # fmt: skip


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return PUBLIC_PAGES

    def location(self, item):
        return reverse(item)


class MeasureSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Measure.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at


class ExampleSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Example.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"paginas": PageSitemap, "maatregelen": MeasureSitemap, "voorbeelden": ExampleSitemap}
