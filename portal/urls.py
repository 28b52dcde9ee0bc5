from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from accounts import views as accounts_views
from core import views as core_views
from reach import embeds as reach_embeds
from reach import feeds
from reach import views as reach_views
from reach.sitemaps import SITEMAPS

admin.site.site_header = _("Werkagenda VIA portaal: beheer")
admin.site.site_title = _("VIA-beheer")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("gezondheid/", core_views.health, name="health"),
    path("api/", include("reach.urls")),
    path("robots.txt", reach_views.robots_txt, name="robots_txt"),
    path("", include("reach.short_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("feeds/maatregelen/", feeds.MeasureFeed(), name="feed_measures"),
    path("feeds/maatregelen/<slug:theme>/", feeds.MeasureFeed(), name="feed_measures_theme"),
    path("feeds/praktijkvoorbeelden/", feeds.ExampleFeed(), name="feed_examples"),
    path("feeds/agenda/", feeds.EventFeed(), name="feed_events"),
    path("feeds/agenda/<slug:theme>/", feeds.EventFeed(), name="feed_events_theme"),
]
urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("account/", include("accounts.urls")),
    path("menukaart/", include("menukaart.urls")),
    path("helpdesk/", include("helpdesk.urls")),
    path("doe-netwerken/", include("communities.urls")),
    path("zoeken/", include("sitesearch.urls")),
    path("op-je-eigen-site/", reach_embeds.embed_guide, name="embed_guide"),
    path("voor/", include("reach.landing_urls")),
    path("nieuwsbrief/", include("reach.newsletter_urls")),
    path("impact/", include("impact.urls")),
    # The admin's log-in and password change go to the site's own, throttled forms.
    path("beheer/login/", accounts_views.admin_login, name="admin_login"),
    path("beheer/password_change/", RedirectView.as_view(pattern_name="accounts:password_change")),
    path("beheer/", admin.site.urls),
    prefix_default_language=False,
)

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
