"""Pages for partner helpdesk staff: refer a member's question, follow their organisation's referrals."""

import django_filters
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.models import OutboxMessage
from helpdesk import services
from helpdesk.forms import ReferralForm
from helpdesk.models import Message, Ticket, TicketStatus
from helpdesk.permissions import is_referring_partner, partner_sees_answer
from helpdesk.views.common import page_number

PAGE_SIZE = 50


def _own_referrals(user):
    """Only ever the user's own organisation's referrals, whatever else the user may see."""
    if not user.organisation_id:
        return Ticket.objects.none()
    return Ticket.objects.filter(referring_organisation_id=user.organisation_id)


@login_required
@require_http_methods(["GET", "POST"])
def refer(request):
    if not is_referring_partner(request.user):
        raise PermissionDenied
    form = ReferralForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "helpdesk/refer.html", {"form": form}, status=400)
        data = form.cleaned_data
        ticket = services.refer_question(
            by=request.user,
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
            consent_processing=data["consent_processing"],
            consent_share_with_partner=data["consent_share_with_partner"],
            priority=data["priority"],
        )
        messages.success(
            request, _("De vraag is doorverwezen onder nummer %(reference)s.") % {"reference": ticket.reference}
        )
        return redirect("helpdesk:referral_detail", reference=ticket.reference)
    return render(request, "helpdesk/refer.html", {"form": form})


class ReferralFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=TicketStatus.choices, empty_label=_("Alle statussen")
    )

    class Meta:
        model = Ticket
        fields = ["status"]


DUE_LIMIT = 10


@login_required
@permission_required("helpdesk.view_own_organisation_tickets", raise_exception=True)
@require_GET
def referral_list(request):
    """The partner workspace (landing page after log-in): referrals by status, what is due, refer."""
    referrals = _own_referrals(request.user)
    filterset = ReferralFilter(request.GET, queryset=referrals)
    page = page_number(request)
    offset = (page - 1) * PAGE_SIZE
    rows = list(filterset.qs.for_queue().order_by("-created_at")[offset : offset + PAGE_SIZE + 1])
    counts = dict(referrals.order_by().values_list("status").annotate(total=Count("pk")))
    by_status = [
        {"value": value, "label": label, "count": counts.get(value, 0)} for value, label in TicketStatus.choices
    ]
    due = list(
        referrals.open()
        .only("reference", "subject", "employer_name", "status", "due_date")
        .order_by("due_date", "created_at")[:DUE_LIMIT]
    )
    params = request.GET.copy()
    params.pop("pagina", None)
    return render(
        request,
        "helpdesk/referral_list.html",
        {
            "filter": filterset,
            "tickets": rows[:PAGE_SIZE],
            "page": page,
            "has_next": len(rows) > PAGE_SIZE,
            "by_status": by_status,
            "total": sum(counts.values()),
            "due": due,
            "query": params.urlencode(),
            "can_refer": is_referring_partner(request.user),
        },
        status=200 if filterset.form.is_valid() else 400,
    )


def employer_mail_state(ticket: Ticket) -> dict:
    """Whether the employer was e-mailed about this referral (the confirmation with the follow link)."""
    if not ticket.contact_email:
        return {"state": "no_address"}
    mail = (
        OutboxMessage.objects.about(ticket)
        .filter(to__iexact=ticket.contact_email)
        .only("status", "sent_at", "created_at")
        .order_by("created_at", "pk")
        .first()
    )
    if mail is None:
        return {"state": "none"}
    return {"state": mail.status, "sent_at": mail.sent_at}


@login_required
@permission_required("helpdesk.view_own_organisation_tickets", raise_exception=True)
@require_GET
def referral_detail(request, reference):
    ticket = get_object_or_404(_own_referrals(request.user).for_detail(), reference=reference)
    shows_answer = partner_sees_answer(request.user, ticket)
    thread = list(Message.objects.filter(ticket=ticket).public().for_thread()) if shows_answer else []
    services.record_view(ticket=ticket, by=request.user, what="doorverwijzing")
    return render(
        request,
        "helpdesk/referral_detail.html",
        {"ticket": ticket, "thread": thread, "shows_answer": shows_answer, "mail": employer_mail_state(ticket)},
    )
