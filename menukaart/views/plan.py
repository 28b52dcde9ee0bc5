""" "Mijn menukaart": a visitor's own plan, with or without an account, its exports and its share link."""

import csv
import logging

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from menukaart.forms import PlanItemFormSet
from menukaart.models import Measure, Plan, PlanItem, Scan
from menukaart.services import (
    add_to_plan,
    find_plan,
    get_or_create_plan,
    remove_from_plan,
    renumber_plan,
    revoke_share,
    share_plan,
    shared_plan_for_token,
)

logger = logging.getLogger(__name__)
PLAN_ITEM_FIELDS = ["position", "owner", "start_month", "note", "progress", "started_on", "done_on"]

# The session key that carries a new share link's token from "make a link" to the plan page, once.
NEW_SHARE_LINK_SESSION_KEY = "menukaart:new-share-link"


def _back(request, fallback: str):
    """Back to the page the button was on: only a path on this site. A bare word ("ja", "0") is not
    a path: redirect() would try it as a URL name and fail with a 500 (issue 7, finding 7)."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


def _items(plan: Plan | None):
    if plan is None:
        return PlanItem.objects.none()
    return plan.items.for_plan_page().filter(measure__status="published")


def _export_context(request, plan: Plan | None) -> dict:
    """The whole plan with the latest completed self-scan of the same visitor, for print and PDF."""
    from menukaart import selfscan

    items = plan.items.for_export().filter(measure__status="published") if plan else PlanItem.objects.none()
    scan = Scan.objects.visible_to(user=request.user, session=request.session).completed().with_answers().first()
    return {
        "plan": plan,
        "items": items,
        "scan": scan,
        "scan_profile": selfscan.score(scan.answer_map()) if scan else None,
        "site_url": request.build_absolute_uri("/").rstrip("/"),
    }


def _added_message(measure: Measure) -> str:
    return format_html(
        _("'{title}' staat nu in je menukaart. <a href=\"{url}\">Bekijk je menukaart</a>"),
        title=measure.title,
        url=reverse("menukaart:plan"),
    )


@require_http_methods(["GET", "POST"])
def plan_detail(request):
    plan = find_plan(user=request.user, session=request.session)
    formset = PlanItemFormSet(request.POST or None, queryset=_items(plan), prefix="items")
    if request.method == "POST" and plan is not None and formset.is_valid():
        with transaction.atomic():
            for form in formset.deleted_forms:
                if form.instance.pk:
                    form.instance.delete()
            for item in formset.save(commit=False):
                item.save(update_fields=PLAN_ITEM_FIELDS)
            renumber_plan(plan=plan)
        messages.success(request, _("Je menukaart is opgeslagen."))
        return redirect("menukaart:plan")
    # The share link is shown once, right after it was made: only its hash is stored.
    new_token = request.session.pop(NEW_SHARE_LINK_SESSION_KEY, "")
    share_url = (
        request.build_absolute_uri(reverse("menukaart:shared_plan", args=[new_token]))
        if plan and new_token and plan.share_token_hash == Plan.hash_token(new_token)
        else ""
    )
    status = 400 if request.method == "POST" else 200
    return render(
        request, "menukaart/plan_detail.html", {"plan": plan, "formset": formset, "share_url": share_url}, status=status
    )


@require_POST
def plan_add(request, slug):
    measure = get_object_or_404(Measure.objects.published(), slug=slug)
    plan = get_or_create_plan(user=request.user, session=request.session)
    if add_to_plan(plan=plan, measure=measure):
        messages.success(request, _added_message(measure))
    else:
        messages.info(
            request,
            format_html(
                _("'{title}' stond al in je menukaart. <a href=\"{url}\">Bekijk je menukaart</a>"),
                title=measure.title,
                url=reverse("menukaart:plan"),
            ),
        )
    return _back(request, measure.get_absolute_url())


@require_POST
def plan_remove(request, slug):
    measure = get_object_or_404(Measure.objects.all(), slug=slug)
    plan = find_plan(user=request.user, session=request.session)
    if plan is not None and remove_from_plan(plan=plan, measure=measure):
        messages.success(request, _("'%(title)s' is uit je menukaart gehaald.") % {"title": measure.title})
    return _back(request, reverse("menukaart:plan"))


@require_POST
def plan_share(request):
    plan = find_plan(user=request.user, session=request.session)
    if plan is None:
        messages.error(request, _("Je menukaart is nog leeg. Voeg eerst een maatregel toe."))
    else:
        request.session[NEW_SHARE_LINK_SESSION_KEY] = share_plan(plan=plan)
        messages.success(request, _("Er is een nieuwe deellink gemaakt. Een eerdere link werkt niet meer."))
    return redirect("menukaart:plan")


@require_POST
def plan_unshare(request):
    plan = find_plan(user=request.user, session=request.session)
    if plan is not None and plan.is_shared:
        revoke_share(plan=plan)
        messages.success(request, _("De deellink werkt niet meer."))
    return redirect("menukaart:plan")


@require_GET
def shared_plan(request, token):
    """Read-only view of a plan for whoever has its link; no way to change it from here."""
    plan = shared_plan_for_token(token)
    if plan is None:
        raise Http404
    response = render(request, "menukaart/plan_shared.html", {"plan": plan, "items": _items(plan)})
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


def _safe_cell(value: str) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


@require_GET
def plan_export_csv(request):
    plan = find_plan(user=request.user, session=request.session)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-menukaart.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [_("Volgorde"), _("Maatregel"), _("Samenvatting"), _("Eigenaar"), _("Startmaand"), _("Notitie"),
         _("Inspanning"), _("Kosten"), _("Link")]
    )  # fmt: skip
    for item in _items(plan):
        measure = item.measure
        writer.writerow(
            [
                item.position,
                _safe_cell(measure.title),
                _safe_cell(measure.summary),
                _safe_cell(item.owner),
                item.start_month.strftime("%Y-%m") if item.start_month else "",
                _safe_cell(item.note),
                measure.get_effort_display(),
                measure.get_cost_display(),
                request.build_absolute_uri(measure.get_absolute_url()),
            ]
        )
    return response


@require_GET
def plan_print(request):
    """The whole plan as a page to print (the print button needs JavaScript; the browser's menu does not)."""
    plan = find_plan(user=request.user, session=request.session)
    return render(request, "menukaart/plan_print.html", _export_context(request, plan))


@require_GET
def plan_export_pdf(request):
    try:
        from menukaart.pdf import render_pdf  # WeasyPrint is heavy: load it only when a PDF is asked for
    except (ImportError, OSError):  # WeasyPrint or the system libraries it needs (Pango) are missing
        logger.exception("PDF export unavailable")
        return render(request, "menukaart/pdf_unavailable.html", status=503)

    plan = find_plan(user=request.user, session=request.session)
    html = render_to_string("menukaart/plan_pdf.html", _export_context(request, plan), request=request)
    pdf = render_pdf(html=html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="mijn-menukaart.pdf"'
    return response
