from django.shortcuts import get_object_or_404, render

from menukaart.models import Measure


def measure_list(request):
    measures = Measure.objects.published().for_catalogue()
    return render(request, "menukaart/measure_list.html", {"measures": measures})


def measure_detail(request, slug):
    measure = get_object_or_404(Measure.objects.published(), slug=slug)
    return render(request, "menukaart/measure_detail.html", {"measure": measure})
