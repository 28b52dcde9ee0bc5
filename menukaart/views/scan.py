""" "Waar sta je?": the self-scan, its result with recommended measures, and progress over time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from menukaart import selfscan
from menukaart.forms import KeyFigureForm, ScanStartForm, ScanStepForm
from menukaart.models import KeyFigure, PlanItem, Scan
from menukaart.services import (
    complete_scan,
    find_plan,
    save_key_figure,
    save_scan_answers,
    start_scan,
)


def _visible_scans(request):
    return Scan.objects.visible_to(user=request.user, session=request.session)


def _profile_initial(user) -> dict:
    organisation = getattr(user, "organisation", None) if user.is_authenticated else None
    if organisation is None:
        return {}
    return {"size_band": organisation.size_band, "sector": organisation.sector}


@require_http_methods(["GET", "POST"])
def scan_start(request):
    form = ScanStartForm(request.POST or None, initial=_profile_initial(request.user))
    if request.method == "POST" and form.is_valid():
        scan = start_scan(
            user=request.user,
            session=request.session,
            size_band=form.cleaned_data["size_band"],
            sector=form.cleaned_data["sector"],
        )
        return redirect("menukaart:scan_step", pk=scan.pk, number=1)
    unfinished = _visible_scans(request).filter(completed_at__isnull=True).order_by("-created_at").first()
    latest = _visible_scans(request).completed().first()
    return render(
        request,
        "menukaart/scan_start.html",
        {
            "form": form,
            "unfinished": unfinished,
            "latest": latest,
            "question_count": len(selfscan.QUESTIONS),
            "steps": selfscan.STEPS,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def scan_step(request, pk, number):
    scan = get_object_or_404(_visible_scans(request), pk=pk)
    if not 1 <= number <= len(selfscan.STEPS):
        raise Http404(_("Deze stap bestaat niet."))
    step_slug, step_label = selfscan.STEPS[number - 1]
    questions = selfscan.questions_for_step(step_slug)
    form = ScanStepForm(request.POST or None, questions=questions, initial=scan.answer_map())
    if request.method == "POST" and form.is_valid():
        save_scan_answers(scan=scan, answers=form.answers())
        if number < len(selfscan.STEPS) and "naar_resultaat" not in request.POST:
            return redirect("menukaart:scan_step", pk=scan.pk, number=number + 1)
        if complete_scan(scan=scan):
            return redirect("menukaart:scan_result", pk=scan.pk)
        # Came back to an earlier step and skipped one: send them to the first step with a gap.
        answered = scan.answer_map()
        for index, (slug, _label) in enumerate(selfscan.STEPS, start=1):
            if any(q.key not in answered for q in selfscan.questions_for_step(slug)):
                messages.info(request, _("Er staan nog vragen open in deze stap."))
                return redirect("menukaart:scan_step", pk=scan.pk, number=index)
    return render(
        request,
        "menukaart/scan_step.html",
        {
            "scan": scan,
            "form": form,
            "number": number,
            "step_label": step_label,
            "step_count": len(selfscan.STEPS),
            "steps": [label for _slug, label in selfscan.STEPS],
            "previous": number - 1 if number > 1 else None,
            "is_last": number == len(selfscan.STEPS),
        },
        status=400 if request.method == "POST" else 200,
    )


def _plan_measure_ids(request) -> set[int]:
    plan = find_plan(user=request.user, session=request.session)
    return set(plan.items.values_list("measure_id", flat=True)) if plan else set()


@require_GET
def scan_result(request, pk):
    scan = get_object_or_404(_visible_scans(request).with_answers(), pk=pk)
    answers = scan.answer_map()
    if not scan.is_complete:
        return redirect("menukaart:scan_step", pk=scan.pk, number=1)
    profile = selfscan.score(answers)
    gaps = selfscan.recommend(answers, size_band=scan.size_band, sector=scan.sector)
    previous = None
    if request.user.is_authenticated:
        earlier = (
            _visible_scans(request).completed().filter(completed_at__lt=scan.completed_at).with_answers().first()
        )
        if earlier is not None:
            previous = {"scan": earlier, "profile": selfscan.score(earlier.answer_map())}
    return render(
        request,
        "menukaart/scan_result.html",
        {
            "scan": scan,
            "profile": profile,
            "gaps": gaps,
            "previous": previous,
            "rows": _compare_rows(profile, previous["profile"] if previous else None),
            "plan_measure_ids": _plan_measure_ids(request),
            "suggest_cbs": scan.size_band in {"50-249", "250+"},
        },
    )


def _compare_rows(profile, earlier) -> list[dict]:
    rows = []
    for index, area in enumerate(profile.areas):
        before = earlier.areas[index] if earlier else None
        change = None
        if before is not None and before.score is not None and area.score is not None:
            change = round(area.score - before.score, 1)
        rows.append({"area": area, "before": before, "change": change, "is_step": index < len(profile.steps)})
    return rows


@login_required
@require_GET
def scan_progress(request):
    """Every scan of the account over time, beside the plan's progress and the own key figures."""
    scans = list(_visible_scans(request).completed().with_answers().order_by("completed_at"))
    history = [{"scan": scan, "profile": selfscan.score(scan.answer_map())} for scan in scans]
    plan = find_plan(user=request.user, session=request.session)
    items = list(plan.items.for_plan_page().filter(measure__status="published")) if plan else []
    counts = {value: 0 for value in PlanItem.Progress.values}
    for item in items:
        counts[item.progress] += 1
    area_rows = []
    for index, (_slug, label) in enumerate([*selfscan.STEPS, *selfscan.LEVELS]):
        area_rows.append(
            {
                "label": label,
                "is_step": index < len(selfscan.STEPS),
                "scores": [entry["profile"].areas[index] for entry in history],
            }
        )
    return render(
        request,
        "menukaart/scan_progress.html",
        {
            "history": history,
            "recent": history[-4:],
            "area_rows": area_rows,
            "items": items,
            "progress_counts": [(label, counts[value]) for value, label in PlanItem.Progress.choices],
            "key_figures": KeyFigure.objects.filter(user=request.user),
            "figure_form": KeyFigureForm(),
            "unfinished": _visible_scans(request).filter(completed_at__isnull=True).first(),
        },
    )


@login_required
@require_POST
def key_figure_add(request):
    form = KeyFigureForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        save_key_figure(
            user=request.user,
            year=data["year"],
            group=data["group"],
            headcount=data["headcount"],
            inflow=data["inflow"],
            throughflow=data["throughflow"],
            outflow=data["outflow"],
        )
        messages.success(request, _("Je kerncijfers zijn opgeslagen."))
        return redirect("menukaart:scan_progress")
    return render(request, "menukaart/key_figure_form.html", {"figure_form": form}, status=400)


@login_required
@require_POST
def key_figure_delete(request, pk):
    figure = get_object_or_404(KeyFigure.objects.filter(user=request.user), pk=pk)
    figure.delete()
    messages.success(request, _("De kerncijfers zijn verwijderd."))
    return redirect("menukaart:scan_progress")
