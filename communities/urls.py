from django.urls import path

import core.converters  # noqa: F401  (registers the linktoken converter)
from communities import views

app_name = "communities"
urlpatterns = [
    path("", views.index, name="index"),
    # Good examples: send in, react, own overview; editors moderate.
    path("goede-voorbeelden/insturen/", views.example_submit, name="example_submit"),
    path("goede-voorbeelden/mijn/", views.my_examples, name="my_examples"),
    path("goede-voorbeelden/<slug:slug>/reageren/", views.example_react, name="example_react"),
    path("moderatie/", views.moderation_queue, name="moderation"),
    path("moderatie/voorbeeld/<int:pk>/", views.example_decide, name="example_decide"),
    path("moderatie/reactie/<int:pk>/", views.reaction_decide, name="reaction_decide"),
    # Role models: public profiles; the person's private consent page.
    path("rolmodellen/", views.role_model_list, name="role_model_list"),
    path("rolmodellen/toestemming/<linktoken:token>/", views.role_model_consent, name="role_model_consent"),
    path("rolmodellen/<slug:slug>/", views.role_model_detail, name="role_model_detail"),
    path("rolmodellen/<slug:slug>/foto/", views.role_model_photo, name="role_model_photo"),
]
