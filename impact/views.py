"""Pages of the impact report: list and request, progress, the report and its exports, partner
input, agreements, and the capacity dashboard. Thin: permissions, a form, a service or a query."""

import csv
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.permissions import HelpdeskPerm
from impact import capacity as capacity_figures
from impact import permissions, production, services
from impact.forms import AgreementForm, PartnerInputForm, ReportRequestForm
from impact.models import PartnerInput, Report, ReportStatus
from impact.periods import Period
from impact.presentation import SUPPRESSED_TEXT, cell_text, change_text, report_view

logger = logging.getLogger(__name__)


def _require_view(request):
    if not permissions.can_view_reports(request.user):
        raise PermissionDenied


@login_required
@require_GET
def report_list(request):
    _require_view(request)
    can_produce = permissions.can_produce_reports(request.user)
    return render(
        request,
        "impact/report_list.html",
        {
            "reports": permissions.reports_visible_to(request.user).for_list(),
            "in_progress": permissions.report_requests_visible_to(request.user)
            .exclude(status=ReportStatus.COMPLETE)
            .for_list(),
            "form": ReportRequestForm() if can_produce else None,
            "can_add_input": permissions.own_partner_organisation(request.user) is not None,
            "can_see_agreements": request.user.has_perm("impact.view_agreement"),
        },
    )


@login_required
@require_POST
def report_request(request):
    if not permissions.can_produce_reports(request.user):
        raise PermissionDenied
    form = ReportRequestForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "impact/report_list.html",
            {
                "reports": permissions.reports_visible_to(request.user).for_list(),
                "in_progress": Report.objects.exclude(status=ReportStatus.COMPLETE).for_list(),
                "form": form,
                "can_see_agreements": request.user.has_perm("impact.view_agreement"),
            },
            status=400,
        )
    report = services.request_report(period=form.period, by=request.user)
    if report.is_complete:
        messages.info(request, _("Voor deze periode bestaat al een rapportage; je ziet die hieronder."))
        return redirect(report)
    return redirect("impact:report_progress", pk=report.pk)


@login_required
@require_GET
def report_progress(request, pk):
    report = get_object_or_404(permissions.report_requests_visible_to(request.user).defer("data"), pk=pk)
    if report.is_complete:
        return redirect(report)
    return render(
        request,
        "impact/report_progress.html",
        {
            "report": report,
            "period": Period(report.period_start, report.period_end),
            "progress": production.report_progress(report.pk),
        },
    )


def _complete_report(request, pk) -> Report:
    return get_object_or_404(permissions.reports_visible_to(request.user), pk=pk)


def _context(request, report: Report) -> dict:
    own = permissions.own_partner_organisation(request.user)
    return {
        "report": report,
        "period": Period(report.period_start, report.period_end),
        "periods": report.data["periods"],
        "sections": report_view(report.data, own_organisation_id=own.pk if own else None),
        "own_organisation": own,
        "agreements": report.data.get("agreements", []),
        "partner_input": report.data.get("partner_input", []),
        "suppressed_text": SUPPRESSED_TEXT,
    }


@login_required
@require_GET
def report_detail(request, pk):
    report = _complete_report(request, pk)
    return render(request, "impact/report_detail.html", _context(request, report))


@login_required
@require_GET
def report_pdf(request, pk):
    report = _complete_report(request, pk)
    try:
        from menukaart.pdf import render_pdf  # WeasyPrint is heavy: load it only when a PDF is asked for
    except (ImportError, OSError):
        logger.exception("PDF export unavailable")
        return render(request, "menukaart/pdf_unavailable.html", status=503)
    html = render_to_string("impact/report_pdf.html", _context(request, report), request=request)
    response = HttpResponse(
        render_pdf(html=html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="impactrapportage-{Period(report.period_start, report.period_end).code}.pdf"'
    )
    return response


def _safe_cell(value) -> str:
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


@login_required
@require_GET
def report_csv(request, pk):
    """Every figure, one line per row and period; suppressed cells say so (never the value)."""
    report = _complete_report(request, pk)
    periods = report.data["periods"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="impactrapportage-{Period(report.period_start, report.period_end).code}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [_("Onderdeel"), _("Cijfer"), _("Code"), _("Rij"), _("Periode"), _("Waarde"), _("Eenheid"), _("Onderdrukt")]
    )
    for figure in report.data["figures"]:
        for row in figure["rows"]:
            labelled = [*zip([p["label"] for p in periods], row["cells"], strict=True)]
            labelled.append((_("verschil met vorige periode"), row["change"]))
            for label, cell in labelled:
                suppressed = cell.get("suppressed", False)
                format_cell = change_text if cell is row["change"] else cell_text
                shown = format_cell(cell, figure["unit"])
                writer.writerow(
                    [
                        figure["section"],
                        _safe_cell(figure["title"]),
                        figure["key"],
                        _safe_cell(row["label"]),
                        label,
                        "" if suppressed else _safe_cell(shown),
                        figure["unit"],
                        _("ja (minder dan 5)") if suppressed else "",
                    ]
                )
    return response


@login_required
@require_GET
def report_json(request, pk):
    report = _complete_report(request, pk)
    response = JsonResponse(
        {"report": report.pk, "completed_at": report.completed_at.isoformat(), **report.data},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Content-Disposition"] = (
        f'attachment; filename="impactrapportage-{Period(report.period_start, report.period_end).code}.json"'
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def partner_input(request):
    """Partner staff record what they heard, for their own organisation."""
    organisation = permissions.own_partner_organisation(request.user)
    if organisation is None:
        raise PermissionDenied
    today = timezone.localdate()
    data = request.POST if request.method == "POST" else None
    chosen = request.POST.get("half_year") or request.GET.get("halfjaar") or ""
    probe = PartnerInputForm(today=today)
    period = probe.periods.get(chosen) or next(iter(probe.periods.values()))
    instance = permissions.partner_inputs_editable_by(request.user).filter(
        period_start=period.start, period_end=period.end
    ).first() or PartnerInput(organisation=organisation, period_start=period.start, period_end=period.end)
    form = PartnerInputForm(data, instance=instance, today=today, initial={"half_year": period.code})
    if request.method == "POST" and form.is_valid():
        services.save_partner_input(form=form, organisation=organisation, by=request.user)
        messages.success(request, _("Jullie inbreng voor %(period)s is opgeslagen.") % {"period": form.period.label})
        return redirect(f"{request.path}?halfjaar={form.period.code}")
    return render(
        request,
        "impact/partner_input.html",
        {"form": form, "organisation": organisation, "period": period},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@permission_required("impact.view_agreement", raise_exception=True)
@require_http_methods(["GET", "POST"])
def agreement_list(request):
    can_edit = permissions.can_record_agreements(request.user)
    form = AgreementForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("De afspraak is vastgelegd."))
            return redirect("impact:agreement_list")
    return render(
        request,
        "impact/agreement_list.html",
        {"agreements": permissions.agreements_visible_to(request.user), "form": form, "can_edit": can_edit},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@permission_required("impact.change_agreement", raise_exception=True)
@require_http_methods(["GET", "POST"])
def agreement_edit(request, pk):
    agreement = get_object_or_404(permissions.agreements_visible_to(request.user), pk=pk)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("De afspraak is bijgewerkt."))
        return redirect("impact:agreement_list")
    return render(
        request,
        "impact/agreement_edit.html",
        {"form": form, "agreement": agreement},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@permission_required(HelpdeskPerm.VIEW_CAPACITY, raise_exception=True)
@require_GET
def capacity(request):
    """The capacity dashboard: today's queue, with the report's definitions."""
    return render(request, "impact/capacity.html", capacity_figures.dashboard(today=timezone.localdate()))
