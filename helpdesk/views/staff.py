"""Pages for SER/DiB advisors: the queue, a ticket and its actions, the capacity dashboard."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.permissions import HelpdeskPerm
from helpdesk import permissions, reports, services
from helpdesk.filters import QueueFilter
from helpdesk.forms import (
    MAX_TEXT_LENGTH,
    AssignForm,
    CloseForm,
    ComposeForm,
    ComposeKind,
    MergeForm,
    StatusForm,
)
from helpdesk.measure_suggestions import suggested_measures
from helpdesk.models import AuditAction, AuditEvent, InvalidTransition, Message, StandardAnswer, Ticket, TicketStatus
from helpdesk.views.common import attachment_response, page_number, report_files_not_stored
from menukaart.models import Measure
from menukaart.search import suggest_measures

PAGE_SIZE = 50
COUNT_CAP = 1000


def advisor_required(view):
    """Logged in (else the log-in page) and allowed to work the queue (else 403)."""

    @login_required
    @permission_required(HelpdeskPerm.WORK_QUEUE, raise_exception=True)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    return wrapper


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
    # The result count and the counters above the list, in one query.
    counts = reports.capped_counts({"total": tickets, **reports.queue_totals_querysets()}, cap=COUNT_CAP)
    found = counts.pop("total")
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
            "total": min(found, COUNT_CAP),
            "total_capped": found > COUNT_CAP,
            "totals": {"cap": COUNT_CAP, **counts},
            "query": params.urlencode(),
        },
        status=200 if filterset.form.is_valid() else 400,
    )


MY_WORK_LIMIT = 50


@advisor_required
@require_GET
def my_work(request):
    """The advisor's landing page: what is theirs now, what is overdue, what waits on the employer."""
    user = request.user
    today = timezone.localdate()
    mine = Ticket.objects.open().assigned_to_user(user).for_queue().in_queue_order()
    lists = {
        "mine": list(mine.exclude(status=TicketStatus.WAITING)[:MY_WORK_LIMIT]),
        "overdue": list(
            Ticket.objects.overdue(today=today)
            .exclude(status=TicketStatus.WAITING)
            .filter(Q(assigned_to=user) | Q(assigned_to__isnull=True))
            .for_queue()
            .in_queue_order()[:MY_WORK_LIMIT]
        ),
        "waiting": list(mine.filter(status=TicketStatus.WAITING)[:MY_WORK_LIMIT]),
    }
    first_unassigned = (
        Ticket.objects.open().filter(assigned_to__isnull=True, merged_into__isnull=True).in_queue_order().first()
    )
    return render(
        request, "helpdesk/my_work.html", {**lists, "limit": MY_WORK_LIMIT, "first_unassigned": first_unassigned}
    )


def _get_ticket(request, reference) -> Ticket:
    # has_merged: whether any duplicate was merged into it, so the page asks for them only then.
    merged = Ticket.objects.filter(merged_into=OuterRef("pk"))
    tickets = permissions.tickets_visible_to(request.user).for_detail().annotate(has_merged=Exists(merged))
    return get_object_or_404(tickets, reference=reference)


STANDARD_ANSWER_LIMIT = 30
MEASURE_RESULTS_LIMIT = 10


def _standard_answers(ticket, query: str, *, advisor) -> list[StandardAnswer]:
    """Active standard answers matching the search (title or text), those on this ticket's themes first."""
    answers = StandardAnswer.objects.filter(is_active=True)
    if query:
        answers = answers.filter(Q(title__icontains=query) | Q(body__icontains=query))
    theme_ids = [theme.pk for theme in ticket.themes.all()]
    on_theme = Exists(StandardAnswer.themes.through.objects.filter(standardanswer=OuterRef("pk"), theme__in=theme_ids))
    rows: list[StandardAnswer] = list(
        answers.annotate(on_theme=on_theme).order_by("-on_theme", "title")[:STANDARD_ANSWER_LIMIT]
    )
    for answer in rows:
        answer.rendered = answer.render(ticket=ticket, advisor=advisor)
    return rows


def _measure_picker(ticket, *, chosen_ids: list[int], query: str) -> dict:
    """The measure picker: chosen measures (as the employer will see them), the suggestions for this
    question's text, then the search results; each measure once, in that order."""
    chosen = list(Measure.objects.published().filter(pk__in=chosen_ids).order_by("title"))
    suggested = suggested_measures(f"{ticket.subject} {ticket.question}", limit=5)
    results = suggest_measures(query, limit=MEASURE_RESULTS_LIMIT) if query else []
    seen = {measure.pk for measure in chosen}
    groups = {"chosen": chosen, "suggested": [], "results": []}
    for name, measures in (("suggested", suggested), ("results", results)):
        for measure in measures:
            if measure.pk not in seen:
                seen.add(measure.pk)
                groups[name].append(measure)
    return groups


def _render_detail(request, ticket, *, status=200, compose_state=None, **forms):
    user = request.user
    state = compose_state or {}
    can_reply = permissions.can_reply(user, ticket)
    compose_form = forms.get("compose_form") or ComposeForm(ticket=ticket, can_reply=can_reply)
    thread = list(Message.objects.filter(ticket=ticket).for_thread())
    linked = {measure.pk: measure for message in thread if not message.is_note for measure in message.measures.all()}
    chosen_ids = state.get("measure_ids")
    if chosen_ids is None:
        chosen_ids = _posted_ids(compose_form.data.getlist("measures")) if compose_form.is_bound else []
    context = {
        "ticket": ticket,
        "thread": thread,
        "linked_measures": sorted(linked.values(), key=lambda measure: measure.title),
        "audit_events": list(AuditEvent.objects.filter(ticket=ticket).select_related("actor")[:30]),
        "compose_form": compose_form,
        "standard_query": state.get("standard_query", ""),
        "standard_answers": _standard_answers(ticket, state.get("standard_query", ""), advisor=user),
        "measure_query": state.get("measure_query", ""),
        "picker": _measure_picker(ticket, chosen_ids=chosen_ids, query=state.get("measure_query", "")),
        "chosen_ids": set(chosen_ids),
        "assign_form": forms.get("assign_form") or AssignForm(initial={"advisor": ticket.assigned_to_id}),
        "status_form": forms.get("status_form") or StatusForm(ticket=ticket),
        "close_form": forms.get("close_form") or CloseForm(),
        "merge_form": forms.get("merge_form") or MergeForm(ticket=ticket),
        "can_reply": can_reply,
        "can_note": permissions.can_add_note(user, ticket),
        "can_claim": permissions.can_claim(user, ticket),
        "can_assign": permissions.can_assign(user, ticket),
        "can_merge": permissions.can_merge(user, ticket),
        "can_close": permissions.can_close(user, ticket) and ticket.can_transition_to(TicketStatus.CLOSED),
        "can_change_status": permissions.can_change_status(user, ticket),
        "merged_tickets": list(Ticket.objects.merged_into_ticket(ticket)) if _has_merged(ticket) else [],
        "next_ticket": _next_ticket(user, ticket),
    }
    services.record_view(ticket=ticket, by=user, what="vraag")
    return render(request, "helpdesk/ticket_detail.html", context, status=status)


def _has_merged(ticket) -> bool:
    return getattr(ticket, "has_merged", True)  # not known (a ticket fetched elsewhere): ask


def _next_ticket(user, ticket) -> Ticket | None:
    """The next open ticket in queue order that this advisor can take: unassigned or their own."""
    return (
        Ticket.objects.open()
        .filter(merged_into__isnull=True)
        .filter(Q(assigned_to__isnull=True) | Q(assigned_to=user))
        .after_in_queue(ticket)
        .only("reference")
        .first()
    )


def _posted_ids(values: list[str]) -> list[int]:
    """Whole numbers only (a tampered value is dropped, never a 500)."""
    return [int(value) for value in values if value.isascii() and value.isdigit() and len(value) < 10]


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
    # can_claim: not yet assigned (a claim racing another one is decided in claim_ticket).
    if permissions.can_claim(request.user, ticket) and services.claim_ticket(ticket=ticket, by=request.user):
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


# Buttons in the composer that only re-render it (nothing is saved or sent).
COMPOSE_HELPERS = ("insert_standard", "search_standard", "search_measures")


@advisor_required
@require_POST
def ticket_compose(request, reference):
    """The one composer: an internal note, or (switch, matching button and tick) an answer to the employer."""
    ticket = _get_ticket(request, reference)
    action = request.POST.get("action", "")
    if action in COMPOSE_HELPERS:
        return _compose_helper(request, ticket, action)
    form = ComposeForm(
        request.POST, request.FILES, ticket=ticket, can_reply=permissions.can_reply(request.user, ticket)
    )
    if not form.is_valid():
        return _render_detail(request, ticket, compose_form=form, status=400)
    data = form.cleaned_data
    if form.is_reply:
        if action != ComposeKind.REPLY or not permissions.can_reply(request.user, ticket):
            raise PermissionDenied
        try:
            message = services.reply(
                ticket=ticket,
                by=request.user,
                body=data["body"],
                measures=data["measures"],
                files=data["attachments"],
                then_status=data["then_status"],
            )
        except InvalidTransition as error:
            return _refused(request, ticket, error)
        if report_files_not_stored(request, message, staff=True):
            return redirect(ticket.get_absolute_url())
        return _done(request, ticket, _("Het antwoord is verstuurd naar de werkgever."))
    if action != ComposeKind.NOTE or not permissions.can_add_note(request.user, ticket):
        raise PermissionDenied
    message = services.add_note(ticket=ticket, by=request.user, body=data["body"], files=data["attachments"])
    if report_files_not_stored(request, message, staff=True):
        return redirect(ticket.get_absolute_url())
    return _done(request, ticket, _("De interne notitie is opgeslagen (niet verstuurd)."))


def _compose_helper(request, ticket, action: str):
    """Without JavaScript: insert a standard answer, or search standard answers or measures, keeping
    everything typed and chosen so far. Nothing is saved or sent."""
    data = request.POST.copy()
    standard_query = data.get("standard_q", "").strip()[:200]
    measure_query = data.get("measure_q", "").strip()[:200]
    if action == "insert_standard":
        chosen = data.get("standard_answer", "")
        ids = _posted_ids([chosen])
        answer = StandardAnswer.objects.filter(is_active=True, pk=ids[0]).first() if ids else None
        if answer is not None:
            text = answer.render(ticket=ticket, advisor=request.user)
            current = data.get("body", "").strip()
            data["body"] = f"{current}\n\n{text}".strip() if current else text
    measure_ids = _posted_ids(data.getlist("measures"))
    initial = {
        "kind": data.get("kind") if data.get("kind") in (ComposeKind.NOTE, ComposeKind.REPLY) else ComposeKind.NOTE,
        "body": data.get("body", "")[: MAX_TEXT_LENGTH * 2],
        "measures": measure_ids,
    }
    if data.get("then_status"):
        initial["then_status"] = data["then_status"]
    form = ComposeForm(initial=initial, ticket=ticket, can_reply=permissions.can_reply(request.user, ticket))
    return _render_detail(
        request,
        ticket,
        compose_form=form,
        compose_state={"standard_query": standard_query, "measure_query": measure_query, "measure_ids": measure_ids},
    )


@advisor_required
@require_POST
def ticket_status(request, reference):
    ticket = _get_ticket(request, reference)
    if not permissions.can_change_status(request.user, ticket):
        raise PermissionDenied
    form = StatusForm(request.POST, ticket=ticket)
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
    services.audit(
        ticket=attachment.message.ticket, action=AuditAction.ATTACHMENT, actor=request.user, attachment=attachment.pk
    )
    return attachment_response(attachment)
