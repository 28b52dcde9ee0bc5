"""Pages for a registered employer (werkgever): the questions they asked while logged in.

Every ticket is fetched through own_questions_of(user): another employer's ticket is a 404, exactly
like one that does not exist. The follow pages are the same as the private follow link's.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from helpdesk import services
from helpdesk.forms import FeedbackForm, RequesterReplyForm
from helpdesk.models import Attachment, MessageKind, Ticket
from helpdesk.permissions import own_questions_of, requester_can_reply
from helpdesk.views.common import attachment_response, page_number, rate_limited_reply_form, reply_rate_limited
from helpdesk.views.public import render_follow

PAGE_SIZE = 50


def own_questions_required(view):
    return login_required(permission_required("helpdesk.view_own_tickets", raise_exception=True)(view))


def _own_ticket(request, reference) -> Ticket:
    return get_object_or_404(own_questions_of(request.user).for_detail(), reference=reference)


def _render(request, ticket, **kwargs):
    return render_follow(
        request,
        ticket,
        by=request.user,
        reply_url=reverse("helpdesk:my_ticket_reply", args=[ticket.reference]),
        feedback_url=reverse("helpdesk:my_ticket_feedback", args=[ticket.reference]),
        **kwargs,
    )


@own_questions_required
@require_GET
def my_tickets(request):
    page = page_number(request)
    offset = (page - 1) * PAGE_SIZE
    rows = list(
        own_questions_of(request.user)
        .for_requester_list()
        .order_by("-created_at", "-pk")[offset : offset + PAGE_SIZE + 1]
    )
    return render(
        request,
        "helpdesk/my_tickets.html",
        {"tickets": rows[:PAGE_SIZE], "page": page, "has_next": len(rows) > PAGE_SIZE},
    )


@never_cache
@own_questions_required
@require_GET
def my_ticket(request, reference):
    ticket = _own_ticket(request, reference)
    # A duplicate folded into another question of the same employer shows that question.
    if ticket.merged_into_id and ticket.merged_into.requester_user_id == request.user.pk:
        return redirect("helpdesk:my_ticket", reference=ticket.merged_into.reference)
    return _render(request, ticket)


@never_cache
@own_questions_required
@require_POST
def my_ticket_reply(request, reference):
    ticket = _own_ticket(request, reference)
    if not requester_can_reply(ticket):
        raise Http404
    if reply_rate_limited(request, ticket):
        return _render(request, ticket, reply_form=rate_limited_reply_form(request), status=429)
    form = RequesterReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, ticket, reply_form=form, status=400)
    try:
        services.requester_reply(
            ticket=ticket, body=form.cleaned_data["body"], files=form.cleaned_data["attachments"], by=request.user
        )
    except services.AttachmentQuotaExceeded as refusal:
        form.add_error("attachments", str(refusal))
        return _render(request, ticket, reply_form=form, status=400)
    messages.success(request, _("Je reactie is verstuurd. De adviseur neemt die mee in het antwoord."))
    return redirect(reverse("helpdesk:my_ticket", args=[ticket.reference]) + "#berichten")


@never_cache
@own_questions_required
@require_POST
def my_ticket_feedback(request, reference):
    ticket = _own_ticket(request, reference)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _render(request, ticket, feedback_form=form, status=400)
    services.record_feedback(
        ticket=ticket, helpful=form.cleaned_data["helpful"], reason=form.cleaned_data["reason"], by=request.user
    )
    messages.success(request, _("Dank je wel voor je feedback."))
    return redirect(reverse("helpdesk:my_ticket", args=[ticket.reference]) + "#feedback")


@never_cache
@own_questions_required
@require_GET
def my_ticket_attachment(request, reference, pk):
    ticket = _own_ticket(request, reference)
    attachment = get_object_or_404(
        Attachment.objects.filter(message__ticket=ticket).exclude(message__kind=MessageKind.NOTE), pk=pk
    )
    services.audit(ticket=ticket, action="bijlage", actor=request.user, attachment=attachment.pk)
    return attachment_response(attachment)
