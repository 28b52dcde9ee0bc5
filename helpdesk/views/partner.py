"""Pages for partner helpdesk staff: refer a member's question, follow their organisation's referrals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from helpdesk import services
from helpdesk.forms import ReferralForm
from helpdesk.models import Message, Ticket
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


@login_required
@permission_required("helpdesk.view_own_organisation_tickets", raise_exception=True)
@require_GET
def referral_list(request):
    page = page_number(request)
    offset = (page - 1) * PAGE_SIZE
    rows = list(_own_referrals(request.user).for_queue().order_by("-created_at")[offset : offset + PAGE_SIZE + 1])
    return render(
        request,
        "helpdesk/referral_list.html",
        {
            "tickets": rows[:PAGE_SIZE],
            "page": page,
            "has_next": len(rows) > PAGE_SIZE,
            "can_refer": is_referring_partner(request.user),
        },
    )


@login_required
@permission_required("helpdesk.view_own_organisation_tickets", raise_exception=True)
@require_GET
def referral_detail(request, reference):
    ticket = get_object_or_404(_own_referrals(request.user).for_detail(), reference=reference)
    shows_answer = partner_sees_answer(request.user, ticket)
    thread = list(Message.objects.filter(ticket=ticket).public().for_thread()) if shows_answer else []
    services.record_view(ticket=ticket, by=request.user, what="doorverwijzing")
    return render(
        request, "helpdesk/referral_detail.html", {"ticket": ticket, "thread": thread, "shows_answer": shows_answer}
    )
