"""Embeds for partner sites, each placed with one <iframe>, no third-party code: a measures widget
(by theme, with a search box that opens the portal) and the helpdesk's question form
("doorverwijzen / stel een vraag") that records the partner as the question's source.

Framing is allowed only here, and only for the partner sites in EMBED_FRAME_ANCESTORS; every
other page keeps `frame-ancestors 'none'` and X-Frame-Options: DENY.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Organisation
from helpdesk import services as helpdesk_services
from helpdesk.views.common import rate_limited
from menukaart.models import Measure, Theme
from reach.forms import EmbedAskForm, new_form_token

WIDGET_MAX_ITEMS = 10


def embeddable(view):
    """Let the listed partner origins (and this site) frame the view's page."""

    @xframe_options_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        ancestors = " ".join(["'self'", *settings.EMBED_FRAME_ANCESTORS])
        response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace(
            "frame-ancestors 'none'", f"frame-ancestors {ancestors}"
        )
        return response

    return wrapper


def _count(raw: str | None) -> int:
    try:
        return min(max(int(raw or 5), 1), WIDGET_MAX_ITEMS)
    except ValueError:
        return 5


@require_GET
@embeddable
def measures_widget(request):
    """/embed/maatregelen/?thema=<slug>&aantal=5: the newest published measures of a theme."""
    theme = Theme.objects.filter(slug=request.GET.get("thema", "")).first()
    measures = Measure.objects.published().for_catalogue()
    if theme:
        measures = measures.filter(themes=theme)
    measures = list(measures.order_by("-published_at", "title")[: _count(request.GET.get("aantal"))])
    return render(request, "reach/embed_measures.html", {"theme": theme, "measures": measures})


# --- The question form ------------------------------------------------------------------------

RECEIVED_SALT = "reach.embed_ask.received"
# The thank-you page shows the question's number for this long after sending (seconds).
RECEIVED_MAX_AGE = 60 * 60


def partner_source(partner: Organisation | None) -> str:
    """What the question records as its source (helpdesk Ticket.source)."""
    return f"partnersite:{partner.slug}" if partner else "partnersite"


def _partner_or_none(request) -> tuple[Organisation | None, bool]:
    """The partner named by ?partner=<slug>, and whether the parameter was valid (absent is valid)."""
    slug = request.GET.get("partner", "").strip()
    if not slug:
        return None, True
    partner = Organisation.objects.partners().filter(slug=slug[:60]).first()
    return partner, partner is not None


def _with_partner(name: str, partner: Organisation | None, **params) -> str:
    query = {"partner": partner.slug} if partner else {}
    query.update(params)
    return reverse(name) + (f"?{urlencode(query)}" if query else "")


def _render_ask(request, form, partner, *, token: str, status: int = 200):
    context = {"form": form, "partner": partner, "form_token": token,
               "action": _with_partner("reach:embed_ask", partner)}  # fmt: skip
    return render(request, "reach/embed_ask.html", context, status=status)


# No CSRF cookie: a browser does not send the portal's cookies to a frame on another site, so the
# form carries a signed, dated token instead (reach.forms.EmbedAskForm). The form acts for no one:
# it reads no session and no logged-in user, so a forged post can do nothing a visitor cannot.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
@embeddable
def ask_form(request):
    """/embed/vraag/?partner=<slug>: "Stel een vraag" on a partner's site. The partner must be a
    known Werkagenda partner; the question records it as its source (the partner does not see it)."""
    partner, known = _partner_or_none(request)
    if not known:
        return render(request, "reach/embed_unknown_partner.html", status=400)
    if request.method == "GET":
        token = new_form_token()
        return _render_ask(request, EmbedAskForm(initial={"form_visit": token}), partner, token=token)
    form = EmbedAskForm(request.POST)
    token = request.POST.get("form_visit", "")[:200]
    if rate_limited(request, scope="ask"):  # the same count as the portal's own question form
        form.is_valid()
        form.add_error(
            None,
            _("Je hebt in korte tijd te veel vragen verstuurd. Probeer het over een uur opnieuw, of bel de helpdesk."),
        )
        return _render_ask(request, form, partner, token=token, status=429)
    if not form.is_valid():
        token = token if form.cleaned_data.get("form_visit") else new_form_token()
        return _render_ask(request, form, partner, token=token, status=400)
    data = form.cleaned_data
    ticket, follow_token = helpdesk_services.submit_question(
        subject=data["subject"],
        question=data["question"],
        employer_name=data["employer_name"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data["contact_phone"],
        sector=data["sector"],
        size_band=data["size_band"],
        province=data["province"],
        charter_signatory=data["charter_signatory"],
        themes=data["themes"],
        consent_processing=data["consent"],
        form_visit=data["form_visit"],
        source=partner_source(partner),
    )
    if not follow_token:
        # The same form posted again (a double click, a reload): one question, no second e-mail.
        return redirect(_with_partner("reach:embed_ask_received", partner))
    received = signing.TimestampSigner(salt=RECEIVED_SALT, sep=".").sign(ticket.reference)
    return redirect(_with_partner("reach:embed_ask_received", partner, nummer=received))


@never_cache
@require_GET
@embeddable
def ask_received(request):
    """The thank-you page inside the frame: the question's number (for an hour after sending)."""
    partner, _known = _partner_or_none(request)
    try:
        reference = signing.TimestampSigner(salt=RECEIVED_SALT, sep=".").unsign(
            request.GET.get("nummer", "")[:200], max_age=RECEIVED_MAX_AGE
        )
    except signing.BadSignature:
        reference = ""
    context = {"reference": reference, "partner": partner, "again": _with_partner("reach:embed_ask", partner)}
    return render(request, "reach/embed_ask_received.html", context)


@require_GET
def embed_guide(request):
    """How a partner embeds the widget and the form, with live previews (framed by this site itself)."""
    themes = Theme.objects.order_by("position", "name")
    partners = Organisation.objects.partners().order_by("name")
    base_url = settings.PORTAL_BASE_URL.rstrip("/")
    return render(request, "reach/embed_guide.html", {"themes": themes, "partners": partners, "base_url": base_url})
