from django.urls import path

import core.converters  # noqa: F401  (registers the linktoken converter)
from reach import views

app_name = "newsletter"
urlpatterns = [
    path("", views.newsletter_subscribe, name="subscribe"),
    path("bevestigen/<linktoken:token>/", views.newsletter_confirm, name="confirm"),
    path("afmelden/<str:token>/", views.newsletter_unsubscribe, name="unsubscribe"),
]
