"""Views of the doe-netwerken."""

from django.shortcuts import render

from communities.views.examples import (
    example_decide,
    example_react,
    example_submit,
    moderation_queue,
    my_examples,
    reaction_decide,
)
from communities.views.role_models import role_model_consent, role_model_detail, role_model_list, role_model_photo


def index(request):
    return render(request, "communities/index.html")


__all__ = [
    "example_decide",
    "example_react",
    "example_submit",
    "index",
    "moderation_queue",
    "my_examples",
    "reaction_decide",
    "role_model_consent",
    "role_model_detail",
    "role_model_list",
    "role_model_photo",
]
