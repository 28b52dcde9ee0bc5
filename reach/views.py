from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Organisation
from menukaart.services import find_plan
from reach import landing as landing_pages
from reach import newsletter
from reach.forms import NewsletterForm
from reach.models import SECTOR_BY_SLUG, SIZE_BY_SLUG, ShortLink, ShortLinkDailyOpens
from reach.qr import qr_png, qr_svg

# Pages that are private, personal or endless for a crawler. Everything else may be indexed.
ROBOTS_DISALLOW = [
    "/beheer/", "/account/", "/helpdesk/volg/", "/helpdesk/wachtrij/", "/helpdesk/mijn-vragen/",
    "/helpdesk/doorverwijzingen/", "/helpdesk/doorverwijzen/", "/menukaart/gedeeld/", "/menukaart/mijn-menukaart/",
    "/en/beheer/", "/en/account/", "/en/helpdesk/", "/en/menukaart/gedeeld/", "/en/menukaart/mijn-menukaart/",
    "/nieuwsbrief/bevestigen/", "/nieuwsbrief/afmelden/", "/en/nieuwsbrief/bevestigen/", "/en/nieuwsbrief/afmelden/",
]  # fmt: skip


@require_GET
@cache_page(60 * 60)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {settings.PORTAL_BASE_URL.rstrip('/')}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def short_link(request, code: str):
    """/k/<code>/: count the open (per day, nothing about the visitor) and go to the target."""
    link = get_object_or_404(ShortLink, code=code, is_active=True)
    ShortLinkDailyOpens.record(link)
    return redirect(link.target)


@require_GET
@permission_required("reach.view_shortlink", raise_exception=True)
def short_link_qr(request, code: str, kind: str):
    """The QR code of a short link, for editors (Beheer links here), as a download."""
    link = get_object_or_404(ShortLink, code=code)
    if kind == "svg":
        response = HttpResponse(qr_svg(link.public_url), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr_png(link.public_url), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="qr-{link.code}.{kind}"'
    return response


# --- Landing pages -------------------------------------------------------------------------------


def _render_landing(request, landing: landing_pages.Landing):
    plan = find_plan(user=request.user, session=request.session)
    return render(
        request,
        "reach/landing.html",
        {
            "landing": landing,
            "plan_measure_ids": set(plan.items.values_list("measure_id", flat=True)) if plan else set(),
        },
    )


@require_GET
def landing_index(request):
    return render(request, "reach/landing_index.html", landing_pages.index_entries())


@require_GET
def landing_sector(request, slug: str):
    letter = SECTOR_BY_SLUG.get(slug)
    if letter is None:
        raise Http404
    return _render_landing(request, landing_pages.sector_landing(letter))


@require_GET
def landing_size(request, slug: str):
    size = SIZE_BY_SLUG.get(slug)
    if size is None:
        raise Http404
    return _render_landing(request, landing_pages.size_landing(size))


@require_GET
def landing_partner(request, slug: str):
    partner = get_object_or_404(Organisation.objects.partners(), slug=slug)
    return _render_landing(request, landing_pages.partner_landing(partner))


# --- The newsletter ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def newsletter_subscribe(request):
    """Sign up for "Nieuw op de menukaart". The answer is the same for every address."""
    if request.method == "GET":
        return render(request, "reach/newsletter_subscribe.html", {"form": NewsletterForm()})
    form = NewsletterForm(request.POST)
    if newsletter.subscribe_rate_limited(request):
        form.is_valid()
        form.add_error(None, _("Je hebt je in korte tijd te vaak aangemeld. Probeer het over een uur opnieuw."))
        return render(request, "reach/newsletter_subscribe.html", {"form": form}, status=429)
    if not form.is_valid():
        return render(request, "reach/newsletter_subscribe.html", {"form": form}, status=400)
    newsletter.request_subscription(email=form.cleaned_data["email"], request=request)
    return render(request, "reach/newsletter_check_mail.html", {"days": settings.NEWSLETTER_UNCONFIRMED_DAYS})


@never_cache
@require_http_methods(["GET", "POST"])
def newsletter_confirm(request, token: str):
    """The confirmation link: a page with a button (a mail scanner that follows the link confirms
    nothing); the button confirms."""
    subscriber = newsletter.subscriber_for_confirmation(token)
    if subscriber is None:
        return render(request, "reach/newsletter_confirm.html", {"invalid": True}, status=404)
    if request.method == "POST":
        newsletter.confirm(subscriber)
        return render(request, "reach/newsletter_confirm.html", {"done": True})
    return render(request, "reach/newsletter_confirm.html", {})


# Mail clients may post here without a session or CSRF token (RFC 8058 one-click unsubscribe);
# the signed token in the address is the only authority, and all it can do is stop the e-mail.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request, token: str):
    subscriber = newsletter.subscriber_for_unsubscribe(token)
    if request.method == "POST":
        if subscriber is not None:
            newsletter.remove(subscriber)
        return render(request, "reach/newsletter_unsubscribe.html", {"done": True})
    # Unknown or already removed: say so, without a button.
    return render(request, "reach/newsletter_unsubscribe.html", {"done": subscriber is None})
