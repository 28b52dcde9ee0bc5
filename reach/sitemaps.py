"""sitemap.xml: every public page, in Dutch and English, with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from communities.models import Network
from menukaart.models import Example, Measure
from reach import landing
from reach.models import LandingPage, page_url

PUBLIC_PAGES = [
    "core:home", "core:about", "core:partners", "core:contact", "core:privacy", "core:accessibility",
    "menukaart:index", "menukaart:levels", "menukaart:phases", "menukaart:evidence_scale",
    "menukaart:material_list", "menukaart:initiative_list", "menukaart:example_list",
    "helpdesk:ask", "communities:index", "communities:calendar", "communities:role_model_list",
    "landing:index", "embed_guide",
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


class LandingSitemap(BilingualSitemap):
    """Every landing page (sector, size group, partner); the last change is the editors' text."""

    changefreq = "weekly"
    priority = 0.7

    def items(self):
        edited = {
            (row.kind, row.sector or row.size or row.organisation.slug): row.updated_at
            for row in LandingPage.objects.select_related("organisation")
        }
        return [(kind, key, edited.get((kind, key))) for kind, key in landing.all_pages()]

    def location(self, item):
        return page_url(item[0], item[1])

    def lastmod(self, item):
        return item[2]


class NetworkSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Network.objects.listed().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "paginas": PageSitemap,
    "maatregelen": MeasureSitemap,
    "voorbeelden": ExampleSitemap,
    "voor": LandingSitemap,
    "doe-netwerken": NetworkSitemap,
}
