"""Pages for SER/DiB advisors: the queue, a ticket and its actions, the capacity dashboard."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from helpdesk import permissions, reports, services
from helpdesk.filters import QueueFilter
from helpdesk.forms import AssignForm, CloseForm, MergeForm, NoteForm, ReplyForm, StatusForm
from helpdesk.models import AuditEvent, InvalidTransition, Message, StandardAnswer, Ticket, TicketStatus
from helpdesk.views.common import attachment_response, page_number

PAGE_SIZE = 50
COUNT_CAP = 1000


def advisor_required(view):
    """Logged in (else the log-in page) and allowed to work the queue (else 403)."""

    @login_required
    @permission_required("helpdesk.work_queue", raise_exception=True)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    return wrapper


def capped_count(queryset, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """Count at most cap+1 rows: large result sets show "1000+" instead of a slow exact count."""
    count = queryset.order_by()[: cap + 1].count()
    return min(count, cap), count > cap


@advisor_required
@require_GET
def queue(request):
    data = request.GET.copy() if request.GET else QueryDict(mutable=True)
    data.setdefault("status", "open")
    filterset = QueueFilter(data, queryset=Ticket.objects.for_queue(), user=request.user)
    tickets = filterset.qs
    if not (filterset.form.is_valid() and filterset.form.cleaned_data.get("sort")):
        tickets = tickets.order_by("due_date", "created_at")
    page = page_number(request)
    offset = (page - 1) * PAGE_SIZE
    rows = list(tickets[offset : offset + PAGE_SIZE + 1])
    total, more = capped_count(tickets, COUNT_CAP)
    params = data.copy()
    params.pop("pagina", None)
    return render(
        request,
        "helpdesk/queue.html",
        {
            "filter": filterset,
            "tickets": rows[:PAGE_SIZE],
            "page": page,
            "has_next": len(rows) > PAGE_SIZE,
            "total": total,
            "total_capped": more,
            "totals": reports.queue_totals_capped(cap=COUNT_CAP),
            "query": params.urlencode(),
        },
        status=200 if filterset.form.is_valid() else 400,
    )


def _get_ticket(request, reference) -> Ticket:
    return get_object_or_404(permissions.tickets_visible_to(request.user).for_detail(), reference=reference)


def _render_detail(request, ticket, *, status=200, **forms):
    user = request.user
    context = {
        "ticket": ticket,
        "thread": list(Message.objects.filter(ticket=ticket).for_thread()),
        "audit_events": list(AuditEvent.objects.filter(ticket=ticket).select_related("actor")[:30]),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "assign_form": forms.get("assign_form") or AssignForm(initial={"advisor": ticket.assigned_to_id}),
        "status_form": forms.get("status_form") or StatusForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "merge_form": forms.get("merge_form") or MergeForm(ticket=ticket),
        "can_reply": permissions.can_reply(user, ticket),
        "can_note": permissions.can_add_note(user, ticket),
        "can_claim": permissions.can_claim(user, ticket),
        "can_assign": permissions.can_assign(user, ticket),
        "can_merge": permissions.can_merge(user, ticket),
        "can_close": permissions.can_close(user, ticket),
        "can_change_status": permissions.can_change_status(user, ticket),
        "merged_tickets": list(Ticket.objects.merged_into_ticket(ticket)),
    }
    services.record_view(ticket=ticket, by=user, what="vraag")
    return render(request, "helpdesk/ticket_detail.html", context, status=status)


@advisor_required
@require_GET
def ticket_detail(request, reference):
    return _render_detail(request, _get_ticket(request, reference))


def _done(request, ticket, message):
    messages.success(request, message)
    return redirect(ticket.get_absolute_url())


def _refused(request, ticket, error: InvalidTransition):
    messages.error(
        request,
        _("Deze statuswijziging is niet toegestaan: van %(from)s naar %(to)s.")
        % {"from": TicketStatus(error.from_status).label, "to": TicketStatus(error.to_status).label},
    )
    return redirect(ticket.get_absolute_url())


@advisor_required
@require_POST
def ticket_claim(request, reference):
    ticket = _get_ticket(request, reference)
    if not ticket.is_open or ticket.merged_into_id is not None:
        messages.error(request, _("Alleen een openstaande vraag kan worden opgepakt."))
        return redirect(ticket.get_absolute_url())
    if services.claim_ticket(ticket=ticket, by=request.user):
        return _done(request, ticket, _("Je hebt deze vraag opgepakt."))
    messages.error(request, _("Deze vraag is al door iemand anders opgepakt."))
    return redirect(ticket.get_absolute_url())


@advisor_required
@require_POST
def ticket_assign(request, reference):
    ticket = _get_ticket(request, reference)
    if not permissions.can_assign(request.user, ticket):
        raise PermissionDenied
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, ticket, assign_form=form, status=400)
    services.assign_ticket(ticket=ticket, to=form.cleaned_data["advisor"], by=request.user)
    return _done(request, ticket, _("De toewijzing is opgeslagen."))


@advisor_required
@require_POST
def ticket_reply(request, reference):
    ticket = _get_ticket(request, reference)
    if not permissions.can_reply(request.user, ticket):
        raise PermissionDenied
    if request.POST.get("action") == "insert_standard":
        # Without JavaScript: put the chosen standard answer into the text field, keep the rest.
        chosen = request.POST.get("standard_answer", "")
        answer = (
            StandardAnswer.objects.filter(is_active=True, pk=int(chosen)).first()
            if chosen.isascii() and chosen.isdigit() and len(chosen) < 10
            else None
        )
        data = request.POST.copy()
        if answer is not None:
            current = data.get("body", "").strip()
            data["body"] = f"{current}\n\n{answer.body}".strip() if current else answer.body
        form = ReplyForm(initial={**data.dict(), "measures": data.getlist("measures")})
        return _render_detail(request, ticket, reply_form=form)
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, ticket, reply_form=form, status=400)
    try:
        services.reply(
            ticket=ticket,
            by=request.user,
            body=form.cleaned_data["body"],
            measures=form.cleaned_data["measures"],
            files=form.cleaned_data["attachments"],
            then_status=form.cleaned_data["then_status"],
        )
    except InvalidTransition as error:
        return _refused(request, ticket, error)
    return _done(request, ticket, _("Het antwoord is verstuurd."))


@advisor_required
@require_POST
def ticket_note(request, reference):
    ticket = _get_ticket(request, reference)
    if not permissions.can_add_note(request.user, ticket):
        raise PermissionDenied
    form = NoteForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, ticket, note_form=form, status=400)
    services.add_note(
        ticket=ticket, by=request.user, body=form.cleaned_data["body"], files=form.cleaned_data["attachments"]
    )
    return _done(request, ticket, _("De notitie is opgeslagen."))


@advisor_required
@require_POST
def ticket_status(request, reference):
    ticket = _get_ticket(request, reference)
    if not permissions.can_change_status(request.user, ticket):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, ticket, status_form=form, status=400)
    try:
        services.transition(ticket=ticket, to_status=form.cleaned_data["to_status"], by=request.user)
    except InvalidTransition as error:
        return _refused(request, ticket, error)
    return _done(request, ticket, _("De status is gewijzigd."))


@advisor_required
@require_POST
def ticket_close(request, reference):
    ticket = _get_ticket(request, reference)
    if not permissions.can_close(request.user, ticket):
        raise PermissionDenied
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, ticket, close_form=form, status=400)
    try:
        services.close_ticket(ticket=ticket, by=request.user, outcome=form.cleaned_data["outcome"])
    except InvalidTransition as error:
        return _refused(request, ticket, error)
    return _done(request, ticket, _("De vraag is gesloten."))


@advisor_required
@require_POST
def ticket_merge(request, reference):
    ticket = _get_ticket(request, reference)
    if not permissions.can_merge(request.user, ticket):
        raise PermissionDenied
    form = MergeForm(request.POST, ticket=ticket)
    if not form.is_valid():
        return _render_detail(request, ticket, merge_form=form, status=400)
    try:
        target = services.merge_tickets(source=ticket, target=form.cleaned_data["target"], by=request.user)
    except services.MergeNotAllowed as error:
        # Changed between the form check and the locked rows (e.g. pseudonymised meanwhile).
        messages.error(request, str(error))
        return redirect(ticket.get_absolute_url())
    except InvalidTransition as error:
        return _refused(request, ticket, error)
    messages.success(request, _("Vraag %(source)s is samengevoegd met deze vraag.") % {"source": ticket.reference})
    return redirect(target.get_absolute_url())


@login_required
@require_GET
def attachment_download(request, pk):
    """Staff and (where consent allows) the referring partner; everyone else gets a 404."""
    attachment = get_object_or_404(
        permissions.attachments_visible_to(request.user).select_related("message__ticket"), pk=pk
    )
    services.audit(ticket=attachment.message.ticket, action="bijlage", actor=request.user, attachment=attachment.pk)
    return attachment_response(attachment)
