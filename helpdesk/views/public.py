"""Pages for employers without an account: the question form and the private follow link."""

import secrets

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from helpdesk import services
from helpdesk.forms import AskForm, FeedbackForm, RequesterReplyForm, SuggestForm, source_from_query
from helpdesk.models import Attachment, Message, MessageKind, Ticket, TicketStatus
from helpdesk.permissions import follows_own_questions, requester_can_reply
from helpdesk.views.common import attachment_response, rate_limited, rate_limited_reply_form, reply_rate_limited
from menukaart.models import Measure
from menukaart.search import suggest_measures

# The tickets this browser asked (their ids), so a second post of the same form shows the same page.
ASKED_SESSION_KEY = "helpdesk_asked"


def _kept_initial(data) -> dict:
    """The typed values, as initial data: re-rendered without showing validation errors."""
    initial = {}
    for name, field in AskForm.base_fields.items():
        if name == "website":
            continue
        if isinstance(field, django_forms.ModelMultipleChoiceField):
            initial[name] = data.getlist(name)
        elif name in data:
            initial[name] = data.get(name)
    return initial


def _render_ask(request, form, *, suggestions=None, status=200):
    return render(
        request,
        "helpdesk/ask.html",
        {
            "form": form,
            "suggestions": suggestions,
            "form_visit": form["form_visit"].value() or "",
        },
        status=status,
    )


def _measure_initial(request) -> dict:
    """"Stel een vraag over deze maatregel": the measure's title as subject and its themes ticked."""
    slug = request.GET.get("maatregel", "")[:120]
    measure = Measure.objects.published().prefetch_related("themes").filter(slug=slug).first() if slug else None
    if measure is None:
        return {}
    return {
        "subject": (_("Vraag over de maatregel '%(title)s'") % {"title": measure.title})[:200],
        "themes": [theme.pk for theme in measure.themes.all()],
    }


def _account_initial(user) -> dict:
    """A logged-in registered employer does not type their own details again."""
    if not follows_own_questions(user):
        return {}
    initial = {"contact_name": user.get_full_name(), "contact_email": user.email}
    if user.organisation_id:
        initial["employer_name"] = user.organisation.name
        # The employer's profile (organisation, sector, size band) fills in the same fields here.
        initial["sector"] = user.organisation.sector
        initial["size_band"] = user.organisation.size_band
    return {name: value for name, value in initial.items() if value}


@require_http_methods(["GET", "POST"])
def ask(request):
    """Stel een vraag. "Bekijk suggesties" re-renders with the typed text kept and matching measures."""
    if request.method == "GET":
        initial = {
            "form_visit": secrets.token_hex(8),
            "source": source_from_query(request.GET.get("netwerk", "")[:70]),
            **_account_initial(request.user),
            **_measure_initial(request),
        }
        return _render_ask(request, AskForm(initial=initial))
    if request.POST.get("action") == "suggest":
        found = suggest_measures(request.POST.get("question", ""))
        services.record_suggestions_shown(count=len(found))
        return _render_ask(request, AskForm(initial=_kept_initial(request.POST)), suggestions=found)
    form = AskForm(request.POST)
    if rate_limited(request, scope="ask"):
        form.is_valid()
        form.add_error(
            None,
            _("Je hebt in korte tijd te veel vragen verstuurd. Probeer het over een uur opnieuw, of bel de helpdesk."),
        )
        return _render_ask(request, form, status=429)
    if not form.is_valid():
        return _render_ask(request, form, status=400)
    data = form.cleaned_data
    ticket, token = services.submit_question(
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
        source=data["source"],
        requester_user=request.user if follows_own_questions(request.user) else None,
    )
    asked = request.session.get(ASKED_SESSION_KEY, [])
    if not token:
        # The same form posted again (a double click, a reload): no second ticket, no second e-mail.
        if ticket.pk not in asked:
            # Not this browser's post: say only that it arrived (no number, no link).
            return render(request, "helpdesk/ask_already_received.html")
        token = services.issue_access_token(ticket=ticket)
    else:
        request.session[ASKED_SESSION_KEY] = [*asked[-9:], ticket.pk]
    messages.success(
        request,
        _("Je vraag is ontvangen onder nummer %(reference)s. Je ontvangt een bevestiging per e-mail.")
        % {"reference": ticket.reference},
    )
    return redirect("helpdesk:follow", token=token)


@require_GET
def suggestions(request):
    """The suggestions list alone (for htmx while typing)."""
    form = SuggestForm(request.GET)
    text = request.GET.get("question") or request.GET.get("q") or ""  # htmx sends the textarea's own name
    found = suggest_measures(text[:5000]) if form.is_valid() else []
    services.record_suggestions_shown(count=len(found))
    return render(
        request,
        "helpdesk/_suggestions.html",
        {"suggestions": found, "form_visit": form.cleaned_data.get("form_visit", "") if form.is_valid() else ""},
    )


@require_GET
def suggestion_open(request, slug):
    """Count that a suggestion was opened (no personal data), then go to the measure."""
    measure = get_object_or_404(Measure.objects.published(), slug=slug)
    visit = request.GET.get("bezoek", "")[:64]
    services.record_suggestion_open(form_visit=visit if visit.isalnum() else "")
    return redirect(measure.get_absolute_url())


def _ticket_or_404(token: str) -> Ticket:
    """The ticket this follow link was issued for, and never another one: not even the ticket it
    was merged into (an e-mail address typed on the public form proves no identity, so a merge must
    not hand one person's thread to whoever typed their address)."""
    ticket = services.ticket_for_token(token)
    if ticket is None:
        raise Http404
    return ticket


def render_follow(
    request, ticket, *, reply_url, feedback_url, token=None, by=None, reply_form=None, feedback_form=None, status=200
):
    """The requester's view of a ticket: through the follow link (`token`) or, logged in, "Mijn vragen" (`by`)."""
    thread = list(Message.objects.filter(ticket=ticket).public().for_thread())
    if by is None:
        services.record_view(ticket=ticket, actor_label=services.REQUESTER_LABEL, what="volgpagina")
    else:
        services.record_view(ticket=ticket, by=by, what="mijn vragen")
    response = render(
        request,
        "helpdesk/follow.html",
        {
            "ticket": ticket,
            "token": token,
            "own_question": by is not None,
            "reply_url": reply_url,
            "feedback_url": feedback_url,
            "thread": thread,
            # "Did this help?" belongs under an answer, not under an advisor's clarifying question.
            "has_answer": ticket.status in (TicketStatus.ANSWERED, TicketStatus.CLOSED)
            and any(m.kind == MessageKind.REPLY for m in thread),
            "feedback": getattr(ticket, "feedback", None) if hasattr(ticket, "feedback") else None,
            "reply_form": reply_form or RequesterReplyForm(),
            "feedback_form": feedback_form or FeedbackForm(),
            "can_reply": requester_can_reply(ticket),
            "merged": ticket.merged_into_id is not None,
        },
        status=status,
    )
    # The token is in the URL: never send it to another site through Referer (never_cache keeps it
    # out of shared caches). Not "no-referrer": browsers then send "Origin: null" with the page's
    # own forms, and Django's CSRF check refuses the reply and the feedback.
    response["Referrer-Policy"] = "same-origin"
    return response


def _render_follow(request, token, ticket, **kwargs):
    return render_follow(
        request,
        ticket,
        token=token,
        reply_url=reverse("helpdesk:follow_reply", kwargs={"token": token}),
        feedback_url=reverse("helpdesk:follow_feedback", kwargs={"token": token}),
        **kwargs,
    )


@never_cache
@require_GET
def follow(request, token):
    ticket = _ticket_or_404(token)
    return _render_follow(request, token, ticket)


@never_cache
@require_POST
def follow_reply(request, token):
    ticket = _ticket_or_404(token)
    if not requester_can_reply(ticket):
        raise Http404
    if reply_rate_limited(request, ticket):
        return _render_follow(request, token, ticket, reply_form=rate_limited_reply_form(request), status=429)
    form = RequesterReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_follow(request, token, ticket, reply_form=form, status=400)
    try:
        services.requester_reply(ticket=ticket, body=form.cleaned_data["body"], files=form.cleaned_data["attachments"])
    except services.AttachmentQuotaExceeded as refusal:
        form.add_error("attachments", str(refusal))
        return _render_follow(request, token, ticket, reply_form=form, status=400)
    messages.success(request, _("Je reactie is verstuurd. De adviseur neemt die mee in het antwoord."))
    return redirect(reverse("helpdesk:follow", kwargs={"token": token}) + "#berichten")


@never_cache
@require_POST
def follow_feedback(request, token):
    ticket = _ticket_or_404(token)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _render_follow(request, token, ticket, feedback_form=form, status=400)
    services.record_feedback(ticket=ticket, helpful=form.cleaned_data["helpful"], reason=form.cleaned_data["reason"])
    messages.success(request, _("Dank je wel voor je feedback."))
    return redirect(reverse("helpdesk:follow", kwargs={"token": token}) + "#feedback")


@never_cache
@require_GET
def follow_attachment(request, token, pk):
    ticket = _ticket_or_404(token)
    attachment = get_object_or_404(
        Attachment.objects.filter(message__ticket=ticket).exclude(message__kind=MessageKind.NOTE), pk=pk
    )
    services.audit(ticket=ticket, action="bijlage", actor_label=services.REQUESTER_LABEL, attachment=attachment.pk)
    return attachment_response(attachment)
